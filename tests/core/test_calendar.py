"""The working-day calendar: Vietnamese public holidays from the `holidays` package, the days the
Government moves entered as data, and deadlines counted on it (hand-computed cases)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from danvan.core import calendar
from danvan.core.calendar import (
    add_days,
    add_working_days,
    days_off,
    is_working_day,
    next_working_day,
    working_days_between,
)
from danvan.core.models import CalendarDay, CalendarDayKind
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_calendar():
    """Rows created here are rolled back after each test, which no signal reports."""
    calendar.clear_cache()
    yield
    calendar.clear_cache()


def day_off(on: date, name: str = "Nghỉ bù") -> CalendarDay:
    return CalendarDay.objects.create(date=on, kind=CalendarDayKind.DAY_OFF, name=name)


def working_day(on: date, name: str = "Làm bù") -> CalendarDay:
    return CalendarDay.objects.create(date=on, kind=CalendarDayKind.WORKING_DAY, name=name)


def test_2026_public_holidays_from_the_package():
    """What `holidays` gives for VN 2026: Tết Bính Ngọ 16–20/2 (with the weekends, 14–22/2 off),
    Hùng Kings on Sunday 26/4 moved to Monday 27/4, 2/9 with 1/9 and 31/8 (swapped for Saturday
    22/8), and the new Vietnam Cultural Day 24/11."""
    assert list(days_off(2026)) == [
        date(2026, 1, 1),
        date(2026, 2, 16),
        date(2026, 2, 17),
        date(2026, 2, 18),
        date(2026, 2, 19),
        date(2026, 2, 20),
        date(2026, 4, 26),
        date(2026, 4, 27),
        date(2026, 4, 30),
        date(2026, 5, 1),
        date(2026, 8, 31),
        date(2026, 9, 1),
        date(2026, 9, 2),
        date(2026, 11, 24),
    ]
    assert days_off(2026)[date(2026, 2, 17)] == "Tết Nguyên Đán"


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 2, 13), True),  # Friday before Tết
        (date(2026, 2, 14), False),  # Saturday
        (date(2026, 2, 16), False),  # Tết eve
        (date(2026, 2, 20), False),  # 4th day of Tết
        (date(2026, 2, 22), False),  # Sunday
        (date(2026, 2, 23), True),  # back to work
        (date(2026, 4, 27), False),  # Hùng Kings, moved off the Sunday
        (date(2026, 8, 22), True),  # Saturday worked in exchange for 31/8
        (date(2026, 8, 31), False),
        (date(2026, 11, 24), False),  # Vietnam Cultural Day
        (date(2025, 4, 26), True),  # Saturday worked in exchange for 2/5/2025
        (date(2025, 5, 2), False),
        (date(2026, 3, 14), False),  # a plain Saturday
        (date(2026, 3, 15), False),  # a plain Sunday
        (date(2026, 3, 16), True),  # a plain Monday
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # 0: the day itself if offices work, else the next working day
        (date(2026, 3, 16), 0, date(2026, 3, 16)),
        (date(2026, 3, 14), 0, date(2026, 3, 16)),
        (date(2026, 2, 16), 0, date(2026, 2, 23)),
        # 1: the next working day (the day itself never counts)
        (date(2026, 3, 16), 1, date(2026, 3, 17)),
        (date(2026, 3, 13), 1, date(2026, 3, 16)),  # over a weekend
        (date(2026, 2, 13), 1, date(2026, 2, 23)),  # over Tết
        (date(2026, 4, 24), 1, date(2026, 4, 28)),  # over the weekend and Hùng Kings (Mon 27/4)
        (date(2026, 4, 29), 1, date(2026, 5, 4)),  # over 30/4, 1/5 and the weekend
        (date(2026, 8, 21), 1, date(2026, 8, 22)),  # a Saturday worked
        (date(2026, 8, 28), 1, date(2026, 9, 3)),  # over 29/8–2/9
        (date(2025, 4, 25), 1, date(2025, 4, 26)),
        (date(2025, 4, 29), 1, date(2025, 5, 5)),  # over 30/4–4/5/2025
        (date(2025, 12, 31), 1, date(2026, 1, 2)),  # over New Year's Day
        # 10: the generic answer deadline for recommendations and feedback
        (date(2026, 3, 2), 10, date(2026, 3, 16)),
        (date(2026, 2, 10), 10, date(2026, 3, 3)),  # across Tết: 11,12,13/2, then 23/2–3/3
        (date(2026, 4, 24), 10, date(2026, 5, 13)),  # across 27/4, 30/4 and 1/5
        (date(2026, 8, 25), 10, date(2026, 9, 11)),  # across 31/8–2/9
        (date(2026, 12, 24), 10, date(2027, 1, 8)),  # across the year end
    ],
)
def test_add_working_days(start, n, expected):
    assert add_working_days(start, n) == expected


def test_add_working_days_refuses_negative():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 5), -1)
    with pytest.raises(ValueError):
        add_days(date(2026, 1, 5), -1, working=False)


@pytest.mark.parametrize(
    ("start", "n", "working", "expected"),
    [
        (date(2026, 3, 2), 10, True, date(2026, 3, 16)),
        (date(2026, 3, 2), 10, False, date(2026, 3, 12)),
        # a period in calendar days ending on a day off ends on the next working day
        (date(2026, 1, 20), 30, False, date(2026, 2, 23)),  # 19/2 is in Tết
        (date(2026, 3, 4), 10, False, date(2026, 3, 16)),  # 14/3 is a Saturday
        (date(2026, 4, 1), 30, False, date(2026, 5, 4)),  # 1/5
        (date(2026, 8, 2), 30, False, date(2026, 9, 3)),  # 1/9
        (date(2026, 3, 2), 0, False, date(2026, 3, 2)),
    ],
)
def test_add_days(start, n, working, expected):
    assert add_days(start, n, working=working) == expected


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        (date(2026, 3, 16), date(2026, 3, 16), 0),
        (date(2026, 3, 13), date(2026, 3, 16), 1),
        (date(2026, 2, 13), date(2026, 2, 23), 1),
        (date(2026, 2, 1), date(2026, 2, 28), 15),  # 20 weekdays less the 5 days of Tết
        (date(2026, 1, 1), date(2026, 12, 31), 249),
    ],
)
def test_working_days_between(start, end, count):
    assert working_days_between(start, end) == count
    assert working_days_between(end, start) == -count


def test_working_days_in_2026():
    """261 weekdays, less the 13 holidays that fall on a weekday (26/4 is a Sunday), plus the
    Saturday worked on 22/8."""
    weekdays = sum((date(2026, 1, 1) + timedelta(i)).weekday() < 5 for i in range(365))
    assert weekdays == 261
    assert working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 261 - 13 + 1


def test_extra_day_off_entered_as_data():
    assert add_working_days(date(2026, 12, 30), 1) == date(2026, 12, 31)
    day_off(date(2026, 12, 31), "Nghỉ bù Tết Dương lịch")
    assert not is_working_day(date(2026, 12, 31))
    assert add_working_days(date(2026, 12, 30), 1) == date(2027, 1, 4)  # 1/1 is New Year's Day
    assert days_off(2026)[date(2026, 12, 31)] == "Nghỉ bù Tết Dương lịch"


def test_make_up_working_saturday_entered_as_data():
    assert add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 12)
    working_day(date(2026, 1, 10))
    assert is_working_day(date(2026, 1, 10))
    assert add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 10)
    assert working_days_between(date(2026, 1, 9), date(2026, 1, 12)) == 2


def test_data_overrides_the_package():
    """The Government may revise a swap the package already knows, in either direction."""
    working_day(date(2026, 8, 31))
    day_off(date(2026, 8, 22))
    assert is_working_day(date(2026, 8, 31))
    assert not is_working_day(date(2026, 8, 22))
    assert date(2026, 8, 31) not in days_off(2026)


def test_unnamed_day_off_gets_a_name():
    day_off(date(2027, 2, 12), name="")
    assert days_off(2027)[date(2027, 2, 12)]


def test_editing_and_deleting_rows_reach_the_calendar():
    row = day_off(date(2026, 7, 6))
    assert not is_working_day(date(2026, 7, 6))
    row.kind = CalendarDayKind.WORKING_DAY
    row.save()
    assert is_working_day(date(2026, 7, 6))
    row.delete()
    assert is_working_day(date(2026, 7, 6))  # a Monday
    assert CalendarDay.history.filter(date=date(2026, 7, 6)).count() == 3  # created, changed, deleted


def test_the_cache_expires(monkeypatch):
    """Another process's change is seen after CACHE_SECONDS, without a signal."""
    assert is_working_day(date(2026, 7, 6))
    CalendarDay.objects.bulk_create([CalendarDay(date=date(2026, 7, 6), kind=CalendarDayKind.DAY_OFF)])
    assert is_working_day(date(2026, 7, 6))  # bulk_create sends no signal: still the cached year
    monkeypatch.setattr(calendar, "CACHE_SECONDS", -1)
    assert not is_working_day(date(2026, 7, 6))


def test_a_year_costs_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert add_working_days(date(2026, 1, 1), 200) == date(2026, 10, 22)
        assert working_days_between(date(2026, 1, 1), date(2027, 12, 31)) > 400
    with django_assert_num_queries(0):
        assert is_working_day(date(2027, 6, 1))


@given(
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)),
    n=st.integers(min_value=0, max_value=80),
)
def test_adding_working_days_lands_on_a_working_day_and_counts_back(start, n):
    end = add_working_days(start, n)
    assert is_working_day(end)
    assert end >= start
    if n > 0 or is_working_day(start):
        assert working_days_between(start, end) == n
    if n > 0:  # no earlier day would do
        assert working_days_between(start, end - timedelta(days=1)) == n - 1
    assert add_days(start, n, working=True) == end


@given(
    a=st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)),
    b=st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)),
    c=st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)),
)
def test_working_days_between_is_antisymmetric_and_additive(a, b, c):
    assert working_days_between(a, b) == -working_days_between(b, a)
    assert working_days_between(a, b) + working_days_between(b, c) == working_days_between(a, c)


def test_next_working_day():
    assert next_working_day(date(2026, 2, 14)) == date(2026, 2, 23)
    assert next_working_day(date(2026, 2, 23)) == date(2026, 2, 23)


def test_superuser_manages_calendar_days_in_the_admin(admin_user):
    client = client_for(admin_user)
    changelist = reverse("admin:core_calendarday_changelist")
    assert client.get(changelist).status_code == 200
    response = client.post(
        reverse("admin:core_calendarday_add"),
        {"date": "10/01/2026", "kind": "working_day", "name": "Làm bù", "basis": "Thông báo 1/TB"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CalendarDay.objects.get(date=date(2026, 1, 10)).history.count() == 1
    assert is_working_day(date(2026, 1, 10))
    assert client.get(changelist, {"q": "lam bu"}).status_code == 200
