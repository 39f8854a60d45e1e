"""An official writes in a draft report and publishes it; the archival PDF carries its figures;
a later edit of a record through its form shows in the report's differences with its author."""

import datetime
import json
import subprocess
from pathlib import Path

from legal.models import Case
from unionhub.orgs.roles import OFFICIAL, STAFF
from unionhub.reports.services import report_request

from .conftest import login

FOREWORD = "2018年，城中区各级工会组织团结带领广大职工，奋力谱写工会工作新篇章。"
HEADLINE = "依法维权取得新成效"


def test_official_writes_publishes_the_pdf_a_and_sees_a_later_edit_with_its_author(
    page, shot, tree, make_user, tmp_path
):
    official = make_user(tree.cz, OFFICIAL, username="czlead")
    make_user(tree.cz, STAFF, username="czclerk")
    case = Case.objects.create(
        number="WQ201800001", received_on=datetime.date(2018, 3, 1), channel="来电", persons=2, migrants=1,
        applicant_name="梁宏强", cause="拖欠工资", handling="法律咨询", organization=tree.cz,
    )  # fmt: skip
    report = report_request(org=tree.cz, year=2018, as_of=datetime.date(2018, 12, 31), by=official)
    assert report.is_made

    login(page, "czlead")
    page.goto(f"/reports/annual/{report.pk}/")
    assert "草稿" in page.inner_text("main")
    page.get_by_role("link", name="撰写与预览").click()
    page.wait_for_url("**/write/")
    headline = page.locator("[name=legal__headline]")
    proposed = headline.input_value()
    assert proposed  # a headline proposed from the figures (or the plain title)
    page.fill("[name=foreword]", FOREWORD)
    headline.fill(HEADLINE)
    # The live preview (the report's own HTML in the frame) follows what is typed.
    preview = page.frame_locator("#report-preview")
    preview.locator("text=" + HEADLINE).first.wait_for()
    assert FOREWORD in preview.locator("body").inner_text()
    shot("writing", full_page=False)
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/write/")
    assert "已保存" in page.inner_text("main")

    page.goto(f"/reports/annual/{report.pk}/")
    page.get_by_role("button", name="发布报告").click()
    page.wait_for_url(f"**/reports/annual/{report.pk}/")
    assert "已发布" in page.inner_text("main")
    shot("published")
    with page.expect_download() as info:
        page.locator("#report-status").get_by_role("link", name="下载PDF").click()
    pdf = tmp_path / "report.pdf"
    Path(info.value.path()).replace(pdf)
    meta = subprocess.run(["pdfinfo", "-meta", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "pdfaid:part" in meta  # PDF/A
    listed = subprocess.run(
        ["pdfdetach", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert ".json" in listed
    subprocess.run(["pdfdetach", "-saveall", "-o", str(tmp_path), str(pdf)], check=True)
    attached = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))
    assert attached["org"] == "LZ-CZ" and attached["legal"]["persons"] == 2
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert FOREWORD in flat and HEADLINE in flat

    # A clerk corrects the case through its form; the official sees it in the differences.
    page.context.clear_cookies()
    login(page, "czclerk")
    page.goto(f"/legal/{case.pk}/edit/")
    page.fill("[name=persons]", "5")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"**/legal/{case.pk}/")
    page.context.clear_cookies()
    login(page, "czlead")
    page.goto(f"/reports/annual/{report.pk}/")
    edits = page.locator("table.report-edits")
    assert "czclerk" in edits.inner_text()
    assert edits.get_by_role("link").first.get_attribute("href") == f"/legal/{case.pk}/"
    changes = page.locator("main").inner_text()
    assert "2人次" in changes and "5人次" in changes  # the figure then and now
    shot("differences")
