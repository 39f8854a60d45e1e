"""Writes of the legal-aid area: intake, changes, status steps; each one a timeline event.

Every change of a case is also snapshotted by django-pghistory's triggers (CaseSnapshot), so
imports and bulk updates are covered too; the timeline is the human-readable account."""

import datetime
import re
from decimal import Decimal

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import Employer
from unionhub.core.history import history_user
from unionhub.orgs.scoping import org_visible_to, require_scope
from unionhub.people.models import Person
from unionhub.people.services import person_resolve

from .models import Case, CaseEvent, CollectiveContract, Lawyer, MonitoringReport, Status

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


def lawyer_add(*, lawyer: Lawyer, by) -> Lawyer:
    """A lawyer of the roster (the lawyers page's form)."""
    if by is not None and not by.has_perm("legal.add_lawyer"):
        raise PermissionDenied
    lawyer.full_clean()
    lawyer.save()
    return lawyer


def lawyer_get_or_create(*, name: str) -> Lawyer:
    lawyer, _created = Lawyer.objects.get_or_create(name=name.strip())
    return lawyer


def _event(case: Case, action: str, by, detail: str = "") -> CaseEvent:
    return CaseEvent.objects.create(case=case, action=action, by=by, detail=detail[:500])


@transaction.atomic
def case_intake(*, case: Case, applicant_id_number: str = "", by) -> Case:
    """Register a new case (受理) from the intake form."""
    require_scope(by, case)
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
    require_scope(by, case)
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
    require_scope(by, case)
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


# -- collective contracts and monitoring reports ----------------------------------------------


def _check_scope(by, obj, model) -> None:
    """Every write re-checks scope: the record's organization, and before a change the stored
    one, must lie in the writer's subtree (a form's choices alone are not enough)."""
    if by is None:
        return
    if not org_visible_to(by, obj.organization):
        raise ValidationError({"organization": _("所属工会组织不在您的管辖范围内")})
    if obj.pk and not model.objects.visible_to(by).filter(pk=obj.pk).exists():
        raise PermissionDenied


def covered_employers_parse(*, codes: str, user) -> list[Employer]:
    """The employers named by credit codes (separated by 、 , ; or new lines), each in the
    user's subtree."""
    wanted = [c for c in re.split(r"[、,,;;\s]+", codes.strip().upper()) if c]
    found = {e.credit_code: e for e in Employer.objects.visible_to(user).filter(credit_code__in=wanted)}
    missing = [c for c in wanted if c not in found]
    if missing:
        raise ValidationError(
            {
                "covered_codes": _("以下单位不存在或不在您的管辖范围内:%(codes)s")
                % {"codes": "、".join(missing)}
            }
        )
    return list(dict.fromkeys(found[c] for c in wanted))


@transaction.atomic
def contract_save(
    *, contract: CollectiveContract, by, covered: list[Employer] | None = None
) -> CollectiveContract:
    """Create or change a collective contract (the same rules as the import: contract_problems,
    then the database's constraints). `covered`, when given, replaces the employers listed as
    covered; there may not be more of them than 覆盖单位数."""
    _check_scope(by, contract, CollectiveContract)
    if (
        contract.employer_id
        and by is not None
        and not Employer.objects.visible_to(by).filter(pk=contract.employer_id).exists()
    ):
        raise ValidationError({"employer": _("签订单位不在您的管辖范围内")})
    if covered is not None and len(covered) > (contract.employers_covered or 0):
        raise ValidationError({"covered_codes": _("列出的覆盖单位多于覆盖单位数")})
    contract.full_clean()
    with pghistory.context(user=history_user(by), action=_("修改合同") if contract.pk else _("登记合同")):
        contract.save()
        if covered is not None:
            contract.covered.set(covered)
    return contract


@transaction.atomic
def monitoring_save(*, report: MonitoringReport, by) -> MonitoringReport:
    _check_scope(by, report, MonitoringReport)
    report.full_clean()
    with pghistory.context(user=history_user(by), action=_("修改报告") if report.pk else _("登记报告")):
        report.save()
    return report
