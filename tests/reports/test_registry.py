"""A section's declaration (labels, units, order, headline figures) is the one place its names
live: the tiles, the section's table, the xlsx and the differences all read it."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template

from unionhub.reports.figures import section_rows
from unionhub.reports.registry import Headline, Section, sections

FIGURES = {
    "teams": 12,
    "hours": 0,
    "by_kind": {"助老": {"times": 30, "people": 8}, "助学": {"times": 0, "people": 0}},
    "raised": 412345.0,
    "events": [{"name": "春季行动", "joined": 5}],
}
SECTION = Section(
    key="volunteers",
    title="志愿服务",
    order=60,
    figures=lambda **kw: FIGURES,
    template="volunteers/report_section.html",
    labels={
        "teams": ("志愿服务队", "支"),
        "hours": ("服务时长", "小时"),
        "by_kind": ("服务类别", ""),
        "by_kind.*.times": ("服务", "次"),
        "by_kind.*.people": ("受助对象", "人"),
        "by_kind.助老.people": ("受助老人", "人"),
        "raised": ("募集资金", "元"),
        "events": ("集中行动", ""),
        "events[].joined": ("参与", "人"),
    },
    headline=(
        Headline("teams"),
        Headline("by_kind.助老.times"),
        Headline("raised", rank=True),
        Headline(
            value=lambda f: [(f"{e['name']}参与", e["joined"]) for e in f["events"]], unit="人", many=True
        ),
    ),
)


def test_headline_tiles_take_the_declared_labels_and_units():
    assert SECTION.tiles(FIGURES) == [
        ("志愿服务队", "12支"),
        ("助老：服务", "30次"),
        ("募集资金", "41.23万元"),
        ("春季行动参与", "5人"),
    ]


def test_a_declared_figure_cannot_be_named_again_in_the_headline():
    with pytest.raises(ValueError):
        Headline("teams", label="服务队")
    with pytest.raises(ValueError):
        Headline(value=lambda f: 1)


def test_rows_name_each_figure_from_the_declaration_with_an_entry_of_its_own():
    rows = {r.path: r for r in section_rows(SECTION, "volunteers", FIGURES)}
    assert rows[("volunteers", "teams")].label == "志愿服务队(支)"
    assert rows[("volunteers", "by_kind", "助老", "people")].label == "服务类别 · 助老 · 受助老人(人)"
    assert rows[("volunteers", "by_kind", "助学", "people")].label == "服务类别 · 助学 · 受助对象(人)"
    assert rows[("volunteers", "by_kind", "助老", "people")].short == "助老：受助老人"


def test_the_section_table_comes_from_the_declaration_without_rows_of_zeros():
    template = Template(
        "{% load report %}{% section_table section figures previous as rows %}"
        "{% for r in rows %}{{ r.label }}={{ r.value }}/{{ r.previous }};{% endfor %}"
    )
    previous = {**FIGURES, "hours": 3, "teams": 10}
    html = template.render(Context({"section": SECTION, "figures": FIGURES, "previous": previous}))
    assert html == (
        "志愿服务队=12支/10支;服务时长=0小时/3小时;助老：服务=30次/30次;助老：受助老人=8人/8人;募集资金=41.23万元/41.23万元;"
    )
    html = template.render(Context({"section": SECTION, "figures": FIGURES, "previous": None}))
    assert "服务时长" not in html and "助学" not in html  # zero this year, nothing last year
    assert "参与" not in html  # a list of items has a table of its own


def test_label_filter_gives_the_declared_label():
    html = Template('{% load report %}{{ section|label:"by_kind.*.times" }}').render(
        Context({"section": SECTION})
    )
    assert html == "服务"


MACHINERY = Path(__file__).resolve().parents[2] / "unionhub" / "reports"


def test_no_machinery_file_names_a_work_area():
    keys = [s.key for s in sections()]
    assert keys  # the work areas have registered their sections
    named = re.compile(r"\b(" + "|".join(map(re.escape, keys)) + r")\b")
    found = [
        f"{path.relative_to(MACHINERY)}: {m.group(0)}"
        for path in MACHINERY.rglob("*")
        if path.suffix in {".py", ".html", ".css"} and "migrations" not in path.parts
        for m in named.finditer(path.read_text())
    ]
    assert found == []


def test_a_work_areas_section_takes_its_key_title_and_template_from_the_area():
    declared = Section(figures=dict, labels={"teams": ("志愿服务队", "支")})
    section = declared.of_area(label="volunteers", name="志愿服务")
    assert (section.key, section.title, section.template) == (
        "volunteers",
        "志愿服务",
        "volunteers/report_section.html",
    )
    assert section.labels == declared.labels
    # What a section gives of its own stands.
    assert SECTION.of_area(label="other", name="其他") == SECTION


def test_a_section_without_key_title_or_template_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    from unionhub.reports.registry import register_section

    with pytest.raises(ImproperlyConfigured, match="key, title and template"):
        register_section(Section(figures=dict, order=99))


def test_total_adds_up_the_figures_a_path_names():
    from unionhub.reports.registry import total

    assert total("by_kind.*.times")(FIGURES) == 30
    assert total("teams")(FIGURES) == 12
    assert total("by_kind.*.*")({"by_kind": {"a": {"x": 1, "y": 2}, "b": {"x": 3}}}) == 6


def test_grew_is_more_than_last_years_some():
    from unionhub.reports.registry import grew, total

    teams = total("teams")
    assert grew(teams, {"teams": 3}, {"teams": 2})
    assert not grew(teams, {"teams": 3}, {"teams": 0})  # from nothing is no progress
    assert not grew(teams, {"teams": 2}, {"teams": 2})
    assert not grew(teams, {"teams": 3}, None)


@pytest.mark.parametrize(
    "key, figures, previous, proposed",
    [
        ("perks", {"cards_issued": 3}, {"cards_issued": 2}, "“工会会员红利工程”影响力不断扩大"),
        ("perks", {"cards_issued": 3}, {"cards_issued": 0}, "会员红利"),
        (
            "relief",
            {"programs": {"春节送温暖": {"cash": 2.0, "goods": 1.0}}, "files": {"exited": 0}},
            {"programs": {"春节送温暖": {"cash": 1.0, "goods": 0.0}}, "files": {"exited": 0}},
            "困难职工帮扶成效显著",
        ),
        (
            "relief",
            {"programs": {"春节送温暖": {"cash": 2.0, "goods": 1.0}}, "files": {"exited": 4}},
            None,
            "扎实推进困难职工解困脱困工作",
        ),
    ],
)
def test_sections_propose_progress_over_last_year(key, figures, previous, proposed):
    from unionhub.reports.registry import get_section

    assert get_section(key).proposal(figures, previous) == proposed
