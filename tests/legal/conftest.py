"""Helpers for the legal tests: cases made in one line, files to import."""

import csv
import datetime
import io
from pathlib import Path

import pytest

from legal.models import Case, Lawyer
from unionhub.imports.engine import run_import
from unionhub.imports.kinds import get_kind


def write_csv(path: Path, rows: list[list]) -> Path:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))
    return path


def read_csv(path: Path) -> list[list]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def do_import(kind_name: str, path: Path, root):
    return run_import(kind=get_kind(kind_name), path=path, filename=path.name, root=root)


def problems_text(result) -> list[str]:
    return [str(p) for p in result.problems]


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
