from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhub.core.paging import page_of
from unionhub.jobs.views import job_status_data
from unionhub.orgs.models import Organization
from unionhub.orgs.scoping import org_visible_to, user_root, visible_orgs

from .figures import default_as_of, figures_diff, report_figures
from .forms import ReportFilter, ReportRequestForm, year_choices
from .models import FILE_KINDS
from .selectors import (
    dashboard_orgs,
    dashboard_sections,
    imports_since_published,
    live_figures,
    report_get_for_user,
    reports_for_user,
)
from .services import report_publish, report_request, report_retry


def _refuse_other_subtrees(request):
    """An organization outside the user's subtree is a 404, as any record there is."""
    code = request.POST.get("org") or request.GET.get("org")
    if code:
        org = Organization.objects.filter(code=code).first()
        if org is not None and not org_visible_to(request.user, org):
            raise Http404


@login_required
@permission_required("reports.request_report", raise_exception=True)
def report_list(request):
    _refuse_other_subtrees(request)
    form = ReportRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        report = report_request(org=d["org"], year=d["year"], as_of=d["as_of"], by=request.user)
        return redirect("reports:detail", report.pk)
    filters = ReportFilter(request.GET, queryset=reports_for_user(user=request.user), user=request.user)
    page = page_of(request, filters.qs)
    return render(request, "reports/list.html", {"form": form, "filters": filters, "page": page})


@login_required
@permission_required("reports.request_report", raise_exception=True)
def report_detail(request, pk):
    report = report_get_for_user(user=request.user, pk=pk)
    changes = batches = None
    if report.is_published:
        now = report_figures(org=report.organization, year=report.year, as_of=report.as_of)
        changes = figures_diff(report.figures, now)
        batches = imports_since_published(report=report)
    return render(request, "reports/detail.html", {"report": report, "changes": changes, "batches": batches})


@login_required
@permission_required("reports.request_report", raise_exception=True)
def report_status(request, pk):
    report = report_get_for_user(user=request.user, pk=pk)
    if request.htmx:
        response = render(request, "reports/_status.html", {"report": report})
        if not (report.job and report.job.is_active):
            # Finished: the whole page changes (state, downloads, publishing), so reload it.
            response["HX-Refresh"] = "true"
        return response
    data = job_status_data(report.job) if report.job else {"ready": report.is_made}
    return JsonResponse({**data, "made": report.is_made})


@require_POST
@login_required
@permission_required("reports.request_report", raise_exception=True)
def report_retry_view(request, pk):
    report = report_get_for_user(user=request.user, pk=pk)
    try:
        report = report_retry(report=report, by=request.user)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    if request.htmx:
        return render(request, "reports/_status.html", {"report": report})
    return redirect("reports:detail", report.pk)


@require_POST
@login_required
@permission_required("reports.publish_report", raise_exception=True)
def report_publish_view(request, pk):
    report = report_get_for_user(user=request.user, pk=pk)
    try:
        report_publish(report=report, by=request.user)
        messages.success(request, _("报告已发布,其数据已固定。"))
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return redirect("reports:detail", report.pk)


@login_required
@permission_required("reports.request_report", raise_exception=True)
def report_download(request, pk, kind):
    report = report_get_for_user(user=request.user, pk=pk)
    stored = report.file_for(kind)
    if stored is None:
        raise Http404
    return FileResponse(
        stored.open("rb"), as_attachment=True, filename=report.filename(kind), content_type=FILE_KINDS[kind]
    )


@login_required
@permission_required("reports.request_report", raise_exception=True)
def dashboard(request):
    _refuse_other_subtrees(request)
    org = visible_orgs(request.user).filter(code=request.GET.get("org", "")).first() or user_root(
        request.user
    )
    if org is None:
        raise Http404
    today = timezone.localdate()
    years = [y for y, _label in year_choices()]
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else today.year
    if year not in years:
        raise Http404
    as_of = default_as_of(year, today)
    figures = live_figures(org=org, as_of=as_of)
    return render(
        request,
        "reports/dashboard.html",
        {
            "org": org,
            "as_of": as_of,
            "year": year,
            "years": years,
            "orgs": dashboard_orgs(root=user_root(request.user))
            | visible_orgs(request.user).filter(pk=org.pk),
            "sections": dashboard_sections(figures),
        },
    )
