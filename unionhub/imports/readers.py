"""Streaming readers for .csv (UTF-8, UTF-8 with BOM, GBK/GB18030: detected) and .xlsx, and
old Excel .xls through `xls.py`.

Rows come one at a time, so memory stays flat however long the file is. Every refusal of a
whole file raises FileRefused with a message in Chinese.
"""

import codecs
import csv
import io
import re
import zipfile
from array import array
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse  # noqa: S405 (no DTD: _refuse_dtds)
from xml.parsers import expat  # noqa: S410 (used only to refuse DTDs, see _refuse_dtds)

from django.conf import settings

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted xlsx and old .xls are OLE files
MAX_XLSX_UNPACKED = 2 * 1024**3
MAX_XLSX_RATIO = 200
# Shared strings are held in memory for the whole sheet (cells refer to them by index), so their
# number and their total length are capped; they are kept packed (a few large strings and an array
# of offsets), not one Python object each.
MAX_SHARED_STRINGS = 10_000_000
MAX_SHARED_CHARS = 100_000_000
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell


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


def _csv_delimiter(head: bytes, encoding: str) -> str:
    """ "," — or a tab for a tab-separated file saved with a .csv name (WPS, Excel's text export),
    told by a header line that has tabs and no comma."""
    try:
        first = head.decode(encoding, errors="ignore").splitlines()[0] if head else ""
    except IndexError:
        return ","
    return "\t" if "\t" in first and "," not in first else ","


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
        elif suffix == ".xls":
            self._open_xls()
        else:
            raise FileRefused("只支持 .xlsx、.xls 和 .csv 文件")

    # -- csv --
    def _open_csv(self):
        with self.path.open("rb") as f:
            head = f.read(1 << 20)
        self.encoding = sniff_encoding(head)
        self._binary = self.path.open("rb")
        self._text = io.TextIOWrapper(self._binary, encoding=self.encoding, errors="strict", newline="")
        self._reader = csv.reader(self._text, delimiter=_csv_delimiter(head, self.encoding))
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
        with zipfile.ZipFile(self.path) as z:
            _refuse_dtds(z)
        try:
            self._wb, strings, sheet_path = _open_workbook(self.path)
            self._source = self._wb._archive.open(sheet_path)
            head = _head(self._source)
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

    # -- xls --
    def _open_xls(self):
        from .xls import XlsSheet

        with self.path.open("rb") as f:
            magic = f.read(8)
        if magic != OLE_MAGIC:
            raise FileRefused("不是有效的 .xls 文件")
        self._xls = XlsSheet(self.path, self.size)
        self.headers = self._xls.headers
        self.estimated_rows = self._xls.estimated_rows

    def _xlsx_rows(self):
        try:
            yield from self._iter
        except ParseError:
            raise FileRefused("无法读取 .xlsx 文件,文件可能已损坏")

    def rows(self) -> Iterator[tuple[int, list]]:
        if hasattr(self, "_reader"):
            source = self._csv_rows()
        elif hasattr(self, "_xls"):
            source = self._xls.rows()
        else:
            source = self._xlsx_rows()
        for number, cells in source:
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue  # blank lines are not rows
            yield number, cells

    def progress(self) -> float | None:
        """Fraction of the file read so far, when it can be told."""
        if hasattr(self, "_xls"):
            return self._xls.progress()
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
        if hasattr(self, "_xls"):
            self._xls.close()


# --- the rows of an xlsx sheet ---------------------------------------------------------------

_NS = _NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
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
    from openpyxl.xml.constants import SHARED_STRINGS

    reader = ExcelReader(str(path), read_only=True, data_only=True)
    reader.read_manifest()
    part = reader.package.find(SHARED_STRINGS)
    strings = SharedStrings()
    if part is not None:
        with reader.archive.open(part.PartName[1:]) as src:
            strings = read_shared_strings(src)
    reader.shared_strings = strings
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    reader.wb._archive = reader.archive
    for _sheet, rel in reader.parser.find_sheets():
        if "chartsheet" not in rel.Type and rel.target in reader.valid_files:
            return reader.wb, reader.shared_strings, rel.target
    raise FileRefused("文件中没有工作表")


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"')


class _RootReached(Exception):
    pass


class _Declared(Exception):
    pass


def _refuse_dtd_in(stream):
    """Run expat (the parser the sheet is read with) over a part's prologue and stop at its root
    element: a document type declaration, the only place entities can be declared, must come
    before it. expat itself reports the declaration, so a comment of any length before it, another
    encoding (UTF-16) or any spelling the parser accepts is seen as the parser sees it. Once the
    root has started, a DOCTYPE is a syntax error and an entity reference is undefined, which the
    sheet's parser refuses itself."""

    def doctype(*_args):
        raise _Declared

    def root(*_args):
        raise _RootReached

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = root
    try:
        while chunk := stream.read(1 << 16):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _RootReached:
        return
    except _Declared:
        raise FileRefused("不是有效的 .xlsx 文件")
    except expat.ExpatError:
        raise FileRefused("无法读取 .xlsx 文件,文件可能已损坏")


def _refuse_dtds(archive: zipfile.ZipFile):
    """Every XML part of the workbook (sheets, shared strings, the workbook, styles, relations,
    content types) is refused if it declares a DTD, before openpyxl or the engine parses it."""
    for info in archive.infolist():
        if info.filename.endswith((".xml", ".rels")):
            with archive.open(info) as stream:
                _refuse_dtd_in(stream)


def _head(stream) -> bytes:
    """The sheet's start, for its dimension (an estimate of its number of rows)."""
    head = b""
    while b"<worksheet" not in head and b":worksheet" not in head and len(head) < 1 << 16:
        chunk = stream.read(4096)
        if not chunk:
            break
        head += chunk
    return head


class SharedStrings:
    """The shared strings of a workbook, packed: every 4096 strings are joined into one string and
    an array holds where each starts, so a million strings take a few large objects instead of a
    million small ones."""

    BLOCK = 4096

    def __init__(self):
        self._blocks: list[str] = []
        self._starts = array("I")
        self._pending: list[str] = []
        self._pending_len = 0
        self.count = 0
        self.chars = 0

    def append(self, text: str):
        self._starts.append(self._pending_len)
        self._pending.append(text)
        self._pending_len += len(text)
        self.count += 1
        self.chars += len(text)
        if len(self._pending) == self.BLOCK:
            self._flush()

    def _flush(self):
        if self._pending:
            self._blocks.append("".join(self._pending))
            self._pending, self._pending_len = [], 0

    def finish(self) -> "SharedStrings":
        self._flush()
        return self

    def __len__(self):
        return self.count

    def __getitem__(self, index: int) -> str:
        if index < 0 or index >= self.count:
            raise IndexError(index)
        block = self._blocks[index // self.BLOCK]
        start = self._starts[index]
        last = index % self.BLOCK == self.BLOCK - 1 or index == self.count - 1
        return block[start:] if last else block[start : self._starts[index + 1]]


_SI = _NS_MAIN + "si"


def read_shared_strings(source) -> SharedStrings:
    """The shared strings table, streamed, with its number and total length capped (a small
    file can unpack to hundreds of megabytes of strings)."""
    strings = SharedStrings()
    root = None
    try:
        for event, element in iterparse(source, events=("start", "end")):  # noqa: S314 (_refuse_dtds)
            if event == "start":
                if root is None:
                    root = element
                continue
            if element.tag != _SI:
                continue
            text = element.findtext(_NS_MAIN + "t")
            if text is None:
                text = "".join(run.findtext(_NS_MAIN + "t") or "" for run in element.iterfind(_NS_MAIN + "r"))
            text = text.replace("x005F_", "")
            if len(text) > MAX_CELL_CHARS:
                raise FileRefused(f"文件中有超过{MAX_CELL_CHARS}个字符的单元格,已拒绝")
            strings.append(text)
            if strings.count > MAX_SHARED_STRINGS or strings.chars > MAX_SHARED_CHARS:
                raise FileRefused("文件中的文字过多,已拒绝;请拆分为多个文件导入")
            root.clear()
    except ParseError:
        raise FileRefused("无法读取 .xlsx 文件,文件可能已损坏")
    return strings.finish()


def _sheet_rows(source, wb, shared_strings):
    """(row number, values) for every row of a sheet's XML, as openpyxl's values_only rows:
    shared and inline strings, numbers, booleans, dates (by the cell's number format)."""
    from openpyxl.utils.datetime import from_excel, from_ISO8601

    date_styles, timedelta_styles, epoch = wb._date_formats, wb._timedelta_formats, wb.epoch
    sheet_data = None
    number = 0
    for event, element in iterparse(source, events=("start", "end")):  # noqa: S314 (see _refuse_dtds)
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
