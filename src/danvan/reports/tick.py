"""What `danvan tick` does for reports, each day (idempotent: a second run sends nothing twice).

* `reports.open_periods` — opens, for every periodic regime in force, the period whose window
  holds today, with its expected reports;
* `reports.reminders` — reminds the officers of each unit whose report is not submitted when its
  due date is near (`DUE_SOON_WORKING_DAYS` working days or less), then once when it is past, and
  tells the asking unit's standing agency once per period how many reports are missing after the
  due date. A reminder's key names the report (or period) and the due date: the same reminder never
  reaches the same person twice, and a due date moved later brings a new one.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.core.calendar import add_working_days
from danvan.core.permissions import EDITORS, STANDING
from danvan.core.tick import register
from danvan.reports import services
from danvan.reports.models import Report
from danvan.reports.workflow import EDITABLE

DUE_SOON_WORKING_DAYS = 3
OVERDUE_LOOKBACK_DAYS = 90  # overdue reports of older periods are not reminded again


@register("reports.open_periods", order=40)
def open_periods(today: date, now: datetime) -> str | int:
    opened = services.ensure_current_periods(today)
    return len(opened)


@register("reports.reminders", order=50)
def send_reminders(today: date, now: datetime) -> int:
    from danvan.notifications.services import notify, users_granted_by_unit

    soon = add_working_days(today, DUE_SOON_WORKING_DAYS)
    pending = (
        Report.objects.filter(
            is_summary=False,
            status__in=EDITABLE,
            first_submitted_on__isnull=True,
            period__due_on__gte=today - timedelta(days=OVERDUE_LOOKBACK_DAYS),
            period__due_on__lte=soon,
        )
        .select_related("unit", "period__regime__issuing_unit")
        .order_by("period_id", "unit__name_sort")
    )
    pending = list(pending)
    officers = users_granted_by_unit([r.unit_id for r in pending], EDITORS)
    created = 0
    overdue_by_period: dict[int, list[Report]] = defaultdict(list)
    for report in pending:
        period = report.period
        due = date_format(period.due_on, "SHORT_DATE_FORMAT")
        url = reverse("reports:detail", args=[report.pk])
        if period.due_on >= today:
            key = f"reports.due_soon:{report.pk}:{period.due_on.isoformat()}"
            subject = _("Report %(period)s of %(unit)s is due on %(due)s") % {
                "period": period.label,
                "unit": report.unit.name,
                "due": due,
            }
        else:
            overdue_by_period[period.pk].append(report)
            key = f"reports.overdue:{report.pk}:{period.due_on.isoformat()}"
            subject = _("Report %(period)s of %(unit)s is overdue: it was due on %(due)s") % {
                "period": period.label,
                "unit": report.unit.name,
                "due": due,
            }
        created += notify(officers.get(report.unit_id, ()), key, subject, url=url, unit=report.unit)

    # the asking unit: one notice per period with the reports still missing
    for reports in overdue_by_period.values():
        period = reports[0].period
        asking = period.regime.issuing_unit
        names = ", ".join(r.unit.name for r in reports[:10]) + ("…" if len(reports) > 10 else "")
        subject = ngettext(
            "%(count)s report %(period)s is missing after its due date",
            "%(count)s reports %(period)s are missing after their due date",
            len(reports),
        ) % {"count": len(reports), "period": period.label}
        created += notify(
            users_granted_by_unit([asking.pk], STANDING).get(asking.pk, ()),
            f"reports.missing:{period.pk}:{period.due_on.isoformat()}",
            subject,
            body=names,
            url=reverse("reports:period", args=[period.pk]),
            unit=asking,
        )
    return created
