"""Import kinds of the skills area: contest_entries, craftsmen, model_workers, promotions
(import-formats.md)."""

from members.models import Employer, Industry
from unionhub.imports import cells
from unionhub.imports.kinds import ORG, ORG_COLUMN, UNCHANGED, UPDATED, Column, ImportKind, RowError

from .models import (
    Contest,
    CraftsmanAward,
    Entry,
    ModelWorker,
    Promotion,
    Trade,
    team_rank_problem,
)
from .services import contest_rank

TEAM_RANK = "团体名次"
EMPLOYER = "工作单位统一社会信用代码"


def trade_name(raw) -> str:
    return cells.text(raw, max_length=50)


def _trades(rows, ctx, header="工种") -> None:
    ctx.prefetch(Trade, "name", {r[header] for r in rows})


def _trade(row, ctx, header="工种") -> Trade:
    """The trade named in the row, created if new (the formats say so)."""
    return ctx.get_or_create(Trade, "name", row[header])


def _employers(rows, ctx) -> None:
    ctx.prefetch(Employer, "credit_code", {r[EMPLOYER] for r in rows})


def _employer(row, ctx) -> Employer | None:
    code = row[EMPLOYER]
    return None if code is None else ctx.reference(Employer, "credit_code", code, EMPLOYER)


def _given_rank(entry) -> int | None:
    """The 名次 the file gave (a rank the contest's scores gave is not exported)."""
    return entry.rank if entry.rank_given else None


class ContestEntryKind(ImportKind):
    name = "contest_entries"
    label = "技能竞赛成绩"
    model = Entry
    key = ("赛事名称", "年度", "工种", "身份证号")
    person_columns = ("身份证号", "姓名", None)
    rollback_models = (Entry, Contest)
    export_order = ("contest__year", "contest__name", "trade__name", "rank", "pk")
    columns = [
        Column("年度", cells.year, field="contest.year"),
        Column("赛事名称", cells.text, field="contest.name"),
        Column("赛事级别", cells.choice(Contest.level.field), field="contest.level"),
        Column("工种", trade_name, field="trade.name"),
        Column("姓名", cells.text, field="person.name"),
        Column("身份证号", cells.id_number, field="person.id_number"),
        Column(EMPLOYER, cells.credit_code, field="employer.credit_code", required=False),
        Column("成绩", cells.score, field="score", required=False),
        Column(
            "名次",
            cells.positive_count,
            field=_given_rank,
            required=False,
            help="市级赛事不填时按成绩自动排名",
        ),
        Column(
            TEAM_RANK,
            cells.positive_count,
            field="contest.team_rank",
            required=False,
            help="本市代表队的团体名次(仅自治区级、全国赛事);同一赛事各行须一致",
        ),
        ORG_COLUMN,
    ]

    def prepare(self, rows, ctx):
        _trades(rows, ctx)
        _employers(rows, ctx)
        contests = ctx.state.setdefault("contests", {})
        names = {r["赛事名称"] for r in rows} - {name for name, _ in contests}
        for contest in Contest.objects.filter(name__in=names):
            contests[(contest.name, contest.year)] = contest
        people = [r.person.pk for r in rows if r.person is not None]
        entries = ctx.state["entries"] = {}
        for entry in Entry.objects.filter(
            person_id__in=people, contest__name__in={r["赛事名称"] for r in rows}
        ):
            entries[(entry.contest_id, entry.trade_id, entry.person_id)] = entry

    def _contest(self, row, ctx) -> Contest:
        contests = ctx.state["contests"]
        key = (row["赛事名称"], row["年度"])
        contest = contests.get(key)
        if contest is None:
            contest = contests[key] = ctx.create_now(Contest(name=key[0], year=key[1], level=row["赛事级别"]))
        elif contest.level != row["赛事级别"]:
            raise RowError("赛事级别", f"与已有赛事“{contest.name}”的级别“{contest.level}”不一致")
        return contest

    def _team_rank(self, row, contest, ctx) -> bool:
        """Check the row's 团体名次 against the contest's level and the file's earlier rows of the
        same contest; store it on the contest. True when that changed the contest."""
        value = row[TEAM_RANK]
        if value is None:
            return False
        problem = team_rank_problem(row["赛事级别"], value)
        if problem:
            raise RowError(TEAM_RANK, str(problem))
        seen = ctx.state.setdefault("team_ranks", {})
        first = seen.get(contest.pk)
        if first is not None and first[0] != value:
            raise RowError(TEAM_RANK, f"与第{first[1]}行同一赛事的团体名次“{first[0]}”不一致")
        seen.setdefault(contest.pk, (value, row.number))
        if contest.team_rank == value:
            return False
        contest.team_rank = value
        ctx.update_now(contest, ["team_rank"])
        return True

    def apply(self, row, ctx):
        outcome = self._apply(row, ctx)
        if outcome == UNCHANGED and row.values.get("_contest_changed"):
            return UPDATED
        return outcome

    def _apply(self, row, ctx):
        org = ctx.org(row[ORG])
        employer = _employer(row, ctx)
        problem = team_rank_problem(row["赛事级别"], row[TEAM_RANK])
        if problem:
            raise RowError(TEAM_RANK, str(problem))
        contest = self._contest(row, ctx)
        trade = _trade(row, ctx)
        row.values["_contest_changed"] = self._team_rank(row, contest, ctx)
        ctx.state.setdefault("touched", set()).add(contest.pk)
        values = self.values(row, ctx, employer=employer, organization=org)
        rank = row["名次"]
        values["rank_given"] = rank is not None
        if rank is not None or not contest.ranks_from_scores:
            values["rank"] = rank
        key = (contest.pk, trade.pk, row.person.pk)
        return ctx.upsert(
            ctx.state["entries"], key, values, Entry, contest=contest, trade=trade, person=row.person
        )

    def finish(self, ctx):
        ctx.flush()
        for contest in Contest.objects.filter(pk__in=ctx.state.get("touched", ())):
            contest_rank(contest)


class CraftsmenKind(ImportKind):
    name = "craftsmen"
    label = "工匠评选"
    model = CraftsmanAward
    key = ("年度", "身份证号")
    person_columns = ("身份证号", "姓名", None)
    rollback_models = (CraftsmanAward,)
    export_order = ("year", "title", "pk")
    columns = [
        Column("年度", cells.year, field="year"),
        Column("称号", cells.choice(CraftsmanAward.title.field)),
        Column("姓名", cells.text, field="person.name"),
        Column("身份证号", cells.id_number, field="person.id_number"),
        Column(EMPLOYER, cells.credit_code, field="employer.credit_code"),
        Column("行业", cells.text, field="industry.name"),
        ORG_COLUMN,
    ]

    def prepare(self, rows, ctx):
        _employers(rows, ctx)
        ctx.prefetch(Industry, "name", {r["行业"] for r in rows})
        people = [r.person.pk for r in rows if r.person is not None]
        ctx.state["awards"] = {
            (a.person_id, a.year): a
            for a in CraftsmanAward.objects.filter(person_id__in=people, year__in={r["年度"] for r in rows})
        }

    def apply(self, row, ctx):
        org = ctx.org(row[ORG])
        employer = _employer(row, ctx)
        industry = ctx.lookup(Industry, "name", row["行业"])
        if industry is None:
            raise RowError("行业", f"行业“{row['行业']}”不在行业列表中")
        values = self.values(row, ctx, employer=employer, industry=industry, organization=org)
        key = (row.person.pk, row["年度"])
        return ctx.upsert(
            ctx.state["awards"], key, values, CraftsmanAward, year=row["年度"], person=row.person
        )


class ModelWorkerKind(ImportKind):
    name = "model_workers"
    label = "劳模"
    model = ModelWorker
    key = ("身份证号", "称号")
    person_columns = ("身份证号", "姓名", None)
    rollback_models = (ModelWorker,)
    export_order = ("year", "title", "pk")
    columns = [
        Column("姓名", cells.text, field="person.name"),
        Column("身份证号", cells.id_number, field="person.id_number"),
        Column("称号", cells.choice(ModelWorker.title.field)),
        Column("年度", cells.year, field="year", help="获得称号的年度,不能晚于今年"),
        Column(EMPLOYER, cells.credit_code, field="employer.credit_code", required=False),
        ORG_COLUMN,
    ]

    def prepare(self, rows, ctx):
        _employers(rows, ctx)
        people = [r.person.pk for r in rows if r.person is not None]
        ctx.state["titles"] = {
            (t.person_id, t.title): t
            for t in ModelWorker.objects.filter(person_id__in=people).select_related("organization")
        }

    def apply(self, row, ctx):
        org = ctx.org(row[ORG])
        employer = _employer(row, ctx)
        key = (row.person.pk, row["称号"])
        worker = ctx.state["titles"].get(key)
        if worker is not None and worker.organization_id not in ctx.org_ids:
            raise RowError("身份证号", f"该人员的“{row['称号']}”称号登记在您的管辖范围之外")
        values = self.values(row, ctx, employer=employer, organization=org)
        titles = ctx.state["titles"]
        return ctx.upsert(titles, key, values, ModelWorker, person=row.person, title=row["称号"])


class PromotionKind(ImportKind):
    name = "promotions"
    label = "技能晋升"
    model = Promotion
    key = ("身份证号", "工种", "晋升等级")
    person_columns = ("身份证号", "姓名", None)
    rollback_models = ()  # the subsidy is money: promotions are never deleted
    export_order = ("certified_on", "pk")
    columns = [
        Column("姓名", cells.text, field="person.name"),
        Column("身份证号", cells.id_number, field="person.id_number"),
        Column("工种", trade_name, field="trade.name"),
        Column("晋升等级", cells.choice(Promotion.level.field)),
        Column("取证日期", cells.date, field="certified_on"),
        Column("培训补贴", cells.money, field="subsidy", required=False),
        ORG_COLUMN,
    ]

    def prepare(self, rows, ctx):
        _trades(rows, ctx)
        people = [r.person.pk for r in rows if r.person is not None]
        ctx.state["promotions"] = {
            (p.person_id, p.trade_id, p.level): p for p in Promotion.objects.filter(person_id__in=people)
        }

    def apply(self, row, ctx):
        org = ctx.org(row[ORG])
        trade = _trade(row, ctx)
        values = self.values(row, ctx, organization=org)
        key = (row.person.pk, trade.pk, row["晋升等级"])
        promotions = ctx.state["promotions"]
        return ctx.upsert(promotions, key, values, Promotion, person=row.person, trade=trade, level=key[2])


KINDS = [ContestEntryKind(), CraftsmenKind(), ModelWorkerKind(), PromotionKind()]
