"""Report sections: each work area registers one from its AppConfig.ready().

A section computes its figures — `figures(org=..., year=..., as_of=...) -> dict` of plain JSON
data — and presents them through its template, which the PDF includes with `figures`, `previous`
(the year before, or None) and `section` in its context. The JSON, xlsx and PDF all render the
one dict that `unionhub.reports.figures.report_figures` assembles.

The section's template is rendered on its own and placed on a new page of the PDF. Its context:
`figures`, `previous` (last year's same period, to 31 December or the same as-of day; None when
that year has no records for the section), `section` (its `title` numbered: "一、组织建设与入会"),
`year` and `as_of`. It may write `<h2>{{ section.title }}</h2>` itself; when it has no <h2>, the
report puts that heading above it. The PDF's stylesheet styles `<p>` (indented paragraphs),
`<h3>`, `<table class="report">` (three-line table; `th.num`/`td.num` right-aligned, `<thead>`
repeated across pages) and `<figure class="chart">` with an inline `<svg>` and `<figcaption>`;
an <svg> without a `font-family` of its own is given Noto Sans CJK SC. A section whose template
does not exist yet is shown as a table of its figures (reports/pdf/fallback_section.html).
"""

from collections.abc import Callable
from dataclasses import dataclass

# The order of the JSON contract (annual-report.md); the PDF follows `Section.order`.
CONTRACT_ORDER = ["members", "relief", "skills", "legal", "perks"]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    order: int
    figures: Callable[..., dict]
    template: str
    headline: Callable[[dict], list[tuple[str, str]]] | None = None  # dashboard tiles: (label, text)


_sections: dict[str, Section] = {}


def register_section(section: Section) -> Section:
    _sections[section.key] = section
    return section


def sections_for_json() -> list[Section]:
    rank = {key: i for i, key in enumerate(CONTRACT_ORDER)}
    return sorted(_sections.values(), key=lambda s: (rank.get(s.key, len(rank)), s.key))


def sections_for_pdf() -> list[Section]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))
