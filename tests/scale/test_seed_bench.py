"""seed_bench builds a consistent city at any size: valid ID numbers and credit codes, every rule
of the records kept (constraints, one card in force, payments to verified files, the card's
organization), a year-end report with figures in every section; a second run is a no-op."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import F, Q

from members.models import Employer, Member
from perks.models import MemberCard
from relief.models import HardshipFile, Payment
from unionhub.orgs.models import Organization, User
from unionhub.people.idnumbers import validate_credit_code, validate_id_number
from unionhub.people.models import Person
from unionhub.reports.figures import report_figures

N = 2000


@pytest.fixture
def city(db):
    call_command("seed_bench", members=N, verbosity=0)


def test_the_city_has_its_members_cards_and_users(city):
    assert Member.objects.count() == N
    assert 0.8 * N <= MemberCard.objects.count() <= 0.9 * N
    assert Organization.objects.filter(kind="县区总工会").count() == 10
    assert set(User.objects.values_list("username", flat=True)) >= {"bench_city", "bench_cz"}
    key_groups = Member.objects.exclude(key_group="").count() / N
    migrants = Member.objects.filter(is_migrant=True).count() / N
    assert 0.02 < key_groups < 0.09 and 0.25 < migrants < 0.35


def test_identity_numbers_and_credit_codes_are_valid(city):
    for person in Person.objects.all()[:500]:
        assert validate_id_number(person.id_number) == person.id_number
        check = Person(id_number=person.id_number)
        check.derive_from_id()
        assert (check.birth_date, check.sex) == (person.birth_date, person.sex)
    for code in Employer.objects.values_list("credit_code", flat=True)[:500]:
        validate_credit_code(code)


def test_records_keep_the_rules_the_services_keep(city):
    # Members join at 18 or older; a card carries its member's organization.
    assert not Member.objects.filter(
        join_date__lt=F("person__birth_date") + datetime.timedelta(days=18 * 365)
    ).exists()
    assert not MemberCard.objects.exclude(organization=F("member__organization")).exists()
    # A payment to a person goes with a file verified by then and not yet out of hardship.
    to_people = Payment.objects.filter(person__isnull=False)
    assert to_people.exists()
    assert not to_people.exclude(file__person=F("person")).exists()
    assert not to_people.filter(
        Q(file__verified_on__gt=F("paid_on")) | Q(file__exited_on__lte=F("paid_on"))
    ).exists()
    assert HardshipFile.objects.filter(state="已认定").exists()


def test_the_year_end_report_has_figures_in_every_section(city):
    figures = report_figures(
        org=Organization.objects.get(code="LZ"), year=2025, as_of=datetime.date(2025, 12, 31)
    )
    assert figures["members"]["total"] > 0.8 * N
    assert figures["relief"]["files"]["new"] > 0
    assert figures["skills"]["city_contestants"] > 0
    assert figures["legal"]["cases"] > 0
    assert figures["perks"]["cards_issued"] > 0 and figures["perks"]["perk_days"]


def test_a_second_run_is_a_no_op(city):
    ids = list(Member.objects.order_by("id").values_list("id", flat=True)[:5])
    call_command("seed_bench", members=N, verbosity=0)
    assert Member.objects.count() == N
    assert list(Member.objects.order_by("id").values_list("id", flat=True)[:5]) == ids


def test_every_work_area_has_a_seeder_and_they_run_in_the_settings_order():
    from django.conf import settings

    from unionhub.core.seeding import work_area_seeders

    seeders = work_area_seeders()
    assert [app for app, _ in seeders] == settings.UNIONHUB_WORK_AREAS
    for app, seeder in seeders:
        assert callable(seeder.seed) and seeder.seed.__doc__
        assert seeder.MODELS and all(m._meta.app_label == app for m in seeder.MODELS)


def test_a_change_in_one_areas_seeder_leaves_the_other_areas_data_alone(city, monkeypatch):
    import relief.seeder

    def snapshot():
        return (
            list(
                Member.objects.order_by("id").values_list("person__id_number", "organization_id", "join_date")
            ),
            list(MemberCard.objects.order_by("id").values_list("number", "member_id", "issued_on", "status")),
        )

    before = snapshot()
    files = HardshipFile.objects.count()
    original = relief.seeder.seed

    def drawing_more(ctx):
        ctx.rng.random()  # the relief area draws once more than it did
        original(ctx)

    monkeypatch.setattr(relief.seeder, "seed", drawing_more)
    call_command("seed_bench", members=N, reset=True, verbosity=0)
    assert snapshot() == before  # members (before relief) and perks (after it) are as they were
    assert HardshipFile.objects.count() > 0 and files > 0
