from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.core.forms import acted, form_page, posted_form, record_form_views
from unionhub.core.pages import permission_page
from unionhub.core.paging import page_of, render_list
from unionhub.core.search import classify

from . import selectors, services
from .forms import (
    CardFilter,
    CardIssueForm,
    CardReissueForm,
    MerchantFilter,
    MerchantForm,
    PerkDayForm,
    PerkSaleForm,
    StoreForm,
)
from .models import Merchant, PerkSale, Store

# --- cards -----------------------------------------------------------------------------------


@permission_page("perks.view_membercard")
def cards(request):
    filters = CardFilter(request.GET, queryset=selectors.cards_for_user(user=request.user), user=request.user)
    return render_list(request, "perks/cards.html", filters, capped=True)


@permission_page("perks.view_membercard", post=True)
def card_lookup(request):
    """Exact look-up by card number or ID number; a POST, so an ID number never lands in a URL."""
    query = classify(request.POST.get("q"), cards=True)
    if not query:
        return redirect("perks:cards")
    found = selectors.cards_for_user(user=request.user, query=query.value)
    page = page_of(request, found, first=True)
    filters = CardFilter(None, queryset=found, user=request.user)
    return render(request, "perks/cards.html", {"filters": filters, "page": page, "q": query.shown})


@permission_page("perks.view_membercard")
def card(request, pk):
    return _card_page(request, selectors.card_get_for_user(user=request.user, pk=pk))


def _card_page(request, card, reissue_form=None):
    return render(
        request,
        "perks/card.html",
        {
            "card": card,
            "history": selectors.card_history(card=card),
            "reissue_form": reissue_form or CardReissueForm(),
        },
    )


@permission_page("perks.add_membercard")
def card_issue(request):
    form = CardIssueForm(request.POST or None, user=request.user)
    return form_page(
        request,
        "perks/card_issue.html",
        form,
        lambda f: services.card_issue(
            member=f.member,
            number=f.cleaned_data["number"],
            issued_on=f.cleaned_data["issued_on"],
            by=request.user,
        ),
        done=lambda card: _("已发卡:%(number)s") % {"number": card.number},
        title=_("发卡"),
    )


def _card_action(request, pk, action, done_message):
    card = selectors.card_get_for_user(user=request.user, pk=pk)
    acted(request, lambda: action(card), done=done_message)
    return redirect(card)


@permission_page("perks.change_membercard", post=True)
def card_report_lost(request, pk):
    return _card_action(
        request, pk, lambda c: services.card_report_lost(card=c, by=request.user), _("已挂失")
    )


@permission_page("perks.change_membercard", post=True)
def card_cancel(request, pk):
    return _card_action(request, pk, lambda c: services.card_cancel(card=c, by=request.user), _("已注销"))


@permission_page("perks.change_membercard", post=True)
def card_reissue(request, pk):
    card = selectors.card_get_for_user(user=request.user, pk=pk)
    return posted_form(
        request,
        CardReissueForm(request.POST),
        lambda f: services.card_reissue(card=card, by=request.user, **f.cleaned_data),
        done=lambda new: _("已补办新卡:%(number)s") % {"number": new.number},
        page=lambda form: _card_page(request, card, form),
    )


# --- merchants and stores --------------------------------------------------------------------


@permission_page("perks.view_merchant")
def merchants(request):
    filters = MerchantFilter(
        request.GET,
        queryset=selectors.merchant_rows(user=request.user),
        districts=selectors.districts_for_user(user=request.user),
    )
    return render_list(request, "perks/merchants.html", filters)


@permission_page("perks.view_merchant")
def merchant(request, pk):
    merchant = selectors.merchant_get_for_user(user=request.user, pk=pk)
    return render(request, "perks/merchant.html", {"merchant": merchant, **selectors.merchant_page(merchant)})


merchant_create, merchant_edit = record_form_views(
    Merchant,
    MerchantForm,
    selectors.merchant_get_for_user,
    lambda form, user: services.merchant_save(merchant=form.save(commit=False), by=user),
    done=lambda m: _("已保存商户:%(name)s") % {"name": m.name},
    titles=(gettext_lazy("特约商户"), gettext_lazy("特约商户")),
    index="perks:merchants",
)


@permission_page("perks.add_store")
def store_create(request, merchant_pk):
    merchant = selectors.merchant_get_for_user(user=request.user, pk=merchant_pk)
    return _store_form(request, Store(merchant=merchant))


@permission_page("perks.change_store")
def store_edit(request, pk):
    return _store_form(request, selectors.store_get_for_user(user=request.user, pk=pk))


def _store_form(request, store):
    return form_page(
        request,
        "perks/form.html",
        StoreForm(request.POST or None, instance=store),
        lambda f: services.store_save(store=f.save(commit=False), by=request.user),
        done=lambda _saved: _("已保存门店:%(name)s") % {"name": store.name},
        then=store.merchant,
        title=_("服务门店 · %(merchant)s") % {"merchant": store.merchant.name},
    )


# --- perk days -------------------------------------------------------------------------------


@permission_page("perks.view_perkday")
def perk_days(request):
    days = selectors.perk_days_for_user(user=request.user)
    context = {"page": page_of(request, days), "may_create": services.may_create_perk_day(request.user)}
    return render(request, "perks/perk_days.html", context)


@permission_page("perks.view_perkday")
def perk_day(request, pk):
    day = selectors.perk_day_get(pk=pk)
    sales = selectors.perk_day_sales(day=day, user=request.user)
    totals = selectors.perk_day_totals(sales)
    page = page_of(request, sales)
    context = {"day": day, "page": page, "totals": totals, "chart": selectors.perk_day_chart(sales)}
    return render(request, "perks/perk_day.html", context)


@permission_page("perks.add_perkday")
def perk_day_create(request):
    if not services.may_create_perk_day(request.user):
        raise PermissionDenied  # a city-wide event: the city federation creates it
    return form_page(
        request,
        "perks/form.html",
        PerkDayForm(request.POST or None),
        lambda f: services.perk_day_create(day=f.instance, by=request.user),
        title=_("红利日"),
        back=reverse("perks:perk_days"),
    )


@permission_page("perks.add_perksale")
def perk_sale_create(request, day_pk):
    return _perk_sale_form(request, PerkSale(day=selectors.perk_day_get(pk=day_pk)))


@permission_page("perks.view_perksale")
def perk_sale(request, pk):
    """One merchant's sales on a perk day and their history (money: every change, who, when)."""
    sale = selectors.perk_sale_get_for_user(user=request.user, pk=pk)
    history = selectors.perk_sale_history(sale)
    return render(request, "perks/perk_sale.html", {"sale": sale, "history": history})


@permission_page("perks.change_perksale")
def perk_sale_edit(request, pk):
    return _perk_sale_form(request, selectors.perk_sale_get_for_user(user=request.user, pk=pk))


def _perk_sale_form(request, sale):
    return form_page(
        request,
        "perks/form.html",
        PerkSaleForm(request.POST or None, instance=sale, user=request.user),
        lambda f: services.perk_sale_save(sale=f.save(commit=False), by=request.user),
        done=_("已保存销售记录"),
        then=sale.day,
        title=_("红利日销售 · %(day)s") % {"day": sale.day.name},
    )
