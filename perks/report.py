"""The `perks` section of the year-end report (会员红利)."""

from django.utils.translation import gettext_lazy as _

from unionhub.reports.registry import Headline, Section, grew, total

from .selectors import perks_figures


def _propose(f: dict, previous: dict | None) -> str | None:
    if grew(total("cards_issued"), f, previous):
        return _("“工会会员红利工程”影响力不断扩大")
    return None


SECTION = Section(
    figures=perks_figures,
    labels={
        "cards_issued": (_("累计发卡量"), "张"),
        "cards_issued_in_year": (_("本年新发卡"), "张"),
        "merchants": (_("特约服务商户"), "家"),
        "stores": (_("服务门店"), "家"),
        "perk_days": (_("红利日"), ""),
        "perk_days[].date": (_("日期"), ""),
        "perk_days[].sales": (_("销售额"), "元"),
        "perk_days[].discount": (_("让利金额"), "元"),
        "discount_total": (_("红利日让利合计"), "元"),
    },
    headline=(
        Headline("cards_issued"),
        Headline("merchants"),
        Headline("discount_total"),
    ),
    propose=_propose,
    records={"perks.MemberCard": "perks:card", "perks.PerkSale": "perks:perk_sale"},
)
