"""Spreadsheet helpers shared by the import tests of every work area."""

import csv
import io
from pathlib import Path

import openpyxl

from unionhub.imports.engine import run_import
from unionhub.imports.kinds import get_kind
from unionhub.imports.sheets import run_export


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8") -> Path:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def read_csv(path: Path) -> list[list]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def read_sheet(path: Path) -> list[list]:
    """The cells of an .xlsx or .csv file as they are stored (xlsx: first sheet)."""
    if path.suffix == ".csv":
        return read_csv(path)
    wb = openpyxl.load_workbook(path, read_only=True)
    rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    wb.close()
    return rows


def problems_text(result) -> list[str]:
    return [str(p) for p in result.problems]


def by_row(problems: list[str]) -> list[str]:
    """Problem texts ("第N行 …") in the order of their rows."""
    return sorted(problems, key=lambda text: int(text[1 : text.index("行")]))


def export_csv(kind_name: str, org, path: Path, *, mask_ids=False) -> Path:
    """The kind's CSV export of `org`'s subtree, written to `path`."""
    run_export(kind=get_kind(kind_name), org=org, target=path, fmt="csv", mask_ids=mask_ids)
    return path


def do_import(kind_name: str, path: Path, root, *, dry_run=False, user=None):
    return run_import(
        kind=get_kind(kind_name), path=path, filename=path.name, root=root, user=user, dry_run=dry_run
    )


def counts(result) -> tuple[int, int, int]:
    """An import's (new, updated, unchanged) rows."""
    return result.new, result.updated, result.unchanged


def assert_round_trip(kind_name: str, path: Path, root, folder: Path, *, header: list[str], rows: int):
    """Importing `path` again leaves its `rows` rows unchanged, and so does importing back the kind's
    CSV export of `root` (written into `folder`), whose header is `header`."""
    again = do_import(kind_name, path, root)
    assert counts(again) == (0, 0, rows), (counts(again), problems_text(again))
    exported = export_csv(kind_name, root, folder / "export.csv")
    assert read_csv(exported)[0] == header, read_csv(exported)[0]
    back = do_import(kind_name, exported, root)
    assert counts(back) == (0, 0, rows), (counts(back), problems_text(back))
