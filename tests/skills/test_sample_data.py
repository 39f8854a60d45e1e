"""The 2018 sample files import through the CLI, and the `skills` and `legal` figures equal the
expected JSON for the city and for the district (as of 2018-10-31).

The expected files list only the causes that occur; the section always lists all six (the
others with 0), so the comparison fills the missing causes with 0."""

import datetime
import json

import pytest
from django.core.management import call_command

from legal.models import Cause
from legal.selectors import legal_figures
from skills.selectors import skills_figures
from tests.shared_data import requires_shared, shared_sample
from unionhub.orgs.models import Organization

SAMPLE = shared_sample("sample-2018")
BASE = [
    ("orgs", "00-orgs.csv"),
    ("employers", "01-employers.csv"),
    ("members", "02-members.csv"),
    ("drives", "03-drives.csv"),
]
OURS = [
    ("legal_cases", "08-legal_cases.csv"),
    ("contest_entries", "09-contest_entries.csv"),
    ("craftsmen", "10-craftsmen.xlsx"),
    ("promotions", "11-promotions.csv"),
]

pytestmark = requires_shared("sample-2018")


@pytest.mark.django_db
def test_sample_files_import_and_the_figures_match_the_expected_json(capsys):
    for kind, name in BASE + OURS:
        call_command("import_data", kind, str(SAMPLE / name), verbosity=0)
    meta = json.loads((SAMPLE / "meta.json").read_text())
    as_of = datetime.date.fromisoformat(meta["as_of"])
    for name in ["expected-LZ.json", "expected-DIST.json"]:
        expected = json.loads((SAMPLE / name).read_text())
        org = Organization.objects.get(code=expected["org"])
        assert skills_figures(org=org, year=meta["year"], as_of=as_of) == expected["skills"], name
        legal = expected["legal"]
        legal["by_cause"] = {**dict.fromkeys(Cause.values, 0), **legal["by_cause"]}
        assert legal_figures(org=org, year=meta["year"], as_of=as_of) == legal, name

    capsys.readouterr()
    for kind, name in OURS:
        call_command("import_data", kind, str(SAMPLE / name))
        assert "新增0行,更新0行" in capsys.readouterr().out, kind
