"""Helpers for the skills tests: employers, contests and entries made in one line, files to import."""

import pytest

from members.models import Employer, Industry
from skills.models import Contest, Entry, Trade
from tests.factories import PersonFactory, make_credit_code, make_id_number
from tests.sheets import assert_round_trip, do_import, export_csv, problems_text, read_csv, write_csv  # noqa: F401 (used by the tests)


@pytest.fixture
def make_employer(db):
    def make(org, industry="汽车制造", **kwargs):
        return Employer.objects.create(
            name=kwargs.pop("name", f"{org.code}单位"),
            credit_code=kwargs.pop("credit_code", make_credit_code()),
            organization=org,
            industry=Industry.objects.get(name=industry),
            ownership=Employer.Ownership.PRIVATE,
            headcount=10,
            **kwargs,
        )

    return make


@pytest.fixture
def employer(tree, make_employer):
    """An employer of LZ-CZ, for the rows of the files to import."""
    return make_employer(tree.cz)


@pytest.fixture
def ids():
    """Eight fresh ID numbers, for the people of the files to import."""
    return [make_id_number() for _ in range(8)]


@pytest.fixture
def make_entry(db):
    """make_entry(contest, trade_name, org, score=None, rank=None, person=None) saved as is."""

    def make(contest, trade, org, score=None, rank=None, person=None):
        trade_obj, _ = Trade.objects.get_or_create(name=trade)
        return Entry.objects.create(
            contest=contest,
            trade=trade_obj,
            person=person or PersonFactory(),
            score=score,
            rank=rank,
            rank_given=rank is not None,
            organization=org,
        )

    return make


@pytest.fixture
def city_contest(db):
    return Contest.objects.create(year=2018, name="2018年柳州市职工职业技能大赛", level=Contest.Level.CITY)


@pytest.fixture
def provincial_contest(db):
    return Contest.objects.create(
        year=2018, name="2018年广西职工职业技能大赛", level=Contest.Level.PROVINCIAL
    )


@pytest.fixture
def national_contest(db):
    return Contest.objects.create(year=2018, name="2018年全国职工职业技能大赛", level=Contest.Level.NATIONAL)


@pytest.fixture(scope="session", autouse=True)
def _roles_hold_every_permission(django_db_setup, django_db_blocker):
    """Roles are synced on the orgs app's post_migrate, before this app's permissions exist on a
    fresh test database: sync them once more so staff hold them (as after a second migrate)."""
    from unionhub.orgs.roles import sync_roles

    with django_db_blocker.unblock():
        sync_roles()
