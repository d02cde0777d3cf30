"""What a dashboard shows for a unit's subtree and a year, composed from the metrics registry.

Nothing here counts by itself: every number is a registered metric's value (``danvan.metrics``),
so the dashboard, the API (``/api/v1/metrics/values``), the scorecards and the reports agree.
The number of queries does not grow with the size of the subtree: each metric is one aggregate
over an indexed path prefix, each breakdown one GROUP BY."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, F, OuterRef, Q, Subquery, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.models import today
from danvan.metrics import registry
from danvan.metrics.rollups import MISSING, Figures, reads, reads_of, stored
from danvan.orgs.models import Unit

FIRST_YEAR = 2021  # the campaign the documents start from (seed 002, 2021–2025)
STALE_AFTER = timedelta(days=90)  # a model without a progress update for this long is flagged

# the key figures, in the order a leader reads them (codes of the metrics registry)
KEY_FIGURES = (
    "initiatives.registered",
    "initiatives.recognized",
    "awards.typical",
    "awards.commended",
    "initiatives.exemplars_registered",
    "initiatives.self_management_registered",
    "training.people_trained",
    "funding.spent",
)


class Country:
    """The whole country, for the system administrators' dashboard. There is no national unit (the
    tree's roots are the provinces' Party committees, decision 0001): the country is every root's
    subtree. It has what the registry and the queries below read of a unit — an empty path, which
    is every path's prefix, so a metric's value is over every row — and no id."""

    path = ""
    pk = None
    id = None
    depth = 0
    steplen = Unit.steplen
    is_country = True

    @property
    def name(self) -> str:
        return _("The whole country")

    def __str__(self) -> str:
        return str(self.name)


COUNTRY = Country()


def year_window(year: int, on: date | None = None) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def list_url(metric: registry.Metric, unit: Unit, start: date | None, end: date | None) -> str:
    """The list behind a figure: the models it counts, or the app's own list for the year."""
    if metric.initiative:
        params = {"within": unit.pk, "metric": metric.code} if unit.pk else {"metric": metric.code}
        if start:
            params["start"] = start.isoformat()
        if end:
            params["end"] = end.isoformat()
        return f"{reverse('initiatives:list')}?{urlencode(params)}"
    pages = {"training": "training:list", "funding": "funding:summary"}
    name = pages.get(metric.group)
    if not name:
        return ""
    year = (start or end or today()).year
    params = {"within": unit.pk, "year": year} if unit.pk else {"year": year}
    return f"{reverse(name)}?{urlencode(params)}"


@dataclass(frozen=True)
class Figure:
    metric: registry.Metric
    value: int | Decimal
    previous: int | Decimal
    url: str

    @property
    def change(self) -> int | Decimal:
        return self.value - self.previous

    @property
    def change_percent(self) -> Decimal | None:
        if not self.previous:
            return None
        return (Decimal(self.value - self.previous) * 100 / Decimal(self.previous)).quantize(Decimal("1"))


def value_for(metric: registry.Metric, unit: Unit, year: int, store: Figures | None = None):
    return values_for(unit, [(metric, year)], store)[0]


def values_for(unit: Unit, wanted: list[tuple[registry.Metric, int]], store: Figures | None = None) -> list:
    """The value of each (metric, year) for the unit's subtree: stored, or, for those that are not,
    computed together (``registry.values_for_many``: one query per model counted)."""
    keys = [f"value:{metric.code}:{year}" for metric, year in wanted]
    if store is None:
        found = [MISSING] * len(wanted)
    else:
        found = [store.lookup(key, reads(metric)) for key, (metric, _year) in zip(keys, wanted, strict=True)]
    missing = [index for index, value in enumerate(found) if value is MISSING]
    computed = registry.values_for_many(
        unit, [(wanted[index][0], *year_window(wanted[index][1])) for index in missing]
    )
    for index, value in zip(missing, computed, strict=True):
        found[index] = value
        if store is not None:
            store.put(keys[index], value, reads(wanted[index][0]))
    return found


def _key_metrics() -> list[registry.Metric]:
    metrics = []
    for code in KEY_FIGURES:
        try:
            metrics.append(registry.get(code))
        except KeyError:  # an app that is not installed
            continue
    return metrics


def key_figures(unit: Unit, year: int, store: Figures | None = None) -> list[Figure]:
    start, end = year_window(year)
    metrics = _key_metrics()
    values = values_for(unit, [(metric, y) for metric in metrics for y in (year, year - 1)], store)
    return [
        Figure(metric, values[2 * index], values[2 * index + 1], list_url(metric, unit, start, end))
        for index, metric in enumerate(metrics)
    ]


# the initiatives list's filter for each dimension a breakdown can drill into
LIST_FILTERS = {"field": "field", "topic": "topic", "kind": "kind", "holder": "holder", "status": "status"}


def labelled_breakdown(
    metric: registry.Metric, dimension: str, unit: Unit, year: int, store: Figures | None = None
) -> list[tuple]:
    """[(label, value, url)] of a metric's breakdown, largest first, with readable labels; `url` is
    the list of the models behind the part (empty when the list cannot filter by it)."""
    return labelled(metric, dimension, unit, year, breakdown_values(metric, dimension, unit, year, store))


def labelled_breakdowns(
    metric: registry.Metric, dimensions: tuple[str, ...], unit: Unit, year: int, store: Figures | None = None
) -> dict[str, list[tuple]]:
    """{dimension: labelled_breakdown(…)} for several dimensions, those not stored computed in one
    query (``Metric.breakdowns``)."""
    values = breakdowns_values(metric, dimensions, unit, year, store)
    return {name: labelled(metric, name, unit, year, values[name]) for name in dimensions}


def breakdown_values(
    metric: registry.Metric, dimension: str, unit: Unit, year: int, store: Figures | None = None
):
    return breakdowns_values(metric, (dimension,), unit, year, store)[dimension]


def breakdowns_values(
    metric: registry.Metric, dimensions: tuple[str, ...], unit: Unit, year: int, store: Figures | None = None
) -> dict[str, dict]:
    channels = reads(metric)
    keys = {name: f"breakdown:{metric.code}:{name}:{year}" for name in dimensions}
    found = {
        name: store.lookup(key, channels) if store is not None else MISSING for name, key in keys.items()
    }
    missing = [name for name, value in found.items() if value is MISSING]
    if missing:
        computed = metric.breakdowns(missing, unit, *year_window(year))
        for name in missing:
            found[name] = computed[name]
            if store is not None:
                store.put(keys[name], computed[name], channels)
    return found


def labelled(metric: registry.Metric, dimension: str, unit: Unit, year: int, values: dict) -> list[tuple]:
    start, end = year_window(year)
    labels = _labels(metric, dimension, [key for key in values if key is not None])
    base = list_url(metric, unit, start, end)
    name = LIST_FILTERS.get(dimension)
    rows = [
        (
            labels.get(key, _("(not set)")),
            value,
            f"{base}&{urlencode({name: key})}" if base and name and key is not None else "",
        )
        for key, value in values.items()
    ]
    return sorted(rows, key=lambda row: (-row[1], row[0]))


def _labels(metric: registry.Metric, dimension: str, keys: list) -> dict:
    from danvan.initiatives.models import Field, Holder, Kind, Topic
    from danvan.initiatives.workflow import Status
    from danvan.orgs.models import UnitType

    if dimension in ("kind", "holder", "status"):
        choices = {"kind": Kind, "holder": Holder, "status": Status}[dimension]
        return {key: str(label) for key, label in choices.choices}
    model = {"field": Field, "topic": Topic, "owner_type": UnitType}[dimension]
    return {obj.pk: obj.name for obj in model.objects.filter(pk__in=keys)}


@dataclass(frozen=True)
class ChildRow:
    unit: Unit
    values: dict[str, int | Decimal]


def by_child(unit: Unit, year: int, codes: tuple[str, ...], store: Figures | None = None) -> list[ChildRow]:
    """Each active child unit with the given metrics for the year: one query per metric."""
    start, end = year_window(year)
    as_of = end if end < today() else today()
    children = list(Unit.objects.get_children(unit).active(as_of).select_related("unit_type"))
    columns = {
        code: stored(
            store,
            f"children:{code}:{year}",
            lambda code=code: registry.get(code).values_by_child(unit, start, end),
            reads(registry.get(code)),
        )
        for code in codes
    }
    rows = [ChildRow(child, {code: columns[code].get(child.path, 0) for code in codes}) for child in children]
    return sorted(rows, key=lambda row: (-row.values[codes[0]], row.unit.name_sort))


def by_year(
    unit: Unit, year: int, codes: tuple[str, ...], store: Figures | None = None
) -> tuple[list[int], dict[str, list]]:
    years = list(range(FIRST_YEAR, year + 1))
    return years, {_series_label(code): _year_values(unit, year, code, store) for code in codes}


def _series_label(code: str) -> str:
    return str(registry.get(code).label).capitalize()


def _year_values(unit: Unit, year: int, code: str, store: Figures | None) -> list:
    """The metric's value for each year from FIRST_YEAR to ``year``, in order."""
    metric = registry.get(code)
    values = stored(
        store,
        f"years:{code}:{FIRST_YEAR}:{year}",
        lambda: metric.by_year(unit, FIRST_YEAR, year),
        reads(metric),
    )
    return [values[y] for y in range(FIRST_YEAR, year + 1)]


def map_points(unit: Unit, year: int, store: Figures | None = None):
    """The communes (and wards) of the subtree with the number of models registered in the year:
    areas without models are drawn as open circles; village areas count for their commune."""
    from danvan.geo.models import Area

    metric = registry.get("initiatives.registered")
    counted = stored(
        store,
        f"map:{metric.code}:{year}",
        lambda: dict(
            metric.rows_within(unit, *year_window(year), joined=True)
            .order_by()
            .values("owner_unit__area")
            .annotate(n=Count("pk"))
            .values_list("owner_unit__area", "n")
        ),
        reads(metric),  # the unit's area: ALL
    )
    # areas by id on both sides of the OR: a join to the units there made SQLite read every area
    subtree_areas = Unit.objects.filter(path__startswith=unit.path, valid_until=None).values("area")
    areas = Area.objects.filter(Q(pk__in=list(counted)) | Q(level="commune", pk__in=subtree_areas))
    by_path = {area.path: area for area in areas}
    # a village area without coordinates counts at its commune (its parent area)
    parents = {
        area.path[: -Area.steplen] for area in by_path.values() if area.latitude is None and area.depth > 1
    }
    for parent in Area.objects.filter(path__in=parents - set(by_path)):
        by_path[parent.path] = parent
    totals: dict[str, int] = {}
    for area in list(by_path.values()):
        target = area
        if area.latitude is None and area.path[: -Area.steplen] in by_path:
            target = by_path[area.path[: -Area.steplen]]
        totals[target.path] = totals.get(target.path, 0) + counted.get(area.pk, 0)
    return [
        (by_path[path], count)
        for path, count in sorted(totals.items())
        if by_path[path].latitude is not None and by_path[path].longitude is not None
    ]


def stale_models(unit: Unit, on: date, limit: int = 10, store: Figures | None = None):
    """Models being built whose latest progress update (or, without any, their last change of
    status) is older than STALE_AFTER: (count, the `limit` oldest)."""
    count, oldest = _stale_ids(unit, on, limit, store)
    return count, _oldest([key[2] for key in oldest])


def _stale_ids(unit: Unit, on: date, limit: int, store: Figures | None) -> tuple[int, list[list]]:
    """(how many, the sort keys of the `limit` oldest: [latest update or "", status changed at,
    id], dates as ISO text in UTC), so that the country can pick its oldest among its provinces'
    without reading them."""
    from danvan.initiatives.models import Initiative
    from danvan.initiatives.queries import within_q
    from danvan.initiatives.workflow import Status

    def compute():
        threshold = on - STALE_AFTER
        # "changed before the threshold day" as a comparison with the day's first moment (local
        # time): `status_changed_at__date` made SQLite call a Python function for every row
        threshold_start = timezone.make_aware(datetime.combine(threshold, time.min))
        qs = (
            Initiative.objects.filter(within_q(unit))
            .filter(status__in=[Status.IN_PROGRESS, Status.CONSOLIDATED])
            .annotate(last_update=_latest_update())
            .filter(
                Q(last_update__lt=threshold)
                | Q(last_update__isnull=True, status_changed_at__lt=threshold_start)
            )
        )
        # never updated first (as SQLite orders NULLs; PostgreSQL would put them last); how many
        # there are in the same query, as a window over the stale rows (a second query read them
        # all again)
        oldest = qs.order_by(F("last_update").asc(nulls_first=True), "status_changed_at", "pk")
        counted = oldest.annotate(stale_count=Window(Count("pk")))
        found = list(counted.values_list("last_update", "status_changed_at", "pk", "stale_count")[:limit])
        keys = [_stale_key(last_update, changed_at, pk) for last_update, changed_at, pk, _count in found]
        return [found[0][3] if found else 0, keys]

    # a stored figure is of its day already
    return stored(store, f"stale-keys:{limit}", compute, _stale_reads())


def _stale_key(last_update: date | None, changed_at: datetime, pk: int) -> list:
    """A model's place among the stale ones, as the query orders them (never updated first), in
    a form a stored figure keeps and Python sorts the same way."""
    changed = changed_at.astimezone(UTC).isoformat(timespec="microseconds")
    return [last_update.isoformat() if last_update else "", changed, pk]


@cache
def _stale_reads() -> frozenset[str]:
    """What "not updated for 90 days" reads (the stored figures' channels, see metrics.rollups)."""
    return reads_of(
        "initiatives.Initiative", ["status", "status_changed_at", "progress_updates__reported_on"]
    )


def _latest_update() -> Subquery:
    """A model's latest progress update, looked up in the (model, date) index: a MAX over the
    joined updates grouped every column of the models (and SQLite sorted them in a temporary
    tree), three times slower."""
    from danvan.initiatives.models import ProgressUpdate

    return Subquery(
        ProgressUpdate.objects.filter(initiative=OuterRef("pk"))
        .order_by("-reported_on")
        .values("reported_on")[:1]
    )


def _oldest(ids: list[int]) -> list:
    """The models of `ids` (the oldest not updated, in order) with their latest progress update."""
    from danvan.initiatives.models import Initiative

    models = (
        Initiative.objects.filter(pk__in=ids)
        .select_related("owner_unit")
        .annotate(last_update=_latest_update())
    )
    place = {pk: index for index, pk in enumerate(ids)}
    return sorted(models, key=lambda model: place[model.pk])


def silent_children(rows: list[ChildRow], code: str) -> list[Unit]:
    """Child units with no model registered in the year."""
    return [row.unit for row in rows if not row.values.get(code)]


# --- the country: composed from its provinces' stored figures ---------------------------------------
class Provinces:
    """The country's figures are the sums of its provinces' (the roots in force), as a national
    report adds up the provinces' reports: each province's figures come from its own stored figures
    (rollups), so a write in one province makes the country compute that province again, not the
    whole country.

    The sums are stored too, as the country's own figures (``country``: under the country's empty
    path, valid while every province's stamps hold, ``Figures.composed``). A country page with
    nothing new reads the provinces' stamps and the country's figures; the provinces' figures are
    read (two queries for all of them) only when a sum must be made again."""

    def __init__(self, on: date):
        self.units = list(Unit.objects.filter(depth=1).active(on).select_related("unit_type", "area"))
        self.on = on
        self.country = Figures.composed(COUNTRY, [unit.path for unit in self.units], on)
        self._stores: dict[str, Figures] | None = None

    @property
    def stores(self) -> dict[str, Figures]:
        if self._stores is None:
            self._stores = Figures.many(self.units, self.on)
        return self._stores

    def __iter__(self):
        return iter([(unit, self.stores[unit.path]) for unit in self.units])

    def sum(self, key: str, compute: Callable[[], Any], channels: frozenset[str]) -> Any:
        """The country's figure ``key``: stored, or ``compute()``d from the provinces'."""
        return self.country.get(f"country:{key}", compute, channels)

    def save(self) -> None:
        Figures.save_many([*(self._stores or {}).values(), self.country])


def _added(values: list[dict]) -> dict:
    total: dict = {}
    for part in values:
        for key, value in part.items():
            total[key] = total.get(key, 0) + value
    return total


def _reads_all(metrics) -> frozenset[str]:
    return frozenset().union(*(reads(metric) for metric in metrics))


def country_key_figures(provinces: Provinces, year: int) -> list[Figure]:
    start, end = year_window(year)
    metrics = _key_metrics()
    wanted = [(metric, y) for metric in metrics for y in (year, year - 1)]

    def compute():
        totals = [0] * len(wanted)
        for unit, store in provinces:
            totals = [a + b for a, b in zip(totals, values_for(unit, wanted, store), strict=True)]
        return totals

    codes = ",".join(metric.code for metric in metrics)
    totals = provinces.sum(f"key:{codes}:{year}", compute, _reads_all(metrics))
    return [
        Figure(metric, totals[2 * index], totals[2 * index + 1], list_url(metric, COUNTRY, start, end))
        for index, metric in enumerate(metrics)
    ]


def country_by_child(provinces: Provinces, year: int, codes: tuple[str, ...]) -> list[ChildRow]:
    metrics = [registry.get(code) for code in codes]
    wanted = [(metric, year) for metric in metrics]

    def compute():
        return {unit.pk: values_for(unit, wanted, store) for unit, store in provinces}

    by_unit = provinces.sum(f"children:{','.join(codes)}:{year}", compute, _reads_all(metrics))
    rows = [ChildRow(unit, dict(zip(codes, by_unit[unit.pk], strict=True))) for unit in provinces.units]
    return sorted(rows, key=lambda row: (-row.values[codes[0]], row.unit.name_sort))


def country_by_year(provinces: Provinces, year: int, codes: tuple[str, ...]) -> tuple[list[int], dict]:
    years = list(range(FIRST_YEAR, year + 1))

    def compute():
        series = {code: [0] * len(years) for code in codes}
        for unit, store in provinces:
            for code in codes:
                values = _year_values(unit, year, code, store)
                series[code] = [a + b for a, b in zip(series[code], values, strict=True)]
        return series

    metrics = [registry.get(code) for code in codes]
    series = provinces.sum(f"years:{','.join(codes)}:{FIRST_YEAR}:{year}", compute, _reads_all(metrics))
    return years, {_series_label(code): series[code] for code in codes}


def country_breakdowns(
    metric: registry.Metric, dimensions: tuple[str, ...], provinces: Provinces, year: int
) -> dict[str, list[tuple]]:
    def compute():
        parts = [breakdowns_values(metric, dimensions, unit, year, store) for unit, store in provinces]
        return {name: _added([part[name] for part in parts]) for name in dimensions}

    key = f"breakdowns:{metric.code}:{','.join(dimensions)}:{year}"
    values = provinces.sum(key, compute, reads(metric))
    return {name: labelled(metric, name, COUNTRY, year, values[name]) for name in dimensions}


def country_map_points(provinces: Provinces, year: int):
    """A point per province (3,321 communes would hide one another), at the province's area."""
    metric = registry.get("initiatives.registered")

    def compute():
        return {unit.pk: value_for(metric, unit, year, store) for unit, store in provinces}

    values = provinces.sum(f"map:{metric.code}:{year}", compute, reads(metric))
    return [
        (unit.area, values[unit.pk])
        for unit in sorted(provinces.units, key=lambda unit: unit.path)
        if unit.area is not None and unit.area.latitude is not None and unit.area.longitude is not None
    ]


def country_stale_models(provinces: Provinces, on: date, limit: int = 10):
    def compute():
        count, keys = 0, []
        for unit, store in provinces:
            part, oldest = _stale_ids(unit, on, limit, store)
            count += part
            keys += oldest
        return [count, [key[2] for key in sorted(keys)[:limit]]]

    count, ids = provinces.sum(f"stale:{limit}", compute, _stale_reads())
    return count, _oldest(ids)
