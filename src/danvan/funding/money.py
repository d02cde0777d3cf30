"""Money as offices write it: whole đồng, dots between thousands, "12.500.000 đ"."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from danvan.core.services import ServiceError
from danvan.initiatives.forms import MAX_AMOUNT, group_thousands

NBSP = "\u00a0"


def vnd(value) -> str:
    """12500000 -> "12.500.000 đ" (with a no-break space, so the sign stays with the number)."""
    if value in (None, ""):
        return ""
    return f"{group_thousands(value)}{NBSP}đ"


def clean_amount(value, *, positive: bool) -> Decimal:
    """A whole number of đồng within the columns' 15 digits; > 0 when `positive`, else ≥ 0."""
    if isinstance(value, bool) or value in (None, ""):
        raise ServiceError(_("Enter the amount in đồng."))
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise ServiceError(_("Enter the amount in đồng.")) from None
    if not amount.is_finite() or amount != amount.to_integral_value():
        raise ServiceError(_("Enter the amount in whole đồng."))
    if amount > MAX_AMOUNT:
        raise ServiceError(_("The amount is too large."))
    if positive and amount <= 0:
        raise ServiceError(_("The amount must be greater than zero."))
    if amount < 0:
        raise ServiceError(_("The amount must not be negative."))
    return amount.quantize(Decimal(1))
