"""The 2018 sample files (sample-2018-v2) import through the CLI, and the `relief` figures equal the expected
JSON for the city and for the district (as of 2018-10-31)."""

import datetime

import pytest
from django.core.management import call_command

from relief.models import Payment, ReliefProgram
from relief.selectors import relief_figures
from tests.shared_data import expected_by_org, import_sample, requires_shared, sample_file

SAMPLE = "sample-2018-v2"
KINDS = [
    "orgs",
    "employers",
    "members",
    "relief_files",
    "relief_programs",
    "relief_payments",
    "care_services",
]

pytestmark = requires_shared(SAMPLE)


@pytest.mark.django_db
def test_sample_files_import_and_the_relief_figures_match_the_expected_json(capsys):
    meta = import_sample(SAMPLE, KINDS)
    as_of = datetime.date.fromisoformat(meta["as_of"])
    for org, expected in expected_by_org(SAMPLE):
        assert relief_figures(org=org, year=meta["year"], as_of=as_of) == expected["relief"], org.code

    for program in ReliefProgram.objects.all():
        assert program.spent == sum(p.amount for p in Payment.objects.filter(program=program))

    capsys.readouterr()
    for kind in KINDS[3:]:
        call_command("import_data", kind, str(sample_file(SAMPLE, kind)))
        assert "新增0行,更新0行" in capsys.readouterr().out, kind
