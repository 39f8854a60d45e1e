"""Writes of the activities area. Every rule is the model's (activity_problems, honour_problems,
the happened dates), checked by full_clean() before anything is saved; the speakers are people
already registered that the user may see, named by ID number (speaker_refusal)."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from unionhub.orgs.scoping import visible_orgs
from unionhub.people.idnumbers import mask_id_number, validate_id_number
from unionhub.people.models import Person
from unionhub.people.services import OUT_OF_SCOPE, person_visible_to

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


def speaker_refusal(person: Person | None, number: str, user) -> str | None:
    """Why `number` cannot be a speaker for `user`, or None. A speaker is a person already
    registered that `user` may see (people.services.person_visible_to: one of their roles lies in
    the user's subtree); a number nobody has and a person of another subtree are refused in the
    same words, so the field tells nothing of other subtrees (issue 15, item 5). The form and
    the import kind both ask here. `user` None: the command line, which sees everyone."""
    if person is None or (user is not None and not person_visible_to(person, user)):
        return _("主讲人%(n)s:%(refusal)s") % {"n": mask_id_number(number), "refusal": OUT_OF_SCOPE}
    return None


def speakers_resolve(id_numbers: list[str], *, user) -> list[Person]:
    """The people named by `id_numbers` (each valid, and a speaker `user` may name), in that order."""
    numbers = [validate_id_number(n) for n in id_numbers]
    found = Person.objects.in_bulk(numbers, field_name="id_number")
    for n in numbers:
        refusal = speaker_refusal(found.get(n), n, user)
        if refusal:
            raise ValidationError({"speakers": refusal})
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
