"""The activities area's list pages for tests/scale/test_query_counts.py: `PAGES` maps a URL name
to (builder, url kwargs); a builder adds n rows the city user sees, each with its own related
records (speakers, organization), so a page that queries per row shows it."""

import datetime
import itertools

from activities.models import Activity, ActivitySpeaker, Honour
from tests.scale.builders import people

D = datetime.date
_n = itertools.count(1)


def build_activities(w, n):
    activities = Activity.objects.bulk_create(
        Activity(number=f"HDQ{next(_n):06d}", kind="宣讲", name="宣讲", start=D(2018, 5, 1), end=D(2018, 5, 1),
                 sessions=1, participants=10, organization=w.cz)
        for _ in range(n)
    )  # fmt: skip
    speakers = people(n)
    ActivitySpeaker.objects.bulk_create(
        ActivitySpeaker(activity=a, person=p) for a, p in zip(activities, speakers, strict=True)
    )


def build_honours(w, n):
    Honour.objects.bulk_create(
        Honour(name=f"荣誉{next(_n)}", kind="锦旗", awarded_by="某单位", level="市级", date=D(2018, 6, 1),
               organization=w.cz)
        for _ in range(n)
    )  # fmt: skip


def build_speakers(w, n):
    if not hasattr(w, "activity"):
        w.activity = Activity.objects.create(
            number="HDQ-ONE",
            kind="宣讲",
            name="宣讲",
            start=D(2018, 5, 1),
            end=D(2018, 5, 1),
            organization=w.cz,
        )
    ActivitySpeaker.objects.bulk_create(ActivitySpeaker(activity=w.activity, person=p) for p in people(n))


PAGES = {
    "activities:list": (build_activities, None),
    "activities:honours": (build_honours, None),
    "activities:detail": (build_speakers, lambda w: {"pk": w.activity.pk}),
}
