"""Reporting periods: cut-off windows (NĐ 09/2019 by default, calendar periods or a custom day),
their Vietnamese labels, due dates counted on the working-day calendar, and the current period."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.core import calendar
from danvan.core.models import CalendarDay, CalendarDayKind
from danvan.core.periods import (
    CALENDAR,
    STATE,
    DueRule,
    Period,
    PeriodError,
    Regime,
    ReportType,
    current_period,
    due_date,
    window,
)

pytestmark = pytest.mark.django_db

T = ReportType
D = date
CUSTOM = Regime(name="Party plan, cut-off on the 20th", cutoff_day=20)
KHANH_HOA = DueRule(working_days=2)
BEFORE_THE_18TH = DueRule(day_of_month=18)


@pytest.fixture(autouse=True)
def fresh_calendar():
    calendar.clear_cache()
    yield
    calendar.clear_cache()


@pytest.mark.parametrize(
    ("regime", "report_type", "year", "number", "start", "end", "label"),
    [
        # the State rule (NĐ 09/2019 Art. 12): from the 15th to the 14th
        (STATE, T.MONTHLY, 2026, 1, D(2025, 12, 15), D(2026, 1, 14), "Tháng 1 năm 2026"),
        (STATE, T.MONTHLY, 2026, 3, D(2026, 2, 15), D(2026, 3, 14), "Tháng 3 năm 2026"),
        (STATE, T.MONTHLY, 2026, 12, D(2026, 11, 15), D(2026, 12, 14), "Tháng 12 năm 2026"),
        (STATE, T.QUARTERLY, 2026, 1, D(2025, 12, 15), D(2026, 3, 14), "Quý I năm 2026"),
        (STATE, T.QUARTERLY, 2026, 2, D(2026, 3, 15), D(2026, 6, 14), "Quý II năm 2026"),
        (STATE, T.QUARTERLY, 2026, 3, D(2026, 6, 15), D(2026, 9, 14), "Quý III năm 2026"),
        (STATE, T.QUARTERLY, 2026, 4, D(2026, 9, 15), D(2026, 12, 14), "Quý IV năm 2026"),
        (STATE, T.QUARTERLY, 2025, 4, D(2025, 9, 15), D(2025, 12, 14), "Quý IV năm 2025"),
        (STATE, T.SIX_MONTH, 2026, 1, D(2025, 12, 15), D(2026, 6, 14), "6 tháng đầu năm 2026"),
        (STATE, T.NINE_MONTH, 2026, 1, D(2025, 12, 15), D(2026, 9, 14), "9 tháng đầu năm 2026"),
        (STATE, T.ANNUAL, 2026, 1, D(2025, 12, 15), D(2026, 12, 14), "Năm 2026"),
        (STATE, T.ANNUAL, 2025, 1, D(2024, 12, 15), D(2025, 12, 14), "Năm 2025"),
        # calendar periods (Party and Front plans)
        (CALENDAR, T.MONTHLY, 2028, 2, D(2028, 2, 1), D(2028, 2, 29), "Tháng 2 năm 2028"),
        (CALENDAR, T.MONTHLY, 2026, 2, D(2026, 2, 1), D(2026, 2, 28), "Tháng 2 năm 2026"),
        (CALENDAR, T.QUARTERLY, 2026, 1, D(2026, 1, 1), D(2026, 3, 31), "Quý I năm 2026"),
        (CALENDAR, T.QUARTERLY, 2026, 4, D(2026, 10, 1), D(2026, 12, 31), "Quý IV năm 2026"),
        (CALENDAR, T.SIX_MONTH, 2026, 1, D(2026, 1, 1), D(2026, 6, 30), "6 tháng đầu năm 2026"),
        (CALENDAR, T.NINE_MONTH, 2026, 1, D(2026, 1, 1), D(2026, 9, 30), "9 tháng đầu năm 2026"),
        (CALENDAR, T.ANNUAL, 2026, 1, D(2026, 1, 1), D(2026, 12, 31), "Năm 2026"),
        # a custom cut-off day
        (CUSTOM, T.QUARTERLY, 2026, 1, D(2025, 12, 21), D(2026, 3, 20), "Quý I năm 2026"),
        (CUSTOM, T.MONTHLY, 2026, 3, D(2026, 2, 21), D(2026, 3, 20), "Tháng 3 năm 2026"),
        (CUSTOM, T.ANNUAL, 2026, 1, D(2025, 12, 21), D(2026, 12, 20), "Năm 2026"),
    ],
)
def test_windows(regime, report_type, year, number, start, end, label):
    period = window(report_type, year, number, regime=regime)
    assert period.window == (start, end)
    assert (period.label, str(period)) == (label, label)
    assert (period.report_type, period.year, period.number) == (report_type, year, number)
    assert start in period and end in period
    assert start - timedelta(days=1) not in period and end + timedelta(days=1) not in period


def test_window_accepts_the_stored_value():
    assert window("quarterly", 2026, 1) == window(T.QUARTERLY, 2026, 1) == STATE.window(T.QUARTERLY, 2026, 1)


@pytest.mark.parametrize(
    ("report_type", "year", "number"),
    [
        (T.QUARTERLY, 2026, 0),
        (T.QUARTERLY, 2026, 5),
        (T.MONTHLY, 2026, 13),
        (T.ANNUAL, 2026, 2),
        (T.SIX_MONTH, 2026, 2),
        (T.ANNUAL, 1999, 1),
        (T.ANNUAL, 2101, 1),
        (T.MID_TERM, 2026, 1),
        (T.FINAL, 2026, 1),
        (T.AD_HOC, 2026, 1),
        ("weekly", 2026, 1),
    ],
)
def test_impossible_windows(report_type, year, number):
    with pytest.raises(PeriodError):
        window(report_type, year, number)


def test_the_error_speaks_vietnamese():
    from django.utils import translation

    with translation.override("vi"), pytest.raises(PeriodError) as error:
        window(T.QUARTERLY, 2026, 5)
    assert str(error.value) in {
        "Số thứ tự kỳ báo cáo phải từ 1 đến 4.",  # once `make messages` has taken tools/vi/calendar.py
        "The period number must be between 1 and 4.",
    }


def test_reviews_and_ad_hoc_reports_take_their_plan_s_dates():
    review = Period.custom(T.MID_TERM, D(2021, 1, 1), D(2023, 10, 31), "Sơ kết 3 năm 2021–2023")
    assert review.window == (D(2021, 1, 1), D(2023, 10, 31))
    assert review.year == 2023
    assert review.due_date(KHANH_HOA) == D(2023, 11, 2)
    with pytest.raises(PeriodError):
        Period.custom(T.AD_HOC, D(2026, 5, 2), D(2026, 5, 1), "Báo cáo đột xuất")


@pytest.mark.parametrize(
    ("report_type", "year", "number", "rule", "due"),
    [
        # Khánh Hòa: 2 working days after the cut-off
        (T.QUARTERLY, 2026, 1, KHANH_HOA, D(2026, 3, 17)),  # 14/3 is a Saturday
        (T.MONTHLY, 2026, 2, KHANH_HOA, D(2026, 2, 24)),  # 14/2 Saturday, then Tết 16–20/2
        (T.MONTHLY, 2026, 1, KHANH_HOA, D(2026, 1, 16)),
        (T.QUARTERLY, 2025, 4, KHANH_HOA, D(2025, 12, 16)),  # 14/12/2025 is a Sunday
        (T.ANNUAL, 2026, 1, KHANH_HOA, D(2026, 12, 16)),
        (T.SIX_MONTH, 2026, 1, KHANH_HOA, D(2026, 6, 16)),
        (T.NINE_MONTH, 2026, 1, KHANH_HOA, D(2026, 9, 16)),
        (T.MONTHLY, 2027, 2, KHANH_HOA, D(2027, 2, 16)),  # 14/2/2027 Sunday; Tết 2027 is 4–10/2
        (T.MONTHLY, 2026, 4, DueRule(working_days=10), D(2026, 4, 29)),  # over 27/4
        (T.MONTHLY, 2026, 4, DueRule(working_days=12), D(2026, 5, 5)),  # over 27/4, 30/4, 1/5
        (T.MONTHLY, 2026, 8, DueRule(working_days=10), D(2026, 8, 27)),  # 22/8 Saturday counts
        (T.MONTHLY, 2026, 8, DueRule(working_days=12), D(2026, 9, 3)),  # over 31/8–2/9
        (T.QUARTERLY, 2026, 1, DueRule(working_days=0), D(2026, 3, 16)),
        # ministries: "before the 18th"
        (T.SIX_MONTH, 2026, 1, BEFORE_THE_18TH, D(2026, 6, 18)),
        (T.ANNUAL, 2026, 1, BEFORE_THE_18TH, D(2026, 12, 18)),
        # the cut-off day itself is too soon
        (T.QUARTERLY, 2026, 1, DueRule(day_of_month=14), D(2026, 4, 14)),
        (T.QUARTERLY, 2026, 1, DueRule(day_of_month=5), D(2026, 4, 5)),
    ],
)
def test_due_dates(report_type, year, number, rule, due):
    period = window(report_type, year, number)
    assert due_date(period.end, rule) == due
    assert period.due_date(rule) == due


@pytest.mark.parametrize(
    ("report_type", "number", "rule", "due"),
    [
        (T.QUARTERLY, 4, DueRule(day_of_month=5), D(2027, 1, 5)),  # across the year end
        (T.QUARTERLY, 4, KHANH_HOA, D(2027, 1, 5)),  # 31/12 Thu; 1/1 off, the weekend, 4/1, 5/1
        (T.MONTHLY, 1, KHANH_HOA, D(2026, 2, 3)),
    ],
)
def test_due_dates_of_calendar_periods(report_type, number, rule, due):
    assert CALENDAR.window(report_type, 2026, number).due_date(rule) == due


def test_regime_default_due_rule():
    assert STATE.due_date(window(T.QUARTERLY, 2026, 1)) == D(2026, 3, 17)
    assert STATE.due_date(window(T.QUARTERLY, 2026, 1), BEFORE_THE_18TH) == D(2026, 3, 18)


def test_days_entered_as_data_move_due_dates():
    q1 = window(T.QUARTERLY, 2026, 1)
    CalendarDay.objects.create(date=D(2026, 3, 16), kind=CalendarDayKind.DAY_OFF, name="Nghỉ bù")
    assert q1.due_date(KHANH_HOA) == D(2026, 3, 18)
    CalendarDay.objects.create(date=D(2026, 3, 15), kind=CalendarDayKind.WORKING_DAY, name="Làm bù")
    assert q1.due_date(KHANH_HOA) == D(2026, 3, 17)  # Sunday 15/3 worked, 16/3 off, 17/3


@pytest.mark.parametrize(
    ("regime", "report_type", "on", "label"),
    [
        (STATE, T.QUARTERLY, D(2025, 12, 14), "Quý IV năm 2025"),
        (STATE, T.QUARTERLY, D(2025, 12, 15), "Quý I năm 2026"),
        (STATE, T.QUARTERLY, D(2026, 1, 1), "Quý I năm 2026"),
        (STATE, T.QUARTERLY, D(2026, 3, 14), "Quý I năm 2026"),
        (STATE, T.QUARTERLY, D(2026, 3, 15), "Quý II năm 2026"),
        (STATE, T.MONTHLY, D(2026, 1, 31), "Tháng 2 năm 2026"),
        (STATE, T.MONTHLY, D(2026, 12, 31), "Tháng 1 năm 2027"),
        (STATE, T.ANNUAL, D(2025, 12, 14), "Năm 2025"),
        (STATE, T.ANNUAL, D(2025, 12, 15), "Năm 2026"),
        (STATE, T.SIX_MONTH, D(2025, 12, 20), "6 tháng đầu năm 2026"),
        (STATE, T.SIX_MONTH, D(2026, 6, 14), "6 tháng đầu năm 2026"),
        (STATE, T.SIX_MONTH, D(2026, 6, 15), None),
        (STATE, T.NINE_MONTH, D(2026, 9, 14), "9 tháng đầu năm 2026"),
        (STATE, T.NINE_MONTH, D(2026, 11, 1), None),
        (CALENDAR, T.QUARTERLY, D(2025, 12, 31), "Quý IV năm 2025"),
        (CALENDAR, T.QUARTERLY, D(2026, 1, 1), "Quý I năm 2026"),
        (CALENDAR, T.SIX_MONTH, D(2026, 7, 1), None),
        (CUSTOM, T.QUARTERLY, D(2025, 12, 20), "Quý IV năm 2025"),
        (CUSTOM, T.QUARTERLY, D(2025, 12, 21), "Quý I năm 2026"),
    ],
)
def test_current_period(regime, report_type, on, label):
    period = current_period(report_type, on, regime=regime)
    assert (period.label if period else None) == label
    if period:
        assert on in period


def test_current_period_of_a_review_is_its_plan_s_business():
    with pytest.raises(PeriodError):
        current_period(T.FINAL, D(2026, 1, 1))


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"working_days": 2, "day_of_month": 18},
        {"working_days": -1},
        {"day_of_month": 29},
        {"day_of_month": 0},
    ],
)
def test_impossible_due_rules(kwargs):
    with pytest.raises(PeriodError):
        DueRule(**kwargs)


@pytest.mark.parametrize("cutoff_day", [0, 29, 31])
def test_impossible_cutoff_days(cutoff_day):
    with pytest.raises(PeriodError):
        Regime(cutoff_day=cutoff_day)


def test_periods_of_a_year():
    quarters = STATE.periods(T.QUARTERLY, 2026)
    assert [q.label for q in quarters] == [
        "Quý I năm 2026",
        "Quý II năm 2026",
        "Quý III năm 2026",
        "Quý IV năm 2026",
    ]
    assert len(STATE.periods(T.MONTHLY, 2026)) == 12
    assert STATE.periods(T.ANNUAL, 2026) == [window(T.ANNUAL, 2026)]


def test_a_hundred_due_dates_cost_a_constant_number_of_queries(django_assert_max_num_queries):
    """Each year's calendar is read once (one query for a span of years), never once per day."""
    periods = [p for year in (2026, 2027) for t in (T.MONTHLY, T.QUARTERLY) for p in STATE.periods(t, year)]
    periods += [window(t, year) for year in (2026, 2027) for t in (T.SIX_MONTH, T.NINE_MONTH, T.ANNUAL)]
    periods = (periods * 4)[:100]
    rules = [KHANH_HOA, DueRule(working_days=10), BEFORE_THE_18TH]
    with django_assert_max_num_queries(2):
        dues = [p.due_date(rule) for p in periods for rule in rules]
    assert len(dues) == 300
    with django_assert_max_num_queries(0):
        assert [p.due_date(rule) for p in periods for rule in rules] == dues


REGIMES = st.sampled_from([STATE, CALENDAR, CUSTOM, Regime(cutoff_day=1), Regime(cutoff_day=28)])


@given(regime=REGIMES, report_type=st.sampled_from([T.MONTHLY, T.QUARTERLY]), year=st.integers(2001, 2099))
def test_consecutive_windows_tile_the_years(regime, report_type, year):
    periods = regime.periods(report_type, year) + regime.periods(report_type, year + 1)[:1]
    for earlier, later in zip(periods, periods[1:], strict=False):
        assert later.start == earlier.end + timedelta(days=1)
    assert regime.periods(report_type, year)[0].start == regime.window(T.ANNUAL, year).start
    assert regime.periods(report_type, year)[-1].end == regime.window(T.ANNUAL, year).end


@given(
    regime=REGIMES,
    report_type=st.sampled_from([T.MONTHLY, T.QUARTERLY, T.ANNUAL]),
    on=st.dates(min_value=D(2001, 1, 1), max_value=D(2099, 12, 1)),
)
def test_the_current_period_holds_the_day(regime, report_type, on):
    period = current_period(report_type, on, regime=regime)
    assert on in period
    assert period == regime.window(report_type, period.year, period.number)
