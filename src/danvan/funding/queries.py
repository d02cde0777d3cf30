"""Reading the movement's funding: the one filtered list of allocations and of spending (pages,
export and API), and the summaries — every total through the metrics of `funding/metrics.py`.

A unit's lists hold the rows its metrics count: those of its subtree and of the former units
whose work continues in it (the registry's rule), so a list always adds up to the summary."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from danvan.core.permissions import visible_units
from danvan.core.text import search_terms
from danvan.funding.metrics import ALLOCATED, IN_FORCE, MODEL_SUPPORT, MODELS_SUPPORTED, SPENT
from danvan.funding.models import Allocation, Purpose, Source
from danvan.funding.services import VIEW, visible_allocations, visible_expenditures
from danvan.initiatives.models import Initiative
from danvan.initiatives.services import visible_initiatives
from danvan.orgs.models import Unit

ALLOCATION_RELATED = ("unit",)
EXPENDITURE_RELATED = ("unit", "initiative", "allocation")
IN_FORCE_STATUS, VOID_STATUS = "in_force", "void"


def year_bounds(year: int | None) -> tuple[date | None, date | None]:
    return (date(year, 1, 1), date(year, 12, 31)) if year else (None, None)


def _scope(metric, unit: Unit, year: int | None):
    """Every row (voided ones too) of the unit's scope in the year, as `metric` places rows."""
    return replace(metric, filter=Q()).rows_within(unit, *year_bounds(year))


def _status(qs, status: str | None):
    if status == IN_FORCE_STATUS:
        return qs.filter(voided_at__isnull=True)
    if status == VOID_STATUS:
        return qs.filter(voided_at__isnull=False)
    return qs


# --- lists -------------------------------------------------------------------------------------


def with_charged(qs):
    """Allocations with `charged` (their spending not voided, as `funding.spent` counts it) and
    `remaining`."""
    charged = (
        SPENT.rows()
        .filter(allocation=OuterRef("pk"))
        .order_by()
        .values("allocation")
        .annotate(total=SPENT.value)
        .values("total")
    )
    money = DecimalField(max_digits=17, decimal_places=0)
    return qs.annotate(
        charged=Coalesce(Subquery(charged, output_field=money), Value(0), output_field=money)
    ).annotate(remaining=ExpressionWrapper(F("amount") - F("charged"), output_field=money))


def filter_allocations(user, within: Unit | None = None, *, year=None, source=None, status=None):
    qs = visible_allocations(user)
    if within is not None:
        qs = qs & _scope(ALLOCATED, within, year)
    elif year:
        qs = qs.filter(year=year)
    if source:
        qs = qs.filter(source=source)
    return with_charged(_status(qs, status)).order_by("-year", "source", "-pk")


def filter_expenditures(
    user,
    within: Unit | None = None,
    *,
    year=None,
    purpose=None,
    initiative=None,
    allocation=None,
    q: str = "",
    status=None,
):
    qs = visible_expenditures(user)
    if within is not None:
        qs = qs & _scope(SPENT, within, year)
    elif year:
        qs = qs.filter(date__year=year)
    if purpose:
        qs = qs.filter(purpose=purpose)
    if initiative:
        qs = qs.filter(initiative=initiative)
    if allocation:
        qs = qs.filter(allocation=allocation)
    for term in search_terms(q)[:10]:
        qs = qs.filter(Q(search_folded__contains=term) | Q(initiative__name_folded__contains=term))
    return _status(qs, status).order_by("-date", "-pk")


def total_spent(qs) -> Decimal | int:
    """What a filtered list of spending adds up to, as `funding.spent` counts (voided rows do not)."""
    return qs.filter(SPENT.filter).aggregate(value=SPENT.value)["value"] or 0


def total_allocated(qs) -> Decimal | int:
    return qs.filter(ALLOCATED.filter).aggregate(value=ALLOCATED.value)["value"] or 0


# --- summaries ---------------------------------------------------------------------------------


@dataclass
class ChildRow:
    unit: Unit
    allocated: Decimal | int
    spent: Decimal | int
    own: bool = False  # the unit's own rows, not a subordinate's
    visible: bool = True

    @property
    def balance(self):
        return self.allocated - self.spent


def summary(user, unit: Unit, year: int) -> dict:
    """Allocated against spent for the unit's subtree in a year: totals, by source, by purpose,
    and for each subordinate unit."""
    start, end = year_bounds(year)
    allocated = ALLOCATED.value_for(unit, start, end)
    spent = SPENT.value_for(unit, start, end)
    by_source = ALLOCATED.breakdown("source", unit, start, end)
    by_purpose = SPENT.breakdown("purpose", unit, start, end)
    return {
        "unit": unit,
        "year": year,
        "allocated": allocated,
        "spent": spent,
        "balance": allocated - spent,
        "model_support": MODEL_SUPPORT.value_for(unit, start, end),
        "models_supported": MODELS_SUPPORTED.value_for(unit, start, end),
        "by_source": [
            {"source": s.value, "label": str(s.label), "allocated": by_source.get(s.value, 0)} for s in Source
        ],
        "by_purpose": [
            {"purpose": p.value, "label": str(p.label), "spent": by_purpose.get(p.value, 0)} for p in Purpose
        ],
        "children": children(user, unit, start, end),
    }


def children(user, unit: Unit, start: date | None, end: date | None) -> list[ChildRow]:
    """The unit's own row, then its subordinate units in force (and former ones with money)."""
    allocated = ALLOCATED.values_by_child(unit, start, end)
    spent = SPENT.values_by_child(unit, start, end)
    with_money = set(allocated) | set(spent)
    units = [
        u
        for u in Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).order_by("name_sort")
        if u.active or u.path in with_money
    ]
    seen = set(
        visible_units(user, VIEW, Unit.objects.filter(pk__in=[u.pk for u in units])).values_list(
            "pk", flat=True
        )
    )
    rows = [ChildRow(unit, allocated.get(unit.path, 0), spent.get(unit.path, 0), own=True)]
    rows += [ChildRow(u, allocated.get(u.path, 0), spent.get(u.path, 0), visible=u.pk in seen) for u in units]
    return rows


def supported_models(unit: Unit, year: int | None = None):
    """Models and exemplars the unit's subtree supported (in the year), most supported first:
    a values queryset of {initiative, amount, count, last}; `attach_initiatives` names them."""
    return (
        MODEL_SUPPORT.rows_within(unit, *year_bounds(year))
        .order_by()
        .values("initiative")
        .annotate(amount=MODEL_SUPPORT.value, count=Count("pk"), last=Max("date"))
        .order_by("-amount", "-last", "initiative")
    )


def attach_initiatives(rows, user=None) -> list[dict]:
    """The rows of `supported_models` with their `model`, and whether `user` may open it."""
    rows = list(rows)
    ids = [r["initiative"] for r in rows]
    found = Initiative.objects.select_related("owner_unit").in_bulk(ids)
    openable = (
        set(visible_initiatives(user).filter(pk__in=ids).values_list("pk", flat=True)) if user else set()
    )
    return [
        {**row, "model": found.get(row["initiative"]), "visible": row["initiative"] in openable}
        for row in rows
    ]


def initiative_support(initiative: Initiative) -> dict:
    """What every level spent supporting one model: total, how many times, latest rows."""
    rows = MODEL_SUPPORT.rows().filter(initiative=initiative)
    totals = rows.aggregate(amount=MODEL_SUPPORT.value, count=Count("pk"))
    return {
        "amount": totals["amount"] or 0,
        "count": totals["count"],
        "items": list(rows.select_related("unit").order_by("-date", "-pk")[:10]),
    }


def allocations_for_form(unit: Unit, *, include: Allocation | None = None) -> list[Allocation]:
    """The allocations in force a unit may charge spending to, newest first, with what is left."""
    qs = Allocation.objects.filter(unit=unit).filter(IN_FORCE)
    if include is not None:
        qs = qs | Allocation.objects.filter(pk=include.pk)
    return list(with_charged(qs).order_by("-year", "source", "-pk")[:200])
