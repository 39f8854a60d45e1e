"""Members fixtures: employers, members and drives hung off the shared `tree`
(LZ → LZ-CZ → LZ-CZ-001, LZ → LZ-YF); the rows to import go through tests/conftest.py's import_csv."""

import datetime
from decimal import Decimal

import pytest

from members.models import Drive, Employer, Industry, Member
from tests.factories import PersonFactory, make_credit_code, make_id_number
from tests.sheets import export_csv, read_csv


@pytest.fixture
def industry(db):
    def get(name="道路货运"):
        return Industry.objects.get(name=name)

    return get


@pytest.fixture
def make_employer(db):
    def make(org, *, industry="道路货运", founded=None, **kwargs):
        kwargs.setdefault("name", f"单位{make_credit_code()[-6:]}")
        kwargs.setdefault("credit_code", make_credit_code())
        kwargs.setdefault("ownership", Employer.Ownership.PRIVATE)
        kwargs.setdefault("headcount", 100)
        return Employer.objects.create(
            organization=org,
            industry=Industry.objects.get(name=industry),
            has_union=founded is not None,
            union_founded_on=founded,
            **kwargs,
        )

    return make


@pytest.fixture
def make_member(db):
    def make(org, *, join_date=datetime.date(2015, 1, 1), person=None, **kwargs):
        person = person or PersonFactory(
            **{k: kwargs.pop(k) for k in ("name", "phone", "id_number") if k in kwargs}
        )
        if kwargs.get("status", Member.Status.ACTIVE) != Member.Status.ACTIVE:
            # Left on the day of joining unless told otherwise: never counted at any as_of.
            kwargs.setdefault("leave_date", join_date)
        return Member.objects.create(person=person, organization=org, join_date=join_date, **kwargs)

    return make


@pytest.fixture
def make_drive(db):
    def make(org, *, group="货车司机", industry="道路货运", **kwargs):
        kwargs.setdefault("name", f"{group}入会集中行动{Drive.objects.count() + 1}")
        kwargs.setdefault("start", datetime.date(2018, 4, 1))
        kwargs.setdefault("end", datetime.date(2018, 6, 30))
        kwargs.setdefault("population", 10)
        kwargs.setdefault("target_join_rate", Decimal("40"))
        kwargs.setdefault("target_founding_rate", Decimal("40"))
        return Drive.objects.create(
            organization=org, key_group=group, industry=Industry.objects.get(name=industry), **kwargs
        )

    return make


def new_id(birth=datetime.date(1985, 6, 15)):
    return make_id_number(birth)


def assert_hidden_from_the_sibling_and_below(client_for, url, yf_user, ent_user):
    """A page of an LZ-CZ record is not found by the sibling district's user (read or posted to),
    nor by the enterprise union's below LZ-CZ."""
    assert client_for(yf_user).get(url).status_code == 404
    assert client_for(ent_user).get(url).status_code == 404
    assert client_for(yf_user).post(url, {}).status_code == 404


def problems(result) -> list[str]:
    return [str(p) for p in result.problems] or ([result.file_error] if result.file_error else [])


@pytest.fixture
def export_rows(tmp_path):
    """`export_rows(kind, org)`: the kind's CSV export of `org`'s subtree, read back as rows."""

    def run(kind, org):
        return read_csv(export_csv(kind, org, tmp_path / f"export-{kind}.csv"))

    return run
