"""One craftsman award per person per year; scores within 0–100; one promotion per level."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from members.models import Industry
from skills.models import CraftsmanAward, Entry, Promotion, Trade
from skills.services import award_save, entry_save, promotion_save
from tests.factories import PersonFactory


def award(person, employer, year, title="工匠"):
    return CraftsmanAward(
        year=year,
        title=title,
        person=person,
        employer=employer,
        industry=Industry.objects.get(name="汽车制造"),
        organization=employer.organization,
    )


def test_a_second_award_to_the_same_person_in_the_same_year_is_refused(tree, make_employer):
    person, employer = PersonFactory(), make_employer(tree.city)
    award_save(award=award(person, employer, 2018))
    with pytest.raises(ValidationError) as exc:
        award_save(award=award(person, employer, 2018, title="提名奖"))
    assert "每人每年只能评一次" in str(exc.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        award(person, employer, 2018, title="提名奖").save()  # the database backs the rule


def test_the_same_person_may_be_awarded_again_another_year(tree, make_employer):
    person, employer = PersonFactory(), make_employer(tree.city)
    award_save(award=award(person, employer, 2018))
    award_save(award=award(person, employer, 2019))
    assert CraftsmanAward.objects.filter(person=person).count() == 2


def test_a_score_above_100_is_refused(tree, city_contest):
    entry = Entry(
        contest=city_contest,
        trade=Trade.objects.create(name="钳工"),
        person=PersonFactory(),
        score=Decimal("100.5"),
        organization=tree.city,
    )
    with pytest.raises(ValidationError) as exc:
        entry_save(entry=entry)
    assert "score" in exc.value.message_dict


def test_a_second_promotion_to_the_same_level_in_the_same_trade_is_refused(tree):
    person, trade = PersonFactory(), Trade.objects.create(name="钳工")
    make = lambda: Promotion(  # noqa: E731
        person=person, trade=trade, level="技师", certified_on="2018-05-01", organization=tree.city
    )
    promotion_save(promotion=make())
    with pytest.raises(ValidationError, match="已有此工种此等级"):
        promotion_save(promotion=make())


def test_every_change_of_a_promotions_subsidy_is_kept_in_its_history(tree):
    promotion = promotion_save(
        promotion=Promotion(
            person=PersonFactory(),
            trade=Trade.objects.create(name="钳工"),
            level="技师",
            certified_on="2018-05-01",
            subsidy=Decimal("500"),
            organization=tree.city,
        )
    )
    Promotion.objects.filter(pk=promotion.pk).update(subsidy=Decimal("800"))  # a bulk write
    assert [s.subsidy for s in promotion.snapshots.order_by("pgh_id")] == [500, 800]
