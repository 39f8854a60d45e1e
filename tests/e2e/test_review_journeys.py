"""Browser journeys of issue 14's two reviews: a member's transfer from 城中区 to 鱼峰区 (started by
the sender, accepted by the receiver, both pages seen), and a hardship file's review (a home
visit, a second person's review, the public notice, 已认定 when it ends). Screenshots per step in
test-artifacts/e2e/."""

import datetime

import pytest
from django.utils import timezone

from members.models import Member
from relief.models import FileState, HardshipFile
from tests.e2e.conftest import PHONE, login
from tests.factories import PersonFactory

pytestmark = [pytest.mark.e2e]
DAY = datetime.timedelta(days=1)


def field(page, name):
    return page.locator(f".field:has([name='{name}'])")


def switch_user(page, username):
    page.context.clear_cookies()
    login(page, username)


def test_a_transfer_started_in_chengzhong_and_accepted_in_yufeng(page, shot, tree, make_user, industry):
    make_user(tree.cz, username="cz_clerk")
    make_user(tree.yf, username="yf_clerk")
    person = PersonFactory(name="覃转接", phone="13977001122")
    member = Member.objects.create(person=person, organization=tree.cz, join_date=datetime.date(2016, 5, 1))
    day = (timezone.localdate() - 3 * DAY).isoformat()

    # 城中区 starts it from the member's page.
    login(page, "cz_clerk")
    page.goto(f"/members/{member.pk}/")
    page.locator("a.button", has_text="会员转接").click()
    page.fill("[name=to_organization]", "鱼峰区总工会")
    page.fill("[name=date]", day)
    page.fill("[name=note]", "工作调动")
    shot("transfer-form")
    page.get_by_role("button", name="发起转接").click()
    page.wait_for_url(f"**/members/{member.pk}/")
    assert "该会员有一件待接收的转接" in page.locator("main").inner_text()
    shot("transfer-started")

    # 鱼峰区 sees it waiting on the home page and in the inbox: the name and the masked number only.
    switch_user(page, "yf_clerk")
    pending = page.locator("#pending-work")
    assert "转接待办" in pending.inner_text() and "覃转接" in pending.inner_text()
    assert person.id_number not in page.content() and person.masked_id in pending.inner_text()
    shot("home-pending-transfer")
    pending.get_by_role("link", name=f"覃转接({person.masked_id})").click()
    assert "13977001122" not in page.content() and person.id_number not in page.content()
    assert page.locator(f"a[href='/members/{member.pk}/']").count() == 0
    shot("transfer-inbox-detail")
    page.fill("[name=reason]", "同意接收")
    page.get_by_role("button", name="接收").click()
    page.wait_for_url("**/transfers/*/")
    assert "已转入" in page.locator("h1").inner_text()
    shot("transfer-accepted")

    # The member's page, now 鱼峰区's: both periods and the transfer.
    page.get_by_role("link", name="覃转接").click()
    page.wait_for_url(f"**/members/{member.pk}/")
    body = page.locator("main").inner_text()
    assert "城中区总工会(LZ-CZ)" in body and "鱼峰区总工会(LZ-YF)" in body and "已转入" in body
    assert "2016-05-01" in body and day in body
    shot("member-after-transfer")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    shot("member-after-transfer-phone")
    page.set_viewport_size({"width": 1366, "height": 768})

    # 城中区 keeps the transfer it made, not the member.
    switch_user(page, "cz_clerk")
    page.goto(f"/members/{member.pk}/")
    assert page.locator("h1").inner_text() != "覃转接"  # the 404 page
    page.goto("/members/transfers/")
    assert "覃转接" in page.locator("main").inner_text()
    shot("sender-transfers")


def test_a_hardship_file_visited_reviewed_by_a_second_person_noticed_and_verified(
    page, shot, tree, make_user, settings, tmp_path
):
    settings.RELIEF_NOTICE_DAYS = 5
    make_user(tree.cz, username="filer")
    make_user(tree.cz, username="checker")
    today = timezone.localdate()
    person = PersonFactory(name="黄核查")

    # The filer files it and records the home visit with a scan.
    login(page, "filer")
    page.goto("/relief/files/new/")
    page.fill("[name=id_number]", person.id_number)
    page.fill("[name=name]", "黄核查")
    page.select_option("[name=category]", "失业")
    page.select_option("[name=cause]", "失业")
    page.fill("[name=household_size]", "4")
    page.fill("[name=income_per_head]", "520")
    page.fill("[name=filed_on]", (today - 9 * DAY).isoformat())
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/relief/files/*/")
    file = HardshipFile.objects.get(person__id_number=person.id_number)
    assert "尚未登记入户核查" in page.locator("#review-refusal").inner_text()
    # A visit in the future is refused beside its date.
    page.fill("[name=visited_on]", (today + DAY).isoformat())
    page.fill("[name=visitors]", "张三、李四")
    page.fill("[name=finding]", "夫妻均失业,两个孩子上学,情况属实")
    page.get_by_role("button", name="登记入户核查").click()
    assert "核查日期不能晚于今天" in field(page, "visited_on").locator(".errorlist").inner_text()
    shot("visit-refused")
    scan = tmp_path / "入户核查记录.pdf"
    scan.write_bytes(b"%PDF-1.7 home visit record")
    page.fill("[name=visited_on]", (today - 7 * DAY).isoformat())
    page.set_input_files("[name=attachment]", str(scan))
    page.get_by_role("button", name="登记入户核查").click()
    page.wait_for_url(f"**/relief/files/{file.pk}/")
    assert "已登记入户核查" in page.locator(".messages").inner_text()
    visits = page.locator("#visits").inner_text()
    assert "张三、李四" in visits and "入户核查记录.pdf" in visits
    # The filer may not review it.
    assert "您是该档案的建档人,须由另一名工作人员复核认定" in page.locator("#review-refusal").inner_text()
    shot("filer-cannot-review")

    # The second person finds it in 待复核 on the home page and reviews it: 公示中.
    switch_user(page, "checker")
    pending = page.locator("#pending-work")
    assert "待复核" in pending.inner_text() and "黄核查" in pending.inner_text()
    shot("home-pending-review")
    pending.get_by_role("link", name=f"黄核查({person.masked_id})").click()
    page.fill("[name=reviewed_on]", today.isoformat())
    page.get_by_role("button", name="复核通过").click()
    page.wait_for_url(f"**/relief/files/{file.pk}/")
    assert "公示中" in page.locator("h1").inner_text()
    end = today + 4 * DAY
    assert f"公示期 {today.isoformat()} 至 {end.isoformat()}" in page.locator("main").inner_text()
    assert page.locator("a[href*='/payments/new/?file=']").count() == 0
    shot("on-notice")

    # Five days later (the dates moved back as time would), the page shows it 已认定 on the
    # notice's last day: settled when read, without beat.
    HardshipFile.objects.filter(pk=file.pk).update(reviewed_on=today - 5 * DAY, notice_until=today - DAY)
    page.reload()
    assert "已认定" in page.locator("h1").inner_text()
    facts = page.locator("dl.facts").inner_text()
    assert (today - DAY).isoformat() in facts
    history = page.locator("main").inner_text()
    assert "复核通过,进入公示" in history and "公示期满认定" in history and "公示期满无异议" in history
    shot("verified-after-notice")
    file.refresh_from_db()
    assert file.state == FileState.VERIFIED and file.verified_on == today - DAY
