"""Reads of the activities area: scoped querysets for the pages, the report's figures, a
person's activities."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from unionhub.core.history import event_model_of, record_history
from unionhub.orgs.scoping import get_visible_or_404
from unionhub.people.models import Person
from unionhub.people.registry import record_roles

from .models import HOSTED_LEVELS, Activity, ActivityKind, ActivitySpeaker, Honour, TraineeGroup


def activities_figures(*, org, year: int, as_of: datetime.date) -> dict:
    """The `activities` figures of annual-report.md: activities of `org`'s subtree starting in
    `year` on or before `as_of`, and the honours received in that period."""
    activities = Activity.objects.within(org).filter(start__year=year, start__lte=as_of)
    by_kind = {
        row["kind"]: row
        for row in activities.values("kind").annotate(
            n=Count("pk"), s=Sum("sessions", default=0), p=Sum("participants", default=0)
        )
    }
    trained = dict(
        activities.filter(kind=ActivityKind.TRAINING)
        .values_list("trainee_group")
        .annotate(p=Sum("participants", default=0))
    )
    speakers = (
        ActivitySpeaker.objects.filter(activity__in=activities.filter(kind=ActivityKind.LECTURE))
        .values("person_id")
        .distinct()
        .count()
    )
    meetings = activities.filter(kind=ActivityKind.MEETING, meeting_level__in=HOSTED_LEVELS).order_by(
        "start", "name"
    )
    themes = (
        activities.filter(kind=ActivityKind.LECTURE)
        .exclude(theme="")
        .values("theme")
        .annotate(n=Count("pk"), s=Sum("sessions"), p=Sum("participants"))
    )
    honours = Honour.objects.within(org).filter(date__year=year, date__lte=as_of).order_by("date", "name")
    return {
        "by_kind": {
            k.value: {
                "activities": by_kind.get(k.value, {}).get("n", 0),
                "sessions": by_kind.get(k.value, {}).get("s", 0),
                "participants": by_kind.get(k.value, {}).get("p", 0),
            }
            for k in ActivityKind
        },
        "speakers": speakers,
        "trained": {g.value: trained.get(g.value, 0) for g in TraineeGroup},
        "meetings_hosted": [
            {"name": m.name, "level": m.meeting_level, "date": m.start.isoformat()} for m in meetings
        ],
        "honours": [
            {
                "name": h.name,
                "kind": h.kind,
                "level": h.level,
                "date": h.date.isoformat(),
                "rank": h.rank,
                "years": h.years,
            }
            for h in honours
        ],
        # Beyond annual-report.md's list: the lectures' themes, for the sentence the seed writes
        # ("开展31场'中国梦·劳动美 劳模工匠成长'宣讲活动"), most sessions first.
        "lecture_themes": [
            {"name": t["theme"], "activities": t["n"], "sessions": t["s"], "participants": t["p"]}
            for t in sorted(themes, key=lambda t: (-t["s"], t["theme"]))
        ],
    }


# -- pages ---------------------------------------------------------------------------------


def activities_for_user(user):
    # Meta.ordering is not applied to a query with an aggregate: order it here.
    return (
        Activity.objects.visible_to(user)
        .select_related("organization")
        .annotate(n_speakers=Count("speaker_links"))
        .order_by("-start", "-number")
    )


def activity_get_for_user(*, user, pk) -> Activity:
    return get_visible_or_404(Activity.objects.select_related("organization"), user, pk=pk)


def activity_speakers(activity: Activity):
    return activity.speakers.order_by("name", "pk")


def honours_for_user(user):
    return Honour.objects.visible_to(user).select_related("organization")


def honour_get_for_user(*, user, pk) -> Honour:
    return get_visible_or_404(Honour.objects.select_related("organization"), user, pk=pk)


ACTIVITY_HISTORY_FIELDS = (
    "kind",
    "name",
    "theme",
    "start",
    "end",
    "sessions",
    "participants",
    "trainee_group",
    "meeting_level",
    "organization_id",
)
HONOUR_HISTORY_FIELDS = ("name", "kind", "awarded_by", "level", "date", "rank", "years", "organization_id")


def activity_history(activity: Activity) -> list[dict]:
    """Every change of the activity's fields (forms, imports and bulk updates alike)."""
    return record_history(activity, ACTIVITY_HISTORY_FIELDS)


def speaker_history(activity: Activity) -> list[dict]:
    """Speakers added and removed, oldest first: {at, added (bool), person, user}."""
    events = list(
        event_model_of(ActivitySpeaker)
        .objects.filter(activity_id=activity.pk)
        .select_related("pgh_context")
        .order_by("pgh_id")
    )
    metas = [e.pgh_context.metadata if e.pgh_context else {} for e in events]
    users = get_user_model().objects.in_bulk({m["user"] for m in metas if m.get("user")})
    people = Person.objects.in_bulk({e.person_id for e in events})
    return [
        {
            "at": e.pgh_created_at,
            "added": e.pgh_label == "speaker.add",
            "person": people.get(e.person_id),
            "user": users.get(meta.get("user")),
        }
        for e, meta in zip(events, metas, strict=True)
    ]


def honour_history(honour: Honour) -> list[dict]:
    return record_history(honour, HONOUR_HISTORY_FIELDS)


def person_activity_roles(person, user) -> list:
    """The activities `person` spoke at that `user` may see (people registry)."""
    return record_roles(
        _("活动主讲人"),
        "activities:detail",
        Activity.objects.visible_to(user).filter(speaker_links__person=person).order_by("-start"),
        lambda a: f"{a.number} · {a.start:%Y-%m-%d} · {a.kind} · {a.name}",
    )
