"""Run a sample year as ../shared/data/README.md does (`import_all`, `report_json`,
`reimport_changes_nothing`) and compare expected report figures with the report's JSON
(`mismatches`): every expected key must be there and equal (floats to 0.005); keys the
expectation lacks are not compared."""

import io
import json
from pathlib import Path

from django.core.management import call_command


def import_all(files) -> None:
    """Every (path, kind) through `import_data`, in this order."""
    for path, kind in files:
        call_command("import_data", kind, str(path), verbosity=0)


def report_json(org: str, year: int, as_of: str, folder: Path) -> dict:
    """`annual_report YEAR --org ORG --as-of AS_OF` with its PDF and JSON in `folder`: the JSON
    (the PDF must be one)."""
    out, pdf = folder / f"{org}.json", folder / f"{org}.pdf"
    call_command(
        "annual_report", str(year), "--org", org, "--as-of", as_of, "--output", str(pdf), "--json", str(out)
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    return json.loads(out.read_text(encoding="utf-8"))


def reimport_changes_nothing(files, folder: Path) -> None:
    """A second import of every file is all unchanged, except the members file, which the
    transfers make stale (it names the organizations joined): members are exported and the
    export imported instead."""
    export = folder / "members-export.csv"
    call_command("export_data", "members", str(export), verbosity=0)
    for path, kind in [(export, "members"), *((p, k) for p, k in files if k != "members")]:
        summary = io.StringIO()
        call_command("import_data", kind, str(path), stdout=summary)
        assert "新增0行,更新0行" in summary.getvalue(), f"{path.name}: {summary.getvalue()}"


def mismatches(expected, actual, path="") -> list[str]:
    out = []
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object, got {actual!r}"]
        for key, value in expected.items():
            if key not in actual:
                out.append(f"{path}.{key}: missing")
            else:
                out += mismatches(value, actual[key], f"{path}.{key}")
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{path}: expected {len(expected)} items, got {actual!r}"]
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            out += mismatches(e, a, f"{path}[{i}]")
    elif isinstance(expected, float) or isinstance(actual, float):
        if actual is None or expected is None or abs(float(expected) - float(actual)) > 0.005 + 1e-9:
            if not (actual is None and expected is None):
                out.append(f"{path}: expected {expected}, got {actual}")
    elif expected != actual:
        out.append(f"{path}: expected {expected!r}, got {actual!r}")
    return out
