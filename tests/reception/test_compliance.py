"""Compliance of periodic reception, hand-computed: the days a schedule owes against the days its
head held in person (the registry's `reception.head_days_held`).

January 2026 for the chair of Tam Kỳ ward (every Thursday): five weeks owed (1 January, a
holiday, moves to Friday 2). Recorded: 2 January and 8 January held by the chair, 15 January
presided by the deputy, 22 January not held, 29 January held by the chair, and an ad hoc session on
20 January — three days count, the shortfall is two, the rate 60 %."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.core import calendar
from danvan.core.periods import PeriodError
from danvan.metrics import registry
from danvan.reception import compliance, services
from danvan.reception.models import ReceptionSchedule
from danvan.reception.rules import HeadPosition
from danvan.reception.workflow import SessionStatus
from tests.reception.conftest import ad_hoc, make_schedule, record

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 2, 10)


@pytest.fixture
def january(owner, ward_pc):
    chair = make_schedule(ward_pc, owner)
    record(chair, owner, date(2026, 1, 2))
    record(chair, owner, date(2026, 1, 8))
    record(chair, owner, date(2026, 1, 15), presided="deputy")
    record(chair, owner, date(2026, 1, 22), status=SessionStatus.NOT_HELD)
    record(chair, owner, date(2026, 1, 29))
    ad_hoc(ward_pc, owner, date(2026, 1, 20), schedule=chair)
    record(chair, owner, date(2025, 12, 31))  # December's, though in the week of 1 January
    return chair


def period(code: str):
    return compliance.parse_period(code, AS_OF)


def test_january_by_hand(january, ward_pc):
    counts = compliance.schedule_compliance(january, period("2026-01"), AS_OF)
    assert (counts.required, counts.due, counts.held) == (5, 5, 3)
    assert (counts.by_deputy, counts.not_held, counts.shortfall) == (1, 1, 2)
    assert counts.rate == 60.0 and counts.complete
    # the number held is the registry's counter, grouped by schedule: defined once
    metric = registry.get("reception.head_days_held")
    assert metric.value_for(ward_pc, date(2026, 1, 1), date(2026, 1, 31)) == 3
    assert metric.breakdown("schedule", ward_pc, date(2026, 1, 1), date(2026, 1, 31)) == {january.pk: 3}
    sessions = registry.get("reception.sessions_held")
    assert sessions.value_for(ward_pc, date(2026, 1, 1), date(2026, 1, 31)) == 5  # the deputy's, the ad hoc
    assert sessions.breakdown("kind", ward_pc, date(2026, 1, 1), date(2026, 1, 31)) == {
        "scheduled": 4,
        "ad_hoc": 1,
    }
    citizens = registry.get("reception.citizens_received")
    assert citizens.value_for(ward_pc, date(2026, 1, 1), date(2026, 1, 31)) == 4 * 3 + 30


def test_the_month_in_progress_owes_the_weeks_that_have_ended(january):
    counts = compliance.schedule_compliance(january, period("2026-01"), date(2026, 1, 20))
    # weeks of 1, 8 and 15 January have ended; 2 and 8 held by the chair (29 is in the future of
    # that day only in this computation: the rows exist, the days owed do not yet)
    assert (counts.required, counts.due, counts.held) == (5, 3, 3)
    assert counts.shortfall == 0 and not counts.complete


def test_a_quarter_and_a_year_add_the_months(january):
    quarter = compliance.schedule_compliance(january, period("2026-Q1"), date(2026, 4, 5))
    # January 5, February 3 (the Tết week owes nothing), March 4
    assert (quarter.required, quarter.held, quarter.shortfall) == (12, 3, 9)
    year = compliance.schedule_compliance(january, period("2026"), date(2026, 4, 5))
    assert year.required == 52 and year.due == 13  # the weeks ended by Sunday 5 April
    december = compliance.schedule_compliance(january, period("2025-12"), AS_OF)
    assert (december.required, december.held) == (4, 1)


def test_a_raised_minimum_owes_more(owner, ward_pc):
    twice = make_schedule(ward_pc, owner, minimum_days=2, weekdays="1,3")
    counts = compliance.schedule_compliance(twice, period("2026-01"), AS_OF)
    assert counts.required == 10


def test_the_party_secretary_owes_two_days_a_month(owner, ward_party):
    secretary = make_schedule(
        ward_party,
        owner,
        position=HeadPosition.COMMUNE_PARTY_SECRETARY,
        weekdays="1",
        weeks_of_month="2,4",
        head_name="Ngô Văn Sơn",
    )
    record(secretary, owner, date(2026, 1, 13))
    record(secretary, owner, date(2026, 1, 27))
    record(secretary, owner, date(2026, 2, 10))
    counts = compliance.schedule_compliance(secretary, period("2026-Q1"), date(2026, 3, 31))
    assert (counts.required, counts.due, counts.held, counts.shortfall) == (6, 6, 3, 3)


def test_the_table_covers_a_subtree_in_three_queries(
    january, owner, ancestor, stranger, ward_party, city, django_assert_num_queries
):
    secretary = make_schedule(
        ward_party, owner, position=HeadPosition.COMMUNE_PARTY_SECRETARY, weekdays="1", weeks_of_month="2,4"
    )
    seen = services.visible_schedules(ancestor).filter(unit__path__startswith=city.path)
    calendar.year_calendar(2026)  # the working-day calendar is read once per process, not per schedule
    with django_assert_num_queries(3):
        result = compliance.table(seen, period("2026-01"), AS_OF)
    assert set(result.counts) == {january.pk, secretary.pk}
    totals = result.totals
    assert (totals.schedules, totals.required, totals.held, totals.shortfall, totals.short) == (2, 7, 3, 4, 2)
    assert totals.rate == round(100 * 3 / 7, 1)
    # Hải Châu's officer sees no schedule of Tam Kỳ
    assert compliance.table(services.visible_schedules(stranger), period("2026-01"), AS_OF).counts == {}


def test_a_schedule_not_in_force_in_the_period_is_left_out(owner, ward_pc):
    ended = make_schedule(ward_pc, owner, valid_until=date(2025, 12, 31))
    result = compliance.table(ReceptionSchedule.objects.filter(pk=ended.pk), period("2026-01"), AS_OF)
    assert result.counts == {} and result.totals.schedules == 0


@pytest.mark.parametrize(
    ("code", "kind", "start", "end"),
    [
        ("2026-04", "monthly", date(2026, 4, 1), date(2026, 4, 30)),
        ("2026-4", "monthly", date(2026, 4, 1), date(2026, 4, 30)),
        ("2026-Q2", "quarterly", date(2026, 4, 1), date(2026, 6, 30)),
        ("2026-q4", "quarterly", date(2026, 10, 1), date(2026, 12, 31)),
        ("2026", "annual", date(2026, 1, 1), date(2026, 12, 31)),
        ("", "monthly", date(2026, 2, 1), date(2026, 2, 28)),  # the month of AS_OF
    ],
)
def test_periods_are_written_as_months_quarters_or_years(code, kind, start, end):
    found = period(code)
    assert (found.report_type, found.start, found.end) == (kind, start, end)
    if code:
        assert compliance.period_code(found) == code.upper().replace("-4", "-04").replace("Q", "Q")


@pytest.mark.parametrize("code", ["2026-13", "2026-Q5", "26", "2026-00", "abc", "1999", "2026-04-01"])
def test_a_period_that_cannot_be_read_is_refused(code):
    with pytest.raises(PeriodError):
        period(code)


def test_the_neighbouring_periods():
    assert compliance.neighbours(period("2026-01")) == ("2025-12", "2026-02")
    assert compliance.neighbours(period("2026-Q4")) == ("2026-Q3", "2027-Q1")
    assert compliance.neighbours(period("2026")) == ("2025", "2027")
