"""The members area's part of `seed_bench` (see unionhub/core/seeding.py): ~5,000 employers with
unions and ~30,000 without (industries, lead enterprises and their chains, at the 1M city's scale),
N members with their persons (valid GB 11643 ID numbers with plausible birth dates, names, key
groups ~5%, migrant workers ~30%, join dates over twenty years), their transfers between districts
(~0.5% of members, and at least 150 in a small city such as the demo's, moved to another
district's organization since 2019; a few transfers waiting in 城中区's inbox) and the recruitment drives.

Runs first: it publishes the per-member and per-employer facts (`ctx.m_*`, `ctx.emp_*`) that the
other areas' seeders draw on.
"""

import bisect
import datetime
import itertools
import random
from decimal import Decimal

from django.db import connection

from members.models import (
    Drive,
    Employer,
    Industry,
    KeyGroup,
    Member,
    MembershipPeriod,
    Transfer,
    TransferState,
)
from unionhub.core.seeding import (
    DISTRICT_CUM,
    PERSON_COLUMNS,
    RECORD_YEARS,
    STREETS,
    SUFFIXES,
    TODAY,
    WORDS,
    D,
    SeedContext,
    credit_code,
    days,
    ts,
)
from unionhub.people.models import Person

MODELS = [Employer, Member, Transfer, Drive]
FIRST_YEAR = 2007  # join dates spread over twenty years
JOIN_YEARS = list(range(FIRST_YEAR, TODAY.year + 1))
JOIN_CUM = list(itertools.accumulate(10 + 2 * (y - FIRST_YEAR) for y in JOIN_YEARS))


def seed(ctx: SeedContext) -> None:
    """Employers, then N members and their persons (ids 1..N), then the drives."""
    employers(ctx)
    members(ctx)
    drives(ctx)


def employers(ctx):
    rnd = ctx.rng
    industries = dict(Industry.objects.values_list("name", "pk"))
    names = list(industries)
    weights = [
        {"汽车制造": 8, "机械制造": 8, "商贸": 10, "建筑": 8, "餐饮": 8, "其他": 10}.get(n, 4) for n in names
    ]
    ctx.industry_ids = [industries[n] for n in names]
    big = [o for d in ctx.districts for o in ctx.enterprise_orgs[d.pk]]
    n_union = max(len(big) + 10, ctx.scaled(5000))
    n_none = ctx.scaled(30000, 10)
    ctx.emp_org, ctx.emp_district, ctx.emp_union, ctx.emp_industry = [None], [None], [False], [None]
    ctx.emp_headcount, ctx.emp_private = [0], [False]
    rows, eid = [], 0
    d_ids = [d.pk for d in ctx.districts]

    def add(org, district, has_union, founded, headcount, private, lead=None):
        nonlocal eid
        eid += 1
        industry = rnd.choices(names, weights)[0]
        words = "".join(rnd.sample(WORDS, 2))
        name = f"柳州{rnd.choice(STREETS)}{words}{industry}{rnd.choice(SUFFIXES)}"
        rows.append(
            (
                eid,
                f"{name[:-4]}{eid}号{name[-4:]}",
                credit_code(eid),
                org,
                industries[industry],
                "非公" if private else "公有",
                headcount,
                has_union,
                founded,
                lead,
            )
        )
        ctx.emp_org.append(org)
        ctx.emp_district.append(district)
        ctx.emp_union.append(has_union)
        ctx.emp_industry.append(industries[industry])
        ctx.emp_headcount.append(headcount)
        ctx.emp_private.append(private)
        return eid

    def founded_on(first, last):
        start = D(first, 1, 1)
        return start + datetime.timedelta(days=rnd.randrange(days(start, min(D(last, 12, 31), TODAY))))

    # The big employers: one enterprise union each.
    ctx.big_employers = []
    for org in big:
        district = ctx.district_of[org]
        ctx.big_employers.append(
            add(org, district, True, founded_on(1985, 2016), rnd.randrange(800, 12000), rnd.random() > 0.4)
        )
    # Employers with a union of their district or a joint union, founding over the years.
    for _ in range(n_union - len(big)):
        district = rnd.choices(d_ids, cum_weights=DISTRICT_CUM)[0]
        org = rnd.choice(ctx.joint_orgs[district]) if rnd.random() < 0.3 else district
        add(org, district, True, founded_on(2000, TODAY.year), rnd.randrange(15, 800), rnd.random() > 0.15)
    # Employers without a union.
    for _ in range(n_none):
        district = rnd.choices(d_ids, cum_weights=DISTRICT_CUM)[0]
        add(district, district, False, None, rnd.randrange(3, 300), rnd.random() > 0.05)
    # Chain campaigns: thirty lead enterprises, each with a chain of smaller private employers.
    ctx.leads = rnd.sample(ctx.big_employers, min(30, len(ctx.big_employers)))
    small = range(len(big) + 1, eid + 1)
    chained = rnd.sample(small, min(len(small) // 2, ctx.scaled(1500, 10)))
    leads = {e: rnd.choice(ctx.leads) for e in chained}
    rows = [r[:-1] + (leads.get(r[0]),) for r in rows]
    for e in chained:  # private employers; the campaign got half of those without a union to found one
        row = list(rows[e - 1])
        row[5] = "非公"
        ctx.emp_private[e] = True
        if not row[7] and rnd.random() < 0.5:
            row[7], row[8] = True, founded_on(RECORD_YEARS[0], TODAY.year)
            ctx.emp_union[e] = True
        rows[e - 1] = tuple(row)
    ctx.n_employers = eid
    ctx.copy(
        Employer,
        ["id", "name", "credit_code", "organization_id", "industry_id", "ownership", "headcount",
         "has_union", "union_founded_on", "lead_id"],
        rows,
    )  # fmt: skip


def join_date(ctx) -> D:
    rnd = ctx.rng
    year = rnd.choices(JOIN_YEARS, cum_weights=JOIN_CUM)[0]
    start = D(year, 1, 1)
    end = min(D(year, 12, 31), TODAY)
    return start + datetime.timedelta(days=rnd.randrange(days(start, end) + 1))


def members(ctx):
    rnd = ctx.rng
    n = ctx.n
    # Employers weighted by headcount; those without a union are far less likely.
    weights = [0.0] + [
        h * (1.0 if u else 0.08) for h, u in zip(ctx.emp_headcount[1:], ctx.emp_union[1:], strict=True)
    ]
    cum = list(itertools.accumulate(weights))
    total = cum[-1]
    groups = [g.value for g in KeyGroup]
    d_ids = [d.pk for d in ctx.districts]
    ctx.m_org = [0] * (n + 1)
    ctx.m_employer = [None] * (n + 1)
    ctx.m_join = [None] * (n + 1)
    ctx.m_active = bytearray(n + 1)
    ctx.m_birth = [None] * (n + 1)
    statuses = ["在会", "转出", "退会"]
    member_rows = []

    def persons():
        """Person rows for COPY; the member rows are kept for the next COPY."""
        for pid in range(1, n + 1):
            if rnd.random() < 0.12:  # gig workers: no employer, often a key group
                employer = None
                district = rnd.choices(d_ids, cum_weights=DISTRICT_CUM)[0]
                org = rnd.choice(ctx.joint_orgs[district]) if rnd.random() < 0.6 else district
                group = rnd.choice(groups) if rnd.random() < 0.3 else ""
            else:
                employer = max(1, bisect.bisect_left(cum, rnd.random() * total))
                if ctx.emp_union[employer]:
                    org = ctx.emp_org[employer]
                else:
                    district = ctx.emp_district[employer]
                    joints = ctx.joint_orgs[district]
                    org = rnd.choice(joints) if rnd.random() < 0.5 else district
                group = rnd.choice(groups) if rnd.random() < 0.015 else ""
            migrant = rnd.random() < 0.3
            joined = join_date(ctx)
            age = rnd.randrange(18, 56)
            birth = joined - datetime.timedelta(days=age * 365 + rnd.randrange(365))
            status = statuses[0] if rnd.random() < 0.93 else rnd.choice(statuses[1:])
            # A leaver left some time after joining (never after today); the database ends the
            # member's period on that day.
            left = (
                None
                if status == "在会"
                else min(TODAY, joined + datetime.timedelta(days=rnd.randrange(30, 3000)))
            )
            ctx.m_org[pid], ctx.m_employer[pid], ctx.m_join[pid] = org, employer, joined
            ctx.m_birth[pid] = birth
            ctx.m_active[pid] = status == "在会"
            member_rows.append((pid, pid, org, employer, joined, status, left, group, migrant))
            yield ctx.person_row(pid, birth=birth, migrant=migrant, created=joined)

    ctx.copy(Person, PERSON_COLUMNS, persons())
    transfers, periods = plan_transfers(ctx, member_rows)
    ctx.copy(
        Member,
        [
            "id",
            "person_id",
            "organization_id",
            "employer_id",
            "join_date",
            "status",
            "leave_date",
            "key_group",
            "is_migrant",
        ],
        member_rows,
    )
    ctx.copy(Transfer, TRANSFER_COLUMNS, transfers)
    # The triggers are off while seeding: each member's periods, as the database and the transfer
    # service would make them: one from 入会日期 to 离会日期 for a member who never moved; for a
    # member moved by an accepted transfer, the first ends on the transfer's day and the next
    # opens there (copied below).
    with connection.cursor() as cur:
        cur.execute(
            'INSERT INTO members_membershipperiod (member_id, organization_id, employer_id, start, "end") '
            "SELECT m.id, m.organization_id, m.employer_id, m.join_date, m.leave_date FROM members_member m "
            "WHERE NOT EXISTS (SELECT 1 FROM members_transfer t WHERE t.member_id = m.id AND t.state = %s)",
            [TransferState.ACCEPTED],
        )
    ctx.copy(
        MembershipPeriod,
        ["member_id", "organization_id", "employer_id", "start", "end", "transfer_id"],
        periods,
    )
    ctx.next_person = n + 1


TRANSFER_COLUMNS = [
    "id", "member_id", "from_organization_id", "to_organization_id", "new_employer_id", "date", "state",
    "note", "reason", "started_at", "decided_at",
]  # fmt: skip
TRANSFERRED = 0.005  # share of members moved to another district since the first record year
DEMO_TRANSFERS = 150  # at least (a small city, the demo's): a few a year in every district
PENDING_TO = "LZ-CZ"  # the demo district user's organization: its inbox has a few waiting
PENDING = 6


def plan_transfers(ctx, member_rows: list) -> tuple[list, list]:
    """Transfers between districts, kept to the rules of members.services (_check_transfer,
    _apply): an accepted transfer is dated after joining (and before leaving, for a leaver), the
    member's row carries the organization and employer of the period it opens, and their periods
    are the first one ending on that day and the next opening there (returned for COPY). A pending
    transfer (待接收) moves nobody: it waits in the inbox of 城中区 (PENDING_TO) for a member of
    another district. Drawn from a stream of its own, so persons and members stay as before.

    Changes `member_rows` (tuples of the Member COPY) and `ctx.m_org` / `ctx.m_employer`, which
    the other areas' seeders read as the member's current organization."""
    rnd = random.Random(f"{ctx.seed}:members:transfers")
    first_day = D(RECORD_YEARS[0], 1, 1)
    d_ids = [d.pk for d in ctx.districts]
    # The employers of each district, to move to (its union's organization, or the district's).
    employers_in = {d: [] for d in d_ids}
    for e in range(1, ctx.n_employers + 1):
        employers_in[ctx.emp_district[e]].append(e)

    def destination(district):
        e = rnd.choice(employers_in[district]) if employers_in[district] and rnd.random() < 0.85 else None
        if e is None:
            return rnd.choice(ctx.joint_orgs[district]) if rnd.random() < 0.5 else district, None
        return (ctx.emp_org[e] if ctx.emp_union[e] else district), e

    transfers, periods, moved = [], [], set()
    n = len(member_rows)
    count = max(round(n * TRANSFERRED), min(DEMO_TRANSFERS, n // 20))
    for pid in sorted(rnd.sample(range(1, n + 1), count)):
        mid, person, org, employer, joined, status, left, group, migrant = member_rows[pid - 1]
        since = max(joined + datetime.timedelta(days=30), first_day)
        until = min(left, TODAY) if left else TODAY  # the day of leaving is no longer a member's
        if until <= since:
            continue
        day = since + datetime.timedelta(days=rnd.randrange(days(since, until)))
        home = ctx.district_of[org]
        to_org, new_employer = destination(rnd.choice([d for d in d_ids if d != home]))
        tid = len(transfers) + 1
        transfers.append(
            (tid, mid, org, to_org, new_employer, day, TransferState.ACCEPTED, "", "", ts(day), ts(day))
        )
        employer_after = new_employer if new_employer is not None else employer
        periods.append((mid, org, employer, joined, day, None))
        periods.append((mid, to_org, employer_after, day, left, tid))
        member_rows[pid - 1] = (mid, person, to_org, employer_after, joined, status, left, group, migrant)
        ctx.m_org[pid], ctx.m_employer[pid] = to_org, employer_after
        moved.add(pid)
    # Waiting in 城中区's inbox: members of other districts still in the union, not moved before.
    target = next(d.pk for d in ctx.districts if d.code == PENDING_TO)
    waiting_since = TODAY - datetime.timedelta(days=20)
    candidates = [
        pid
        for pid in rnd.sample(range(1, n + 1), min(n, 50 * PENDING))
        if pid not in moved
        and ctx.m_active[pid]
        and member_rows[pid - 1][4] < waiting_since
        and ctx.district_of[member_rows[pid - 1][2]] != target
    ]
    for pid in candidates[:PENDING]:
        mid, _person, org, *_rest = member_rows[pid - 1]
        day = waiting_since + datetime.timedelta(days=rnd.randrange(20))
        to_org, new_employer = destination(target)
        tid = len(transfers) + 1
        note = rnd.choice(["随单位迁址转入", "工作调动", "本人申请转入", ""])
        transfers.append(
            (tid, mid, org, to_org, new_employer, day, TransferState.PENDING, note, "", ts(day), None)
        )
    return transfers, periods


def drives(ctx):
    rnd = ctx.rng
    groups = [g.value for g in KeyGroup]
    industry_of = {"货车司机": "道路货运", "快递员": "快递物流", "网约送餐员": "餐饮", "保安员": "其他"}
    industries = dict(Industry.objects.values_list("name", "pk"))
    rows, did = [], 0
    for year in RECORD_YEARS:
        for i, group in enumerate(rnd.sample(groups, 3)):
            start = D(year, 3 + 3 * i, 1)
            if start > TODAY:
                continue
            end = D(year, 5 + 3 * i, 30)
            did += 1
            rows.append(
                (did, f"{year}年{group}入会集中行动", group, industries[industry_of.get(group, "商贸")], start, end,
                 ctx.scaled(20000, 50), Decimal(rnd.randrange(30, 60)), Decimal(rnd.randrange(20, 50)),
                 ctx.city.pk)
            )  # fmt: skip
    ctx.copy(
        Drive,
        ["id", "name", "key_group", "industry_id", "start", "end", "population", "target_join_rate",
         "target_founding_rate", "organization_id"],
        rows,
    )  # fmt: skip
