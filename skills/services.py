"""Writes of the skills area: ranking a city contest, saving entries, awards and promotions.

Forms and import kinds go through the same rules: the model's constraints (validated by
`full_clean`) and `contest_rank`, which every write to a 市级 contest ends with.
"""

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Window
from django.db.models.functions import Rank
from django.utils.translation import gettext as _

from unionhub.core.history import history_user
from unionhub.orgs.scoping import org_visible_to, require_scope
from unionhub.people.services import person_resolve

from .models import Contest, CraftsmanAward, Entry, ModelWorker, Promotion, Trade, team_rank_problem


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


def _save_in_scope(obj, by):
    """Save a record of the writer's subtree (require_scope), validated like an import row."""
    require_scope(by, obj)
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def entry_save(*, entry: Entry, by=None) -> Entry:
    """Create or change one entry (validated like an import row), then re-rank its contest.

    A rank set on the entry is kept as given; an empty one is computed for a 市级 contest."""
    entry.rank_given = entry.rank is not None
    _save_in_scope(entry, by)
    contest_rank(entry.contest)
    entry.refresh_from_db(fields=["rank"])
    return entry


@transaction.atomic
def award_save(*, award: CraftsmanAward, by=None) -> CraftsmanAward:
    return _save_in_scope(award, by)


@transaction.atomic
def promotion_save(*, promotion: Promotion, by=None) -> Promotion:
    return _save_in_scope(promotion, by)


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


@transaction.atomic
def model_worker_save(*, worker: ModelWorker, by=None) -> ModelWorker:
    """Create or change a model-worker title (full_clean: the year is never after this one, a
    person holds a title once). Every write re-checks scope: the title's organization, and before a change
    the stored one, must lie in the writer's subtree."""
    if by is not None:
        if not org_visible_to(by, worker.organization):
            raise ValidationError({"organization": _("所属工会组织不在您的管辖范围内")})
        if worker.pk and not ModelWorker.objects.visible_to(by).filter(pk=worker.pk).exists():
            raise PermissionDenied
    worker.full_clean()
    with pghistory.context(user=history_user(by), action=_("修改称号") if worker.pk else _("登记称号")):
        worker.save()
    return worker


@transaction.atomic
def contest_set_team_rank(*, contest: Contest, team_rank: int | None, by=None) -> Contest:
    """The city team's rank in an outside contest (自治区级 / 全国); None clears it."""
    problem = team_rank_problem(contest.level, team_rank)
    if problem:
        raise ValidationError({"team_rank": problem})
    if team_rank is not None and team_rank < 1:
        raise ValidationError({"team_rank": _("团体名次应不小于1")})
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    contest.team_rank = team_rank
    contest.save(update_fields=["team_rank"])


def may_manage_contests(user) -> bool:
    """A contest is city-wide (every district enters contestants in it), so the city federation
    creates and corrects it: a user of the tree's root organization, or a superuser."""
    if user.is_superuser:
        return True
    org = getattr(user, "organization", None)
    return org is not None and org.parent_id is None


@transaction.atomic
def contest_save(*, contest: Contest, by) -> Contest:
    """Create or correct a contest (year, name, level); a 市级 contest's ranks follow its level."""
    if not may_manage_contests(by):
        raise PermissionDenied
    contest.full_clean()
    contest.save()
    contest_rank(contest)
    return contest
