"""End-to-end journeys in a real browser (issue 10, and issue 4's import flow): what the user
sees at each step, with a screenshot per step in test-artifacts/e2e/."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from members.models import Employer
from relief.models import ReliefProgram
from tests.e2e.conftest import PHONE, login
from tests.factories import make_credit_code, make_id_number
from unionhub.people.idnumbers import mask_id_number

pytestmark = [pytest.mark.e2e]


def field(page, name):
    """The form field block (label, input, help, errors) of the input named `name`."""
    return page.locator(f".field:has([name='{name}'])")


def table_rows(page, selector="table.list tbody tr"):
    return [row.split("\t") for row in page.locator(selector).all_inner_texts()]


# --- a. staff: a member, a hardship file, a payment and a refused second payment -------------


@pytest.fixture
def employer(tree, industry):
    return Employer.objects.create(
        name="柳州城中机械有限公司",
        credit_code=make_credit_code(),
        organization=tree.cz,
        industry=industry,
        ownership=Employer.Ownership.PRIVATE,
        headcount=120,
    )


@pytest.fixture
def school_aid(tree):
    """金秋助学 of this year, the city's program, 1,000 yuan at most per recipient."""
    return ReliefProgram.objects.create(
        kind="金秋助学",
        year=timezone.localdate().year,
        budget=Decimal("50000"),
        cap=Decimal("1000"),
        organization=tree.city,
    )


def test_staff_enter_a_member_a_hardship_file_and_a_payment(page, shot, cz_user, employer, school_aid):
    id_number = make_id_number(datetime.date(1988, 4, 2), "450202")
    masked = mask_id_number(id_number)
    login(page, "cz")

    # The member form.
    page.goto("/members/")
    page.get_by_role("link", name="登记会员").click()
    assert page.locator("h1").inner_text() == "登记会员"
    page.fill("[name=id_number]", id_number)
    page.fill("[name=name]", "韦秀英")
    page.fill("[name=phone]", "13807720011")
    page.select_option("[name=organization]", label="　　城中第一企业工会(LZ-CZ-001)")
    page.fill("[name=employer_code]", employer.credit_code)
    page.select_option("[name=key_group]", "快递员")
    page.check("[name=is_migrant]")
    page.fill("[name=join_date]", "2020-03-15")
    shot("member-form")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/members/*/")
    assert "已登记会员韦秀英" in page.locator(".messages").inner_text()
    facts = page.locator("dl.facts").inner_text()
    assert masked in facts and id_number not in page.content()
    for seen in ("城中第一企业工会(LZ-CZ-001)", "柳州城中机械有限公司", "2020-03-15", "快递员", "女"):
        assert seen in facts
    shot("member-detail")

    # The member list: the row, masked; then a phone-sized look at it.
    page.goto("/members/")
    rows = table_rows(page)
    assert rows == [
        ["韦秀英", masked, "城中第一企业工会", "柳州城中机械有限公司", "快递员", "是", "2020-03-15", "在会"]
    ]
    shot("member-list")
    page.set_viewport_size(PHONE)
    shot("member-list-phone")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.get_by_role("link", name="韦秀英").click()
    assert page.locator("h1").inner_text().startswith("韦秀英")

    # A hardship file for the same person, then its verification.
    page.goto("/relief/files/new/")
    page.fill("[name=id_number]", id_number)
    page.fill("[name=name]", "韦秀英")
    page.select_option("[name=category]", "在职")
    page.select_option("[name=cause]", "因病")
    page.fill("[name=household_size]", "3")
    page.fill("[name=income_per_head]", "650")
    page.select_option("[name=organization]", label="城中第一企业工会")
    shot("file-form")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/relief/files/*/")
    assert "已建档,待认定" in page.locator(".messages").inner_text()
    assert "待认定" in page.locator("h1").inner_text()
    shot("file-pending")
    page.get_by_role("button", name="认定为困难职工").click()
    page.wait_for_url("**/relief/files/*/")
    assert "已认定" in page.locator(".messages").inner_text()
    assert "已认定" in page.locator("h1").inner_text()
    today = timezone.localdate().isoformat()
    assert today in page.locator("dl.facts").inner_text()
    shot("file-verified")

    # A payment from the file's page: over the cap first, then within it.
    page.locator("a[href*='/payments/new/?file=']", has_text="登记发放").click()
    assert page.input_value("[name=person]") == id_number
    page.select_option("[name=program]", label=str(school_aid))
    page.fill("[name=number]", "JQ-0001")
    page.fill("[name=cash]", "1200")
    page.get_by_role("button", name="保存").click()
    cap_error = field(page, "cash").locator(".errorlist").inner_text()
    assert cap_error == (
        f"违反规则“不得超过项目单笔上限”:金额与物资折款合计1200元,超过{school_aid}的单笔上限1000元"
    )
    shot("payment-over-cap")
    page.fill("[name=cash]", "800")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/relief/payments/*/")
    assert "已登记发放 JQ-0001" in page.locator(".messages").inner_text()
    facts = page.locator("dl.facts").inner_text()
    assert str(school_aid) in facts and "韦秀英" in facts and masked in facts and "800" in facts
    shot("payment-saved")

    # A second payment to the same person from the same program is refused, beside the person.
    page.goto(f"/relief/payments/new/?program={school_aid.pk}")
    page.fill("[name=number]", "JQ-0002")
    page.fill("[name=person]", id_number)
    page.fill("[name=cash]", "200")
    page.get_by_role("button", name="保存").click()
    refusal = field(page, "person").locator(".errorlist").inner_text()
    assert refusal == (f"违反规则“同一项目每人只能发放一次”:该人员已领取{school_aid}(发放编号JQ-0001)")
    assert page.locator("h1").inner_text() == "登记帮扶发放"
    shot("second-payment-refused")
    page.goto("/relief/payments/")
    assert [r[0] for r in table_rows(page)] == ["JQ-0001"]
