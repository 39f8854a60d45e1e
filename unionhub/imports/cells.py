"""Cell parsers and formatters for the spreadsheet formats (import-formats.md, "Rules for every kind").

A parser takes the raw cell (str from a CSV; str, int, float, datetime or date from an xlsx)
and returns the Python value or raises CellError with the reason in Chinese. A formatter turns
the stored value back into the cell the import accepts, so an export imports back unchanged.
"""

import contextlib
import contextvars
import datetime
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import Field
from django.utils import timezone

from unionhub.people.idnumbers import validate_credit_code, validate_id_number


class CellError(Exception):
    """A bad cell; the message is what the user reads after `第N行 列名:`."""


FORMULA_CHARS = ("=", "+", "-", "@", "\t", "\r")

# --- text ------------------------------------------------------------------------------------


def unescape(value: str) -> str:
    """Our exports prefix formula-looking text with an apostrophe; take it off again."""
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_CHARS:
        return value[1:]
    return value


def escape(value: str) -> str:
    """Text a spreadsheet program would run as a formula is exported with a leading apostrophe."""
    if value and value[0] in FORMULA_CHARS:
        return "'" + value
    return value


def _text(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, datetime.datetime):
        raw = raw.date()
    return unescape(str(raw).strip())


def text(raw, max_length: int = 200) -> str:
    value = _text(raw)
    if len(value) > max_length:
        raise CellError(f"内容过长(最多{max_length}个字)")
    return value


def long_text(raw) -> str:
    return text(raw, max_length=2000)


def is_empty(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


# --- dates -----------------------------------------------------------------------------------

_DATE_RES = [
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
]


def date(raw) -> datetime.date:
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    value = _text(raw)
    if " " in value:  # "2018-04-15 00:00:00" from some exports
        value = value.split(" ", 1)[0]
    for pattern in _DATE_RES:
        m = pattern.match(value)
        if m:
            try:
                return datetime.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                break
    raise CellError(f"日期“{value}”无效,应为 2018-04-15、2018/4/15 或 2018年4月15日")


def format_date(value) -> str:
    return value.isoformat() if value else ""


def year(raw) -> int:
    value = _text(raw).removesuffix("年")
    if not re.fullmatch(r"\d{4}", value) or not 1949 <= int(value) <= 2100:
        raise CellError(f"年度“{value}”无效,应为四位数字,如 2018")
    return int(value)


# --- yes / no --------------------------------------------------------------------------------

_YES = {"是", "y", "yes", "1", "true", "t"}
_NO = {"否", "n", "no", "0", "false", "f"}


def yes_no(raw) -> bool:
    if isinstance(raw, bool):
        return raw
    value = _text(raw).lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise CellError(f"“{value}”无效,应填 是 或 否")


def format_yes_no(value) -> str:
    return "是" if value else "否"


# --- numbers ---------------------------------------------------------------------------------


def money(raw) -> Decimal:
    if isinstance(raw, bool):
        raise CellError("金额无效")
    value = _text(raw).replace(",", "").replace(",", "").removesuffix("元")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise CellError(f"金额“{value}”无效,应为数字,最多两位小数")
    if not amount.is_finite():
        raise CellError(f"金额“{value}”无效")
    if amount < 0:
        raise CellError("金额不能为负数")
    if amount != amount.quantize(Decimal("0.01")):
        raise CellError("金额最多两位小数")
    if amount >= Decimal("1e12"):
        raise CellError("金额过大")
    return amount.quantize(Decimal("0.01"))


def format_money(value) -> str:
    return "" if value is None else f"{value:.2f}"


def count(raw) -> int:
    value = _text(raw).replace(",", "")
    if not re.fullmatch(r"\d+", value):
        raise CellError(f"“{value}”无效,应为不小于0的整数")
    n = int(value)
    if n > 2**31 - 1:
        raise CellError("数值过大")
    return n


def positive_count(raw) -> int:
    n = count(raw)
    if n < 1:
        raise CellError("应为不小于1的整数")
    return n


def format_number(value) -> str:
    return "" if value is None else str(value)


def percent(raw) -> Decimal:
    if isinstance(raw, float) and 0 < raw <= 1 and not raw.is_integer():
        raw = raw * 100  # an Excel percent cell holds 0.4 for 40%
    value = _text(raw).removesuffix("%").removesuffix("%").strip()
    return _zero_to_hundred(value, "“{}”无效,应为0到100之间的百分比,如 40 或 40%", "百分比应在0到100之间")


def format_percent(value) -> str:
    if value is None:
        return ""
    text_ = f"{value:.2f}".rstrip("0").rstrip(".")
    return text_


def score(raw) -> Decimal:
    return _zero_to_hundred(_text(raw), "成绩“{}”无效,应为0到100之间的数字", "成绩应在0到100之间")


def _zero_to_hundred(value: str, invalid: str, out_of_range: str) -> Decimal:
    """`value` as a number from 0 to 100, to two decimals; else `invalid` ("{}" the text) or
    `out_of_range` as the cell's reason."""
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise CellError(invalid.format(value))
    if not number.is_finite() or not 0 <= number <= 100:
        raise CellError(out_of_range)
    return number.quantize(Decimal("0.01"))


# --- today ----------------------------------------------------------------------------------

_today: contextvars.ContextVar[datetime.date | None] = contextvars.ContextVar("import_today", default=None)


def today() -> datetime.date:
    """The import's "today" (read once when it starts: `fixed_today`), else the local date."""
    return _today.get() or timezone.localdate()


@contextlib.contextmanager
def fixed_today(day: datetime.date):
    """Cells parsed inside see `day` as today: one clock reading per import, not one per cell."""
    token = _today.set(day)
    try:
        yield day
    finally:
        _today.reset(token)


# --- identifiers -----------------------------------------------------------------------------


# Fast paths for a well-formed value (nearly every cell of a big file): the same checks as
# validate_id_number / validate_credit_code without python-stdnum's cleaning on every call.
# Anything else goes the full way, which also gives the Chinese reason.
_ID_CANONICAL = re.compile(r"[0-9]{17}[0-9X]")
_USCC_CANONICAL = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}")
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES = {c: i for i, c in enumerate(_USCC_ALPHABET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _id_number_ok(value: str) -> bool:
    if not _ID_CANONICAL.fullmatch(value):
        return False
    check = (1 - 2 * int(value[:17], 13)) % 11
    if ("X" if check == 10 else str(check)) != value[17]:
        return False
    try:
        birth = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return birth <= today()


def _credit_code_ok(value: str) -> bool:
    if not _USCC_CANONICAL.fullmatch(value):
        return False
    total = sum(_USCC_VALUES[c] * w for c, w in zip(value, _USCC_WEIGHTS, strict=False))
    return _USCC_ALPHABET[(31 - total) % 31] == value[17]


def _identifier(value: str, well_formed: Callable[[str], bool], validate: Callable[[str], str]) -> str:
    """`value` when it passes the fast check, else what the full validator makes of it (its
    cleaned form, or its reason as the cell's)."""
    if well_formed(value):
        return value
    try:
        return validate(value)
    except ValidationError as exc:
        raise CellError(exc.messages[0])


def id_number(raw) -> str:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        # Excel turned the number into a float and lost the last digits.
        raise CellError("身份证号须为文本格式")
    return _identifier(_text(raw), _id_number_ok, validate_id_number)


def credit_code(raw) -> str:
    return _identifier(_text(raw), _credit_code_ok, validate_credit_code)


def phone(raw) -> str:
    value = _text(raw)
    if not re.fullmatch(r"1\d{10}", value):
        raise CellError(f"手机号“{value}”无效,应为11位数字")
    return value


def org_code(raw) -> str:
    value = _text(raw)
    if not re.fullmatch(r"[A-Za-z0-9-]{1,40}", value):
        raise CellError(f"组织代码“{value}”无效,只能包含字母、数字和“-”")
    return value


def digits(raw) -> str:
    value = _text(raw)
    if not re.fullmatch(r"\d{1,30}", value):
        raise CellError(f"“{value}”无效,应为数字")
    return value


def choice(choices):
    """A parser accepting exactly the values of a TextChoices, of a model field's choices (the
    column takes what the field takes: `choice(Case.channel.field)`) or of a list of strings."""
    if isinstance(choices, Field):
        allowed = [value for value, _label in choices.flatchoices]
        field_name = choices.name
    elif hasattr(choices, "__members__"):
        allowed, field_name = [c.value for c in choices], ""
    else:
        allowed, field_name = list(choices), ""

    def parse(raw):
        value = _text(raw)
        if value not in allowed:
            raise CellError(f"“{value}”无效,应为:{'/'.join(allowed)}")
        return value

    parse.field_name = field_name  # the column fills that field unless it says otherwise
    return parse
