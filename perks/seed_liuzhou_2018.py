"""The perks area's part of `seed_liuzhou_2018`: the seed's member-card paragraph — 840,000 cards
(84万张) issued by 2018-10-31, 119 merchants with 612 stores (600多家), and the 4·15 and 9·10 perk
days with 尚龙电器: sales of 2910万元 and 3048万元, 1053万元 given back to members."""

import datetime

from unionhub.core.seeding import import_header

D = datetime.date
MERCHANTS, STORES = 119, 612
DAYS = [
    ("4·15红利日", "2018-04-15", 29_100_000, 5_030_000),
    ("9·10红利日", "2018-09-10", 30_480_000, 5_500_000),
]


def files(ctx) -> list:
    holders = ctx.shared["members"]["card_holders"]
    cards = []
    for i, idn in enumerate(holders):
        issued = D(2015, 1, 5) + datetime.timedelta(days=i * 1390 // max(len(holders), 1))
        cards.append([f"8800{i + 1:012d}", idn, issued.isoformat(), "正常"])
    merchants, codes = [], []
    for i in range(MERCHANTS):
        code = ctx.credit_code()
        codes.append(code)
        name = "柳州尚龙电器有限公司" if i == 0 else f"柳州特约商户{i + 1:03d}有限公司"
        category = "家电" if i == 0 else ("商超", "餐饮", "医药", "文旅", "教育", "其他")[i % 6]
        merchants.append([name, code, category, "会员凭卡享受折扣", "2017-06-01", ctx.district(i)])
    stores = [[codes[i % MERCHANTS], f"门店{i + 1:03d}", f"柳州市某路{i + 1}号"] for i in range(STORES)]
    sales = [[name, day, codes[0], f"{sales}.00", f"{discount}.00"] for name, day, sales, discount in DAYS]
    out = []
    if cards:
        out.append(("cards", import_header("cards"), cards))
    return out + [
        (
            "merchants",
            import_header("merchants"),
            merchants,
        ),
        ("stores", import_header("stores"), stores),
        ("perk_sales", import_header("perk_sales"), sales),
    ]
