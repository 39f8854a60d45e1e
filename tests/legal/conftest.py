"""Helpers for the legal tests: cases made in one line, files to import."""

import datetime

import pytest

from legal.models import Case, Lawyer
from tests.sheets import assert_round_trip, do_import, export_csv, problems_text, read_csv, write_csv  # noqa: F401 (used by the tests)
from tests.skills.conftest import make_employer  # noqa: F401 (the shared employer maker)


@pytest.fixture
def lawyer(db):
    return Lawyer.objects.create(name="赵梅华律师", firm="广西某律师事务所")


@pytest.fixture
def make_case(db):
    counter = iter(range(1, 10_000))

    def make(org, **values):
        defaults = {
            "number": f"WQ2018{next(counter):05d}",
            "received_on": datetime.date(2018, 3, 1),
            "channel": "来电",
            "persons": 1,
            "migrants": 0,
            "applicant_name": "梁宏强",
            "cause": "拖欠工资",
            "handling": "法律咨询",
            "organization": org,
        }
        defaults.update(values)
        return Case.objects.create(**defaults)

    return make


@pytest.fixture(scope="session", autouse=True)
def _roles_hold_every_permission(django_db_setup, django_db_blocker):
    """Roles are synced on the orgs app's post_migrate, before this app's permissions exist on a
    fresh test database: sync them once more so staff hold them (as after a second migrate)."""
    from unionhub.orgs.roles import sync_roles

    with django_db_blocker.unblock():
        sync_roles()
