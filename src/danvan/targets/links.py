"""The list behind a metric's value for a unit and a period: where a drill-down row links to.

Metrics about models and exemplars (those naming their `initiative` lookup) open the models list
filtered to exactly the rows the metric counts (`/initiatives/?within=…&metric=…&start=…&end=…`);
the other apps' lists are opened with the filters they have (unit, year); anything else opens the
unit's page."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

# parameters of the models list for metrics that do not name their rows (older definitions)
INITIATIVE_FILTERS = {
    "initiatives.self_management_registered": {"kind": "self_management"},
    "initiatives.exemplars_registered": {"kind": "exemplar"},
    "initiatives.in_progress": {"status": "in_progress"},
    "initiatives.recognized": {"status": "recognized"},
}


def _url(name: str, params: dict, args=()) -> str:
    try:
        base = reverse(name, args=args)
    except NoReverseMatch:
        return ""
    params = {key: value for key, value in params.items() if value not in (None, "")}
    return f"{base}?{urlencode(params)}" if params else base


def metric_url(metric, unit, start: date, end: date) -> str:
    """The page listing what `metric` counts for `unit`'s subtree in [start, end]."""
    if metric is None:
        return ""
    group = metric.code.split(".", 1)[0]
    year = start.year if start.year == end.year else None
    if getattr(metric, "initiative", None):
        return _url(
            "initiatives:list",
            {"within": unit.pk, "metric": metric.code, "start": start.isoformat(), "end": end.isoformat()},
        )
    if group == "initiatives":
        extra = {} if metric.code == "initiatives.recognized" else {"year": year}
        return _url(
            "initiatives:list", {"within": unit.pk, **extra, **INITIATIVE_FILTERS.get(metric.code, {})}
        )
    if group == "training":
        return _url("training:list", {"within": unit.pk, "year": year, "status": "held"})
    if group == "funding":
        return _url("funding:summary", {"unit": unit.pk, "year": year or end.year})
    if group == "awards":
        return _url("awards:list", {"within": unit.pk, "year": year})
    return _url("orgs:unit", {}, args=[unit.pk])
