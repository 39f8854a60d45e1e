"""Report sections: each work area declares one, `SECTION` in its own `report.py`, which its
AppConfig.ready() registers (unionhub/core/areas.py). Nothing in `unionhub/reports` names a work
area: the JSON, the xlsx, the PDF's tables and overview, the dashboard, the sub-organizations'
comparison and the differences of a published report are all built from the sections'
declarations.

The declaration (one per area, in `<area>/report.py`)::

    from unionhub.reports.registry import Headline, Section

    SECTION = Section(
        # no key, title, template or order: a work area's are its label (the section's key in
        # the figures JSON), its verbose_name (the heading, numbered 一、二、… in the PDF),
        # "<label>/report_section.html" and its place in settings.UNIONHUB_WORK_AREAS
        figures=volunteer_figures,        # (*, org, year, as_of) -> dict of plain JSON data
        labels={                          # path -> (label, unit): each figure's one name
            "teams": (_("志愿服务队"), "支"),
            "hours": (_("服务时长"), "小时"),
            "by_kind": (_("服务类别"), ""),
            "by_kind.*": (None, "次"),    # a name the data brings is its own label
            "by_kind.助老.people": (_("受助老人"), "人"),  # a label for one entry only
            "raised": (_("募集资金"), "元"),
        },
        headline=(                        # the headline figures, in order
            Headline("teams"),            # a path: its declared label and unit
            Headline("raised", rank=True),
            Headline(value=lambda f: sum(f["by_kind"].values()), label=_("服务"), unit="次"),
        ),
    )

A section that is no work area's gives its key, title, template and order, and is registered
with `register_section(section)`.

Paths are the chain of keys from the section down, `.`-separated: `files.new`; `*` stands for a
name the data brings (a key group, a cause: `by_group.*.total`); `[]` for each item of a list of
dicts, named by its `name` (`drives[].joined`). A unit of "元" is money, "%" a rate, anything else
is written after a count (`475户`). A dict whose path has a `.*` child in `labels` (or that
`labels` does not know) is a breakdown: its entries are named `服务类别：助老` in the section's
table, and the dashboard draws it as a bar chart. A key that `labels` does not list is shown as
it is.

`yearly` names the figures that say a year has records for the section (a stock that does not
depend on the year is left out): a section without them says so in one line, and last year is
compared with only when it has them.

`propose(figures, previous)` returns the headline the section proposes from its figures
("货车司机入会集中行动取得突破" when a drive did better than its targets), or None; officials
keep it, change it or write their own. `records` maps the models behind the figures (`app.Model`)
to the URL name of a record's page: a published report lists their changes since (pghistory's
events, with who made them) and links to each record.

A `Headline` is a tile of the PDF's overview and of the dashboard, and a column of the table of
the direct sub-organizations side by side. `value` is a path or a function of the section's
figures (then `label` and `unit` are required; `total("care.*.person_times")` is the function
that adds up the figures a path with `*` names); `many=True` makes the function return a list of
(label, value) pairs, one tile each (the drives of the year). `rank=True` ranks the
sub-organizations on it, highest first, where a rank means something (入会率, 追回金额).

The section's template is rendered on its own and placed on a new page of the PDF. Its context:
`figures`, `previous` (last year's same period, to 31 December or the same as-of day; None when
that year has no records for the section), `section` (its `title` numbered: "一、组织建设与入会"),
`year`, `as_of`, `place` and `is_city`, all from `reports.pdf.section_context`, the one place that
makes them: `place` is how the report names its own organization in a sentence (全市 in the city's
report, 本区 / 本县 in a district's or county's, 本单位 in an enterprise or joint union's, else the
organization's name: `{{ place }}共有在会会员…`), never written by a section itself. `{% section_table section figures previous %}` (library `report`) gives the rows of
the section's table from the declaration (rows of zeros dropped, last year beside this year when
it has records); `{{ section|label:"by_group.*.total" }}` a declared label. It may write
`<h2>{{ section.title }}</h2>` itself; when it has no <h2>, the report puts that heading above it.
The PDF's stylesheet styles `<p>` (indented paragraphs), `<h3>`, `<table class="report">`
(three-line table; `th.num`/`td.num` right-aligned, `<thead>` repeated across pages) and
`<figure class="chart">` with an inline `<svg>` and `<figcaption>`; an <svg> without a
`font-family` of its own is given Noto Sans CJK SC. A section whose template does not exist is
shown as the table of its figures (reports/pdf/fallback_section.html).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from django.core.exceptions import ImproperlyConfigured

from .numbers import fmt_value


def total(path: str) -> Callable[[dict], int | float]:
    """The function of a section's figures that adds up the figures `path` names, `*` standing
    for every entry of a dict: `total("care.*.person_times")`, `total("model_workers.*")`."""
    keys = path.split(".")

    def of(figures: dict):
        nodes = [figures]
        for key in keys:
            nodes = [child for node in nodes for child in (node.values() if key == "*" else [node[key]])]
        return sum(nodes)

    return of


def grew(value: Callable[[dict], int | float], figures: dict, previous: dict | None) -> bool:
    """The figure `value` (a function of a section's figures, `total(path)`) is larger than last
    year's, and last year had some: what a proposed headline of progress says."""
    return previous is not None and value(figures) > value(previous) > 0


@dataclass(frozen=True)
class Headline:
    value: str | Callable[[dict], object]
    label: str | None = None
    unit: str | None = None
    rank: bool = False
    many: bool = False

    def __post_init__(self):
        if isinstance(self.value, str) and (self.label is not None or self.unit is not None):
            raise ValueError(f"{self.value}: a declared figure has its declared label and unit")
        if not isinstance(self.value, str) and self.label is None and not self.many:
            raise ValueError("a computed headline figure needs a label")


@dataclass(frozen=True, kw_only=True)
class Section:
    figures: Callable[..., dict]
    # A work area's section leaves these out: they are the area's (Section.of_area).
    key: str = ""
    title: str = ""
    template: str = ""
    labels: Mapping[str, tuple] = field(default_factory=lambda: MappingProxyType({}))
    headline: tuple[Headline, ...] = ()
    # Its place in the JSON, the PDF and the dashboard. A work area's section leaves it out: it is
    # the area's order, from its place in settings.UNIONHUB_WORK_AREAS (unionhub/core/areas.py).
    order: int | None = None
    # Proposes the section's headline from its figures (and last year's, or None), as the seed
    # writes them ("取得突破"); officials may keep it, change it or leave the plain title.
    propose: Callable[[dict, dict | None], str | None] | None = None
    # The records behind the figures whose history (pghistory) a published report's differences
    # list: model label -> the URL name of the record's page (one `pk` argument).
    records: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # The figures that say a year has records for the section (paths); none given: any figure.
    # A count that does not depend on the year (the chain's lead enterprises) is left out, so
    # that a year with no records is not compared with.
    yearly: tuple[str, ...] = ()

    def of_area(self, *, label: str, name: str) -> "Section":
        """The section of the work area `label` (its verbose_name `name`): its key, title and
        template, where it gives none, are the area's label, its name and
        `<label>/report_section.html`."""
        key = self.key or label
        return replace(
            self, key=key, title=self.title or name, template=self.template or f"{key}/report_section.html"
        )

    def has_records(self, figures: dict | None) -> bool:
        from .figures import has_records

        if not figures:
            return False
        if not self.yearly:
            return has_records(figures)
        return any(has_records(self._declared_figure(figures, path)[1]) for path in self.yearly)

    def proposal(self, figures: dict, previous: dict | None = None) -> str:
        """The proposed headline (the plain title when the section proposes none)."""
        proposed = self.propose(figures, previous) if self.propose and figures else None
        return str(proposed or self.title)

    def label(self, path: str) -> tuple[str | None, str]:
        """(label, unit) declared for `path` (None and "" when not declared)."""
        label, unit = self.labels.get(path, (None, ""))
        return (str(label) if label is not None else None), unit

    def knows(self, path: str) -> bool:
        return path in self.labels or any(p.startswith(f"{path}.") for p in self.labels)

    def headline_values(self, figures: dict) -> list[tuple[str, object, str, Headline]]:
        """(label, value, unit, headline) of each headline figure, in the declared order."""
        out = []
        for h in self.headline:
            if isinstance(h.value, str):
                label, value, unit = self._declared_figure(figures, h.value)
                out.append((label, value, unit, h))
            elif h.many:
                out.extend((str(lbl), v, h.unit or "", h) for lbl, v in h.value(figures))
            else:
                out.append((str(h.label), h.value(figures), h.unit or "", h))
        return out

    def _declared_figure(self, figures: dict, path: str) -> tuple[str, object, str]:
        """The label (the declared one, after the names the data brings on its path:
        `春节送温暖：受助对象`), value and unit of the figure at `path`."""
        node, pattern, named = figures, "", []
        for key in path.split("."):
            node = node[key]
            wildcard = f"{pattern}.*" if pattern else "*"
            if self.knows(wildcard):
                named.append(key)
                pattern = wildcard
            else:
                pattern = f"{pattern}.{key}" if pattern else key
        label, unit = self.label(path) if path in self.labels else self.label(pattern)
        return "：".join([*named, label or path.rsplit(".", 1)[-1]]), node, unit

    def tiles(self, figures: dict) -> list[tuple[str, str]]:
        """The headline figures as the report writes them: (label, `475户`)."""
        return [(label, fmt_value(value, unit)) for label, value, unit, _h in self.headline_values(figures)]


_sections: dict[str, Section] = {}


def register_section(section: Section) -> Section:
    from unionhub.core.areas import area_order

    if not (section.key and section.title and section.template):
        raise ImproperlyConfigured(f"report section {section.key!r}: give its key, title and template")
    if section.order is None:
        order = area_order(section.key)
        if order is None:
            raise ImproperlyConfigured(f"report section {section.key!r}: give an order (not a work area)")
        section = replace(section, order=order)
    clash = [s.key for s in _sections.values() if s.order == section.order and s.key != section.key]
    if clash:
        raise ImproperlyConfigured(f"report sections {section.key!r} and {clash[0]!r} have the same order")
    _sections[section.key] = section
    return section


def get_section(key: str) -> Section | None:
    return _sections.get(key)


def sections() -> list[Section]:
    """The registered sections in their declared order: the JSON's, the PDF's, the dashboard's."""
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))
