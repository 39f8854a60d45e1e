"""End-to-end journeys in a real browser (issue 10, and issue 4's import flow): what the user
sees at each step, with a screenshot per step in test-artifacts/e2e/."""

import datetime
import io
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.utils import timezone

from members.models import Employer, Member
from relief.models import HardshipFile, ReliefProgram
from tests.e2e.conftest import PHONE, login
from tests.factories import PersonFactory, make_credit_code, make_id_number
from tests.formats import header
from unionhub.orgs.roles import ADMIN, OFFICIAL
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


def test_staff_enter_a_member_a_hardship_file_and_a_payment(
    page, shot, cz_user, employer, school_aid, tree, make_user, settings
):
    settings.RELIEF_NOTICE_DAYS = 0
    make_user(tree.cz, username="cz2")  # the second person who reviews the file
    id_number = make_id_number(datetime.date(1988, 4, 2), "450202", seq=28)  # 8: a woman
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
    for seen in ("城中第一企业工会(LZ-CZ-001)", "柳州城中机械有限公司", "2020-03-15", "快递员"):
        assert seen in facts
    assert "女" not in facts and "出生日期" not in facts  # they would rebuild the masked digits
    shot("member-detail")

    # The member list: the row, masked; then a phone-sized look at it.
    page.goto("/members/")
    rows = table_rows(page)
    assert rows == [
        ["韦秀英", masked, "城中第一企业工会", "柳州城中机械有限公司", "快递员", "是", "2020-03-15", "在会"]
    ]
    shot("member-list")
    page.set_viewport_size(PHONE)
    # The table scrolls inside its frame; the page itself never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    assert page.locator("table.list").is_visible()
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
    # The home visit, then a second person's review (RELIEF_NOTICE_DAYS = 0: no public notice
    # here; tests/e2e/test_review_journeys.py walks the notice).
    page.fill("[name=visitors]", "张三、李四")
    page.fill("[name=finding]", "家中有长期病人,收入属实")
    page.get_by_role("button", name="登记入户核查").click()
    page.wait_for_url("**/relief/files/*/")
    assert "须由另一名工作人员复核认定" in page.locator("#review-refusal").inner_text()
    file_url = page.url
    page.context.clear_cookies()
    login(page, "cz2")
    page.goto(file_url)
    page.get_by_role("button", name="复核通过").click()
    page.wait_for_url("**/relief/files/*/")
    assert "已认定" in page.locator(".messages").inner_text()
    assert "已认定" in page.locator("h1").inner_text()
    today = timezone.localdate().isoformat()
    assert today in page.locator("dl.facts").inner_text()
    shot("file-verified")

    # A payment from the file's page: over the cap first, then within it.
    page.locator("a[href*='/payments/new/?file=']", has_text="登记发放").click()
    # The household's person comes with the form, shown masked: the full number never reaches the page.
    assert masked in page.content() and id_number not in page.content()
    page.select_option("[name=program]", label=f"{school_aid}({school_aid.organization.name})")
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


# --- b. admin: a members spreadsheet with a bad row, fixed and imported (issue 4) --------------

MEMBER_HEADERS = header("members", without=("离会日期",))  # a file of members who are all 在会


def members_csv(rows) -> bytes:
    lines = [",".join(MEMBER_HEADERS)] + [",".join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def download(page, link):
    """Click `link`; return (suggested file name, bytes) of what the browser downloaded."""
    with page.expect_download() as info:
        link.click()
    d = info.value
    return d.suggested_filename, Path(d.path()).read_bytes()


def test_admin_imports_members_with_a_bad_row_fixes_it_and_confirms(
    page, shot, tree, make_user, tmp_path, worker
):
    """From upload to result the page follows the job by itself: nobody clicks 查看结果."""
    make_user(tree.cz, ADMIN, username="czadmin")
    ids = [make_id_number(datetime.date(1990, 1, d), "450203") for d in (5, 6, 7)]
    wrong = ids[1][:-1] + ("0" if ids[1][-1] != "0" else "1")  # a wrong check character
    good_rows = [
        ["覃海涛", ids[0], "13907721001", "", "LZ-CZ-001", "快递员", "是", "2021-05-01", "在会"],
        ["黄丽萍", ids[1], "", "", "LZ-CZ", "", "否", "2021/6/1", ""],
        ["莫志强", ids[2], "", "", "LZ-CZ-001", "网约送餐员", "是", "2021年7月1日", "在会"],
    ]
    bad_rows = [list(r) for r in good_rows]
    bad_rows[1][1] = wrong
    bad_file, fixed_file = tmp_path / "会员名单.csv", tmp_path / "会员名单-改.csv"
    bad_file.write_bytes(members_csv(bad_rows))
    fixed_file.write_bytes(members_csv(good_rows))
    login(page, "czadmin")

    # Pick the kind; its templates.
    page.goto("/imports/")
    row = page.locator("table.list tbody tr", has=page.locator("strong", has_text=re.compile("^会员$")))
    assert "姓名*、身份证号*、手机号、工作单位统一社会信用代码、所属工会组织代码*" in row.inner_text()
    shot("kinds")
    name, body = download(page, row.get_by_role("link", name=".csv"))
    assert name == "会员导入模板.csv"
    assert body.decode("utf-8-sig").splitlines()[0].split(",") == [*MEMBER_HEADERS, "离会日期"]
    name, body = download(page, row.get_by_role("link", name=".xlsx"))
    assert name == "会员导入模板.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    assert [c.value for c in sheet[1]] == [*MEMBER_HEADERS, "离会日期"]

    # Upload the file with a bad row: the preview names the row, the column and the reason.
    row.get_by_role("link", name="上传").click()
    assert page.locator("h1").inner_text().startswith("导入会员")
    page.set_input_files("input[type=file]", bad_file)
    shot("upload")
    page.get_by_role("button", name="上传并预览").click()
    page.wait_for_url("**/imports/batches/*/")
    # The worker has not started yet: the page shows the job's progress, then moves on alone.
    assert page.locator("progress").count() == 1
    shot("checking")
    worker.go()
    summary = page.locator(".panel.summary")
    summary.get_by_text("有1行错误").wait_for()
    assert page.get_by_role("link", name="查看结果").count() == 0
    assert "有1行错误,未写入任何数据。请修改后重新上传。" in summary.inner_text()
    counts = [card.split("\n")[-1].strip() for card in page.locator(".cards.counts .card").all_inner_texts()]
    assert counts == ["行数", "错误行"]  # a refused file has nothing "new"
    errors = summary.locator("ul.errors li").all_inner_texts()
    assert errors == ["第3行 身份证号: 身份证号校验码不正确"]
    assert summary.get_by_role("button", name="确认导入").count() == 0
    shot("preview-with-error")

    # The bad rows, with the row number and the reason, to fix.
    name, body = download(page, summary.get_by_role("link", name="下载错误行(含错误原因)"))
    assert name == "会员名单-错误行.xlsx"
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(io.BytesIO(body)).active.iter_rows()]
    assert rows[0] == [*MEMBER_HEADERS, "行号", "错误原因"]
    # The admin may not see full numbers: the bad-rows file masks them too.
    assert len(rows) == 2 and rows[1][0] == "黄丽萍" and rows[1][-2] == 3
    assert rows[1][1] == f"{wrong[:6]}********{wrong[-4:]}"
    assert rows[1][-1] == "身份证号: 身份证号校验码不正确"
    assert not Member.objects.exists()

    # The fixed file: a clean preview, then the import.
    summary.get_by_role("link", name="重新上传").click()
    page.set_input_files("input[type=file]", fixed_file)
    page.get_by_role("button", name="上传并预览").click()
    page.wait_for_url("**/imports/batches/*/")
    summary = page.locator(".panel.summary")
    summary.get_by_text("检查通过").wait_for()
    assert "检查通过:共3行,将新增3行、更新0行,0行未变。" in summary.inner_text()
    preview = [r.inner_text().split("\t") for r in summary.locator("table.preview tbody tr").all()]
    assert [(r[0], r[1], r[2]) for r in preview] == [
        ("2", f"{mask_id_number(ids[0])} 覃海涛", "新增"),
        ("3", f"{mask_id_number(ids[1])} 黄丽萍", "新增"),
        ("4", f"{mask_id_number(ids[2])} 莫志强", "新增"),
    ]
    assert not Member.objects.exists()
    shot("preview-clean")
    summary.get_by_role("button", name="确认导入").click()
    page.wait_for_url("**/imports/batches/*/")
    page.locator(".panel.summary").get_by_text("导入完成").wait_for()
    assert "导入完成:共3行,新增3行,更新0行,未变0行。" in page.locator(".panel.summary").inner_text()
    counts = {
        card.split("\n")[-1].strip(): card.split("\n")[0].strip()
        for card in page.locator(".cards.counts .card").all_inner_texts()
    }
    assert counts == {"行数": "3", "新增": "3", "更新": "0", "未变": "0"}
    records = page.locator("h3", has_text="会员").locator("xpath=..").locator("li").all_inner_texts()
    assert sorted(r.split("(")[0] for r in records) == sorted(["覃海涛", "黄丽萍", "莫志强"])  # each once
    shot("imported")

    # The members are in the list, masked.
    page.goto("/members/")
    listed = {r[0]: r[1:3] for r in table_rows(page)}
    assert listed == {
        "覃海涛": [mask_id_number(ids[0]), "城中第一企业工会"],
        "黄丽萍": [mask_id_number(ids[1]), "城中区总工会"],
        "莫志强": [mask_id_number(ids[2]), "城中第一企业工会"],
    }
    shot("member-list")


# --- c. official: the year-end report, its progress, the PDF -----------------------------------


def test_official_requests_the_year_end_report_and_downloads_the_pdf(
    page, shot, tree, make_user, tmp_path, worker
):
    make_user(tree.cz, OFFICIAL, username="czlead")
    year = timezone.localdate().year
    title = f"{year}年城中区总工会工作总结"
    login(page, "czlead")

    page.locator("nav.mainnav").get_by_role("link", name="年度报告").click()
    page.wait_for_url("**/reports/annual/")
    assert page.locator("h1").inner_text() == "年度工作总结报告"
    request = page.locator("form[method=post]", has=page.get_by_role("button", name="生成报告"))
    assert request.locator("[name=year] option:checked").inner_text() == f"{year}年"
    assert request.locator("[name=org] option:checked").inner_text().strip() == "城中区总工会"
    shot("request-form")
    request.get_by_role("button", name="生成报告").click()
    page.wait_for_url("**/reports/annual/*/")
    assert page.locator("h1").inner_text() == title

    # While the job waits for the worker the page shows its progress and keeps asking.
    status = page.locator("#report-status")
    assert status.get_attribute("data-state") == "queued"
    assert status.locator("progress").count() == 1
    assert "排队中" in status.inner_text()
    shot("report-queued")

    # The worker makes it; the status block swaps itself for the files, no reload.
    worker.go()
    pdf_link = page.locator("#report-status").get_by_role("link", name="下载PDF")
    pdf_link.wait_for(timeout=60_000)
    assert page.locator("#report-status").get_attribute("data-state") == "done"
    assert page.locator("#report-status progress").count() == 0
    shot("report-made")

    name, body = download(page, pdf_link)
    assert name == f"{title}(截至{timezone.localdate():%Y-%m-%d}).pdf"
    assert body.startswith(b"%PDF")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(body)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert re.search(r"年.*工作总结", flat) and title in flat
    # The PDF's first page beside the screenshots, to look at.
    stem = shot.folder / f"{shot.prefix}-pdf-page1"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)], check=True
    )

    page.goto("/reports/annual/")
    assert table_rows(page)[0][0] == title
    shot("report-list")


# --- d. a district user and a sibling district's records -------------------------------------


def test_a_district_user_gets_the_404_page_for_a_sibling_districts_member(page, shot, tree, cz_user):
    person = PersonFactory(name="鱼峰会员甲")
    member = Member.objects.create(person=person, organization=tree.yf, join_date=datetime.date(2019, 3, 1))
    file = HardshipFile.objects.create(
        person=person,
        category="在职",
        cause="因病",
        household_size=2,
        income_per_head=Decimal("500"),
        organization=tree.yf,
        filed_on=datetime.date(2024, 2, 1),
    )
    login(page, "cz")

    page.goto("/members/")
    assert page.get_by_text("没有符合条件的会员").is_visible()
    assert "鱼峰会员甲" not in page.inner_text("main")

    for url in (f"/members/{member.pk}/", f"/members/{member.pk}/edit/", f"/relief/files/{file.pk}/"):
        response = page.goto(url)
        assert response.status == 404, url
        body = page.inner_text("body")
        assert "鱼峰会员甲" not in body and person.id_number not in page.content()
        assert "鱼峰区总工会" not in body
        # The app's own page, in Chinese, with the header to go on from.
        assert page.locator("main h1").inner_text() == "页面不存在"
        assert "Not Found" not in body
        assert page.locator("header.topbar").count() == 1
    shot("sibling-member-404")

    # Still signed in, and the own subtree still works.
    page.goto("/members/")
    assert page.locator("h1").inner_text() == "会员"
