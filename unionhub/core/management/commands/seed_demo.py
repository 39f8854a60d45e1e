"""Create the demo federation: the Liuzhou tree, the demo users and, with `--members N`, records
of every work area for a city of N members (the work areas' own seeders, as seed_bench runs them at
full scale). Safe to run again: records are only made in a database that holds no members yet.

Organizations are matched by code and left alone when they exist; users are created once and their
passwords are never reset unless asked (`--reset-password`), so `make run` can call this every time.
The generated password is kept in var/demo-login.json (readable by its owner only) so that
`devserver` can print it again.
"""

import json
import os
import secrets
import time

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from unionhub.core.seeding import SeedContext
from unionhub.orgs.models import Organization, User
from unionhub.orgs.roles import ADMIN, OFFICIAL, STAFF
from unionhub.people.models import Person

K = Organization.Kind

# The codes are those of the sample data (shared/data/sample-2018/00-orgs.csv), so an import of
# that data lands in this tree.
CITY = ("LZ", "柳州市总工会")
DISTRICTS = [
    ("LZ-CZ", "城中区总工会"),
    ("LZ-YF", "鱼峰区总工会"),
    ("LZ-LN", "柳南区总工会"),
    ("LZ-LB", "柳北区总工会"),
    ("LZ-LJ", "柳江区总工会"),
    ("LZ-LC", "柳城县总工会"),
    ("LZ-LZH", "鹿寨县总工会"),
    ("LZ-RA", "融安县总工会"),
    ("LZ-RS", "融水苗族自治县总工会"),
    ("LZ-SJ", "三江侗族自治县总工会"),
]
# username, what the login is for, organization code, last and first name, roles, extra permissions
DEMO_USERS = [
    ("admin", "市总工会管理员", "LZ", "演示", "管理员", [STAFF, OFFICIAL, ADMIN], ["people.view_full_id"]),
    ("chengzhong", "城中区工作人员", "LZ-CZ", "城中区", "工作人员", [STAFF], []),
    ("yufeng", "鱼峰区领导", "LZ-YF", "鱼峰区", "领导", [OFFICIAL], []),
]


def login_file():
    return settings.VAR_DIR / "demo-login.json"


def read_demo_logins() -> dict[str, str]:
    """{username: password} of the demo users as last seeded ({} when unknown)."""
    try:
        data = json.loads(login_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_demo_logins(logins):
    path = login_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(logins, f, ensure_ascii=False)


def _org(code, name, kind, parent):
    org, _ = Organization.objects.get_or_create(
        code=code, defaults={"name": name, "kind": kind, "parent": parent}
    )
    return org


def seed_tree() -> int:
    """The city and its ten districts and counties; returns how many were new."""
    before = Organization.objects.count()
    city = _org(*CITY, K.CITY, None)
    for code, name in DISTRICTS:
        _org(code, name, K.DISTRICT, city)
    return Organization.objects.count() - before


def seed_records(members: int) -> SeedContext:
    """Every work area's records for a city of `members` members, by the seeders of seed_bench."""
    from unionhub.core.management.commands.seed_bench import seed_city

    ctx = SeedContext(n=members, seed=2026, log=lambda text: None)
    with transaction.atomic():
        seed_city(ctx, reset=False, password=None)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return ctx


def _seed_user(username, code, last_name, first_name, roles, perms, *, password, reset) -> bool:
    """Create the user (or reset its password when asked); True when `password` is now its password."""
    user = User.objects.filter(username=username).first()
    fresh = user is None
    if fresh:
        org = Organization.objects.get(code=code)
        user = User(username=username, organization=org, last_name=last_name, first_name=first_name)
    if fresh or reset:
        user.set_password(password)
        user.save()
    user.groups.add(*Group.objects.filter(name__in=roles))
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return fresh or reset


class Command(BaseCommand):
    help = "创建演示数据:柳州市总工会及十个县区总工会,以及演示账号(可重复运行)"

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-password", action="store_true", help="为演示账号重新生成密码(默认保留原密码)"
        )
        parser.add_argument(
            "--members", type=int, default=0, help="生成演示业务数据的会员人数(库中已有会员时不再生成)"
        )

    def handle(self, *args, reset_password=False, members=0, **options):
        with transaction.atomic():
            self.seed(reset_password)
        if members and not Person.objects.exists():
            started = time.perf_counter()
            ctx = seed_records(members)
            rows = sum(ctx.counts.values())
            self.stdout.write(
                f"演示业务数据: {members} 名会员, 各业务共 {rows} 条记录, 用时 {time.perf_counter() - started:.0f} 秒"
            )

    def seed(self, reset_password):
        new_orgs = seed_tree()
        password = f"lz-{secrets.token_urlsafe(9)}"
        logins = read_demo_logins()
        changed = False
        for username, _, *fields in DEMO_USERS:
            if _seed_user(username, *fields, password=password, reset=reset_password):
                logins[username] = password
                changed = True
        if changed:
            _write_demo_logins(logins)

        self.stdout.write(f"组织: 新建 {new_orgs} 个,共 {Organization.objects.count()} 个")
        for username, role, *_ in DEMO_USERS:
            known = logins.get(username, "(密码未知,可用 --reset-password 重新生成)")
            self.stdout.write(self.style.SUCCESS(f"演示账号 {role}: {username} / {known}"))
