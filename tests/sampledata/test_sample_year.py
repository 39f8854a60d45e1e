"""The project's own sample year end to end, as ../shared/data/README.md runs the shared one: every
file through `import_data` in number order, then `annual_report`, and every figure computed by the
generator from the rows it wrote must equal the report's JSON (rates to 0.01)."""

import json

from django.core.management import call_command

from .compare import mismatches
from .generate import write_sample


def test_the_report_figures_equal_the_ones_computed_from_the_rows(db, tmp_path):
    sample = write_sample(tmp_path / "sample")
    for path, kind in sample["files"]:
        call_command("import_data", kind, str(path), verbosity=0)
    for org, expected in sample["expected"].items():
        out, pdf = tmp_path / f"{org}.json", tmp_path / f"{org}.pdf"
        call_command(
            "annual_report", str(expected["year"]), "--org", org, "--as-of", expected["as_of"],
            "--output", str(pdf), "--json", str(out),
        )  # fmt: skip
        actual = json.loads(out.read_text(encoding="utf-8"))
        assert mismatches(expected, actual) == [], org
        assert pdf.read_bytes().startswith(b"%PDF")


def test_a_second_import_of_the_same_files_changes_nothing(db, tmp_path):
    sample = write_sample(tmp_path / "sample")
    for path, kind in sample["files"]:
        call_command("import_data", kind, str(path), verbosity=0)
    for path, kind in sample["files"]:
        if kind in ("members", "transfers"):
            continue  # after the transfers the members file no longer names their organizations
        call_command("import_data", kind, str(path), verbosity=0)
