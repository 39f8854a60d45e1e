"""The engine with a tiny people kind: cells, dates, ID numbers, formulas, refused files, CLI."""

import datetime
import io
import zipfile

import pytest
from django.core.management import call_command

from tests.factories import PersonFactory, make_id_number
from unionhub.imports.kinds import get_kind
from unionhub.imports.readers import OLE_MAGIC
from unionhub.imports.sheets import run_export, write_bad_rows
from unionhub.people.models import Person

from .conftest import do_import, problems_text, read_sheet, write_csv, write_xlsx

HEADER = ["身份证号", "姓名", "手机号", "出生日期", "所属工会组织代码"]
BIRTH = datetime.date(1985, 6, 15)


@pytest.fixture
def ids():
    return [make_id_number(BIRTH, seq=i) for i in range(1, 10)]


def test_xlsx_date_cells_and_text_id_numbers_are_read(db, tree, people_kind, tmp_path, ids):
    rows = [
        HEADER,
        [ids[0], "张一", "13800000001", datetime.datetime(1985, 6, 15), "LZ-CZ"],
        [ids[1], "张二", 13800000002, datetime.date(1985, 6, 15), None],
    ]
    result = do_import("test_people", write_xlsx(tmp_path / "p.xlsx", rows), tree.city)
    assert result.ok, problems_text(result)
    assert Person.objects.get(id_number=ids[1]).phone == "13800000002"


def test_an_id_number_stored_as_a_number_is_refused(db, tree, people_kind, tmp_path, ids):
    rows = [HEADER, [int(ids[0][:17] + "0"), "张一", None, None, None], [4.50202198506151e17, "张二"]]
    result = do_import("test_people", write_xlsx(tmp_path / "p.xlsx", rows), tree.city)
    assert problems_text(result) == [
        "第2行 身份证号: 身份证号须为文本格式",
        "第3行 身份证号: 身份证号须为文本格式",
    ]
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    "text", ["1985-06-15", "1985/6/15", "1985年6月15日", "1985.6.15", "1985-06-15 00:00:00"]
)
def test_every_date_form_of_the_format_doc_is_read(db, tree, people_kind, import_csv, ids, text):
    result = import_csv("test_people", [HEADER, [ids[0], "张一", "", text, ""]], tree.city)
    assert result.ok, problems_text(result)


def test_each_kind_of_bad_cell_is_reported_and_nothing_is_written(db, tree, people_kind, import_csv, ids):
    PersonFactory(id_number=ids[5], name="李五")
    bad_check = ids[0][:17] + ("0" if ids[0][17] != "0" else "1")
    rows = [
        HEADER,
        [ids[0], "张一", "", "", ""],  # 2: good, not written
        [bad_check, "张二", "", "", ""],  # 3
        ["4502021985", "张三", "", "", ""],  # 4
        [ids[1], "张四", "1380000", "", ""],  # 5
        [ids[2], "张五", "", "1985-02-30", ""],  # 6
        [ids[3], "张六", "", "1990-01-01", ""],  # 7
        [ids[4], "张七", "", "", "LZ-YF"],  # 8: outside LZ-CZ
        [ids[6], "张八", "", "", "LZ-XX"],  # 9
        [ids[5], "王五", "", "", ""],  # 10: the name differs
        [ids[7], "", "", "", ""],  # 11
    ]
    before = Person.objects.count()
    result = import_csv("test_people", rows, tree.cz)
    assert problems_text(result) == [
        "第3行 身份证号: 身份证号校验码不正确",
        "第4行 身份证号: 身份证号应为18位:17位数字加1位校验码(数字或X)",
        "第5行 手机号: 手机号“1380000”无效,应为11位数字",
        "第6行 出生日期: 日期“1985-02-30”无效,应为 2018-04-15、2018/4/15 或 2018年4月15日",
        "第7行 出生日期: 与身份证号中的出生日期不一致",
        "第8行 所属工会组织代码: 组织“LZ-YF”不在您的管辖范围内",
        "第9行 所属工会组织代码: 组织代码“LZ-XX”不存在",
        "第10行 姓名: 姓名与身份证号不一致",
        "第11行 姓名: 必填",
    ]
    assert Person.objects.count() == before


def test_the_same_key_twice_in_a_file_is_a_bad_row(db, tree, people_kind, import_csv, ids):
    rows = [HEADER, [ids[0], "张一", "", "", ""], [ids[0], "张一", "13800000001", "", ""]]
    result = import_csv("test_people", rows, tree.city)
    assert problems_text(result) == ["第3行 身份证号: 与第2行重复"]
    assert not Person.objects.exists()


FORMULAS = ["=1+1", "+86电话", "-负号", "@提及", '=HYPERLINK("http://x")']


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_formula_text_is_stored_as_text_escaped_on_export_and_imports_back_identical(
    db, tree, people_kind, tmp_path, import_csv, ids, fmt
):
    rows = [HEADER, *[[ids[i], name, "", "", ""] for i, name in enumerate(FORMULAS)]]
    assert import_csv("test_people", rows, tree.city).ok
    assert sorted(Person.objects.values_list("name", flat=True)) == sorted(FORMULAS)

    out = tmp_path / f"out.{fmt}"
    run_export(kind=get_kind("test_people"), org=tree.city, target=out, fmt=fmt, mask_ids=False)
    exported = {r[0]: r[1] for r in read_sheet(out)[1:]}
    assert exported[ids[0]] == "'=1+1"
    assert exported[ids[3]] == "'@提及"
    if fmt == "xlsx":
        with zipfile.ZipFile(out) as z:
            assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()

    result = do_import("test_people", out, tree.city)
    assert result.ok, problems_text(result)
    assert (result.new, result.updated, result.unchanged) == (0, 0, len(FORMULAS))
    assert sorted(Person.objects.values_list("name", flat=True)) == sorted(FORMULAS)


def test_export_masks_id_numbers_when_asked(db, tree, people_kind, tmp_path, ids):
    PersonFactory(id_number=ids[0], name="张一")
    out = tmp_path / "out.csv"
    run_export(kind=get_kind("test_people"), org=tree.city, target=out, fmt="csv", mask_ids=True)
    assert read_sheet(out)[1][0] == ids[0][:6] + "********" + ids[0][14:]


def test_rows_keep_being_checked_across_batches(db, tree, people_kind, tmp_path, import_csv):
    many = [make_id_number(BIRTH, seq=i) for i in range(100, 120)]
    rows = [HEADER, *[[n, f"员工{i}", "", "", ""] for i, n in enumerate(many)]]
    rows[15][2] = "bad"
    seen = []
    result = get_kind("test_people") and import_csv("test_people", rows, tree.city, dry_run=False)
    assert problems_text(result) == ["第16行 手机号: 手机号“bad”无效,应为11位数字"]
    rows[15][2] = ""
    from unionhub.imports.engine import run_import

    path = write_csv(tmp_path / "p2.csv", rows)
    result = run_import(
        kind=get_kind("test_people"),
        path=path,
        filename=path.name,
        root=tree.city,
        progress=lambda pct, msg: seen.append(pct),
    )
    assert result.new == 20 and Person.objects.count() == 20
    assert seen[-1] == 100 and seen == sorted(seen)


def test_bad_rows_sheet_has_the_rows_as_uploaded_with_their_reasons(
    db, tree, people_kind, tmp_path, import_csv, ids
):
    rows = [HEADER, [ids[0], "=坏", "123", "", ""], [ids[1], "好", "", "", ""], [ids[2], "", "", "x", ""]]
    result = import_csv("test_people", rows, tree.city)
    out = io.BytesIO()
    write_bad_rows(result, out)
    out.seek(0)
    (tmp_path / "bad.xlsx").write_bytes(out.getvalue())
    sheet = read_sheet(tmp_path / "bad.xlsx")
    assert sheet[0] == [*HEADER, "行号", "错误原因"]
    assert sheet[1][:2] == [ids[0], "'=坏"]
    assert sheet[1][-2:] == [2, "手机号: 手机号“123”无效,应为11位数字"]
    assert sheet[2][-2:] == [
        4,
        "姓名: 必填;出生日期: 日期“x”无效,应为 2018-04-15、2018/4/15 或 2018年4月15日",
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("p.xlsx", OLE_MAGIC + b"\0" * 600, "文件已加密或为旧版 .xls 格式,请取消密码并另存为 .xlsx"),
        ("p.xlsx", "身份证号,姓名\n".encode(), "不是有效的 .xlsx 文件"),
        ("p.xlsx", b"", "文件是空的"),
        ("p.csv", b"", "文件是空的"),
        ("p.csv", "身份证号,姓名\n".encode(), "文件中没有数据行"),
        ("p.xls", b"whatever", "不是有效的 .xls 文件"),
        ("p.ods", b"whatever", "只支持 .xlsx、.xls 和 .csv 文件"),
    ],
)
def test_unreadable_files_are_refused_with_a_chinese_message(
    db, tree, people_kind, tmp_path, name, content, message
):
    path = tmp_path / name
    path.write_bytes(content)
    result = do_import("test_people", path, tree.city)
    assert result.file_error == message
    assert not result.ok


def test_a_zip_that_is_not_a_workbook_is_refused(db, tree, people_kind, tmp_path):
    path = tmp_path / "p.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    assert do_import("test_people", path, tree.city).file_error == "不是有效的 .xlsx 文件"


def test_a_zip_bomb_is_refused_before_parsing(db, tree, people_kind, tmp_path):
    path = tmp_path / "p.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<x/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (120 << 20))
    assert do_import("test_people", path, tree.city).file_error == "文件解压后过大,已拒绝"


def test_a_file_over_the_size_limit_is_refused(db, tree, people_kind, tmp_path, settings, ids):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    path = write_csv(tmp_path / "p.csv", [HEADER] + [[ids[0], "张" * 100, "", "", ""]] * 4000)
    assert do_import("test_people", path, tree.city).file_error == "文件过大(超过1MB)"


# --- the command line ------------------------------------------------------------------------


def test_import_command_exits_1_with_the_bad_rows_on_stderr(db, tree, people_kind, tmp_path, ids):
    path = write_csv(tmp_path / "p.csv", [HEADER, [ids[0], "张一", "", "", ""], [ids[1], "", "", "", ""]])
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("import_data", "test_people", str(path), stdout=out, stderr=err)
    assert exc.value.code == 1
    assert err.getvalue().splitlines() == [
        "第3行 姓名: 必填",
        "共2行:新增1行,更新0行,未变0行,错误1行,未写入任何数据",
    ]
    assert not Person.objects.exists()


def test_import_command_exits_0_and_prints_the_summary(db, tree, people_kind, tmp_path, ids):
    path = write_csv(tmp_path / "p.csv", [HEADER, [ids[0], "张一", "", "", ""]])
    out = io.StringIO()
    call_command("import_data", "test_people", str(path), "--org", "LZ-CZ", stdout=out)
    assert out.getvalue().strip() == "导入完成:共1行:新增1行,更新0行,未变0行"
    out = io.StringIO()
    call_command("import_data", "test_people", str(path), "--dry-run", stdout=out)
    assert (
        out.getvalue().strip()
        == "检查通过(未写入):共1行:新增0行,更新0行,未变1行(与系统中的数据完全相同,没有任何改动)"
    )


def test_import_command_refuses_a_bad_file_with_exit_1(db, tree, people_kind, tmp_path):
    path = tmp_path / "p.xlsx"
    path.write_bytes(b"not a zip")
    err = io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("import_data", "test_people", str(path), stderr=err)
    assert exc.value.code == 1
    assert "不是有效的 .xlsx 文件" in err.getvalue()


def test_export_command_writes_full_id_numbers(db, tree, people_kind, tmp_path, ids):
    PersonFactory(id_number=ids[0], name="张一")
    out = tmp_path / "out.xlsx"
    call_command("export_data", "test_people", str(out), stdout=io.StringIO())
    assert read_sheet(out)[1][0] == ids[0]


def test_a_sheet_declaring_entities_is_refused(db, tree, people_kind, tmp_path, ids):
    plain = write_xlsx(tmp_path / "plain.xlsx", [HEADER, [ids[0], "&lol;", "", "", ""]])
    path = tmp_path / "p.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<worksheet", b'<!DOCTYPE x [<!ENTITY lol "lol">]><worksheet', 1)
            dst.writestr(item, data)
    assert do_import("test_people", path, tree.city).file_error == "不是有效的 .xlsx 文件"
