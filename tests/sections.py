"""For the tests of each work area's figures and report section: the section's template rendered
as the report renders it, and the expected figures of several organizations (or dates) written
side by side in one table (`columns`)."""

import datetime

import pytest
from django.template.loader import render_to_string

from unionhub.reports.registry import get_section


def section_html(key: str, figures: dict, previous: dict | None = None, **context) -> str:
    """Section `key`'s template with `figures`, `previous` and any further context (`place`,
    `is_city`, `as_of`)."""
    section = get_section(key)
    return render_to_string(
        section.template, {"figures": figures, "previous": previous, "section": section, **context}
    )


def column(table, i: int):
    """Column `i` of a side-by-side table of expected figures: the figures' nested dict with, at
    each leaf, a tuple of one value per column (the city's, a district's, ...). A whole dict or list
    inside the tuple is a leaf too."""
    if isinstance(table, dict):
        return {key: column(value, i) for key, value in table.items()}
    assert isinstance(table, tuple), f"a leaf of the table is a tuple of one value per column: {table!r}"
    return table[i]


def columns(table, names: tuple[str, ...]) -> list:
    """`pytest.mark.parametrize` arguments (name, expected figures), one per column of `table`."""
    return [pytest.param(name, column(table, i), id=name) for i, name in enumerate(names)]


def this_year_and_last(figures, org, as_of: datetime.date) -> tuple[dict, dict]:
    """A work area's `figures` of `org` for as_of's year up to as_of, and for the whole year before:
    the figures and the previous ones a section is rendered with."""
    last_year = as_of.year - 1
    return (
        figures(org=org, year=as_of.year, as_of=as_of),
        figures(org=org, year=last_year, as_of=datetime.date(last_year, 12, 31)),
    )
