"""The counters of petitions (see danvan.metrics.registry): received, accepted, resolved, resolved
on time, deadlines missed, mass petitions and hot spots, by the unit competent for them — what
dashboards, reports, scorecards and the "no hot spots" target read. A denouncer's identity is never
part of a metric; the counts of denunciations are."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.metrics.registry import Metric, register

PETITION = "petitions.Petition"
DIMENSIONS = {"kind": "kind", "topic": "topic"}

register(
    Metric(
        code="petitions.received",
        label=_("petitions received"),
        definition=_("Complaints, denunciations, recommendations and feedback received in the period."),
        model=PETITION,
        unit_field="unit",
        date_field="received_on",
        dimensions={**DIMENSIONS, "channel": "channel"},
    )
)
register(
    Metric(
        code="petitions.accepted",
        label=_("petitions accepted for resolution"),
        definition=_("Complaints and denunciations accepted for resolution (thụ lý) in the period."),
        model=PETITION,
        unit_field="unit",
        date_field="accepted_on",
        dimensions=DIMENSIONS,
    )
)
register(
    Metric(
        code="petitions.resolved",
        label=_("petitions resolved"),
        definition=_("Petitions resolved or answered in the period."),
        model=PETITION,
        unit_field="unit",
        date_field="resolved_on",
        dimensions=DIMENSIONS,
    )
)
register(
    Metric(
        code="petitions.resolved_on_time",
        label=_("petitions resolved on time"),
        definition=_("Petitions resolved or answered in the period on or before the legal due date."),
        model=PETITION,
        unit_field="unit",
        date_field="resolved_on",
        filter=Q(resolved_on_time=True),
        dimensions=DIMENSIONS,
    )
)
register(
    Metric(
        code="petitions.overdue",
        label=_("petition deadlines missed"),
        definition=_(
            "Legal deadlines (processing or resolution) that fell in the period and passed with the "
            "step not done; a petition that misses two steps counts twice."
        ),
        model="petitions.PetitionEvent",
        unit_field="unit",
        date_field="due_on",
        filter=Q(action="breach"),
        dimensions={"kind": "petition__kind"},
    )
)
register(
    Metric(
        code="petitions.mass",
        label=_("mass petitions"),
        definition=_("Petitions lodged by five or more people together, received in the period."),
        model=PETITION,
        unit_field="unit",
        date_field="received_on",
        filter=Q(is_mass=True),
        dimensions=DIMENSIONS,
    )
)
register(
    Metric(
        code="petitions.hot_spots",
        label=_("hot spots"),
        definition=_("Areas declared hot spots (mass complaints, risk of unrest) in the period."),
        model="petitions.HotSpot",
        unit_field="unit",
        date_field="declared_on",
    )
)
