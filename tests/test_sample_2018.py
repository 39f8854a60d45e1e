"""The sample data set end to end, exactly as ../shared/data/README.md runs it: every file through
`import_data` in number order, then `annual_report`, and every key of the independently computed
expected figures must match the JSON (rates to 0.01)."""

import json
import re

from django.core.management import call_command

from tests.shared_data import requires_shared, shared_sample

SAMPLE = shared_sample("sample-2018-v2")

pytestmark = requires_shared("sample-2018-v2")


# The v2 contract's kinds and sections whose work areas have not landed them yet (activities,
# honours): left out until they do; remove each entry the day its area lands.
NOT_YET = {"activities", "honours"}
NOT_YET_SECTIONS = {"activities"}


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
        if actual is None or abs(float(expected) - float(actual)) > 0.005 + 1e-9:
            out.append(f"{path}: expected {expected}, got {actual}")
    elif expected != actual:
        out.append(f"{path}: expected {expected!r}, got {actual!r}")
    return out


def test_the_report_figures_equal_the_independently_computed_ones(db, tmp_path):
    for f in sorted(SAMPLE.glob("[0-9]*")):
        kind = re.sub(r"^\d+-", "", f.stem)
        if kind in NOT_YET:
            continue
        call_command("import_data", kind, str(f), verbosity=0)
    for expected_file in ("expected-LZ.json", "expected-DIST.json"):
        expected = json.loads((SAMPLE / expected_file).read_text(encoding="utf-8"))
        out = tmp_path / f"{expected['org']}.json"
        pdf = tmp_path / f"{expected['org']}.pdf"
        call_command(
            "annual_report",
            str(expected["year"]),
            "--org",
            expected["org"],
            "--as-of",
            expected["as_of"],
            "--output",
            str(pdf),
            "--json",
            str(out),
        )
        actual = json.loads(out.read_text(encoding="utf-8"))
        assert mismatches({k: v for k, v in expected.items() if k not in NOT_YET_SECTIONS}, actual) == [], (
            expected_file
        )
        assert pdf.read_bytes().startswith(b"%PDF")
        for drive in actual["members"]["drives"]:
            assert {"start", "end"} <= drive.keys()
