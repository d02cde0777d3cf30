"""The counters of periodic reports (see danvan.metrics.registry): how many reports the units of a
subtree owed, sent and sent on time, counted by the due date of their period — what a scorecard
ranks on ("timely reports") and what the reporting rates add up to. The asking unit's own summary
report is not counted: no one asks it of them."""

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from danvan.metrics.registry import Metric, register
from danvan.metrics.rollups import watch

MODEL = "reports.Report"
OWED = Q(is_summary=False)

register(
    Metric(
        code="reports.expected",
        label=_("reports due"),
        definition=_(
            "Periodic reports the unit and the units under it had to send, by the due date of the period."
        ),
        model=MODEL,
        unit_field="unit",
        date_field="period__due_on",
        filter=OWED,
        dimensions={"report_type": "period__report_type"},
    )
)
register(
    Metric(
        code="reports.submitted",
        label=_("reports sent"),
        definition=_("Periodic reports due in the period that were sent, on time or late."),
        model=MODEL,
        unit_field="unit",
        date_field="period__due_on",
        filter=OWED & Q(first_submitted_on__isnull=False),
        dimensions={"report_type": "period__report_type"},
    )
)
register(
    Metric(
        code="reports.on_time",
        label=_("reports sent on time"),
        definition=_("Periodic reports due in the period whose first sending was on or before the due date."),
        model=MODEL,
        unit_field="unit",
        date_field="period__due_on",
        filter=OWED & Q(first_submitted_on__lte=F("period__due_on")),
        dimensions={"report_type": "period__report_type"},
    )
)

# a period's due date decides which reports count as expected and on time
watch("reports.Period", "reports__unit")
