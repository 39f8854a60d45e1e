"""factory_boy factories shared by every test package."""

import datetime
import itertools

import factory

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
