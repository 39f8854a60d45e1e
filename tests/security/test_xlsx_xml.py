"""Issue 15 item 9: the XML of an xlsx is refused by the parser itself when it declares a DTD
(wherever the declaration hides), and the shared strings cannot take unbounded memory."""

import zipfile

import openpyxl
import pytest

from unionhub.imports import readers
from unionhub.imports.readers import FileRefused, SheetReader

DTD = b'<!DOCTYPE w [<!ENTITY e "INJECTED">]>'


def _workbook(tmp_path, rows=(("身份证号", "姓名"), ("450202198506150011", "张三"))):
    """A workbook whose text cells are shared strings, as Excel writes them (openpyxl writes
    inline strings)."""
    from xml.sax.saxutils import escape

    src = tmp_path / "inline.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["x"])
    wb.save(src)
    strings: list[str] = []
    cells = []
    for r, row in enumerate(rows, 1):
        refs = []
        for c, value in enumerate(row):
            strings.append(value)
            refs.append(f'<c r="{chr(65 + c)}{r}" t="s"><v>{len(strings) - 1}</v></c>')
        cells.append(f'<row r="{r}">{"".join(refs)}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = f'<worksheet xmlns="{main}"><sheetData>{"".join(cells)}</sheetData></worksheet>'
    sst = f'<sst xmlns="{main}">' + "".join(f"<si><t>{escape(t)}</t></si>" for t in strings) + "</sst>"
    out = tmp_path / "src.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet.encode()
            elif item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/'
                    b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
                )
            zout.writestr(item, data)
        zout.writestr("xl/sharedStrings.xml", sst.encode())
    return out


def _rewrite(src, out, part, change):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, change(data) if item.filename == part else data)
    return out


def _read_all(path):
    reader = SheetReader(path, path.name)
    try:
        return [cells for _n, cells in reader.rows()]
    finally:
        reader.close()


def _inline_sheet(prologue: bytes, encoding="utf-8") -> bytes:
    """A sheet whose name cell is an inline string using the entity &e;."""
    decl = f'<?xml version="1.0" encoding="{encoding}"?>'.encode()
    body = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>身份证号</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>姓名</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>450202198506150011</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>&e;</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    if encoding.upper() == "UTF-16":
        return (decl.decode() + prologue.decode() + body.decode()).encode("utf-16")
    return decl + prologue + body


@pytest.mark.parametrize(
    "sheet",
    [
        # A comment longer than any prologue a string search would look at.
        _inline_sheet(b"<!--" + b"x" * 200_000 + b"-->" + DTD),
        # The same declaration in a UTF-16 sheet: no byte string "<!DOCTYPE" in the file.
        _inline_sheet(DTD, encoding="UTF-16"),
        # Entity declared after a processing instruction and whitespace.
        _inline_sheet(b"<?pi x?>\n\n" + DTD),
    ],
    ids=["long-comment", "utf-16", "processing-instruction"],
)
def test_a_dtd_anywhere_in_the_prologue_is_refused_by_the_parser(tmp_path, sheet):
    src = _workbook(tmp_path)
    path = _rewrite(src, tmp_path / "dtd.xlsx", "xl/worksheets/sheet1.xml", lambda _data: sheet)
    with pytest.raises(FileRefused):
        rows = _read_all(path)
        # Today's string search lets it through and the entity is stored as the name.
        assert "INJECTED" not in str(rows)


def test_an_undeclared_entity_in_a_sheet_is_refused(tmp_path):
    src = _workbook(tmp_path)
    path = _rewrite(src, tmp_path / "e.xlsx", "xl/worksheets/sheet1.xml", lambda _d: _inline_sheet(b""))
    with pytest.raises(FileRefused):
        _read_all(path)


@pytest.mark.parametrize("part", ["[Content_Types].xml", "xl/styles.xml", "xl/_rels/workbook.xml.rels"])
def test_a_dtd_in_any_other_part_is_refused(tmp_path, part):
    src = _workbook(tmp_path)

    def add_dtd(data):
        return b"<!--" + b"y" * 100_000 + b"-->" + DTD + data

    with pytest.raises(FileRefused):
        _read_all(_rewrite(src, tmp_path / "p.xlsx", part, add_dtd))


def test_the_shared_strings_are_capped_in_number_and_length(tmp_path, monkeypatch):
    rows = [("身份证号", "姓名")] + [(f"45020219850615{n:04d}", "张" * 50 + str(n)) for n in range(300)]
    path = _workbook(tmp_path, rows)
    assert len(_read_all(path)) == 300  # within the caps it reads

    monkeypatch.setattr(readers, "MAX_SHARED_CHARS", 10_000)
    with pytest.raises(FileRefused, match="文字过多"):
        _read_all(path)
    monkeypatch.setattr(readers, "MAX_SHARED_CHARS", 10**9)
    monkeypatch.setattr(readers, "MAX_SHARED_STRINGS", 100)
    with pytest.raises(FileRefused, match="文字过多"):
        _read_all(path)


def test_a_cell_longer_than_excel_allows_is_refused(tmp_path):
    path = _workbook(tmp_path, [("姓名",), ("长" * 40_000,)])
    with pytest.raises(FileRefused, match="32767"):
        _read_all(path)


def test_shared_strings_are_packed_and_read_back_exactly(tmp_path):
    texts = ["", "a", "张三", "x" * 5000, "🙂 emoji", *[f"第{n}行" for n in range(9000)]]
    strings = readers.SharedStrings()
    for text in texts:
        strings.append(text)
    strings.finish()
    assert len(strings) == len(texts)
    assert [strings[i] for i in range(len(texts))] == texts
    assert len(strings._blocks) == 3  # 9,005 strings in blocks of 4,096, not one object each
    with pytest.raises(IndexError):
        strings[len(texts)]


def test_rich_text_shared_strings_are_joined_and_phonetic_runs_skipped(tmp_path):
    src = _workbook(tmp_path, [("姓名",), ("占位",)])
    assert _read_all(src) == [["占位"]]
    sst = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">'
        "<si><t>姓名</t></si>"
        '<si><r><t>张</t></r><r><rPr><b/></rPr><t>三</t></r><rPh sb="0" eb="1"><t>zhang</t></rPh></si>'
        "</sst>"
    ).encode()
    path = _rewrite(src, tmp_path / "rich.xlsx", "xl/sharedStrings.xml", lambda _d: sst)
    assert _read_all(path) == [["张三"]]
