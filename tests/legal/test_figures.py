"""The `legal` figures on a small data set counted by hand, with the as-of cut-off and scoping.

LZ-CZ: A 2018-01-10 来电 拖欠工资 咨询 2 persons/1 migrant, recovered 1000;
       B 2018-05-05 来访 group 工伤 仲裁 (lawyer) 6 persons/4 migrants, recovered 2000.50;
LZ-CZ-001: C 2018-10-31 网络 劳动合同 诉讼 (lawyer) 1 person/0 migrants;
LZ-YF: D 2018-07-01 信函 group 拖欠工资 调解 5 persons/5 migrants, recovered 300;
LZ-CZ: E 2018-11-01 (after the as-of date) 社会保险 3 persons; F 2017-12-31 (last year).
"""

import datetime
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from legal.selectors import legal_figures
from unionhub.reports.registry import get_section

AS_OF = datetime.date(2018, 10, 31)
D = datetime.date
ZERO_CAUSES = {"拖欠工资": 0, "劳动合同": 0, "社会保险": 0, "工伤": 0, "解除劳动关系": 0, "其他": 0}


@pytest.fixture
def data(tree, make_case, lawyer):
    cz, yf, ent = tree.cz, tree.yf, tree.cz_ent
    make_case(cz, received_on=D(2018, 1, 10), persons=2, migrants=1, recovered=Decimal("1000"))
    make_case(
        cz,
        received_on=D(2018, 5, 5),
        channel="来访",
        is_group=True,
        cause="工伤",
        handling="指派律师代理仲裁",
        lawyer=lawyer,
        persons=6,
        migrants=4,
        recovered=Decimal("2000.50"),
    )
    make_case(
        ent,
        received_on=D(2018, 10, 31),
        channel="网络",
        cause="劳动合同",
        handling="指派律师代理诉讼",
        lawyer=lawyer,
    )
    make_case(
        yf,
        received_on=D(2018, 7, 1),
        channel="信函",
        is_group=True,
        handling="调解",
        persons=5,
        migrants=5,
        recovered=Decimal("300"),
    )
    make_case(cz, received_on=D(2018, 11, 1), cause="社会保险", persons=3)
    make_case(cz, received_on=D(2017, 12, 31), persons=9)
    return tree


def test_city_figures_count_the_whole_tree_up_to_the_as_of_date(data):
    assert legal_figures(org=data.city, year=2018, as_of=AS_OF) == {
        "cases": 4,
        "persons": 14,
        "migrant_persons": 10,
        "group_visits": 2,
        "group_persons": 11,
        "lawyer_cases": 2,
        "lawyer_cases_migrant": 1,
        "by_cause": {**ZERO_CAUSES, "拖欠工资": 2, "工伤": 1, "劳动合同": 1},
        "recovered": 3300.5,
    }


def test_district_figures_count_only_its_subtree(data):
    assert legal_figures(org=data.cz, year=2018, as_of=AS_OF) == {
        "cases": 3,
        "persons": 9,
        "migrant_persons": 5,
        "group_visits": 1,
        "group_persons": 6,
        "lawyer_cases": 2,
        "lawyer_cases_migrant": 1,
        "by_cause": {**ZERO_CAUSES, "拖欠工资": 1, "工伤": 1, "劳动合同": 1},
        "recovered": 3000.5,
    }


def test_a_later_as_of_date_takes_in_the_later_cases(data):
    figures = legal_figures(org=data.cz, year=2018, as_of=D(2018, 12, 31))
    assert (figures["cases"], figures["persons"], figures["by_cause"]["社会保险"]) == (4, 12, 1)
    assert legal_figures(org=data.cz, year=2018, as_of=D(2018, 10, 30))["cases"] == 2


def test_a_year_without_cases_gives_zeros(tree):
    assert legal_figures(org=tree.city, year=2030, as_of=D(2030, 12, 31)) == {
        "cases": 0,
        "persons": 0,
        "migrant_persons": 0,
        "group_visits": 0,
        "group_persons": 0,
        "lawyer_cases": 0,
        "lawyer_cases_migrant": 0,
        "by_cause": ZERO_CAUSES,
        "recovered": 0.0,
    }


def test_figures_are_computed_in_two_queries(data, django_assert_num_queries):
    with django_assert_num_queries(2):
        legal_figures(org=data.city, year=2018, as_of=AS_OF)


def test_the_section_writes_sentences_a_table_and_a_chart(data):
    section = get_section("legal")
    assert (section.title, section.order) == ("法律维权", 40)
    figures = legal_figures(org=data.city, year=2018, as_of=AS_OF)
    previous = legal_figures(org=data.city, year=2017, as_of=D(2017, 12, 31))
    html = render_to_string(section.template, {"figures": figures, "previous": previous, "section": section})
    assert "接待来电来访业务共4件,涉及14人次,其中农民工10人次" in html
    assert "群体性来访2次,涉及11人" in html
    assert "代理仲裁和诉讼案件2件,其中农民工1件" in html
    assert "为职工追回3300.5元" in html
    assert "案件数比上年增长300.00%" in html
    assert '<table class="report">' in html and "<svg" in html
    assert section.tiles(figures)[0] == ("接待来电来访", "4件")
