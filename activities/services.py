"""Writes of the activities area. Every rule is the model's (activity_problems, honour_problems,
the happened dates), checked by full_clean() before anything is saved; the speakers are people
already registered, named by ID number."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from unionhub.orgs.scoping import visible_orgs
from unionhub.people.idnumbers import validate_id_number
from unionhub.people.models import Person

from .models import Activity, ActivitySpeaker, Honour

SEPARATORS = r"[、,,;;\s]+"


def split_id_numbers(text: str) -> list[str]:
    """The ID numbers of a speakers cell or field (`、` `,` `;` or spaces between), in order, once each."""
    out = []
    for part in re.split(SEPARATORS, text or ""):
        part = part.strip().upper()
        if part and part not in out:
            out.append(part)
    return out


def unknown_speaker_message(number: str) -> str:
    return _("身份证号“%(n)s”不是已登记的人员") % {"n": number}


def speakers_resolve(id_numbers: list[str]) -> list[Person]:
    """The people named by `id_numbers` (each valid and already registered), in that order."""
    numbers = [validate_id_number(n) for n in id_numbers]
    found = Person.objects.in_bulk(numbers, field_name="id_number")
    missing = [n for n in numbers if n not in found]
    if missing:
        raise ValidationError({"speakers": unknown_speaker_message(missing[0])})
    return [found[n] for n in numbers]


def _check_scope(obj, user):
    if user is not None and not visible_orgs(user).filter(pk=obj.organization_id).exists():
        raise ValidationError({"organization": _("所属工会组织不在您的管辖范围内")})


def speakers_set(activity: Activity, people: list[Person]) -> bool:
    """Make the activity's speakers exactly `people`; True when that changed anything."""
    wanted = {p.pk for p in people}
    current = set(ActivitySpeaker.objects.filter(activity=activity).values_list("person_id", flat=True))
    if wanted == current:
        return False
    ActivitySpeaker.objects.filter(activity=activity).exclude(person_id__in=wanted).delete()
    ActivitySpeaker.objects.bulk_create(
        [ActivitySpeaker(activity=activity, person_id=pk) for pk in wanted - current]
    )
    return True


@transaction.atomic
def activity_save(*, activity: Activity, speakers: list[Person] | None = None, user=None) -> Activity:
    """Create or change an activity (its organization within the user's subtree) and, when
    `speakers` is given, make them its speakers."""
    if activity.pk:
        Activity.objects.select_for_update().filter(pk=activity.pk).first()
    _check_scope(activity, user)
    activity.full_clean()
    activity.save()
    if speakers is not None:
        speakers_set(activity, speakers)
    return activity


@transaction.atomic
def honour_save(*, honour: Honour, user=None) -> Honour:
    if honour.pk:
        Honour.objects.select_for_update().filter(pk=honour.pk).first()
    _check_scope(honour, user)
    honour.full_clean()
    honour.save()
    return honour
