from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.middleware.csp import get_nonce
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override

from unionhub.core.dates import latest_year
from unionhub.core.forms import acted, submitted
from unionhub.core.pages import permission_page
from unionhub.core.paging import page_of
from unionhub.jobs.views import job_status_data

from .authoring import authored_clean
from .figures import default_as_of, figures_diff, report_figures
from .forms import ReportFilter, ReportRequestForm, ReportWriteForm, year_choices
from .models import FILE_KINDS
from .pdf import report_html
from .selectors import (
    dashboard_org,
    dashboard_org_choices,
    dashboard_sections,
    imports_since_published,
    live_figures,
    record_changes_since_published,
    refuse_other_subtree,
    report_get_for_user,
    report_history,
    report_versions,
    reports_for_user,
)
from .services import (
    report_author,
    report_new_version,
    report_publish,
    report_remake,
    report_request,
    report_retry,
)


def _refuse_other_subtrees(request):
    refuse_other_subtree(user=request.user, code=request.POST.get("org") or request.GET.get("org"))


@permission_page("reports.request_report")
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


@permission_page("reports.request_report")
def report_detail(request, pk):
    report = report_get_for_user(user=request.user, pk=pk)
    changes = batches = edits = None
    if report.is_published:
        now = report_figures(org=report.organization, year=report.year, as_of=report.as_of)
        changes = figures_diff(report.figures, now)
        batches = imports_since_published(report=report)
        edits = record_changes_since_published(report=report)
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "changes": changes,
            "batches": batches,
            "edits": edits,
            "history": report_history(report=report),
            "versions": report_versions(report=report),
        },
    )


@permission_page("reports.publish_report")
def report_write(request, pk):
    """What officials write in a draft, in a form beside the live preview (the report's HTML)."""
    report = report_get_for_user(user=request.user, pk=pk)
    if report.is_published:
        return render(request, "reports/write.html", {"report": report, "closed": True})
    form = ReportWriteForm(request.POST or None, report=report)
    if submitted(
        request,
        form,
        lambda f: report_author(report=report, by=request.user, data=f.authored()),
        done=_("已保存。"),
    ):
        return redirect("reports:write", report.pk)
    return render(request, "reports/write.html", {"report": report, "form": form})


# The preview is shown in a frame of the writing page: this one page may be framed by our own.
@csp_override({**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]})
@xframe_options_sameorigin
@permission_page("reports.publish_report")
def report_preview(request, pk):
    """The draft as the PDF will show it (the same template): with the text being written when
    the form is posted here, else with what is saved. Nothing is saved."""
    report = report_get_for_user(user=request.user, pk=pk)
    authored = report.authored
    if request.method == "POST":
        form = ReportWriteForm(request.POST, report=report)
        if form.is_valid():
            try:
                authored = authored_clean(form.authored())
            except ValidationError:
                pass  # the saved text until it is right; the form says what is wrong
    if not report.is_made:
        return render(request, "reports/_preview.html", {"html": "", "report": report})
    return render(
        request,
        "reports/_preview.html",
        {
            "html": report_html(report=report, authored=authored, nonce=str(get_nonce(request))),
            "report": report,
        },
    )


@permission_page("reports.request_report", post=True)
def report_remake_view(request, pk):
    report = report_get_for_user(user=request.user, pk=pk)
    report = acted(request, lambda: report_remake(report=report, by=request.user)) or report
    return redirect("reports:detail", report.pk)


@permission_page("reports.publish_report", post=True)
def report_new_version_view(request, pk):
    report = report_get_for_user(user=request.user, pk=pk)
    draft = acted(
        request,
        lambda: report_new_version(report=report, by=request.user),
        done=lambda draft: _("已新建第%(n)d版草稿。") % {"n": draft.version},
    )
    return redirect("reports:detail", (draft or report).pk)


@permission_page("reports.request_report")
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


@permission_page("reports.request_report", post=True)
def report_retry_view(request, pk):
    report = report_get_for_user(user=request.user, pk=pk)
    report = acted(request, lambda: report_retry(report=report, by=request.user)) or report
    if request.htmx:
        return render(request, "reports/_status.html", {"report": report})
    return redirect("reports:detail", report.pk)


@permission_page("reports.publish_report", post=True)
def report_publish_view(request, pk):
    report = report_get_for_user(user=request.user, pk=pk)
    try:
        report = report_publish(report=report, by=request.user)
        if report.is_published:
            messages.success(request, _("报告已发布,其数据和文字已固定。"))
        else:
            messages.info(request, _("正在生成存档PDF,完成后报告即发布。"))
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return redirect("reports:detail", report.pk)


@permission_page("reports.request_report")
def report_download(request, pk, kind):
    report = report_get_for_user(user=request.user, pk=pk)
    stored = report.file_for(kind)
    if stored is None:
        raise Http404
    return FileResponse(
        stored.open("rb"), as_attachment=True, filename=report.filename(kind), content_type=FILE_KINDS[kind]
    )


@permission_page("reports.request_report")
def dashboard(request):
    _refuse_other_subtrees(request)
    org = dashboard_org(user=request.user, code=request.GET.get("org", ""))
    if org is None:
        raise Http404
    today = timezone.localdate()
    years = [y for y, _label in year_choices()]
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else latest_year(org)
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
            "orgs": dashboard_org_choices(user=request.user, org=org),
            "sections": dashboard_sections(figures),
        },
    )
