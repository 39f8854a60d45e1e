"""The `legal_cases` import kind (import-formats.md)."""

import datetime

import pytest

from legal.models import Case, Lawyer
from tests.factories import make_id_number
from tests.formats import header
from tests.sheets import by_row

from .conftest import do_import, export_csv, problems_text, read_csv, write_csv

HEADER = header("legal_cases")  # fmt: skip


@pytest.fixture
def applicant_id():
    return make_id_number()


def good_rows(applicant_id):
    return [
        HEADER,
        ["WQ1", "2018-03-17", "来电", "否", "2", "1", "甲", applicant_id, "柳州某公司", "拖欠工资", "法律咨询", "", "结案", "2018-05-22", "29,700.00", "LZ-CZ"],
        ["WQ2", "2018/7/25", "来访", "是", "6", "4", "乙", "", "", "工伤", "指派律师代理仲裁", "赵梅华律师", "处理中", "", "", "LZ-YF"],
        ["WQ3", "2018年10月22日", "网络", "N", "1", "0", "丙", "", "", "其他", "调解", "", "受理", "", "", "LZ-CZ-001"],
    ]  # fmt: skip


def test_good_file_creates_cases_applicants_and_new_lawyers(tree, import_csv, applicant_id):
    result = import_csv("legal_cases", good_rows(applicant_id), tree.city)
    assert result.ok, problems_text(result)
    assert (result.new, result.updated, result.unchanged) == (3, 0, 0)
    first = Case.objects.get(number="WQ1")
    assert (first.applicant.id_number, first.applicant.name) == (applicant_id, "甲")
    assert (first.closed_on, first.recovered, first.organization) == (
        datetime.date(2018, 5, 22),
        29700,
        tree.cz,
    )
    second = Case.objects.get(number="WQ2")
    assert (second.is_group, second.applicant, second.lawyer.name) == (True, None, "赵梅华律师")
    assert Case.objects.get(number="WQ3").is_group is False
    assert Lawyer.objects.count() == 1


def test_bad_cells_are_listed_by_row_and_nothing_is_written(tree, import_csv, applicant_id):
    bad_id = applicant_id[:-1] + ("0" if applicant_id[-1] != "0" else "1")
    rows = [
        *good_rows(applicant_id),
        ["WQ4", "2018-03-01", "来电", "否", "2", "3", "丁", "", "", "拖欠工资", "调解", "", "受理", "", "", "LZ-CZ"],
        ["WQ5", "2018-03-01", "来电", "否", "1", "0", "戊", "", "", "拖欠工资", "指派律师代理诉讼", "", "受理", "", "", "LZ-CZ"],
        ["WQ6", "2018-03-01", "来电", "否", "1", "0", "己", "", "", "拖欠工资", "调解", "", "结案", "", "", "LZ-CZ"],
        ["WQ7", "2018-03-01", "来电", "否", "1", "0", "庚", "", "", "拖欠工资", "调解", "", "结案", "2018-02-28", "", "LZ-CZ"],
        ["WQ8", "2018-03-01", "来电", "否", "0", "0", "辛", "", "", "拖欠工资", "调解", "", "受理", "", "", "LZ-CZ"],
        ["WQ9", "2018-03-01", "微信", "否", "1", "0", "壬", "", "", "拖欠工资", "调解", "", "受理", "", "", "LZ-CZ"],
        ["WQ10", "2018-03-01", "来电", "否", "1", "0", "癸", bad_id, "", "拖欠工资", "调解", "", "受理", "", "", "LZ-CZ"],
        ["WQ11", "2018-03-01", "来电", "否", "1", "0", "子", "", "", "拖欠工资", "调解", "", "处理中", "2018-04-01", "", "LZ-CZ"],
    ]  # fmt: skip
    result = import_csv("legal_cases", rows, tree.city)
    assert by_row(problems_text(result)) == [
        "第5行 农民工人数: 农民工人数不能多于涉及人数",
        "第6行 代理律师: 指派律师代理的案件须填写代理律师",
        "第7行 结案日期: 结案的案件须填写结案日期",
        "第8行 结案日期: 结案日期不能早于受理日期",
        "第9行 涉及人数: 应为不小于1的整数",
        "第10行 来源: “微信”无效,应为:来电/来访/网络/信函",
        "第11行 当事人身份证号: 身份证号校验码不正确",
        "第12行 结案日期: 未结案的案件不能填写结案日期",
    ]
    assert (Case.objects.count(), Lawyer.objects.count()) == (0, 0)


def test_a_case_of_another_subtree_cannot_be_overwritten(tree, import_csv, applicant_id, make_case):
    make_case(tree.yf, number="WQ1")
    rows = good_rows(applicant_id)[:2]
    result = import_csv("legal_cases", rows, tree.cz)
    assert problems_text(result) == ["第2行 案件编号: 案件“WQ1”不在您的管辖范围内"]
    assert Case.objects.get(number="WQ1").organization == tree.yf


def test_reimport_changes_nothing_and_keeps_the_note(tree, tmp_path, applicant_id):
    path = write_csv(tmp_path / "c.csv", good_rows(applicant_id))
    assert do_import("legal_cases", path, tree.city).ok
    Case.objects.filter(number="WQ1").update(note="当事人要求保密")
    again = do_import("legal_cases", path, tree.city)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)
    assert Case.objects.get(number="WQ1").note == "当事人要求保密"


def test_export_imports_back_unchanged_and_never_holds_the_note(tree, tmp_path, import_csv, applicant_id):
    assert import_csv("legal_cases", good_rows(applicant_id), tree.city).ok
    Case.objects.update(note="敏感内容")
    path = export_csv("legal_cases", tree.city, tmp_path / "export.csv")
    exported = read_csv(path)
    assert exported[0] == HEADER and len(exported) == 4
    assert "敏感内容" not in path.read_text(encoding="utf-8-sig")
    result = do_import("legal_cases", path, tree.city)
    assert (result.new, result.updated, result.unchanged) == (0, 0, 3)


def test_a_district_export_holds_only_its_subtree(tree, tmp_path, import_csv, applicant_id):
    assert import_csv("legal_cases", good_rows(applicant_id), tree.city).ok
    path = export_csv("legal_cases", tree.cz, tmp_path / "export.csv", mask_ids=True)
    rows = read_csv(path)[1:]
    assert [r[0] for r in rows] == ["WQ1", "WQ3"]
    assert rows[0][7] == applicant_id[:6] + "********" + applicant_id[14:]


def test_a_cases_batch_cannot_be_undone(tree, import_csv, applicant_id):
    from unionhub.imports.services import batch_rollback_refusal

    result = import_csv("legal_cases", good_rows(applicant_id), tree.city)
    assert batch_rollback_refusal(result.batch) == "此类数据不能撤销导入"
