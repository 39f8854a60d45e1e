"""Browser journey of the activities area (issue 17): staff add an activity with two speakers in
the form, and the year-end report writes it."""

import re
import subprocess

import pytest
from django.utils import timezone

from skills.models import ModelWorker
from tests.e2e.conftest import PHONE, login
from tests.factories import PersonFactory
from unionhub.orgs.roles import OFFICIAL, STAFF

pytestmark = [pytest.mark.e2e]
THEME = "中国梦·劳动美 劳模工匠成长"


def test_staff_add_an_activity_with_two_speakers_and_the_report_writes_it(
    page, shot, tree, make_user, tmp_path, worker
):
    make_user(tree.cz, STAFF, OFFICIAL, username="czhd")
    first, second = PersonFactory(name="覃劳模"), PersonFactory(name="韦工匠")
    today = timezone.localdate()
    for person in (first, second):  # model workers of the district: people its staff may name
        ModelWorker.objects.create(person=person, title="市劳动模范", year=today.year, organization=tree.cz)
    login(page, "czhd")

    page.locator("nav.mainnav").get_by_role("link", name="活动荣誉").click()
    page.wait_for_url("**/activities/")
    page.get_by_role("link", name="登记活动").click()
    page.wait_for_url("**/activities/new/")
    page.fill("[name=number]", "HD-E2E-1")
    page.select_option("[name=kind]", "宣讲")
    page.fill("[name=name]", "劳模工匠进企业宣讲")
    page.fill("[name=theme]", THEME)
    page.fill("[name=start]", today.isoformat())
    page.fill("[name=end]", today.isoformat())
    page.fill("[name=sessions]", "3")
    page.fill("[name=participants]", "260")
    page.fill("[name=speaker_ids]", f"{first.id_number}\n{second.id_number}")
    shot("activity-form")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r".*/activities/\d+/$"))
    body = page.inner_text("main")
    assert "活动 HD-E2E-1 已保存" in body
    assert "覃劳模" in body and "韦工匠" in body
    assert first.id_number not in body and first.masked_id in body
    shot("activity-page")
    page.set_viewport_size(PHONE)
    shot("activity-page-phone")
    page.set_viewport_size({"width": 1366, "height": 768})

    # The speaker's own page lists the activity they spoke at.
    page.get_by_role("link", name="覃劳模").click()
    assert "HD-E2E-1" in page.inner_text("main")

    page.locator("nav.mainnav").get_by_role("link", name="年度报告").click()
    page.wait_for_url("**/reports/annual/")
    page.get_by_role("button", name="生成报告").click()
    page.wait_for_url("**/reports/annual/*/")
    worker.go()
    pdf_link = page.locator("#report-status").get_by_role("link", name="下载PDF")
    pdf_link.wait_for(timeout=60_000)
    with page.expect_download() as info:
        pdf_link.click()
    pdf = tmp_path / "report.pdf"
    info.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert "活动与荣誉" in flat
    assert f"开展3场“{THEME}”宣讲活动".replace(" ", "") in flat
    assert "2名劳模工匠进企业" in flat
    shot("report-made")
