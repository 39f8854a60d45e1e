"""The `legal` section of the year-end report (法律维权)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.reports.numbers import fmt_count, fmt_money
from unionhub.reports.registry import Section, register_section

from .selectors import legal_figures


def headline(figures: dict) -> list[tuple[str, str]]:
    return [
        (_("维权案件"), fmt_count(figures["cases"], "件")),
        (_("涉及人次"), fmt_count(figures["persons"], "人次")),
        (_("指派律师代理"), fmt_count(figures["lawyer_cases"], "件")),
        (_("追回金额"), fmt_money(figures["recovered"])),
    ]


def register():
    register_section(
        Section(
            key="legal",
            title=gettext_lazy("法律维权"),
            order=40,
            figures=legal_figures,
            template="legal/report_section.html",
            headline=headline,
        )
    )
