"""Streaming readers for .csv (UTF-8, UTF-8 with BOM, GBK/GB18030: detected) and .xlsx.

Rows come one at a time, so memory stays flat however long the file is. Every refusal of a
whole file raises FileRefused with a message in Chinese.
"""

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

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
        import openpyxl  # uses defusedxml when it is installed

        try:
            self._wb = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except Exception:
            raise FileRefused("无法读取 .xlsx 文件,文件可能已损坏")
        ws = self._wb.worksheets[0]
        self.estimated_rows = max((ws.max_row or 1) - 1, 0) if ws.max_row else None
        self._iter = ws.iter_rows(values_only=True)
        try:
            first = next(self._iter)
        except StopIteration:
            raise FileRefused("文件是空的")
        self.headers = ["" if h is None else str(h).strip() for h in first]
        while self.headers and not self.headers[-1]:
            self.headers.pop()

    def _xlsx_rows(self):
        number = 1
        for cells in self._iter:
            number += 1
            yield number, list(cells)

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
        return None

    def close(self):
        if hasattr(self, "_text"):
            self._text.close()
        if hasattr(self, "_wb"):
            self._wb.close()
