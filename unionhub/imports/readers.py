"""Streaming readers for .csv (UTF-8, UTF-8 with BOM, GBK/GB18030: detected) and .xlsx.

Rows come one at a time, so memory stays flat however long the file is. Every refusal of a
whole file raises FileRefused with a message in Chinese.
"""

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse  # noqa: S405 (no DTD: _refuse_dtd)

from django.conf import settings

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted xlsx and old .xls are OLE files
MAX_XLSX_UNPACKED = 2 * 1024**3
MAX_XLSX_RATIO = 200


class FileRefused(Exception):
    """The file cannot be read at all (its message is for the user)."""


def sniff_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still UTF-8.
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
    return "gb18030"


class SheetReader:
    """`headers` (trimmed header cells) and `rows()` → (row number, list of cells)."""

    def __init__(self, path: Path, filename: str):
        self.path = Path(path)
        self.filename = filename
        size = self.path.stat().st_size
        if size == 0:
            raise FileRefused("文件是空的")
        if size > settings.UPLOAD_MAX_BYTES:
            raise FileRefused(f"文件过大(超过{settings.UPLOAD_MAX_BYTES // 1024 // 1024}MB)")
        self.size = size
        suffix = Path(filename).suffix.lower()
        if suffix == ".csv":
            self._open_csv()
        elif suffix == ".xlsx":
            self._open_xlsx()
        else:
            raise FileRefused("只支持 .xlsx 和 .csv 文件")

    # -- csv --
    def _open_csv(self):
        with self.path.open("rb") as f:
            head = f.read(1 << 20)
        self.encoding = sniff_encoding(head)
        self._binary = self.path.open("rb")
        self._text = io.TextIOWrapper(self._binary, encoding=self.encoding, errors="strict", newline="")
        self._reader = csv.reader(self._text)
        try:
            self.headers = [h.strip() for h in next(self._reader)]
        except StopIteration:
            raise FileRefused("文件是空的")
        except (UnicodeDecodeError, csv.Error):
            raise FileRefused("无法识别文件编码,请另存为 UTF-8 或 GBK 编码的 CSV")
        self.estimated_rows = None

    def _csv_rows(self):
        number = 1
        try:
            for cells in self._reader:
                number += 1
                yield number, cells
        except UnicodeDecodeError:
            raise FileRefused(f"第{number + 1}行附近的文字编码无法识别,请另存为 UTF-8 或 GBK 编码的 CSV")
        except csv.Error as exc:
            raise FileRefused(f"第{number + 1}行格式错误:{exc}")

    # -- xlsx --
    def _open_xlsx(self):
        with self.path.open("rb") as f:
            magic = f.read(8)
        if magic == OLE_MAGIC:
            raise FileRefused("文件已加密或为旧版 .xls 格式,请取消密码并另存为 .xlsx")
        if not zipfile.is_zipfile(self.path):
            raise FileRefused("不是有效的 .xlsx 文件")
        with zipfile.ZipFile(self.path) as z:
            unpacked = sum(i.file_size for i in z.infolist())
            if unpacked > MAX_XLSX_UNPACKED or unpacked > MAX_XLSX_RATIO * self.size + (50 << 20):
                raise FileRefused("文件解压后过大,已拒绝")
            if "xl/workbook.xml" not in z.namelist():
                raise FileRefused("不是有效的 .xlsx 文件")
        try:
            self._wb, strings, sheet_path = _open_workbook(self.path)
            self._source = self._wb._archive.open(sheet_path)
            head = _refuse_dtd(self._source)
            self._source.close()
            self._source = self._wb._archive.open(sheet_path)
            self._sheet_size = self._wb._archive.getinfo(sheet_path).compress_size
        except FileRefused:
            raise
        except Exception:
            raise FileRefused("无法读取 .xlsx 文件,文件可能已损坏")
        dimension = _DIMENSION.search(head)
        self.estimated_rows = max(int(dimension[1]) - 1, 0) if dimension else None
        self._iter = _sheet_rows(self._source, self._wb, strings)
        try:
            number, first = next(self._iter)
        except StopIteration:
            raise FileRefused("文件是空的")
        except ParseError:
            raise FileRefused("无法读取 .xlsx 文件,文件可能已损坏")
        self.headers = ["" if h is None else str(h).strip() for h in first]
        while self.headers and not self.headers[-1]:
            self.headers.pop()

    def _xlsx_rows(self):
        try:
            yield from self._iter
        except ParseError:
            raise FileRefused("无法读取 .xlsx 文件,文件可能已损坏")

    def rows(self) -> Iterator[tuple[int, list]]:
        for number, cells in self._csv_rows() if hasattr(self, "_reader") else self._xlsx_rows():
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue  # blank lines are not rows
            yield number, cells

    def progress(self) -> float | None:
        """Fraction of the file read so far, when it can be told."""
        if hasattr(self, "_binary"):
            try:
                return self._binary.tell() / self.size
            except (OSError, ValueError):
                return None
        left = getattr(getattr(self, "_source", None), "_compress_left", None)  # zipfile's own count
        if left is not None and self._sheet_size:
            return 1 - left / self._sheet_size
        return None

    def close(self):
        if hasattr(self, "_text"):
            self._text.close()
        if hasattr(self, "_source"):
            self._source.close()
        if hasattr(self, "_wb"):
            self._wb.close()


# --- the rows of an xlsx sheet ---------------------------------------------------------------

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SHEET_DATA, _ROW, _VALUE, _TEXT, _INLINE, _RUN = (_NS + t for t in ("sheetData", "row", "v", "t", "is", "r"))
_COLUMNS: dict[str, int] = {}


def _column_index(ref: str) -> int:
    """0-based column of a cell reference ("AB12" → 27)."""
    letters = ref.rstrip("0123456789")
    index = _COLUMNS.get(letters)
    if index is None:
        index = 0
        for ch in letters:
            index = index * 26 + ord(ch) - 64
        index = _COLUMNS[letters] = index - 1
    return index


def _inline_text(cell) -> str | None:
    """<is><t>text</t></is> or rich text runs <is><r><t>..</t></r>..</is> (phonetic runs skipped)."""
    inline = cell.find(_INLINE)
    if inline is None:
        return None
    parts = []
    for child in inline:
        if child.tag == _TEXT:
            parts.append(child.text or "")
        elif child.tag == _RUN:
            parts.append(child.findtext(_TEXT) or "")
    return "".join(parts)


def _open_workbook(path: Path):
    """openpyxl's workbook, shared strings and date styles, and the first worksheet's path,
    without openpyxl's worksheet objects (which parse a whole sheet to size it when the file
    does not say its dimension)."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    reader = ExcelReader(str(path), read_only=True, data_only=True)
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    reader.wb._archive = reader.archive
    for _sheet, rel in reader.parser.find_sheets():
        if "chartsheet" not in rel.Type and rel.target in reader.valid_files:
            return reader.wb, reader.shared_strings, rel.target
    raise FileRefused("文件中没有工作表")


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"')


def _refuse_dtd(stream) -> bytes:
    """The sheet is parsed with the C parser (defusedxml's pure-Python one is five times slower):
    a DTD, the only way to declare entities, must come before the root element, so a sheet
    whose prologue has none cannot expand entities."""
    head = b""
    while b"<worksheet" not in head and b":worksheet" not in head and len(head) < 1 << 16:
        chunk = stream.read(4096)
        if not chunk:
            break
        head += chunk
    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
        raise FileRefused("不是有效的 .xlsx 文件")
    return head


def _sheet_rows(source, wb, shared_strings):
    """(row number, values) for every row of a sheet's XML, as openpyxl's values_only rows:
    shared and inline strings, numbers, booleans, dates (by the cell's number format)."""
    from openpyxl.utils.datetime import from_excel, from_ISO8601

    date_styles, timedelta_styles, epoch = wb._date_formats, wb._timedelta_formats, wb.epoch
    sheet_data = None
    number = 0
    for event, element in iterparse(source, events=("start", "end")):  # noqa: S314 (see _refuse_dtd)
        tag = element.tag
        if event == "start":
            if tag == _SHEET_DATA:
                sheet_data = element
            continue
        if tag != _ROW:
            continue
        r = element.get("r")
        number = int(r) if r else number + 1
        values: list = []
        for cell in element:
            ref = cell.get("r")
            if ref:
                col = _column_index(ref)
                if col > len(values):
                    values.extend([None] * (col - len(values)))
            kind = cell.get("t", "n")
            if kind == "inlineStr":
                value = _inline_text(cell)
            else:
                raw = cell.findtext(_VALUE)
                if raw is None or raw == "":
                    value = None
                elif kind == "n":
                    value = float(raw) if ("." in raw or "E" in raw or "e" in raw) else int(raw)
                    style = cell.get("s")
                    if style and int(style) in date_styles:
                        try:
                            value = from_excel(value, epoch, timedelta=int(style) in timedelta_styles)
                        except (OverflowError, ValueError):
                            value = "#VALUE!"
                elif kind == "s":
                    value = shared_strings[int(raw)]
                elif kind == "b":
                    value = raw == "1"
                elif kind == "d":
                    value = from_ISO8601(raw)
                else:  # "str" (a formula's text) and "e" (an error such as #N/A)
                    value = raw
            values.append(value)
        if sheet_data is not None:
            sheet_data.clear()  # rows already read take no memory
        else:
            element.clear()
        yield number, values
