import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.factories import make_credit_code, make_id_number
from unionhub.people.idnumbers import (
    id_number_for,
    mask_id_number,
    sex_of,
    validate_credit_code,
    validate_id_number,
)


def test_a_good_id_number_is_accepted():
    assert validate_id_number("45022619981024447X") == "45022619981024447X"


def test_lower_case_x_is_normalised():
    assert validate_id_number("45022619981024447x") == "45022619981024447X"


def test_a_wrong_check_character_is_refused():
    with pytest.raises(ValidationError, match="校验码"):
        validate_id_number("450226199810244471")


def test_an_impossible_birth_date_is_refused():
    # A 13th month, with the check character that fits it.
    number = id_number_for(make_id_number(datetime.date(1990, 1, 1))[:17].replace("19900101", "19901301"))
    with pytest.raises(ValidationError, match="出生日期"):
        validate_id_number(number)


def test_a_birth_date_in_the_future_is_refused():
    number = make_id_number(datetime.date(2030, 1, 1))
    with pytest.raises(ValidationError, match="晚于今天"):
        validate_id_number(number, today=datetime.date(2026, 1, 1))


def test_sex_comes_from_the_seventeenth_digit():
    assert sex_of("450222196112223146") == "女"
    assert sex_of("450206199411263918") == "男"


@pytest.mark.parametrize(
    "number",
    ["4502261998", "450226981024447", "4502261998102444XX"],
    ids=["short", "an old fifteen-digit number", "letters other than a final X"],
)
def test_anything_but_17_digits_and_a_check_character_is_refused(number):
    with pytest.raises(ValidationError, match="18位"):
        validate_id_number(number)


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("45020219850615123X", "450202********123X"),  # the birth date hidden
        ("4502261998", "**********"),  # anything but a full number: all of it
        ("", ""),
    ],
)
def test_masking_hides_the_birth_date_or_all_of_a_number_not_full(number, masked):
    assert mask_id_number(number) == masked


def test_credit_codes_are_checked():
    code = make_credit_code()
    assert validate_credit_code(code.lower()) == code
    bad = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(ValidationError, match="校验码"):
        validate_credit_code(bad)


def test_spaces_around_are_ignored():
    assert validate_id_number(" 45022619981024447x ") == "45022619981024447X"


def test_february_29_of_a_common_year_is_refused():
    with pytest.raises(ValidationError, match="出生日期无效"):
        validate_id_number(id_number_for("45022619990229123"))


def test_february_29_of_a_leap_year_is_accepted():
    number = id_number_for("45022620000229123")
    assert validate_id_number(number) == number


def test_credit_code_with_a_letter_outside_the_alphabet_is_refused():
    code = make_credit_code()
    for letter in "IOZSV":
        with pytest.raises(ValidationError, match="18位"):
            validate_credit_code(code[:10] + letter + code[11:])


def test_credit_code_of_the_wrong_length_is_refused():
    with pytest.raises(ValidationError, match="18位"):
        validate_credit_code(make_credit_code()[:-1])


def test_credit_code_separators_and_case_are_normalised():
    code = make_credit_code(seq=12345)
    assert validate_credit_code(f" {code[:9]}-{code[9:]} ".lower()) == code
