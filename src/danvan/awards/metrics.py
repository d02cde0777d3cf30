"""The counters of the funnel recognized → typical → proposed for commendation, and of
commendations (see danvan.metrics.registry; DOMAIN §1, the Chợ Đồn figures).

Each counts distinct models or recipients listed by issued decisions dated in the period; revoked
decisions do not count."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from danvan.awards.workflow import DecisionKind, DecisionStatus
from danvan.metrics.registry import Metric, register
from danvan.metrics.rollups import watch

DIMENSIONS = {
    "field": "initiative__field",
    "topic": "initiative__topics",
    "kind": "initiative__kind",
    "holder": "initiative__holder",
    "owner_type": "initiative__owner_unit__unit_type",
}
ISSUED_RECOGNITION = Q(
    decision__kind=DecisionKind.RECOGNITION, decision__status=DecisionStatus.ISSUED, initiative__isnull=False
)

register(
    Metric(
        code="awards.recognized_by_decision",
        label=_("recognized by decision"),
        definition=_("Models and exemplars listed by issued recognition decisions dated in the period."),
        model="awards.DecisionEntry",
        unit_field="initiative__owner_unit",
        initiative="initiative",
        dimensions=DIMENSIONS,
        date_field="decision__date",
        filter=ISSUED_RECOGNITION,
        value=Count("initiative", distinct=True),
    )
)
register(
    Metric(
        code="awards.typical",
        label=_("typical"),
        definition=_(
            "Models and exemplars marked typical by issued recognition decisions dated in the period."
        ),
        model="awards.DecisionEntry",
        unit_field="initiative__owner_unit",
        initiative="initiative",
        dimensions=DIMENSIONS,
        date_field="decision__date",
        filter=ISSUED_RECOGNITION & Q(typical=True),
        value=Count("initiative", distinct=True),
    )
)
register(
    Metric(
        code="awards.proposed",
        label=_("proposed for commendation"),
        definition=_(
            "Typical models and exemplars that issued recognition decisions dated in the period propose "
            "for commendation."
        ),
        model="awards.DecisionEntry",
        unit_field="initiative__owner_unit",
        initiative="initiative",
        dimensions=DIMENSIONS,
        date_field="decision__date",
        filter=ISSUED_RECOGNITION & Q(proposed=True),
        value=Count("initiative", distinct=True),
    )
)
register(
    Metric(
        code="awards.commended",
        label=_("collectives and individuals commended"),
        definition=_(
            "Collectives and individuals proposed by the unit's subtree and granted an award by an issued "
            "commendation decision dated in the period."
        ),
        model="awards.DecisionEntry",
        unit_field="proposal__proposing_unit",
        date_field="decision__date",
        filter=Q(
            decision__kind=DecisionKind.COMMENDATION,
            decision__status=DecisionStatus.ISSUED,
            proposal__isnull=False,
        ),
        value=Count("proposal", distinct=True),
    )
)

# a decision issued, revoked or redated changes the counts of the models and proposals it lists
watch("awards.Decision", "entries__initiative__owner_unit", "entries__proposal__proposing_unit")
watch("awards.Proposal", "proposing_unit")
