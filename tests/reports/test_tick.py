"""`danvan tick` for reports: periods open by themselves, reminders before and after the due date
go to the unit's own officers once, and the asking unit hears once per period of the reports
missing — running the scanner again sends nothing twice."""

from __future__ import annotations

from datetime import date, datetime, time
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from danvan.notifications.models import Notification
from danvan.reports import tick
from danvan.reports.models import Period, Report

from .conftest import write

pytestmark = pytest.mark.django_db


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(7, 0)))


def run(day: date) -> int:
    return tick.send_reminders(day, at(day))


def keys_of(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("key", flat=True))


def test_reminders_before_and_after_the_due_date_reach_the_wards_officers_once(
    period, report, owner, stranger, ancestor
):
    assert period.due_on == date(2026, 12, 16)
    assert run(date(2026, 12, 8)) == 0  # more than three working days before
    # Friday 11/12: the due date (Wednesday 16/12) is three working days away
    created = run(date(2026, 12, 11))
    assert created == 2  # Tam Kỳ's officer and Hải Châu's; other wards have no user
    assert keys_of(owner) == [f"reports.due_soon:{report.pk}:2026-12-16"]
    assert run(date(2026, 12, 11)) == 0
    assert run(date(2026, 12, 14)) == 0  # the same reminder is not sent again
    # the day after the due date: overdue, once; the city hears once of the missing reports
    created = run(date(2026, 12, 17))
    assert keys_of(owner) == [
        f"reports.due_soon:{report.pk}:2026-12-16",
        f"reports.overdue:{report.pk}:2026-12-16",
    ]
    missing = Notification.objects.get(recipient=ancestor)
    assert missing.key == f"reports.missing:{period.pk}:2026-12-16"
    assert "93" in missing.subject and missing.url == f"/reports/periods/{period.pk}/"
    assert created == 4  # two wards' officers, and the city's standing officer and its administrator
    assert run(date(2026, 12, 18)) == 0
    assert not Notification.objects.filter(recipient=stranger, key__contains=str(report.pk)).exists()


def test_submitted_reports_get_no_reminder(period, report, owner):
    from danvan.reports import services

    write(report, owner)
    services.transition(report, "submit", actor=owner)
    run(date(2026, 12, 11))
    run(date(2026, 12, 17))
    assert keys_of(owner) == []


def test_a_later_due_date_brings_a_new_reminder(period, report, owner):
    run(date(2026, 12, 17))
    Period.objects.filter(pk=period.pk).update(due_on=date(2026, 12, 22))
    run(date(2026, 12, 18))
    assert keys_of(owner) == [
        f"reports.due_soon:{report.pk}:2026-12-22",
        f"reports.overdue:{report.pk}:2026-12-16",
    ]


def test_periods_open_by_themselves_once(regime):
    assert tick.open_periods(date(2026, 12, 20), at(date(2026, 12, 20))) == 1
    period = Period.objects.get()
    assert (period.label, period.start) == ("Quý I năm 2027", date(2026, 12, 15))
    assert Report.objects.filter(period=period).count() == 94
    assert tick.open_periods(date(2026, 12, 21), at(date(2026, 12, 21))) == 0


def test_the_command_runs_the_reports_jobs(regime, owner):
    out = StringIO()
    call_command(
        "tick", "--today", "2026-12-11", "--only", "reports.open_periods", "reports.reminders", stdout=out
    )
    text = out.getvalue()
    assert "reports.open_periods: 1" in text and "reports.reminders: 2" in text
    out = StringIO()
    call_command(
        "tick", "--today", "2026-12-11", "--only", "reports.open_periods", "reports.reminders", stdout=out
    )
    assert "reports.open_periods: 0" in out.getvalue() and "reports.reminders: 0" in out.getvalue()
