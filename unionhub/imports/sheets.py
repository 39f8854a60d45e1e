"""Writing .xlsx and .csv files: exports, templates and the bad-rows sheet."""

import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from unionhub.people.idnumbers import mask_id_number

from . import cells
from .kinds import ImportKind

ID_IN_TEXT = re.compile(r"\d{17}[\dXx]")


def write_sheet(target, headers: list[str], rows: Iterable[list], fmt: str) -> None:
    """Write `rows` under `headers` to `target` (a path or a binary file) as xlsx or csv.

    Text is written as text cells (never formulas); the csv is UTF-8 with a BOM, which Chinese
    Excel opens correctly."""
    if fmt == "csv":
        own = isinstance(target, (str, Path))
        f = open(target, "wb") if own else target  # noqa: SIM115
        text = io.TextIOWrapper(f, encoding="utf-8-sig", newline="")
        writer = csv.writer(text)
        writer.writerow(headers)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
        text.flush()
        text.detach()
        if own:
            f.close()
        return
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    bold = Font(bold=True)
    header_cells = []
    for h in headers:
        c = WriteOnlyCell(ws, value=h)
        c.font = bold
        header_cells.append(c)
    ws.append(header_cells)
    for row in rows:
        out = []
        for v in row:
            c = WriteOnlyCell(ws, value=v)
            if isinstance(v, str):
                c.data_type = "s"  # never a formula, whatever it starts with
            out.append(c)
        ws.append(out)
    wb.save(target)


def id_column_indexes(kind: ImportKind) -> list[int]:
    return [i for i, c in enumerate(kind.columns) if c.parse is cells.id_number]


def id_list_column_indexes(kind: ImportKind) -> list[int]:
    """Columns holding several ID numbers in one cell (a parser marked `holds_id_numbers`)."""
    return [i for i, c in enumerate(kind.columns) if getattr(c.parse, "holds_id_numbers", False)]


def _mask_every_id(value):
    return ID_IN_TEXT.sub(lambda m: mask_id_number(m.group()), value) if isinstance(value, str) else value


def export_rows(kind: ImportKind, queryset, *, mask_ids: bool):
    masked = id_column_indexes(kind) if mask_ids else []
    masked_lists = id_list_column_indexes(kind) if mask_ids else []
    for obj in queryset.iterator(chunk_size=2000):
        row = kind.export_cells(obj)
        for i in masked:
            row[i] = mask_id_number(row[i])
        for i in masked_lists:
            row[i] = _mask_every_id(row[i])
        yield row


def run_export(*, kind: ImportKind, org, target, fmt: str, mask_ids: bool) -> None:
    write_sheet(target, kind.headers, export_rows(kind, kind.export_queryset(org), mask_ids=mask_ids), fmt)


def write_template(kind: ImportKind, target, fmt: str = "xlsx") -> None:
    write_sheet(target, kind.headers, [], fmt)


def write_bad_rows(result, target) -> None:
    """The bad rows as they were uploaded, with a reason column, to fix and upload again."""
    reasons: dict[int, list[str]] = {}
    for p in result.problems:
        reasons.setdefault(p.row, []).append(f"{p.column}: {p.message}" if p.column else p.message)
    headers = [*result.headers, "行号", "错误原因"]
    width = len(result.headers)

    def rows():
        for number, raw, _ in result.bad_rows:
            cells_ = [cells.escape(str(v)) if isinstance(v, str) else v for v in list(raw)[:width]]
            cells_ += [None] * (width - len(cells_))
            yield [*cells_, number, ";".join(reasons.get(number, []))]

    write_sheet(target, headers, rows(), "xlsx")
