"""A stand-in report section, so the machinery is tested on figures known by hand whatever the
work areas have registered so far.

`demo_section` replaces the registry with one section, "demo", whose figures are fixed except
`orgs` (the organizations of the subtree, with the year's records: none before 2018) and whose
template writes a sentence like the seed report's."""

from pathlib import Path

import pytest

from tests.factories import user_fixture
from tests.legal.conftest import make_case  # noqa: F401 (the legal tests' case maker)
from unionhub.orgs.roles import OFFICIAL
from unionhub.reports import registry
from unionhub.reports.registry import Headline, Section

TEMPLATES = Path(__file__).parent / "templates"


class DemoFigures:
    """The demo section's figures function; `fail` makes it raise (a broken section)."""

    fail = False

    def __call__(self, *, org, year, as_of):
        if self.fail:
            raise RuntimeError("the demo section is broken")
        if year < 2018:
            return {"households": 0, "cash": 0.0, "cards": 0, "rate": None, "orgs": 0, "by_kind": {}}
        return {
            "households": 475,
            "cash": 950000.0,
            "cards": 840000,
            "rate": 40.24,
            "orgs": org.subtree().count(),
            "by_kind": {"春节送温暖": 312.5, "金秋助学": 411600.0},
        }


DEMO_LABELS = {
    "households": ("慰问困难职工", "户"),
    "cash": ("发放慰问金", "元"),
    "cards": ("发卡量", "张"),
    "rate": ("建会率", "%"),
    "orgs": ("覆盖基层组织", "个"),
    "by_kind": ("按项目", ""),
    "by_kind.*": (None, "元"),
}
DEMO_HEADLINE = tuple(Headline(path) for path in ("households", "cash", "cards", "rate"))


@pytest.fixture
def demo_section(monkeypatch, settings):
    figures = DemoFigures()
    section = Section(
        key="demo",
        title="困难职工帮扶",
        order=30,
        figures=figures,
        template="demo/report_section.html",
        labels=DEMO_LABELS,
        headline=DEMO_HEADLINE,
    )
    monkeypatch.setattr(registry, "_sections", {"demo": section})
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], TEMPLATES]}]
    return figures


# Officials (领导) may request and publish reports. (Fast password hashing: tests/conftest.py.)
official = user_fixture("city", OFFICIAL, username="city_official", doc="An official of the city")
cz_official = user_fixture("cz", OFFICIAL, username="cz_official")
yf_official = user_fixture("yf", OFFICIAL, username="yf_official")
