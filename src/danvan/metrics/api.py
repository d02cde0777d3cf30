"""`GET /api/v1/metrics` (the definitions) and `GET /api/v1/metrics/values` (their values for a
unit's subtree and a period): the same Metric objects the pages and reports read."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from danvan.core.permissions import visible_units
from danvan.core.services import ServiceError
from danvan.metrics import registry
from danvan.orgs.models import Unit

router = Router(tags=["Chỉ số"])


class MetricOut(Schema):
    code: str
    label: str
    definition: str
    measure: str
    group: str
    period_by: str  # "date" or "year": how a row falls in a period


class ValuesParams(Schema):
    unit: int
    from_: date | None = Field(None, alias="from")
    to: date | None = None
    code: list[str] = Field(default_factory=list, description="Only these metrics (repeat the parameter).")
    children: bool = Field(False, description="Also the value for each child unit (drill-down).")


class ChildValue(Schema):
    unit_id: int
    unit_name: str
    value: int | Decimal


class ValueOut(Schema):
    code: str
    label: str
    measure: str
    value: int | Decimal
    children: list[ChildValue] | None = None


class ValuesOut(Schema):
    unit_id: int
    unit_name: str
    from_: date | None = Field(None, alias="from")
    to: date | None = None
    values: list[ValueOut]


def _out(metric: registry.Metric) -> dict:
    return {
        "code": metric.code,
        "label": str(metric.label),
        "definition": str(metric.definition),
        "measure": metric.measure,
        "group": metric.group,
        "period_by": "date" if metric.date_field else "year",
    }


@router.get("", response=list[MetricOut], summary="Danh mục chỉ số (định nghĩa duy nhất)")
def definitions(request):
    """Every counter of the system, each defined once: dashboards, reports, scorecards and this API
    read the same definitions."""
    return [_out(metric) for metric in registry.all_metrics()]


@router.get(
    "/values", response=ValuesOut, by_alias=True, summary="Giá trị chỉ số của một đơn vị trong một kỳ"
)
def values(request, params: Query[ValuesParams]):
    """The value of each metric over `unit` and its whole subtree (former units merged into it
    included) for the period [`from`, `to`] (both inclusive, either may be left open); with
    `children=true`, also for each child unit."""
    unit = visible_units(request.user).filter(pk=params.unit).first()
    if unit is None:
        raise Http404
    if params.from_ and params.to and params.from_ > params.to:
        raise ServiceError(_("The start of the period is after its end."))
    try:
        chosen = [registry.get(code) for code in params.code] if params.code else registry.all_metrics()
    except KeyError as exc:
        raise ServiceError(_("Unknown metric: %(code)s.") % {"code": exc.args[0]}) from exc
    children = list(Unit.objects.get_children(unit).order_by("name_sort")) if params.children else []
    out = []
    # one query per model counted, not per metric
    values = registry.values_for_many(unit, [(metric, params.from_, params.to) for metric in chosen])
    for metric, value in zip(chosen, values, strict=True):
        item = {"code": metric.code, "label": str(metric.label), "measure": metric.measure, "value": value}
        if params.children:
            by_child = metric.values_by_child(unit, params.from_, params.to)
            item["children"] = [
                {"unit_id": child.id, "unit_name": child.name, "value": by_child.get(child.path, 0)}
                for child in children
            ]
        out.append(item)
    return {"unit_id": unit.id, "unit_name": unit.name, "from": params.from_, "to": params.to, "values": out}
