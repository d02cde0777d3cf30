"""The counters of citizen reception and dialogues (see danvan.metrics.registry), defined once.

Sessions count on the day they were held, for the receiving unit. `reception.head_days_held` is
what the compliance of a schedule counts (`compliance.py`): periodic sessions held by the head in
person — one a day per schedule, so sessions and days are the same number. The compliance *rate*
is not a metric: the registry adds up rows of one model, and the days a schedule owes come from
the calendar (`rules.owed_days`), not from rows; `compliance.py` divides this counter by them."""

from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from danvan.metrics.registry import Measure, Metric, register
from danvan.reception.models import COUNTS_FOR_COMPLIANCE
from danvan.reception.workflow import CommitmentStatus, SessionStatus

SESSION = "reception.ReceptionSession"
HELD = Q(status=SessionStatus.HELD)

SESSIONS_HELD = register(
    Metric(
        code="reception.sessions_held",
        label=_("Citizen reception sessions held"),
        definition=_(
            "Citizen reception sessions held by the heads of the unit and the units under it, periodic "
            "and ad hoc, presided by the head or a deputy, counted on the day they were held."
        ),
        model=SESSION,
        unit_field="unit",
        date_field="held_on",
        filter=HELD,
        dimensions={"kind": "kind", "presided_by": "presided_by", "schedule": "schedule_id"},
    )
)

HEAD_DAYS_HELD = register(
    Metric(
        code="reception.head_days_held",
        label=_("Periodic reception days held by the head in person"),
        definition=_(
            "Days of periodic citizen reception held on a schedule by the head in person (a session "
            "presided by a deputy does not count); what the compliance of a schedule counts."
        ),
        model=SESSION,
        unit_field="unit",
        date_field="held_on",
        filter=COUNTS_FOR_COMPLIANCE,
        dimensions={"schedule": "schedule_id"},
    )
)

CITIZENS_RECEIVED = register(
    Metric(
        code="reception.citizens_received",
        label=_("Citizens received"),
        definition=_("Citizens received at the reception sessions held, as recorded for each session."),
        model=SESSION,
        unit_field="unit",
        date_field="held_on",
        measure=Measure.PEOPLE,
        value=Sum("citizens_count"),
        filter=HELD,
        dimensions={"kind": "kind"},
    )
)

DIALOGUES_HELD = register(
    Metric(
        code="reception.dialogues_held",
        label=_("Dialogues with the people held"),
        definition=_("Dialogue conferences with the people organized by the unit and the units under it."),
        model="reception.Dialogue",
        unit_field="organizer",
        date_field="held_on",
    )
)

COMMITMENTS_MADE = register(
    Metric(
        code="reception.commitments_made",
        label=_("Commitments made at dialogues"),
        definition=_("Commitments made at the dialogues organized by the unit and the units under it."),
        model="reception.Commitment",
        unit_field="dialogue__organizer",
        date_field="dialogue__held_on",
    )
)

COMMITMENTS_DONE = register(
    Metric(
        code="reception.commitments_done",
        label=_("Dialogue commitments done"),
        definition=_(
            "Commitments of the dialogues organized by the unit and the units under it that were done, "
            "counted on the day they were done."
        ),
        model="reception.Commitment",
        unit_field="dialogue__organizer",
        date_field="done_on",
        filter=Q(status=CommitmentStatus.DONE),
    )
)
