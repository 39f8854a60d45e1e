"""Drafts, what officials write, publishing (PDF/A with the figures attached), versions, and the
differences of a published report with who changed what."""

import datetime
import json
import subprocess

import pghistory
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.urls import reverse

from unionhub.reports import registry
from unionhub.reports.models import Report
from unionhub.reports.pdf import report_html
from unionhub.reports.selectors import record_changes_since_published, report_history
from unionhub.reports.services import (
    report_author,
    report_new_version,
    report_publish,
    report_remake,
    report_request,
)

AS_OF = datetime.date(2018, 10, 31)
WRITTEN = {
    "foreword": "2018年，全市各级工会组织团结带领广大职工，奋力谱写工会工作新篇章。",
    "sections": {
        "demo": {
            "headline": "困难职工帮扶成效显著",
            "before": "牵头召开全市困难职工解困脱困联席会议。",
            "after": "让困难职工帮扶惠及更多的人群。",
        }
    },
    "own": [
        {"title": "扎实推进工会改革工作", "body": "市总工会内设机构和人员编制已经调整完毕。", "after": "demo"}
    ],
}


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def draft(tree, official, demo_section):
    return report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)


def test_officials_write_around_the_generated_text_which_stays_the_records(draft, official):
    report = report_author(report=draft, by=official, data=WRITTEN)
    html = report_html(report=report)
    assert "前　言" in html and WRITTEN["foreword"] in html
    assert "一、困难职工帮扶成效显著" in html  # their headline replaces the plain title
    generated = "春节送温暖慰问困难职工475户，发放慰问金95万元"
    assert (
        html.index("牵头召开全市困难职工解困脱困联席会议")
        < html.index(generated)
        < html.index("让困难职工帮扶惠及更多的人群")
    )
    assert "二、扎实推进工会改革工作" in html  # their own section, after the one they named
    # Only the written parts are kept: a figure in the data is not theirs to change.
    report = report_author(
        report=report, by=official, data={**WRITTEN, "figures": {"demo": {"households": 1}}}
    )
    assert "figures" not in report.authored and report.figures["demo"]["households"] == 475


def test_what_they_write_is_escaped_and_checked(draft, official):
    with pytest.raises(ValidationError) as exc:
        report_author(
            report=draft,
            by=official,
            data={"sections": {"demo": {"headline": "标" * 41}}, "own": [{"body": "无标题"}]},
        )
    text = " ".join(exc.value.messages)
    assert "困难职工帮扶的标题:最多40字" in text and "自撰板块1:请填写标题" in text
    report = report_author(report=draft, by=official, data={"foreword": "<script>alert(1)</script>"})
    assert "<script>alert(1)" not in report_html(report=report)


def test_every_edit_is_in_the_reports_history_with_its_author(draft, official):
    report_author(report=draft, by=official, data=WRITTEN)
    report_author(report=draft, by=official, data={**WRITTEN, "foreword": "改过的前言。"})
    history = report_history(report=draft)
    written = [h for h in history if h["action"] == "撰写"]
    assert len(written) == 2 and all(h["user"] == official for h in written)


def test_only_officials_of_the_subtree_write(draft, cz_official, make_user, tree):
    with pytest.raises(PermissionDenied):
        report_author(report=draft, by=cz_official, data=WRITTEN)  # the city's report, from below
    staff = make_user(tree.city)
    with pytest.raises(PermissionDenied):
        report_author(report=draft, by=staff, data=WRITTEN)


def test_publishing_makes_a_pdf_a_with_the_figures_attached_and_freezes_the_row(draft, official, tmp_path):
    report_author(report=draft, by=official, data=WRITTEN)
    report = report_publish(report=draft, by=official)
    assert report.is_published and report.published_by == official
    pdf = report.pdf.path
    meta = subprocess.run(["pdfinfo", "-meta", pdf], capture_output=True, text=True, check=True).stdout
    assert "pdfaid:part" in meta and (
        "<pdfaid:part>3</pdfaid:part>" in meta or 'pdfaid:part="3"' in meta
    )  # PDF/A-3
    listed = subprocess.run(["pdfdetach", "-list", pdf], capture_output=True, text=True, check=True).stdout
    assert ".json" in listed
    subprocess.run(["pdfdetach", "-saveall", "-o", str(tmp_path), pdf], check=True)
    attached = json.loads(next(tmp_path.glob("*.json")).read_text())
    assert attached == report.figures
    text = pdf_text(pdf).replace(" ", "")
    assert "困难职工帮扶成效显著" in text and "第1版，发布于" in text
    # Never changed again: not by the services, not by an UPDATE (a database trigger).
    with pytest.raises(ValidationError):
        report_author(report=report, by=official, data=WRITTEN)
    with pytest.raises(DatabaseError), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(authored={})
    with pytest.raises(DatabaseError), transaction.atomic():
        Report.objects.filter(pk=report.pk).delete()


def test_publishing_replaces_the_drafts_pdf_and_remaking_its_files(draft, official):
    made = {kind: getattr(draft, kind).name for kind in ("pdf", "xlsx", "json")}
    remade = report_remake(report=draft, by=official)
    # The same names (the storage may give new ones): the files that were replaced are gone.
    for kind, name in made.items():
        new = getattr(remade, kind).name
        assert default_storage.exists(new)
        assert new == name or not default_storage.exists(name)
    draft_pdf = remade.pdf.name
    published = report_publish(report=remade, by=official)
    assert published.pdf.name != draft_pdf and default_storage.exists(published.pdf.name)
    assert not default_storage.exists(draft_pdf)
    assert default_storage.exists(published.xlsx.name) and default_storage.exists(published.json.name)


def test_a_new_version_supersedes_and_never_changes_the_published_one(draft, official):
    published = report_publish(report=draft, by=official)
    frozen = Report.objects.get(pk=published.pk)
    v2 = report_new_version(report=published, by=official)
    assert (v2.version, v2.supersedes_id, v2.is_made, v2.is_published) == (2, published.pk, True, False)
    with pytest.raises(ValidationError):
        report_new_version(report=published, by=official)  # one successor
    v2 = report_publish(report=v2, by=official)
    again = Report.objects.get(pk=published.pk)
    assert (again.pdf.name, again.figures, again.published_at) == (
        frozen.pdf.name,
        frozen.figures,
        frozen.published_at,
    )
    assert again.successor == v2
    assert "第2版" in v2.filename("pdf")


# Each step commits, as requests do: the history's times are the database's transaction times.
@pytest.mark.django_db(transaction=True)
def test_the_differences_name_who_changed_a_record_by_a_form_and_link_to_it(
    draft, official, tree, make_user, make_case, monkeypatch, client_for
):
    section = registry.get_section("demo")
    monkeypatch.setitem(
        registry._sections,
        "demo",
        registry.Section(**{**section.__dict__, "records": {"legal.Case": "legal:case"}}),
    )
    case = make_case(tree.cz)  # one person: changed to 3 below
    published = report_publish(report=draft, by=official)
    clerk = make_user(tree.cz, username="cz_clerk")
    with pghistory.context(user=clerk.pk):
        case.persons = 3
        case.save()
    edits = record_changes_since_published(report=published)
    assert len(edits) == 1
    edit = edits[0]
    assert edit["user"] == clerk and edit["url"] == reverse("legal:case", args=[case.pk])
    assert any(c["before"] == 1 and c["after"] == 3 for c in edit["changes"])
    page = client_for(official).get(reverse("reports:detail", args=[published.pk])).content.decode()
    assert "cz_clerk" in page and reverse("legal:case", args=[case.pk]) in page


def test_the_write_page_previews_with_the_same_template_and_saves(draft, official, client_for):
    client = client_for(official)
    url = reverse("reports:write", args=[draft.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "foreword": "前言一段。",
        "demo__headline": "取得突破",
        "demo__before": "",
        "demo__after": "",
        "own0__title": "",
        "own0__body": "",
        "own0__after": "",
    }
    preview = client.post(reverse("reports:preview", args=[draft.pk]), data)
    assert (
        preview.status_code == 200
        and "前言一段。" in preview.content.decode()
        and "一、取得突破" in preview.content.decode()
    )
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    draft.refresh_from_db()
    assert draft.authored == {}  # a preview saves nothing
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert (
        draft.authored["foreword"] == "前言一段。"
        and draft.authored["sections"]["demo"]["headline"] == "取得突破"
    )
