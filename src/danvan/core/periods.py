"""Reporting periods: which days a periodic report covers, what it is called, and when it is due.

State administrative agencies count report data between cut-off days (NĐ 09/2019/NĐ-CP Art. 12,
restated by Khánh Hòa QĐ 01/2023/QĐ-UBND Art. 4): a month from the 15th of the previous month to
the 14th, a quarter from the 15th of the month before it to the 14th of its last month (Q1 2026 =
15/12/2025 → 14/03/2026), the 6-month, 9-month and annual reports from 15/12 of the previous year
to 14/6, 14/9 and 14/12. That decree binds State agencies only; Party committees and the Front
set their own plans, often on calendar periods (1st → last day), so a `Regime` carries its
cut-off day (`None` for calendar periods) and its due-date rule. Nothing here is stored yet: the
reports app keeps regimes per issuing unit and builds these objects from them.

Mid-term ("sơ kết") and final ("tổng kết") reviews and ad hoc reports have no fixed window: the
plan that asks for them sets the dates (`Period.custom`).

Period labels are written in Vietnamese whatever the page language: they are the words of the
official documents ("Quý I năm 2026").
"""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.calendar import add_working_days

MIN_YEAR, MAX_YEAR = 2000, 2100
STATE_CUTOFF_DAY = 14  # NĐ 09/2019: data up to the 14th, the next period from the 15th
MAX_CUTOFF_DAY = 28  # a later day would not exist in February
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodError(ValueError):
    """A period or a rule that cannot exist; the message is shown to the user."""


class ReportType(models.TextChoices):
    MONTHLY = "monthly", gettext_lazy("Monthly")
    QUARTERLY = "quarterly", gettext_lazy("Quarterly")
    SIX_MONTH = "six_month", gettext_lazy("Six-month")
    NINE_MONTH = "nine_month", gettext_lazy("Nine-month")
    ANNUAL = "annual", gettext_lazy("Annual")
    MID_TERM = "mid_term", gettext_lazy("Mid-term review")
    FINAL = "final", gettext_lazy("Final review")
    AD_HOC = "ad_hoc", gettext_lazy("Ad hoc")


# report types with a window every year: how many periods a year, and the months period k covers
_SPANS = {
    ReportType.MONTHLY: (12, lambda k: (k, k)),
    ReportType.QUARTERLY: (4, lambda k: (3 * k - 2, 3 * k)),
    ReportType.SIX_MONTH: (1, lambda k: (1, 6)),
    ReportType.NINE_MONTH: (1, lambda k: (1, 9)),
    ReportType.ANNUAL: (1, lambda k: (1, 12)),
}
PERIODIC_TYPES = frozenset(_SPANS)


def _label(report_type: ReportType, year: int, number: int) -> str:
    if report_type == ReportType.MONTHLY:
        return f"Tháng {number} năm {year}"
    if report_type == ReportType.QUARTERLY:
        return f"Quý {ROMAN[number]} năm {year}"
    if report_type == ReportType.SIX_MONTH:
        return f"6 tháng đầu năm {year}"
    if report_type == ReportType.NINE_MONTH:
        return f"9 tháng đầu năm {year}"
    return f"Năm {year}"


@dataclass(frozen=True)
class DueRule:
    """When a report is due: n working days after the cut-off (Khánh Hòa: 2), or a fixed day of
    the month (ministries' "trước ngày 18 tháng 6": the first such day after the cut-off).

    A fixed day is the issuing body's own date and is not moved off weekends or holidays."""

    working_days: int | None = None
    day_of_month: int | None = None

    def __post_init__(self):
        if (self.working_days is None) == (self.day_of_month is None):
            raise PeriodError(_("A due rule needs either a number of working days or a day of the month."))
        if self.working_days is not None and not 0 <= self.working_days <= 366:
            raise PeriodError(_("The number of working days must be between 0 and 366."))
        if self.day_of_month is not None and not 1 <= self.day_of_month <= MAX_CUTOFF_DAY:
            raise PeriodError(_("The day of the month must be between 1 and 28."))

    def due_date(self, window_end: date) -> date:
        if self.working_days is not None:
            return add_working_days(window_end, self.working_days)
        due = window_end.replace(day=self.day_of_month)
        if due <= window_end:
            due = _next_month(due)
        return due


def due_date(window_end: date, rule: DueRule) -> date:
    return rule.due_date(window_end)


@dataclass(frozen=True)
class Period:
    """One reporting period: its window of data (`start`..`end`, both included) and its label."""

    report_type: ReportType
    year: int
    number: int  # month 1–12, quarter 1–4, 1 for the others
    start: date
    end: date
    label: str

    @classmethod
    def custom(cls, report_type: ReportType, start: date, end: date, label: str) -> Period:
        """A period whose dates its plan sets (reviews and ad hoc reports, or any regime's exception)."""
        if start > end:
            raise PeriodError(_("The start of a period cannot be after its end."))
        return cls(ReportType(report_type), end.year, 1, start, end, label)

    @property
    def window(self) -> tuple[date, date]:
        return self.start, self.end

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    def due_date(self, rule: DueRule) -> date:
        return rule.due_date(self.end)

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class Regime:
    """How an issuing body counts its reports: the cut-off day of the month (`None`: calendar
    periods, 1st → last day) and the default due rule."""

    name: str = "NĐ 09/2019/NĐ-CP"
    cutoff_day: int | None = STATE_CUTOFF_DAY
    due: DueRule = field(default_factory=lambda: DueRule(working_days=2))

    def __post_init__(self):
        if self.cutoff_day is not None and not 1 <= self.cutoff_day <= MAX_CUTOFF_DAY:
            raise PeriodError(_("The cut-off day must be between 1 and 28."))

    def window(self, report_type: ReportType | str, year: int, number: int = 1) -> Period:
        report_type = _periodic(report_type)
        count, months = _SPANS[report_type]
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise PeriodError(
                _("The year must be between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}
            )
        if not 1 <= number <= count:
            raise PeriodError(_("The period number must be between 1 and %(count)s.") % {"count": count})
        first, last = months(number)
        if self.cutoff_day is None:
            start = date(year, first, 1)
            end = date(year, last, month_calendar.monthrange(year, last)[1])
        else:
            # from the day after the previous month's cut-off to this period's last cut-off
            end = date(year, last, self.cutoff_day)
            start = _previous_month(date(year, first, self.cutoff_day)) + timedelta(days=1)
        return Period(report_type, year, number, start, end, _label(report_type, year, number))

    def periods(self, report_type: ReportType | str, year: int) -> list[Period]:
        count, _months = _SPANS[_periodic(report_type)]
        return [self.window(report_type, year, number) for number in range(1, count + 1)]

    def current_period(self, report_type: ReportType | str, on: date) -> Period | None:
        """The period whose window holds `on`; None for a 6- or 9-month report after its window
        closed (from 15/6 or 15/9 to 14/12 under the State rule no such window is open)."""
        report_type = _periodic(report_type)
        reporting_month = on.replace(day=1)
        if self.cutoff_day is not None and on.day > self.cutoff_day:
            reporting_month = _next_month(reporting_month)
        year, month = reporting_month.year, reporting_month.month
        count, months = _SPANS[report_type]
        for number in range(1, count + 1):
            first, last = months(number)
            if first <= month <= last:
                return self.window(report_type, year, number)
        return None

    def due_date(self, period: Period, rule: DueRule | None = None) -> date:
        return period.due_date(rule or self.due)


STATE = Regime()
CALENDAR = Regime(name="Calendar periods", cutoff_day=None)  # Party and Front plans, often


def window(report_type: ReportType | str, year: int, number: int = 1, *, regime: Regime = STATE) -> Period:
    return regime.window(report_type, year, number)


def current_period(report_type: ReportType | str, on: date, *, regime: Regime = STATE) -> Period | None:
    return regime.current_period(report_type, on)


def _periodic(report_type: ReportType | str) -> ReportType:
    try:
        report_type = ReportType(report_type)
    except ValueError:
        raise PeriodError(_("Unknown report type.")) from None
    if report_type not in PERIODIC_TYPES:
        raise PeriodError(
            _("%(type)s reports have no fixed window: the plan that asks for them sets the dates.")
            % {"type": report_type.label}
        )
    return report_type


def _next_month(day: date) -> date:
    return day.replace(year=day.year + 1, month=1) if day.month == 12 else day.replace(month=day.month + 1)


def _previous_month(day: date) -> date:
    return day.replace(year=day.year - 1, month=12) if day.month == 1 else day.replace(month=day.month - 1)
