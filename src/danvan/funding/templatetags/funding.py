"""Money in the funding pages: {{ amount|vnd }} -> "12.500.000 đ"."""

from django import template

from danvan.funding import money

register = template.Library()


@register.filter
def vnd(value):
    return money.vnd(value)
