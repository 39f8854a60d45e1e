"""The `orgs` kind through the engine: good file, bad cells, encodings, headers, re-import, export."""

import pytest

from unionhub.imports.kinds import get_kind
from unionhub.imports.models import ImportBatch
from unionhub.imports.sheets import run_export
from unionhub.orgs.models import Organization

from .conftest import do_import, problems_text, read_sheet, write_csv, write_xlsx

HEADER = ["组织代码", "组织名称", "上级组织代码", "组织类型"]
GOOD = [
    HEADER,
    ["LZ-CZ-002", "城中第二企业工会", "LZ-CZ", "企业工会"],
    ["LZ-CZ-003", "城中联合工会", "LZ-CZ", "联合工会"],
    ["LZ-CZ-003-01", "城中联合工会一分会", "LZ-CZ-003", "企业工会"],  # parent earlier in the file
]


def codes():
    return set(Organization.objects.values_list("code", flat=True))


def test_good_file_creates_the_organizations_under_their_parents(tree, import_csv):
    result = import_csv("orgs", GOOD, tree.city)
    assert result.ok, problems_text(result)
    assert (result.new, result.updated, result.unchanged) == (3, 0, 0)
    assert Organization.objects.get(code="LZ-CZ-003-01").path == "LZ/LZ-CZ/LZ-CZ-003/LZ-CZ-003-01/"
    assert result.batch.state == ImportBatch.State.IMPORTED
    assert result.summary() == "共3行:新增3行,更新0行,未变0行"


def test_each_kind_of_bad_cell_is_reported_with_its_row_and_nothing_is_written(tree, import_csv):
    rows = [
        HEADER,
        ["LZ-CZ-002", "城中第二企业工会", "LZ-CZ", "企业工会"],  # good, but not written
        ["", "无代码工会", "LZ-CZ", "企业工会"],  # 3: required
        ["LZ CZ 9", "坏代码工会", "LZ-CZ", "企业工会"],  # 4: bad characters
        ["LZ-CZ-004", "城中第四企业工会", "LZ-CZ", "居委会"],  # 5: not a choice
        ["LZ-CZ-005", "城中第五企业工会", "LZ-NOPE", "企业工会"],  # 6: unknown parent
        ["LZ-CZ-006", "城中第六企业工会", "", "企业工会"],  # 7: only the root has no parent
        ["LZ-CZ-007", "x" * 201, "LZ-CZ", "企业工会"],  # 8: too long
    ]
    before = codes()
    result = import_csv("orgs", rows, tree.city)
    assert not result.ok
    assert problems_text(result) == [
        "第3行 组织代码: 必填",
        "第4行 组织代码: 组织代码“LZ CZ 9”无效,只能包含字母、数字和“-”",
        "第5行 组织类型: “居委会”无效,应为:市总工会/县区总工会/产业工会/企业工会/联合工会",
        "第6行 上级组织代码: 组织代码“LZ-NOPE”不存在",
        "第7行 上级组织代码: 只有根组织可以不填上级组织代码",
        "第8行 组织名称: 内容过长(最多200个字)",
    ]
    assert codes() == before
    assert result.batch.state == ImportBatch.State.INVALID
    assert result.batch.invalid == 6
    assert result.summary().endswith("错误6行,未写入任何数据")


def test_a_row_for_an_organization_outside_the_importers_subtree_is_a_bad_row(tree, import_csv):
    rows = [
        HEADER,
        ["LZ-YF-001", "鱼峰第一企业工会", "LZ-YF", "企业工会"],
        ["LZ-YF", "改名", "LZ", "县区总工会"],
    ]
    result = import_csv("orgs", rows, tree.cz)
    assert problems_text(result) == [
        "第2行 上级组织代码: 组织“LZ-YF”不在您的管辖范围内",
        "第3行 组织代码: 组织“LZ-YF”不在您的管辖范围内",
    ]
    assert not Organization.objects.filter(code="LZ-YF-001").exists()
    assert Organization.objects.get(code="LZ-YF").name == "鱼峰区总工会"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_csv_in_every_encoding_chinese_excel_writes_is_read(tree, tmp_path, encoding):
    result = do_import("orgs", write_csv(tmp_path / "orgs.csv", GOOD, encoding), tree.city)
    assert result.ok, problems_text(result)
    assert Organization.objects.get(code="LZ-CZ-002").name == "城中第二企业工会"


def test_xlsx_file_is_read(tree, tmp_path):
    result = do_import("orgs", write_xlsx(tmp_path / "orgs.xlsx", GOOD), tree.city)
    assert result.ok, problems_text(result)
    assert result.new == 3


def test_headers_in_any_order_and_padded_with_spaces_are_accepted(tree, import_csv):
    rows = [
        [" 组织类型", "组织名称 ", "上级组织代码", "组织代码"],
        ["企业工会", "城中第二企业工会", "LZ-CZ", "LZ-CZ-002"],
    ]
    result = import_csv("orgs", rows, tree.city)
    assert result.ok, problems_text(result)


def test_a_missing_required_column_is_named(tree, import_csv):
    rows = [["组织代码", "上级组织代码", "组织类型"], ["LZ-CZ-002", "LZ-CZ", "企业工会"]]
    result = import_csv("orgs", rows, tree.city)
    assert result.file_error.startswith("缺少必填列:组织名称。")
    assert result.batch.state == ImportBatch.State.FAILED


def test_an_unknown_column_is_named(tree, import_csv):
    rows = [[*HEADER, "备注"], ["LZ-CZ-002", "城中第二企业工会", "LZ-CZ", "企业工会", "x"]]
    result = import_csv("orgs", rows, tree.city)
    assert result.file_error.startswith("无法识别的列:备注。")
    assert "工会组织模板的列为:组织代码、组织名称、上级组织代码、组织类型" in result.file_error
    assert not Organization.objects.filter(code="LZ-CZ-002").exists()


def test_reimporting_the_same_file_changes_nothing_and_says_so(tree, tmp_path):
    path = write_csv(tmp_path / "orgs.csv", GOOD)
    do_import("orgs", path, tree.city)
    result = do_import("orgs", path, tree.city)
    assert (result.new, result.updated, result.unchanged) == (0, 0, 3)
    assert result.summary() == "共3行:新增0行,更新0行,未变3行(与系统中的数据完全相同,没有任何改动)"


def test_a_changed_row_is_updated_in_place_by_its_key(tree, import_csv):
    import_csv("orgs", GOOD, tree.city)
    rows = [HEADER, ["LZ-CZ-002", "城中第二企业联合工会", "LZ-CZ", "联合工会"]]
    result = import_csv("orgs", rows, tree.city)
    assert (result.new, result.updated) == (0, 1)
    org = Organization.objects.get(code="LZ-CZ-002")
    assert (org.name, org.kind) == ("城中第二企业联合工会", "联合工会")


def test_a_dry_run_writes_nothing_but_counts_everything(tree, import_csv):
    result = import_csv("orgs", GOOD, tree.city, dry_run=True)
    assert result.ok and result.new == 3
    assert not Organization.objects.filter(code="LZ-CZ-002").exists()
    assert result.batch.state == ImportBatch.State.PREVIEW


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_export_imports_back_unchanged(tree, tmp_path, import_csv, fmt):
    import_csv("orgs", GOOD, tree.city)
    out = tmp_path / f"export.{fmt}"
    run_export(kind=get_kind("orgs"), org=tree.city, target=out, fmt=fmt, mask_ids=False)
    rows = read_sheet(out)
    assert rows[0] == HEADER
    assert ["LZ-CZ-003-01", "城中联合工会一分会", "LZ-CZ-003", "企业工会"] in rows
    result = do_import("orgs", out, tree.city)
    assert result.ok, problems_text(result)
    assert (result.new, result.updated, result.unchanged) == (0, 0, Organization.objects.count())


def test_an_export_covers_only_the_subtree(tree, tmp_path):
    out = tmp_path / "export.csv"
    run_export(kind=get_kind("orgs"), org=tree.cz, target=out, fmt="csv", mask_ids=False)
    assert [r[0] for r in read_sheet(out)[1:]] == ["LZ-CZ", "LZ-CZ-001"]
