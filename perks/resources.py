"""Import kinds of the perks area: cards, merchants, stores, perk_sales (import-formats.md).

Cards come by the hundred thousand, so every reference is resolved once per batch: people by
the engine, members, cards by number and the cards in force of the batch's members here.
"""

from django.db.models import OuterRef, Subquery

from members.models import Member
from unionhub.imports import cells
from unionhub.imports.kinds import ORG_COLUMN, UNCHANGED, UPDATED, Column, ImportKind, RowError
from unionhub.people.services import OUT_OF_SCOPE

from .models import (
    IN_FORCE,
    CardStatus,
    MemberCard,
    Merchant,
    PerkDay,
    PerkSale,
    Store,
    discount_error,
)

# A number that is nobody's member and a member of another subtree read the same.
NOT_A_MEMBER = str(OUT_OF_SCOPE)
MERCHANT = "商户统一社会信用代码"


class CardKind(ImportKind):
    name = "cards"
    label = "会员卡"
    model = MemberCard
    key = ("卡号",)
    person_columns = ("身份证号", None, None)
    person_mode = "existing"  # a card goes to an existing member, never creates a person
    rollback_models = (MemberCard,)
    batch_size = 5000
    export_order = ("number",)
    columns = [
        Column("卡号", cells.digits, field="number"),
        Column("身份证号", cells.id_number, field="member.person.id_number", help="须为已登记的会员"),
        Column("发卡日期", cells.date, field="issued_on"),
        Column("状态", cells.choice(MemberCard.status.field), required=False, help="正常(默认)/挂失/注销"),
    ]

    def prepare(self, rows, ctx):
        # One query for the batch's members and the card each holds in force, as plain tuples:
        # building 5000 model instances a batch would cost more than the query. Earlier batches
        # are already written, so this is current; the rows of this batch keep it current.
        person_ids = {r.person.pk for r in rows if r.person is not None and r.person.pk}
        in_force = MemberCard.objects.filter(member=OuterRef("pk"), status__in=IN_FORCE).values("number")[:1]
        members = (
            Member.objects.filter(person_id__in=person_ids)
            .annotate(card=Subquery(in_force))
            .values_list("person_id", "pk", "organization_id", "card")
        )
        ctx.state["members"], ctx.state["in_force"] = {}, {}
        for person_id, pk, org_id, card in members:
            ctx.state["members"][person_id] = (pk, org_id)
            ctx.state["in_force"][pk] = card
        ctx.prefetch(MemberCard, "number", {r["卡号"] for r in rows})

    def apply(self, row, ctx):
        member_id = self._member_id(row, ctx)
        number, status = row["卡号"], row["状态"] or CardStatus.ACTIVE
        card = ctx.lookup(MemberCard, "number", number)
        if card is not None and card.member_id != member_id:
            raise RowError("卡号", "该卡号已发给另一名会员")
        in_force = ctx.state["in_force"]
        holder = in_force.get(member_id)
        if status in IN_FORCE and holder and holder != number:
            raise RowError("状态", f"该会员已有在用的会员卡(卡号{holder}),每名会员只能有一张正常或挂失的卡")
        if status in IN_FORCE:
            in_force[member_id] = number
        elif holder == number:
            in_force[member_id] = None
        if card is None:
            card = MemberCard(number=number, member_id=member_id, issued_on=row["发卡日期"], status=status)
            ctx.remember(MemberCard, "number", card)
            return ctx.add(card)
        was_in_force = card.in_force
        changed = ctx.assign(card, issued_on=row["发卡日期"], status=status)
        if not changed:
            return UNCHANGED
        if was_in_force and not card.in_force:
            return self._cancel_now(card, changed, ctx)
        return ctx.update(card, changed)

    @staticmethod
    def _member_id(row, ctx) -> int:
        found = ctx.state["members"].get(row.person.pk) if row.person is not None else None
        if found is None:
            raise RowError("身份证号", NOT_A_MEMBER)
        member_id, org_id = found
        if org_id not in ctx.org_ids:
            raise RowError("身份证号", NOT_A_MEMBER)
        return member_id

    @staticmethod
    def _cancel_now(card, changed, ctx) -> str:
        """A card taken out of force is written at once, before the batch's new cards are
        inserted, so a replacement in the same file does not meet the old card in the index."""
        ctx.refuse_repeat(card)
        ctx.check_dates(card)
        ctx.update_now(card, changed)
        return UPDATED


def _merchant(row, ctx) -> Merchant:
    return ctx.reference(Merchant, "credit_code", row[MERCHANT], MERCHANT, noun="商户")


class MerchantKind(ImportKind):
    name = "merchants"
    label = "特约商户"
    model = Merchant
    key = ("统一社会信用代码",)
    outside = "该商户属于您管辖范围以外的组织"
    rollback_models = (Merchant,)
    export_order = ("credit_code",)
    columns = [
        Column("商户名称", cells.text, field="name"),
        Column("统一社会信用代码", cells.credit_code, field="credit_code"),
        Column("类别", cells.choice(Merchant.category.field)),
        Column("优惠内容", cells.long_text, field="perks"),
        Column("签约日期", cells.date, field="signed_on"),
        ORG_COLUMN,
    ]


class StoreKind(ImportKind):
    name = "stores"
    label = "服务门店"
    model = Store
    key = (MERCHANT, "门店名称")
    rollback_models = (Store,)
    export_order = ("merchant__credit_code", "name")
    columns = [
        Column(MERCHANT, cells.credit_code, field="merchant.credit_code"),
        Column("门店名称", cells.text, field="name"),
        Column("地址", cells.text, field="address"),
    ]

    def prepare(self, rows, ctx):
        merchants = ctx.prefetch(Merchant, "credit_code", {r[MERCHANT] for r in rows})
        ids = {m.pk for m in merchants.values() if m is not None and m.pk}
        stores = ctx.state.setdefault("stores", {})
        for store in Store.objects.filter(merchant_id__in=ids, name__in={r["门店名称"] for r in rows}):
            stores.setdefault((store.merchant_id, store.name), store)

    def apply(self, row, ctx):
        merchant = _merchant(row, ctx)
        key = (merchant.pk, row["门店名称"])
        values = self.values(row, ctx)
        return ctx.upsert(ctx.state["stores"], key, values, Store, merchant=merchant, name=row["门店名称"])


class PerkSaleKind(ImportKind):
    name = "perk_sales"
    label = "红利日销售"
    model = PerkSale
    key = ("活动名称", MERCHANT)
    # Money is never deleted, so a perk-sales import is never rolled back.
    export_order = ("day__date", "day__name", "merchant__credit_code")
    columns = [
        Column(
            "活动名称",
            cells.text,
            field="day.name",
            help="红利日,如 4·15红利日;新的活动名称仅市总工会导入时自动创建",
        ),
        Column("活动日期", cells.date, field="day.date"),
        Column(MERCHANT, cells.credit_code, field="merchant.credit_code"),
        Column("销售额", cells.money, field="sales"),
        Column("让利金额", cells.money, field="discount", help="不能大于销售额"),
    ]

    def prepare(self, rows, ctx):
        merchants = ctx.prefetch(Merchant, "credit_code", {r[MERCHANT] for r in rows})
        days = ctx.prefetch(PerkDay, "name", {r["活动名称"] for r in rows})
        merchant_ids = {m.pk for m in merchants.values() if m is not None and m.pk}
        day_ids = {d.pk for d in days.values() if d is not None and d.pk}
        sales = ctx.state.setdefault("sales", {})
        for sale in PerkSale.objects.filter(day_id__in=day_ids, merchant_id__in=merchant_ids):
            sales.setdefault((sale.day_id, sale.merchant_id), sale)

    def apply(self, row, ctx):
        merchant = _merchant(row, ctx)
        error = discount_error(row["销售额"], row["让利金额"])
        if error:
            raise RowError("让利金额", error)
        day = self._day(row, ctx)
        values = self.values(row, ctx)
        return ctx.upsert(
            ctx.state["sales"], (day.pk, merchant.pk), values, PerkSale, day=day, merchant=merchant
        )

    @staticmethod
    def _day(row, ctx) -> PerkDay:
        """The perk day named in the row, created if new; its date must agree with the record."""
        day = ctx.lookup(PerkDay, "name", row["活动名称"])
        if day is None:
            if ctx.root.parent_id is not None:
                # A perk day is city-wide: only the city federation creates one.
                raise RowError("活动名称", f"红利日“{row['活动名称']}”不存在;新的红利日须由市总工会创建")
            day = ctx.create_now(PerkDay(name=row["活动名称"], date=row["活动日期"]))  # sales need its key
            ctx.remember(PerkDay, "name", day)
        elif day.date != row["活动日期"]:
            raise RowError("活动日期", f"与红利日“{day.name}”已登记的日期{day.date:%Y-%m-%d}不一致")
        return day


KINDS = [CardKind(), MerchantKind(), StoreKind(), PerkSaleKind()]
