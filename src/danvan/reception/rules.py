"""The rules of periodic citizen reception, as data: who must receive citizens how often, on
which regular day, and how many days a head owes in a period.

**Legal minimums** (DOMAIN.md §4) belong to the head's position, with their legal basis:

| position | minimum | basis |
|---|---|---|
| chair of a commune People's Committee | 1 day a week | Luật Tiếp công dân 2013, Art. 15(2)(d) |
| chair of a province People's Committee | 1 day a month | Luật Tiếp công dân 2013, Art. 12(5) |
| head of a state administrative agency | 1 day a month | Luật Tiếp công dân 2013, Art. 18(2) |
| secretary of a commune Party committee | 2 days a month | Quy định 11-QĐi/TW (18/02/2019) |
| secretary of a province Party committee | 1 day a month | Quy định 11-QĐi/TW (18/02/2019) |

They are effective-dated (`LegalMinimum.since`): the law amended by Luật 136/2025/QH15 takes
effect on 01/07/2026, and a changed minimum is one more row here, not a code change. A schedule
may raise its minimum (a unit's own rules may ask for more), never lower it.

**Days owed in a period.** A week is owed by the period that holds its Thursday (the ISO 8601
rule, so that consecutive months never owe the same week twice), a month by the period that holds
it. A week or month is owed only when the schedule is in force on its middle day (the Thursday;
the 15th). A public holiday on the regular day does *not* lower the minimum: the reception moves
to the next working day (the usual rule of units' reception regulations) and the week still owes
its day. Only a week without any working day at all — the Tết week — owes nothing. What is owed
"so far" counts the weeks and months that have ended.
"""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from danvan.core.calendar import is_working_day, next_working_day

ONE_WEEK = timedelta(days=7)
THURSDAY = 3
MAX_DAYS = 7  # a head cannot receive on more than 7 days of a week or month by one schedule rule


class Frequency(models.TextChoices):
    WEEK = "week", gettext_lazy("a week")
    MONTH = "month", gettext_lazy("a month")


class HeadPosition(models.TextChoices):
    COMMUNE_PC_CHAIR = "commune_pc_chair", gettext_lazy("Chair of the commune People's Committee")
    PROVINCE_PC_CHAIR = "province_pc_chair", gettext_lazy("Chair of the province People's Committee")
    AGENCY_HEAD = "agency_head", gettext_lazy("Head of a state administrative agency")
    COMMUNE_PARTY_SECRETARY = (
        "commune_party_secretary",
        gettext_lazy("Secretary of the commune Party committee"),
    )
    PROVINCE_PARTY_SECRETARY = (
        "province_party_secretary",
        gettext_lazy("Secretary of the province Party committee"),
    )
    OTHER = "other", gettext_lazy("Other head")


@dataclass(frozen=True)
class LegalMinimum:
    days: int
    per: str  # Frequency
    basis: str  # the legal text, in the words of the law (Vietnamese whatever the page language)
    since: date | None = None  # in force from this day (None: since before the system)


QD11 = "Quy định số 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị"
LUAT_TCD = "Luật Tiếp công dân số 42/2013/QH13"

# position -> its minimums, oldest first (effective-dated)
LEGAL_MINIMUMS: dict[str, tuple[LegalMinimum, ...]] = {
    HeadPosition.COMMUNE_PC_CHAIR: (LegalMinimum(1, Frequency.WEEK, f"{LUAT_TCD}, điểm d khoản 2 Điều 15"),),
    HeadPosition.PROVINCE_PC_CHAIR: (LegalMinimum(1, Frequency.MONTH, f"{LUAT_TCD}, khoản 5 Điều 12"),),
    HeadPosition.AGENCY_HEAD: (LegalMinimum(1, Frequency.MONTH, f"{LUAT_TCD}, khoản 2 Điều 18"),),
    HeadPosition.COMMUNE_PARTY_SECRETARY: (LegalMinimum(2, Frequency.MONTH, QD11),),
    HeadPosition.PROVINCE_PARTY_SECRETARY: (LegalMinimum(1, Frequency.MONTH, QD11),),
    # no law sets it: the unit's own reception rules do (the schedule's minimum)
    HeadPosition.OTHER: (LegalMinimum(0, Frequency.MONTH, ""),),
}


def legal_minimum(position: str, on: date | None = None) -> LegalMinimum:
    """The minimum in force for a position on a day (default: the latest)."""
    rules = LEGAL_MINIMUMS[HeadPosition(position)]
    if on is None:
        return rules[-1]
    current = rules[0]
    for rule in rules:
        if rule.since is None or rule.since <= on:
            current = rule
    return current


def describe_minimum(days: int, per: str) -> str:
    """ "1 day a week", "2 days a month"."""
    if not days:
        return _("no legal minimum")
    if per == Frequency.WEEK:
        return ngettext("%(days)s day a week", "%(days)s days a week", days) % {"days": days}
    return ngettext("%(days)s day a month", "%(days)s days a month", days) % {"days": days}


# --- the regular day -------------------------------------------------------------------------------

WEEKDAYS = (
    pgettext_lazy("weekday", "Monday"),
    pgettext_lazy("weekday", "Tuesday"),
    pgettext_lazy("weekday", "Wednesday"),
    pgettext_lazy("weekday", "Thursday"),
    pgettext_lazy("weekday", "Friday"),
    pgettext_lazy("weekday", "Saturday"),
    pgettext_lazy("weekday", "Sunday"),
)
WEEKDAY_CHOICES = [(str(i), name) for i, name in enumerate(WEEKDAYS)]
WEEK_OF_MONTH_CHOICES = [(str(i), str(i)) for i in range(1, 5)]


class PatternError(ValueError):
    """A regular day that cannot be read; the message is shown to the user."""


def parse_numbers(text: str, low: int, high: int) -> tuple[int, ...]:
    """ "1, 3" -> (1, 3): sorted, without repeats, each between low and high."""
    text = (text or "").replace(";", ",").replace(" ", ",")
    values = set()
    for part in text.split(","):
        if not part:
            continue
        try:
            value = int(part)
        except ValueError:
            raise PatternError(_("Use whole numbers separated by commas.")) from None
        if not low <= value <= high:
            raise PatternError(
                _("Each number must be between %(low)s and %(high)s.") % {"low": low, "high": high}
            )
        values.add(value)
    return tuple(sorted(values))


def as_text(values) -> str:
    return ",".join(str(v) for v in sorted(set(values)))


def _joined(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


@dataclass(frozen=True)
class RegularDay:
    """The regular day of a schedule: some weekdays of every week ("every Thursday"), some
    weekdays of given weeks of the month ("the 3rd Tuesday"), or some days of the month ("the
    15th")."""

    weekdays: tuple[int, ...] = ()
    weeks_of_month: tuple[int, ...] = ()  # empty: every week
    days_of_month: tuple[int, ...] = ()

    @classmethod
    def of(cls, weekdays: str = "", weeks_of_month: str = "", days_of_month: str = "") -> RegularDay:
        day = cls(
            parse_numbers(weekdays, 0, 6),
            parse_numbers(weeks_of_month, 1, 4),
            parse_numbers(days_of_month, 1, 31),
        )
        day.check()
        return day

    def check(self) -> None:
        if bool(self.weekdays) == bool(self.days_of_month):
            raise PatternError(_("Give either the weekday(s) or the day(s) of the month of the reception."))
        if self.weeks_of_month and not self.weekdays:
            raise PatternError(_("Weeks of the month go with a weekday."))

    @property
    def every_week(self) -> bool:
        return bool(self.weekdays) and not self.weeks_of_month

    def days_per_week(self) -> int:
        """Reception days the rule gives every week (0 when it is not weekly)."""
        return len(self.weekdays) if self.every_week else 0

    def days_per_month(self) -> int:
        """Reception days the rule gives in any month, at least (a short month included)."""
        if self.every_week:
            return 4 * len(self.weekdays)
        if self.weekdays:
            return len(self.weekdays) * len(self.weeks_of_month)
        return len({min(day, 28) for day in self.days_of_month})

    def gives(self, days: int, per: str) -> bool:
        """Does the rule give at least `days` days per week or per month?"""
        if per == Frequency.WEEK:
            return self.days_per_week() >= days
        return self.days_per_month() >= days

    def nominal_dates(self, start: date, end: date) -> list[date]:
        """The days the rule names in [start, end], before moving days off."""
        found: list[date] = []
        month = start.replace(day=1)
        while month <= end:
            last = month_calendar.monthrange(month.year, month.month)[1]
            if self.days_of_month:
                days = {month.replace(day=min(d, last)) for d in self.days_of_month}
            else:
                days = set()
                for weekday in self.weekdays:
                    first = month + timedelta(days=(weekday - month.weekday()) % 7)
                    nth = [
                        first + ONE_WEEK * i for i in range(5) if (first + ONE_WEEK * i).month == month.month
                    ]
                    days |= (
                        set(nth)
                        if not self.weeks_of_month
                        else {nth[w - 1] for w in self.weeks_of_month if w <= len(nth)}
                    )
            found += sorted(d for d in days if start <= d <= end)
            month = month.replace(day=last) + timedelta(days=1)
        return found

    def planned_dates(self, start: date, end: date) -> list[tuple[date, date]]:
        """(nominal day, day of the reception) for the days in [start, end]: a day off moves the
        reception to the next working day."""
        return [(day, next_working_day(day)) for day in self.nominal_dates(start, end)]

    def describe(self) -> str:
        if self.days_of_month:
            return _("day %(days)s of every month") % {"days": _joined([str(d) for d in self.days_of_month])}
        names = _joined([str(WEEKDAYS[d]) for d in self.weekdays])
        if self.every_week:
            return _("%(weekdays)s of every week") % {"weekdays": names}
        weeks = _joined([str(w) for w in self.weeks_of_month])
        return _("%(weekdays)s of week %(weeks)s of every month") % {"weekdays": names, "weeks": weeks}


# --- days owed ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Owed:
    required: int  # days the whole period owes
    due: int  # days owed by the weeks and months that have ended


def _in_force(day: date, valid_from: date | None, valid_until: date | None) -> bool:
    return (valid_from is None or valid_from <= day) and (valid_until is None or day <= valid_until)


def week_has_working_day(thursday: date) -> bool:
    monday = thursday - timedelta(days=THURSDAY)
    return any(is_working_day(monday + timedelta(days=i)) for i in range(7))


def owed_days(
    days: int,
    per: str,
    start: date,
    end: date,
    *,
    valid_from: date | None = None,
    valid_until: date | None = None,
    as_of: date | None = None,
) -> Owed:
    """How many reception days a schedule of `days` per week or month owes in [start, end] (see
    the module's docstring), and how many of them by the weeks and months ended by `as_of`."""
    required = due = 0
    if days <= 0 or start > end:
        return Owed(0, 0)
    if per == Frequency.WEEK:
        thursday = start + timedelta(days=(THURSDAY - start.weekday()) % 7)
        while thursday <= end:
            if _in_force(thursday, valid_from, valid_until) and week_has_working_day(thursday):
                required += days
                if as_of is None or thursday + timedelta(days=3) <= as_of:
                    due += days
            thursday += ONE_WEEK
        return Owed(required, due)
    month = start.replace(day=1)
    while month <= end:
        last = month.replace(day=month_calendar.monthrange(month.year, month.month)[1])
        middle = month.replace(day=15)
        if start <= middle <= end and _in_force(middle, valid_from, valid_until):
            required += days
            if as_of is None or last <= as_of:
                due += days
        month = last + timedelta(days=1)
    return Owed(required, due)
