"""Old Excel (.xls, BIFF: what Excel 2003 and WPS still write) read with xlrd.

BIFF is not a streaming format: xlrd reads the whole workbook, so the file's size is capped
(`MAX_XLS_BYTES`; a BIFF sheet holds at most 65,536 rows anyway). Cells come out as the xlsx
reader gives them — text, whole numbers as int, other numbers as float, dates as datetime,
booleans — so every kind's checks apply unchanged: an ID number typed as a number is an int and
refused ("身份证号须为文本格式"), as in an xlsx.
"""

from pathlib import Path

from .readers import FileRefused

MAX_XLS_BYTES = 50 * 1024 * 1024


class XlsSheet:
    """The first worksheet of an .xls: `headers`, `rows()`, `estimated_rows`, `progress()`."""

    def __init__(self, path: Path, size: int):
        import xlrd

        if size > MAX_XLS_BYTES:
            raise FileRefused(f".xls 文件过大(超过{MAX_XLS_BYTES // 1024 // 1024}MB),请另存为 .xlsx 或 .csv")
        try:
            self._book = xlrd.open_workbook(str(path), on_demand=True, formatting_info=False)
        except xlrd.biffh.XLRDError as exc:
            if "encrypted" in str(exc).lower():
                raise FileRefused("文件已加密,请取消密码后再导入")
            raise FileRefused("无法读取 .xls 文件,文件可能已损坏")
        except Exception:
            raise FileRefused("无法读取 .xls 文件,文件可能已损坏")
        if self._book.nsheets == 0:
            raise FileRefused("文件中没有工作表")
        self._sheet = self._book.sheet_by_index(0)
        self._xlrd = xlrd
        self._done = 0
        if self._sheet.nrows == 0:
            raise FileRefused("文件是空的")
        self.headers = ["" if h is None else str(h).strip() for h in self._values(0)]
        while self.headers and not self.headers[-1]:
            self.headers.pop()
        self.estimated_rows = self._sheet.nrows - 1

    def _values(self, index: int) -> list:
        xlrd = self._xlrd
        out = []
        for cell in self._sheet.row(index):
            ctype, value = cell.ctype, cell.value
            if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                out.append(None)
            elif ctype == xlrd.XL_CELL_NUMBER:
                out.append(int(value) if float(value).is_integer() else value)
            elif ctype == xlrd.XL_CELL_DATE:
                try:
                    out.append(xlrd.xldate.xldate_as_datetime(value, self._book.datemode))
                except (xlrd.xldate.XLDateError, OverflowError, ValueError):
                    out.append("#VALUE!")
            elif ctype == xlrd.XL_CELL_BOOLEAN:
                out.append(bool(value))
            elif ctype == xlrd.XL_CELL_ERROR:
                out.append(xlrd.error_text_from_code.get(value, "#ERROR!"))
            else:
                out.append(value)
        return out

    def rows(self):
        for index in range(1, self._sheet.nrows):
            self._done = index
            yield index + 1, self._values(index)

    def progress(self) -> float | None:
        return self._done / self._sheet.nrows if self._sheet.nrows else None

    def close(self):
        self._book.release_resources()
