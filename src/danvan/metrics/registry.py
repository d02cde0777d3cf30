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

import os
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.apps import apps
from django.db.models import Aggregate, Count, F, Q, QuerySet
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
    # lookup from a row to the initiatives.Initiative it is about ("pk" for initiatives): the list of
    # models behind the number (/initiatives/?metric=…); None when the rows are not about models
    initiative: str | None = None
    # named breakdowns {name: lookup} dashboards and reports may group the value by
    dimensions: dict[str, str] = field(default_factory=dict)

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
        return (
            apps.get_model(self.model)._default_manager.filter(self.filter).filter(self.period_q(start, end))
        )

    def period_q(self, start: date | None = None, end: date | None = None) -> Q:
        """The condition "falls in the period [start, end]" on this metric's date (or year)."""
        bounds = {}
        if self.date_field:
            if start:
                bounds[f"{self.date_field}__gte"] = start
            if end:
                bounds[f"{self.date_field}__lte"] = end
        else:
            first, last = reporting_years(start, end)
            if first is not None:
                bounds[f"{self.year_field}__gte"] = first
            if last is not None:
                bounds[f"{self.year_field}__lte"] = last
        return Q(**bounds)

    @property
    def unit_path(self) -> str:
        return f"{self.unit_field}__path"

    def rows_within(
        self, unit, start: date | None = None, end: date | None = None, *, joined: bool = False
    ) -> QuerySet:
        """The rows behind the value for a unit's subtree, former units included: what a
        drill-down lists. ``joined``: see :meth:`within`."""
        return self.within(self.rows(start, end), unit, joined=joined)

    def within(self, rows: QuerySet, unit, *, joined: bool = False) -> QuerySet:
        """These rows (of the metric's model) restricted to the unit's subtree, former units
        included. ``joined``: the query reads the unit's own columns too (grouped by its type or
        area), so it joins the units' table anyway."""
        from danvan.orgs.models import Unit

        # "owned by a unit of the subtree" as `unit IN (the subtree's ids)`: the planners then start
        # from the path's index range and look the rows up by their unit, instead of (SQLite) reading
        # every row of the year and joining its unit to test the path
        subtree = Unit.objects.filter(path__startswith=unit.path).values("pk")
        condition = Q(**{f"{self.unit_field}__in": subtree})
        if joined and unit.path:
            # the same range on the joined unit as well: PostgreSQL otherwise joined every unit of
            # the country (a sequential scan) to the subtree's ids
            condition &= Q(**{f"{self.unit_path}__startswith": unit.path})
        former = _former_units(unit)
        if former:
            condition |= Q(**{f"{self.unit_field}__in": list(former)})
        return rows.filter(condition)

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

    def breakdown(self, dimension: str, unit, start: date | None = None, end: date | None = None) -> dict:
        """{key: value} of the value over `unit`'s subtree grouped by one of the metric's
        dimensions (e.g. "field" -> field id); keys without rows are absent."""
        lookup = self.dimensions[dimension]
        grouped = (
            self.rows_within(unit, start, end, joined=self._reads_unit([lookup]))
            .order_by()
            .values(lookup)
            .annotate(_value=self.value)
            .values_list(lookup, "_value")
        )
        return {key: _number(value) for key, value in grouped}

    def breakdowns(
        self, dimensions: list[str], unit, start: date | None = None, end: date | None = None
    ) -> dict[str, dict]:
        """{dimension: breakdown(dimension, …)} for several dimensions: those whose groups add up
        (:meth:`adds_up_by`) in one GROUP BY over all of them, summed in Python; the others one
        query each."""
        together = [name for name in dimensions if self.adds_up_by(name)]
        if len(together) < 2:
            together = []
        out: dict[str, dict] = {name: {} for name in dimensions}
        if together:
            lookups = [self.dimensions[name] for name in together]
            grouped = (
                self.rows_within(unit, start, end, joined=self._reads_unit(lookups))
                .order_by()
                .values(*lookups)
                .annotate(_value=self.value)
            )
            for row in grouped:
                value = _number(row["_value"])
                for name, lookup in zip(together, lookups, strict=True):
                    part = out[name]
                    part[row[lookup]] = part.get(row[lookup], 0) + value
        for name in dimensions:
            if name not in together:
                out[name] = self.breakdown(name, unit, start, end)
        return out

    def _reads_unit(self, lookups) -> bool:
        """Whether these lookups read a column of the unit the rows belong to."""
        return any(lookup.startswith(f"{self.unit_field}__") for lookup in lookups)

    def adds_up_by(self, dimension: str) -> bool:
        """Whether the value grouped by this dimension and others together adds up, part by part,
        to the value grouped by it alone: each row falls in one group (the dimension does not
        go through a many-to-many or reverse relation), and a distinct count counts a thing whose
        dimension is its own (``initiative__field`` for distinct initiatives), so each thing falls
        in one group too."""
        lookup = self.dimensions[dimension]
        if _crosses_many(apps.get_model(self.model), lookup):
            return False
        counted = _distinct_lookup(self.value)
        return counted is None or counted == "pk" or lookup == counted or lookup.startswith(f"{counted}__")

    def by_year(self, unit, first: int, last: int) -> dict[int, int | Decimal]:
        """{year: value} for each year from `first` to `last` (0 for years without rows)."""
        years = range(first, last + 1)
        rows = self.rows_within(unit, date(first, 1, 1), date(last, 12, 31)).order_by()
        if self.date_field:
            # one conditional aggregate per year, on the date's range: extracting the year made
            # SQLite call a Python function for every row
            found = rows.aggregate(
                **{
                    f"y{year}": _filtered(self.value, self.period_q(date(year, 1, 1), date(year, 12, 31)))
                    for year in years
                }
            )
            return {year: _number(found[f"y{year}"]) for year in years}
        rows = rows.annotate(_year=F(self.year_field))
        found = dict(rows.values("_year").annotate(_value=self.value).values_list("_year", "_value"))
        return {year: _number(found.get(year)) for year in years}

    def values_by_unit(
        self, parent, units, start: date | None = None, end: date | None = None
    ) -> dict[int, int | Decimal]:
        """{unit id: value} for children of ``parent`` (0 for those without rows)."""
        by_child = self.values_by_child(parent, start, end)
        return {unit.id: by_child.get(unit.path, 0) for unit in units}

    def values_for_units(
        self, units, start: date | None = None, end: date | None = None
    ) -> dict[int, int | Decimal]:
        """{unit id: value} for any units, at any depths, nested or not (0 for those without
        rows): for each, what ``value_for(unit, start, end)`` gives — the rows of its subtree and
        of the former units whose default successor lies in it — in a number of queries that does
        not grow with the number of units: one GROUP BY per distinct depth among them, plus two
        for former units (their succession links, their rows).

        Rows are grouped in the database by their owning unit's path cut at each depth (as
        ``values_by_child`` does), so a value counting distinct things is exact within a unit's
        own subtree; a former unit's value is added per former unit, as ``values_by_child`` adds
        it. Meant for coverage ("every village has at least one model"): thousands of units in one
        go, national scale included. A unit is anything with `id` and `path` (a Unit, or a
        lighter row)."""
        from danvan.orgs.models import Unit, UnitSuccession

        units = list(units)
        values: dict[int, int | Decimal] = {unit.id: 0 for unit in units}
        if not units:
            return values
        ids_by_path: dict[str, list[int]] = {}
        for unit in units:  # a unit asked for twice gets its value once
            ids = ids_by_path.setdefault(unit.path, [])
            if unit.id not in ids:
                ids.append(unit.id)
        steplen = Unit.steplen
        common = os.path.commonprefix(list(ids_by_path))
        common = common[: len(common) - len(common) % steplen]
        lengths = sorted({len(path) for path in ids_by_path})

        def add(path: str, value) -> None:
            for unit_id in ids_by_path.get(path, ()):
                values[unit_id] += value

        # the rows of each unit's own subtree: one GROUP BY on the path prefix per depth
        rows = self.rows(start, end)
        if common:
            rows = rows.filter(**{f"{self.unit_path}__startswith": common})
        for length in lengths:
            grouped = (
                rows.annotate(_prefix=Substr(self.unit_path, 1, length))
                .order_by()
                .values("_prefix")
                .annotate(_value=self.value)
            )
            for row in grouped:
                if len(row["_prefix"]) == length:
                    add(row["_prefix"], _number(row["_value"]))

        # former units: their rows count for each listed unit holding a default successor of
        # theirs, unless the former unit itself lies in that unit's subtree (counted above)
        links = UnitSuccession.objects.filter(is_default=True)
        if common:
            links = links.filter(successor__path__startswith=common)
        attributed: dict[int, set[str]] = {}
        for predecessor, predecessor_path, successor_path in links.values_list(
            "predecessor_id", "predecessor__path", "successor__path"
        ):
            for length in lengths:
                key = successor_path[:length]
                if len(key) == length and key in ids_by_path and not predecessor_path.startswith(key):
                    attributed.setdefault(predecessor, set()).add(key)
        if attributed:
            by_former = (
                self.rows(start, end)
                .filter(**{f"{self.unit_field}__in": links.values("predecessor")})
                .order_by()
                .values(self.unit_field)
                .annotate(_value=self.value)
            )
            for row in by_former:
                for key in attributed.get(row[self.unit_field], ()):
                    add(key, _number(row["_value"]))
        return values


def values_for_many(unit, wanted: list[tuple[Metric, date | None, date | None]]) -> list[int | Decimal]:
    """``metric.value_for(unit, start, end)`` for each of ``wanted``, in one query for the metrics
    that count the same model for the same unit by the same date (or year): each value is a
    conditional aggregate (FILTER) of its metric's filter and period, over the rows of the periods
    together. A dashboard's key figures of two years are two queries instead of eight."""
    values: list = [None] * len(wanted)
    groups: dict[tuple, list[int]] = {}
    for index, (metric, _start, _end) in enumerate(wanted):
        groups.setdefault((metric.model, metric.unit_field, metric.date_field, metric.year_field), []).append(
            index
        )
    for indexes in groups.values():
        if len(indexes) == 1:
            metric, start, end = wanted[indexes[0]]
            values[indexes[0]] = metric.value_for(unit, start, end)
            continue
        first = wanted[indexes[0]][0]
        rows = apps.get_model(first.model)._default_manager.filter(
            _periods_q(first, [wanted[i][1:] for i in indexes])
        )
        aggregates = {}
        for i in indexes:
            metric, start_i, end_i = wanted[i]
            aggregates[f"v{i}"] = _filtered(metric.value, metric.filter & metric.period_q(start_i, end_i))
        result = first.within(rows, unit).aggregate(**aggregates)
        for i in indexes:
            values[i] = _number(result[f"v{i}"])
    return values


def _periods_q(metric: Metric, periods: list[tuple[date | None, date | None]]) -> Q:
    """The rows of every one of these periods at once (a range from the first to the last; None:
    open on that side). By year, the range of the periods' years: a period opening after 1 December
    counts the next year, so the earliest start does not always give the earliest year."""
    if metric.date_field:
        starts = [start for start, _end in periods]
        ends = [end for _start, end in periods]
        return metric.period_q(None if None in starts else min(starts), None if None in ends else max(ends))
    years = [reporting_years(start, end) for start, end in periods]
    firsts = [first for first, _last in years]
    lasts = [last for _first, last in years]
    bounds = {}
    if None not in firsts:
        bounds[f"{metric.year_field}__gte"] = min(firsts)
    if None not in lasts:
        bounds[f"{metric.year_field}__lte"] = max(lasts)
    return Q(**bounds)


def _filtered(value: Aggregate, condition: Q) -> Aggregate:
    """The aggregate over the rows that also meet ``condition`` (SQL: FILTER (WHERE …))."""
    aggregate = value.copy()
    aggregate.filter = condition if aggregate.filter is None else aggregate.filter & condition
    return aggregate


def _distinct_lookup(value) -> str | None:
    """The lookup a distinct count counts ("initiative"), or None."""
    if isinstance(value, Aggregate) and value.distinct:
        sources = [s for s in value.get_source_expressions() if s is not None and s is not value.filter]
        if len(sources) == 1 and isinstance(sources[0], F):
            return sources[0].name
        return ""  # distinct over an expression: never assume its groups add up
    return None


def _crosses_many(model, lookup: str) -> bool:
    """Whether a lookup goes through a many-to-many or reverse foreign key (a row may then fall
    in several groups)."""
    for part in lookup.split("__"):
        try:
            field = model._meta.get_field(part)
        except Exception:
            return False
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        model = field.related_model
    return False


def reporting_years(start: date | None, end: date | None) -> tuple[int | None, int | None]:
    """The years a period covers, for metrics counted by year (a model belongs to the year it was
    registered for): from the start's year to the end's year, except that a window opening in
    December after the 1st belongs to the next year. Under the State's cut-off rule (NĐ 09/2019)
    the 2026 annual report covers 15/12/2025 → 14/12/2026 and its first quarter 15/12/2025 →
    14/03/2026: both count the models of 2026, not those of 2025."""
    first = start.year if start else None
    last = end.year if end else None
    if start and start.month == 12 and start.day > 1 and (last is None or last > start.year):
        first = start.year + 1
    return first, last


def former_units(unit) -> dict[int, str]:
    """{former unit id: path of its default successor} for the former units (outside the subtree)
    whose work continues in ``unit``'s subtree: the rule by which ``value_for`` counts their rows,
    for callers that list rows and must place each under a unit of the subtree."""
    return _former_units(unit)


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
