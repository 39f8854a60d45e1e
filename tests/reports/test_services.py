"""Asking for a report, the job that makes it, retrying and publishing."""

import datetime
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from unionhub.jobs import services as job_services
from unionhub.jobs.models import Job
from unionhub.reports.figures import report_figures
from unionhub.reports.models import Report
from unionhub.reports.services import report_publish, report_request, report_retry

AS_OF = datetime.date(2018, 10, 31)

pytestmark = pytest.mark.usefixtures("fast_pdf")


def read(stored) -> bytes:
    with stored.open("rb") as f:
        return f.read()


def test_a_request_makes_the_report_with_its_pdf_xlsx_and_json(tree, official, demo_section):
    report = report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)
    report.refresh_from_db()
    assert report.job.state == Job.State.DONE
    assert report.job.kind == "annual_report"
    assert report.job.created_by == official
    assert report.job.dedupe_key == "report:LZ:2018:2018-10-31"
    assert report.created_by == official
    assert report.made_at is not None
    assert report.figures == report_figures(org=tree.city, year=2018, as_of=AS_OF)
    assert read(report.pdf)[:5] == b"%PDF-"
    assert json.loads(read(report.json)) == report.figures


def test_the_json_file_keeps_the_contract_order(tree, official, demo_section):
    report = report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)
    data = json.loads(read(report.json))
    assert list(data) == ["year", "org", "as_of", "demo"]
    assert list(data["demo"]) == ["households", "cash", "cards", "rate", "orgs", "by_kind"]


def test_the_xlsx_has_one_row_per_figure_under_section_indicator_value(tree, official, demo_section):
    report = report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)
    rows = list(load_workbook(io.BytesIO(read(report.xlsx))).active.iter_rows(values_only=True))
    assert rows[0] == ("板块", "指标", "数值")
    assert ("报告", "截至日期", "2018-10-31") in rows
    assert ("报告", "组织", "柳州市总工会(LZ)") in rows
    # Labels and units from the section's declaration.
    assert ("困难职工帮扶", "慰问困难职工(户)", 475) in rows
    assert ("困难职工帮扶", "建会率(%)", 40.24) in rows
    assert ("困难职工帮扶", "按项目 · 春节送温暖(元)", 312.5) in rows
    assert len(rows) == 1 + 3 + 7


def test_the_job_reports_progress_per_section(tree, official, demo_section, monkeypatch):
    messages = []
    real = job_services.Job.objects.filter

    def spy(*args, **kwargs):
        qs = real(*args, **kwargs)
        update = qs.update

        def recording_update(**values):
            if "message" in values and values.get("message"):
                messages.append(values["message"])
            return update(**values)

        qs.update = recording_update
        return qs

    monkeypatch.setattr(job_services, "PROGRESS_INTERVAL", 0)
    monkeypatch.setattr(job_services.Job.objects, "filter", spy)
    report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)
    assert any("困难职工帮扶" in m and "本年" in m for m in messages)
    assert any("上年" in m for m in messages)


def test_a_second_request_while_one_runs_is_the_same_report_and_job(
    tree, official, demo_section, monkeypatch
):
    monkeypatch.setattr(job_services, "job_dispatch", lambda job: None)  # the worker has not started
    first = report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)
    second = report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)
    assert second.pk == first.pk
    assert Job.objects.count() == 1
    assert Report.objects.count() == 1
    assert first.job.state == Job.State.QUEUED


def test_another_as_of_date_is_another_report(tree, official, demo_section, monkeypatch):
    monkeypatch.setattr(job_services, "job_dispatch", lambda job: None)
    first = report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)
    other = report_request(org=tree.city, year=2018, as_of=datetime.date(2018, 12, 31), by=official)
    assert other.pk != first.pk
    assert Job.objects.count() == 2


def test_once_made_the_same_request_makes_a_new_report(tree, official, demo_section):
    first = report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)
    second = report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)
    assert second.pk != first.pk
    assert Report.objects.filter(made_at__isnull=False).count() == 2


def test_a_district_official_cannot_request_the_city_report(tree, cz_official, demo_section):
    with pytest.raises(PermissionDenied):
        report_request(org=tree.city, year=2018, as_of=AS_OF, by=cz_official)
    assert not Job.objects.exists()
    assert not Report.objects.exists()


def test_staff_without_the_permission_cannot_request_a_report(tree, cz_user, demo_section):
    with pytest.raises(PermissionDenied):
        report_request(org=tree.cz, year=2018, as_of=AS_OF, by=cz_user)
    assert not Job.objects.exists()


def test_a_district_official_gets_the_district_figures(tree, cz_official, demo_section):
    report = report_request(org=tree.cz, year=2018, as_of=AS_OF, by=cz_official)
    assert report.figures["org"] == "LZ-CZ"
    assert report.figures["demo"]["orgs"] == 2


def test_the_worker_checks_the_scope_again(tree, cz_official, demo_section, monkeypatch):
    """A task's arguments are not trusted: a user moved out of the subtree after asking gets a
    failed job, not the report."""
    monkeypatch.setattr(job_services, "job_dispatch", lambda job: None)
    report = report_request(org=tree.cz, year=2018, as_of=AS_OF, by=cz_official)
    cz_official.organization = tree.yf
    cz_official.save()
    job_services.job_run(report.job.pk)
    report.refresh_from_db()
    assert report.job.state == Job.State.FAILED
    assert "无权" in report.job.error
    assert not report.is_made and not report.pdf


@pytest.mark.parametrize(
    ("year", "as_of", "field"),
    [
        (1999, None, "year"),
        (2018, datetime.date(2019, 1, 1), "as_of"),
        (2018, datetime.date(2017, 12, 31), "as_of"),
    ],
)
def test_a_request_outside_the_year_is_refused_in_chinese(tree, official, year, as_of, field):
    with pytest.raises(ValidationError) as exc:
        report_request(org=tree.city, year=year, as_of=as_of, by=official)
    assert field in exc.value.message_dict
    assert not Job.objects.exists()


def test_the_as_of_date_defaults_to_the_end_of_the_year(tree, official, demo_section):
    report = report_request(org=tree.city, year=2018, by=official)
    assert report.as_of == datetime.date(2018, 12, 31)


def test_a_failed_job_says_why_and_can_be_retried(tree, official, demo_section):
    demo_section.fail = True
    report = report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)
    assert report.job.state == Job.State.FAILED
    assert "意外错误" in report.job.error
    assert not report.is_made

    demo_section.fail = False
    retried = report_retry(report=report, by=official)
    assert retried.pk == report.pk
    retried.refresh_from_db()
    assert retried.job.state == Job.State.DONE
    assert retried.is_made
    assert Job.objects.count() == 1


def test_only_a_failed_report_can_be_retried(tree, official, demo_section):
    report = report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)
    with pytest.raises(ValidationError):
        report_retry(report=report, by=official)


def test_publishing_freezes_the_figures_as_made(tree, official, demo_section):
    report = report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)
    making = report.job
    published = report_publish(report=report, by=official)
    assert published.published_at is not None
    assert published.published_by == official
    with pytest.raises(ValidationError):
        report_publish(report=report, by=official)
    # Not made again, whatever asks: the job refuses.
    job_services.Job.objects.filter(pk=making.pk).update(state=Job.State.QUEUED)
    job_services.job_run(making.pk)
    making.refresh_from_db()
    report.refresh_from_db()
    assert making.state == Job.State.FAILED
    assert "已发布" in making.error
    assert report.figures["demo"]["orgs"] == 4


def test_a_report_not_made_cannot_be_published(tree, official, demo_section, monkeypatch):
    monkeypatch.setattr(job_services, "job_dispatch", lambda job: None)
    report = report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)
    with pytest.raises(ValidationError):
        report_publish(report=report, by=official)


def test_publishing_needs_its_permission_and_the_subtree(tree, make_user, cz_official, demo_section):
    from unionhub.orgs.roles import ADMIN

    admin = make_user(tree.city, ADMIN, username="admin_only")  # may request, not publish
    report = report_request(org=tree.city, year=2018, as_of=AS_OF, by=admin)
    with pytest.raises(PermissionDenied):
        report_publish(report=report, by=admin)
    with pytest.raises(PermissionDenied):
        report_publish(report=report, by=cz_official)
