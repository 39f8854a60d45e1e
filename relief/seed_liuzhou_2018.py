"""The relief area's part of `seed_liuzhou_2018`: the hardship files, payments and care services
behind the seed's relief paragraph (截至10月底): 春节送温暖 475户 / 95万元, 困难学子 251户 / 44万元,
医疗救助 48户 / 41.16万元, 游园款 60万元 for 84个单位, 送清凉 43家 / 6021人 / 89.6万元 (6000多人、
40多家、近90万元), 暖流服务 13 points / 114,700人次, 2500 health checks, 2000 heat visits."""

import datetime

from unionhub.core.seeding import import_header

D = datetime.date
SPRING, SCHOOL, MEDICAL = (475, 950_000), (251, 440_000), (48, 411_600)
GARDEN_UNITS, GARDEN_CASH = 84, 600_000
SUMMER_UNITS, SUMMER_PEOPLE, SUMMER_GOODS = 43, 6021, 896_000
WARM_POINTS, WARM_TIMES = 13, 114_700
FILE_HEADERS = import_header("relief_files")
PAYMENT_HEADERS = import_header("relief_payments", without=("项目所属组织代码",))
CARE_HEADERS = import_header("care_services")


def split(total: int, n: int) -> list[int]:
    """`total` in `n` whole amounts differing by at most one."""
    base, rest = divmod(total, n)
    return [base + (1 if i < rest else 0) for i in range(n)]


def files(ctx) -> list:
    households = []
    for kind, (n, _money) in (("春节送温暖", SPRING), ("金秋助学", SCHOOL), ("医疗救助", MEDICAL)):
        households += [(kind, *ctx.person(), ctx.district(i)) for i in range(n)]
    file_rows = [
        [name, idn, "", ("在职", "退休", "失业")[i % 3], ("因病", "因学", "因残", "失业")[i % 4], 3, "600.00", org,
         "2017-11-20", "已认定", "2018-01-05", ""]
        for i, (_kind, name, idn, org) in enumerate(households)
    ]  # fmt: skip
    payments, n = [], 0
    for kind, (count, money) in (("春节送温暖", SPRING), ("金秋助学", SCHOOL), ("医疗救助", MEDICAL)):
        people = [h for h in households if h[0] == kind]
        day = {"春节送温暖": "2018-02-01", "金秋助学": "2018-08-20", "医疗救助": "2018-05-15"}[kind]
        for (_k, _name, idn, _org), amount in zip(people, split(money, count), strict=True):
            n += 1
            payments.append([f"LZ2018-{n:05d}", kind, 2018, idn, "", "", f"{amount}.00", "", day, ""])
    units = ctx.shared["employers"]["chain"]
    for (code, _org), amount in zip(units[:GARDEN_UNITS], split(GARDEN_CASH, GARDEN_UNITS), strict=True):
        n += 1
        payments.append(
            [f"LZ2018-{n:05d}", "游园活动", 2018, "", code, 60, f"{amount}.00", "", "2018-04-28", ""]
        )
    summer = units[GARDEN_UNITS : GARDEN_UNITS + SUMMER_UNITS]
    for (code, _org), goods, people in zip(
        summer, split(SUMMER_GOODS, SUMMER_UNITS), split(SUMMER_PEOPLE, SUMMER_UNITS), strict=True
    ):
        n += 1
        payments.append(
            [f"LZ2018-{n:05d}", "送清凉", 2018, "", code, people, "0.00", f"{goods}.00", "2018-07-20", ""]
        )
    programs = [
        [kind, 2018, "", "", "LZ"] for kind in ("春节送温暖", "金秋助学", "医疗救助", "送清凉", "游园活动")
    ]
    care, c = [], 0
    stations = ["柳州火车站", "柳州汽车站", "柳州东站", "柳江汽车站", "鹿寨火车站", "融水汽车站", "三江南站",
                "柳北客运站", "柳南客运站", "城中区职工服务中心", "鱼峰区职工服务中心", "柳城县职工服务中心", "融安县职工服务中心"]  # fmt: skip
    for point, times in zip(stations[:WARM_POINTS], split(WARM_TIMES, WARM_POINTS), strict=True):
        c += 1
        care.append([f"FW2018-{c:03d}", "暖流服务", point, "2018-01-25", "2018-03-12", times, "", "LZ"])
    care.append(
        [f"FW2018-{c + 1:03d}", "免费体检", "柳州市职工医院", "2018-05-01", "2018-05-31", 2500, "", "LZ"]
    )
    care.append(
        [f"FW2018-{c + 2:03d}", "高温慰问", "户外劳动者驿站", "2018-07-01", "2018-08-31", 2000, "", "LZ"]
    )
    return [
        ("relief_files", FILE_HEADERS, file_rows),
        ("relief_programs", import_header("relief_programs"), programs),
        ("relief_payments", PAYMENT_HEADERS, payments),
        ("care_services", CARE_HEADERS, care),
    ]
