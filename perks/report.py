"""The `perks` section of the year-end report (会员红利)."""

from django.utils.translation import gettext_lazy as _

from unionhub.reports.numbers import fmt_count, fmt_money
from unionhub.reports.registry import Section, register_section

from .selectors import perks_figures


def headline(figures: dict) -> list[tuple[str, str]]:
    return [
        (str(_("会员卡发卡量")), fmt_count(figures["cards_issued"], "张")),
        (str(_("特约商户")), fmt_count(figures["merchants"], "家")),
        (str(_("红利日让利")), fmt_money(figures["discount_total"])),
    ]


def register() -> None:
    register_section(
        Section(
            key="perks",
            title=str(_("会员红利")),
            order=50,
            figures=perks_figures,
            template="perks/report_section.html",
            headline=headline,
        )
    )
