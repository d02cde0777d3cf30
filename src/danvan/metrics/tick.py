"""The metrics' scanner job: stored figures of past days are never used again (a figure lasts the
day it was computed, decision 0008), so `danvan tick` deletes them."""

from __future__ import annotations

from datetime import date, datetime

from danvan.core.tick import register
from danvan.metrics.models import Rollup


@register("metrics.forget_old_figures", order=950)
def forget_old_figures(today: date, now: datetime) -> int:
    deleted, _by_model = Rollup.objects.filter(computed_on__lt=today).delete()
    return deleted
