"""Compliance of periodic citizen reception: for each schedule, the days the head owes in a
period (the legal minimum, or the schedule's higher one, counted by `rules.owed_days`) against
the days held by the head in person (the metric `reception.head_days_held`).

Only a periodic session held on the schedule by the head in person counts: a session presided by
a deputy, an ad hoc session or a session not held does not (they are shown beside it). Days are
counted over the period, not week by week: a session moved to the next week by a holiday still
counts. The shortfall is measured against what is owed so far (`due`): the weeks and months of
the period that have ended on `as_of`.

Periods are calendar months, quarters and years (`core.periods.CALENDAR`), written "2026-04",
"2026-Q2" or "2026".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from danvan.core import periods
from danvan.core.periods import PeriodError, ReportType
from danvan.reception import rules
from danvan.reception.metrics import HEAD_DAYS_HELD
from danvan.reception.models import Presider, ReceptionSchedule, ReceptionSession, SessionKind
from danvan.reception.workflow import SessionStatus

PERIOD_PATTERN = re.compile(r"^(\d{4})(?:-(?:(\d{1,2})|[Qq]([1-4])))?$")


def parse_period(text: str | None, today: date) -> periods.Period:
    """ "2026-04" (a month), "2026-Q2" (a quarter), "2026" (a year); empty: the month of `today`."""
    text = (text or "").strip()
    if not text:
        return periods.CALENDAR.window(ReportType.MONTHLY, today.year, today.month)
    match = PERIOD_PATTERN.match(text)
    if not match:
        raise PeriodError(_("Write the period as 2026-04 (a month), 2026-Q2 (a quarter) or 2026 (a year)."))
    year, month, quarter = int(match[1]), match[2], match[3]
    if month is not None:
        return periods.CALENDAR.window(ReportType.MONTHLY, year, int(month))
    if quarter is not None:
        return periods.CALENDAR.window(ReportType.QUARTERLY, year, int(quarter))
    return periods.CALENDAR.window(ReportType.ANNUAL, year)


def period_code(period: periods.Period) -> str:
    if period.report_type == ReportType.MONTHLY:
        return f"{period.year}-{period.number:02d}"
    if period.report_type == ReportType.QUARTERLY:
        return f"{period.year}-Q{period.number}"
    return str(period.year)


def neighbours(period: periods.Period) -> tuple[str, str]:
    """The codes of the periods before and after (same kind)."""
    kind, year, number = period.report_type, period.year, period.number
    count = {ReportType.MONTHLY: 12, ReportType.QUARTERLY: 4}.get(kind, 1)

    def code(y, n):
        if not periods.MIN_YEAR <= y <= periods.MAX_YEAR:
            return ""
        return period_code(periods.CALENDAR.window(kind, y, n))

    before = code(year, number - 1) if number > 1 else code(year - 1, count)
    after = code(year, number + 1) if number < count else code(year + 1, 1)
    return before, after


def schedules_in_force(queryset, period: periods.Period):
    """The schedules of `queryset` in force at some day of the period."""
    return queryset.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=period.end),
        Q(valid_until__isnull=True) | Q(valid_until__gte=period.start),
    )


@dataclass
class Counts:
    required: int = 0  # days the whole period owes
    due: int = 0  # days owed by the weeks and months ended
    held: int = 0  # days held by the head in person
    by_deputy: int = 0  # periodic sessions held, presided by a deputy (not counted)
    not_held: int = 0  # periodic sessions recorded as not held

    @property
    def credited(self) -> int:
        return min(self.held, self.due)

    @property
    def shortfall(self) -> int:
        return max(self.due - self.held, 0)

    @property
    def rate(self) -> float | None:
        """Per cent of the days owed so far that were held by the head in person."""
        return round(100 * self.credited / self.due, 1) if self.due else None

    @property
    def complete(self) -> bool:
        """Every week or month the period owes has ended."""
        return self.due == self.required


@dataclass
class Totals:
    schedules: int = 0
    short: int = 0  # schedules with a shortfall
    required: int = 0
    due: int = 0
    held: int = 0
    credited: int = 0
    shortfall: int = 0
    by_deputy: int = 0
    not_held: int = 0

    @property
    def rate(self) -> float | None:
        return round(100 * self.credited / self.due, 1) if self.due else None


@dataclass
class Table:
    period: periods.Period
    as_of: date
    counts: dict[int, Counts] = field(default_factory=dict)  # schedule id -> counts
    totals: Totals = field(default_factory=Totals)

    @property
    def code(self) -> str:
        return period_code(self.period)

    @property
    def in_progress(self) -> bool:
        return self.as_of < self.period.end


def table(schedules, period: periods.Period, as_of: date) -> Table:
    """The counts of every schedule of the queryset `schedules` (already limited to what the
    caller may see) for the period, as of a day: three queries whatever their number."""
    schedules = schedules_in_force(schedules, period)
    rows = list(
        schedules.order_by().values_list("pk", "position", "minimum_days", "valid_from", "valid_until")
    )
    result = Table(period, as_of)
    memo: dict[tuple, rules.Owed] = {}
    for pk, position, minimum, valid_from, valid_until in rows:
        per = rules.legal_minimum(position, valid_from).per
        key = (per, minimum, valid_from, valid_until)
        if key not in memo:
            memo[key] = rules.owed_days(
                minimum,
                per,
                period.start,
                period.end,
                valid_from=valid_from,
                valid_until=valid_until,
                as_of=as_of,
            )
        owed = memo[key]
        result.counts[pk] = Counts(required=owed.required, due=owed.due)
    if not rows:
        return result
    ids = schedules.values("pk")
    # the one definition of the days that count (the registry's metric), grouped by schedule
    held = (
        HEAD_DAYS_HELD.rows(period.start, period.end)
        .filter(schedule__in=ids)
        .order_by()
        .values("schedule")
        .annotate(_value=HEAD_DAYS_HELD.value)
        .values_list("schedule", "_value")
    )
    for pk, value in held:
        result.counts[pk].held = value
    others = (
        ReceptionSession.objects.filter(
            schedule__in=ids, kind=SessionKind.SCHEDULED, held_on__gte=period.start, held_on__lte=period.end
        )
        .order_by()
        .values("schedule")
        .annotate(
            by_deputy=Count("pk", filter=Q(status=SessionStatus.HELD, presided_by=Presider.DEPUTY)),
            not_held=Count("pk", filter=Q(status=SessionStatus.NOT_HELD)),
        )
        .values_list("schedule", "by_deputy", "not_held")
    )
    for pk, by_deputy, not_held in others:
        result.counts[pk].by_deputy = by_deputy
        result.counts[pk].not_held = not_held
    totals = result.totals
    for counts in result.counts.values():
        totals.schedules += 1
        totals.short += counts.shortfall > 0
        totals.required += counts.required
        totals.due += counts.due
        totals.held += counts.held
        totals.credited += counts.credited
        totals.shortfall += counts.shortfall
        totals.by_deputy += counts.by_deputy
        totals.not_held += counts.not_held
    return result


def schedule_compliance(schedule: ReceptionSchedule, period: periods.Period, as_of: date) -> Counts:
    """The counts of one schedule (its page shows the month, the quarter and the year)."""
    found = table(ReceptionSchedule.objects.filter(pk=schedule.pk), period, as_of).counts
    return found.get(schedule.pk, Counts())
