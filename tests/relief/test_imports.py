"""The relief import kinds (import-formats.md): good files, bad cells by row, re-import
unchanged, export imported back unchanged, and every payment rule refused from an import with
nothing written."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from relief.models import CareService, FileState, HardshipFile, Payment, ReliefProgram
from tests import sheets
from tests.factories import PersonFactory, make_id_number
from tests.formats import header
from tests.relief.conftest import make_file
from tests.sheets import assert_round_trip, by_row, do_import
from tests.sheets import problems_text as problems
from unionhub.people.models import Person

D = datetime.date

FILE_HEADER = header("relief_files")  # fmt: skip
PROGRAM_HEADER = header("relief_programs")
PAYMENT_HEADER = header("relief_payments", without=("项目所属组织代码",))  # fmt: skip
CARE_HEADER = header("care_services")


def write_csv(path: Path, rows: list[list]) -> Path:
    """The relief files of these tests are written in GB18030, as a district's spreadsheet saves them."""
    return sheets.write_csv(path, rows, "gb18030")


# -- relief_files -------------------------------------------------------------------------------


@pytest.fixture
def ids():
    return [make_id_number(seq=i) for i in range(1, 6)]


def file_rows(ids):
    return [
        FILE_HEADER,
        ["张甲", ids[0], "13800000001", "在职", "因病", "3", "1,200.50", "LZ-CZ", "2018-01-07", "已认定", "2018/2/7", ""],
        ["李乙", ids[1], "", "退休", "因残", "1", "300", "LZ-YF", "2017年5月1日", "已脱困", "2017-06-01", "2018-03-01"],
        ["王丙", ids[2], "", "失业", "失业", "4", "0", "LZ-CZ-001", "2018-09-01", "待认定", "", ""],
    ]  # fmt: skip


def test_files_import_creates_people_and_files_and_reimport_changes_nothing(tree, tmp_path, ids):
    path = write_csv(tmp_path / "f.csv", file_rows(ids))
    result = do_import("relief_files", path, tree.city)
    assert result.ok, problems(result)
    assert (result.new, result.updated, result.unchanged) == (3, 0, 0)
    first = HardshipFile.objects.get(person__id_number=ids[0])
    assert (first.person.name, first.person.phone, first.income_per_head, first.state, first.verified_on) == (
        "张甲", "13800000001", Decimal("1200.50"), FileState.VERIFIED, D(2018, 2, 7),
    )  # fmt: skip
    assert HardshipFile.objects.get(person__id_number=ids[1]).exited_on == D(2018, 3, 1)
    assert_round_trip("relief_files", path, tree.city, tmp_path, header=FILE_HEADER, rows=3)


def test_files_import_updates_a_file_in_place_by_person_and_year(tree, tmp_path, ids):
    do_import("relief_files", write_csv(tmp_path / "f.csv", file_rows(ids)), tree.city)
    rows = file_rows(ids)[:2]
    rows[1][5] = "5"
    rows[1][8] = "2018-01-20"  # another day of the same year: the same file
    result = do_import("relief_files", write_csv(tmp_path / "g.csv", rows), tree.city)
    assert (result.new, result.updated) == (0, 1)
    file = HardshipFile.objects.get(person__id_number=ids[0])
    assert (file.household_size, file.filed_on) == (5, D(2018, 1, 20))


def test_files_bad_cells_are_listed_by_row_and_nothing_is_written(tree, tmp_path, ids):
    PersonFactory(id_number=ids[4], name="原名")
    rows = [
        *file_rows(ids),
        ["赵丁", ids[3], "", "在职", "因病", "0", "100", "LZ-CZ", "2018-01-01", "待认定", "", ""],
        ["钱戊", ids[3][:-1] + "0" if ids[3][-1] != "0" else ids[3][:-1] + "1", "", "在职", "因病", "1", "100", "LZ-CZ", "2018-01-01", "待认定", "", ""],
        ["孙己", make_id_number(seq=7), "", "在职", "因病", "1", "100", "LZ-CZ", "2018-03-01", "已认定", "2018-02-01", ""],
        ["周庚", make_id_number(seq=8), "", "在职", "因病", "1", "100", "LZ-CZ", "2018-03-01", "已认定", "", ""],
        ["吴辛", make_id_number(seq=9), "", "在职", "因病", "1", "100", "LZ-CZ", "2018-03-01", "待认定", "", "2018-04-01"],
        ["郑壬", make_id_number(seq=10), "", "在职", "因病", "1", "100", "LZ-CZ", "2018-03-01", "已脱困", "2018-03-05", "2018-03-04"],
        ["冯癸", make_id_number(seq=11), "", "在职", "因病", "1", "-5", "LZ-XX", "2018-03-01", "待认定", "", ""],
        ["错名", ids[4], "", "在职", "因病", "1", "100", "LZ-CZ", "2018-03-01", "待认定", "", ""],
        ["张甲", ids[0], "", "在职", "因病", "3", "100", "LZ-CZ", "2018-05-01", "待认定", "", ""],
    ]  # fmt: skip
    result = do_import("relief_files", write_csv(tmp_path / "f.csv", rows), tree.city)
    assert by_row(problems(result)) == [
        "第5行 家庭人口: 应为不小于1的整数",
        "第6行 身份证号: 身份证号校验码不正确",
        "第7行 认定日期: 认定日期不能早于建档日期",
        "第8行 认定日期: 已认定或已脱困的档案须填写认定日期",
        "第9行 脱困日期: 只有已脱困的档案可以填写脱困日期",
        "第10行 脱困日期: 脱困日期不能早于认定日期",
        "第11行 家庭月人均收入: 金额不能为负数",
        "第12行 姓名: 姓名与身份证号不一致",
        "第13行 建档日期: 与第2行是同一人员同一年度的档案",
    ]
    assert HardshipFile.objects.count() == 0
    assert Person.objects.count() == 1


def test_files_of_an_org_outside_the_importers_subtree_are_refused(tree, tmp_path, ids):
    result = do_import("relief_files", write_csv(tmp_path / "f.csv", file_rows(ids)), tree.cz)
    assert problems(result) == ["第3行 所属工会组织代码: 组织“LZ-YF”不在您的管辖范围内"]
    assert HardshipFile.objects.count() == 0


# -- relief_programs ----------------------------------------------------------------------------


def test_programs_import_reimport_and_export(tree, tmp_path):
    rows = [
        PROGRAM_HEADER,
        ["春节送温暖", "2018", "5,000,000.00", "3,000.00", "LZ"],
        ["送清凉", "2018", "", "", "LZ"],
    ]
    path = write_csv(tmp_path / "p.csv", rows)
    result = do_import("relief_programs", path, tree.city)
    assert (result.new, result.ok) == (2, True)
    spring = ReliefProgram.objects.get(kind="春节送温暖", year=2018)
    assert (spring.budget, spring.cap) == (Decimal("5000000.00"), Decimal("3000.00"))
    assert ReliefProgram.objects.get(kind="送清凉").budget is None
    assert_round_trip("relief_programs", path, tree.city, tmp_path, header=PROGRAM_HEADER, rows=2)


def test_programs_bad_cells_and_a_budget_below_what_was_paid(relief, tree, tmp_path):
    relief.pay("X", cash=Decimal("2000"))
    rows = [
        PROGRAM_HEADER,
        ["春节送温暖", "2018", "1000", "3000", "LZ"],
        ["送温暖", "2018", "", "", "LZ"],
        ["金秋助学", "18", "", "", "LZ"],
    ]
    result = do_import("relief_programs", write_csv(tmp_path / "p.csv", rows), tree.city)
    assert sorted(problems(result)) == [
        "第2行 预算: 预算不能低于该项目已发放的金额2000.00元",
        "第3行 项目类型: “送温暖”无效,应为:春节送温暖/金秋助学/医疗救助/其他帮扶/送清凉/游园活动",
        "第4行 年度: 年度“18”无效,应为四位数字,如 2018",
    ]
    assert ReliefProgram.objects.get(pk=relief.spring.pk).budget == Decimal("10000.00")


# -- relief_payments ----------------------------------------------------------------------------


def payment_rows(relief):
    return [
        PAYMENT_HEADER,
        ["FF1", "春节送温暖", "2018", relief.cz_person.id_number, "", "", "2,000.00", "200", "2018年2月1日", "春节"],
        ["FF2", "春节送温暖", "2018", relief.yf_person.id_number, "", "", "1000", "", "2018/2/3", ""],
        ["FF3", "送清凉", "2018", "", relief.cz_unit.credit_code, "40", "0", "5000", "2018-07-01", ""],
    ]  # fmt: skip


def test_payments_import_through_the_rules_and_reimport_and_export(relief, tree, tmp_path):
    path = write_csv(tmp_path / "pay.csv", payment_rows(relief))
    result = do_import("relief_payments", path, tree.city)
    assert result.ok, problems(result)
    assert result.new == 3
    first = Payment.objects.get(number="FF1")
    assert (first.file, first.organization, first.cash, first.goods) == (
        relief.cz_file, tree.cz, Decimal("2000.00"), Decimal("200.00"),
    )  # fmt: skip
    assert Payment.objects.get(number="FF3").organization == tree.cz
    assert ReliefProgram.objects.get(pk=relief.spring.pk).spent == Decimal("3200.00")
    assert ReliefProgram.objects.get(pk=relief.summer.pk).spent == Decimal("5000.00")
    # The export names each payment's program by its organization (项目所属组织代码).
    assert_round_trip("relief_payments", path, tree.city, tmp_path, header=header("relief_payments"), rows=3)
    assert ReliefProgram.objects.get(pk=relief.spring.pk).spent == Decimal("3200.00")


def test_a_changed_payment_row_is_a_correction_with_history(relief, tree, tmp_path):
    do_import("relief_payments", write_csv(tmp_path / "a.csv", payment_rows(relief)), tree.city)
    rows = payment_rows(relief)[:2]
    rows[1][6] = "1800"
    result = do_import("relief_payments", write_csv(tmp_path / "b.csv", rows), tree.city)
    assert (result.updated, result.ok) == (1, True)
    payment = Payment.objects.get(number="FF1")
    assert payment.cash == Decimal("1800.00")
    assert ReliefProgram.objects.get(pk=relief.spring.pk).spent == Decimal("3000.00")
    last = payment.events.select_related("pgh_context").order_by("pgh_id").last()
    assert last.cash == Decimal("1800.00") and last.pgh_context.metadata["reason"] == "导入更正:b.csv"


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            "unverified",
            "第2行 身份证号: 违反规则“须持有发放日期当天有效的已认定困难职工档案”:该人员的档案尚未认定(待认定)",
        ),
        (
            "before",
            "第2行 身份证号: 违反规则“须持有发放日期当天有效的已认定困难职工档案”:发放日期2018-01-09早于档案认定日期2018-01-10",
        ),
        (
            "exited",
            "第2行 身份证号: 违反规则“须持有发放日期当天有效的已认定困难职工档案”:该人员已于2018-01-20脱困,发放日期2018-02-01不在认定有效期内",
        ),
        (
            "no_file",
            "第2行 身份证号: 违反规则“须持有发放日期当天有效的已认定困难职工档案”:本组织及下级组织没有该人员的困难职工档案",
        ),
        (
            "second",
            "第3行 身份证号: 违反规则“同一项目每人只能发放一次”:该人员已领取2018年春节送温暖(发放编号FF1)",
        ),
        (
            "cap",
            "第2行 金额: 违反规则“不得超过项目单笔上限”:金额与物资折款合计3000.01元,超过2018年春节送温暖的单笔上限3000元",
        ),
        (
            "budget",
            "第3行 金额: 违反规则“项目发放总额不得超过预算”:2018年春节送温暖预算3999.99元,已发放3000元,本笔1000元将超出预算",
        ),
        ("year", "第2行 发放日期: 违反规则“发放日期须在项目年度内”:2018年春节送温暖的发放日期须在2018年内"),
        ("unit_kind", "第2行 身份证号: 违反规则“个人项目发给人员,单位项目发给单位”:送清凉只能发放给单位"),
    ],
)
def test_every_payment_rule_is_a_bad_row_and_nothing_is_written(relief, tree, tmp_path, case, expected):
    person = relief.cz_person
    row = ["FF1", "春节送温暖", "2018", person.id_number, "", "", "2000", "", "2018-02-01", ""]
    extra = []
    if case == "unverified":
        person = PersonFactory()
        make_file(person, tree.cz, state=FileState.PENDING)
        row[3] = person.id_number
    elif case == "before":
        row[8] = "2018-01-09"
    elif case == "exited":
        person = PersonFactory()
        make_file(person, tree.cz, state=FileState.EXITED, exited_on=D(2018, 1, 20))
        row[3] = person.id_number
    elif case == "no_file":
        row[3] = make_id_number(seq=99)
    elif case == "second":
        extra = [["FF2", "春节送温暖", "2018", person.id_number, "", "", "100", "", "2018-02-02", ""]]
    elif case == "cap":
        row[6] = "3000.01"
    elif case == "budget":
        ReliefProgram.objects.filter(pk=relief.spring.pk).update(budget=Decimal("3999.99"))
        row[6] = "3000"
        extra = [
            ["FF2", "春节送温暖", "2018", relief.yf_person.id_number, "", "", "1000", "", "2018-02-02", ""]
        ]
    elif case == "year":
        row[8] = "2019-01-05"
    elif case == "unit_kind":
        row[1] = "送清凉"
    ok_row = ["FF9", "春节送温暖", "2018", relief.yf_person.id_number, "", "", "100", "", "2018-03-01", ""]
    rows = [PAYMENT_HEADER, row, *extra] + ([] if case in ("second", "budget") else [ok_row])
    result = do_import("relief_payments", write_csv(tmp_path / "pay.csv", rows), tree.city)
    assert problems(result) == [expected]
    assert Payment.objects.count() == 0
    assert ReliefProgram.objects.get(pk=relief.spring.pk).spent == Decimal("0")


def test_payments_of_a_unit_need_the_people_reached(relief, tree, tmp_path):
    rows = [
        PAYMENT_HEADER,
        ["FF3", "送清凉", "2018", "", relief.cz_unit.credit_code, "", "0", "5000", "2018-07-01", ""],
    ]
    result = do_import("relief_payments", write_csv(tmp_path / "pay.csv", rows), tree.city)
    assert problems(result) == ["第2行 受益人数: 单位项目须填写受益人数(至少为1)"]


def test_a_district_import_cannot_pay_a_sibling_districts_file_and_cannot_tell_it_exists(
    relief, tree, tmp_path
):
    def refusal(number):
        row = ["FF1", "春节送温暖", "2018", number, "", "", "100", "", "2018-02-01", ""]
        result = do_import("relief_payments", write_csv(tmp_path / "pay.csv", [PAYMENT_HEADER, row]), tree.cz)
        return problems(result)

    theirs = refusal(relief.yf_person.id_number)
    assert theirs == [
        "第2行 身份证号: 违反规则“须持有发放日期当天有效的已认定困难职工档案”:本组织及下级组织没有该人员的困难职工档案"
    ]
    assert refusal(make_id_number(seq=98)) == theirs  # nobody's number: the same words


# -- care_services ------------------------------------------------------------------------------


def test_care_services_import_bad_cells_reimport_and_export(tree, tmp_path):
    rows = [
        CARE_HEADER,
        ["GA1", "暖流服务", "柳州火车站", "2018/7/25", "2018-08-22", "8137", "", "LZ-CZ"],
        ["GA2", "免费体检", "市工人医院", "2018年6月28日", "2018-07-14", "353", "1,000", "LZ-YF"],
    ]
    path = write_csv(tmp_path / "c.csv", rows)
    result = do_import("care_services", path, tree.city)
    assert (result.new, result.ok) == (2, True)
    assert CareService.objects.get(number="GA2").goods == Decimal("1000.00")
    assert_round_trip("care_services", path, tree.city, tmp_path, header=CARE_HEADER, rows=2)

    bad = [
        CARE_HEADER,
        ["GA3", "义诊", "某地", "2018-01-01", "2018-01-02", "1", "", "LZ"],
        ["GA4", "暖流服务", "某地", "2018-02-01", "2018-01-02", "1", "", "LZ"],
        ["GA5", "暖流服务", "某地", "2018-02-01", "2018-02-02", "-1", "", "LZ"],
    ]
    result = do_import("care_services", write_csv(tmp_path / "bad.csv", bad), tree.city)
    assert sorted(problems(result)) == [
        "第2行 服务类型: “义诊”无效,应为:暖流服务/免费体检/高温慰问/亲子团聚/爱心托管",
        "第3行 结束日期: 结束日期不能早于开始日期",
        "第4行 服务人次: “-1”无效,应为不小于0的整数",
    ]
    assert CareService.objects.count() == 2
