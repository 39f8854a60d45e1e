from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhub.core.forms import saved
from unionhub.core.paging import page_of

from . import selectors, services
from .forms import (
    CaseFilter,
    CaseForm,
    ContractFilter,
    ContractForm,
    LawyerForm,
    MonitoringFilter,
    MonitoringForm,
    StatusForm,
)
from .models import Status


@login_required
@permission_required("legal.view_case", raise_exception=True)
def cases(request):
    qs = selectors.cases_for_user(request.user)
    filters = CaseFilter(request.GET, queryset=qs)
    return render(request, "legal/cases.html", {"filters": filters, "page": page_of(request, filters.qs)})


@login_required
@permission_required("legal.add_case", raise_exception=True)
def intake(request):
    """受理登记: the quick form filled in during a call or a visit."""
    form = CaseForm(request.POST or None, user=request.user, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_intake(
                case=form.save(commit=False),
                applicant_id_number=form.cleaned_data["applicant_id_number"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("案件 %(n)s 已受理") % {"n": case.number})
            return redirect("legal:case", case.pk)
    return render(request, "legal/case_form.html", {"form": form, "title": _("受理登记")})


@login_required
@permission_required("legal.view_case", raise_exception=True)
def case_detail(request, pk):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "legal/case_detail.html",
        {
            "case": case,
            "events": selectors.case_timeline(case),
            "history": selectors.case_history(case),
            "status_form": StatusForm(initial={"status": _next_status(case)}),
            "can_move": bool(services.TRANSITIONS[case.status]),
        },
    )


def _next_status(case):
    return Status.IN_PROGRESS if case.status == Status.RECEIVED else Status.CLOSED


@login_required
@permission_required("legal.change_case", raise_exception=True)
def case_edit(request, pk):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    form = CaseForm(request.POST or None, instance=case, user=request.user)
    if saved(request, form, lambda c: services.case_update(case=c, by=request.user)):
        return redirect("legal:case", case.pk)
    return render(request, "legal/case_form.html", {"form": form, "case": case, "title": _("修改案件")})


@require_POST
@login_required
@permission_required("legal.change_case", raise_exception=True)
def case_status(request, pk):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.case_change_status(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("状态已改为“%(s)s”") % {"s": form.cleaned_data["status"]})
            return redirect("legal:case", case.pk)
    return render(
        request,
        "legal/case_detail.html",
        {"case": case, "events": selectors.case_timeline(case), "status_form": form, "can_move": True},
        status=400,
    )


@login_required
@permission_required("legal.view_case", raise_exception=True)
def near_limit(request):
    today = timezone.localdate()
    return render(
        request,
        "legal/near_limit.html",
        {"cases": selectors.cases_near_limit(user=request.user, today=today), "today": today},
    )


@login_required
@permission_required("legal.view_lawyer", raise_exception=True)
def lawyers(request):
    form = LawyerForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("legal.add_lawyer"):
            raise PermissionDenied
        if form.is_valid():
            services.lawyer_add(lawyer=form.save(commit=False), by=request.user)
            messages.success(request, _("已登记律师"))
            return redirect("legal:lawyers")
    return render(
        request, "legal/lawyers.html", {"lawyers": selectors.lawyers_for_user(request.user), "form": form}
    )


# -- collective contracts and labour-relations monitoring -----------------------------------------


@login_required
@permission_required("legal.view_collectivecontract", raise_exception=True)
def contracts(request):
    filters = ContractFilter(request.GET, queryset=selectors.contracts_for_user(request.user))
    return render(
        request,
        "legal/contracts.html",
        {"filters": filters, "page": page_of(request, filters.qs), "today": timezone.localdate()},
    )


@login_required
@permission_required("legal.view_collectivecontract", raise_exception=True)
def contracts_expiring(request):
    today = timezone.localdate()
    return render(
        request,
        "legal/contracts_expiring.html",
        {"contracts": selectors.contracts_expiring(user=request.user, today=today), "today": today},
    )


def _record_form(request, form_class, save, *, record, title, back, index, done):
    """The add and edit pages of a contract or a report: the form, then the service (which
    re-checks scope and the rules); its errors go back to the form, nothing is written."""
    form = form_class(request.POST or None, instance=record, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, done % {"n": saved.number})
            return redirect(back, saved.pk)
    return render(
        request,
        "legal/record_form.html",
        {"form": form, "title": title, "record": record, "back": back, "index": index},
    )


def _save_contract(request):
    def save(form):
        covered = services.covered_employers_parse(
            codes=form.cleaned_data["covered_codes"], user=request.user
        )
        return services.contract_save(contract=form.save(commit=False), covered=covered, by=request.user)

    return save


@login_required
@permission_required("legal.add_collectivecontract", raise_exception=True)
def contract_add(request):
    return _record_form(
        request,
        ContractForm,
        _save_contract(request),
        record=None,
        title=_("登记集体合同"),
        back="legal:contract",
        index="legal:contracts",
        done=_("集体合同 %(n)s 已保存"),
    )


@login_required
@permission_required("legal.change_collectivecontract", raise_exception=True)
def contract_edit(request, pk):
    contract = selectors.contract_get_for_user(user=request.user, pk=pk)
    return _record_form(
        request,
        ContractForm,
        _save_contract(request),
        record=contract,
        title=_("修改集体合同"),
        back="legal:contract",
        index="legal:contracts",
        done=_("集体合同 %(n)s 已保存"),
    )


@login_required
@permission_required("legal.view_collectivecontract", raise_exception=True)
def contract_detail(request, pk):
    contract = selectors.contract_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "legal/contract_detail.html",
        {
            "contract": contract,
            "covered": selectors.contract_covered(contract),
            "in_force": contract.in_force_on(timezone.localdate()),
            "history": selectors.contract_history(contract),
        },
    )


@login_required
@permission_required("legal.view_monitoringreport", raise_exception=True)
def monitoring(request):
    filters = MonitoringFilter(request.GET, queryset=selectors.monitoring_for_user(request.user))
    return render(
        request, "legal/monitoring.html", {"filters": filters, "page": page_of(request, filters.qs)}
    )


def _save_report(request):
    return lambda form: services.monitoring_save(report=form.save(commit=False), by=request.user)


@login_required
@permission_required("legal.add_monitoringreport", raise_exception=True)
def monitoring_add(request):
    return _record_form(
        request,
        MonitoringForm,
        _save_report(request),
        record=None,
        title=_("登记监测报告"),
        back="legal:monitoring_report",
        index="legal:monitoring",
        done=_("监测报告 %(n)s 已保存"),
    )


@login_required
@permission_required("legal.change_monitoringreport", raise_exception=True)
def monitoring_edit(request, pk):
    report = selectors.monitoring_get_for_user(user=request.user, pk=pk)
    return _record_form(
        request,
        MonitoringForm,
        _save_report(request),
        record=report,
        title=_("修改监测报告"),
        back="legal:monitoring_report",
        index="legal:monitoring",
        done=_("监测报告 %(n)s 已保存"),
    )


@login_required
@permission_required("legal.view_monitoringreport", raise_exception=True)
def monitoring_detail(request, pk):
    report = selectors.monitoring_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "legal/monitoring_detail.html",
        {"report": report, "history": selectors.monitoring_history(report)},
    )
