"""factory_boy factories shared by every test package."""

import datetime
import itertools

import factory
from stdnum.cn import ric, uscc

from unionhub.orgs.models import Organization, User
from unionhub.people.models import Person

_seq = itertools.count(1)


def make_id_number(
    birth: datetime.date = datetime.date(1985, 6, 15), region: str = "450202", seq=None
) -> str:
    """A valid 18-character resident ID number (GB 11643) for the given birth date."""
    n = next(_seq) if seq is None else seq
    body = f"{region}{birth:%Y%m%d}{n % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


_uscc_alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def make_credit_code(seq=None) -> str:
    """A valid 18-character unified social credit code (GB 32100)."""
    n = next(_seq) if seq is None else seq
    tail = ""
    for _ in range(9):
        n, r = divmod(n, 31)
        tail = _uscc_alphabet[r] + tail
    body = f"91450200{tail}"
    return body + uscc.calc_check_digit(body)


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
