"""The rules of periodic reception, hand-computed on the 2026 calendar.

2026: 1 January is a Thursday and a public holiday; Tết takes Monday 16 to Friday 20 February
(the whole week off); 30 April (Thursday) and 1 May are holidays; the year has 53 Thursdays.
Decided (and documented in `rules` and docs/reception.md): a holiday on the regular day does not
lower the minimum — the reception moves to the next working day and the week still owes its day;
a week without any working day owes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.core import calendar
from danvan.core.models import CalendarDay, CalendarDayKind
from danvan.reception import rules
from danvan.reception.rules import Frequency, HeadPosition, LegalMinimum, Owed, RegularDay, owed_days

pytestmark = pytest.mark.django_db  # the calendar reads its days off (core.CalendarDay)

WEEK, MONTH = Frequency.WEEK, Frequency.MONTH
JANUARY = (date(2026, 1, 1), date(2026, 1, 31))
FEBRUARY = (date(2026, 2, 1), date(2026, 2, 28))
APRIL = (date(2026, 4, 1), date(2026, 4, 30))
Q1 = (date(2026, 1, 1), date(2026, 3, 31))
YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def test_the_legal_minimums_are_data_on_the_positions_with_their_basis():
    chair = rules.legal_minimum(HeadPosition.COMMUNE_PC_CHAIR)
    assert (chair.days, chair.per) == (1, WEEK) and "Điều 15" in chair.basis
    for position in (
        HeadPosition.PROVINCE_PC_CHAIR,
        HeadPosition.AGENCY_HEAD,
        HeadPosition.PROVINCE_PARTY_SECRETARY,
    ):
        rule = rules.legal_minimum(position)
        assert (rule.days, rule.per) == (1, MONTH) and rule.basis
    secretary = rules.legal_minimum(HeadPosition.COMMUNE_PARTY_SECRETARY)
    assert (secretary.days, secretary.per) == (2, MONTH) and "11-QĐi/TW" in secretary.basis
    assert rules.legal_minimum(HeadPosition.OTHER).days == 0
    assert set(rules.LEGAL_MINIMUMS) == set(HeadPosition)


def test_a_changed_minimum_is_one_more_effective_dated_row(monkeypatch):
    position = HeadPosition.COMMUNE_PARTY_SECRETARY
    amended = LegalMinimum(3, MONTH, "a later rule", since=date(2026, 7, 1))
    monkeypatch.setitem(rules.LEGAL_MINIMUMS, position, (*rules.LEGAL_MINIMUMS[position], amended))
    assert rules.legal_minimum(position, date(2026, 6, 30)).days == 2
    assert rules.legal_minimum(position, date(2026, 7, 1)).days == 3
    assert rules.legal_minimum(position).days == 3


def test_a_month_with_five_thursdays_and_a_holiday_thursday_owes_five_days():
    """January 2026: Thursdays 1 (New Year's Day, a holiday), 8, 15, 22, 29."""
    assert owed_days(1, WEEK, *JANUARY) == Owed(5, 5)
    # the reception of 1 January moves to Friday 2 January, the next working day
    assert RegularDay.of("3").planned_dates(*JANUARY)[0] == (date(2026, 1, 1), date(2026, 1, 2))
    # April 2026: 30 April is a holiday Thursday; 1 May and the weekend follow: Monday 4 May
    assert owed_days(1, WEEK, *APRIL).required == 5
    assert RegularDay.of("3").planned_dates(*APRIL)[-1] == (date(2026, 4, 30), date(2026, 5, 4))


def test_a_week_without_any_working_day_owes_nothing():
    """February 2026: Thursdays 5, 12, 19, 26; the Tết week (16–22) has no working day."""
    assert owed_days(1, WEEK, *FEBRUARY) == Owed(4 - 1, 4 - 1)


def test_a_make_up_working_saturday_makes_the_tet_week_owe_its_day(db):
    CalendarDay.objects.create(date=date(2026, 2, 21), kind=CalendarDayKind.WORKING_DAY, name="Làm bù")
    calendar.clear_cache()
    assert owed_days(1, WEEK, *FEBRUARY).required == 4


def test_a_week_belongs_to_the_period_holding_its_thursday():
    # the week of Monday 29/12/2025 – Sunday 4/1/2026 is January's, not December's
    assert owed_days(1, WEEK, date(2025, 12, 1), date(2025, 12, 31)).required == 4
    # so consecutive months never owe a week twice: the year is the sum of its months
    months = [owed_days(1, WEEK, date(2026, m, 1), _month_end(2026, m)).required for m in range(1, 13)]
    assert sum(months) == owed_days(1, WEEK, *YEAR).required == 53 - 1  # 53 Thursdays, less the Tết week


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1).replace(day=1) - date.resolution


def test_monthly_minimums_add_up_over_quarters_and_years():
    assert owed_days(2, MONTH, *Q1) == Owed(6, 6)
    assert owed_days(2, MONTH, *YEAR).required == 24
    assert owed_days(1, MONTH, *Q1).required == 3


def test_a_schedule_owes_only_while_it_is_in_force():
    # in force from 20 February: February's 15th is before it, March's after
    assert owed_days(2, MONTH, *Q1, valid_from=date(2026, 2, 20)).required == 2
    # weekly, ended on Wednesday 14 January: the Thursdays 1 and 8 only
    assert owed_days(1, WEEK, *JANUARY, valid_until=date(2026, 1, 14)).required == 2


def test_what_is_owed_so_far_counts_the_weeks_and_months_that_have_ended():
    # on Tuesday 20 January the weeks of the 1st, 8th and 15th have ended (Sundays 4, 11, 18)
    assert owed_days(1, WEEK, *JANUARY, as_of=date(2026, 1, 20)) == Owed(5, 3)
    assert owed_days(1, WEEK, *JANUARY, as_of=date(2026, 1, 18)) == Owed(5, 3)
    assert owed_days(1, WEEK, *JANUARY, as_of=date(2026, 1, 17)) == Owed(5, 2)
    assert owed_days(2, MONTH, *Q1, as_of=date(2026, 3, 10)) == Owed(6, 4)
    assert owed_days(2, MONTH, *Q1, as_of=date(2026, 3, 31)) == Owed(6, 6)
    assert owed_days(0, MONTH, *Q1) == Owed(0, 0)


@pytest.mark.parametrize(
    ("weekdays", "weeks", "days", "expected"),
    [
        ("3", "", "", [date(2026, 1, d) for d in (1, 8, 15, 22, 29)]),
        ("1", "3", "", [date(2026, 1, 20)]),  # the 3rd Tuesday
        ("1", "2,4", "", [date(2026, 1, 13), date(2026, 1, 27)]),
        ("", "", "15", [date(2026, 1, 15)]),
        ("", "", "10, 31", [date(2026, 1, 10), date(2026, 1, 31)]),
    ],
)
def test_the_regular_day_names_its_days(weekdays, weeks, days, expected):
    assert RegularDay.of(weekdays, weeks, days).nominal_dates(*JANUARY) == expected


def test_a_day_of_the_month_past_its_end_is_the_last_day():
    assert RegularDay.of("", "", "31").nominal_dates(*FEBRUARY) == [date(2026, 2, 28)]


def test_the_regular_day_in_words_and_what_it_gives():
    assert RegularDay.of("3").describe()  # "Thursday of every week"
    weekly = RegularDay.of("1,3")
    assert (weekly.days_per_week(), weekly.days_per_month()) == (2, 8)
    assert weekly.gives(2, WEEK) and not weekly.gives(3, WEEK)
    third = RegularDay.of("1", "3")
    assert third.days_per_week() == 0 and third.gives(1, MONTH) and not third.gives(2, MONTH)
    assert not third.gives(1, WEEK)
    assert RegularDay.of("", "", "30,31").days_per_month() == 1  # February has one of them


@pytest.mark.parametrize(
    ("weekdays", "weeks", "days"),
    [
        ("", "", ""),
        ("3", "", "15"),
        ("", "2", ""),
        ("7", "", ""),
        ("3", "5", ""),
        ("x", "", ""),
        ("", "", "0"),
    ],
)
def test_a_regular_day_that_cannot_be_read_is_refused(weekdays, weeks, days):
    with pytest.raises(rules.PatternError):
        RegularDay.of(weekdays, weeks, days)
