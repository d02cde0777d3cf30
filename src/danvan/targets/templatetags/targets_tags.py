"""Numbers of targets as Vietnamese readers write them: "72,5%", "1.840/2.390"."""

from django import template

from danvan.charts.numbers import format_number

register = template.Library()

BAR_COLOURS = {
    "met": "#1e6b3a",
    "on_track": "#1d4f8a",
    "at_risk": "#b7791f",
    "missed": "#a3221b",
}


@register.filter
def num(value):
    """12500 -> "12.500"; 72.5 -> "72,5"; None -> "—"."""
    return format_number(value)


@register.filter
def actual(result_or_row, is_share=None):
    """A result's (or drill-down row's) value: "72,5%" for shares, "12" for counts."""
    value = result_or_row.actual
    if value is None:
        return "—"
    share = is_share if is_share is not None else getattr(result_or_row, "is_share", False)
    return f"{format_number(value)}%" if share else format_number(value)


@register.filter
def bar_colour(status):
    return BAR_COLOURS.get(status or "", "#8a8f98")
