"""Reads of the perks area, always scoped to the asking user or to a report's organization."""

import datetime

from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from unionhub.core.history import record_history
from unionhub.core.search import Kind, classify
from unionhub.orgs.models import Organization
from unionhub.orgs.scoping import get_visible_or_404
from unionhub.reports.numbers import money

from .models import MemberCard, Merchant, PerkDay, PerkSale, Store

# --- cards -----------------------------------------------------------------------------------


def cards_for_user(*, user, query: str = ""):
    """The cards `user` may see, newest first, with what a list row shows. `query` is an exact
    card number or ID number (both indexed), so a look-up stays fast at hundreds of thousands.

    A card carries its member's organization (kept by the database), so the scope is a join with
    the organizations alone. Measured on 840,000 cards: the city and a district walk the
    (issued_on, id) index and stop at fifty of theirs; an enterprise union, whose cards are few,
    reads its own through (organization, issued_on, id) and sorts them. PostgreSQL picks the plan
    from the subtree's size."""
    qs = (
        MemberCard.objects.visible_to(user)
        .select_related("member__person", "member__organization")
        .order_by("-issued_on", "-id")
    )
    q = classify(query, cards=True)
    match q.kind:
        case Kind.EMPTY:
            return qs
        case Kind.ID_NUMBER | Kind.ID_LIKE:
            return qs.filter(member__person__id_number=q.value)
    return qs.filter(number=q.value)


def card_get_for_user(*, user, pk) -> MemberCard:
    return get_visible_or_404(
        MemberCard.objects.select_related("member__person", "member__organization", "replaces"), user, pk=pk
    )


def card_history(*, card: MemberCard):
    """Every card of the card's member, newest first: the lost, the cancelled and the current."""
    return MemberCard.objects.filter(member_id=card.member_id).order_by("-issued_on", "-id")


def person_card_roles(person, user) -> list:
    """The person's cards that `user` may see, for the person page."""
    cards = MemberCard.objects.visible_to(user).filter(member__person=person).order_by("-issued_on")
    return [
        (
            _("会员卡 %(number)s") % {"number": c.number},
            reverse("perks:card", args=[c.pk]),
            _("%(date)s发卡,%(status)s")
            % {"date": f"{c.issued_on:%Y-%m-%d}", "status": c.get_status_display()},
        )
        for c in cards
    ]


# --- merchants -------------------------------------------------------------------------------


def merchants_for_user(*, user):
    return (
        Merchant.objects.visible_to(user)
        .select_related("organization")
        .annotate(store_count=Count("stores", distinct=True))
    )


def merchant_get_for_user(*, user, pk) -> Merchant:
    return get_visible_or_404(Merchant.objects.select_related("organization"), user, pk=pk)


def merchant_page(merchant: Merchant) -> dict:
    """What a merchant's page lists: its stores and its perk-day sales, the latest first."""
    return {
        "stores": merchant.stores.order_by("name"),
        "sales": merchant.sales.select_related("day").order_by("-day__date"),
    }


def store_get_for_user(*, user, pk) -> Store:
    return get_visible_or_404(Store.objects.select_related("merchant__organization"), user, pk=pk)


def districts_for_user(*, user):
    """The district federations a merchant directory can be narrowed to."""
    from unionhub.orgs.scoping import visible_orgs

    return visible_orgs(user).filter(kind=Organization.Kind.DISTRICT).order_by("path")


# --- perk days -------------------------------------------------------------------------------


def perk_days_for_user(*, user):
    """Every perk day (they are city-wide), with the sales of the merchants `user` may see."""
    visible = Q(sales__merchant__in=Merchant.objects.visible_to(user).values("pk"))
    return PerkDay.objects.annotate(
        merchants=Count("sales", filter=visible),
        sales_total=Sum("sales__sales", filter=visible),
        discount_total=Sum("sales__discount", filter=visible),
    ).order_by("-date", "name")


def perk_day_totals(sales) -> dict:
    return sales.aggregate(sales=Sum("sales"), discount=Sum("discount"))


def perk_day_sales(*, day: PerkDay, user):
    return (
        PerkSale.objects.visible_to(user)
        .filter(day=day)
        .select_related("merchant", "merchant__organization")
        .order_by("-sales", "merchant__name")
    )


def perk_sale_get_for_user(*, user, pk) -> PerkSale:
    return get_visible_or_404(
        PerkSale.objects.select_related("day", "merchant", "merchant__organization"), user, pk=pk
    )


def perk_sale_history(sale: PerkSale) -> list[dict]:
    """Every change of the sale (money) from its history rows."""
    return record_history(sale, ("day_id", "merchant_id", "sales", "discount"))


# --- the report section ----------------------------------------------------------------------


def perks_figures(*, org: Organization, year: int, as_of: datetime.date) -> dict:
    """The `perks` figures of annual-report.md over `org`'s subtree."""
    # Each card at the organization its member belonged to on its 发卡日期 (a transfer later
    # does not move it out of that organization's figures).
    cards = MemberCard.objects.filter(issued_organization__path__startswith=org.path).aggregate(
        issued=Count("pk", filter=Q(issued_on__lte=as_of)),
        in_year=Count("pk", filter=Q(issued_on__lte=as_of, issued_on__year=year)),
    )
    signed = Merchant.objects.within(org).filter(signed_on__lte=as_of)
    days = (
        PerkSale.objects.within(org)
        .filter(day__date__year=year, day__date__lte=as_of)
        .values("day__name", "day__date")
        .annotate(sales=Sum("sales"), discount=Sum("discount"))
        .order_by("day__date", "day__name")
    )
    perk_days = [
        {
            "name": d["day__name"],
            "date": d["day__date"].isoformat(),
            "sales": money(d["sales"]),
            "discount": money(d["discount"]),
        }
        for d in days
    ]
    return {
        "cards_issued": cards["issued"],
        "cards_issued_in_year": cards["in_year"],
        "merchants": signed.count(),
        "stores": Store.objects.filter(merchant__in=signed.values("pk")).count(),
        "perk_days": perk_days,
        "discount_total": money(sum(d["discount"] for d in days) if days else 0),
    }


def merchant_rows(*, user):
    """The merchant directory: by category, then name."""
    return merchants_for_user(user=user).order_by("category", "name")


def perk_day_get(*, pk) -> PerkDay:
    """A perk day: a city-wide event, so every user sees the day itself (its sales are scoped)."""
    return get_object_or_404(PerkDay, pk=pk)


def perk_day_chart(sales, *, shown: int = 12) -> list[dict]:
    """The perk day's chart: the merchants that sold most (`perk_day_sales` is in that order)."""
    return [{"name": s.merchant.name, "sales": s.sales, "discount": s.discount} for s in sales[:shown]]
