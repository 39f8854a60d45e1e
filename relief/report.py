"""The `relief` section of the year-end report (困难职工帮扶)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.reports.numbers import fmt_count, fmt_money
from unionhub.reports.registry import Section, register_section

from .selectors import relief_figures


def headline(figures: dict) -> list[tuple[str, str]]:
    files = figures["files"]
    spring = figures["programs"]["春节送温暖"]
    paid = sum(p["cash"] + p["goods"] for p in figures["programs"].values())
    return [
        (_("在档困难职工"), fmt_count(sum(files["by_category"].values()), "户")),
        (_("春节送温暖"), fmt_count(spring["recipients"], "户")),
        (_("帮扶发放"), fmt_money(paid)),
        (_("关爱服务"), fmt_count(sum(c["person_times"] for c in figures["care"].values()), "人次")),
    ]


def register():
    register_section(
        Section(
            key="relief",
            title=gettext_lazy("困难职工帮扶"),
            order=30,
            figures=relief_figures,
            template="relief/report_section.html",
            headline=headline,
        )
    )
