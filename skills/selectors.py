"""Reads of the skills area: scoped querysets for the pages and the report's figures."""

import datetime

from django.db.models import Count, F, Min, Q, Sum
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from unionhub.core.changes import remembered
from unionhub.core.history import record_history
from unionhub.orgs.scoping import get_visible_or_404
from unionhub.reports.numbers import money

from .models import Contest, CraftsmanAward, Entry, ModelWorker, ModelWorkerTitle, Promotion

Level = Contest.Level


def skills_figures(*, org, year: int, as_of: datetime.date) -> dict:
    """The `skills` figures of annual-report.md over `org`'s subtree.

    Contests and awards are dated by their year only; promotions count when 取证日期 falls in
    the year on or before `as_of`."""
    entries = Entry.objects.within(org).filter(contest__year=year)
    c = entries.aggregate(
        city=Count("person", distinct=True, filter=Q(contest__level=Level.CITY)),
        trades=Count("trade", distinct=True, filter=Q(contest__level=Level.PROVINCIAL)),
        first=Count("trade", distinct=True, filter=Q(contest__level=Level.PROVINCIAL, rank=1)),
        top_ten=Count("pk", filter=Q(contest__level=Level.PROVINCIAL, rank__lte=10)),
        national=Count("person", distinct=True, filter=Q(contest__level=Level.NATIONAL)),
    )
    awards = CraftsmanAward.objects.within(org).filter(year=year)
    titles = dict(awards.values_list("title").annotate(n=Count("pk")))
    industries = sorted(set(awards.values_list("industry__name", flat=True)))
    promotions = Promotion.objects.within(org).filter(certified_on__year=year, certified_on__lte=as_of)
    levels = dict(promotions.values_list("level").annotate(n=Count("pk")))
    subsidy = promotions.aggregate(s=Sum("subsidy"))["s"]
    return {
        "city_contestants": c["city"],
        "provincial": {"trades": c["trades"], "first_places": c["first"], "top_ten": c["top_ten"]},
        "team_rank": team_rank(org=org, year=year),
        "national_entrants": c["national"],
        "model_workers": model_worker_counts(org=org, year=year),
        "craftsmen": {
            **{t.value: titles.get(t.value, 0) for t in CraftsmanAward.Title},
            "industries": industries,
        },
        "promotions": {
            "by_level": {lv.value: levels.get(lv.value, 0) for lv in Promotion.Level},
            "subsidy": money(subsidy),
        },
    }


def team_rank(*, org, year: int) -> int | None:
    """The best 团体名次 of the year's 自治区级 contests that the subtree entered (a contest is
    city-wide; the subtree's entries say it took part); None when none was given."""
    entered = Entry.objects.within(org).filter(contest__year=year, contest__level=Level.PROVINCIAL)
    return Contest.objects.filter(pk__in=entered.values("contest"), team_rank__isnull=False).aggregate(
        best=Min("team_rank")
    )["best"]


def model_worker_counts(*, org, year: int) -> dict:
    """`skills.model_workers`: titles awarded in the year (年度), every title present."""
    counts = dict(
        ModelWorker.objects.within(org).filter(year=year).values_list("title").annotate(n=Count("pk"))
    )
    return {t.value: counts.get(t.value, 0) for t in ModelWorkerTitle}


# -- pages ---------------------------------------------------------------------------------


def contests_for_user(user):
    """Every contest (a contest is city-wide: any district may enter it), with the number of
    its entries `user` sees (entries are scoped)."""
    counts = dict(Entry.objects.visible_to(user).values_list("contest").annotate(n=Count("pk")))
    contests = list(Contest.objects.order_by("-year", "level", "name"))
    for contest in contests:
        contest.visible_entries = counts.get(contest.pk, 0)
    return contests


def contest_get_for_user(*, user, pk) -> Contest:
    """A contest is city-wide: every user may open it (and enter a first contestant); its
    entries are scoped (contest_results)."""
    return get_object_or_404(Contest, pk=pk)


def contest_results(*, contest: Contest, user, trade=None):
    """The user's visible entries of a contest, by trade then rank (unranked last)."""
    qs = (
        Entry.objects.visible_to(user)
        .filter(contest=contest)
        .select_related("trade", "person", "employer", "organization")
        .order_by(
            "trade__name", F("rank").asc(nulls_last=True), F("score").desc(nulls_last=True), "person__name"
        )
    )
    if trade:
        qs = qs.filter(trade__name=trade)
    return qs


def entry_get_for_user(*, user, pk) -> Entry:
    return get_visible_or_404(Entry.objects.select_related("contest", "trade", "person"), user, pk=pk)


def awards_for_user(*, user, year: int):
    return (
        CraftsmanAward.objects.visible_to(user)
        .filter(year=year)
        .select_related("person", "employer", "industry", "organization")
        .order_by("title", "person__name")
    )


def award_years(user) -> list[int]:
    return list(
        CraftsmanAward.objects.visible_to(user).values_list("year", flat=True).distinct().order_by("-year")
    )


def promotions_for_user(*, user):
    return Promotion.objects.visible_to(user).select_related("person", "trade", "organization")


def promotions_of_person(*, user, id_number: str):
    """The promotions of the person of `id_number` that `user` may see (the search box's answer)."""
    return promotions_for_user(user=user).filter(person__id_number=id_number)


def promotion_get_for_user(*, user, pk) -> Promotion:
    return get_visible_or_404(
        Promotion.objects.select_related("person", "trade", "organization"), user, pk=pk
    )


def model_workers_for_user(*, user):
    return (
        ModelWorker.objects.visible_to(user)
        .select_related("person", "employer", "organization")
        .order_by("-year", "title", "person__name", "pk")
    )


def model_worker_get_for_user(*, user, pk) -> ModelWorker:
    return get_visible_or_404(
        ModelWorker.objects.select_related("person", "employer", "organization"), user, pk=pk
    )


def model_worker_summary(workers) -> list[tuple[str, int]]:
    """(title, n) of the listed titles, every title present, in the list's order of rank."""
    counts = dict(workers.order_by().values_list("title").annotate(n=Count("pk")))
    return [(t.value, counts.get(t.value, 0)) for t in ModelWorkerTitle]


MODEL_WORKER_HISTORY_FIELDS = ("title", "year", "employer_id", "organization_id")


def model_worker_history(worker: ModelWorker) -> list[dict]:
    return record_history(worker, MODEL_WORKER_HISTORY_FIELDS)


PROMOTION_HISTORY_FIELDS = ("trade_id", "level", "certified_on", "subsidy", "organization_id")


def promotion_history(promotion: Promotion) -> list[dict]:
    """Every change of the promotion (the subsidy is money) from its history rows."""
    return record_history(promotion, PROMOTION_HISTORY_FIELDS)


def promotion_summary(promotions) -> tuple[list, dict]:
    """Rows of (trade, {level: n}, total, subsidy) and the column totals, grouped in the database."""
    grouped = promotions.values_list("trade__name", "level").annotate(n=Count("pk"), s=Sum("subsidy"))
    grouped = remembered("skills:promotion_summary", grouped, list)
    rows: dict[str, dict] = {}
    totals = {"levels": dict.fromkeys(Promotion.Level.values, 0), "total": 0, "subsidy": 0}
    for trade, level, n, s in grouped:
        row = rows.setdefault(trade, {"trade": trade, "levels": dict.fromkeys(Promotion.Level.values, 0)})
        row["levels"][level] = n
        row["total"] = row.get("total", 0) + n
        row["subsidy"] = row.get("subsidy", 0) + (s or 0)
        totals["levels"][level] += n
        totals["total"] += n
        totals["subsidy"] += s or 0
    return [rows[k] for k in sorted(rows)], totals


def person_skill_roles(person, user) -> list:
    """The person's contests, awards, model-worker titles and promotions that `user` may see
    (for the person page)."""
    roles = []
    for e in Entry.objects.visible_to(user).filter(person=person).select_related("contest", "trade"):
        rank = _("第%(n)s名") % {"n": e.rank} if e.rank else _("未排名")
        roles.append(
            (
                _("技能竞赛"),
                reverse("skills:contest", args=[e.contest_id]),
                f"{e.contest.name} · {e.trade.name} · {rank}",
            )
        )
    for a in CraftsmanAward.objects.visible_to(user).filter(person=person):
        roles.append(
            (_("柳州工匠评选"), reverse("skills:awards") + f"?year={a.year}", f"{a.year}年 {a.title}")
        )
    for t in ModelWorker.objects.visible_to(user).filter(person=person).order_by("-year", "title"):
        roles.append((_("劳模"), reverse("skills:model_worker", args=[t.pk]), f"{t.year}年 {t.title}"))
    for p in Promotion.objects.visible_to(user).filter(person=person).select_related("trade"):
        roles.append(
            (
                _("技能晋升"),
                reverse("skills:promotion", args=[p.pk]),
                f"{p.trade.name} · {p.level} · {p.certified_on:%Y-%m-%d}",
            )
        )
    return roles


def promotion_rows(promotions):
    """The promotion records of a list: the latest certified first."""
    return promotions.order_by("-certified_on", "pk")
