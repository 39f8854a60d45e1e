"""Year-end reports: asking for one, making it (in a job), what officials write, publishing it
(in a job: an archival PDF/A with the figures attached) and superseding it by a new version."""

import datetime
from contextlib import nullcontext

import pghistory
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

from .authoring import authored_clean
from .exports import figures_json, figures_xlsx
from .figures import default_as_of, previous_as_of, report_figures, sub_org_figures
from .models import Report, report_dedupe_key
from .pdf import html_to_pdf, render_report_html, report_html

JOB_KIND = "annual_report"
PUBLISH_JOB_KIND = "annual_report_publish"
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
    job = _enqueue(report, kind=JOB_KIND, by=by, dedupe_key=key)
    if job.args.get("report") != str(report.pk):
        # Another request for the same report got its job in first: that one is the report.
        report.delete()
        return Report.objects.get(pk=job.args["report"])
    Report.objects.filter(pk=report.pk).update(job=job)
    report.refresh_from_db()
    return report


def _enqueue(report: Report, *, kind: str, by, dedupe_key: str) -> Job:
    """The job that makes or publishes `report` (it finds the report by its id)."""
    return job_enqueue(
        kind=kind,
        organization=report.organization,
        user=by,
        args={"report": str(report.pk)},
        dedupe_key=dedupe_key,
    )


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


def _may_author(user, report: Report) -> bool:
    """Officials of the report's subtree write, publish and supersede it."""
    return (
        user.is_active
        and user.has_perm("reports.publish_report")
        and org_visible_to(user, report.organization)
    )


def report_author(*, report: Report, by, data: dict) -> Report:
    """Keep what an official writes in a draft: a foreword, each section's headline and
    paragraphs before or after its generated text, sections of their own. The figures and the
    generated sentences are not theirs to change: `data` holds only the written parts, checked
    by `authored_clean` (a clear message naming the part otherwise). Each save is an event in
    the report's history, with its author."""
    if not _may_author(by, report):
        raise PermissionDenied
    authored = authored_clean(data)
    with transaction.atomic(), pghistory.context(user=by.pk, action="撰写"):
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.is_published:
            raise ValidationError(_("报告已发布,不能修改;可以新建一个版本"))
        locked.authored = authored
        locked.save(update_fields=["authored"])
    return locked


def report_remake(*, report: Report, by) -> Report:
    """Make a draft again from the records now (the figures and their sentences), keeping what
    officials wrote: a job, like the first time."""
    if not _may_request(by, report.organization):
        raise PermissionDenied
    if report.is_published:
        raise ValidationError(_("报告已发布,数据已固定,不能重新生成"))
    running = _running_report(report.dedupe_key)
    if running is not None:
        return running
    job = _enqueue(report, kind=JOB_KIND, by=by, dedupe_key=report.dedupe_key)
    Report.objects.filter(pk=report.pk, published_at__isnull=True).update(job=job)
    report.refresh_from_db()
    return report


def report_publish(*, report: Report, by) -> Report:
    """Publish a made draft (a job): its figures and text are frozen as the draft showed them,
    in an archival PDF (PDF/A-3b) with the figures JSON attached inside it. From then on the
    report's page compares its figures with the records."""
    if not _may_author(by, report):
        raise PermissionDenied
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.is_published:
            raise ValidationError(_("该报告已经发布"))
        if not report.is_made:
            raise ValidationError(_("报告尚未生成完成,不能发布"))
        if report.job is not None and report.job.is_active:
            raise ValidationError(_("报告正在生成,请稍后再发布"))
        job = _enqueue(report, kind=PUBLISH_JOB_KIND, by=by, dedupe_key=f"report-publish:{report.pk}")
        # In eager mode the job has published the report already: then the row is frozen.
        Report.objects.filter(pk=report.pk, published_at__isnull=True).update(job=job)
    report.refresh_from_db()
    return report


def report_publish_make(*, report_id, job, progress) -> dict:
    """The publishing job: the archival PDF of the draft's figures and text, then the one
    update that publishes (after it the row never changes: a database trigger)."""
    report = Report.objects.select_related("organization").filter(pk=report_id).first()
    if report is None:
        raise JobError(_("报告记录不存在"))
    if report.is_published:
        return {"redirect": reverse("reports:detail", args=[report.pk]), "report": str(report.pk)}
    by = job.created_by
    if by is None or not _may_author(by, report):
        raise JobError(_("您无权发布该组织的报告"))
    progress(10, _("排版"))
    published_at = timezone.now()
    html = report_html(report=report, published_at=published_at)
    _announce(job, 40, _("生成PDF/A"))
    pdf = html_to_pdf(html, archival=True, figures=report.figures, name=report.filename("json"))
    _store_files(
        report,
        {"pdf": (f"reports/{report.year}/{report.pk}-v{report.version}.pdf", pdf)},
        refusal=_("该报告已经发布"),
        history=pghistory.context(user=by.pk, action="发布"),
        published_at=published_at,
        published_by=by,
        job=job,
    )
    return {"redirect": reverse("reports:detail", args=[report.pk]), "report": str(report.pk)}


def report_new_version(*, report: Report, by) -> Report:
    """A new draft that will supersede a published report (which stays as it is): the same
    organization, year and as-of date, what the officials wrote carried over, the figures made
    again from the records."""
    if not _may_author(by, report):
        raise PermissionDenied
    if not report.is_published:
        raise ValidationError(_("只有已发布的报告可以新建版本"))
    if report.successor is not None:
        raise ValidationError(_("该报告已有新版本"))
    with transaction.atomic(), pghistory.context(user=by.pk, action="新建版本"):
        try:
            draft = Report.objects.create(
                organization=report.organization,
                year=report.year,
                as_of=report.as_of,
                created_by=by,
                authored=report.authored,
                version=report.version + 1,
                supersedes=report,
            )
        except IntegrityError:
            raise ValidationError(_("该报告已有新版本"))
    return report_remake(report=draft, by=by)


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
        org=org, year=report.year, as_of=report.as_of, on_section=step(0, 35, _("统计本年数据"))
    )
    prev_as_of = previous_as_of(report.as_of)
    previous = report_figures(
        org=org, year=report.year - 1, as_of=prev_as_of, on_section=step(35, 20, _("统计上年同期数据"))
    )
    subs = sub_org_figures(org=org, year=report.year, as_of=report.as_of, on_org=_org_step(job, 55, 10))
    made_at = timezone.now()
    html = render_report_html(
        report=report,
        figures=figures,
        previous=previous,
        previous_as_of=prev_as_of,
        made_at=made_at,
        subs=subs,
        authored=report.authored,
        on_section=step(65, 10, _("排版")),
    )
    _announce(job, 75, _("生成PDF"))
    files = {"pdf": html_to_pdf(html)}
    _announce(job, 95, _("生成Excel和JSON"))
    files["xlsx"] = figures_xlsx(figures, org_name=org.name, subs=subs)
    files["json"] = figures_json(figures)
    _store(report, figures=figures, previous=previous, subs=subs, made_at=made_at, files=files)
    return {"redirect": reverse("reports:detail", args=[report.pk]), "report": str(report.pk)}


def _announce(job, pct: float, message: str) -> None:
    """The start of a long step, written whatever the progress callback's throttle says:
    otherwise the page would show the last section's message while the PDF is made."""
    Job.objects.filter(pk=job.pk).update(progress=pct, message=message)


def _org_step(job, start: float, span: float):
    def on_org(org, done, total):
        _announce(job, start + span * done / total, _("统计下属组织:%(org)s") % {"org": org.name})

    return on_org


def _store(
    report: Report, *, figures: dict, previous: dict, subs: list, made_at, files: dict[str, bytes]
) -> None:
    _store_files(
        report,
        {kind: (f"reports/{report.year}/{report.pk}.{kind}", content) for kind, content in files.items()},
        refusal=_("报告已发布,数据已固定,不能重新生成"),
        figures=figures,
        previous_figures=previous,
        sub_figures=subs,
        made_at=made_at,
    )


def _store_files(
    report: Report, files: dict[str, tuple[str, bytes]], *, refusal: str, history=None, **fields
):
    """Store `files` (kind -> (path, content)) and set them, with `fields`, on the report in one
    update under its row lock (inside `history`, a pghistory context); a report published
    meanwhile refuses with `refusal` and the new files are deleted. The files they replace are
    deleted after."""
    names = {
        kind: default_storage.save(path, ContentFile(content)) for kind, (path, content) in files.items()
    }
    with transaction.atomic(), nullcontext() if history is None else history:
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.is_published:
            for name in names.values():
                default_storage.delete(name)
            raise JobError(refusal)
        old = [getattr(locked, kind).name for kind in names if getattr(locked, kind)]
        Report.objects.filter(pk=report.pk).update(**fields, **names)
    for name in old:
        if name not in names.values():
            default_storage.delete(name)
