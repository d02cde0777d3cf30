"""The counters of the movement's funding (see danvan.metrics.registry). Voided rows never count.

Allocations count by their year; spending by the date it was spent. Support to models is the
spending of purpose "support to models" (each such expenditure names the model it supports)."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from danvan.funding.models import Purpose
from danvan.metrics.registry import Measure, Metric, register

IN_FORCE = Q(voided_at__isnull=True)
SUPPORT = IN_FORCE & Q(purpose=Purpose.MODEL_SUPPORT)

ALLOCATED = register(
    Metric(
        code="funding.allocated",
        label=_("funding allocated"),
        definition=_("Money allocated to the movement for the period's years (all sources), not voided."),
        model="funding.Allocation",
        unit_field="unit",
        year_field="year",
        measure=Measure.VND,
        value=Sum("amount"),
        filter=IN_FORCE,
        dimensions={"source": "source"},
    )
)
SPENT = register(
    Metric(
        code="funding.spent",
        label=_("funding spent"),
        definition=_("Money spent on the movement on dates in the period, whatever it was charged to."),
        model="funding.Expenditure",
        unit_field="unit",
        date_field="date",
        measure=Measure.VND,
        value=Sum("amount"),
        filter=IN_FORCE,
        dimensions={"purpose": "purpose"},
    )
)
MODEL_SUPPORT = register(
    Metric(
        code="funding.model_support",
        label=_("support to models"),
        definition=_("Money spent in the period supporting particular models and exemplars."),
        model="funding.Expenditure",
        unit_field="unit",
        date_field="date",
        measure=Measure.VND,
        value=Sum("amount"),
        filter=SUPPORT,
        initiative="initiative",
    )
)
MODELS_SUPPORTED = register(
    Metric(
        code="funding.models_supported",
        label=_("models supported"),
        definition=_("Distinct models and exemplars that received support spent in the period."),
        model="funding.Expenditure",
        unit_field="unit",
        date_field="date",
        value=Count("initiative", distinct=True),
        filter=SUPPORT,
        initiative="initiative",
    )
)
