"""Writes of the skills area: ranking a city contest, saving entries, awards and promotions.

Forms and import kinds go through the same rules: the model's constraints (validated by
`full_clean`) and `contest_rank`, which every write to a 市级 contest ends with.
"""

from django.db import transaction
from django.db.models import F, Window
from django.db.models.functions import Rank

from unionhub.people.services import person_resolve

from .models import Contest, CraftsmanAward, Entry, Promotion, Trade


def contest_rank(contest: Contest) -> int:
    """Rank a 市级 contest's entries within each trade from their scores (highest first).

    Ties share a rank and the next rank is skipped (95, 90, 90, 80 → 1, 2, 2, 4); entries
    without a score are unranked; a rank that was given (rank_given) is kept as it is. Outside
    contests keep the ranks they reported. Returns how many entries changed rank.
    """
    if not contest.ranks_from_scores:
        return 0
    computed = dict(
        Entry.objects.filter(contest=contest, score__isnull=False)
        .annotate(computed=Window(Rank(), partition_by=[F("trade_id")], order_by=F("score").desc()))
        .values_list("pk", "computed")
    )
    changed = []
    for entry in Entry.objects.filter(contest=contest, rank_given=False).only("pk", "rank"):
        rank = computed.get(entry.pk)
        if entry.rank != rank:
            entry.rank = rank
            changed.append(entry)
    Entry.objects.bulk_update(changed, ["rank"], batch_size=1000)
    return len(changed)


@transaction.atomic
def entry_save(*, entry: Entry, by=None) -> Entry:
    """Create or change one entry (validated like an import row), then re-rank its contest.

    A rank set on the entry is kept as given; an empty one is computed for a 市级 contest."""
    entry.rank_given = entry.rank is not None
    entry.full_clean()
    entry.save()
    contest_rank(entry.contest)
    entry.refresh_from_db(fields=["rank"])
    return entry


@transaction.atomic
def award_save(*, award: CraftsmanAward, by=None) -> CraftsmanAward:
    award.full_clean()
    award.save()
    return award


@transaction.atomic
def promotion_save(*, promotion: Promotion, by=None) -> Promotion:
    promotion.full_clean()
    promotion.save()
    return promotion


@transaction.atomic
def save_with_person(obj, save, *, id_number: str, name: str, trade_name: str | None = None, by):
    """A contestant's entry, an award or a promotion with its person (people.person_resolve)
    and, when named, its trade, saved by `save(obj)`: all or nothing."""
    obj.person = person_resolve(id_number=id_number, name=name, by=by)
    if trade_name:
        obj.trade = trade_get_or_create(name=trade_name)
    return save(obj)


def trade_get_or_create(*, name: str) -> Trade:
    trade, _created = Trade.objects.get_or_create(name=name.strip())
    return trade
