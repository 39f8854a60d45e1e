"""Year-end reports: asking for one, making it (in a job), publishing it."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.jobs.models import Job
from unionhub.jobs.registry import JobError
from unionhub.jobs.services import job_enqueue, job_retry
from unionhub.orgs.scoping import org_visible_to

from .exports import figures_json, figures_xlsx
from .figures import default_as_of, previous_as_of, report_figures
from .models import FILE_KINDS, Report, report_dedupe_key
from .pdf import html_to_pdf, render_report_html

JOB_KIND = "annual_report"
FIRST_YEAR = 2000


def _may_request(user, org) -> bool:
    return user.is_active and user.has_perm("reports.request_report") and org_visible_to(user, org)


def report_validate(*, year: int, as_of: datetime.date | None, today: datetime.date) -> datetime.date:
    """The as-of date to use (31 December, or today for the current year, when not given)."""
    if not FIRST_YEAR <= year <= today.year:
        raise ValidationError(
            {"year": _("年度须在%(a)d年至%(b)d年之间") % {"a": FIRST_YEAR, "b": today.year}}
        )
    if as_of is None:
        return default_as_of(year, today)
    if as_of.year != year:
        raise ValidationError({"as_of": _("截至日期须在%(year)d年内") % {"year": year}})
    if as_of > today:
        raise ValidationError({"as_of": _("截至日期不能晚于今天")})
    return as_of


def report_request(*, org, year: int, as_of: datetime.date | None = None, by) -> Report:
    """Ask for the report of `org`'s subtree for `year` up to `as_of`; a job makes it.

    Asking again while the same report is being made returns that report: one job. `by` is the
    user who asks (None for the command line, which has the run of the whole tree)."""
    if by is not None and not _may_request(by, org):
        raise PermissionDenied
    as_of = report_validate(year=year, as_of=as_of, today=timezone.localdate())
    key = report_dedupe_key(org=org, year=year, as_of=as_of)
    running = _running_report(key)
    if running is not None:
        return running
    report = Report.objects.create(organization=org, year=year, as_of=as_of, created_by=by)
    # In eager mode (tests, the command line) the job runs inside job_enqueue, so the report
    # row exists first and the job finds it by its id.
    job = job_enqueue(
        kind=JOB_KIND, organization=org, user=by, args={"report": str(report.pk)}, dedupe_key=key
    )
    if job.args.get("report") != str(report.pk):
        # Another request for the same report got its job in first: that one is the report.
        report.delete()
        return Report.objects.get(pk=job.args["report"])
    Report.objects.filter(pk=report.pk).update(job=job)
    report.refresh_from_db()
    return report


def _running_report(key: str) -> Report | None:
    job = Job.objects.filter(dedupe_key=key, state__in=Job.ACTIVE).first()
    if job is None:
        return None
    return Report.objects.filter(pk=job.args.get("report")).first()


def report_retry(*, report: Report, by) -> Report:
    """Make a report whose job failed again, as the same job."""
    if not _may_request(by, report.organization):
        raise PermissionDenied
    if report.job is None or report.job.state != Job.State.FAILED:
        raise ValidationError(_("只有生成失败的报告可以重试"))
    running = _running_report(report.dedupe_key)
    if running is not None:
        return running
    try:
        job_retry(job=report.job)
    except IntegrityError:
        return _running_report(report.dedupe_key) or report
    report.refresh_from_db()
    return report


def report_publish(*, report: Report, by) -> Report:
    """Publish a made report: its figures stay as they were made, and the report's page
    compares them with the records from then on."""
    if not (by.has_perm("reports.publish_report") and org_visible_to(by, report.organization)):
        raise PermissionDenied
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.is_published:
            raise ValidationError(_("该报告已经发布"))
        if not report.is_made:
            raise ValidationError(_("报告尚未生成完成,不能发布"))
        report.published_at = timezone.now()
        report.published_by = by
        report.save(update_fields=["published_at", "published_by"])
    return report


def report_make(*, report_id, job, progress) -> dict:
    """The job: compute the figures once, render them as PDF, xlsx and JSON, keep all on the report.

    The worker checks again that the one who asked may see the organization: a task's
    arguments are not trusted."""
    report = Report.objects.select_related("organization").filter(pk=report_id).first()
    if report is None:
        raise JobError(_("报告记录不存在"))
    if report.is_published:
        raise JobError(_("报告已发布,数据已固定,不能重新生成"))
    org = report.organization
    if job.created_by is not None and not _may_request(job.created_by, org):
        raise JobError(_("您无权生成该组织的报告"))

    def step(start, span, label):
        def on_section(section, done, total):
            progress(
                start + span * done / total,
                _("%(what)s:%(section)s") % {"what": label, "section": section.title},
            )

        return on_section

    figures = report_figures(
        org=org, year=report.year, as_of=report.as_of, on_section=step(0, 40, _("统计本年数据"))
    )
    prev_as_of = previous_as_of(report.as_of)
    previous = report_figures(
        org=org, year=report.year - 1, as_of=prev_as_of, on_section=step(40, 25, _("统计上年同期数据"))
    )
    made_at = timezone.now()
    html = render_report_html(
        report=report,
        figures=figures,
        previous=previous,
        previous_as_of=prev_as_of,
        made_at=made_at,
        on_section=step(65, 10, _("排版")),
    )
    _announce(job, 75, _("生成PDF"))
    files = {"pdf": html_to_pdf(html)}
    _announce(job, 95, _("生成Excel和JSON"))
    files["xlsx"] = figures_xlsx(figures, org_name=org.name)
    files["json"] = figures_json(figures)
    _store(report, figures=figures, made_at=made_at, files=files)
    return {"redirect": reverse("reports:detail", args=[report.pk]), "report": str(report.pk)}


def _announce(job, pct: float, message: str) -> None:
    """The start of a long step, written whatever the progress callback's throttle says:
    otherwise the page would show the last section's message while the PDF is made."""
    Job.objects.filter(pk=job.pk).update(progress=pct, message=message)


def _store(report: Report, *, figures: dict, made_at, files: dict[str, bytes]) -> None:
    names = {
        kind: default_storage.save(f"reports/{report.year}/{report.pk}.{kind}", ContentFile(content))
        for kind, content in files.items()
    }
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.is_published:
            for name in names.values():
                default_storage.delete(name)
            raise JobError(_("报告已发布,数据已固定,不能重新生成"))
        old = [getattr(locked, kind).name for kind in FILE_KINDS if getattr(locked, kind)]
        Report.objects.filter(pk=report.pk).update(figures=figures, made_at=made_at, **names)
    for name in old:
        if name not in names.values():
            default_storage.delete(name)
