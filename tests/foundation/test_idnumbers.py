import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.factories import make_credit_code, make_id_number
from unionhub.people.idnumbers import (
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
    number = make_id_number(datetime.date(1990, 1, 1)).replace("19900101", "19901301")
    from stdnum.cn import ric

    number = number[:-1] + ric.calc_check_digit(number)
    with pytest.raises(ValidationError, match="出生日期"):
        validate_id_number(number)


def test_a_birth_date_in_the_future_is_refused():
    number = make_id_number(datetime.date(2030, 1, 1))
    with pytest.raises(ValidationError, match="晚于今天"):
        validate_id_number(number, today=datetime.date(2026, 1, 1))


def test_a_short_number_is_refused():
    with pytest.raises(ValidationError, match="18位"):
        validate_id_number("4502261998")


def test_sex_comes_from_the_seventeenth_digit():
    assert sex_of("450222196112223146") == "女"
    assert sex_of("450206199411263918") == "男"


def test_masking_hides_the_birth_date():
    assert mask_id_number("45020219850615123X") == "450202********123X"


def test_credit_codes_are_checked():
    code = make_credit_code()
    assert validate_credit_code(code.lower()) == code
    bad = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(ValidationError, match="校验码"):
        validate_credit_code(bad)
