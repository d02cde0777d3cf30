"""Stored regimes give the right windows and due dates for each report type, across year ends,
Tết and the other public holidays (hand-computed), and the year-based metrics count the year a
cut-off window reports on."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.metrics.registry import reporting_years
from danvan.orgs.models import UnitType
from danvan.reports import services

pytestmark = pytest.mark.django_db

CASES = [
    # report type, cut-off day, due rule, year, number, start, end, due
    # Q1 2026 ends Saturday 14/3: three working days are Mon 16, Tue 17, Wed 18
    (
        "quarterly",
        14,
        {"due_working_days": 3},
        2026,
        1,
        date(2025, 12, 15),
        date(2026, 3, 14),
        date(2026, 3, 18),
    ),
    # February 2026 ends Saturday 14/2, the first day of the Tết holiday (14–22/2): Tue 24/2
    (
        "monthly",
        14,
        {"due_working_days": 2},
        2026,
        2,
        date(2026, 1, 15),
        date(2026, 2, 14),
        date(2026, 2, 24),
    ),
    # January 2026 opens in December of the year before
    (
        "monthly",
        14,
        {"due_working_days": 2},
        2026,
        1,
        date(2025, 12, 15),
        date(2026, 1, 14),
        date(2026, 1, 16),
    ),
    # the annual report: from 15/12 of the year before; "trước ngày 20 tháng 12" is not moved off a Saturday
    (
        "annual",
        14,
        {"due_day_of_month": 20},
        2025,
        1,
        date(2024, 12, 15),
        date(2025, 12, 14),
        date(2025, 12, 20),
    ),
    (
        "annual",
        14,
        {"due_day_of_month": 18},
        2026,
        1,
        date(2025, 12, 15),
        date(2026, 12, 14),
        date(2026, 12, 18),
    ),
    (
        "six_month",
        14,
        {"due_working_days": 2},
        2026,
        1,
        date(2025, 12, 15),
        date(2026, 6, 14),
        date(2026, 6, 16),
    ),
    (
        "nine_month",
        14,
        {"due_working_days": 2},
        2026,
        1,
        date(2025, 12, 15),
        date(2026, 9, 14),
        date(2026, 9, 16),
    ),
    (
        "quarterly",
        14,
        {"due_working_days": 2},
        2025,
        4,
        date(2025, 9, 15),
        date(2025, 12, 14),
        date(2025, 12, 16),
    ),
    # calendar quarters (a Front plan): 31/12/2025 + 5 working days, New Year's Day off
    (
        "quarterly",
        None,
        {"due_working_days": 5},
        2025,
        4,
        date(2025, 10, 1),
        date(2025, 12, 31),
        date(2026, 1, 8),
    ),
    # April 2026 ends on 30/4 (Reunification Day), then 1/5 and a weekend
    (
        "monthly",
        None,
        {"due_working_days": 3},
        2026,
        4,
        date(2026, 4, 1),
        date(2026, 4, 30),
        date(2026, 5, 6),
    ),
    # a Party plan with data up to the 20th
    (
        "quarterly",
        20,
        {"due_working_days": 2},
        2026,
        1,
        date(2025, 12, 21),
        date(2026, 3, 20),
        date(2026, 3, 24),
    ),
]


@pytest.mark.parametrize("report_type, cutoff, due, year, number, start, end, due_on", CASES)
def test_windows_and_due_dates_of_stored_regimes(
    city, ancestor, report_type, cutoff, due, year, number, start, end, due_on
):
    regime = services.create_regime(
        city,
        {
            "name": "Chế độ báo cáo",
            "report_type": report_type,
            "cutoff_day": cutoff,
            **due,
            "reporter_types": [UnitType.objects.get(code="party_committee")],
        },
        actor=ancestor,
    )
    period = services.open_period(regime, actor=ancestor, year=year, number=number)
    assert (period.start, period.end, period.due_on) == (start, end, due_on)


@pytest.mark.parametrize(
    "today, label",
    [
        (date(2025, 12, 14), "Quý IV năm 2025"),
        (date(2025, 12, 15), "Quý I năm 2026"),  # the next year's first quarter opens on 15/12
        (date(2026, 2, 17), "Quý I năm 2026"),  # Tết
        (date(2026, 12, 6), "Quý IV năm 2026"),
    ],
)
def test_the_scheduler_opens_the_period_holding_today(city, ancestor, today, label):
    services.create_regime(
        city,
        {
            "name": "Báo cáo quý",
            "report_type": "quarterly",
            "cutoff_day": 14,
            "reporter_types": [UnitType.objects.get(code="party_committee")],
        },
        actor=ancestor,
    )
    opened = services.ensure_current_periods(today)
    assert [p.label for p in opened] == [label]
    assert services.ensure_current_periods(today) == []


@pytest.mark.parametrize(
    "start, end, years",
    [
        (date(2025, 1, 1), date(2025, 12, 31), (2025, 2025)),
        (date(2024, 12, 15), date(2025, 12, 14), (2025, 2025)),  # annual 2025 under NĐ 09/2019
        (date(2025, 12, 15), date(2026, 3, 14), (2026, 2026)),  # Q1 2026
        (date(2025, 12, 1), date(2026, 1, 31), (2025, 2026)),  # a window from the 1st of December
        (date(2025, 12, 15), date(2025, 12, 31), (2025, 2025)),  # December's second half alone
        (date(2021, 1, 1), date(2025, 10, 31), (2021, 2025)),  # a five-year review
        (None, date(2025, 6, 30), (None, 2025)),
        (date(2025, 12, 20), None, (2026, None)),
    ],
)
def test_year_based_metrics_count_the_year_a_window_reports_on(start, end, years):
    assert reporting_years(start, end) == years
