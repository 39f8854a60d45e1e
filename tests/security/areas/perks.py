"""perks: a card of the LZ-CZ member, a merchant with a store, a city-wide perk day and a sale."""

import datetime
from decimal import Decimal

from perks.models import MemberCard, Merchant, PerkDay, PerkSale, Store
from tests.factories import make_credit_code
from tests.security.matrix import A, Audited, record_pages
from tests.security.world import LEAK

D = datetime.date

ACCESS = {
    **record_pages(
        "perks.membercard", "card",
        list="perks:cards", add="perks:card_issue", view="perks:card",
        actions=["perks:card_report_lost", "perks:card_reissue", "perks:card_cancel"],
    ),
    "perks:card_lookup": A("perks.view_membercard", post=True),
    **record_pages(
        "perks.merchant", "merchant",
        list="perks:merchants", add="perks:merchant_create", view="perks:merchant", change="perks:merchant_edit",
    ),
    "perks:store_create": A("perks.add_store", "cz", merchant_pk="merchant"),
    "perks:store_edit": A("perks.change_store", "cz", pk="store"),
    "perks:perk_days": A("perks.view_perkday"),
    "perks:perk_day_create": A("perks.add_perkday", "root"),
    "perks:perk_day": A("perks.view_perkday", "all", pk="perk_day"),
    "perks:perk_sale_create": A("perks.add_perksale", "all", day_pk="perk_day"),
    **record_pages("perks.perksale", "sale", view="perks:perk_sale", change="perks:perk_sale_edit"),
}  # fmt: skip

AUDITED = {
    "perks.PerkSale": Audited("sale", "discount", Decimal("80.00")),
    # Only a card's status changes are kept (a card is no money): no event at its creation.
    "perks.MemberCard": Audited("card", "status", "挂失", snapshots_insert=False),
}
HISTORY_PAGES = {"perks.PerkSale": "perks:perk_sale"}


def records(world):
    world.card = MemberCard.objects.create(
        member=world.member, number="62170010000001", issued_on=D(2018, 3, 1)
    )
    world.merchant = Merchant.objects.create(
        name=f"{LEAK}商户",
        credit_code=make_credit_code(),
        category="商超",
        perks=f"{LEAK}优惠",
        signed_on=D(2017, 6, 1),
        organization=world.cz,
    )
    world.store = Store.objects.create(merchant=world.merchant, name=f"{LEAK}门店", address="城中区")
    world.perk_day = PerkDay.objects.create(name="4·15红利日", date=D(2018, 4, 15))
    world.sale = PerkSale.objects.create(
        day=world.perk_day, merchant=world.merchant, sales=Decimal("1000"), discount=Decimal("100")
    )
