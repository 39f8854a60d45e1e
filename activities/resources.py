"""The `activities` (活动, key 活动编号) and `honours` (荣誉, key 荣誉名称 + 获得日期 + 所属工会组织代码)
import kinds of import-formats.md. The rules are the models' (activity_problems, honour_problems,
the happened dates), each with its one message; a speaker must be a person already registered."""

from unionhub.imports import cells
from unionhub.imports.kinds import ORG, ORG_COLUMN, UNCHANGED, Column, ImportKind, RowError, raise_first
from unionhub.people.models import Person

from . import services
from .models import (
    Activity,
    Honour,
    activity_problems,
    honour_problems,
)

SPEAKERS = "主讲人身份证号"
ACTIVITY_HEADER = {"trainee_group": "培训对象", "meeting_level": "会议级别"}
HONOUR_HEADER = {"rank": "名次", "years": "连续年数"}


def id_numbers(raw) -> list[str]:
    """ID numbers separated by `、` `,` or `;`, each a valid one."""
    numbers = services.split_id_numbers(cells.text(raw, max_length=2000))
    for number in numbers:
        try:
            cells.id_number(number)
        except cells.CellError as exc:
            raise cells.CellError(f"“{number}”{exc}")
    return numbers


id_numbers.holds_id_numbers = True  # masked number by number in a masked export


def format_id_numbers(numbers) -> str:
    return "、".join(numbers)


def _speaker_numbers(activity) -> list[str] | None:
    return sorted(p.id_number for p in activity.speakers.all()) or None


def _speaker_refusal(ctx, person, number: str) -> str | None:
    """services.speaker_refusal for the importer (the batch's creator), once per number."""
    refusals = ctx.state.setdefault("speaker_refusals", {})
    if number not in refusals:
        user = ctx.batch.created_by if ctx.batch.created_by_id else None
        refusals[number] = services.speaker_refusal(person, number, user)
    return refusals[number]


class ActivityKindImport(ImportKind):
    name = "activities"
    label = "活动"
    model = Activity
    key = ("活动编号",)
    outside = "活动“{}”不在您的管辖范围内"
    rollback_models = (Activity,)
    export_order = ("start", "number")
    export_prefetch = ("speakers",)
    columns = [
        Column("活动编号", lambda raw: cells.text(raw, max_length=30), field="number"),
        Column("活动类型", cells.choice(Activity.kind.field)),
        Column("活动名称", cells.text, field="name"),
        Column("主题", cells.text, field="theme", required=False),
        Column("开始日期", cells.date, field="start"),
        Column("结束日期", cells.date, field="end"),
        Column("场次", cells.positive_count, field="sessions"),
        Column("参与人次", cells.count, field="participants"),
        Column("培训对象", cells.choice(Activity.trainee_group.field), required=False, help="培训活动必填"),
        Column(
            "会议级别",
            cells.choice(Activity.meeting_level.field),
            required=False,
            help="会议:所承办会议的级别",
        ),
        Column(
            SPEAKERS,
            id_numbers,
            field=_speaker_numbers,
            required=False,
            format=format_id_numbers,
            help="用“、”“,”或“;”分隔;须为本组织已登记的人员",
        ),
        ORG_COLUMN,
    ]

    def prepare(self, rows, ctx):
        super().prepare(rows, ctx)
        ctx.prefetch(Person, "id_number", {n for r in rows for n in (r[SPEAKERS] or [])})

    def apply(self, row, ctx):
        values = self.values(row, ctx)
        activity = self.record(row, ctx)
        speakers = []
        for number in row[SPEAKERS] or []:
            person = ctx.lookup(Person, "id_number", number)
            refusal = _speaker_refusal(ctx, person, number)
            if refusal:
                raise RowError(SPEAKERS, refusal)
            speakers.append(person)
        raise_first(activity_problems(Activity(**values)), ACTIVITY_HEADER)
        created = activity is None
        if created:
            activity = Activity(number=row["活动编号"], **values)
            changed = ["*"]
        else:
            ctx.refuse_repeat(activity)
            changed = ctx.assign(activity, **values)
        ctx.check_dates(activity)
        # Speakers are rows of their own (ActivitySpeaker), so the activity is written now, not
        # with the batch; the whole import is still one transaction, rolled back on any bad row.
        if changed:
            ctx.stamp(activity, created)
            activity.save()
            ctx.remember(Activity, "number", activity)
        speakers_changed = services.speakers_set(activity, speakers)
        if not changed and not speakers_changed:
            return UNCHANGED
        if not changed:
            ctx.stamp(activity, created)
            Activity.objects.filter(pk=activity.pk).update(updated_batch_id=ctx.batch.pk)
        return ctx.saved(activity, created)


class HonourKindImport(ImportKind):
    name = "honours"
    label = "荣誉"
    model = Honour
    key = ("荣誉名称", "获得日期", ORG)
    rollback_models = (Honour,)
    export_order = ("date", "name")
    columns = [
        Column("荣誉名称", cells.text, field="name"),
        Column("荣誉类型", cells.choice(Honour.kind.field)),
        Column("颁发单位", cells.text, field="awarded_by"),
        Column("级别", cells.choice(Honour.level.field)),
        Column("获得日期", cells.date, field="date"),
        Column("名次", cells.positive_count, field="rank", required=False, help="考评排名必填"),
        Column("连续年数", cells.positive_count, field="years", required=False),
        ORG_COLUMN,
    ]

    def prepare(self, rows, ctx):
        """The honours already recorded under the batch's names in the importer's subtree."""
        cache = ctx.state.setdefault("honours", {})
        loaded = ctx.state.setdefault("honour_names", set())
        names = {r["荣誉名称"] for r in rows} - loaded
        for honour in Honour.objects.within(ctx.root).filter(name__in=names):
            cache[(honour.name, honour.date, honour.organization_id)] = honour
        loaded |= names

    def apply(self, row, ctx):
        org = ctx.org(row[ORG])
        key = (row["荣誉名称"], row["获得日期"], org.pk)
        values = self.values(row, ctx)
        identity = {"name": key[0], "date": key[1], "organization": org}
        raise_first(honour_problems(Honour(**identity, **values)), HONOUR_HEADER)
        return ctx.upsert(ctx.state["honours"], key, values, Honour, **identity)


KINDS = [ActivityKindImport(), HonourKindImport()]
