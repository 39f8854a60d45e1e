"""The 2018 sample set of the new contract (`sample-2018-v2`, beside the clone) imports through
the CLI, and the `skills` and `legal` figures equal its independently computed expected JSON for
the city and for the district (as of 2018-10-31): model workers, the team rank, collective
contracts and monitoring reports included.

Only the files these areas need are imported (the organizations and employers first). The
expected files list only the causes that occur; the section lists all six (the others 0), so
the comparison takes every key of the expected files and no more."""

import datetime

import pytest
from django.core.management import call_command

from legal.selectors import legal_figures
from skills.selectors import skills_figures
from tests.shared_data import expected_by_org, import_sample, requires_shared

SAMPLE = "sample-2018-v2"
KINDS = [
    "orgs",
    "employers",
    "legal_cases",
    "contest_entries",
    "craftsmen",
    "model_workers",
    "promotions",
    "collective_contracts",
    "monitoring_reports",
]

pytestmark = requires_shared(SAMPLE)


def subset(expected, actual):
    """`actual` restricted to the keys of `expected` (nested), to compare the two."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        return {k: subset(v, actual.get(k)) for k, v in expected.items()}
    return actual


@pytest.mark.django_db
def test_sample_files_import_and_the_figures_match_the_expected_json(tmp_path):
    meta = import_sample(SAMPLE, KINDS)
    for org, expected in expected_by_org(SAMPLE):
        as_of = datetime.date.fromisoformat(expected["as_of"])
        skills = skills_figures(org=org, year=meta["year"], as_of=as_of)
        assert subset(expected["skills"], skills) == expected["skills"], org.code
        legal = legal_figures(org=org, year=meta["year"], as_of=as_of)
        assert subset(expected["legal"], legal) == expected["legal"], org.code


@pytest.mark.django_db
def test_the_new_kinds_export_and_import_back_unchanged(tmp_path):
    import_sample(SAMPLE, KINDS)
    for kind in ("model_workers", "collective_contracts", "monitoring_reports", "contest_entries"):
        path = tmp_path / f"{kind}.xlsx"
        call_command("export_data", kind, str(path))
        out = tmp_path / f"{kind}.txt"
        with out.open("w") as stdout:
            call_command("import_data", kind, str(path), stdout=stdout)
        assert "新增0行,更新0行" in out.read_text(), kind
