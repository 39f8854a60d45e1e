"""Reads of the relief area: the report's figures, the lists and pages, and history."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from unionhub.core.dates import today
from unionhub.core.history import record_history
from unionhub.core.pending import PendingGroup, PendingItem
from unionhub.orgs.scoping import get_visible_or_404, visible_orgs
from unionhub.people.registry import record_roles
from unionhub.reports.numbers import money

from .models import (
    UNIT_KINDS,
    CareService,
    Category,
    FileAttachment,
    FileState,
    HardshipFile,
    HomeVisit,
    Payment,
    ProgramKind,
    ReliefProgram,
    ServiceKind,
)

# -- the report ---------------------------------------------------------------------------------


def relief_figures(*, org, year: int, as_of: datetime.date) -> dict:
    """The `relief` figures of annual-report.md over `org`'s subtree, as of `as_of`."""
    start = datetime.date(year, 1, 1)
    end = min(as_of, datetime.date(year, 12, 31))
    files = HardshipFile.objects.within(org)
    open_files = files.open_at(as_of)
    by_category = dict(open_files.values_list("category").annotate(n=Count("pk")))
    counts = files.aggregate(
        new=Count("pk", filter=Q(filed_on__range=(start, end))),
        exited=Count("pk", filter=Q(exited_on__range=(start, end))),
    )
    # A notice that ended before today without objection is 已认定 on its last day, whether or
    # not it has been settled yet (services.notices_settle): the figure is the same either way.
    verified = open_files.filter(
        Q(verified_on__lte=as_of)
        | Q(state=FileState.NOTICE, notice_until__lt=today(), notice_until__lte=as_of)
    ).count()

    payments = Payment.objects.within(org).filter(program__year=year, paid_on__lte=as_of)
    per_kind = {
        row["program__kind"]: row
        for row in payments.values("program__kind").annotate(
            persons=Count("person", distinct=True),
            units=Count("unit", distinct=True),
            cash_total=Sum("cash"),
            goods_total=Sum("goods"),
            reached=Sum("people_reached"),
        )
    }
    programs = {}
    for kind in ProgramKind:
        row = per_kind.get(kind.value, {})
        programs[kind.value] = {
            "recipients": (row.get("persons") or 0) + (row.get("units") or 0),
            "cash": money(row.get("cash_total")),
            "goods": money(row.get("goods_total")),
            "people_reached": (row.get("reached") or 0) if kind in UNIT_KINDS else 0,
        }

    services = CareService.objects.within(org).filter(start__range=(start, end))
    per_service = {
        row["kind"]: row
        for row in services.values("kind").annotate(
            n_points=Count("point", distinct=True), times=Sum("person_times")
        )
    }
    care = {
        kind.value: {
            "points": per_service[kind.value]["n_points"],
            "person_times": per_service[kind.value]["times"],
        }
        for kind in ServiceKind
        if kind.value in per_service
    }
    return {
        "files": {
            "by_category": {c.value: by_category.get(c.value, 0) for c in Category},
            "new": counts["new"],
            "verified": verified,
            "exited": counts["exited"],
        },
        "programs": programs,
        "care": care,
    }


# -- pages --------------------------------------------------------------------------------------


def files_for_user(user):
    return HardshipFile.objects.visible_to(user).select_related("person", "organization")


def files_of_person(user, id_number: str):
    """The files of the person of `id_number` that `user` may see (the search box's answer)."""
    return files_for_user(user).filter(person__id_number=id_number)


def other_files(file: HardshipFile, user):
    """The person's other files that `user` may see (a file of another year)."""
    return files_for_user(user).filter(person_id=file.person_id).exclude(pk=file.pk)


def file_attachments(file: HardshipFile):
    return file.attachments.select_related("uploaded_by")


def file_get_for_user(*, user, pk) -> HardshipFile:
    return get_visible_or_404(
        HardshipFile.objects.select_related("person", "organization", "state_changed_by"), user, pk=pk
    )


def household_payments(file: HardshipFile, user):
    """Every payment the file's person received that the user may see, from any file."""
    return (
        Payment.objects.visible_to(user)
        .filter(person_id=file.person_id)
        .select_related("program", "organization")
        .order_by("-paid_on", "-pk")
    )


def programs_listed(user):
    """The programs page: programs_usable_by with their organizations."""
    return programs_usable_by(user).select_related("organization")


def programs_usable_by(user):
    """Programs a user pays from and may open: those of their subtree and of the organizations
    above them (a city program is paid out by the districts)."""
    if user.is_superuser:
        return ReliefProgram.objects.all()
    org = user.organization
    if org is None:
        return ReliefProgram.objects.none()
    above = [code for code in org.path.split("/") if code]
    return ReliefProgram.objects.filter(
        Q(organization__path__startswith=org.path) | Q(organization__code__in=above)
    )


def program_get_for_user(*, user, pk) -> ReliefProgram:
    program = programs_usable_by(user).select_related("organization").filter(pk=pk).first()
    if program is None:
        raise Http404
    return program


def program_summary(program: ReliefProgram, user) -> dict:
    """Spent against the budget over the whole program, and what the user's subtree paid."""
    mine = Payment.objects.visible_to(user).filter(program=program)
    totals = mine.aggregate(
        n=Count("pk"),
        persons=Count("person", distinct=True),
        units=Count("unit", distinct=True),
        cash=Sum("cash", default=0),
        goods=Sum("goods", default=0),
        reached=Sum("people_reached", default=0),
    )
    return {
        "recipients": totals["persons"] + totals["units"],
        "payments": totals["n"],
        "cash": totals["cash"],
        "goods": totals["goods"],
        "reached": totals["reached"],
        "spent_pct": (program.spent * 100 / program.budget) if program.budget else None,
    }


def payments_for_user(user):
    return Payment.objects.visible_to(user).select_related("program", "person", "unit", "organization")


def program_payments(program: ReliefProgram, user):
    """The program's payments that `user` may see."""
    return payments_for_user(user).filter(program=program)


def payment_get_for_user(*, user, pk) -> Payment:
    return get_visible_or_404(
        Payment.objects.select_related("program", "person", "unit", "file", "organization", "created_by"),
        user,
        pk=pk,
    )


def services_for_user(user):
    return CareService.objects.visible_to(user).select_related("organization")


def service_get_for_user(*, user, pk) -> CareService:
    return get_visible_or_404(CareService.objects.select_related("organization"), user, pk=pk)


def org_choices(user):
    return visible_orgs(user).order_by("path")


# -- history ------------------------------------------------------------------------------------

PROGRAM_FIELDS = ("budget", "cap", "organization_id")  # not `spent`: it moves with every payment
PAYMENT_FIELDS = ("cash", "goods", "paid_on", "people_reached", "note", "organization_id")
FILE_FIELDS = (
    "category",
    "cause",
    "household_size",
    "income_per_head",
    "organization_id",
    "filed_on",
    "state",
    "verified_on",
    "exited_on",
    "reviewed_on",
    "notice_until",
)


def history(obj, fields: tuple[str, ...]) -> list[dict]:
    """The record's history from its pghistory events: when, who, what action and why, and
    each field that changed (before → after)."""
    return record_history(obj, fields)


def person_relief_roles(person, user) -> list[tuple[str, str, str]]:
    """The person's hardship files that `user` may see, for the person's page."""
    files = HardshipFile.objects.visible_to(user).filter(person=person).select_related("organization")
    return record_roles(
        _("困难职工档案"),
        "relief:file",
        files,
        lambda f: f"{f.filed_on:%Y}年 · {f.category} · {f.state} · {f.organization}",
    )


# -- pending work (the home page, unionhub.core.pending) ----------------------------------------

PENDING_SHOWN = 5


def files_to_visit(user):
    """待核查: pending files of the user's subtree with no home visit yet."""
    visited = HomeVisit.objects.filter(file=OuterRef("pk"))
    return files_for_user(user).filter(state=FileState.PENDING).exclude(Exists(visited))


def files_to_review(user):
    """待复核: visited pending files this user may review (not filed, nor last changed, by them)."""
    visited = HomeVisit.objects.filter(file=OuterRef("pk"))
    return (
        files_for_user(user)
        .filter(Exists(visited), state=FileState.PENDING)
        .exclude(filed_by=user)
        .exclude(facts_changed_by=user)
    )


def files_on_notice(user):
    return files_for_user(user).filter(state=FileState.NOTICE, notice_until__gte=today())


def _group(title, qs, note, state):
    rows = list(qs.order_by("filed_on", "pk")[:PENDING_SHOWN])
    items = [
        PendingItem(
            label=f"{f.person.name}({f.person.masked_id})",
            url=reverse("relief:file", args=[f.pk]),
            note=note(f),
        )
        for f in rows
    ]
    count = qs.count() if len(rows) == PENDING_SHOWN else len(rows)
    return PendingGroup(title, count, items, reverse("relief:files") + "?" + urlencode({"state": state}))


def pending_work(user) -> list[PendingGroup]:
    """待核查, 待复核 (for staff who may move files) and 公示中, in the user's subtree."""
    if not user.has_perm("relief.view_hardshipfile"):
        return []
    groups = []
    if user.has_perm("relief.change_hardshipfile"):
        groups.append(
            _group(
                _("待核查"),
                files_to_visit(user),
                lambda f: _("%(day)s建档") % {"day": f.filed_on.isoformat()},
                FileState.PENDING,
            )
        )
        groups.append(
            _group(
                _("待复核"), files_to_review(user), lambda f: _("已入户核查,待复核认定"), FileState.PENDING
            )
        )
    groups.append(
        _group(
            _("公示中"),
            files_on_notice(user),
            lambda f: _("公示至%(day)s") % {"day": f.notice_until.isoformat()},
            FileState.NOTICE,
        )
    )
    return groups


def file_visits(file: HardshipFile):
    return file.visits.select_related("recorded_by", "attachment")


def attachment_get_for_user(*, user, pk) -> FileAttachment:
    """An attachment of a file `user` may see; another subtree's is a 404."""
    return get_visible_or_404(FileAttachment, user, pk=pk)
