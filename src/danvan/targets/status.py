"""THE status of a target — one rule, used by every page, the API, the dashboard and scorecards.

* The period is over: **met** if the goal is reached, else **missed**.
* The period runs: **met** once the goal is reached; **on track** while the progress towards the
  goal (0–1) is at least the share of the period elapsed; **at risk** otherwise.

Progress is actual ÷ goal (capped at 1) for a lower bound ("≥ 100%", "> 20"); for an upper bound
("≤ 0 hot spots") it is 1 while the bound holds and 0 once it is broken. No value (a rate nobody
reported yet) is no progress.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

ONE, ZERO = Decimal(1), Decimal(0)
UPPER = frozenset({"lte", "lt"})


class Status(models.TextChoices):
    MET = "met", _("Met")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    MISSED = "missed", _("Missed")


# Bootstrap colours of the badges
STYLES = {
    Status.MET: "success",
    Status.ON_TRACK: "primary",
    Status.AT_RISK: "warning",
    Status.MISSED: "danger",
}


def elapsed_share(start: date, end: date, on: date) -> Decimal:
    """The share of the period [start, end] elapsed at the end of day `on` (0 before, 1 after)."""
    if on < start:
        return ZERO
    if on >= end:
        return ONE
    return Decimal((on - start).days + 1) / Decimal((end - start).days + 1)


def progress_of(actual, comparison: str, goal, met: bool) -> Decimal:
    """Progress towards the goal, from 0 to 1."""
    if actual is None:
        return ZERO
    if comparison in UPPER:
        return ONE if met else ZERO
    goal = Decimal(str(goal))
    if goal <= 0:
        return ONE if met else ZERO
    return min(Decimal(str(actual)) / goal, ONE)


def status_of(*, met: bool, progress: Decimal, elapsed: Decimal, over: bool) -> str:
    if over:
        return Status.MET if met else Status.MISSED
    if met:
        return Status.MET
    return Status.ON_TRACK if progress >= elapsed else Status.AT_RISK
