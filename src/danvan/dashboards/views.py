"""The dashboard of a unit's subtree: where the movement stands, and where it lags."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan import charts
from danvan.core.models import today
from danvan.core.permissions import is_system_admin, visible_units
from danvan.dashboards import queries
from danvan.metrics import registry
from danvan.metrics.rollups import Figures

CHILDREN_PER_PAGE = 20
CHILD_COLUMNS = ("initiatives.registered", "initiatives.recognized", "awards.typical")
YEAR_SERIES = ("initiatives.registered", "initiatives.recognized", "awards.typical")


def _year(request) -> int:
    this_year = today().year
    try:
        year = int(request.GET.get("year") or this_year)
    except ValueError:
        return this_year
    return year if queries.FIRST_YEAR <= year <= this_year + 1 else this_year


@login_required
def dashboard(request, unit_id: int | None = None):
    if unit_id is None:
        unit = request.current_unit
        if unit is None:
            raise Http404
    else:
        unit = visible_units(request.user).select_related("unit_type", "area").filter(pk=unit_id).first()
        if unit is None:
            raise Http404
    return _dashboard(request, unit)


@login_required
def country(request):
    """The whole country (every province): for the system administrators, who see every unit."""
    if not is_system_admin(request.user):
        raise Http404
    return _dashboard(request, queries.COUNTRY)


def _dashboard(request, unit):
    year = _year(request)
    registered = registry.get("initiatives.registered")
    dimensions = ("field", "status", "kind", "owner_type")
    if unit.pk is None:  # the country: the sums of its provinces' figures
        provinces = queries.Provinces(today())
        figures = queries.country_key_figures(provinces, year)
        children = queries.country_by_child(provinces, year, CHILD_COLUMNS)
        years, series = queries.country_by_year(provinces, year, YEAR_SERIES)
        stale_count, stale = queries.country_stale_models(provinces, today())
        breakdowns = queries.country_breakdowns(registered, dimensions, provinces, year)
        map_points = queries.country_map_points(provinces, year)
        targets = []  # targets are issued by units: none for the whole country
        provinces.save()
    else:
        # the subtree's figures as stored since the last write under it (rollups): two queries
        # when nothing changed, the aggregates below for those that did
        store = Figures(unit, today())
        figures = queries.key_figures(unit, year, store)
        children = queries.by_child(unit, year, CHILD_COLUMNS, store)
        years, series = queries.by_year(unit, year, YEAR_SERIES, store)
        stale_count, stale = queries.stale_models(unit, today(), store=store)
        breakdowns = queries.labelled_breakdowns(registered, dimensions, unit, year, store)
        map_points = queries.map_points(unit, year, store)
        targets = _targets(unit, year, store)
        store.save()

    def parts(dimension):
        return [(label, value) for label, value, _url in breakdowns[dimension]]

    field_chart = charts.bar(
        parts("field"),
        title=_("Models and exemplars by field, %(year)s") % {"year": year},
        unit_label=_("models"),
        horizontal=True,
    )
    status_chart = charts.donut(parts("status"), title=_("By status"), unit_label=_("models"))
    kind_chart = charts.donut(parts("kind"), title=_("By kind"), unit_label=_("models"))
    owner_chart = charts.bar(
        parts("owner_type"),
        title=_("By type of owning unit"),
        unit_label=_("models"),
        horizontal=True,
    )
    year_chart = charts.line(
        years, series, title=_("Year by year, %(first)s–%(last)s") % {"first": years[0], "last": year}
    )
    map_ = charts.point_map(
        charts.area_points(map_points),
        title=(
            _("Models registered in %(year)s by commune and ward")
            if unit.pk
            else _("Models registered in %(year)s by province")
        )
        % {"year": year},
        unit_label=_("models"),
    )
    context = {
        "nav": "dashboard",
        "unit": unit,
        "ancestors": (
            visible_units(request.user).filter(path__in=unit.ancestor_paths()).order_by("depth")
            if unit.pk
            else []
        ),
        "country_link": unit.pk is not None and is_system_admin(request.user),
        "year": year,
        "years": list(range(today().year, queries.FIRST_YEAR - 1, -1)),
        "figures": figures,
        "children_page": Paginator(children, CHILDREN_PER_PAGE).get_page(request.GET.get("page")),
        "child_columns": [registry.get(code) for code in CHILD_COLUMNS],
        "silent": queries.silent_children(children, CHILD_COLUMNS[0]),
        "stale_count": stale_count,
        "stale": stale,
        "stale_days": queries.STALE_AFTER.days,
        "targets": targets,
        "targets_lagging": [t for t in targets if getattr(t, "status", "") in ("at_risk", "missed")],
        "charts": [field_chart, status_chart, kind_chart, owner_chart],
        "drills": [breakdowns["field"], breakdowns["status"], breakdowns["kind"], breakdowns["owner_type"]],
        "year_chart": year_chart,
        "map": map_,
        "registered_url": queries.list_url(registered, unit, *queries.year_window(year)),
        "children_url": reverse("dashboards:unit", args=[unit.pk])
        if unit.pk
        else reverse("dashboards:country"),
    }
    return render(request, "dashboards/dashboard.html", context)


def _targets(unit, year: int, store=None):
    """The targets of the year that apply to the unit, evaluated today for its subtree: a target
    of a past period shows whether it was met."""
    from danvan.targets.queries import results

    return results(unit, today(), year=year, store=store)
