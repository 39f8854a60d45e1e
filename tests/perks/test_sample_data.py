"""The 2018 sample data through the command line: the perks figures match the expected files."""

import datetime

import pytest
from django.core.management import call_command

from perks.selectors import perks_figures
from tests.shared_data import expected_by_org, import_sample, requires_shared, sample_file

SAMPLE = "sample-2018-v2"
# The new contract's sample: members move (transfers) and leave, and each card still counts where
# its member was on its 发卡日期.
KINDS = ["orgs", "employers", "members", "transfers", "cards", "merchants", "stores", "perk_sales"]

pytestmark = requires_shared(SAMPLE)


@pytest.fixture
def imported(db):
    return import_sample(SAMPLE, KINDS)


def test_perks_figures_match_the_expected_files_and_cards_reimport_unchanged(imported, capsys):
    as_of = datetime.date.fromisoformat(imported["as_of"])
    # One test, not several: importing the sample takes seconds, and it is the same import.
    for org, expected in expected_by_org(SAMPLE):
        figures = perks_figures(org=org, year=imported["year"], as_of=as_of)
        assert figures == expected["perks"], org.code
    capsys.readouterr()
    call_command("import_data", "cards", str(sample_file(SAMPLE, "cards")))
    assert "新增0行,更新0行,未变2379行" in capsys.readouterr().out
