"""What a dashboard shows for a unit's subtree and a year, composed from the metrics registry.

Nothing here counts by itself: every number is a registered metric's value (``danvan.metrics``),
so the dashboard, the API (``/api/v1/metrics/values``), the scorecards and the reports agree.
The number of queries does not grow with the size of the subtree: each metric is one aggregate
over an indexed path prefix, each breakdown one GROUP BY."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.models import today
from danvan.metrics import registry
from danvan.metrics.rollups import Figures
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


def stored(store: Figures | None, key: str, compute):
    """A figure from the unit's stored figures (rollups) when given, else computed."""
    return store.get(key, compute) if store is not None else compute()


def value_for(metric: registry.Metric, unit: Unit, year: int, store: Figures | None = None):
    start, end = year_window(year)
    return stored(store, f"value:{metric.code}:{year}", lambda: metric.value_for(unit, start, end))


def key_figures(unit: Unit, year: int, store: Figures | None = None) -> list[Figure]:
    start, end = year_window(year)
    figures = []
    for code in KEY_FIGURES:
        try:
            metric = registry.get(code)
        except KeyError:  # an app that is not installed
            continue
        figures.append(
            Figure(
                metric,
                value_for(metric, unit, year, store),
                value_for(metric, unit, year - 1, store),
                list_url(metric, unit, start, end),
            )
        )
    return figures


# the initiatives list's filter for each dimension a breakdown can drill into
LIST_FILTERS = {"field": "field", "topic": "topic", "kind": "kind", "holder": "holder", "status": "status"}


def labelled_breakdown(
    metric: registry.Metric, dimension: str, unit: Unit, year: int, store: Figures | None = None
) -> list[tuple]:
    """[(label, value, url)] of a metric's breakdown, largest first, with readable labels; `url` is
    the list of the models behind the part (empty when the list cannot filter by it)."""
    start, end = year_window(year)
    values = stored(
        store,
        f"breakdown:{metric.code}:{dimension}:{year}",
        lambda: metric.breakdown(dimension, unit, start, end),
    )
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
    if unit.pk is None:  # the country: its provinces, each with the former units it succeeded
        children = list(Unit.objects.filter(depth=1).active(as_of).select_related("unit_type"))

        def by_path(code: str) -> dict:
            values = registry.get(code).values_for_units(children, start, end)
            return {child.path: values[child.id] for child in children}

        columns = {
            code: stored(store, f"children:{code}:{year}", lambda code=code: by_path(code)) for code in codes
        }
        rows = [
            ChildRow(child, {code: columns[code].get(child.path, 0) for code in codes}) for child in children
        ]
        return sorted(rows, key=lambda row: (-row.values[codes[0]], row.unit.name_sort))
    children = list(Unit.objects.get_children(unit).active(as_of).select_related("unit_type"))
    columns = {
        code: stored(
            store,
            f"children:{code}:{year}",
            lambda code=code: registry.get(code).values_by_child(unit, start, end),
        )
        for code in codes
    }
    rows = [ChildRow(child, {code: columns[code].get(child.path, 0) for code in codes}) for child in children]
    return sorted(rows, key=lambda row: (-row.values[codes[0]], row.unit.name_sort))


def by_year(
    unit: Unit, year: int, codes: tuple[str, ...], store: Figures | None = None
) -> tuple[list[int], dict[str, list]]:
    years = list(range(FIRST_YEAR, year + 1))
    series = {}
    for code in codes:
        metric = registry.get(code)
        values = stored(
            store,
            f"years:{code}:{FIRST_YEAR}:{year}",
            lambda metric=metric: metric.by_year(unit, FIRST_YEAR, year),
        )
        series[str(metric.label).capitalize()] = [values[y] for y in years]
    return years, series


def map_points(unit: Unit, year: int, store: Figures | None = None):
    """The communes (and wards) of the subtree with the number of models registered in the year:
    areas without models are drawn as open circles; village areas count for their commune."""
    from danvan.geo.models import Area

    metric = registry.get("initiatives.registered")
    if unit.pk is None:
        return _country_points(metric, year, store)
    counted = stored(
        store,
        f"map:{metric.code}:{year}",
        lambda: dict(
            metric.rows_within(unit, *year_window(year))
            .order_by()
            .values("owner_unit__area")
            .annotate(n=Count("pk"))
            .values_list("owner_unit__area", "n")
        ),
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


def _country_points(metric: registry.Metric, year: int, store: Figures | None):
    """The country's map: a point per province (3,321 communes would hide one another), with the
    models registered in the year under the province's area."""
    from danvan.geo.models import Area

    def compute() -> dict[str, int]:
        counted = dict(
            metric.rows(*year_window(year))
            .order_by()
            .values("owner_unit__area")
            .annotate(n=Count("pk"))
            .values_list("owner_unit__area", "n")
        )
        paths = dict(Area.objects.filter(pk__in=[pk for pk in counted if pk]).values_list("pk", "path"))
        totals: dict[str, int] = {}
        for area, count in counted.items():
            if area in paths:
                province = paths[area][: Area.steplen]
                totals[province] = totals.get(province, 0) + count
        return totals

    totals = stored(store, f"map:{metric.code}:{year}", compute)
    roots = Unit.objects.filter(depth=1, valid_until=None).values("area")
    provinces = Area.objects.filter(Q(path__in=list(totals)) | Q(pk__in=roots)).order_by("path")
    return [
        (area, totals.get(area.path, 0))
        for area in provinces
        if area.latitude is not None and area.longitude is not None
    ]


def stale_models(unit: Unit, on: date, limit: int = 10, store: Figures | None = None):
    """Models being built whose latest progress update (or, without any, their last change of
    status) is older than STALE_AFTER: (count, the `limit` oldest)."""
    from danvan.initiatives.models import Initiative
    from danvan.initiatives.queries import within_q
    from danvan.initiatives.workflow import Status

    threshold = on - STALE_AFTER
    # "changed before the threshold day" as a comparison with the day's first moment (local time):
    # `status_changed_at__date` made SQLite call a Python function for every row of the subtree
    threshold_start = timezone.make_aware(datetime.combine(threshold, time.min))
    qs = (
        Initiative.objects.filter(within_q(unit))
        .filter(status__in=[Status.IN_PROGRESS, Status.CONSOLIDATED])
        .annotate(last_update=Max("progress_updates__reported_on"))
        .filter(
            Q(last_update__lt=threshold) | Q(last_update__isnull=True, status_changed_at__lt=threshold_start)
        )
    )

    def compute():
        ids = list(qs.order_by("last_update", "status_changed_at", "pk").values_list("pk", flat=True)[:limit])
        return [qs.count() if len(ids) == limit else len(ids), ids]

    count, ids = stored(store, f"stale:{on.isoformat()}:{limit}", compute)
    by_id = {
        initiative.pk: initiative
        for initiative in Initiative.objects.filter(pk__in=ids)
        .select_related("owner_unit")
        .annotate(last_update=Max("progress_updates__reported_on"))
    }
    return count, [by_id[pk] for pk in ids if pk in by_id]


def silent_children(rows: list[ChildRow], code: str) -> list[Unit]:
    """Child units with no model registered in the year."""
    return [row.unit for row in rows if not row.values.get(code)]
