"""Numbers of appraisal as people write them: "86,5", "20", "12,25" (no trailing zeros)."""

from decimal import InvalidOperation

from django import template

from danvan.appraisal.scoring import plain

register = template.Library()


@register.filter
def num(value):
    if value in (None, ""):
        return ""
    try:
        return plain(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return value
