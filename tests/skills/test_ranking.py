"""Ranking of the city's own contests from the scores; outside contests keep their ranks."""

from decimal import Decimal

from skills.models import Entry
from skills.services import contest_rank, entry_save


def ranks(contest, trade):
    return list(
        Entry.objects.filter(contest=contest, trade__name=trade)
        .order_by("-score", "pk")
        .values_list("score", "rank")
    )


def test_ties_share_a_rank_and_the_next_rank_is_skipped(tree, city_contest, make_entry):
    for score in ["95", "90", "90", "80"]:
        make_entry(city_contest, "钳工", tree.city, score=Decimal(score))
    contest_rank(city_contest)
    assert [r for _, r in ranks(city_contest, "钳工")] == [1, 2, 2, 4]


def test_entries_without_a_score_are_unranked(tree, city_contest, make_entry):
    make_entry(city_contest, "钳工", tree.city, score=Decimal("70"))
    missing = make_entry(city_contest, "钳工", tree.city, score=None)
    contest_rank(city_contest)
    missing.refresh_from_db()
    assert missing.rank is None
    assert Entry.objects.get(score=Decimal("70")).rank == 1


def test_ranks_are_computed_within_each_trade(tree, city_contest, make_entry):
    make_entry(city_contest, "钳工", tree.city, score=Decimal("60"))
    make_entry(city_contest, "电焊工", tree.city, score=Decimal("50"))
    make_entry(city_contest, "电焊工", tree.city, score=Decimal("55"))
    contest_rank(city_contest)
    assert [r for _, r in ranks(city_contest, "钳工")] == [1]
    assert [r for _, r in ranks(city_contest, "电焊工")] == [1, 2]


def test_a_rank_that_was_given_is_kept_in_a_city_contest(tree, city_contest, make_entry):
    given = make_entry(city_contest, "钳工", tree.city, score=Decimal("50"), rank=1)
    make_entry(city_contest, "钳工", tree.city, score=Decimal("90"))
    contest_rank(city_contest)
    given.refresh_from_db()
    assert given.rank == 1


def test_an_outside_contest_keeps_the_rank_it_gave(tree, provincial_contest, make_entry):
    low = make_entry(provincial_contest, "钳工", tree.city, score=Decimal("10"), rank=3)
    no_rank = make_entry(provincial_contest, "钳工", tree.city, score=Decimal("99"))
    assert contest_rank(provincial_contest) == 0
    low.refresh_from_db()
    no_rank.refresh_from_db()
    assert (low.rank, no_rank.rank) == (3, None)


def test_a_new_score_saved_through_the_service_moves_the_others(tree, city_contest, make_entry):
    first = make_entry(city_contest, "钳工", tree.city, score=Decimal("80"))
    contest_rank(city_contest)
    newcomer = make_entry(city_contest, "钳工", tree.city, score=None)
    newcomer.score = Decimal("85")
    entry_save(entry=newcomer)
    first.refresh_from_db()
    assert (newcomer.rank, first.rank) == (1, 2)
