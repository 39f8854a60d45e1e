"""The activities area's part of `seed_bench` (see unionhub/core/seeding.py): at the 1M city's
scale about 600 activities a year (lectures with their model-worker speakers, speech contests,
exhibitions, training courses, meetings hosted) and 40 honours, across the city, its districts
and some enterprise unions."""

import datetime

from activities.models import (
    Activity,
    ActivityKind,
    ActivitySpeaker,
    Honour,
    HonourKind,
    HonourLevel,
    MeetingLevel,
    TraineeGroup,
)
from unionhub.core.seeding import RECORD_YEARS, TODAY, D, SeedContext, ts

MODELS = [Activity, ActivitySpeaker, Honour]
THEME = "中国梦·劳动美 劳模工匠成长"
KIND_WEIGHTS = {
    ActivityKind.LECTURE: 30,
    ActivityKind.SPEECH_CONTEST: 8,
    ActivityKind.EXHIBITION: 6,
    ActivityKind.TRAINING: 25,
    ActivityKind.MEETING: 6,
    ActivityKind.CULTURE: 20,
    ActivityKind.OTHER: 5,
}


def seed(ctx: SeedContext) -> None:
    """Activities with their speakers (members, as the model workers are), and honours."""
    rnd = ctx.rng
    orgs = [ctx.city.pk] + [d.pk for d in ctx.districts]
    orgs += [pk for d in ctx.districts for pk in ctx.enterprise_orgs.get(d.pk, [])[:5]]
    # The model workers and craftsmen who speak: a few hundred members, each speaking now and then.
    pool = rnd.sample(range(1, ctx.n + 1), min(ctx.n, ctx.scaled(300, 5)))
    kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    activities, speakers, honours = [], [], []
    aid = sid = hid = 0
    for year in RECORD_YEARS:
        for seq in range(1, ctx.scaled(600, 12) + 1):
            start = D(year, 1, 1) + datetime.timedelta(days=rnd.randrange(365))
            end = start + datetime.timedelta(days=rnd.choice([0, 0, 1, 2, 3]))
            if end > TODAY:
                continue
            aid += 1
            kind = rnd.choices(kinds, weights)[0]
            group = rnd.choice(TraineeGroup.values) if kind == ActivityKind.TRAINING else ""
            level = ""
            if kind == ActivityKind.MEETING:
                level = rnd.choices(MeetingLevel.values, [1, 4, 20])[0]
            theme = THEME if kind == ActivityKind.LECTURE and rnd.random() < 0.7 else ""
            activities.append(
                (aid, f"HD{year}{seq:05d}", kind, f"{year}年{kind}活动第{seq}场", theme, start, end,
                 rnd.randrange(1, 6), rnd.randrange(20, 800), group, level, rnd.choice(orgs), ts(start))
            )  # fmt: skip
            if kind == ActivityKind.LECTURE:
                for person in rnd.sample(pool, min(len(pool), rnd.randrange(1, 4))):
                    sid += 1
                    speakers.append((sid, aid, person))
        for seq in range(1, ctx.scaled(40, 3) + 1):
            date = D(year, 1, 1) + datetime.timedelta(days=rnd.randrange(365))
            if date > TODAY:
                continue
            hid += 1
            kind = rnd.choice(HonourKind.values)
            ranked = kind == HonourKind.RANKING
            honours.append(
                (hid, f"{year}年{kind}第{seq}项", kind, rnd.choice(["全国总工会", "自治区总工会", "市委", "市政府"]),
                 rnd.choice(HonourLevel.values), date, 1 if ranked else None,
                 rnd.randrange(1, 6) if ranked else None, rnd.choice(orgs), ts(date))
            )  # fmt: skip
    ctx.copy(
        Activity,
        ["id", "number", "kind", "name", "theme", "start", "end", "sessions", "participants", "trainee_group",
         "meeting_level", "organization_id", "created_at"],
        activities,
    )  # fmt: skip
    ctx.copy(ActivitySpeaker, ["id", "activity_id", "person_id"], speakers)
    ctx.copy(
        Honour,
        ["id", "name", "kind", "awarded_by", "level", "date", "rank", "years", "organization_id", "created_at"],
        honours,
    )  # fmt: skip
