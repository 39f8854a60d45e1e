"""The report sections' templates rendered as the report renders them, for the tests of each
work area's section."""

from django.template.loader import render_to_string

from unionhub.reports.registry import get_section


def section_html(key: str, figures: dict, previous: dict | None = None, **context) -> str:
    """Section `key`'s template with `figures`, `previous` and any further context (`place`,
    `is_city`, `as_of`)."""
    section = get_section(key)
    return render_to_string(
        section.template, {"figures": figures, "previous": previous, "section": section, **context}
    )
