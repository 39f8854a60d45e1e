"""The one classifier of search boxes (unionhub.core.search): what is an ID number, a card or
mobile number, a credit code or a name, and what must never travel in a URL."""

import pytest

from tests.factories import make_credit_code, make_id_number
from unionhub.core.search import Kind, classify

NUMBER = make_id_number(seq=7)


@pytest.mark.parametrize(
    "text, kind",
    [
        ("", Kind.EMPTY),
        ("   ", Kind.EMPTY),
        (NUMBER, Kind.ID_NUMBER),
        (NUMBER.lower() + " ", Kind.ID_NUMBER),
        (NUMBER[:17], Kind.ID_LIKE),  # one digit left out
        (NUMBER[:16] + ("1" if NUMBER[16] != "1" else "2") + NUMBER[17], Kind.ID_LIKE),  # bad check
        ("13900000001", Kind.PHONE),
        (make_credit_code(seq=5), Kind.CREDIT_CODE),
        ("张三", Kind.NAME),
        ("张3", Kind.ID_LIKE),
    ],
)
def test_what_a_search_box_was_given(text, kind):
    assert classify(text).kind is kind


def test_only_names_and_credit_codes_may_travel_in_a_url():
    assert not classify("张三").private
    assert not classify(make_credit_code(seq=5)).private
    for private in (NUMBER, NUMBER[:17], "13900000001", "8888"):
        assert classify(private).private, private


def test_a_card_box_reads_digits_as_a_card_number_but_an_id_number_as_an_id_number():
    assert classify("6201000012345678", cards=True).kind is Kind.CARD
    assert classify("13900000001", cards=True).kind is Kind.CARD
    assert classify(NUMBER, cards=True).kind is Kind.ID_NUMBER


def test_what_the_page_says_it_searched_for_hides_the_birth_date():
    assert classify(NUMBER).shown == NUMBER[:6] + "*" * 8 + NUMBER[14:]
    assert NUMBER[:17] not in classify(NUMBER[:17]).shown
    assert classify("张三").shown == "张三"
