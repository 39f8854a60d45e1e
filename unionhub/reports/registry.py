"""Report sections: each work area registers one from its AppConfig.ready().

A section computes its figures — `figures(org=..., year=..., as_of=...) -> dict` of plain JSON
data — and presents them through its template, which the PDF includes with `figures`, `previous`
(the year before, or None) and `section` in its context. The JSON, xlsx and PDF all render the
one dict that `unionhub.reports.figures.report_figures` assembles.
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
