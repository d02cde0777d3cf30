"""Reading models and exemplars: the one definition of a filtered, sorted list, shared by the list
page, the XLSX export and the API, and the labels of the lifecycle log."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy

from danvan.initiatives.services import visible_initiatives
from danvan.initiatives.workflow import Status
from danvan.orgs.models import Unit, UnitSuccession

# lifecycle order, for sorting by status
STATUS_ORDER = {s.value: i for i, s in enumerate(Status)}

ORDERINGS = {
    "-changed": ("-updated_at", "-pk"),
    "changed": ("updated_at", "pk"),
    "name": ("name_folded", "pk"),
    "-name": ("-name_folded", "-pk"),
    "-year": ("-year", "name_folded", "pk"),
    "year": ("year", "name_folded", "pk"),
    "status": ("status_rank", "name_folded", "pk"),
    "-status": ("-status_rank", "name_folded", "pk"),
}
DEFAULT_ORDER = "-year"

# log entries that are not lifecycle actions of workflow.TRANSITIONS
LOG_LABELS = {
    "create": gettext_lazy("Created as a draft"),
    "replicate": gettext_lazy("Created by replication"),
    "replicated": gettext_lazy("Replicated to another unit"),
    "carry_over": gettext_lazy("Carried over to the successor unit"),
}


def within_q(unit: Unit) -> Q:
    """A unit's subtree, and the former units its units succeeded (their models are its history)."""
    predecessors = list(
        UnitSuccession.objects.filter(successor__path__startswith=unit.path)
        .exclude(predecessor__path__startswith=unit.path)
        .values_list("predecessor", flat=True)
    )
    subtree = Q(owner_unit__path__startswith=unit.path)
    # the former units are read first: an `OR … IN (subquery)` kept the planners from using the
    # path's index range (docs/decisions/0007), and most subtrees have none
    return subtree | Q(owner_unit__in=predecessors) if predecessors else subtree


def filter_initiatives(
    user,
    within: Unit | None = None,
    *,
    q: str = "",
    sort: str = "",
    metric: str = "",
    start=None,
    end=None,
    **lookups,
):
    """The initiatives `user` may see in `within`'s subtree, narrowed by exact `lookups`
    (e.g. field=…, topics=…, status=…; empty values are ignored) and the text `q`, in the order
    `sort` (a key of ORDERINGS; best matches first when searching without a chosen order).

    With `metric` (a code of the metrics registry), only the models behind that figure for
    `within` in the period [`start`, `end`]: the list a dashboard's number drills down to."""
    qs = visible_initiatives(user)
    if within is not None:
        qs = qs.filter(within_q(within))
        if metric:
            from danvan.metrics import registry

            counted = registry.get(metric)
            qs = qs.filter(pk__in=counted.rows_within(within, start, end).values(counted.initiative))
    lookups = {key: value for key, value in lookups.items() if value not in (None, "")}
    if lookups:
        qs = qs.filter(**lookups)
    ordering = ORDERINGS.get(sort or DEFAULT_ORDER, ORDERINGS[DEFAULT_ORDER])
    if q:
        qs = qs.search(q)
        if not sort:
            ordering = ("search_rank", *ordering)
    if any("status_rank" in key for key in ordering):
        qs = qs.annotate(
            status_rank=Case(
                *[When(status=s, then=Value(i)) for s, i in STATUS_ORDER.items()],
                output_field=IntegerField(),
            )
        )
    return qs.order_by(*ordering)
