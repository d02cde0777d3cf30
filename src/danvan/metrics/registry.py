"""Every counter of danvan, defined once (DESIGN: "every counter is defined once").

A metric counts rows of one model that belong to a unit's subtree and fall in a period. Each app
declares its own in ``<app>/metrics.py`` with ``register(Metric(...))``; dashboards, reports,
scorecards and the API read them from here and never count by themselves, so two pages can never
disagree about the same figure.

A metric is additive: its value for a unit is the value over the unit's whole subtree (the rows
whose owning unit's materialized path starts with the unit's path) and over the period (rows whose
date, or year, falls in it). Units merged in a reorganization keep their history: the rows of a
former unit count for its default successor (``orgs.UnitSuccession``), so a ward created in 2025
shows the models its former communes built in 2021. ``values_by_child`` answers for all children
of a unit with one GROUP BY on the path prefix (plus one query for former units), so a drill-down
costs the same whatever the number of children.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.apps import apps
from django.db.models import Aggregate, Count, Q, QuerySet
from django.db.models.functions import Substr


class Measure:
    """What a metric's number counts (its unit of measure)."""

    COUNT = "count"  # things: models, sessions, decisions
    PEOPLE = "people"
    VND = "vnd"  # money, in đồng

    CHOICES = (COUNT, PEOPLE, VND)


@dataclass(frozen=True)
class Metric:
    code: str  # "initiatives.recognized": app, dot, name
    label: str  # a lazy Vietnamese label
    definition: str  # one sentence: what is counted, and when
    model: str  # "app_label.ModelName" of the rows counted
    unit_field: str  # lookup from a row to the orgs.Unit it counts for, e.g. "owner_unit"
    date_field: str | None = None  # a row counts when this date falls in the period ...
    year_field: str | None = None  # ... or when this integer year falls in the period's years
    measure: str = Measure.COUNT
    value: Aggregate = field(default_factory=lambda: Count("pk"))
    filter: Q = field(default_factory=Q)
    group: str = ""  # the section dashboards and reports show it in (defaults to the app)

    def __post_init__(self) -> None:
        if (self.date_field is None) == (self.year_field is None):
            raise ValueError(f"metric {self.code}: give exactly one of date_field and year_field")
        if self.measure not in Measure.CHOICES:
            raise ValueError(f"metric {self.code}: unknown measure {self.measure!r}")
        if not self.group:
            object.__setattr__(self, "group", self.code.split(".", 1)[0])

    # --- rows ----------------------------------------------------------------------------------
    def rows(self, start: date | None = None, end: date | None = None) -> QuerySet:
        """The rows counted in the period [start, end] (both inclusive; None = open)."""
        queryset = apps.get_model(self.model)._default_manager.filter(self.filter)
        if self.date_field:
            if start:
                queryset = queryset.filter(**{f"{self.date_field}__gte": start})
            if end:
                queryset = queryset.filter(**{f"{self.date_field}__lte": end})
        else:
            if start:
                queryset = queryset.filter(**{f"{self.year_field}__gte": start.year})
            if end:
                queryset = queryset.filter(**{f"{self.year_field}__lte": end.year})
        return queryset

    @property
    def unit_path(self) -> str:
        return f"{self.unit_field}__path"

    def rows_within(self, unit, start: date | None = None, end: date | None = None) -> QuerySet:
        """The rows behind the value for a unit's subtree, former units included: what a
        drill-down lists."""
        condition = Q(**{f"{self.unit_path}__startswith": unit.path})
        former = _former_units(unit)
        if former:
            condition |= Q(**{f"{self.unit_field}__in": list(former)})
        return self.rows(start, end).filter(condition)

    # --- values --------------------------------------------------------------------------------
    def value_for(self, unit, start: date | None = None, end: date | None = None) -> int | Decimal:
        result = self.rows_within(unit, start, end).aggregate(value=self.value)["value"]
        return _number(result)

    def values_by_child(
        self, unit, start: date | None = None, end: date | None = None
    ) -> dict[str, int | Decimal]:
        """{child path: value} for the children of ``unit``; rows of the unit itself come under its
        own path, children without rows are absent.

        All children of a unit have paths of the same length (materialized path), so one
        GROUP BY on the path prefix answers for all of them."""
        length = len(unit.path) + unit.steplen
        grouped = (
            self.rows(start, end)
            .filter(**{f"{self.unit_path}__startswith": unit.path})
            .annotate(_prefix=Substr(self.unit_path, 1, length))
            .order_by()
            .values("_prefix")
            .annotate(_value=self.value)
        )
        values = {row["_prefix"]: _number(row["_value"]) for row in grouped}
        former = _former_units(unit)
        if former:
            by_former = (
                self.rows(start, end)
                .filter(**{f"{self.unit_field}__in": list(former)})
                .order_by()
                .values(self.unit_field)
                .annotate(_value=self.value)
            )
            for row in by_former:
                prefix = former[row[self.unit_field]][:length]
                values[prefix] = values.get(prefix, 0) + _number(row["_value"])
        return values

    def values_by_unit(
        self, parent, units, start: date | None = None, end: date | None = None
    ) -> dict[int, int | Decimal]:
        """{unit id: value} for children of ``parent`` (0 for those without rows)."""
        by_child = self.values_by_child(parent, start, end)
        return {unit.id: by_child.get(unit.path, 0) for unit in units}


def _former_units(unit) -> dict[int, str]:
    """{former unit id: path of its default successor} for the former units (outside the subtree)
    whose work continues in ``unit``'s subtree."""
    from danvan.orgs.models import UnitSuccession

    links = (
        UnitSuccession.objects.filter(successor__path__startswith=unit.path, is_default=True)
        .exclude(predecessor__path__startswith=unit.path)
        .values_list("predecessor_id", "successor__path")
    )
    return dict(links)


def _number(value) -> int | Decimal:
    if value is None:
        return 0
    if isinstance(value, float):
        return Decimal(str(value))
    return value


_REGISTRY: dict[str, Metric] = {}


def register(metric: Metric) -> Metric:
    if metric.code in _REGISTRY and _REGISTRY[metric.code] != metric:
        raise ValueError(f"metric {metric.code} is already defined")
    _REGISTRY[metric.code] = metric
    return metric


def get(code: str) -> Metric:
    return _REGISTRY[code]


def all_metrics() -> list[Metric]:
    return sorted(_REGISTRY.values(), key=lambda metric: metric.code)
