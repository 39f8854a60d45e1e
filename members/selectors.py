"""Reads of the members work area, each scoped to a user or an organization's subtree."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from unionhub.core.pending import PendingGroup, PendingItem
from unionhub.core.search import Kind, classify
from unionhub.orgs.models import Organization
from unionhub.orgs.scoping import get_visible_or_404, org_visible_to
from unionhub.people.models import Person
from unionhub.reports.numbers import rate

from .models import Drive, Employer, Industry, Member, MembershipPeriod, Transfer, TransferState

ACTIVE = Member.Status.ACTIVE


# --- membership over time --------------------------------------------------------------------


def periods_at(day: datetime.date):
    """The membership periods of `day`: one per member who was in on that day (start <= day <
    end), at the organization and employer of that day."""
    return MembershipPeriod.objects.filter(start__lte=day).filter(Q(end__isnull=True) | Q(end__gt=day))


def joinings(first: datetime.date, last: datetime.date):
    """The first periods of the members who joined between the two days (inclusive): each at the
    organization and employer the member joined."""
    return MembershipPeriod.objects.filter(transfer__isnull=True, start__range=(first, last))


def _period_scope(user, qs):
    if user.is_superuser:
        return qs
    if not user.is_authenticated or user.organization_id is None:
        return qs.none()
    return qs.filter(organization__path__startswith=user.organization.path)


# --- lists -----------------------------------------------------------------------------------


def name_matches(query: str, field: str = "person__name") -> Q:
    """A name search: one character is a surname (the start of the name); two are the start or
    the end of a name (张伟…, …建国: a given name); three or more anywhere in it. Each is served
    by an index of people_person.name at a million people: the varchar_pattern_ops b-tree for the
    start, pg_trgm's GIN for the end and the substring (a trigram needs three characters, or two
    at the end of the name)."""
    if len(query) == 1:
        return Q(**{f"{field}__startswith": query})
    if len(query) == 2:
        return Q(**{f"{field}__startswith": query}) | Q(**{f"{field}__endswith": query})
    return Q(**{f"{field}__contains": query})


def member_list(*, user, query: str = ""):
    """The members `user` may see, narrowed by the search box: an ID number (exact), a mobile
    number (exact), an employer's credit code (exact) or a name (name_matches); other digits are
    a mistyped ID number and match nobody."""
    qs = Member.objects.visible_to(user).select_related("person", "organization", "employer")
    q = classify(query)
    match q.kind:
        case Kind.EMPTY:
            return qs
        case Kind.ID_NUMBER | Kind.ID_LIKE:
            return qs.filter(person__id_number=q.value)
        case Kind.PHONE:
            return qs.filter(person__phone=q.value)
        case Kind.CREDIT_CODE:
            return qs.filter(employer__credit_code=q.value)
    if len(q.value) == 2:
        # Two characters: the people first, then their members. As one join, a rare name the
        # planner takes for 2% of the city (罗家) made it walk the join-date index for the first
        # page: 1.3 s against 16 ms this way (docs/benchmarks.md, name search).
        people = Person.objects.filter(name_matches(q.value, field="name")).values_list("id", flat=True)
        ids = list(people[: NAME_IDS_CAP + 1])
        if len(ids) <= NAME_IDS_CAP:
            return qs.filter(person_id__in=ids)
    return qs.filter(name_matches(q.value))


NAME_IDS_CAP = 5000  # past it, the join (a common name: its first page comes quickly either way)


def employer_list(*, user, query: str = ""):
    qs = Employer.objects.visible_to(user).select_related("organization", "industry", "lead")
    q = classify(query)
    if not q:
        return qs
    if q.kind is Kind.CREDIT_CODE:
        return qs.filter(credit_code=q.value)
    return qs.filter(name__contains=q.value)


def member_get_for_user(*, user, pk) -> Member:
    return get_visible_or_404(
        Member.objects.select_related("person", "organization", "employer__industry"), user, pk=pk
    )


def employer_get_for_user(*, user, pk) -> Employer:
    return get_visible_or_404(
        Employer.objects.select_related("organization", "industry", "lead"), user, pk=pk
    )


def lead_visible(*, user, employer: Employer) -> bool:
    """The employer's lead enterprise (链主) is one `user` may open."""
    return bool(employer.lead_id) and Employer.objects.visible_to(user).filter(pk=employer.lead_id).exists()


def industries_with_employers():
    return Industry.objects.annotate(employers=Count("employer")).order_by("id")


def member_counts_by_employer(employer_ids) -> dict[int, int]:
    """Members 在会 of each employer: one grouped query for a page of employers."""
    rows = (
        Member.objects.filter(employer_id__in=list(employer_ids), status=ACTIVE)
        .values("employer_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {r["employer_id"]: r["n"] for r in rows}


def person_member_roles(person, user) -> list:
    """The person's membership, for the person page, when it lies in `user`'s subtree."""
    member = Member.objects.filter(person=person).select_related("organization").first()
    if member is None or not org_visible_to(user, member.organization):
        return []
    return [
        (
            _("会员"),
            reverse("members:detail", args=[member.pk]),
            f"{member.organization.name} · {member.get_status_display()} · {member.join_date:%Y-%m-%d}"
            + _("入会"),
        )
    ]


# --- drives ----------------------------------------------------------------------------------


@dataclass
class DriveProgress:
    drive: Drive
    cut: datetime.date  # figures count records up to this day: the drive's end, or as_of if sooner
    joined: int
    group_active: int
    join_rate: float | None
    employers: int
    founded: int
    founding_rate: float | None

    @property
    def join_met(self) -> bool:
        return self.join_rate is not None and self.join_rate >= float(self.drive.target_join_rate)

    @property
    def founding_met(self) -> bool:
        return self.founding_rate is not None and self.founding_rate >= float(self.drive.target_founding_rate)

    @property
    def met(self) -> bool:
        return self.join_met and self.founding_met


def drive_progress(drive: Drive, *, as_of: datetime.date) -> DriveProgress:
    """A drive's figures, live from the records of its organization's subtree (two queries):
    members of the group who joined in the period, the group's join rate against its population,
    and the founding rate of its industry's employers, all counted up to the end or `as_of`."""
    return drives_progress([drive], as_of=as_of)[0]


def drives_progress(drives, *, as_of: datetime.date) -> list[DriveProgress]:
    """drive_progress of a page of drives in two queries whatever their number: one conditional
    count per figure and drive, over the members of the drives' key groups and the employers of
    their industries (the member_group_join and employer_industry_union indexes)."""
    drives = list(drives)
    if not drives:
        return []
    m_aggs, e_aggs = {}, {}
    for d in drives:
        cut = min(d.end, as_of)
        within = Q(organization__path__startswith=d.organization.path)
        group = within & Q(member__key_group=d.key_group)
        # Joined in the period at an organization of the drive's subtree; in that subtree on `cut`.
        m_aggs[f"joined_{d.pk}"] = Count(
            "id", filter=group & Q(transfer__isnull=True, start__range=(d.start, cut))
        )
        m_aggs[f"active_{d.pk}"] = Count(
            "id", filter=group & Q(start__lte=cut) & (Q(end__isnull=True) | Q(end__gt=cut))
        )
        industry = within & Q(industry_id=d.industry_id)
        e_aggs[f"total_{d.pk}"] = Count("id", filter=industry)
        e_aggs[f"founded_{d.pk}"] = Count(
            "id", filter=industry & Q(has_union=True, union_founded_on__lte=cut)
        )
    m = MembershipPeriod.objects.filter(member__key_group__in={d.key_group for d in drives}).aggregate(
        **m_aggs
    )
    e = Employer.objects.filter(industry_id__in={d.industry_id for d in drives}).aggregate(**e_aggs)
    return [
        DriveProgress(
            drive=d,
            cut=min(d.end, as_of),
            joined=m[f"joined_{d.pk}"],
            group_active=m[f"active_{d.pk}"],
            join_rate=rate(m[f"active_{d.pk}"], d.population),
            employers=e[f"total_{d.pk}"],
            founded=e[f"founded_{d.pk}"],
            founding_rate=rate(e[f"founded_{d.pk}"], e[f"total_{d.pk}"]),
        )
        for d in drives
    ]


def drives_visible(*, user):
    return Drive.objects.visible_to(user).select_related("organization", "industry")


# --- chain campaigns -------------------------------------------------------------------------


def chain_leads(*, user):
    """Lead enterprises (链主企业) the user may see that have at least one visible employer on
    their chain. A lead of another subtree is not listed, even when an employer of the user's
    subtree is on its chain: its name and figures are that subtree's."""
    chains = Employer.objects.visible_to(user).filter(lead__isnull=False)
    return (
        Employer.objects.visible_to(user)
        .filter(pk__in=chains.values("lead_id"))
        .select_related("organization", "industry")
        .order_by("name")
    )


def chain_figures(*, user, lead_ids, year: int, as_of: datetime.date) -> dict[int, dict]:
    """Per lead enterprise: employers on its chain (visible to `user`), those of them with a
    union, the 非公 ones that founded one in `year` up to `as_of`, and the workers who joined
    those in the year. Two grouped queries for a page of leads."""
    start = datetime.date(year, 1, 1)
    founded_q = Q(
        ownership=Employer.Ownership.PRIVATE, has_union=True, union_founded_on__range=(start, as_of)
    )
    chains = Employer.objects.visible_to(user).filter(lead_id__in=list(lead_ids))
    out = {pk: {"chain": 0, "with_union": 0, "founded": 0, "workers": 0} for pk in lead_ids}
    for row in (
        chains.values("lead_id")
        .annotate(
            chain=Count("id"),
            with_union=Count("id", filter=Q(has_union=True)),
            founded=Count("id", filter=founded_q),
        )
        .order_by()
    ):
        out[row["lead_id"]].update(chain=row["chain"], with_union=row["with_union"], founded=row["founded"])
    workers = (
        _period_scope(user, joinings(start, as_of))
        .filter(employer__in=chains.filter(founded_q))
        .values("employer__lead_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in workers:
        out[row["employer__lead_id"]]["workers"] = row["n"]
    return out


CHAIN_SHOWN = 10


def chain_members_of(*, user, leads, year: int, as_of: datetime.date) -> dict[int, list]:
    """For a page of leads: the first CHAIN_SHOWN employers of each chain (the latest founded
    first), each with `founded_in_year` and `workers_joined` (members who joined it in the year
    up to as_of). Two queries."""
    start = datetime.date(year, 1, 1)
    ranked = (
        Employer.objects.visible_to(user)
        .filter(lead__in=list(leads))
        .select_related("organization")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("lead_id")],
                order_by=[F("union_founded_on").desc(nulls_last=True), F("name").asc()],
            )
        )
        .filter(rank__lte=CHAIN_SHOWN)
        .order_by("lead_id", "rank")
    )
    rows = list(ranked)
    workers = dict(
        _period_scope(user, joinings(start, as_of))
        .filter(employer__in=[e.pk for e in rows])
        .values("employer_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("employer_id", "n")
    )
    out: dict[int, list] = {}
    for e in rows:
        e.founded_in_year = bool(e.has_union and e.union_founded_on and start <= e.union_founded_on <= as_of)
        e.workers_joined = workers.get(e.pk, 0)
        out.setdefault(e.lead_id, []).append(e)
    return out


def chain_members(*, user, lead: Employer):
    return (
        Employer.objects.visible_to(user)
        .filter(lead=lead)
        .select_related("organization", "industry")
        .order_by("-union_founded_on", "name")
    )


# --- transfers -------------------------------------------------------------------------------


def transfers_visible(*, user):
    """Transfers whose sending or receiving organization lies in `user`'s subtree."""
    qs = Transfer.objects.select_related(
        "member__person", "from_organization", "to_organization", "new_employer"
    )
    if user.is_superuser:
        return qs
    if not user.is_authenticated or user.organization_id is None:
        return qs.none()
    path = user.organization.path
    return qs.filter(Q(from_organization__path__startswith=path) | Q(to_organization__path__startswith=path))


def transfer_inbox(*, user):
    """转接待办: transfers waiting for `user`'s side to accept or decline."""
    qs = transfers_visible(user=user).filter(state=TransferState.PENDING)
    if user.is_superuser:
        return qs
    return qs.filter(to_organization__path__startswith=user.organization.path)


def transfer_outbox(*, user):
    """Transfers `user`'s side started that the receiving side has not settled yet."""
    qs = transfers_visible(user=user).filter(state=TransferState.PENDING)
    if user.is_superuser:
        return qs
    return qs.filter(from_organization__path__startswith=user.organization.path)


def transfer_sides(transfer: Transfer, user) -> dict:
    """Which side `user` is on: a sender sees the member; a receiver sees only the name and the
    masked ID number until the transfer is accepted."""
    sends = org_visible_to(user, transfer.from_organization)
    receives = org_visible_to(user, transfer.to_organization)
    return {"sends": sends, "receives": receives}


def member_periods(member: Member):
    return member.periods.select_related("organization", "employer", "transfer").order_by("start", "pk")


PENDING_SHOWN = 5  # items per group on the home page


def pending_work(user) -> list:
    """The home page's 转接待办: transfers waiting for the user's side (unionhub.core.pending)."""
    if not user.has_perm("members.view_transfer") or (not user.is_superuser and user.organization_id is None):
        return []
    inbox = transfer_inbox(user=user).order_by("date", "pk")
    items = [
        PendingItem(
            # The receiving side knows only the name and the masked ID number before accepting.
            label=f"{t.member.person.name}({t.member.person.masked_id})",
            url=reverse("members:transfer", args=[t.pk]),
            note=_("%(from)s转入,转接日期%(day)s")
            % {"from": t.from_organization.name, "day": t.date.isoformat()},
        )
        for t in inbox[:PENDING_SHOWN]
    ]
    count = inbox.count() if len(items) == PENDING_SHOWN else len(items)
    return [PendingGroup(_("转接待办"), count, items, reverse("members:transfers"))]


# --- what the pages read (the views parse and render) ----------------------------------------


def member_rows(*, user, query: str = ""):
    """The member list: `member_list`, the latest joined first."""
    return member_list(user=user, query=query).order_by("-join_date", "-id")


def employer_rows(*, user, query: str = ""):
    """The employer list: `employer_list` by name."""
    return employer_list(user=user, query=query).order_by("name", "id")


def member_transfers(member: Member) -> list[Transfer]:
    """A member's transfers, for its page."""
    return list(
        member.transfers.select_related(
            "from_organization", "to_organization", "new_employer", "started_by", "decided_by"
        )
    )


def member_visible(*, user, pk) -> bool:
    return Member.objects.visible_to(user).filter(pk=pk).exists()


def transfer_destinations():
    """The organizations a transfer may go to (any of the city), for the form's list."""
    return Organization.objects.order_by("path").only("name", "code")[:3000]


def transfer_get_for_user(*, user, pk) -> Transfer:
    return get_object_or_404(transfers_visible(user=user), pk=pk)


def transfer_lists(*, user, shown: int = 200) -> tuple[list, list, object]:
    """The transfers page: what waits for this side (the inbox) and what it started, the oldest
    first (`shown` of each), and the settled ones, the latest first."""
    return (
        list(transfer_inbox(user=user).order_by("date", "pk")[:shown]),
        list(transfer_outbox(user=user).order_by("date", "pk")[:shown]),
        transfers_visible(user=user).exclude(state=TransferState.PENDING).order_by("-decided_at", "-pk"),
    )


def drive_rows(*, user):
    """The drives list: the latest started first."""
    return drives_visible(user=user).order_by("-start", "name")


def drive_get_for_user(*, user, pk) -> Drive:
    return get_visible_or_404(Drive, user, pk=pk)
