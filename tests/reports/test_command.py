"""python manage.py annual_report: the same service and job, in this process, writing the files."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from unionhub.jobs.models import Job
from unionhub.reports.models import Report

pytestmark = pytest.mark.usefixtures("demo_section", "fast_pdf")


def annual_report(folder, *args, **options) -> dict:
    """Run the command with `args`, writing r.pdf and r.json into `folder`: the figures it wrote."""
    call_command("annual_report", *args, "--output", folder / "r.pdf", "--json", folder / "r.json", **options)
    return json.loads((folder / "r.json").read_text())


def test_it_writes_the_pdf_json_and_xlsx(tree, tmp_path):
    out = io.StringIO()
    figures = annual_report(
        tmp_path, "2018", "--org", "LZ-CZ", "--as-of", "2018-10-31", "--xlsx", tmp_path / "r.xlsx", stdout=out
    )
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert figures["year"] == 2018 and figures["org"] == "LZ-CZ" and figures["as_of"] == "2018-10-31"
    assert figures["demo"]["orgs"] == 2
    rows = list(load_workbook(tmp_path / "r.xlsx").active.iter_rows(values_only=True))
    assert rows[0] == ("板块", "指标", "数值")
    report = Report.objects.get()
    assert report.created_by is None and report.job.state == Job.State.DONE
    assert "2018年城中区总工会工作总结" in out.getvalue()


def test_it_defaults_to_the_root_and_the_end_of_the_year(tree, tmp_path):
    figures = annual_report(tmp_path, "2018")
    assert figures["org"] == "LZ" and figures["as_of"] == "2018-12-31"
    assert not (tmp_path / "r.xlsx").exists()


def test_it_defaults_to_today_in_the_current_year(tree, tmp_path):
    from django.utils import timezone

    today = timezone.localdate()
    assert annual_report(tmp_path, str(today.year))["as_of"] == today.isoformat()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2018", "--org", "NOPE"], "no organization"),
        (["2018", "--as-of", "2018-13-01"], "not a date"),
        (["2018", "--as-of", "2019-01-01"], "截至日期须在2018年内"),
    ],
)
def test_it_says_what_is_wrong(tree, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("annual_report", *args, "--output", tmp_path / "r.pdf")


def test_a_failed_report_fails_the_command(tree, tmp_path, demo_section):
    demo_section.fail = True
    with pytest.raises(CommandError, match="failed"):
        call_command("annual_report", "2018", "--output", tmp_path / "r.pdf")
    assert not (tmp_path / "r.pdf").exists()


def test_the_figures_json_of_the_command_equals_the_reports(tree, tmp_path):
    assert annual_report(tmp_path, "2018", "--as-of", "2018-10-31") == Report.objects.get().figures
    assert Report.objects.get().as_of == datetime.date(2018, 10, 31)
