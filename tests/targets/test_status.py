"""THE status rule, table-driven: one function decides met / on track / at risk / missed."""

from datetime import date
from decimal import Decimal

import pytest

from danvan.targets.models import compare
from danvan.targets.status import Status, elapsed_share, progress_of, status_of

D = Decimal


@pytest.mark.parametrize(
    ("met", "progress", "elapsed", "over", "expected"),
    [
        # the period is over: met or missed, whatever the progress
        (True, D(1), D(1), True, Status.MET),
        (False, D("0.99"), D(1), True, Status.MISSED),
        (False, D(0), D(1), True, Status.MISSED),
        # running and reached: met, even early
        (True, D(1), D("0.1"), False, Status.MET),
        # running: on track while progress keeps up with the time elapsed
        (False, D("0.5"), D("0.5"), False, Status.ON_TRACK),
        (False, D("0.6"), D("0.5"), False, Status.ON_TRACK),
        (False, D("0.49"), D("0.5"), False, Status.AT_RISK),
        (False, D(0), D(0), False, Status.ON_TRACK),  # not started yet
        (False, D(0), D("0.01"), False, Status.AT_RISK),
        # the last day: only the goal itself is on track
        (False, D("0.999"), D(1), False, Status.AT_RISK),
        (False, D(1), D(1), False, Status.ON_TRACK),  # "> 70%" at exactly 70%
    ],
)
def test_status_of(met, progress, elapsed, over, expected):
    assert status_of(met=met, progress=progress, elapsed=elapsed, over=over) == expected


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2020, 12, 31), D(0)),
        (date(2021, 1, 1), D(1) / D(1826)),
        (date(2023, 7, 2), D(913) / D(1826)),
        (date(2025, 12, 31), D(1)),
        (date(2026, 5, 1), D(1)),
    ],
)
def test_elapsed_share_counts_days_inclusively(on, expected):
    assert elapsed_share(date(2021, 1, 1), date(2025, 12, 31), on) == expected


@pytest.mark.parametrize(
    ("actual", "comparison", "goal", "met", "expected"),
    [
        (50, "gte", 100, False, D("0.5")),
        (120, "gte", 100, True, D(1)),  # capped
        (Decimal("35"), "gt", 70, False, D("0.5")),
        (None, "gt", 70, False, D(0)),  # nobody reported
        (0, "lte", 0, True, D(1)),  # no hot spot: the bound holds
        (2, "lte", 0, False, D(0)),  # broken
        (3, "lt", 5, True, D(1)),
        (0, "gte", 0, True, D(1)),  # a goal of zero is reached by anything
    ],
)
def test_progress_of(actual, comparison, goal, met, expected):
    assert progress_of(actual, comparison, goal, met) == expected


@pytest.mark.parametrize(
    ("actual", "comparison", "goal", "expected"),
    [
        (100, "gte", 100, True),
        (Decimal("99.9"), "gte", 100, False),
        (70, "gt", 70, False),
        (Decimal("70.1"), "gt", 70, True),
        (0, "lte", 0, True),
        (1, "lte", 0, False),
        (4, "lt", 5, True),
        (5, "lt", 5, False),
        (None, "gte", 0, False),  # no value satisfies nothing
    ],
)
def test_compare(actual, comparison, goal, expected):
    assert compare(actual, comparison, goal) is expected
