"""Numbers and dates of reports as Vietnamese readers write them: "1.200", "12.500.000 đ",
"45,5%", "16/12/2026" (the figures of a snapshot keep their dates as ISO text)."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils.formats import date_format

from danvan.charts.numbers import format_number, format_percent

register = template.Library()

NBSP = "\u00a0"


@register.filter
def figure(value, measure: str = ""):
    """A figure of a report: 1200 -> "1.200"; money -> "12.500.000 đ"; None -> "—"."""
    if value in (None, ""):
        return "—"
    text = format_number(value)
    return f"{text}{NBSP}đ" if measure == "vnd" else text


@register.filter
def percent(value):
    return format_percent(value)


@register.filter
def isodate(value):
    """ "2026-12-16" (or a date) -> "16/12/2026"; empty -> ""."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    return date_format(value, "SHORT_DATE_FORMAT")


@register.filter
def get(mapping, key):
    """mapping[key] in a template ({{ row.values|get:code }})."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None
