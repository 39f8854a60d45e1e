"""Writes of the legal-aid area: intake, changes, status steps; each one a timeline event.

Every change of a case is also snapshotted by django-pghistory's triggers (CaseSnapshot), so
imports and bulk updates are covered too; the timeline is the human-readable account."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from unionhub.people.models import Person
from unionhub.people.services import person_resolve

from .models import Case, CaseEvent, Lawyer, Status

# Forward steps only: a closed case stays closed (re-open it by a new case).
TRANSITIONS = {
    Status.RECEIVED: {Status.IN_PROGRESS, Status.CLOSED},
    Status.IN_PROGRESS: {Status.CLOSED},
    Status.CLOSED: set(),
}


def applicant_resolve(*, name: str, id_number: str, by=None) -> Person | None:
    """The applicant's person record (none without an ID number): people.person_resolve."""
    if not id_number:
        return None
    return person_resolve(
        id_number=id_number, name=name, by=by, id_field="applicant_id_number", name_field="applicant_name"
    )


def lawyer_get_or_create(*, name: str) -> Lawyer:
    lawyer, _created = Lawyer.objects.get_or_create(name=name.strip())
    return lawyer


def _event(case: Case, action: str, by, detail: str = "") -> CaseEvent:
    return CaseEvent.objects.create(case=case, action=action, by=by, detail=detail[:500])


@transaction.atomic
def case_intake(*, case: Case, applicant_id_number: str = "", by) -> Case:
    """Register a new case (受理) from the intake form."""
    case.applicant = applicant_resolve(name=case.applicant_name, id_number=applicant_id_number, by=by)
    case.full_clean()
    case.save()
    _event(case, _("受理"), by, f"{case.channel} · {case.cause} · {case.handling}")
    if case.lawyer_id:
        _event(case, _("指派律师"), by, case.lawyer.name)
    return case


@transaction.atomic
def case_update(*, case: Case, by) -> Case:
    """Save the edited fields of a case and record what changed."""
    before = Case.objects.select_for_update().get(pk=case.pk)
    case.full_clean()
    case.save()
    labels = []
    for field in (
        "channel",
        "is_group",
        "persons",
        "migrants",
        "cause",
        "handling",
        "employer_name",
        "recovered",
    ):
        if getattr(before, field) != getattr(case, field):
            labels.append(str(Case._meta.get_field(field).verbose_name))
    if before.lawyer_id != case.lawyer_id and case.lawyer_id:
        _event(case, _("指派律师"), by, case.lawyer.name)
    if before.note != case.note:
        labels.append(str(Case._meta.get_field("note").verbose_name))
    if labels:
        _event(case, _("修改"), by, "、".join(labels))
    return case


@transaction.atomic
def case_change_status(
    *,
    case: Case,
    status: str,
    by,
    closed_on: datetime.date | None = None,
    recovered: Decimal | None = None,
    detail: str = "",
) -> Case:
    """Move a case a step forward (受理 → 处理中 → 结案); closing needs a date not before intake."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if status not in TRANSITIONS[case.status]:
        raise ValidationError({"status": _("案件不能从“%(a)s”改为“%(b)s”") % {"a": case.status, "b": status}})
    case.status = status
    if status == Status.CLOSED:
        case.closed_on = closed_on
        if recovered is not None:
            case.recovered = recovered
    case.full_clean()
    case.save()
    _event(case, str(Status(status).label), by, detail)
    return case
