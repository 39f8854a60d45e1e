"""Synthetic member files for the import benchmarks: a small org tree, employers, and N members
with valid ID numbers (GB 11643) and credit codes (GB 32100), written as CSV and XLSX."""

import csv
import datetime
import random
from pathlib import Path

from stdnum.cn import ric

from tests.formats import KEY_GROUPS
from unionhub.people.idnumbers import make_credit_code, make_id_number

ORG_HEADER = ["组织代码", "组织名称", "上级组织代码", "组织类型"]
EMPLOYER_HEADER = [
    "单位名称",
    "统一社会信用代码",
    "所属工会组织代码",
    "行业",
    "经济类型",
    "职工人数",
    "是否建会",
    "建会日期",
]
MEMBER_HEADER = [
    "姓名",
    "身份证号",
    "手机号",
    "工作单位统一社会信用代码",
    "所属工会组织代码",
    "重点群体",
    "是否农民工",
    "入会日期",
    "会员状态",
    "离会日期",
]
REGIONS = ["450202", "450203", "450204", "450205", "450206", "450221", "450222", "450223", "450224", "450225"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢韦覃蓝莫"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玲红梅海燕"
INDUSTRIES = ["汽车制造", "钢铁", "机械制造", "电力", "快递物流", "商贸", "建筑", "餐饮", "其他"]
DISTRICTS, UNITS_PER_DISTRICT, EMPLOYERS = 10, 10, 1000
FIRST_BIRTH = datetime.date(1960, 1, 1)
BIRTH_SPAN = 14000  # days: births 1960-1998
LAST_LEAVE = datetime.date(2025, 12, 31)  # a leaver's date is never after today


def org_codes() -> list[str]:
    codes = ["LZ"]
    for d in range(1, DISTRICTS + 1):
        codes.append(f"LZ-D{d:02d}")
        codes += [f"LZ-D{d:02d}-{u:03d}" for u in range(1, UNITS_PER_DISTRICT + 1)]
    return codes


def credit_code(n: int) -> str:
    return make_credit_code(n)


def id_number(i: int) -> str:
    """The i-th distinct valid ID number: a birth date and a sequence number per region."""
    region = REGIONS[i % len(REGIONS)]
    j = i // len(REGIONS)
    birth = FIRST_BIRTH + datetime.timedelta(days=j % BIRTH_SPAN)
    return make_id_number(birth=birth, seq=j // BIRTH_SPAN, region=region)


def write_csv(path: Path, header: list[str], rows) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def write_xlsx(path: Path, header: list[str], rows, text_columns=()) -> Path:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(header)
    for row in rows:
        cells = []
        for i, v in enumerate(row):
            if i in text_columns:
                c = WriteOnlyCell(ws, value=v)
                c.data_type = "s"
                cells.append(c)
            else:
                cells.append(v)
        ws.append(cells)
    wb.save(path)
    return path


def orgs_rows():
    yield ["LZ", "柳州市总工会", "", "市总工会"]
    for d in range(1, DISTRICTS + 1):
        yield [f"LZ-D{d:02d}", f"第{d}区总工会", "LZ", "县区总工会"]
        for u in range(1, UNITS_PER_DISTRICT + 1):
            yield [f"LZ-D{d:02d}-{u:03d}", f"第{d}区第{u}企业工会", f"LZ-D{d:02d}", "企业工会"]


def employer_rows():
    codes = org_codes()
    for n in range(1, EMPLOYERS + 1):
        has_union = n % 3 != 0
        yield [
            f"柳州第{n}有限公司",
            credit_code(n),
            codes[n % len(codes)],
            INDUSTRIES[n % len(INDUSTRIES)],
            "非公" if n % 5 else "公有",
            str(50 + n % 900),
            "是" if has_union else "否",
            f"{2000 + n % 18}-0{1 + n % 9}-15" if has_union else "",
        ]


def member_rows(n: int, *, typed: bool = False):
    """Members as CSV text cells, or (typed) as an Excel user has them: date cells."""
    rnd = random.Random(2018)
    codes = org_codes()
    employers = [credit_code(k) for k in range(1, EMPLOYERS + 1)]
    for i in range(n):
        number = id_number(i)
        birth = ric.get_birth_date(number)
        joined = datetime.date(
            max(birth.year + 18, 2000) + rnd.randrange(0, 8), rnd.randrange(1, 13), rnd.randrange(1, 29)
        )
        left = None if i % 50 else min(LAST_LEAVE, joined + datetime.timedelta(days=30 + i % 2000))
        yield [
            rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(GIVEN),
            number,
            f"13{i:09d}",
            employers[i % EMPLOYERS] if i % 4 else "",
            codes[i % len(codes)],
            KEY_GROUPS[i % 8] if i % 10 == 0 else "",
            "是" if i % 3 == 0 else "否",
            joined if typed else f"{joined:%Y/%-m/%-d}",
            "在会" if i % 50 else "转出",
            (left if typed else f"{left:%Y/%-m/%-d}") if left else "",
        ]


def _current(csv_path: Path) -> bool:
    """The CSV has today's header (a file of an older benchmark is made again)."""
    if not csv_path.exists():
        return False
    with csv_path.open(encoding="utf-8", newline="") as f:
        return next(csv.reader(f), None) == MEMBER_HEADER


def member_files(workdir: Path, n: int, log=print) -> dict[str, Path]:
    """orgs.csv, employers.csv and members-N.{csv,xlsx} in `workdir` (reused when present)."""
    workdir.mkdir(parents=True, exist_ok=True)
    files = {
        "orgs": workdir / "orgs.csv",
        "employers": workdir / "employers.csv",
        "csv": workdir / f"members-{n}.csv",
        "xlsx": workdir / f"members-{n}.xlsx",
    }
    write_csv(files["orgs"], ORG_HEADER, orgs_rows())
    write_csv(files["employers"], EMPLOYER_HEADER, employer_rows())
    for key in ("csv", "xlsx"):  # made before the columns changed: made again
        if files[key].exists() and not _current(files["csv"]):
            files[key].unlink()
    if not files["csv"].exists():
        log(f"  writing {files['csv'].name}")
        write_csv(files["csv"].with_suffix(".tmp"), MEMBER_HEADER, member_rows(n)).rename(files["csv"])
    if not files["xlsx"].exists():
        log(f"  writing {files['xlsx'].name}")
        tmp = files["xlsx"].with_suffix(".tmp.xlsx")
        write_xlsx(tmp, MEMBER_HEADER, member_rows(n, typed=True), text_columns={1, 2, 3}).rename(
            files["xlsx"]
        )
    return files
