"""Perks fixtures: members to give cards to, merchants with stores, perk days.

Everything hangs off the shared `tree` (LZ → LZ-CZ → LZ-CZ-001, LZ → LZ-YF).
"""

import datetime
from decimal import Decimal

import pytest

from members.models import Member
from perks.models import MemberCard, Merchant, PerkDay, PerkSale, Store
from tests.factories import PersonFactory, make_credit_code
from tests.sheets import do_import, export_csv, read_csv, write_csv  # noqa: F401 (used by the tests)
from tests.sheets import problems_text as problems  # noqa: F401


@pytest.fixture
def make_member(db):
    def make(org, *, join_date=datetime.date(2015, 1, 1), **person):
        return Member.objects.create(person=PersonFactory(**person), organization=org, join_date=join_date)

    return make


@pytest.fixture
def make_card(db):
    seq = iter(range(10_000, 99_999))

    def make(member, *, issued_on=datetime.date(2018, 3, 1), status=MemberCard.Status.ACTIVE, number=None):
        number = number or f"6217001{next(seq):07d}"
        return MemberCard.objects.create(member=member, number=number, issued_on=issued_on, status=status)

    return make


@pytest.fixture
def make_merchant(db):
    def make(org, *, signed_on=datetime.date(2017, 6, 1), stores=0, name=None, **kwargs):
        merchant = Merchant.objects.create(
            name=name or f"商户{make_credit_code()[-6:]}",
            credit_code=kwargs.pop("credit_code", None) or make_credit_code(),
            category=kwargs.pop("category", Merchant.Category.MARKET),
            perks="会员凭卡享9折",
            signed_on=signed_on,
            organization=org,
        )
        for i in range(stores):
            Store.objects.create(
                merchant=merchant, name=f"{merchant.name}{i + 1}号店", address="柳州市城中区"
            )
        return merchant

    return make


@pytest.fixture
def make_sale(db):
    def make(day, merchant, sales, discount):
        return PerkSale.objects.create(
            day=day, merchant=merchant, sales=Decimal(sales), discount=Decimal(discount)
        )

    return make


@pytest.fixture
def day_415(db):
    return PerkDay.objects.create(name="4·15红利日", date=datetime.date(2018, 4, 15))


@pytest.fixture(scope="session", autouse=True)
def _roles_hold_every_permission(django_db_setup, django_db_blocker):
    """Roles are synced on the orgs app's post_migrate, before the perks permissions exist on a
    fresh test database: sync them once more so staff hold the perks permissions."""
    from unionhub.orgs.roles import sync_roles

    with django_db_blocker.unblock():
        sync_roles()
