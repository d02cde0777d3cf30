"""Numbers as Vietnamese readers write them: "12.500" (dot between thousands), "45,5" (decimal
comma), "1,5 tỷ". English pages get "12,500" and "45.5"; anything else reads as Vietnamese."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext

Number = int | float | Decimal


def _language() -> str:
    try:
        from django.utils import translation

        return translation.get_language() or "vi"
    except Exception:  # Django not configured: a plain script drawing a chart
        return "vi"


def separators() -> tuple[str, str]:
    """(thousands separator, decimal separator) for the active language."""
    return (",", ".") if _language().startswith("en") else (".", ",")


def format_number(value: Number | None, decimals: int | None = None) -> str:
    """12500 -> "12.500"; 45.55 -> "45,6". With ``decimals=None`` whole numbers have no decimals
    and others one, without a trailing zero ("3", "2,5")."""
    if value is None:
        return "—"
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite():
        return "—"
    auto = decimals is None
    places = (0 if number == number.to_integral_value() else 1) if auto else max(decimals, 0)
    number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{abs(number):,.{places}f}"
    if auto and "." in text:
        text = text.rstrip("0").rstrip(".")
    thousands, decimal_mark = separators()
    text = text.replace(",", "\0").replace(".", decimal_mark).replace("\0", thousands)
    return f"-{text}" if number < 0 else text


def format_compact(value: Number | None) -> str:
    """Large amounts in words, as offices say them: 2500000000 -> "2,5 tỷ", 350000000 ->
    "350 triệu"; below a million the full number."""
    if value is None:
        return "—"
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    size = abs(number)
    if size >= 1_000_000_000:
        word = gettext("billion")  # outside the f-string: xgettext does not look inside one
        return f"{_short(number / 1_000_000_000)} {word}"
    if size >= 1_000_000:
        word = gettext("million")
        return f"{_short(number / 1_000_000)} {word}"
    return format_number(number)


def _short(number: Decimal) -> str:
    """At most two decimals, without trailing zeros: 1,25 / 350,5 / 2."""
    text = format_number(number, 2)
    mark = separators()[1]
    return text.rstrip("0").rstrip(mark) if mark in text else text


def format_percent(value: Number | None, decimals: int = 1) -> str:
    """45.54 -> "45,5%", 50.0 -> "50%" (no space, as Vietnamese documents write it)."""
    if value is None:
        return "—"
    text = format_number(value, decimals)
    mark = separators()[1]
    if mark in text:
        text = text.rstrip("0").rstrip(mark)
    return f"{text}%"
