"""factory_boy factories shared by every test package."""

import datetime
import itertools

import factory
import pytest

from unionhub.orgs.models import Organization, User
from unionhub.people import idnumbers
from unionhub.people.models import Person

_seq = itertools.count(1)


def make_id_number(
    birth: datetime.date = datetime.date(1985, 6, 15), region: str = "450202", seq=None
) -> str:
    """A valid 18-character resident ID number (GB 11643) for the given birth date."""
    return idnumbers.make_id_number(birth=birth, region=region, seq=next(_seq) if seq is None else seq)


def make_credit_code(seq=None) -> str:
    """A valid 18-character unified social credit code (GB 32100)."""
    return idnumbers.make_credit_code(next(_seq) if seq is None else seq)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"ORG-{n}")
    name = factory.Sequence(lambda n: f"第{n}工会")
    kind = Organization.Kind.ENTERPRISE
    parent = None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct-horse-battery")
    organization = None


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    id_number = factory.LazyFunction(make_id_number)
    name = factory.Sequence(lambda n: f"张{n}")


class Tree:
    """The small federation of the tests (tests/conftest.py): LZ, its districts LZ-CZ and LZ-YF,
    and the enterprise union LZ-CZ-001 under LZ-CZ."""

    def __init__(self):
        K = Organization.Kind
        self.city = OrganizationFactory(code="LZ", name="柳州市总工会", kind=K.CITY)
        self.cz = OrganizationFactory(code="LZ-CZ", name="城中区总工会", kind=K.DISTRICT, parent=self.city)
        self.yf = OrganizationFactory(code="LZ-YF", name="鱼峰区总工会", kind=K.DISTRICT, parent=self.city)
        self.cz_ent = OrganizationFactory(
            code="LZ-CZ-001", name="城中第一企业工会", kind=K.ENTERPRISE, parent=self.cz
        )


def user_fixture(place: str, *roles: str, username: str, doc: str = ""):
    """A fixture (named as the module attribute it is assigned to) giving a user of
    `tree.<place>` with `roles`, named `username`."""

    def user(tree, make_user):
        return make_user(getattr(tree, place), *roles, username=username)

    user.__doc__ = doc or f"{', '.join(roles)} of tree.{place}"
    return pytest.fixture(user)
