"""The number formats of domain.md ("Numbers as the report writes them"), one rule per test."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from unionhub.reports.numbers import fmt_count, fmt_money, fmt_rate, money, rate


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (8500, "8500元"),
        (312.5, "312.5元"),
        (Decimal("312.50"), "312.5元"),
        (0, "0元"),
        (None, "0元"),
        (9999.99, "9999.99元"),
        (10000, "1万元"),
        (950000, "95万元"),
        (411600, "41.16万元"),
        (Decimal("950000.00"), "95万元"),
        (10500000, "1050万元"),
        (12345678.9, "1234.57万元"),
    ],
)
def test_money_is_written_in_full_below_ten_thousand_and_in_wan_from_there(amount, text):
    assert fmt_money(amount) == text


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (10050, "1.01万元"),  # 1.005 rounds half up, not to even
        (10049.99, "1万元"),
        (411650, "41.17万元"),
        (411649.99, "41.16万元"),
        (Decimal("0.005"), "0.01元"),
        (Decimal("0.125"), "0.13元"),
    ],
)
def test_money_rounds_half_up(amount, text):
    assert fmt_money(amount) == text


@pytest.mark.parametrize(
    ("n", "unit", "text"),
    [
        (475, "户", "475户"),
        (8512, "名", "8512名"),
        (0, "件", "0件"),
        (None, "人", "0人"),
        (99999, "人次", "99999人次"),
        (100000, "人", "10万人"),
        (840000, "张", "84万张"),
        (114700, "人次", "11.47万人次"),
        (1000000, "名", "100万名"),
    ],
)
def test_counts_are_written_in_full_below_a_hundred_thousand_and_in_wan_from_there(n, unit, text):
    assert fmt_count(n, unit) == text


@pytest.mark.parametrize(
    ("n", "text"),
    [(114750, "11.48万"), (114749, "11.47万"), (100050, "10.01万"), (100049, "10万")],
)
def test_counts_in_wan_round_half_up(n, text):
    assert fmt_count(n) == text


def test_no_thousands_separator_and_no_space_before_the_unit():
    for text in (fmt_money(9876.5), fmt_count(98765, "人"), fmt_money(98765432)):
        assert "," not in text and " " not in text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (40.24, "40.24%"),
        (40, "40.00%"),
        (0, "0.00%"),
        (100, "100.00%"),
        (12.5, "12.50%"),
        (40.225, "40.23%"),  # half up (banker's rounding would give 40.22)
        (40.224, "40.22%"),
        (None, "—"),
    ],
)
def test_rates_have_two_decimals_and_a_dash_without_denominator(value, text):
    assert fmt_rate(value) == text


@pytest.mark.parametrize(
    ("num", "den", "value"),
    [
        (1, 3, 33.33),
        (2, 3, 66.67),
        (1, 8, 12.5),
        (1, 800, 0.13),  # 0.125 half up
        (3, 3, 100.0),
        (0, 5, 0.0),
        (5, 0, None),
        (0, 0, None),
        (0, None, None),
    ],
)
def test_rate_is_a_percentage_rounded_half_up_or_none_for_a_zero_denominator(num, den, value):
    assert rate(num, den) == value


@pytest.mark.parametrize(
    ("value", "result"),
    [(Decimal("312.5"), 312.5), (None, 0.0), (Decimal("0.125"), 0.13), ("0.005", 0.01), (950000, 950000.0)],
)
def test_money_for_the_json_is_a_float_with_two_decimals(value, result):
    out = money(value)
    assert isinstance(out, float)
    assert out == result


def render(source: str, **context) -> str:
    return Template("{% load report %}" + source).render(Context(context))


def test_template_filters_write_figures_as_the_report_does():
    assert render("{{ v|money }}", v=950000) == "95万元"
    assert render('{{ n|count:"户" }}', n=475) == "475户"
    assert render('{{ n|count:"张" }}', n=840000) == "84万张"
    assert render("{{ r|rate }}", r=40.24) == "40.24%"
    assert render("{{ r|rate }}", r=None) == "—"


@pytest.mark.parametrize(
    ("cur", "prev", "text"),
    [
        (110, 100, "比上年增长10.00%"),
        (90, 100, "比上年下降10.00%"),
        (100, 100, "与上年持平"),
        (5, 0, ""),
        (5, None, ""),
        (None, 5, ""),
    ],
)
def test_change_against_the_previous_year(cur, prev, text):
    assert render("{{ cur|change:prev }}", cur=cur, prev=prev) == text
