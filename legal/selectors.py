"""Reads of the legal-aid area: scoped querysets for the pages and the report's figures."""

import datetime

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from unionhub.core.history import record_history
from unionhub.orgs.scoping import get_visible_or_404
from unionhub.people.registry import record_roles
from unionhub.reports.numbers import money

from .models import (
    ARBITRATION_LIMIT,
    LAWYER_HANDLINGS,
    Case,
    Cause,
    CollectiveContract,
    ContractKind,
    Lawyer,
    MonitoringReport,
    ReportKind,
    Risk,
    Status,
)


def legal_figures(*, org, year: int, as_of: datetime.date) -> dict:
    """The `legal` figures of annual-report.md: cases received in the year on or before `as_of`
    in `org`'s subtree (money recovered counts for those cases whatever their status)."""
    cases = Case.objects.within(org).filter(received_on__year=year, received_on__lte=as_of)
    lawyer = Q(handling__in=LAWYER_HANDLINGS)
    f = cases.aggregate(
        n_cases=Count("pk"),
        n_persons=Sum("persons", default=0),
        n_migrants=Sum("migrants", default=0),
        n_groups=Count("pk", filter=Q(is_group=True)),
        n_group_persons=Sum("persons", filter=Q(is_group=True), default=0),
        n_lawyer=Count("pk", filter=lawyer),
        n_lawyer_migrant=Count("pk", filter=lawyer & Q(migrants__gt=0)),
        total_recovered=Sum("recovered"),
    )
    by_cause = dict(cases.values_list("cause").annotate(n=Count("pk")))
    return {
        "cases": f["n_cases"],
        "persons": f["n_persons"],
        "migrant_persons": f["n_migrants"],
        "group_visits": f["n_groups"],
        "group_persons": f["n_group_persons"],
        "lawyer_cases": f["n_lawyer"],
        "lawyer_cases_migrant": f["n_lawyer_migrant"],
        "by_cause": {c.value: by_cause.get(c.value, 0) for c in Cause},
        "recovered": money(f["total_recovered"]),
        "contracts": contract_figures(org=org, year=year, as_of=as_of),
        "monitoring": monitoring_figures(org=org, year=year, as_of=as_of),
    }


def contract_figures(*, org, year: int, as_of: datetime.date) -> dict:
    """`legal.contracts`: contracts signed in the year up to `as_of`, by kind; those in force at
    `as_of` (signed on or before it, 期满日期 after it, whatever year they were signed) and the
    workers and employers they cover. One query."""
    signed_q = Q(signed_on__year=year, signed_on__lte=as_of)
    in_force_q = Q(signed_on__lte=as_of, expires_on__gt=as_of)
    kinds = {f"kind_{i}": Count("pk", filter=signed_q & Q(kind=k)) for i, k in enumerate(ContractKind)}
    f = (
        CollectiveContract.objects.within(org)
        .filter(signed_q | in_force_q)
        .aggregate(
            signed=Count("pk", filter=signed_q),
            in_force=Count("pk", filter=in_force_q),
            workers=Sum("workers_covered", filter=in_force_q, default=0),
            employers=Sum("employers_covered", filter=in_force_q, default=0),
            **kinds,
        )
    )
    return {
        "signed": f["signed"],
        "by_kind": {k.value: f[f"kind_{i}"] for i, k in enumerate(ContractKind)},
        "in_force": f["in_force"],
        "workers_covered": f["workers"],
        "employers_covered": f["employers"],
    }


def monitoring_figures(*, org, year: int, as_of: datetime.date) -> dict:
    """`legal.monitoring`: reports sent in the year up to `as_of`, by kind, and the 重大 ones.
    One query."""
    kinds = {f"kind_{i}": Count("pk", filter=Q(kind=k)) for i, k in enumerate(ReportKind)}
    f = (
        MonitoringReport.objects.within(org)
        .filter(sent_on__year=year, sent_on__lte=as_of)
        .aggregate(n=Count("pk"), serious=Count("pk", filter=Q(risk=Risk.SERIOUS)), **kinds)
    )
    return {
        "reports": f["n"],
        "by_kind": {k.value: f[f"kind_{i}"] for i, k in enumerate(ReportKind)},
        "serious": f["serious"],
    }


# -- pages ---------------------------------------------------------------------------------


def cases_for_user(user):
    """The user's cases for lists: joined for display, the note column never loaded."""
    return Case.objects.visible_to(user).select_related("organization", "lawyer").defer("note")


def case_get_for_user(*, user, pk) -> Case:
    return get_visible_or_404(Case.objects.select_related("organization", "lawyer", "applicant"), user, pk=pk)


# The fields whose changes the case's page lists (before → after); the note is left out: its
# text may be long and sensitive, the page shows its current text.
HISTORY_FIELDS = (
    "received_on",
    "dispute_on",
    "channel",
    "is_group",
    "persons",
    "migrants",
    "applicant_name",
    "employer_name",
    "cause",
    "handling",
    "lawyer_id",
    "status",
    "closed_on",
    "recovered",
    "organization_id",
)


def case_history(case: Case) -> list[dict]:
    """Every change of the case from its history rows (forms, imports and bulk updates alike)."""
    return record_history(case, HISTORY_FIELDS)


def case_timeline(case: Case):
    return case.events.select_related("by")


def cases_near_limit(*, user, today: datetime.date, within_days: int = 60):
    """Open cases whose one-year arbitration limit (from the dispute, or intake when the dispute
    date is unknown) falls within `within_days` from `today` or has just passed (30 days)."""
    start = today - ARBITRATION_LIMIT - datetime.timedelta(days=30)
    end = today - ARBITRATION_LIMIT + datetime.timedelta(days=within_days)
    qs = cases_for_user(user).exclude(status=Status.CLOSED)
    qs = qs.filter(
        Q(dispute_on__isnull=False, dispute_on__range=(start, end))
        | Q(dispute_on__isnull=True, received_on__range=(start, end))
    )
    cases = sorted(qs, key=lambda c: c.arbitration_deadline)
    for c in cases:
        c.days_left = (c.arbitration_deadline - today).days
    return cases


def lawyers_for_user(user):
    """Lawyers with the counts of the user's open and closed cases they handle."""
    visible = Case.objects.visible_to(user)
    counts = {
        row["lawyer"]: row
        for row in visible.filter(lawyer__isnull=False)
        .values("lawyer")
        .annotate(
            open=Count("pk", filter=~Q(status=Status.CLOSED)),
            closed=Count("pk", filter=Q(status=Status.CLOSED)),
            recovered=Sum("recovered"),
        )
    }
    lawyers = list(Lawyer.objects.all())
    for lawyer in lawyers:
        row = counts.get(lawyer.pk, {})
        lawyer.open_cases = row.get("open", 0)
        lawyer.closed_cases = row.get("closed", 0)
        lawyer.recovered = row.get("recovered") or 0
    return lawyers


def person_case_roles(person, user) -> list:
    return record_roles(
        _("维权案件"),
        "legal:case",
        Case.objects.visible_to(user).filter(applicant=person).defer("note"),
        lambda c: f"{c.number} · {c.received_on:%Y-%m-%d} · {c.cause} · {c.status}",
    )


# -- collective contracts and monitoring reports (pages) --------------------------------------

EXPIRING_WITHIN = datetime.timedelta(days=90)
CONTRACT_HISTORY_FIELDS = (
    "kind",
    "signing",
    "employer_id",
    "employers_covered",
    "workers_covered",
    "signed_on",
    "expires_on",
    "organization_id",
)
MONITORING_HISTORY_FIELDS = ("sent_on", "kind", "title", "employers", "risk", "organization_id")


def contracts_for_user(user):
    return CollectiveContract.objects.visible_to(user).select_related("employer", "organization")


def contract_get_for_user(*, user, pk) -> CollectiveContract:
    return get_visible_or_404(contracts_for_user(user), user, pk=pk)


def contract_covered(contract: CollectiveContract):
    """The employers listed as covered (for 单独签订: its employer)."""
    listed = list(contract.covered.select_related("organization").order_by("name"))
    if contract.employer_id and contract.employer not in listed:
        listed.insert(0, contract.employer)
    return listed


def contract_history(contract: CollectiveContract) -> list[dict]:
    return record_history(contract, CONTRACT_HISTORY_FIELDS)


def contracts_expiring(*, user, today: datetime.date, within: datetime.timedelta = EXPIRING_WITHIN):
    """Contracts in force today whose 期满日期 falls within `within` (90 days): to renegotiate."""
    contracts = list(
        contracts_for_user(user)
        .filter(signed_on__lte=today, expires_on__gt=today, expires_on__lte=today + within)
        .order_by("expires_on", "number")
    )
    for c in contracts:
        c.days_left = (c.expires_on - today).days
    return contracts


def monitoring_for_user(user):
    return MonitoringReport.objects.visible_to(user).select_related("organization")


def monitoring_get_for_user(*, user, pk) -> MonitoringReport:
    return get_visible_or_404(monitoring_for_user(user), user, pk=pk)


def monitoring_history(report: MonitoringReport) -> list[dict]:
    return record_history(report, MONITORING_HISTORY_FIELDS)
