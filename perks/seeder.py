"""The perks area's part of `seed_bench` (see unionhub/core/seeding.py): member cards for 84% of
the members (active ones; a few replaced or reported lost; each card carries its member's
organization), ~1,500 merchants with their stores at the 1M city's scale, and two perk days a year
with the merchants' sales.
"""

import datetime

from perks.models import MemberCard, Merchant, PerkDay, PerkSale, Store
from unionhub.core.seeding import (
    RECORD_YEARS,
    STREETS,
    TODAY,
    WORDS,
    D,
    SeedContext,
    credit_code,
    days,
    money,
)

MODELS = [MemberCard, Merchant, Store, PerkDay, PerkSale]
MERCHANT_NAMES = ["超市", "电器", "大药房", "酒家", "旅行社", "培训学校", "眼镜店", "书店", "家居", "影城"]


def seed(ctx: SeedContext) -> None:
    """Member cards, merchants and stores, perk days and sales."""
    cards(ctx)
    perks(ctx)


def cards(ctx):
    rnd = ctx.rng
    start = D(2016, 3, 1)
    active = [pid for pid in range(1, ctx.n + 1) if ctx.m_active[pid]]
    n_cards = ctx.scaled(840_000)
    n_replaced = ctx.scaled(20_000)
    holders = rnd.sample(active, min(len(active), n_cards - n_replaced))
    replaced = set(rnd.sample(holders, min(len(holders), n_replaced)))
    rows, cid = [], 0

    def issued_after(day: D) -> D:
        first = max(day, start)
        return first + datetime.timedelta(days=rnd.randrange(days(first, TODAY) + 1))

    for member in sorted(holders):
        issued = issued_after(ctx.m_join[member])
        old = None
        if member in replaced and issued < TODAY:
            cid += 1
            old = cid
            rows.append(
                (cid, f"6217001{cid:07d}", member, issued, "注销", None, ctx.m_org[member], ctx.m_org[member])
            )
            issued = issued_after(issued + datetime.timedelta(days=1)) if issued < TODAY else issued
        cid += 1
        status = "挂失" if rnd.random() < 0.01 else "正常"
        rows.append(
            (cid, f"6217001{cid:07d}", member, issued, status, old, ctx.m_org[member], ctx.m_org[member])
        )
    # Seeded members never move: a card's organization on its 发卡日期 is the member's.
    ctx.copy(
        MemberCard,
        [
            "id",
            "number",
            "member_id",
            "issued_on",
            "status",
            "replaces_id",
            "organization_id",
            "issued_organization_id",
        ],
        rows,
    )


def perks(ctx):
    rnd = ctx.rng
    categories = ["商超", "家电", "餐饮", "医药", "文旅", "教育", "其他"]
    d_ids = [ctx.city.pk] + [d.pk for d in ctx.districts]
    merchants, stores, mid, sid = [], [], 0, 0
    signed_of = {}
    for _ in range(ctx.scaled(1500, 5)):
        mid += 1
        signed = D(2016, 1, 1) + datetime.timedelta(days=rnd.randrange(days(D(2016, 1, 1), TODAY)))
        signed_of[mid] = signed
        name = f"柳州{''.join(rnd.sample(WORDS, 2))}{rnd.choice(MERCHANT_NAMES)}{mid}号"
        merchants.append(
            (mid, name, credit_code(10_000_000 + mid), rnd.choice(categories),
             f"会员凭卡享{rnd.randrange(80, 98)}折", signed, rnd.choice(d_ids))
        )  # fmt: skip
        for k in range(1, rnd.randrange(1, 6) + 1):
            sid += 1
            stores.append(
                (sid, mid, f"{name}{rnd.choice(STREETS)}{k}店", f"柳州市{rnd.choice(STREETS)}路{sid}号")
            )
    ctx.copy(
        Merchant,
        ["id", "name", "credit_code", "category", "perks", "signed_on", "organization_id"],
        merchants,
    )
    ctx.copy(Store, ["id", "merchant_id", "name", "address"], stores)
    days_rows, sales, did, salid = [], [], 0, 0
    for year in RECORD_YEARS:
        for month, day in ((4, 15), (10, 15)):
            date = D(year, month, day)
            if date > TODAY:
                continue
            did += 1
            days_rows.append((did, f"{year}年{month}·{day}红利日", date))
            for m in range(1, mid + 1):
                if signed_of[m] <= date and rnd.random() < 0.6:
                    salid += 1
                    amount = rnd.uniform(10_000, 2_000_000)
                    sales.append((salid, did, m, money(amount), money(amount * rnd.uniform(0.05, 0.35))))
    ctx.copy(PerkDay, ["id", "name", "date"], days_rows)
    ctx.copy(PerkSale, ["id", "day_id", "merchant_id", "sales", "discount"], sales)
