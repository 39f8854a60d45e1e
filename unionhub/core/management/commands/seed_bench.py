"""`seed_bench --members 1000000`: a city at full scale for the benchmarks (docs/benchmarks.md).

The Liuzhou tree (seed_demo's city and ten districts, plus enterprise, joint and industry unions),
the bench users, and then each work area's records from its own seeder (`<app>/seeder.py`, found by
`unionhub.core.seeding.work_area_seeders` from settings.UNIONHUB_WORK_AREAS, and called with a
shared `SeedContext`): the first area's persons, members and employers, then every other area's
records drawn on them. This command names no work area. Every count but the tree's scales with
--members (from 1,000).

Rows are written with PostgreSQL COPY (psycopg's `cursor.copy`) in one transaction, with explicit
ids, so a run is all or nothing. Triggers (pghistory's audit rows, pgtrigger's delete guards, and
the foreign-key checks) are off for that transaction (`session_replication_role = replica`): the
seeders keep every constraint themselves, and the check constraints and unique indexes still apply.
A database that already holds the city of that size is left alone (a second run is a no-op), one
with other records is refused; `--reset` empties the record tables first (organizations and users
stay). Deterministic for a given --seed.
"""

import random
import time

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction

from unionhub.core.management.commands.seed_demo import DISTRICTS, seed_tree
from unionhub.core.seeding import STREETS, SUFFIXES, WORDS, SeedContext, area_rng, work_area_seeders
from unionhub.orgs.models import Organization, User
from unionhub.orgs.roles import ADMIN, OFFICIAL, STAFF
from unionhub.people.models import Person

K = Organization.Kind
BENCH_USERS = [
    # username, organization code, roles
    ("bench_city", "LZ", [STAFF, OFFICIAL, ADMIN]),
    ("bench_cz", "LZ-CZ", [STAFF]),
]


def tree(ctx):
    seed_tree()
    city = Organization.objects.get(code="LZ")
    districts = {o.code: o for o in Organization.objects.filter(code__in=[c for c, _ in DISTRICTS])}
    ctx.city = city
    ctx.districts = [districts[code] for code, _ in DISTRICTS]
    existing = set(Organization.objects.values_list("code", flat=True))
    new = []
    rnd = random.Random(7)
    district_names = {code: name.replace("总工会", "") for code, name in DISTRICTS}
    for code, _ in DISTRICTS:
        d = districts[code]
        n_ent = {"LZ-CZ": 40, "LZ-YF": 45, "LZ-LN": 50, "LZ-LB": 40, "LZ-LJ": 30}.get(code, 19)
        for i in range(1, n_ent + 1):
            c = f"{code}-{i:03d}"
            if c not in existing:
                name = f"柳州{''.join(rnd.sample(WORDS, 2))}{rnd.choice(SUFFIXES)}工会委员会"
                new.append(Organization(code=c, name=name, kind=K.ENTERPRISE, parent=d))
        for i in range(1, 5):
            c = f"{code}-L{i:02d}"
            if c not in existing:
                name = f"{district_names[code]}{rnd.choice(STREETS)}第{i}联合工会"
                new.append(Organization(code=c, name=name, kind=K.JOINT, parent=d))
    for i, name in enumerate(["汽车", "冶金", "机械", "化工", "建设", "交通", "商贸", "教科文卫"], 1):
        c = f"LZ-CY{i:02d}"
        if c not in existing:
            new.append(Organization(code=c, name=f"柳州市{name}产业工会", kind=K.INDUSTRY, parent=city))
    for o in new:
        o.path = o.compute_path()
    Organization.objects.bulk_create(new)
    orgs = list(Organization.objects.filter(path__startswith=city.path))
    ctx.enterprise_orgs = {d.pk: [] for d in ctx.districts}
    ctx.joint_orgs = {d.pk: [] for d in ctx.districts}
    ctx.district_of = {}
    for o in orgs:
        if o.parent_id in ctx.enterprise_orgs:
            (ctx.enterprise_orgs if o.kind == K.ENTERPRISE else ctx.joint_orgs)[o.parent_id].append(o.pk)
            ctx.district_of[o.pk] = o.parent_id
        elif o.parent_id is None or o.parent_id == city.pk:
            ctx.district_of[o.pk] = o.pk if o.kind == K.DISTRICT else None
    ctx.log(f"  organizations: {len(new)} new, {len(orgs)} in the tree")


def users(password: str):
    for username, code, roles in BENCH_USERS:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.organization = Organization.objects.get(code=code)
        user.last_name, user.first_name = "压测", username
        user.set_password(password)
        user.save()
        user.groups.set(Group.objects.filter(name__in=roles))


def seed_city(ctx: SeedContext, *, reset: bool, password: str | None) -> bool:
    """Seed; False when the database already holds this city (a second run is a no-op).
    Without a password no bench users are made (seed_demo's records)."""
    ctx.log("organization tree and users")
    tree(ctx)
    if password:
        users(password)
    seeders = work_area_seeders()
    tables = [Person, *(model for _, seeder in seeders for model in seeder.MODELS)]
    with connection.cursor() as cur:
        ctx.cur = cur
        if reset:
            names = ", ".join(f'"{m._meta.db_table}"' for m in tables)
            # --reset is asked for by name on a benchmark database: past the truncate guards
            # (unionhub/core/truncate.py) for this transaction only.
            cur.execute("SET LOCAL unionhub.allow_truncate = 'on'")
            cur.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        elif any(model.objects.exists() for model in tables):
            if _holds_the_city(ctx, seeders):
                ctx.log(f"the database already holds {ctx.n:,} members: nothing to do (--reset rebuilds)")
                return False
            raise CommandError("数据库中已有其他人员或会员数据;如需重建请加 --reset")
        # No triggers for this transaction: no audit rows for seeded data, no FK checks.
        cur.execute("SET LOCAL session_replication_role = replica")
        for i, (app, seeder) in enumerate(seeders):
            ctx.log(app)
            ctx.rng = area_rng(ctx.seed, app, first=i == 0)
            seeder.seed(ctx)
        for sql in connection.ops.sequence_reset_sql(no_style(), tables):
            cur.execute(sql)
    return True


def _holds_the_city(ctx: SeedContext, seeders) -> bool:
    """The city of `ctx.n` members is there: a table of the first area's seeder (the one that
    makes the members) has exactly that many rows."""
    return any(model.objects.count() == ctx.n for model in seeders[0][1].MODELS)


class Command(BaseCommand):
    help = "生成城市规模的压测数据(默认100万会员),用 PostgreSQL COPY 写入"

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=1_000_000, help="会员人数(其他数据按比例)")
        parser.add_argument("--reset", action="store_true", help="先清空人员及各业务数据(保留组织和用户)")
        parser.add_argument("--seed", type=int, default=2026, help="随机数种子")
        parser.add_argument(
            "--password", default="bench-only-2026", help="压测账号 bench_city / bench_cz 的密码"
        )

    def handle(self, *args, members, reset, seed, password, **options):
        if members < 1000:
            raise CommandError("--members 至少为 1000")
        started = time.perf_counter()
        ctx = SeedContext(n=members, seed=seed, log=self.stdout.write)
        with transaction.atomic():
            if not seed_city(ctx, reset=reset, password=password):
                return
        self.stdout.write(f"written in {time.perf_counter() - started:.0f} s; analysing")
        with connection.cursor() as cur:
            # VACUUM (visibility maps for index-only scans) cannot run inside a transaction: a
            # caller's (a test's) gets the statistics only.
            for model in ctx.counts if not connection.in_atomic_block else ():
                cur.execute(f'VACUUM ANALYZE "{model._meta.db_table}"')
            # The rest too: without statistics the planner takes the organization tree for one
            # row and nests the member scans inside it (seconds instead of milliseconds).
            cur.execute("ANALYZE")
        for model, n in ctx.counts.items():
            self.stdout.write(f"  {model._meta.label}: {n:,}")
        self.stdout.write(
            self.style.SUCCESS(
                f"seed_bench: {members:,} members in {time.perf_counter() - started:.0f} s; "
                f"users {', '.join(u for u, *_ in BENCH_USERS)}"
            )
        )
