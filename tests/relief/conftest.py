"""Relief fixtures: people with files in the two districts of the shared tree, programs, units.

`relief` (the object below) holds, on top of `tree` and its users:
- `cz_file`   a verified file (LZ-CZ, verified 2018-01-10) of `cz_person`;
- `yf_file`   a verified file (LZ-YF, verified 2018-01-10) of `yf_person`;
- `spring`    春节送温暖 2018 of LZ, budget 10000, cap 3000;
- `summer`    送清凉 2018 of LZ, no budget, no cap;
- `cz_unit`   an employer of LZ-CZ;
- `pay(number, ...)`  a payment of `spring` to `cz_person` (100元 on 2018-02-01 unless told).
"""

import datetime
from decimal import Decimal

import pytest

from members.models import Employer, Industry
from relief.models import FileState, HardshipFile, ProgramKind, ReliefProgram
from tests.factories import PersonFactory, make_credit_code

D = datetime.date
JAN_5 = D(2018, 1, 5)
FEB_1 = D(2018, 2, 1)


def make_file(person, org, *, filed_on=JAN_5, state=FileState.VERIFIED, verified_on=None, **kw):
    if verified_on is None and state in (FileState.VERIFIED, FileState.EXITED):
        verified_on = filed_on + datetime.timedelta(days=5)
    values = {
        "category": "在职",
        "cause": "因病",
        "household_size": 3,
        "income_per_head": Decimal("800.00"),
    }
    values.update(kw)
    return HardshipFile.objects.create(
        person=person, organization=org, filed_on=filed_on, state=state, verified_on=verified_on, **values
    )


def file_form_data(org, id_number: str, name: str, **values) -> dict:
    """What the new-file form (relief:file_create) posts: a 退休 file of `org` filed 2018-03-01."""
    return {
        "id_number": id_number,
        "name": name,
        "category": "退休",
        "cause": "因病",
        "household_size": "2",
        "income_per_head": "650.50",
        "organization": org.pk,
        "filed_on": "2018-03-01",
        **values,
    }


def make_program(kind, year=2018, *, org, budget=None, cap=None):
    return ReliefProgram.objects.create(kind=kind, year=year, organization=org, budget=budget, cap=cap)


def make_employer(org, name="城中机械厂"):
    return Employer.objects.create(
        name=name,
        credit_code=make_credit_code(),
        organization=org,
        industry=Industry.objects.get_or_create(name="机械制造")[0],
        ownership=Employer.Ownership.PRIVATE,
        headcount=100,
    )


class Relief:
    def __init__(self, tree):
        self.cz_person = PersonFactory(name="李困难")
        self.yf_person = PersonFactory(name="王困难")
        self.cz_file = make_file(self.cz_person, tree.cz)
        self.yf_file = make_file(self.yf_person, tree.yf)
        self.spring = make_program(
            ProgramKind.SPRING, org=tree.city, budget=Decimal("10000"), cap=Decimal("3000")
        )
        self.summer = make_program(ProgramKind.SUMMER, org=tree.city)
        self.cz_unit = make_employer(tree.cz)

    def pay(self, number: str, *, cash=Decimal("100"), paid_on=FEB_1, **kw):
        """A 春节送温暖 payment to `cz_person` through the service (payment_make)."""
        from relief.services import payment_make

        return payment_make(
            program=self.spring, number=number, person=self.cz_person, cash=cash, paid_on=paid_on, **kw
        )


@pytest.fixture
def relief(tree):
    return Relief(tree)


@pytest.fixture(scope="session", autouse=True)
def _roles_hold_relief_permissions(django_db_setup, django_db_blocker):
    """Roles are synced on the orgs app's post_migrate, before relief's permissions exist on a
    fresh test database: sync them once more (as a second migrate would)."""
    from unionhub.orgs.roles import sync_roles

    with django_db_blocker.unblock():
        sync_roles()
