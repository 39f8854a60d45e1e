"""The `skills` section of the year-end report (工匠与技能)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.reports.numbers import fmt_count, fmt_money
from unionhub.reports.registry import Section, register_section

from .selectors import skills_figures


def headline(figures: dict) -> list[tuple[str, str]]:
    craftsmen = figures["craftsmen"]
    promotions = figures["promotions"]
    return [
        (_("市级大赛选手"), fmt_count(figures["city_contestants"], "名")),
        (_("柳州工匠"), fmt_count(craftsmen["工匠"], "名")),
        (_("技能晋升"), fmt_count(sum(promotions["by_level"].values()), "人")),
        (_("培训补贴"), fmt_money(promotions["subsidy"])),
    ]


def register():
    register_section(
        Section(
            key="skills",
            title=gettext_lazy("工匠与技能"),
            order=20,
            figures=skills_figures,
            template="skills/report_section.html",
            headline=headline,
        )
    )
