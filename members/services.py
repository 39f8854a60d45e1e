"""Writes and the rules they hold. Forms and the import kinds call the same rule functions, so a
record refused by one is refused by the other with the same Chinese message.

The `*_problems` functions check values and return {model field: message}; the import maps a field
to its column header, a form to its field.
"""

import datetime
from typing import NamedTuple

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.dates import date_problem
from unionhub.core.history import history_user
from unionhub.orgs.scoping import org_visible_to, require_scope
from unionhub.people.services import out_of_scope, person_resolve

from .models import Drive, Employer, Industry, Member, MembershipPeriod, Transfer, TransferState

ACTIVE = Member.Status.ACTIVE
LEFT_STATES = (Member.Status.TRANSFERRED, Member.Status.LEFT)


def member_problems(*, join_date: datetime.date, birth_date: datetime.date | None, today) -> dict:
    problems = {}
    if join_date > today:
        problems["join_date"] = _("入会日期不能晚于今天")
    elif birth_date is not None and join_date < birth_date:
        problems["join_date"] = _("入会日期不能早于出生日期")
    return problems


def employer_problems(
    *,
    credit_code: str,
    has_union: bool,
    union_founded_on: datetime.date | None,
    lead_code: str | None,
    today,
) -> dict:
    problems = {}
    if has_union and union_founded_on is None:
        problems["union_founded_on"] = _("已建会的单位须填写建会日期")
    elif not has_union and union_founded_on is not None:
        problems["union_founded_on"] = _("未建会的单位不应填写建会日期")
    elif union_founded_on is not None and union_founded_on > today:
        problems["union_founded_on"] = _("建会日期不能晚于今天")
    if lead_code and lead_code == credit_code:
        problems["lead"] = _("单位不能是自己的链主企业")
    return problems


def drive_problems(*, start: datetime.date, end: datetime.date) -> dict:
    if start > end:
        return {"end": _("开始日期不能晚于结束日期")}
    return {}


def _raise(problems: dict):
    if problems:
        raise ValidationError(problems)


class ExistingMember(Exception):
    """The ID number is already a member's: open that member instead of making a second one."""

    def __init__(self, member: Member):
        super().__init__(member.pk)
        self.member = member


def member_enrol(
    *,
    id_number: str,
    name: str,
    phone: str,
    organization,
    employer: Employer | None,
    join_date: datetime.date,
    key_group: str,
    is_migrant: bool,
    by,
    status: str = ACTIVE,
) -> Member:
    """Make `id_number` a member. A person already known by that ID number is reused
    (people.person_resolve: the name must match). One who is already a member raises
    ExistingMember when `by` may see the membership, and otherwise the refusal that says only
    that the number cannot be used here (the same as for any person of another subtree)."""
    require_scope(by, organization, employer)
    if status != ACTIVE:
        raise ValidationError({"status": _("新登记的会员为在会;转出或退会请在会员页面办理离会")})
    try:
        with transaction.atomic():
            person = person_resolve(id_number=id_number, name=name, phone=phone, by=by)
            existing = Member.objects.filter(person=person).first()
            if existing is not None:
                raise _existing(existing, by)
            _raise(
                member_problems(join_date=join_date, birth_date=person.birth_date, today=timezone.localdate())
            )
            member = Member(
                person=person,
                organization=organization,
                employer=employer,
                join_date=join_date,
                status=status,
                key_group=key_group,
                is_migrant=is_migrant,
            )
            member.full_clean()
            member.save()
    except IntegrityError:
        # Someone else made the same person a member at the same moment: theirs stands.
        existing = Member.objects.filter(person__id_number=id_number).first()
        if existing is None:
            raise
        raise _existing(existing, by)
    return member


def _existing(member: Member, by) -> Exception:
    if by is None or Member.objects.visible_to(by).filter(pk=member.pk).exists():
        return ExistingMember(member)
    return out_of_scope("id_number")


def _not_future(day: datetime.date, field: str, label: str):
    message = date_problem(day, label)
    if message:
        raise ValidationError({field: message})


def member_update(*, member: Member, name: str, phone: str, by, **values) -> Member:
    """Correct a membership and its person's name and phone. The organization changes only
    through a transfer, the status only through member_leave; a corrected 入会日期 moves the
    first period with it (the database's trigger), so it must stay before the first transfer."""
    require_scope(by, member)
    with transaction.atomic():
        member = Member.objects.select_for_update().select_related("person").get(pk=member.pk)
        person = member.person
        employer = values.get("employer")
        if employer is not None and employer.pk != member.employer_id:
            require_scope(by, employer)  # a new employer is one `by` sees; the kept one may not be
        values.pop("status", None)
        org = values.pop("organization", None)
        if org is not None and org.pk != member.organization_id:
            raise ValidationError({"organization": _("组织变更请通过会员转接办理")})
        _raise(
            member_problems(
                join_date=values["join_date"], birth_date=person.birth_date, today=timezone.localdate()
            )
        )
        first = member.periods.filter(transfer__isnull=True).first()
        if first is not None and first.end is not None and values["join_date"] > first.end:
            raise ValidationError(
                {
                    "join_date": _("入会日期不能晚于%(day)s(该会员在该日转接或离会)")
                    % {"day": first.end.isoformat()}
                }
            )
        if person.name != name or person.phone != (phone or ""):
            person.name, person.phone = name, phone or ""
            person.save(update_fields=["name", "phone"])
        for field, value in values.items():
            setattr(member, field, value)
        member.full_clean()
        with pghistory.context(user=history_user(by), action="修改会员信息"):
            member.save()
    return member


# --- leaving and transfers -------------------------------------------------------------------


def member_leave(*, member: Member, status: str, leave_date: datetime.date, reason: str, by) -> Member:
    """转出 (to a union outside this system) or 退会 on `leave_date`: the member's open period
    ends that day. Refused while a transfer of the member is pending."""
    require_scope(by, member)
    if status not in LEFT_STATES:
        raise ValidationError({"status": _("请选择转出或退会")})
    if leave_date is None:
        raise ValidationError({"leave_date": _("请填写离会日期")})
    _not_future(leave_date, "leave_date", _("离会日期"))
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        if member.status != ACTIVE:
            raise ValidationError(
                _("该会员已于%(day)s%(status)s,不能再次办理离会")
                % {"day": member.leave_date.isoformat(), "status": member.status}
            )
        if member.transfers.filter(state=TransferState.PENDING).exists():
            raise ValidationError(_("该会员有待接收的转接,请先撤回或等待转入方处理后再办理离会"))
        current = _last_period(member)
        since = current.start if current else member.join_date
        if leave_date < since:
            raise ValidationError(
                {"leave_date": _("离会日期不能早于%(day)s(本期在会起始日)") % {"day": since.isoformat()}}
            )
        member.status, member.leave_date = status, leave_date
        member.full_clean()
        with pghistory.context(user=history_user(by), action=str(status), reason=reason):
            member.save(update_fields=["status", "leave_date"])
    return member


def _last_period(member: Member) -> MembershipPeriod | None:
    return member.periods.select_for_update().order_by("-start", "-pk").first()


def _check_transfer(member: Member, *, to_org, date: datetime.date, from_org=None) -> MembershipPeriod:
    """The rules of a transfer of the (locked) member on `date`; the period it ends (the open
    one, or for a member who left later than `date`, the last one)."""
    current = _last_period(member)
    if current is None:  # cannot happen: the database makes the first period with the member
        raise ValidationError(_("该会员没有会籍期间,不能转接"))
    _not_future(date, "date", _("转接日期"))
    if date < member.join_date:
        raise ValidationError(
            {"date": _("转接日期不能早于入会日期%(day)s") % {"day": member.join_date.isoformat()}}
        )
    if member.status != ACTIVE and date >= member.leave_date:
        raise ValidationError(
            {
                "date": _("该会员已于%(day)s%(status)s,转接日期当天不在会")
                % {"day": member.leave_date.isoformat(), "status": member.status}
            }
        )
    if current.transfer_id is not None and date <= current.start:
        raise ValidationError(
            {"date": _("转接日期须晚于该会员上一次转接的日期%(day)s") % {"day": current.start.isoformat()}}
        )
    if from_org is not None and from_org.pk != current.organization_id:
        raise ValidationError({"from_organization": _("该会员在转接日期所属的组织不是转出组织")})
    if to_org.pk == current.organization_id:
        raise ValidationError({"to_organization": _("转入组织不能与会员当前所属组织相同")})
    return current


def _apply(transfer: Transfer, member: Member, current: MembershipPeriod):
    """An accepted transfer: the member's period ends on its date and the next one opens there
    (until the leaving day, for a member who has left since)."""
    until = current.end
    current.end = transfer.date
    current.save(update_fields=["end"])
    employer_id = transfer.new_employer_id or current.employer_id
    MembershipPeriod.objects.create(
        member=member,
        organization_id=transfer.to_organization_id,
        employer_id=employer_id,
        start=transfer.date,
        end=until,
        transfer=transfer,
    )
    member.organization_id, member.employer_id = transfer.to_organization_id, employer_id
    member.save(update_fields=["organization", "employer"])


def transfer_start(
    *, member: Member, to_organization, date: datetime.date, new_employer: Employer | None, note: str = "", by
) -> Transfer:
    """The sending organization's staff start a transfer (待接收); the member stays where they are
    until the receiving organization accepts it."""
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        if by is not None and not org_visible_to(by, member.organization):
            raise PermissionDenied
        if member.transfers.filter(state=TransferState.PENDING).exists():
            raise ValidationError(_("该会员已有一件待接收的转接,请等待转入方处理或先撤回"))
        current = _check_transfer(member, to_org=to_organization, date=date)
        transfer = Transfer(
            member=member,
            from_organization_id=current.organization_id,
            to_organization=to_organization,
            new_employer=new_employer,
            date=date,
            note=note,
            started_by=by if by is not None and by.is_authenticated else None,
        )
        transfer.full_clean()
        with pghistory.context(user=history_user(by), action="发起转接", reason=note):
            try:
                with transaction.atomic():
                    transfer.save()
            except IntegrityError:  # another clerk started one at the same moment
                raise ValidationError(_("该会员已有一件待接收的转接,请等待转入方处理或先撤回")) from None
    return transfer


def _settled(transfer: Transfer) -> ValidationError:
    who = (transfer.decided_by.get_full_name() or transfer.decided_by.username) if transfer.decided_by else ""
    when = timezone.localtime(transfer.decided_at).strftime("%Y-%m-%d %H:%M") if transfer.decided_at else ""
    return ValidationError(
        _("该转接已于%(when)s由%(who)s处理为“%(state)s”,不能再处理")
        % {"state": transfer.state, "who": who or _("他人"), "when": when}
    )


class _Decision(NamedTuple):
    side: str  # the organization whose subtree decides it: to_organization receives, from_organization sends
    action: str  # the history's action


# How a pending transfer is settled, by which side.
DECISIONS = {
    TransferState.ACCEPTED: _Decision("to_organization", "接收转接"),
    TransferState.DECLINED: _Decision("to_organization", "拒绝转接"),
    TransferState.WITHDRAWN: _Decision("from_organization", "撤回转接"),
}


def _lock_pending(transfer: Transfer, *, by, state: str) -> Transfer:
    """The transfer's row, locked: a second clerk acting at the same moment waits here, then
    finds it settled and is told so. `by` must see the organization of the side that decides
    `state` (DECISIONS)."""
    locked = Transfer.objects.select_for_update(of=("self",)).select_related("decided_by").get(pk=transfer.pk)
    if locked.state != TransferState.PENDING:
        raise _settled(locked)
    if by is not None and not org_visible_to(by, getattr(locked, DECISIONS[state].side)):
        raise PermissionDenied
    return locked


def _decide(transfer: Transfer, state: str, reason: str, by):
    transfer.state, transfer.reason = state, reason
    transfer.decided_by = by if by is not None and by.is_authenticated else None
    transfer.decided_at = timezone.now()
    transfer.save(update_fields=["state", "reason", "decided_by", "decided_at"])


def transfer_accept(*, transfer: Transfer, by, reason: str = "") -> Transfer:
    """The receiving organization accepts: the member moves on the transfer's date."""
    with transaction.atomic():
        transfer = _lock_pending(transfer, by=by, state=TransferState.ACCEPTED)
        member = Member.objects.select_for_update().get(pk=transfer.member_id)
        to_org = transfer.to_organization
        current = _check_transfer(
            member, to_org=to_org, date=transfer.date, from_org=transfer.from_organization
        )
        with pghistory.context(
            user=history_user(by), action=DECISIONS[TransferState.ACCEPTED].action, reason=reason
        ):
            _decide(transfer, TransferState.ACCEPTED, reason, by)
            _apply(transfer, member, current)
    return transfer


def transfer_decline(*, transfer: Transfer, by, reason: str) -> Transfer:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("拒绝转接须填写理由")})
    return _close(transfer, by=by, state=TransferState.DECLINED, reason=reason)


def transfer_withdraw(*, transfer: Transfer, by, reason: str = "") -> Transfer:
    """The sending side takes back a transfer that is still pending."""
    return _close(transfer, by=by, state=TransferState.WITHDRAWN, reason=reason)


def _close(transfer: Transfer, *, by, state: str, reason: str) -> Transfer:
    """A pending transfer settled without moving the member (declined, withdrawn)."""
    with transaction.atomic():
        transfer = _lock_pending(transfer, by=by, state=state)
        with pghistory.context(user=history_user(by), action=DECISIONS[state].action, reason=reason):
            _decide(transfer, state, reason, by)
    return transfer


def transfer_record(*, member: Member, from_organization, to_organization, date, new_employer, batch=None):
    """An imported transfer: the file is the record of both sides, so it is accepted as it stands.
    Runs inside the import's transaction (and its history context)."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.transfers.filter(state=TransferState.PENDING).exists():
        raise ValidationError(_("该会员有待接收的转接,请先在系统中处理"))
    current = _check_transfer(member, to_org=to_organization, date=date, from_org=from_organization)
    transfer = Transfer.objects.create(
        member=member,
        from_organization=from_organization,
        to_organization=to_organization,
        new_employer=new_employer,
        date=date,
        state=TransferState.ACCEPTED,
        decided_at=timezone.now(),
        created_batch=batch,
        updated_batch=batch,
    )
    _apply(transfer, member, current)
    return transfer


def employer_save(*, employer: Employer, by) -> Employer:
    """Create or correct an employer after checking the rules the import checks."""
    require_scope(by, employer)  # (a new lead is checked by the form and the import: one the user sees)
    _raise(
        employer_problems(
            credit_code=employer.credit_code,
            has_union=employer.has_union,
            union_founded_on=employer.union_founded_on,
            lead_code=employer.lead.credit_code if employer.lead_id else None,
            today=timezone.localdate(),
        )
    )
    with transaction.atomic():
        employer.full_clean()
        employer.save()
    return employer


def industry_add(*, industry: Industry, by) -> Industry:
    """A new industry of the city's list: admins only (they run the imports that must match it)."""
    if by is not None and not by.has_perms(("members.add_industry", "imports.run_import")):
        raise PermissionDenied
    industry.full_clean()
    industry.save()
    return industry


def drive_save(*, drive: Drive, by) -> Drive:
    require_scope(by, drive)
    _raise(drive_problems(start=drive.start, end=drive.end))
    with transaction.atomic():
        drive.full_clean()
        drive.save()
    return drive
