"""The Vietnamese working-day calendar: which days offices work, and deadlines counted on it.

A day is a working day unless it is a Saturday or a Sunday, or a public holiday; public holidays
(Tết, Hùng Kings, 30/4, 1/5, 2/9, Vietnam Cultural Day 24/11 from 2025…) and the days the
Government swapped (a weekday off in exchange for a Saturday worked) come from the `holidays`
package. What the package does not know yet — the Tết arrangement and the swaps announced each
year — is entered as data (`core.CalendarDay`, in the admin); a row overrides the package.

Counting follows the Civil Code 2015 (Art. 147–148): the day of the event is not counted, a
period of n days ends on the n-th day after it, and a period counted in calendar days that ends
on a day off ends on the next working day instead.

The calendar of a year is built once and cached per process: one query loads the rows of a few
years around the one asked for, and no query is made per day. Saving or deleting a
`CalendarDay` clears the cache; other processes see the change within `CACHE_SECONDS`. Tests that
create rows inside a rolled-back transaction should call `clear_cache()` afterwards.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

import holidays

CACHE_SECONDS = 300
# years loaded together when one is missing: a deadline seldom reaches further
YEARS_BEFORE, YEARS_AFTER = 1, 2
ONE_DAY = timedelta(days=1)
SATURDAY = 5


@dataclass(frozen=True)
class YearCalendar:
    """The holidays and days off of one year, and the weekend days worked."""

    year: int
    days_off: Mapping[date, str]  # holidays and extra days off, with their names
    working_weekend_days: frozenset[date]
    loaded_at: float = 0.0

    def is_working_day(self, day: date) -> bool:
        if day in self.working_weekend_days:
            return True
        return day.weekday() < SATURDAY and day not in self.days_off


@functools.cache
def _package_year(year: int) -> tuple[Mapping[date, str], frozenset[date]]:
    """Holidays and weekend working days the `holidays` package knows for a year (never changes)."""
    # a swap may sit in the neighbouring year (a Saturday of December worked for 2 January)
    known = holidays.country_holidays("VN", years=(year - 1, year, year + 1), language="vi")
    days_off = {day: name for day, name in known.items() if day.year == year}
    worked = frozenset(day for day in getattr(known, "weekend_workdays", ()) if day.year == year)
    return MappingProxyType(days_off), worked


_years: dict[int, YearCalendar] = {}


def clear_cache() -> None:
    _years.clear()


def _load(first: int, last: int) -> None:
    """Build the calendars of years first..last with one query for their `CalendarDay` rows."""
    from danvan.core.models import CalendarDay, CalendarDayKind

    rows = CalendarDay.objects.filter(date__year__gte=first, date__year__lte=last).values_list(
        "date", "kind", "name"
    )
    extra: dict[int, list[tuple[date, str, str]]] = {}
    for day, kind, name in rows:
        extra.setdefault(day.year, []).append((day, kind, name))
    now = time.monotonic()
    for year in range(first, last + 1):
        package_off, package_worked = _package_year(year)
        days_off = dict(package_off)
        worked = set(package_worked)
        for day, kind, name in extra.get(year, ()):
            if kind == CalendarDayKind.DAY_OFF:
                days_off[day] = name or str(CalendarDayKind.DAY_OFF.label)
                worked.discard(day)
            else:
                days_off.pop(day, None)
                worked.add(day)
        _years[year] = YearCalendar(year, MappingProxyType(days_off), frozenset(worked), now)


def year_calendar(year: int) -> YearCalendar:
    cached = _years.get(year)
    if cached is None or time.monotonic() - cached.loaded_at > CACHE_SECONDS:
        _load(year - YEARS_BEFORE, year + YEARS_AFTER)
        cached = _years[year]
    return cached


def days_off(year: int) -> dict[date, str]:
    """The public holidays and extra days off of a year, by date, with their names (a holiday may
    fall on a weekend: 26/4/2026 is a Sunday, and the day off moves to Monday 27/4)."""
    return dict(sorted(year_calendar(year).days_off.items()))


def is_working_day(day: date) -> bool:
    return year_calendar(day.year).is_working_day(day)


def next_working_day(day: date) -> date:
    """`day` itself if offices work that day, else the first working day after it."""
    while not is_working_day(day):
        day += ONE_DAY
    return day


def add_working_days(day: date, n: int) -> date:
    """The n-th working day after `day` (`day` itself is not counted, as the Civil Code says).

    n = 0 gives `day` if it is a working day, else the next working day: "today, or as soon as
    offices open"."""
    if n < 0:
        raise ValueError("n must not be negative")
    if n == 0:
        return next_working_day(day)
    while n:
        day += ONE_DAY
        n -= is_working_day(day)
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is earlier.

    `working_days_between(d, add_working_days(d, n)) == n` for every n ≥ 1, and
    `working_days_between(a, b) == -working_days_between(b, a)`."""
    if end < start:
        return -working_days_between(end, start)
    count = 0
    day = start + ONE_DAY
    while day <= end:
        count += is_working_day(day)
        day += ONE_DAY
    return count


def add_days(day: date, n: int, *, working: bool) -> date:
    """The end of a period of n days from `day`, counted in working days or in calendar days.

    A period in calendar days that ends on a day off ends on the next working day (Civil Code
    2015, Art. 148(5))."""
    if n < 0:
        raise ValueError("n must not be negative")
    if working:
        return add_working_days(day, n)
    return next_working_day(day + timedelta(days=n))
