"""Resident ID numbers (身份证号, GB 11643) and unified social credit codes (GB 32100).

python-stdnum computes the check characters; its `cn.ric.validate` also insists on a known
birth-place code, which refuses real numbers of re-coded counties, so we check format, check
character and birth date ourselves.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as StdnumError

ID_RE = re.compile(r"^\d{17}[\dX]$")
USCC_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def normalize_id_number(value) -> str:
    return ric.compact(str(value or "")).upper()


def validate_id_number(value, *, today: datetime.date | None = None) -> str:
    """Return the normalised ID number or raise a ValidationError in Chinese."""
    number = normalize_id_number(value)
    if not ID_RE.match(number):
        raise ValidationError(_("身份证号应为18位:17位数字加1位校验码(数字或X)"), code="format")
    if ric.calc_check_digit(number) != number[-1]:
        raise ValidationError(_("身份证号校验码不正确"), code="checksum")
    try:
        birth = ric.get_birth_date(number)
    except StdnumError:
        raise ValidationError(_("身份证号中的出生日期无效"), code="birth_date")
    if birth > (today or timezone.localdate()):
        raise ValidationError(_("身份证号中的出生日期晚于今天"), code="birth_date")
    return number


def birth_date_of(number: str) -> datetime.date:
    return ric.get_birth_date(number)


def sex_of(number: str) -> str:
    """男 or 女: the 17th digit is odd for men."""
    return "男" if int(number[16]) % 2 else "女"


def mask_id_number(number: str) -> str:
    """450202********123X: region and the last four stay, the birth date is hidden."""
    if not number:
        return ""
    if len(number) != 18:
        return "*" * len(number)
    return f"{number[:6]}{'*' * 8}{number[14:]}"


# -- numbers made up for tests, the demo and the benchmarks (valid, and nobody's) ---------------

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z


def id_number_for(body: str) -> str:
    """The ID number of a 17-digit `body` (region, birth date, sequence) with its check character."""
    return body + ric.calc_check_digit(body + "0")


def make_id_number(*, birth: datetime.date, seq: int, region: str = "450202") -> str:
    """A valid ID number of someone born on `birth` in `region`; `seq` keeps people apart (mod 1000)."""
    return id_number_for(f"{region}{birth:%Y%m%d}{seq % 1000:03d}")


def make_credit_code(n: int, *, prefix: str = "91450200") -> str:
    """The `n`-th valid unified social credit code under `prefix` (a private company of 柳州)."""
    tail = ""
    for _digit in range(9):
        n, r = divmod(n, len(USCC_ALPHABET))
        tail = USCC_ALPHABET[r] + tail
    body = f"{prefix}{tail}"
    return body + uscc.calc_check_digit(body)


def normalize_credit_code(value) -> str:
    return uscc.compact(str(value or "")).upper()


def validate_credit_code(value) -> str:
    code = normalize_credit_code(value)
    if len(code) != 18 or not USCC_RE.match(code):
        raise ValidationError(_("统一社会信用代码应为18位数字或大写字母"), code="format")
    if uscc.calc_check_digit(code[:-1]) != code[-1]:
        raise ValidationError(_("统一社会信用代码校验码不正确"), code="checksum")
    return code
