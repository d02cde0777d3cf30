"""The counters of models and exemplars (see danvan.metrics.registry).

Registration counts by the year of registration (a model belongs to the campaign year it was
registered for); recognition counts by the date of the model's latest recognition, whether it came
from a recognition decision or was recorded from a paper decision on the model's page."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.initiatives.models import Kind
from danvan.initiatives.workflow import RECOGNIZED_STATES, Status
from danvan.metrics.registry import Metric, register
from danvan.metrics.rollups import watch, watch_m2m

REGISTERED = ~Q(status=Status.DRAFT)
# the breakdowns of every counter of models: field, topic (a model may have several), kind, holder,
# status and the type of the owning unit
DIMENSIONS = {
    "field": "field",
    "topic": "topics",
    "kind": "kind",
    "holder": "holder",
    "status": "status",
    "owner_type": "owner_unit__unit_type",
}

register(
    Metric(
        code="initiatives.registered",
        label=_("models and exemplars registered"),
        definition=_(
            "Models and exemplars registered (past the draft) whose year of registration falls in "
            "the period, owned by the unit or its subtree."
        ),
        model="initiatives.Initiative",
        unit_field="owner_unit",
        initiative="pk",
        dimensions=DIMENSIONS,
        year_field="year",
        filter=REGISTERED,
    )
)
register(
    Metric(
        code="initiatives.models_registered",
        label=_("models registered"),
        definition=_(
            "Collective models (including village self-management models) registered in the period's years."
        ),
        model="initiatives.Initiative",
        unit_field="owner_unit",
        initiative="pk",
        dimensions=DIMENSIONS,
        year_field="year",
        filter=REGISTERED & ~Q(kind=Kind.EXEMPLAR),
    )
)
register(
    Metric(
        code="initiatives.self_management_registered",
        label=_("village self-management models registered"),
        definition=_("Village self-management models registered in the period's years."),
        model="initiatives.Initiative",
        unit_field="owner_unit",
        initiative="pk",
        dimensions=DIMENSIONS,
        year_field="year",
        filter=REGISTERED & Q(kind=Kind.SELF_MANAGEMENT),
    )
)
register(
    Metric(
        code="initiatives.exemplars_registered",
        label=_("exemplars registered"),
        definition=_("Exemplars (collective or individual) registered in the period's years."),
        model="initiatives.Initiative",
        unit_field="owner_unit",
        initiative="pk",
        dimensions=DIMENSIONS,
        year_field="year",
        filter=REGISTERED & Q(kind=Kind.EXEMPLAR),
    )
)
register(
    Metric(
        code="initiatives.in_progress",
        label=_("models and exemplars being built"),
        definition=_(
            "Models and exemplars registered in the period's years that are now being implemented, "
            "proposed for recognition or being consolidated."
        ),
        model="initiatives.Initiative",
        unit_field="owner_unit",
        initiative="pk",
        dimensions=DIMENSIONS,
        year_field="year",
        filter=Q(status__in=[Status.IN_PROGRESS, Status.PROPOSED, Status.CONSOLIDATED]),
    )
)
register(
    Metric(
        code="initiatives.recognized",
        label=_("models and exemplars recognized"),
        definition=_(
            "Models and exemplars whose latest recognition by the competent level is dated in the "
            "period and which still count as recognized (recognized, or recognized and replicated)."
        ),
        model="initiatives.Initiative",
        unit_field="owner_unit",
        initiative="pk",
        dimensions=DIMENSIONS,
        date_field="recognized_on",
        filter=Q(status__in=RECOGNIZED_STATES),
    )
)
register(
    Metric(
        code="initiatives.replicas",
        label=_("replications"),
        definition=_("Models registered in the period's years as a replication of another unit's model."),
        model="initiatives.Initiative",
        unit_field="owner_unit",
        initiative="pk",
        dimensions=DIMENSIONS,
        year_field="year",
        filter=REGISTERED & Q(replicated_from__isnull=False),
    )
)

# the dashboards' "not updated for 90 days" reads the progress updates; the breakdown by topic the
# models' topics
watch("initiatives.ProgressUpdate", "initiative__owner_unit")
watch_m2m("initiatives.Initiative", "topics", "owner_unit")
