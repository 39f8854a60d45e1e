"""The report as a PDF: WeasyPrint renders a Django template, each registered section included
with its own template, in Section.order, with what officials wrote around it (authoring.py).
The same HTML is the live preview of a draft."""

import dataclasses
import datetime
import gc
import io
import json
import logging
import re
import warnings

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .authoring import paragraphs
from .figures import figure_rows, sub_org_table
from .numbers import fmt_value
from .registry import Section, sections

# WeasyPrint logs every layout step at INFO: a dozen lines per report in the worker's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

NUMERALS = "一二三四五六七八九十"
SVG_FONT = "Noto Sans CJK SC, Noto Sans SC, sans-serif"
# An <svg> without a font of its own: HTML styles do not reach inside it, and the system's
# fallback for Chinese text would be the Japanese cut of Noto.
_SVG_WITHOUT_FONT = re.compile(r"<svg(?![^>]*\bfont-family=)")
_HEADING = re.compile(r"<h2[\s>]")
_HEADING_END = re.compile(r"</h2>")
TILES_PER_ROW = 4

# Chinese punctuation in Chinese text (annual-report.md, "Writing like a person"): a half-width
# , ; : ( ) beside a Chinese character (or Chinese punctuation) is written full-width; between
# digits or in Latin text it stays (10:30, 3.5).
_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]"
_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）"}
_PUNCT = re.compile(rf"(?<={_CJK})\s*([,;:()])|([,;:()])\s*(?={_CJK})")
_PAREN_AFTER_FULL = re.compile(r"（([^（）()]*)\)")
_PAREN_BEFORE_FULL = re.compile(r"\(([^（）()]*)）")
_TAG = re.compile(r"(<[^>]*>)")


def full_width(text: str) -> str:
    """`在档4户,其中(已认定)3户` → `在档4户，其中（已认定）3户`, on text only (never a tag)."""
    parts = _TAG.split(text)
    out = []
    in_style = False
    for part in parts:
        if part.startswith("<"):
            lower = part.lower()
            in_style = lower.startswith("<style") or (in_style and not lower.startswith("</style"))
            out.append(part)
        elif in_style:
            out.append(part)
        else:
            fixed = _PUNCT.sub(lambda m: _FULL[m.group(1) or m.group(2)], part)
            fixed = _PAREN_AFTER_FULL.sub(r"（\1）", fixed)
            out.append(_PAREN_BEFORE_FULL.sub(r"（\1）", fixed))
    return "".join(out)


def numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二 (section numbers)."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return f"{NUMERALS[tens - 1] if tens > 1 else ''}十{NUMERALS[ones - 1] if ones else ''}"


def place_name(org) -> str:
    """How the report names its own organization, as annual-report.md says and the seed writes:
    全市 for the city (the root), 本区/本县 for a district or county union (a county's name has 县
    before 总工会: 融水苗族自治县总工会), 本单位 for an enterprise or joint union, else (an industry
    union) its name. Never 全区: in the federation's reports that is the autonomous region."""
    Kind = type(org).Kind
    if org.parent_id is None:
        return _("全市")
    if org.kind == Kind.DISTRICT:
        return _("本县") if _UNION_SUFFIX.sub("", org.name).endswith("县") else _("本区")
    if org.kind in (Kind.ENTERPRISE, Kind.JOINT):
        return _("本单位")
    return org.name


_UNION_SUFFIX = re.compile(r"(总)?工会(委员会)?$")


def section_context(section: Section, figures: dict, previous: dict | None, *, report) -> dict:
    """What a section's template gets, the same for every section, from the machinery alone: its
    figures, last year's (None when that year has no records for it), the section, the report's
    `year` and `as_of`, `place` (place_name: 全市, 本区, 本县, 本单位 or the name) and `is_city`."""
    prev = (previous or {}).get(section.key)
    org = report.organization
    return {
        "figures": figures[section.key],
        "previous": prev if section.has_records(prev) else None,
        "section": section,
        "year": report.year,
        "as_of": report.as_of,
        "place": place_name(org),
        "is_city": org.parent_id is None,
    }


def _written(text: str, css: str = "written") -> str:
    return "".join(f'<p class="{css}">{escape(p)}</p>' for p in paragraphs(text))


def render_sections(
    *, report, figures: dict, previous: dict | None, subs=None, authored=None, on_section=None
) -> list[dict]:
    """Each section's HTML, numbered (一、二、…) in Section.order, with its headline tiles, what
    officials wrote around it, and its sub-organizations side by side; the officials' own
    sections after the section they name."""
    authored = authored or {}
    written = authored.get("sections") or {}
    own = authored.get("own") or []
    shown = [s for s in sections() if s.key in figures]
    out: list[dict] = []

    def own_after(key: str):
        for item in own:
            if (item.get("after") or "") == key:
                n = len(out) + 1
                title = f"{numeral(n)}、{item['title']}"
                html = render_to_string(
                    "reports/pdf/own_section.html", {"title": title, "body": _written(item["body"])}
                )
                html = mark_safe(full_width(html))  # noqa: S308 - the officials' text is escaped
                out.append({"key": f"own-{n}", "title": title, "html": html, "tile_rows": []})

    own_after("")
    for i, section in enumerate(shown, 1):
        mine = written.get(section.key) or {}
        n = len(out) + 1
        data = figures[section.key]
        prev = (previous or {}).get(section.key)
        # The officials' headline, else the one the figures propose (else the plain title).
        heading = mine.get("headline") or section.proposal(data, prev if section.has_records(prev) else None)
        numbered = dataclasses.replace(section, title=f"{numeral(n)}、{heading}")
        context = section_context(numbered, figures, previous, report=report)
        if section.has_records(data):
            fallback = {"figure_rows": figure_rows({section.key: data})}
            html = render_to_string(
                [section.template, "reports/pdf/fallback_section.html"], {**context, **fallback}
            )
        else:
            html = render_to_string("reports/pdf/empty_section.html", {**context, "title": section.title})
        if not _HEADING.search(html):  # a template that leaves the heading to the report
            html = render_to_string("reports/pdf/section_heading.html", {"section": numbered}) + html
        if mine.get("before"):
            before = _written(mine["before"])
            html = _HEADING_END.sub(lambda m, before=before: m.group(0) + before, html, count=1)
        comparison = sub_org_table(section, subs or [])
        if comparison:
            html += render_to_string("reports/pdf/sub_orgs.html", {"table": comparison, "section": numbered})
        html += _written(mine.get("after", ""))
        html = _SVG_WITHOUT_FONT.sub(f'<svg font-family="{SVG_FONT}"', full_width(html))
        # The overview's tiles: the headline figures that are not zero (a tile of 0元 says nothing).
        tiles = [
            (label, fmt_value(value, unit))
            for label, value, unit, _h in section.headline_values(data)
            if value not in (0, 0.0, None)
        ]
        out.append(
            {
                "key": section.key,
                "title": numbered.title,
                "html": mark_safe(html),  # noqa: S308 - our templates, the officials' text escaped
                "headline": tiles,
                "tile_rows": tile_rows(tiles) if section.has_records(data) else [],
            }
        )
        own_after(section.key)
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
    *,
    report,
    figures: dict,
    previous: dict | None,
    previous_as_of: datetime.date,
    made_at,
    subs=None,
    authored=None,
    published_at=None,
    nonce: str = "",
    on_section=None,
) -> str:
    rendered = render_sections(
        report=report, figures=figures, previous=previous, subs=subs, authored=authored, on_section=on_section
    )
    authored = authored or {}
    return render_to_string(
        "reports/pdf/report.html",
        {
            "title": report.title,
            "org": report.organization,
            "year": report.year,
            "as_of": report.as_of,
            "made_at": made_at,
            "published_at": published_at,
            "version": report.version,
            "previous_as_of": previous_as_of,
            "compared": [s["title"] for s in rendered if section_has_previous(s["key"], previous)],
            "sections": rendered,
            "figures": figures,
            "foreword": mark_safe(full_width(_written(authored.get("foreword", "")))),  # noqa: S308 - escaped
            "has_subs": bool(subs),
            "csp_nonce": nonce,  # the live preview's page (the PDF has none)
        },
    )


def report_html(*, report, authored=None, published_at=None, nonce: str = "") -> str:
    """A made report's HTML from what it keeps (its figures, last year's, its sub-organizations')
    and what officials wrote (`authored`, else the saved text): the preview and the published PDF."""
    from .figures import previous_as_of

    return render_report_html(
        report=report,
        figures=report.figures,
        previous=report.previous_figures or None,
        previous_as_of=previous_as_of(report.as_of),
        made_at=report.made_at,
        subs=report.sub_figures,
        authored=report.authored if authored is None else authored,
        published_at=published_at or report.published_at,
        nonce=nonce,
    )


def section_has_previous(key: str, previous: dict | None) -> bool:
    from .registry import get_section

    section = get_section(key)
    if previous is None or section is None:
        return False
    return section.has_records(previous.get(key))


def html_to_pdf(
    html: str, *, archival: bool = False, figures: dict | None = None, name: str = "figures.json"
) -> bytes:
    """The PDF; `archival` makes it PDF/A-3b with the figures JSON attached inside it."""
    from weasyprint import HTML, Attachment

    # A worker has no request: relative URLs resolve against the static files on disk.
    document = HTML(string=html, base_url=str(settings.BASE_DIR / "static"))
    if not archival:
        return document.write_pdf()
    data = json.dumps(figures or {}, ensure_ascii=False, indent=1).encode()
    attachment = Attachment(
        file_obj=io.BytesIO(data), name=name, description=_("报告数据(JSON)"), relationship="Data"
    )
    # WeasyPrint leaves the sRGB profile it embeds for PDF/A open (closed when collected): that
    # is its own file, not ours to warn about.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        pdf = document.write_pdf(pdf_variant="pdf/a-3b", attachments=[attachment])
        del document
        gc.collect()
    return pdf
