"""The `perks` figures on a small data set counted by hand.

Cards (member's organization, issue date, status):
  c1 LZ-CZ 2017-05-01 正常 · c2 LZ-CZ-001 2018-03-01 注销 · c3 LZ-CZ-001 2018-06-01 正常
  c4 LZ-YF 2018-02-01 正常 · c5 LZ-CZ 2018-11-15 (after the as-of date)
Merchants (organization, signed, stores): A LZ 2017-06-01 3 · B LZ-CZ 2018-05-01 2 ·
  C LZ-YF 2018-11-20 4 (after the as-of date) · D LZ-CZ-001 2016-01-01 1
Sales (sales / discount):
  4·15红利日 2018-04-15: A 1000000/300000, B 500000/100000, D 20000/5000
  9·10红利日 2018-09-10: A 2000000/600000, C 300000/90000
  双11红利日 2018-11-11 (after the as-of date): A 100/10
  2017年红利日 2017-09-10: A 999/99
"""

import datetime

import pytest

from perks.models import MemberCard, PerkDay
from perks.selectors import perks_figures
from tests.sections import columns, section_html, this_year_and_last
from unionhub.reports.figures import report_figures
from unionhub.reports.registry import get_section

AS_OF = datetime.date(2018, 10, 31)


@pytest.fixture
def data(tree, make_member, make_card, make_merchant, make_sale, day_415):
    S = MemberCard.Status
    m1, m2, m3, m4 = (make_member(o) for o in (tree.cz, tree.cz_ent, tree.yf, tree.cz))
    make_card(m1, issued_on=datetime.date(2017, 5, 1))
    make_card(m2, issued_on=datetime.date(2018, 3, 1), status=S.CANCELLED)
    make_card(m2, issued_on=datetime.date(2018, 6, 1))
    make_card(m3, issued_on=datetime.date(2018, 2, 1))
    make_card(m4, issued_on=datetime.date(2018, 11, 15))
    a = make_merchant(tree.city, signed_on=datetime.date(2017, 6, 1), stores=3)
    b = make_merchant(tree.cz, signed_on=datetime.date(2018, 5, 1), stores=2)
    c = make_merchant(tree.yf, signed_on=datetime.date(2018, 11, 20), stores=4)
    d = make_merchant(tree.cz_ent, signed_on=datetime.date(2016, 1, 1), stores=1)
    day_910 = PerkDay.objects.create(name="9·10红利日", date=datetime.date(2018, 9, 10))
    day_1111 = PerkDay.objects.create(name="双11红利日", date=datetime.date(2018, 11, 11))
    day_2017 = PerkDay.objects.create(name="2017年红利日", date=datetime.date(2017, 9, 10))
    make_sale(day_415, a, "1000000", "300000")
    make_sale(day_415, b, "500000", "100000")
    make_sale(day_415, d, "20000", "5000")
    make_sale(day_910, a, "2000000", "600000")
    make_sale(day_910, c, "300000", "90000")
    make_sale(day_1111, a, "100", "10")
    make_sale(day_2017, a, "999", "99")
    return tree


# The 2018 figures up to AS_OF side by side: (the city, 城中区).
FIGURES_2018 = {
    "cards_issued": (4, 3),
    "cards_issued_in_year": (3, 2),
    "merchants": (3, 2),
    "stores": (6, 3),
    "perk_days": (
        [
            {"name": "4·15红利日", "date": "2018-04-15", "sales": 1520000.0, "discount": 405000.0},
            {"name": "9·10红利日", "date": "2018-09-10", "sales": 2300000.0, "discount": 690000.0},
        ],
        [{"name": "4·15红利日", "date": "2018-04-15", "sales": 520000.0, "discount": 105000.0}],
    ),
    "discount_total": (1095000.0, 105000.0),
}


@pytest.mark.parametrize("org, expected", columns(FIGURES_2018, ("city", "cz")))
def test_figures_cover_the_subtree(data, org, expected):
    """The city's cover the whole tree, 城中区's only its own subtree."""
    assert perks_figures(org=getattr(data, org), year=2018, as_of=AS_OF) == expected


def test_sibling_district_sees_its_own_merchants_sales_only(data):
    figures = perks_figures(org=data.yf, year=2018, as_of=AS_OF)
    assert figures["cards_issued"] == 1
    assert figures["merchants"] == 0  # C signs after the as-of date
    assert figures["perk_days"] == [
        {"name": "9·10红利日", "date": "2018-09-10", "sales": 300000.0, "discount": 90000.0}
    ]


def test_year_end_counts_what_the_as_of_date_cut_off(data):
    figures = perks_figures(org=data.city, year=2018, as_of=datetime.date(2018, 12, 31))
    assert figures["cards_issued"] == 5
    assert figures["cards_issued_in_year"] == 4
    assert (figures["merchants"], figures["stores"]) == (4, 10)
    assert [d["name"] for d in figures["perk_days"]] == ["4·15红利日", "9·10红利日", "双11红利日"]
    assert figures["discount_total"] == 1095010.0


def test_nothing_recorded_gives_zeros_and_empty_lists(tree):
    assert perks_figures(org=tree.city, year=2018, as_of=AS_OF) == {
        "cards_issued": 0,
        "cards_issued_in_year": 0,
        "merchants": 0,
        "stores": 0,
        "perk_days": [],
        "discount_total": 0.0,
    }


def test_figures_are_part_of_the_report_json(data):
    figures = report_figures(org=data.city, year=2018, as_of=AS_OF)
    assert figures["perks"]["cards_issued"] == 4


def _render(figures, previous=None):
    return section_html("perks", figures, previous)


def test_section_writes_the_figures_as_sentences(data):
    html = _render(perks_figures(org=data.city, year=2018, as_of=AS_OF))
    assert "发卡量达4张" in html
    assert "累计拓展特约服务商户3家，服务门店6家" in html
    assert "两天销售额分别高达152万元和230万元，为工会会员让利109.5万元" in html
    assert '<table class="report">' in html
    assert "<svg" in html


def test_section_compares_with_the_previous_year(data):
    current, previous = this_year_and_last(perks_figures, data.city, AS_OF)
    assert previous["cards_issued"] == 1
    html = _render(current, previous)
    assert "发卡量比上年增长300.00%" in html


def test_large_figures_are_written_in_wan(data):
    figures = {
        "cards_issued": 840000,
        "cards_issued_in_year": 120000,
        "merchants": 119,
        "stores": 600,
        "perk_days": [
            {"name": "4·15红利日", "date": "2018-04-15", "sales": 29100000.0, "discount": 5000000.0},
            {"name": "9·10红利日", "date": "2018-09-10", "sales": 30480000.0, "discount": 5530000.0},
        ],
        "discount_total": 10530000.0,
    }
    html = _render(figures)
    assert "发卡量达84万张" in html
    assert "累计拓展特约服务商户119家，服务门店600家" in html
    assert "两天销售额分别高达2910万元和3048万元，为工会会员让利1053万元" in html


def test_headline_tiles(data):
    section = get_section("perks")
    tiles = section.tiles(perks_figures(org=data.city, year=2018, as_of=AS_OF))
    assert ("累计发卡量", "4张") in tiles
    assert ("红利日让利合计", "109.5万元") in tiles
