from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.core.forms import form_page, posted_form, record_form_page, record_form_views, saved
from unionhub.core.pages import permission_page
from unionhub.core.paging import render_list

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
from .models import CollectiveContract, MonitoringReport, Status


@permission_page("legal.view_case")
def cases(request):
    filters = CaseFilter(request.GET, queryset=selectors.cases_for_user(request.user))
    return render_list(request, "legal/cases.html", filters)


@permission_page("legal.add_case")
def intake(request):
    """受理登记: the quick form filled in during a call or a visit."""
    form = CaseForm(request.POST or None, user=request.user, initial={"received_on": timezone.localdate()})
    return form_page(
        request,
        "legal/form.html",
        form,
        lambda f: services.case_intake(
            case=f.save(commit=False),
            applicant_id_number=f.cleaned_data["applicant_id_number"],
            by=request.user,
        ),
        done=lambda case: _("案件 %(n)s 已受理") % {"n": case.number},
        title=_("受理登记"),
        back=reverse("legal:cases"),
    )


@permission_page("legal.view_case")
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


@permission_page("legal.change_case")
def case_edit(request, pk):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    return record_form_page(
        request,
        "legal/form.html",
        CaseForm,
        case,
        lambda f: services.case_update(case=f.save(commit=False), by=request.user),
        titles=(_("受理登记"), _("修改案件")),
        index="legal:cases",
    )


@permission_page("legal.change_case", post=True)
def case_status(request, pk):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    form = StatusForm(request.POST)
    return posted_form(
        request,
        form,
        lambda f: services.case_change_status(case=case, by=request.user, **f.cleaned_data),
        done=lambda _moved: _("状态已改为“%(s)s”") % {"s": form.cleaned_data["status"]},
        then=case,
        page=lambda f: render(
            request,
            "legal/case_detail.html",
            {"case": case, "events": selectors.case_timeline(case), "status_form": f, "can_move": True},
        ),
    )


@permission_page("legal.view_case")
def near_limit(request):
    today = timezone.localdate()
    return render(
        request,
        "legal/near_limit.html",
        {"cases": selectors.cases_near_limit(user=request.user, today=today), "today": today},
    )


@permission_page("legal.view_lawyer")
def lawyers(request):
    form = LawyerForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("legal.add_lawyer"):
            raise PermissionDenied
        if saved(
            request,
            form,
            lambda lawyer: services.lawyer_add(lawyer=lawyer, by=request.user),
            done=_("已登记律师"),
        ):
            return redirect("legal:lawyers")
    return render(
        request, "legal/lawyers.html", {"lawyers": selectors.lawyers_for_user(request.user), "form": form}
    )


# -- collective contracts and labour-relations monitoring -----------------------------------------


@permission_page("legal.view_collectivecontract")
def contracts(request):
    filters = ContractFilter(request.GET, queryset=selectors.contracts_for_user(request.user))
    return render_list(request, "legal/contracts.html", filters, today=timezone.localdate())


@permission_page("legal.view_collectivecontract")
def contracts_expiring(request):
    today = timezone.localdate()
    return render(
        request,
        "legal/contracts_expiring.html",
        {"contracts": selectors.contracts_expiring(user=request.user, today=today), "today": today},
    )


def _save_contract(form, user):
    covered = services.covered_employers_parse(codes=form.cleaned_data["covered_codes"], user=user)
    return services.contract_save(contract=form.save(commit=False), covered=covered, by=user)


contract_add, contract_edit = record_form_views(
    CollectiveContract,
    ContractForm,
    selectors.contract_get_for_user,
    _save_contract,
    titles=(gettext_lazy("登记集体合同"), gettext_lazy("修改集体合同")),
    index="legal:contracts",
    done=lambda c: _("集体合同 %(n)s 已保存") % {"n": c.number},
)


@permission_page("legal.view_collectivecontract")
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


@permission_page("legal.view_monitoringreport")
def monitoring(request):
    filters = MonitoringFilter(request.GET, queryset=selectors.monitoring_for_user(request.user))
    return render_list(request, "legal/monitoring.html", filters)


monitoring_add, monitoring_edit = record_form_views(
    MonitoringReport,
    MonitoringForm,
    selectors.monitoring_get_for_user,
    lambda form, user: services.monitoring_save(report=form.save(commit=False), by=user),
    titles=(gettext_lazy("登记监测报告"), gettext_lazy("修改监测报告")),
    index="legal:monitoring",
    done=lambda r: _("监测报告 %(n)s 已保存") % {"n": r.number},
)


@permission_page("legal.view_monitoringreport")
def monitoring_detail(request, pk):
    report = selectors.monitoring_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "legal/monitoring_detail.html",
        {"report": report, "history": selectors.monitoring_history(report)},
    )
