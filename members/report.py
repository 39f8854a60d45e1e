"""The `members` section of the year-end report (annual-report.md, "members"): membership,
the key groups, the drives of the year and the chain campaigns, over an organization's subtree."""

import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from unionhub.reports.registry import Headline, Section

from .models import Drive, Employer, KeyGroup, Member, Transfer, TransferState
from .selectors import drive_progress, joinings, periods_at


def figures(*, org, year: int, as_of: datetime.date) -> dict:
    """Every figure from the membership periods (annual-report.md "members"): a report for a
    past day gives the same figures whatever was recorded later."""
    start = datetime.date(year, 1, 1)
    within = Q(organization__path__startswith=org.path)
    by_group = {group.value: {"total": 0, "joined": 0} for group in KeyGroup}
    total = 0
    for row in (
        periods_at(as_of).filter(within).values("member__key_group").annotate(n=Count("id")).order_by()
    ):
        total += row["n"]
        if row["member__key_group"] in by_group:
            by_group[row["member__key_group"]]["total"] = row["n"]
    joined = migrant_joined = 0
    rows = (
        joinings(start, as_of)
        .filter(within)
        .values("member__key_group", "member__is_migrant")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        joined += row["n"]
        migrant_joined += row["n"] if row["member__is_migrant"] else 0
        if row["member__key_group"] in by_group:
            by_group[row["member__key_group"]]["joined"] += row["n"]
    moves = Transfer.objects.filter(state=TransferState.ACCEPTED, date__range=(start, as_of)).aggregate(
        transferred_in=Count(
            "id",
            filter=Q(to_organization__path__startswith=org.path)
            & ~Q(from_organization__path__startswith=org.path),
        ),
        transferred_out=Count(
            "id",
            filter=Q(from_organization__path__startswith=org.path)
            & ~Q(to_organization__path__startswith=org.path),
        ),
    )
    return {
        "total": total,
        "joined": joined,
        "migrant_joined": migrant_joined,
        # The organization of a member who left is that of their last period: the one they left.
        "left": Member.objects.within(org).filter(leave_date__range=(start, as_of)).count(),
        "transferred_in": moves["transferred_in"],
        "transferred_out": moves["transferred_out"],
        "by_group": by_group,
        "drives": _drives(org, year, as_of),
        "chain": _chain(org, start, as_of),
    }


def _drives(org, year: int, as_of: datetime.date) -> list[dict]:
    """Drives ending in the year that had started by `as_of`, counted up to their end (or as_of)."""
    drives = (
        Drive.objects.within(org)
        .filter(end__year=year, start__lte=as_of)
        .select_related("organization")
        .order_by("start", "name")
    )
    out = []
    for drive in drives:
        p = drive_progress(drive, as_of=as_of)
        out.append(
            {
                "name": drive.name,
                "group": drive.key_group,
                "start": drive.start.isoformat(),
                "end": drive.end.isoformat(),
                "joined": p.joined,
                "join_rate": p.join_rate,
                "target_join_rate": float(drive.target_join_rate),
                "founding_rate": p.founding_rate,
                "target_founding_rate": float(drive.target_founding_rate),
                "met": p.met,
            }
        )
    return out


def _chain(org, start: datetime.date, as_of: datetime.date) -> dict:
    on_chain = Employer.objects.within(org).filter(lead__isnull=False)
    founded = on_chain.filter(
        ownership=Employer.Ownership.PRIVATE, has_union=True, union_founded_on__range=(start, as_of)
    )
    return {
        "lead_enterprises": on_chain.values("lead_id").distinct().count(),
        "enterprises_founded": founded.count(),
        # Joined in the year through those enterprises: the employer and organization of joining.
        "workers_joined": joinings(start, as_of)
        .filter(organization__path__startswith=org.path, employer__in=founded)
        .count(),
    }


def _drive_rates(f: dict) -> list[tuple[str, float | None]]:
    return [(f"{d['group']}入会率", d["join_rate"]) for d in f["drives"]]


def _propose(f: dict, previous: dict | None) -> str | None:
    """A drive that did better than both its targets is a breakthrough, as the seed says."""
    for d in f["drives"]:
        if (
            d["met"]
            and (d["join_rate"] or 0) > d["target_join_rate"]
            and (d["founding_rate"] or 0) > d["target_founding_rate"]
        ):
            return _("“%(name)s”取得突破") % {"name": d["name"]}
    if f["drives"] and all(d["met"] for d in f["drives"]):
        return _("入会集中行动全面完成任务")
    return None


SECTION = Section(
    figures=figures,
    labels={
        "total": (_("在会会员"), "名"),
        "joined": (_("本年新入会会员"), "名"),
        "migrant_joined": (_("其中农民工"), "名"),
        "left": (_("本年离会会员"), "名"),
        "transferred_in": (_("本年转入会员"), "名"),
        "transferred_out": (_("本年转出会员"), "名"),
        "by_group": (_("重点群体"), ""),
        "by_group.*.total": (_("在会会员"), "名"),
        "by_group.*.joined": (_("本年新入会"), "名"),
        "drives": (_("入会集中行动"), ""),
        "drives[].group": (_("群体"), ""),
        "drives[].start": (_("开始日期"), ""),
        "drives[].end": (_("结束日期"), ""),
        "drives[].joined": (_("行动期间入会"), "名"),
        "drives[].join_rate": (_("入会率"), "%"),
        "drives[].target_join_rate": (_("目标入会率"), "%"),
        "drives[].founding_rate": (_("建会率"), "%"),
        "drives[].target_founding_rate": (_("目标建会率"), "%"),
        "drives[].met": (_("是否达标"), ""),
        "chain": (_("产业链联建联创"), ""),
        "chain.lead_enterprises": (_("“龙头”企业"), "家"),
        "chain.enterprises_founded": (_("链上非公企业本年建会"), "家"),
        "chain.workers_joined": (_("链上企业吸纳职工入会"), "人"),
    },
    headline=(
        Headline("total"),
        Headline("joined"),
        Headline("migrant_joined"),
        Headline("left"),
        Headline("chain.enterprises_founded"),
        Headline(value=_drive_rates, unit="%", many=True, rank=True),
    ),
    propose=_propose,
    yearly=("total", "joined", "drives"),
    records={"members.Member": "members:detail"},
)
