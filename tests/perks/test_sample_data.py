"""The 2018 sample data through the command line: the perks figures match the expected files."""

import datetime
import json

import pytest
from django.core.management import call_command

from perks.selectors import perks_figures
from tests.shared_data import requires_shared, shared_sample
from unionhub.orgs.models import Organization

SAMPLE = shared_sample("sample-2018-v2")
# The new contract's sample: members move (transfers) and leave, and each card still counts where
# its member was on its 发卡日期.
FILES = [
    ("orgs", "00-orgs.csv"),
    ("employers", "01-employers.csv"),
    ("members", "02-members.csv"),
    ("transfers", "03-transfers.csv"),
    ("cards", "14-cards.xlsx"),
    ("merchants", "15-merchants.csv"),
    ("stores", "16-stores.xlsx"),
    ("perk_sales", "17-perk_sales.xlsx"),
]

pytestmark = requires_shared("sample-2018-v2")


@pytest.fixture
def imported(db):
    for kind, name in FILES:
        call_command("import_data", kind, str(SAMPLE / name), verbosity=0)
    return json.loads((SAMPLE / "meta.json").read_text())


def test_perks_figures_match_the_expected_files_and_cards_reimport_unchanged(imported, capsys):
    as_of = datetime.date.fromisoformat(imported["as_of"])
    # One test, not several: importing the sample takes seconds, and it is the same import.
    for code, expected in [("LZ", "expected-LZ.json"), (imported["district"], "expected-DIST.json")]:
        figures = perks_figures(org=Organization.objects.get(code=code), year=imported["year"], as_of=as_of)
        assert figures == json.loads((SAMPLE / expected).read_text())["perks"], code
    capsys.readouterr()
    call_command("import_data", "cards", str(SAMPLE / "14-cards.xlsx"))
    assert "新增0行,更新0行,未变2379行" in capsys.readouterr().out
