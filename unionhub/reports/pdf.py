"""The report as a PDF: WeasyPrint renders a Django template, each registered section included
with its own template, in Section.order."""

import dataclasses
import datetime
import logging
import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .figures import figure_rows, has_records
from .registry import Section, sections

# WeasyPrint logs every layout step at INFO: a dozen lines per report in the worker's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

NUMERALS = "一二三四五六七八九十"
SVG_FONT = "Noto Sans CJK SC, Noto Sans SC, sans-serif"
# An <svg> without a font of its own: HTML styles do not reach inside it, and the system's
# fallback for Chinese text would be the Japanese cut of Noto.
_SVG_WITHOUT_FONT = re.compile(r"<svg(?![^>]*\bfont-family=)")
_HEADING = re.compile(r"<h2[\s>]")
TILES_PER_ROW = 4


def numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二 (section numbers)."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return f"{NUMERALS[tens - 1] if tens > 1 else ''}十{NUMERALS[ones - 1] if ones else ''}"


def section_context(section: Section, figures: dict, previous: dict | None, **extra) -> dict:
    """What a section's template gets: its figures, last year's (None when that year has no
    records for it) and the section."""
    prev = (previous or {}).get(section.key)
    return {
        "figures": figures[section.key],
        "previous": prev if prev is not None and has_records(prev) else None,
        "section": section,
        **extra,
    }


def render_sections(*, report, figures: dict, previous: dict | None, on_section=None) -> list[dict]:
    """Each section's HTML, numbered (一、二、…) in Section.order, with its headline tiles."""
    shown = [s for s in sections() if s.key in figures]
    out = []
    for i, section in enumerate(shown, 1):
        numbered = dataclasses.replace(section, title=f"{numeral(i)}、{section.title}")
        context = section_context(numbered, figures, previous, year=report.year, as_of=report.as_of)
        fallback = {"figure_rows": figure_rows({section.key: figures[section.key]})}
        html = render_to_string(
            [section.template, "reports/pdf/fallback_section.html"], {**context, **fallback}
        )
        if not _HEADING.search(html):  # a template that leaves the heading to the report
            html = render_to_string("reports/pdf/section_heading.html", {"section": numbered}) + html
        headline = section.tiles(figures[section.key])
        out.append(
            {
                "key": section.key,
                "title": numbered.title,
                "html": mark_safe(_SVG_WITHOUT_FONT.sub(f'<svg font-family="{SVG_FONT}"', html)),  # noqa: S308
                "headline": headline,
                "tile_rows": tile_rows(headline),
            }
        )
        if on_section is not None:
            on_section(section, i, len(shown))
    return out


def tile_rows(headline: list) -> list[list]:
    """The headline tiles in rows of four, the last one filled up with empty places."""
    rows = [list(headline[n : n + TILES_PER_ROW]) for n in range(0, len(headline), TILES_PER_ROW)]
    if rows:
        rows[-1] += [None] * (TILES_PER_ROW - len(rows[-1]))
    return rows


def render_report_html(
    *, report, figures: dict, previous: dict | None, previous_as_of: datetime.date, made_at, on_section=None
) -> str:
    sections = render_sections(report=report, figures=figures, previous=previous, on_section=on_section)
    return render_to_string(
        "reports/pdf/report.html",
        {
            "title": report.title,
            "org": report.organization,
            "year": report.year,
            "as_of": report.as_of,
            "made_at": made_at,
            "previous_as_of": previous_as_of,
            "compared": [s["title"] for s in sections if section_has_previous(s["key"], previous)],
            "sections": sections,
            "figures": figures,
        },
    )


def section_has_previous(key: str, previous: dict | None) -> bool:
    return previous is not None and has_records(previous.get(key))


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    # A worker has no request: relative URLs resolve against the static files on disk.
    return HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()
