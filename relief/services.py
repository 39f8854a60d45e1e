"""Writes of the relief area: files and their state steps, payments and their corrections.

Every payment rule of domain.md is checked here, and only here, for forms and imports alike:
the program's row is locked (SELECT ... FOR UPDATE) before anything is read, so two staff
paying at once are served one after the other and cannot both pass the "one payment per
person" or the budget rule; the unique constraint and the program's budget constraint back
them in the database. Each refusal names the rule it broke.

Changes are recorded by django-pghistory's triggers; the services add who and why to the
history context (`user`, `reason`).
"""

import copy
import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

import pghistory
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.dates import date_problems, today
from unionhub.core.history import history_user
from unionhub.orgs.models import Organization
from unionhub.orgs.scoping import org_visible_to, require_scope, user_root
from unionhub.people.services import out_of_scope, person_resolve
from unionhub.reports.numbers import fmt_money

from .models import (
    HOUSEHOLD_FACTS,
    CareService,
    FileAttachment,
    FileState,
    HardshipFile,
    HomeVisit,
    Payment,
    ReliefProgram,
    file_problems,
)

# The rules as staff know them; every refusal starts with the one it broke.
RULE_FILE = "须持有发放日期当天有效的已认定困难职工档案"
RULE_ONCE = "同一项目每人只能发放一次"
RULE_CAP = "不得超过项目单笔上限"
RULE_BUDGET = "项目发放总额不得超过预算"
RULE_YEAR = "发放日期须在项目年度内"
RULE_RECIPIENT = "个人项目发给人员,单位项目发给单位"
RULE_SCOPE = "只能发放给本组织及下级组织管辖的对象"
RULE_PROGRAM_ORG = "发放须使用本组织或上级组织的帮扶项目"

CORRECTABLE = ("cash", "goods", "paid_on", "people_reached", "note")
# Checked by the rules themselves; clean_fields would spend a query on each.
FOREIGN_KEYS = [
    "program", "person", "file", "unit", "organization", "created_by", "created_batch", "updated_batch"
]  # fmt: skip


def rule_refusal(rule: str, detail: str) -> str:
    return _("违反规则“%(rule)s”:%(detail)s") % {"rule": _(rule), "detail": detail}


def _require(by, perm: str):
    if by is not None and not by.has_perm(perm):
        raise PermissionDenied


# -- hardship files ---------------------------------------------------------------------------


def _raise(problems: dict):
    if problems:
        raise ValidationError(problems)


def file_payment_problems(file: HardshipFile, *, dates_field: str = "state") -> dict[str, str]:
    """What a file's new state, dates or organization would do to the payments already made on
    it, for forms and imports alike: each payment must still fall in the file's verified period
    (file_held_on) and count for the file's organization in the report."""
    if not file.pk:
        return {}
    for payment in file.payments.order_by("paid_on"):
        if not file_held_on(file, payment.paid_on):
            return {
                dates_field: _("该档案在%(day)s有帮扶发放(发放编号%(number)s),修改后该发放将不在认定有效期内")
                % {"day": payment.paid_on.isoformat(), "number": payment.number}
            }
        if payment.organization_id != file.organization_id:
            return {
                "organization": _("该档案已有帮扶发放(发放编号%(number)s),不能改变所属组织")
                % {"number": payment.number}
            }
    return {}


def _save_file(file: HardshipFile) -> HardshipFile:
    problems = file_problems(file)
    if problems:
        raise ValidationError(problems)
    file.full_clean()
    file.save()
    return file


@transaction.atomic
def file_create(*, file: HardshipFile, id_number: str, name: str, phone: str = "", by) -> HardshipFile:
    """File a new case (建档) for the person named by ID number and name; it starts 待认定."""
    _require(by, "relief.add_hardshipfile")
    require_scope(by, file)
    file.person = person_resolve(id_number=id_number, name=name, phone=phone, by=by)
    # The person's row is locked now: a file of theirs filed at the same moment is committed
    # (and seen here) before we go on. Another subtree's file is not ours to speak of.
    same_year = (
        HardshipFile.objects.filter(person=file.person, filed_on__year=file.filed_on.year)
        .select_related("organization")
        .first()
    )
    if same_year is not None:
        if by is not None and not org_visible_to(by, same_year.organization):
            raise out_of_scope()
        raise ValidationError({"filed_on": _("该人员在同一年度已有困难职工档案")})
    file.state = FileState.PENDING
    file.verified_on = file.exited_on = None
    file.filed_by = by if by is not None and by.is_authenticated else None
    with pghistory.context(user=history_user(by), action="建档"):
        return _save_file(file)


@transaction.atomic
def file_update(*, file: HardshipFile, by) -> HardshipFile:
    """Save the edited facts of a file; the state and its dates change only through the steps."""
    _require(by, "relief.change_hardshipfile")
    require_scope(by, file)  # the file as stored and the organization it is given now
    before = HardshipFile.objects.select_for_update().get(pk=file.pk)
    for name in ("state", "verified_on", "exited_on", "reviewed_by_id", "reviewed_on", "notice_until"):
        setattr(file, name, getattr(before, name))
    file.filed_by_id, file.facts_changed_by_id = before.filed_by_id, before.facts_changed_by_id
    if any(getattr(file, name) != getattr(before, name) for name in HOUSEHOLD_FACTS):
        if before.state == FileState.NOTICE:
            raise ValidationError(_("档案正在公示中,不能修改家庭情况;如有异议,请登记公示异议"))
        # Who changed the household facts last may not review the file (domain.md).
        file.facts_changed_by = by if by is not None and by.is_authenticated else None
    if file.filed_on != before.filed_on and file.verified_on and file.filed_on > file.verified_on:
        raise ValidationError({"filed_on": _("建档日期不能晚于认定日期")})
    if file.organization_id != before.organization_id:
        _raise(file_payment_problems(file))
    with pghistory.context(user=history_user(by), action="修改档案"):
        return _save_file(file)


def _step(file: HardshipFile, *, allowed_from, by, action: str, **values) -> HardshipFile:
    _require(by, "relief.change_hardshipfile")
    require_scope(by, file)
    current = HardshipFile.objects.select_for_update().get(pk=file.pk)
    if current.state not in allowed_from:
        raise ValidationError(
            _("档案当前状态为“%(state)s”,不能%(action)s") % {"state": current.state, "action": action}
        )
    for name, value in values.items():
        setattr(current, name, value)
    current.state_changed_by = by if by is not None and by.is_authenticated else None
    current.state_changed_at = timezone.now()
    with pghistory.context(user=history_user(by), action=action):
        return _save_file(current)


# -- review before verification (domain.md "Review before verification") --------------------


def notice_days() -> int:
    """RELIEF_NOTICE_DAYS: how many days a reviewed file is on public notice (0: no notice)."""
    return max(int(getattr(settings, "RELIEF_NOTICE_DAYS", 5)), 0)


def notice_end(reviewed_on: datetime.date, days: int | None = None) -> datetime.date:
    """The last day of the notice of a file reviewed on `reviewed_on`: the notice runs `days`
    days from the review day itself (5 days from 3-01 is 3-01 to 3-05)."""
    days = notice_days() if days is None else days
    return reviewed_on + datetime.timedelta(days=max(days, 1) - 1)


def notices_settle(*, on: datetime.date | None = None, file_ids=None, person_ids=None) -> int:
    """Files whose notice ended before `on` (default today) without objection become 已认定,
    认定日期 the notice's last day. Called when files are read (lazily) and by the beat task
    relief.tasks.settle_notices; one UPDATE, each row in its history (action 公示期满认定)."""
    qs = HardshipFile.objects.filter(state=FileState.NOTICE, notice_until__lt=on or today())
    if file_ids is not None:
        qs = qs.filter(pk__in=list(file_ids))
    if person_ids is not None:
        qs = qs.filter(person_id__in=list(person_ids))
    # Mostly there is nothing to settle: then no UPDATE at all (every list page asks, and a write,
    # even of no row, makes the cached counts and rows of the files' lists counted anew).
    if not qs.exists():
        return 0
    with transaction.atomic(), pghistory.context(user=None, action="公示期满认定", reason="公示期满无异议"):
        return qs.update(
            state=FileState.VERIFIED,
            verified_on=F("notice_until"),
            state_changed_by=None,
            state_changed_at=timezone.now(),
        )


def review_refusal(file: HardshipFile, by, reviewed_on: datetime.date | None = None) -> str | None:
    """Why `by` may not review `file` (on `reviewed_on`), in Chinese, or None. The one place of
    the rule: the review service, the file's page and the pending-work list ask it."""
    if file.state != FileState.PENDING:
        return _("档案当前状态为“%(state)s”,不能复核认定") % {"state": file.state}
    visits = [v.visited_on for v in file.visits.all()]
    if not visits:
        return _("尚未登记入户核查,不能认定:请先登记入户核查")
    if reviewed_on is not None and min(visits) > reviewed_on:
        return _("复核日期%(day)s早于入户核查日期%(visit)s") % {
            "day": reviewed_on.isoformat(),
            "visit": min(visits).isoformat(),
        }
    if by is None or not by.is_authenticated:
        return _("复核须由登录的工作人员进行")
    if by.pk == file.filed_by_id:
        return _("您是该档案的建档人,须由另一名工作人员复核认定")
    if by.pk == file.facts_changed_by_id:
        return _("您最后修改了该档案的家庭情况,须由另一名工作人员复核认定")
    return None


@transaction.atomic
def visit_record(
    *,
    file: HardshipFile,
    visited_on: datetime.date,
    visitors: str,
    finding: str,
    uploaded=None,
    by,
) -> HomeVisit:
    """Record a home visit (入户核查) of a pending file, with an optional scanned record that
    joins the file's attachments."""
    _require(by, "relief.change_hardshipfile")
    require_scope(by, file)
    file = HardshipFile.objects.select_for_update().select_related("organization").get(pk=file.pk)
    if file.state != FileState.PENDING:
        raise ValidationError(
            _("档案当前状态为“%(state)s”,只有待认定的档案可以登记入户核查") % {"state": file.state}
        )
    visit = HomeVisit(
        file=file,
        visited_on=visited_on,
        visitors=(visitors or "").strip(),
        finding=(finding or "").strip(),
        recorded_by=by if by is not None and by.is_authenticated else None,
    )
    problems = {}
    if visited_on is not None and visited_on < file.filed_on:
        problems["visited_on"] = _("核查日期不能早于建档日期%(day)s") % {"day": file.filed_on.isoformat()}
    try:
        visit.full_clean(exclude=["file", "attachment", "recorded_by"])
    except ValidationError as exc:
        problems = {**{k: v[0] for k, v in exc.message_dict.items()}, **problems}
    _raise(problems)
    if uploaded is not None:
        visit.attachment = attachment_add(file=file, uploaded=uploaded, by=by)
    with pghistory.context(user=history_user(by), action="入户核查"):
        visit.save()
    return visit


@transaction.atomic
def file_verify(*, file: HardshipFile, reviewed_on: datetime.date, by) -> HardshipFile:
    """The second person's review (复核认定) of a visited pending file on `reviewed_on`: the file
    goes on notice (公示中) until notice_end(), or with RELIEF_NOTICE_DAYS = 0 is 已认定 that day.
    A notice that has already ended (a review dated back) is settled at once."""
    _require(by, "relief.change_hardshipfile")
    require_scope(by, file)
    current = HardshipFile.objects.select_for_update().get(pk=file.pk)
    problems = date_problems(HardshipFile(filed_on=current.filed_on, reviewed_on=reviewed_on))
    if problems:
        raise ValidationError({"reviewed_on": next(iter(problems.values()))})
    refusal = review_refusal(current, by, reviewed_on)
    if refusal:
        raise ValidationError(refusal)
    days = notice_days()
    current.reviewed_by, current.reviewed_on = by, reviewed_on
    if days:
        current.state, current.notice_until = FileState.NOTICE, notice_end(reviewed_on, days)
        action = _("复核通过,进入公示")
    else:
        current.state, current.verified_on = FileState.VERIFIED, reviewed_on
        action = _("复核认定")
    current.state_changed_by, current.state_changed_at = by, timezone.now()
    with pghistory.context(user=history_user(by), action=action):
        _save_file(current)
    if days:
        notices_settle(file_ids=[current.pk])
        current.refresh_from_db()
    return current


@transaction.atomic
def file_object(*, file: HardshipFile, reason: str, by) -> HardshipFile:
    """An objection (公示异议) during the notice: the file goes back to 待认定, the reason in its
    history; it needs a new review (and may get a new visit)."""
    _require(by, "relief.change_hardshipfile")
    reason = (reason or "").strip()
    require_scope(by, file)
    if not reason:
        raise ValidationError({"reason": _("请填写异议内容")})
    notices_settle(file_ids=[file.pk])
    current = HardshipFile.objects.select_for_update().get(pk=file.pk)
    if current.state != FileState.NOTICE:
        raise ValidationError(
            _("档案当前状态为“%(state)s”,只有公示中的档案可以登记异议") % {"state": current.state}
        )
    current.state = FileState.PENDING
    current.reviewed_by = current.reviewed_on = current.notice_until = None
    current.state_changed_by = by if by is not None and by.is_authenticated else None
    current.state_changed_at = timezone.now()
    with pghistory.context(user=history_user(by), action="公示异议", reason=reason):
        return _save_file(current)


@transaction.atomic
def file_correct_verified_on(
    *, file: HardshipFile, verified_on: datetime.date, reason: str, by
) -> HardshipFile:
    """A reviewer corrects the certification date (认定日期) of a verified file, with the reason;
    the second-person rule holds, and payments made on the file must stay in its verified period."""
    _require(by, "relief.change_hardshipfile")
    reason = (reason or "").strip()
    require_scope(by, file)
    if not reason:
        raise ValidationError({"reason": _("请填写更正原因")})
    current = HardshipFile.objects.select_for_update().get(pk=file.pk)
    if current.state not in (FileState.VERIFIED, FileState.EXITED):
        raise ValidationError(
            _("档案当前状态为“%(state)s”,只有已认定或已脱困的档案可以更正认定日期") % {"state": current.state}
        )
    if by is None or not by.is_authenticated:
        raise ValidationError(_("更正须由登录的工作人员进行"))
    if by.pk in (current.filed_by_id, current.facts_changed_by_id):
        raise ValidationError(_("建档人或最后修改家庭情况的人不能更正认定日期,须由另一名工作人员更正"))
    if verified_on == current.verified_on:
        raise ValidationError({"verified_on": _("认定日期没有改动")})
    current.verified_on = verified_on
    problems = date_problems(current)
    if "verified_on" in problems:
        raise ValidationError({"verified_on": problems["verified_on"]})
    moved = file_payment_problems(current, dates_field="verified_on")
    if moved:
        raise ValidationError({"verified_on": next(iter(moved.values()))})
    with pghistory.context(user=history_user(by), action="更正认定日期", reason=reason):
        return _save_file(current)


@transaction.atomic
def file_refuse(*, file: HardshipFile, by) -> HardshipFile:
    """待认定 → 不予认定."""
    return _step(file, allowed_from={FileState.PENDING}, by=by, action=_("不予认定"), state=FileState.REFUSED)


@transaction.atomic
def file_exit(*, file: HardshipFile, exited_on: datetime.date, by) -> HardshipFile:
    """已认定 → 已脱困 on `exited_on`. A payment already made on the file must fall before it,
    or it would no longer have been paid to a verified file."""
    file = HardshipFile.objects.select_for_update().get(pk=file.pk)  # payments on it wait for us
    if file.verified_on and exited_on < file.verified_on:
        raise ValidationError({"exited_on": _("脱困日期不能早于认定日期")})
    exited = copy.copy(file)
    exited.state, exited.exited_on = FileState.EXITED, exited_on
    _raise(file_payment_problems(exited, dates_field="exited_on"))
    return _step(
        file,
        allowed_from={FileState.VERIFIED},
        by=by,
        action=_("脱困"),
        state=FileState.EXITED,
        exited_on=exited_on,
    )


# -- payments ---------------------------------------------------------------------------------


@dataclass
class PaymentFacts:
    """What the rules need to know besides the payment and its (locked) program. payment_make
    reads them with a few queries; the import reads them for a whole batch at once."""

    number_taken: bool = False
    files: list = field(default_factory=list)  # every hardship file of the person
    earlier: Payment | None = None  # the person's other payment in the program
    spent_without: Decimal = Decimal("0")  # the program's total without this payment


def _in_scope(scope: Organization | None, org: Organization) -> bool:
    return scope is None or not scope.pk or scope.contains(org)


def program_usable_from(program: ReliefProgram, scope: Organization | None) -> bool:
    """A program pays out in its own organization's subtree: a city program is paid by the
    districts under it, a district's program only inside that district."""
    if scope is None or not scope.pk:
        return True
    return program.organization.contains(scope) or scope.contains(program.organization)


def file_held_on(file: HardshipFile, day: datetime.date) -> bool:
    """A file makes its person eligible on `day` when it was verified by then and its person
    was not out of hardship by then (the report's "open" definition)."""
    return (
        file.state in (FileState.VERIFIED, FileState.EXITED)
        and file.verified_on is not None
        and file.verified_on <= day
        and (file.exited_on is None or file.exited_on > day)
    )


def eligible_file(files, day: datetime.date, scope: Organization | None = None) -> HardshipFile | None:
    """Of a person's files, the one that makes them eligible on `day` (the latest verified)."""
    held = [f for f in files if file_held_on(f, day) and _in_scope(scope, f.organization)]
    return max(held, key=lambda f: (f.verified_on, f.pk or 0), default=None)


def no_file_here() -> str:
    """A person with no file in the payer's subtree, one with files only in other subtrees and
    an ID number nobody has are refused in the same words (issue 15, item 5)."""
    return rule_refusal(RULE_FILE, _("本组织及下级组织没有该人员的困难职工档案"))


def _why_no_file(files, day: datetime.date, scope: Organization | None = None) -> str:
    """Name what is missing: no file, not verified, verified later, out of hardship. Only the
    files in `scope` are spoken of: another subtree's file, its state and dates are not ours."""
    files = [f for f in files if _in_scope(scope, f.organization)]
    if not files:
        return no_file_here()
    verified = [f for f in files if f.verified_on is not None]
    if not verified:
        latest = max(files, key=lambda f: f.filed_on)
        return rule_refusal(RULE_FILE, _("该人员的档案尚未认定(%(state)s)") % {"state": latest.state})
    earliest = min(f.verified_on for f in verified)
    if day < earliest:
        return rule_refusal(
            RULE_FILE,
            _("发放日期%(day)s早于档案认定日期%(verified)s")
            % {"day": day.isoformat(), "verified": earliest.isoformat()},
        )
    exited = max((f.exited_on for f in verified if f.exited_on and f.exited_on <= day), default=None)
    return rule_refusal(
        RULE_FILE,
        _("该人员已于%(exited)s脱困,发放日期%(day)s不在认定有效期内")
        % {"exited": exited.isoformat() if exited else "", "day": day.isoformat()},
    )


def _earlier_paid(earlier: Payment, program: ReliefProgram, scope: Organization | None) -> str:
    """The person's other payment of the program; its number only when it is the payer's own
    (a city program is paid by every district: another district's payment is not ours to show)."""
    org_id = getattr(earlier, "organization_id", None)
    if org_id is not None and (scope is None or not scope.pk or scope.contains(earlier.organization)):
        return _("该人员已领取%(program)s(发放编号%(number)s)") % {
            "program": program,
            "number": earlier.number,
        }
    return _("该人员已领取%(program)s") % {"program": program}


def payment_problems(
    payment: Payment, program: ReliefProgram, *, facts: PaymentFacts, scope: Organization | None
) -> dict[str, str]:
    """Every rule of a payment, field by field, in Chinese; the one place they are written.
    `program` must be locked by the caller. Sets `payment.file` to the qualifying file."""
    problems: dict[str, str] = date_problems(payment)
    if facts.number_taken:
        problems["number"] = _("发放编号“%(number)s”已存在") % {"number": payment.number}
    if not program_usable_from(program, scope):
        problems["program"] = rule_refusal(RULE_SCOPE, _("该帮扶项目不属于您的组织或上级组织"))
    if "paid_on" not in problems and payment.paid_on.year != program.year:
        problems["paid_on"] = rule_refusal(
            RULE_YEAR,
            _("%(program)s的发放日期须在%(year)s年内") % {"program": program, "year": program.year},
        )
    if program.for_units:
        if payment.person_id:
            problems["person"] = rule_refusal(
                RULE_RECIPIENT, _("%(kind)s只能发放给单位") % {"kind": program.kind}
            )
        if not payment.unit_id:
            problems["unit"] = _("请填写受助单位")
        elif not _in_scope(scope, payment.unit.organization):
            problems["unit"] = rule_refusal(RULE_SCOPE, _("该单位不在您的管辖范围内"))
        if not payment.people_reached:
            problems["people_reached"] = _("单位项目须填写受益人数(至少为1)")
    else:
        payment.people_reached = None
        if payment.unit_id:
            problems["unit"] = rule_refusal(
                RULE_RECIPIENT, _("%(kind)s只能发放给个人") % {"kind": program.kind}
            )
        if not payment.person_id:
            problems["person"] = _("请填写受助人员")
        elif "paid_on" not in problems:
            payment.file = eligible_file(facts.files, payment.paid_on, scope)
            if payment.file is None:
                problems["person"] = _why_no_file(facts.files, payment.paid_on, scope)
            elif facts.earlier is not None:
                # One per kind and year across every organization's program: the earlier one may
                # be of another program (its own name), its number shown only when it is ours.
                earlier_program = facts.earlier.program if facts.earlier.program_id else program
                problems["person"] = rule_refusal(
                    RULE_ONCE, _earlier_paid(facts.earlier, earlier_program, scope)
                )
    amount = payment.amount
    if program.cap is not None and amount > program.cap:
        problems["cash"] = rule_refusal(
            RULE_CAP,
            _("金额与物资折款合计%(amount)s,超过%(program)s的单笔上限%(cap)s")
            % {"amount": fmt_money(amount), "program": program, "cap": fmt_money(program.cap)},
        )
    elif program.budget is not None and facts.spent_without + amount > program.budget:
        problems["cash"] = rule_refusal(
            RULE_BUDGET,
            _("%(program)s预算%(budget)s,已发放%(spent)s,本笔%(amount)s将超出预算")
            % {
                "program": program,
                "budget": fmt_money(program.budget),
                "spent": fmt_money(facts.spent_without),
                "amount": fmt_money(amount),
            },
        )
    if not problems:
        payment.organization = payment.file.organization if payment.file else payment.unit.organization
        if not program.organization.contains(payment.organization):
            # A payment draws on its own organization's program or one above it (the database
            # refuses it too: relief migration 0004).
            problems["program"] = rule_refusal(
                RULE_PROGRAM_ORG,
                _("%(program)s属于%(owner)s,本笔发放属于%(org)s")
                % {"program": program, "owner": program.organization.name, "org": payment.organization.name},
            )
    if not problems:
        try:
            payment.clean_fields(exclude=FOREIGN_KEYS)
        except ValidationError as exc:
            problems.update({k: v[0] for k, v in exc.message_dict.items()})
    return problems


def programs_usable_by_user(user, program: ReliefProgram) -> bool:
    """The program is one `user` may pay from: of their subtree or above them."""
    from .selectors import programs_usable_by

    return programs_usable_by(user).filter(pk=program.pk).exists()


def lock_program(program: ReliefProgram) -> ReliefProgram:
    """Lock the program's row for the rest of the transaction: payments of one program are
    checked and written one after the other."""
    return (
        ReliefProgram.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=program.pk)
    )


def person_files_locked(person_ids):
    """The people's files, locked after their program: a file cannot be closed (file_exit) under a
    payment being made on it, and a payment waits for an exit being recorded."""
    return (
        HardshipFile.objects.filter(person_id__in=person_ids)
        .select_for_update(of=("self",))
        .select_related("organization")
    )


def _facts(payment: Payment, program: ReliefProgram, spent_without: Decimal) -> PaymentFacts:
    facts = PaymentFacts(spent_without=spent_without)
    facts.number_taken = Payment.objects.filter(number=payment.number).exclude(pk=payment.pk).exists()
    if payment.person_id:
        facts.files = list(person_files_locked([payment.person_id]))
        # One payment per person per kind and year, across every organization's program.
        facts.earlier = (
            Payment.objects.filter(
                program__kind=program.kind, program__year=program.year, person_id=payment.person_id
            )
            .exclude(pk=payment.pk)
            .select_related("program", "organization")
            .first()
        )
    return facts


def _write(payment: Payment, **save_kwargs):
    """Save inside a savepoint; a constraint that a concurrent writer hit first becomes the
    rule's message instead of a server error."""
    try:
        with transaction.atomic():
            payment.save(**save_kwargs)
    except IntegrityError as exc:
        text = str(exc)
        if "payment_one_per_person_program" in text:
            raise ValidationError({"person": rule_refusal(RULE_ONCE, _("该人员已领取本项目帮扶"))})
        if "number" in text:
            raise ValidationError({"number": _("发放编号“%(number)s”已存在") % {"number": payment.number}})
        raise


@transaction.atomic
def payment_make(
    *,
    program: ReliefProgram,
    number: str,
    paid_on: datetime.date,
    cash: Decimal,
    goods: Decimal | None = None,
    person=None,
    unit=None,
    people_reached: int | None = None,
    note: str = "",
    by=None,
    scope: Organization | None = None,
) -> Payment:
    """Pay a person (holding a verified file on `paid_on`) or a unit (with the people it
    reached) from `program`, or raise ValidationError naming the rule that refuses it.
    `scope` is the payer's organization: the file or unit must lie in its subtree."""
    _require(by, "relief.add_payment")
    if scope is None and by is not None and not by.is_superuser:
        scope = user_root(by)  # the payer's subtree, even when the caller did not say it
    if by is not None and program.pk and not programs_usable_by_user(by, program):
        raise PermissionDenied
    if person is not None:
        notices_settle(person_ids=[person.pk])  # a notice that ended makes the file 已认定 first
    program = lock_program(program)
    payment = Payment(
        number=number,
        program=program,
        person=person,
        unit=unit,
        people_reached=people_reached,
        cash=cash,
        goods=goods or Decimal("0"),
        paid_on=paid_on,
        note=note or "",
        created_by=by if by is not None and by.is_authenticated else None,
    )
    problems = payment_problems(payment, program, facts=_facts(payment, program, program.spent), scope=scope)
    if problems:
        raise ValidationError(problems)
    with pghistory.context(user=history_user(by), action="发放"):
        _write(payment)  # the database adds it to the program's total (relief migration 0004)
    return payment


@transaction.atomic
def payment_correct(*, payment: Payment, changes: dict, reason: str, by, batch=None) -> Payment:
    """Correct a payment's money, date, people reached or note, with the reason; the same rules
    apply as when it was made. The change, who made it and why are in the payment's history."""
    _require(by, "relief.change_payment")
    require_scope(by, payment)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写更正原因")})
    if set(changes) - set(CORRECTABLE):
        raise ValidationError(_("发放对象和帮扶项目不能更正"))
    program = lock_program(payment.program)
    current = (
        Payment.objects.select_for_update(of=("self",))
        .select_related("unit__organization")
        .get(pk=payment.pk)
    )
    old_amount = current.amount
    changed = [name for name, value in changes.items() if getattr(current, name) != value]
    if not changed:
        raise ValidationError(_("没有任何改动"))
    for name in changed:
        setattr(current, name, changes[name])
    if current.goods is None:
        current.goods = Decimal("0")
    facts = _facts(current, program, program.spent - old_amount)
    # The file is picked again by the person: only among the corrector's subtree (a payment of
    # 城中区 must never move to a 鱼峰区 file), and the payment stays in that subtree.
    scope = user_root(by) if by is not None and not by.is_superuser else None
    problems = payment_problems(current, program, facts=facts, scope=scope)
    if problems:
        raise ValidationError(problems)
    fields = [*changed, "file", "organization"]
    if batch is not None:
        current.updated_batch = batch
        fields.append("updated_batch")
    with pghistory.context(user=history_user(by), reason=reason, action="更正"):
        _write(current, update_fields=fields)  # the database recounts the program's total
    return current


# -- programs and care services ---------------------------------------------------------------


@transaction.atomic
def program_save(*, program: ReliefProgram, by) -> ReliefProgram:
    """Create or change a program; its budget may not fall below what it has paid."""
    _require(by, "relief.change_reliefprogram" if program.pk else "relief.add_reliefprogram")
    if by is not None and not org_visible_to(by, program.organization):
        raise PermissionDenied  # a program belongs to an organization of the user's subtree
    if program.pk:
        locked = lock_program(program)
        if by is not None and not org_visible_to(by, locked.organization):
            raise PermissionDenied  # a program of an organization above (the city's) is its own
        if locked.organization_id != program.organization_id and locked.payments.exists():
            raise ValidationError({"organization": _("该项目已有帮扶发放,不能改变所属组织")})
        program.spent = locked.spent
        if program.budget is not None and program.budget < program.spent:
            raise ValidationError(
                {"budget": _("预算不能低于该项目已发放的%(spent)s") % {"spent": fmt_money(program.spent)}}
            )
    program.full_clean()
    with pghistory.context(user=history_user(by), action="保存项目"):
        program.save()
    return program


@transaction.atomic
def care_service_save(*, service: CareService, by) -> CareService:
    _require(by, "relief.change_careservice" if service.pk else "relief.add_careservice")
    require_scope(by, service)
    service.full_clean()
    with pghistory.context(user=history_user(by), action="保存关爱服务"):
        service.save()
    return service


# -- attachments of hardship files ------------------------------------------------------------

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
# extension -> (content type, the bytes such a file starts with)
ATTACHMENT_TYPES = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
}


def _attachment_type(uploaded) -> str:
    """The content type of an upload, checked by its extension and by its first bytes."""
    kind = ATTACHMENT_TYPES.get(PurePath(uploaded.name or "").suffix.lower())
    if kind is None:
        raise ValidationError({"attachment": _("只支持 PDF、JPG、PNG 格式的扫描件")})
    if not uploaded.size:
        raise ValidationError({"attachment": _("文件为空")})
    if uploaded.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            {"attachment": _("文件过大(超过%(mb)dMB)") % {"mb": ATTACHMENT_MAX_BYTES // 1024 // 1024}}
        )
    content_type, magic = kind
    uploaded.seek(0)
    head = uploaded.read(len(magic))
    uploaded.seek(0)
    if head != magic:
        raise ValidationError({"attachment": _("文件内容与扩展名不符,只支持 PDF、JPG、PNG 格式的扫描件")})
    return content_type


def attachment_add(*, file: HardshipFile, uploaded, by) -> FileAttachment:
    """Attach a scanned document (PDF/JPG/PNG, at most 10MB) to a file. It is stored under
    MEDIA_ROOT with a random name and kept like the file: there is no deletion."""
    _require(by, "relief.change_hardshipfile")
    require_scope(by, file)
    if by is not None and not org_visible_to(by, file.organization):
        raise PermissionDenied
    content_type = _attachment_type(uploaded)
    name = PurePath(uploaded.name).name[-255:]
    attachment = FileAttachment(
        file=file,
        filename=name,
        content_type=content_type,
        size=uploaded.size,
        uploaded_by=by if by is not None and by.is_authenticated else None,
    )
    attachment.stored.save(name, uploaded, save=False)
    try:
        with transaction.atomic():
            attachment.save()
    except Exception:
        attachment.stored.delete(save=False)
        raise
    return attachment
