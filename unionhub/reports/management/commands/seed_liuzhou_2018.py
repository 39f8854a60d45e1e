"""python manage.py seed_liuzhou_2018 [--folder DIR] [--without-cards]

The Liuzhou federation's 2018 as records whose year-end report (as of 2018-10-31) gives the seed
report's figures (../shared/seed/, docs/seed-report.md): 8500多名 truck drivers joined April–June
at 40.24% / 40.06%, 475户 / 95万元 at the Spring Festival, 84万张 cards, and the rest.

The command writes the organization tree; each work area writes its own files
(`<app>/seed_liuzhou_2018.py`: `files(ctx)`, a list of (kind, headers, rows)) in the areas' order,
and every file goes through the import engine (`import_data`), so the data set keeps every rule an
import keeps. `--without-cards` leaves out the 840,000 card holders and their cards (minutes of
importing) for a quick check of everything else.
"""

import csv
import random
import tempfile
import time
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from unionhub.core.areas import work_areas
from unionhub.core.seeding import credit_code, id_check

CITY = ("LZ", "柳州市总工会")
DISTRICTS = [
    ("LZ-CZ", "城中区总工会"), ("LZ-YF", "鱼峰区总工会"), ("LZ-LN", "柳南区总工会"), ("LZ-LB", "柳北区总工会"),
    ("LZ-LJ", "柳江区总工会"), ("LZ-LC", "柳城县总工会"), ("LZ-LZ", "鹿寨县总工会"), ("LZ-RA", "融安县总工会"),
    ("LZ-RS", "融水苗族自治县总工会"), ("LZ-SJ", "三江侗族自治县总工会"),
]  # fmt: skip
REGIONS = ["450202", "450203", "450204", "450205", "450206", "450222", "450223", "450224", "450225", "450226"]
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢韦覃蓝莫宋唐许韩冯邓曹彭曾肖田董潘袁蒋蔡余杜叶程魏苏吕"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玲红梅海燕建国志文斌辉鹏飞宇浩凯俊峰波宁琳丹萍晶欣雪婷慧颖"


class SeedFiles:
    """What each area's `files(ctx)` draws on: persons with valid ID numbers, credit codes,
    the organization tree, a random stream fixed by the seed, and what earlier areas publish
    (`ctx.shared`: an earlier area's employers and people, for instance)."""

    def __init__(self, seed: int, with_cards: bool):
        self.rng = random.Random(seed)
        self.with_cards = with_cards
        self.city = CITY[0]
        self.districts = [code for code, _name in DISTRICTS]
        self.shared: dict = {}
        self._person = 0
        self._code = 0

    def person(self, born=(1965, 1998)) -> tuple[str, str]:
        """(name, ID number): a new person each call, the ID number valid (GB 11643)."""
        self._person += 1
        n = self._person
        year = born[0] + n % 34 % (born[1] - born[0] + 1)
        # (year, month, day, sequence) repeats every 357,000 people: the region changes then.
        region = REGIONS[(n // 357_000) % len(REGIONS)]
        body = f"{region}{year}{1 + n % 12:02d}{1 + n % 28:02d}{n % 1000:03d}"
        name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n // len(SURNAMES)) % len(GIVEN)]
        if n % 3 == 0:
            name += GIVEN[(n * 7) % len(GIVEN)]
        return name, body + id_check(body)

    def credit_code(self) -> str:
        self._code += 1
        return credit_code(7_000_000 + self._code)

    def district(self, i: int) -> str:
        return self.districts[i % len(self.districts)]


def _orgs() -> tuple[str, list[str], list[list]]:
    rows = [[CITY[0], CITY[1], "", "市总工会"]] + [
        [code, name, CITY[0], "县区总工会"] for code, name in DISTRICTS
    ]
    return "orgs", ["组织代码", "组织名称", "上级组织代码", "组织类型"], rows


class Command(BaseCommand):
    help = "Make the Liuzhou 2018 data set whose year-end report gives the seed report's figures."

    def add_arguments(self, parser):
        parser.add_argument("--folder", help="where to write the import files (default: a temporary folder)")
        parser.add_argument("--seed", type=int, default=2018)
        parser.add_argument("--without-cards", action="store_true", help="leave out the 84万 cards")

    def handle(self, *args, folder, seed, without_cards, **options):
        ctx = SeedFiles(seed, with_cards=not without_cards)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(folder or tmp)
            out.mkdir(parents=True, exist_ok=True)
            files = [_orgs()]
            for area in work_areas():
                module = area.submodule("seed_liuzhou_2018")
                if module is not None:
                    files += module.files(ctx)
            for i, (kind, headers, rows) in enumerate(files):
                path = out / f"{i:02d}-{kind}.csv"
                with path.open("w", newline="", encoding="utf-8") as f:
                    writer = csv.writer(f)
                    writer.writerow(headers)
                    writer.writerows(rows)
                started = time.perf_counter()
                try:
                    call_command("import_data", kind, str(path), verbosity=0)
                except (CommandError, SystemExit) as exc:
                    raise CommandError(f"{path.name}: the import refused it ({exc})")
                self.stdout.write(f"{kind}: {len(rows)} rows in {time.perf_counter() - started:.1f} s")
        self.stdout.write(self.style.SUCCESS("seed_liuzhou_2018: done"))
