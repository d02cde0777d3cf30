"""The counters of training (R10), defined once: dashboards, reports, targets and the training
list read them from the registry. Only held sessions count, on the day they were held."""

from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from danvan.metrics.registry import Measure, Metric, register
from danvan.training.models import TrainingTopic
from danvan.training.workflow import SessionStatus

MODEL = "training.TrainingSession"
UNIT_FIELD = "organizer"  # registry: the unit a row counts for (not its path)
HELD = Q(status=SessionStatus.HELD)

SESSIONS = register(
    Metric(
        code="training.sessions",
        label=_("Training sessions held"),
        definition=_(
            "Training sessions held by the unit and the units under it, counted on the day they were held."
        ),
        model=MODEL,
        unit_field=UNIT_FIELD,
        date_field="held_on",
        filter=HELD,
    )
)

PEOPLE_TRAINED = register(
    Metric(
        code="training.people_trained",
        label=_("People trained"),
        definition=_(
            "People trained at the sessions held: for each group of attendees, the number reported or, "
            "when more are named, the number of people named."
        ),
        model=MODEL,
        unit_field=UNIT_FIELD,
        date_field="held_on",
        measure=Measure.PEOPLE,
        value=Sum("people_count"),
        filter=HELD,
    )
)

MODEL_METHOD_SESSIONS = register(
    Metric(
        code="training.model_method_sessions",
        label=_("Sessions on the method of building models"),
        definition=_("Training sessions held on the method of building “Skillful Mass Mobilization” models."),
        model=MODEL,
        unit_field=UNIT_FIELD,
        date_field="held_on",
        filter=HELD & Q(topic=TrainingTopic.MODEL_METHOD),
    )
)

LIST_TOTALS = (SESSIONS, PEOPLE_TRAINED, MODEL_METHOD_SESSIONS)
