"""Numbers as the federation's reports write them (domain.md, "Numbers as the report writes them").

- money below 10,000 元 in full (`8500元`, `312.5元`); from 10,000 up in 万元 with at most two
  decimals, rounded half up, no trailing zeros (`95万元`, `41.16万元`);
- counts below 100,000 in full (`475户`); from 100,000 up in 万 (`84万张`, `11.47万人次`);
- rates with two decimals (`40.24%`), `—` when there is no denominator;
- the unit follows the figure with no space, and no thousands separator anywhere.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

DASH = "—"
TEN_THOUSAND = Decimal(10000)


def _plain(value: Decimal) -> str:
    """A decimal without trailing zeros or exponent: 95.00 → 95, 41.160 → 41.16."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _wan(value: Decimal) -> str:
    return _plain((value / TEN_THOUSAND).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def fmt_money(amount, unit: str = "元") -> str:
    """Money in 元: `8500元`, `312.5元`, `95万元`, `41.16万元`."""
    value = Decimal(str(amount or 0))
    if abs(value) < TEN_THOUSAND:
        return f"{_plain(value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP))}{unit}"
    return f"{_wan(value)}万{unit}"


def fmt_count(n, unit: str = "") -> str:
    """A count with its unit: `475户`, `8512名`, `84万张`, `11.47万人次`."""
    value = Decimal(int(n or 0))
    if abs(value) < 100000:
        return f"{int(value)}{unit}"
    return f"{_wan(value)}万{unit}"


def fmt_parts(counts: dict, unit: str, suffix: str = "") -> str:
    """A breakdown in a sentence, its non-zero entries in order, each named and counted:
    `工资专项集体合同3份、女职工专项集体合同1份` (`suffix` "集体合同", unit "份")."""
    return "、".join(f"{name}{suffix}{fmt_count(n, unit)}" for name, n in counts.items() if n)


def fmt_rate(rate) -> str:
    """A percentage with two decimals, or `—` when it has no denominator."""
    if rate is None:
        return DASH
    return f"{Decimal(str(rate)).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"


def rate(numerator, denominator):
    """numerator / denominator × 100 rounded to two decimals, None for a zero denominator."""
    if not denominator:
        return None
    value = Decimal(numerator) * 100 / Decimal(denominator)
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def money(value) -> float:
    """Money for the JSON: a number in 元 with two decimals."""
    return float(Decimal(str(value or 0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def fmt_value(value, unit: str = "") -> str:
    """A figure of any kind with its unit: `95万元` (元), `40.24%` (%), `475户`, `是`, `—` for none."""
    if value is None:
        return fmt_rate(None)
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, str):
        return value
    if unit == "元":
        return fmt_money(value)
    if unit == "%":
        return fmt_rate(value)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return fmt_count(int(value), unit)
    return f"{value}{unit}"


def _floor_sig(n: int, digits: int) -> int:
    step = 10 ** max(len(str(n)) - digits, 0)
    return n // step * step


def fmt_about(n, unit: str = "") -> str:
    """A count as a headline sentence may round it down, as the seed does: `40多家` (43),
    `200多名` (215), `8500多名` (8512), `5万余人` (50123), `84万张` (840000, exact); below 20,
    and whenever the rounding is exact, the figure itself. Tables always give the exact figure (fmt_count)."""
    n = int(n or 0)
    if n < 20:
        return fmt_count(n, unit)
    if n < 10000:
        floor = _floor_sig(n, 1 if n < 1000 else 2)
        return f"{floor}{unit}" if floor == n else f"{floor}多{unit}"
    wan = n // 10000
    floor = _floor_sig(wan, 1 if wan < 10 else 2)
    if floor * 10000 == n:
        return f"{floor}万{unit}"
    return f"{floor}万余{unit}"


def fmt_money_about(amount) -> str:
    """Money as a headline sentence may round it: `近90万元` (89.6万元: within 1% below a figure
    of two significant digits in 万元), else as fmt_money writes it (`95万元`, `2910万元`)."""
    value = Decimal(str(amount or 0))
    if value < 100000:
        return fmt_money(value)
    wan = value / TEN_THOUSAND
    step = Decimal(10) ** (len(str(int(wan))) - 2)
    round_up = (wan / step).to_integral_value(rounding="ROUND_CEILING") * step
    if round_up != wan and (round_up - wan) / round_up <= Decimal("0.01"):
        return f"近{_plain(round_up)}万元"
    return fmt_money(value)
