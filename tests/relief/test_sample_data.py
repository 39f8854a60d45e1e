"""The 2018 sample files (sample-2018-v2) import through the CLI, and the `relief` figures equal the expected
JSON for the city and for the district (as of 2018-10-31)."""

import datetime
import json

import pytest
from django.core.management import call_command

from relief.models import Payment, ReliefProgram
from relief.selectors import relief_figures
from tests.shared_data import requires_shared, shared_sample
from unionhub.orgs.models import Organization

SAMPLE = shared_sample("sample-2018-v2")
FILES = [
    ("orgs", "00-orgs.csv"),
    ("employers", "01-employers.csv"),
    ("members", "02-members.csv"),
    ("relief_files", "05-relief_files.xlsx"),
    ("relief_programs", "06-relief_programs.csv"),
    ("relief_payments", "07-relief_payments.csv"),
    ("care_services", "08-care_services.xlsx"),
]

pytestmark = requires_shared("sample-2018-v2")


def _import(kinds):
    for kind, name in kinds:
        call_command("import_data", kind, str(SAMPLE / name), verbosity=0)


def _expected(name):
    return json.loads((SAMPLE / name).read_text())


@pytest.mark.django_db
def test_sample_files_import_and_the_relief_figures_match_the_expected_json(capsys):
    _import(FILES)
    meta = json.loads((SAMPLE / "meta.json").read_text())
    as_of = datetime.date.fromisoformat(meta["as_of"])
    for name in ["expected-LZ.json", "expected-DIST.json"]:
        expected = _expected(name)
        org = Organization.objects.get(code=expected["org"])
        assert relief_figures(org=org, year=meta["year"], as_of=as_of) == expected["relief"], name

    for program in ReliefProgram.objects.all():
        assert program.spent == sum(p.amount for p in Payment.objects.filter(program=program))

    capsys.readouterr()
    for kind, name in FILES[3:]:
        call_command("import_data", kind, str(SAMPLE / name))
        assert "新增0行,更新0行" in capsys.readouterr().out, kind
