"""Writes and the rules they hold. Forms and the import kinds call the same rule functions, so a
record refused by one is refused by the other with the same Chinese message.

The `*_problems` functions check values and return {model field: message}; the import maps a field
to its column header, a form to its field.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.people.services import out_of_scope, person_resolve

from .models import Drive, Employer, Member


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
    status: str,
    key_group: str,
    is_migrant: bool,
    by,
) -> Member:
    """Make `id_number` a member. A person already known by that ID number is reused
    (people.person_resolve: the name must match). One who is already a member raises
    ExistingMember when `by` may see the membership, and otherwise the refusal that says only
    that the number cannot be used here (the same as for any person of another subtree)."""
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


def member_update(*, member: Member, name: str, phone: str, by, **values) -> Member:
    """Correct a membership and its person's name and phone."""
    with transaction.atomic():
        person = member.person
        _raise(
            member_problems(
                join_date=values["join_date"], birth_date=person.birth_date, today=timezone.localdate()
            )
        )
        if person.name != name or person.phone != (phone or ""):
            person.name, person.phone = name, phone or ""
            person.save(update_fields=["name", "phone"])
        for field, value in values.items():
            setattr(member, field, value)
        member.full_clean()
        member.save()
    return member


def employer_save(*, employer: Employer, by) -> Employer:
    """Create or correct an employer after checking the rules the import checks."""
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


def drive_save(*, drive: Drive, by) -> Drive:
    _raise(drive_problems(start=drive.start, end=drive.end))
    with transaction.atomic():
        drive.full_clean()
        drive.save()
    return drive
