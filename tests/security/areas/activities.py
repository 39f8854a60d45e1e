"""activities: an activity of LZ-CZ whose speaker is the world's person, and an honour."""

import datetime

from activities.models import Activity, ActivitySpeaker, Honour
from tests.security.matrix import Audited, record_pages
from tests.security.world import LEAK

D = datetime.date

ACCESS = {
    **record_pages(
        "activities.activity", "activity",
        list="activities:list", add="activities:create", view="activities:detail", change="activities:edit",
    ),
    **record_pages(
        "activities.honour", "honour",
        list="activities:honours", add="activities:honour_create", view="activities:honour",
        change="activities:honour_edit",
    ),
}  # fmt: skip

AUDITED = {
    "activities.Activity": Audited("activity", "participants", 180),
    "activities.Honour": Audited("honour", "years", 4),
}
# A speaker link has no field to change: its additions and removals are its events.
NOT_AUDITED = {"activities.ActivitySpeaker": "a link: added and removed, never changed"}
HISTORY_PAGES = {"activities.Activity": "activities:detail", "activities.Honour": "activities:honour"}

QUERY_SHAPES = {"activities:list": ["?kind=宣讲&year=2018"], "activities:honours": ["?year=2018"]}


def records(world):
    world.activity = Activity.objects.create(
        number="HD2018-0001",
        kind="宣讲",
        name=f"{LEAK}宣讲",
        theme=f"{LEAK}主题",
        start=D(2018, 5, 1),
        end=D(2018, 5, 2),
        sessions=2,
        participants=100,
        organization=world.cz,
    )
    ActivitySpeaker.objects.create(activity=world.activity, person=world.person)
    world.honour = Honour.objects.create(
        name=f"{LEAK}荣誉",
        kind="考评排名",
        awarded_by=f"{LEAK}单位",
        level="市级",
        rank=2,
        years=3,
        date=D(2018, 6, 1),
        organization=world.cz,
    )
