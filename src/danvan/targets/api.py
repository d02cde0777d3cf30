"""The HTTP API of targets and scorecards under /api/v1/targets.

Thin: reads go through `services.visible_*` (a target or scheme the caller may not see does not
exist for them: 404) and `evaluation` / `scorecards` (the same evaluation as the pages); every
write calls one service function (which checks permissions: 403, and refuses bad input: 400 with a
Vietnamese `detail`). Invalid parameters are a 422 naming them.

* `GET /targets?unit=<id>` — the targets that apply to the unit, evaluated for its subtree;
  `GET /targets/{id}?unit=<id>` — one target with its drill-down.
* `POST /targets`, `PATCH /targets/{id}`, `POST /targets/{id}/transitions` (withdraw, restore) —
  the standing agency of the issuing unit; `GET /targets/{id}/history`.
* `GET`, `POST /targets/{id}/reports` (rates; `POST …/reports/{report_id}/evidence` uploads the
  evidence), `GET`, `POST /targets/{id}/milestones`, `DELETE /targets/{id}/milestones/{id}`.
* `GET /targets/scorecards?scheme=&unit=` — a unit's breakdown; `GET /targets/scorecards/ranking`
  — the ranking; `GET`, `POST /targets/scorecards/schemes`, `GET`, `PATCH …/schemes/{id}`,
  `GET …/schemes/{id}/history`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status as Reply
from pydantic import AfterValidator
from pydantic import Field as Param

from danvan.core.api import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, Page, paginate
from danvan.core.api import invalid as _invalid
from danvan.core.api import no_nul as _no_nul
from danvan.core.history import history_entries
from danvan.core.permissions import can, visible_units
from danvan.orgs.api import HistoryEntry
from danvan.orgs.models import Campaign, Unit, UnitType
from danvan.targets import evaluation, scorecards, services
from danvan.targets.models import (
    MAX_COUNT,
    Comparison,
    MilestoneRecord,
    RateReport,
    ScorecardScheme,
    Scoring,
    Target,
    TargetKind,
)
from danvan.targets.status import Status
from danvan.targets.views import applicable_targets

router = Router(tags=["targets"])


Id = Annotated[int, Param(ge=1, le=MAX_ID)]
Year = Annotated[int, Param(ge=2000, le=2100)]
Title = Annotated[str, Param(min_length=1, max_length=500), AfterValidator(_no_nul)]
Line = Annotated[str, Param(max_length=300), AfterValidator(_no_nul)]
Text = Annotated[str, Param(max_length=5000), AfterValidator(_no_nul)]
Count = Annotated[int, Param(ge=0, le=MAX_COUNT)]
Goal = Annotated[Decimal, Param(ge=0, lt=Decimal("1e12"), max_digits=14, decimal_places=2)]
Code = Annotated[str, Param(max_length=80, pattern=r"^[a-z_.]*$")]


def _number(value):
    """Shares as floats with one decimal, counts as integers (JSON numbers either way)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


# --- output -------------------------------------------------------------------------------------


class Ref(Schema):
    id: int
    name: str


class TypeRef(Schema):
    id: int
    code: str
    name: str


class TargetOut(Schema):
    id: int
    title: str
    basis: str
    kind: TargetKind
    kind_label: str
    issuing_unit: Ref
    campaign: Ref | None
    start_year: int
    end_year: int
    metric_code: str
    unit_type: TypeRef | None
    per_unit_minimum: int
    comparison: Comparison
    goal: float
    goal_text: str = Param(description="the goal as leaders read it, e.g. “> 70%”")
    in_force: bool
    withdrawn_at: dt.datetime | None
    created_at: dt.datetime


class PeriodOut(Schema):
    start: dt.date
    end: dt.date
    measured_to: dt.date = Param(description="the period measured is [start, measured_to]")
    over: bool


class ResultOut(Schema):
    target: TargetOut
    unit: Ref = Param(description="the unit the target is seen from: values are over its subtree")
    on: dt.date
    period: PeriodOut
    goal: float
    actual: float | int | None = Param(description="a share in per cent (coverage, rate) or a number")
    numerator: int | None = Param(None, description="coverage: units reaching it; rate: Σ numerators")
    denominator: int | None = Param(None, description="coverage: units of the type; rate: Σ denominators")
    progress: int = Param(description="per cent of the goal reached, 0–100")
    elapsed: int = Param(description="per cent of the period elapsed, 0–100")
    status: Status | None = Param(description="met, on_track, at_risk, missed; null: no status of its own")
    status_label: str
    applicable: bool = Param(description="false: nothing to measure in this part of the tree")
    contribution: bool = Param(description="a part of a common total (no goal of its own)")
    met: bool | None


class RowOut(Schema):
    unit: Ref
    actual: float | int | None
    numerator: int | None
    denominator: int | None
    met: bool | None
    short: bool
    status: Status | None
    reported: bool | None
    period_label: str


class ReportOut(Schema):
    id: int
    unit: Ref
    period_end: dt.date
    period_label: str
    numerator: int
    denominator: int
    rate: float
    note: str
    evidence_url: str | None
    reported_by: str | None
    reported_at: dt.datetime


class MilestoneOut(Schema):
    id: int
    unit: Ref
    subject: str
    reached_on: dt.date
    evidence_note: str
    recorded_by: str | None
    recorded_at: dt.datetime


class DrillOut(Schema):
    count: int
    items: list[RowOut]


class ResultDetail(ResultOut):
    children: DrillOut | None = Param(description="the units directly under the unit seen from")
    units_short: DrillOut | None = Param(description="coverage: units of the type short of the minimum; "
                                         "rate: reporting units below the goal")  # fmt: skip
    not_reported: DrillOut | None = Param(description="rate: units expected to report that have not")
    reports: DrillOut | None = None
    allowed_actions: list[str]


class HistoryOut(Schema):
    changes: list[HistoryEntry]


class ItemOut(Schema):
    position: int
    source: str
    label: str
    weight: float
    scoring: Scoring
    norm: float | None
    higher_is_better: bool


class SchemeOut(Schema):
    id: int
    name: str
    year: int
    issuing_unit: Ref
    unit_type: TypeRef | None
    description: str
    items: list[ItemOut]


class ItemScoreOut(Schema):
    source: str
    label: str
    value: float | int | None
    basis: float | int | None = Param(description="the best unit's value, or the norm")
    fraction: float
    weight: float
    points: float
    note: str


class UnitScoreOut(Schema):
    unit: Ref
    rank: int
    score: float
    items: list[ItemScoreOut]


class ScorecardOut(Schema):
    scheme: SchemeOut
    parent: Ref
    max_score: float
    units_ranked: int
    scorecard: UnitScoreOut


class RankingOut(Schema):
    scheme: SchemeOut
    parent: Ref
    max_score: float
    count: int
    items: list[UnitScoreOut]


# --- input --------------------------------------------------------------------------------------


class ListParams(Schema):
    unit: Id = Param(description="the unit seen from: the targets issued by it or above it, over its subtree")
    on: dt.date | None = Param(None, description="evaluate as of this day (default today)")
    year: Year | None = Param(None, description="only the targets whose period includes this year")
    kind: TargetKind | None = None
    status: Status | None = None
    withdrawn: bool = Param(False, description="the withdrawn targets instead of those in force")
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


class DetailParams(Schema):
    unit: Id | None = Param(None, description="the unit seen from (default: the issuing unit, or yours)")
    on: dt.date | None = None
    limit: int = Param(100, ge=1, le=MAX_LIMIT, description="rows of each drill-down list")
    offset: int = Param(0, ge=0)


class TargetIn(Schema):
    issuing_unit: Id
    title: Title
    basis: Line = ""
    kind: TargetKind
    start_year: Year
    end_year: Year | None = Param(None, description="default: the first year")
    campaign: Id | None = None
    metric_code: Code = Param("", description="coverage and threshold: a code of GET /api/v1/metrics")
    unit_type: Id | None = Param(None, description="coverage: the units measured; rate: the reporting units")
    per_unit_minimum: int = Param(1, ge=1, le=MAX_COUNT)
    comparison: Comparison = Comparison.AT_LEAST
    goal: Goal


class TargetPatch(Schema):
    """Only the fields sent change."""

    title: Title = None
    basis: Line = None
    kind: TargetKind = None
    start_year: Year = None
    end_year: Year = None
    campaign: Id | None = None
    metric_code: Code = None
    unit_type: Id | None = None
    per_unit_minimum: int = Param(None, ge=1, le=MAX_COUNT)
    comparison: Comparison = None
    goal: Goal = None
    reason: Text = Param("", description="why the target changes (kept in the history)")


class TransitionIn(Schema):
    action: Annotated[str, Param(pattern=r"^[a-z_]+$", max_length=30)]
    comment: Text = ""


class ReportIn(Schema):
    unit: Id
    period_end: dt.date = Param(description="the last day of the period reported")
    period_label: Annotated[str, Param(max_length=60), AfterValidator(_no_nul)] = Param(
        "", description="e.g. “Năm 2025”, “6 tháng đầu năm 2026”"
    )
    numerator: Count
    denominator: Count
    note: Text = ""


class MilestoneIn(Schema):
    unit: Id
    subject: Annotated[str, Param(max_length=255), AfterValidator(_no_nul)] = ""
    reached_on: dt.date
    evidence_note: Text = ""


class ItemIn(Schema):
    source: Code
    weight: Annotated[Decimal, Param(gt=0, le=1000, max_digits=6, decimal_places=2)]
    scoring: Scoring = Scoring.RELATIVE
    norm: Annotated[Decimal, Param(ge=0, lt=Decimal("1e15"), max_digits=17, decimal_places=2)] | None = None
    higher_is_better: bool = True


class SchemeIn(Schema):
    issuing_unit: Id
    name: Annotated[str, Param(min_length=1, max_length=255), AfterValidator(_no_nul)]
    year: Year
    unit_type: Id | None = None
    description: Text = ""
    items: list[ItemIn] = Param(min_length=1, max_length=12)


class SchemePatch(Schema):
    name: Annotated[str, Param(min_length=1, max_length=255), AfterValidator(_no_nul)] = None
    year: Year = None
    unit_type: Id | None = None
    description: Text = None
    items: list[ItemIn] = Param(None, min_length=1, max_length=12, description="replaces every item")
    reason: Text = ""


class PageParams(Schema):
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


class SubListParams(PageParams):
    unit: Id | None = Param(None, description="this unit's subtree (default: the issuing unit, or yours)")
    on: dt.date | None = Param(None, description="milestones: counted as of this day (default today)")


class ReasonParams(Schema):
    reason: Annotated[str, Param(max_length=2000), AfterValidator(_no_nul)] = ""


class ScorecardParams(Schema):
    scheme: Id
    unit: Id


class RankingParams(Schema):
    scheme: Id
    parent: Id | None = Param(None, description="default: the scheme's unit")
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


# --- helpers ------------------------------------------------------------------------------------


def _target(request, target_id: int) -> Target:
    target = (
        services.visible_targets(request.user)
        .select_related("issuing_unit", "unit_type", "campaign")
        .filter(pk=target_id)
        .first()
    )
    if target is None:
        raise Http404
    return target


def _unit(request, unit_id: int) -> Unit:
    unit = visible_units(request.user, services.VIEW).filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


def _ids_to_objects(data: dict) -> dict:
    """Ids of a create/patch body turned into objects; an unknown one is a 422."""
    data = dict(data)
    if data.get("campaign") is not None:
        campaign = Campaign.objects.select_related("issuing_unit").filter(pk=data["campaign"]).first()
        if campaign is None:
            raise _invalid("body", "campaign", _("Unknown campaign."))
        data["campaign"] = campaign
    if data.get("unit_type") is not None:
        unit_type = UnitType.objects.filter(pk=data["unit_type"]).first()
        if unit_type is None:
            raise _invalid("body", "unit_type", _("Unknown type of unit."))
        data["unit_type"] = unit_type
    return data


def _ref(unit) -> dict:
    return {"id": unit.pk, "name": unit.name}


def _target_out(target: Target) -> dict:
    return {
        "id": target.pk,
        "title": target.title,
        "basis": target.basis,
        "kind": target.kind,
        "kind_label": target.get_kind_display(),
        "issuing_unit": _ref(target.issuing_unit),
        "campaign": {"id": target.campaign.pk, "name": target.campaign.name} if target.campaign else None,
        "start_year": target.start_year,
        "end_year": target.end_year,
        "metric_code": target.metric_code,
        "unit_type": {"id": target.unit_type.pk, "code": target.unit_type.code, "name": target.unit_type.name}
        if target.unit_type
        else None,
        "per_unit_minimum": target.per_unit_minimum,
        "comparison": target.comparison,
        "goal": float(target.goal),
        "goal_text": target.goal_text(),
        "in_force": target.in_force,
        "withdrawn_at": target.withdrawn_at,
        "created_at": target.created_at,
    }


def _result_out(result) -> dict:
    return {
        "target": _target_out(result.target),
        "unit": _ref(result.unit),
        "on": result.on,
        "period": {
            "start": result.start,
            "end": result.end,
            "measured_to": result.measured_to,
            "over": result.over,
        },
        "goal": float(result.goal),
        "actual": _number(result.actual),
        "numerator": result.numerator,
        "denominator": result.denominator,
        "progress": result.percent,
        "elapsed": int((result.elapsed * 100).to_integral_value()),
        "status": result.status,
        "status_label": result.status_label,
        "applicable": result.applicable,
        "contribution": result.contribution,
        "met": result.met,
    }


def _rows(result, rows, limit: int, offset: int) -> dict | None:
    if rows is None:
        return None
    items = [
        {
            "unit": _ref(row.unit),
            "actual": _number(row.actual),
            "numerator": row.numerator,
            "denominator": row.denominator,
            "met": row.met,
            "short": row.short,
            "status": evaluation.row_status(result, row),
            "reported": row.reported,
            "period_label": row.period_label,
        }
        for row in rows[offset : offset + limit]
    ]
    return {"count": len(rows), "items": items}


def _report_out(request, report: RateReport) -> dict:
    from django.urls import reverse

    return {
        "id": report.pk,
        "unit": _ref(report.unit),
        "period_end": report.period_end,
        "period_label": report.period_label,
        "numerator": report.numerator,
        "denominator": report.denominator,
        "rate": float(report.rate),
        "note": report.note,
        "evidence_url": request.build_absolute_uri(reverse("targets:evidence", args=[report.pk]))
        if report.evidence
        else None,
        "reported_by": report.reported_by.get_username() if report.reported_by else None,
        "reported_at": report.reported_at,
    }


def _milestone_out(record: MilestoneRecord) -> dict:
    return {
        "id": record.pk,
        "unit": _ref(record.unit),
        "subject": record.subject,
        "reached_on": record.reached_on,
        "evidence_note": record.evidence_note,
        "recorded_by": record.recorded_by.get_username() if record.recorded_by else None,
        "recorded_at": record.recorded_at,
    }


def _viewpoint(request, target: Target, unit_id: int | None) -> Unit:
    if unit_id is None:
        unit = services.default_viewpoint(request.user, target)
    else:
        unit = services.viewpoints(request.user, target).filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


def _detail(request, target: Target, unit: Unit, on, limit: int = 100, offset: int = 0) -> dict:
    result = evaluation.evaluate(target, unit, on or timezone.localdate(), drill=True)
    out = _result_out(result)
    out["children"] = _rows(result, result.children, limit, offset)
    out["units_short"] = _rows(result, result.units_short, limit, offset)
    out["not_reported"] = _rows(result, result.not_reported, limit, offset)
    out["reports"] = None
    if result.reports is not None:
        page = result.reports[offset : offset + limit]
        found = RateReport.objects.select_related("unit", "reported_by").in_bulk([r["id"] for r in page])
        out["reports"] = {
            "count": len(result.reports),
            "items": [
                {
                    "unit": _ref(found[r["id"]].unit),
                    "actual": _number(found[r["id"]].rate),
                    "numerator": r["numerator"],
                    "denominator": r["denominator"],
                    "met": None,
                    "short": False,
                    "status": None,
                    "reported": True,
                    "period_label": r["period_label"],
                }
                for r in page
                if r["id"] in found
            ],
        }
    out["allowed_actions"] = services.allowed_actions(target, request.user)
    return out


def _scheme(request, scheme_id: int) -> ScorecardScheme:
    scheme = (
        services.visible_schemes(request.user)
        .select_related("issuing_unit", "unit_type")
        .filter(pk=scheme_id)
        .first()
    )
    if scheme is None:
        raise Http404
    return scheme


def _scheme_out(scheme: ScorecardScheme) -> dict:
    return {
        "id": scheme.pk,
        "name": scheme.name,
        "year": scheme.year,
        "issuing_unit": _ref(scheme.issuing_unit),
        "unit_type": {"id": scheme.unit_type.pk, "code": scheme.unit_type.code, "name": scheme.unit_type.name}
        if scheme.unit_type
        else None,
        "description": scheme.description,
        "items": [
            {
                "position": item.position,
                "source": item.source,
                "label": scorecards.label_of(item.source),
                "weight": float(item.weight),
                "scoring": item.scoring,
                "norm": float(item.norm) if item.norm is not None else None,
                "higher_is_better": item.higher_is_better,
            }
            for item in scheme.items.all()
        ],
    }


def _score_out(row) -> dict:
    return {
        "unit": _ref(row.unit),
        "rank": row.rank,
        "score": float(row.score),
        "items": [
            {
                "source": part.item.source,
                "label": part.label,
                "value": _number(part.value),
                "basis": _number(part.basis),
                "fraction": float(part.fraction),
                "weight": float(part.weight),
                "points": float(part.points),
                "note": part.note,
            }
            for part in row.items
        ],
    }


def _scheme_data(payload: dict) -> tuple[dict, list[dict] | None]:
    items = payload.pop("items", None)
    if items is not None:
        items = [dict(item) for item in items]
    return _ids_to_objects(payload), items


# --- scorecards (declared before /{target_id}) ------------------------------------------------------


@router.get("/scorecards", response=ScorecardOut, summary="Bảng điểm của một đơn vị")
def scorecard(request, params: Query[ScorecardParams]):
    """The breakdown of `unit`'s score in `scheme`: each item's value (the registry's, for the
    scheme's year), the best unit's value or the norm it is compared with, the fraction earned,
    the weight and the points; its rank among the units directly under the same unit."""
    scheme = _scheme(request, params.scheme)
    unit = _unit(request, params.unit)
    try:
        row, result = scorecards.scorecard(scheme, unit)
    except LookupError:
        raise Http404 from None
    return {
        "scheme": _scheme_out(scheme),
        "parent": _ref(result.parent),
        "max_score": float(result.max_score),
        "units_ranked": len(result.rows),
        "scorecard": _score_out(row),
    }


@router.get("/scorecards/ranking", response=RankingOut, summary="Xếp hạng các đơn vị theo bảng điểm")
def ranking(request, params: Query[RankingParams]):
    """The units directly under `parent` (default: the scheme's unit), best first; needs the
    right to see `parent` (the ranking shows every unit's figures)."""
    scheme = _scheme(request, params.scheme)
    parent = scheme.issuing_unit
    if params.parent is not None:
        parent = (
            visible_units(request.user, services.VIEW)
            .filter(pk=params.parent, path__startswith=scheme.issuing_unit.path)
            .first()
        )
        if parent is None:
            raise Http404
    if not can(request.user, services.VIEW, parent):
        raise PermissionDenied
    result = scorecards.ranking(scheme, parent)
    rows = result.rows[params.offset : params.offset + params.limit]
    return {
        "scheme": _scheme_out(scheme),
        "parent": _ref(parent),
        "max_score": float(result.max_score),
        "count": len(result.rows),
        "items": [_score_out(row) for row in rows],
    }


@router.get("/scorecards/schemes", response=Page[SchemeOut], summary="Danh sách bảng điểm thi đua")
def list_schemes(request, params: Query[PageParams]):
    qs = (
        services.visible_schemes(request.user)
        .select_related("issuing_unit", "unit_type")
        .prefetch_related("items")
        .order_by("-year", "name", "pk")
    )
    count, items = paginate(qs, params.limit, params.offset)
    return {"count": count, "items": [_scheme_out(scheme) for scheme in items]}


@router.post("/scorecards/schemes", response={201: SchemeOut}, summary="Lập bảng điểm thi đua")
def create_scheme(request, payload: SchemeIn):
    body = payload.dict()
    issuer = _unit(request, body.pop("issuing_unit"))
    data, items = _scheme_data(body)
    scheme = services.create_scheme(issuer, data, items, actor=request.user)
    return Reply(201, _scheme_out(_scheme(request, scheme.pk)))


@router.get("/scorecards/schemes/{scheme_id}", response=SchemeOut, summary="Một bảng điểm thi đua")
def get_scheme(request, scheme_id: int):
    return _scheme_out(_scheme(request, scheme_id))


@router.patch("/scorecards/schemes/{scheme_id}", response=SchemeOut, summary="Sửa bảng điểm thi đua")
def update_scheme(request, scheme_id: int, payload: SchemePatch):
    scheme = _scheme(request, scheme_id)
    body = payload.dict(exclude_unset=True)
    reason = body.pop("reason", "")
    data, items = _scheme_data(body)
    services.update_scheme(scheme, data, items, actor=request.user, reason=reason)
    return _scheme_out(_scheme(request, scheme_id))


@router.get("/scorecards/schemes/{scheme_id}/history", response=HistoryOut, summary="Lịch sử bảng điểm")
def scheme_history(request, scheme_id: int):
    return {"changes": history_entries(_scheme(request, scheme_id))}


# --- targets ----------------------------------------------------------------------------------------


@router.get("", response=Page[ResultOut], summary="Chỉ tiêu của một đơn vị: kết quả so với chỉ tiêu")
def list_targets(request, params: Query[ListParams]):
    """The targets that apply to `unit` (issued by it or a unit above it), each evaluated for the
    unit's subtree as of `on`: goal, actual, status and period; running targets first."""
    unit = _unit(request, params.unit)
    on = params.on or timezone.localdate()
    qs = applicable_targets(unit, on, year=params.year, kind=params.kind, withdrawn=params.withdrawn)
    if params.status:
        results = [r for r in evaluation.results(unit, on, targets=qs) if r.status == params.status]
        return {
            "count": len(results),
            "items": [_result_out(r) for r in results[params.offset : params.offset + params.limit]],
        }
    count, page = paginate(qs, params.limit, params.offset)
    return {"count": count, "items": [_result_out(r) for r in evaluation.results(unit, on, targets=page)]}


@router.post("", response={201: TargetOut}, summary="Đặt chỉ tiêu")
def create_target(request, payload: TargetIn):
    """Sets a target of the issuing unit (the standing agency's right there)."""
    body = payload.dict()
    issuer = _unit(request, body.pop("issuing_unit"))
    if body.get("end_year") is None:
        body["end_year"] = body["start_year"]
    target = services.create_target(issuer, _ids_to_objects(body), actor=request.user)
    return Reply(201, _target_out(_target(request, target.pk)))


@router.get("/{target_id}", response=ResultDetail, summary="Một chỉ tiêu, với các đơn vị chưa đạt")
def get_target(request, target_id: int, params: Query[DetailParams]):
    """The target seen from `unit` (its subtree), with the drill-down: the units directly under it
    (each with its value and whether it falls short), and for coverage the units of the type that
    fall short, for rates the reporting units below the goal, those that have not reported and the
    reports counted. `limit` and `offset` page each list."""
    target = _target(request, target_id)
    unit = _viewpoint(request, target, params.unit)
    return _detail(request, target, unit, params.on, params.limit, params.offset)


@router.patch("/{target_id}", response=TargetOut, summary="Sửa chỉ tiêu")
def update_target(request, target_id: int, payload: TargetPatch):
    target = _target(request, target_id)
    body = payload.dict(exclude_unset=True)
    reason = body.pop("reason", "")
    services.update_target(target, _ids_to_objects(body), actor=request.user, reason=reason)
    return _target_out(_target(request, target_id))


@router.post("/{target_id}/transitions", response=TargetOut, summary="Thu hồi hoặc khôi phục chỉ tiêu")
def transition(request, target_id: int, payload: TransitionIn):
    """`withdraw` (with the reason in `comment`: it no longer counts anywhere) or `restore`."""
    target = _target(request, target_id)
    services.transition(target, payload.action, actor=request.user, comment=payload.comment)
    return _target_out(_target(request, target_id))


@router.get("/{target_id}/history", response=HistoryOut, summary="Lịch sử của chỉ tiêu")
def history(request, target_id: int):
    """Who set, changed, withdrew or restored the target, when and why."""
    return {"changes": history_entries(_target(request, target_id))}


@router.get("/{target_id}/reports", response=Page[ReportOut], summary="Các báo cáo tỷ lệ")
def list_reports(request, target_id: int, params: Query[SubListParams]):
    """Every report of the units the caller may see in the subtree, every period, newest first."""
    target = _target(request, target_id)
    where = _viewpoint(request, target, params.unit)
    qs = (
        RateReport.objects.filter(
            target=target, unit__in=visible_units(request.user, services.VIEW).values("pk")
        )
        .filter(unit__path__startswith=where.path)
        .select_related("unit", "reported_by")
        .order_by("-period_end", "unit__name_sort", "pk")
    )
    count, items = paginate(qs, params.limit, params.offset)
    return {"count": count, "items": [_report_out(request, report) for report in items]}


@router.post("/{target_id}/reports", response={200: ReportOut, 201: ReportOut}, summary="Báo cáo tỷ lệ")
def report(request, target_id: int, payload: ReportIn):
    """A unit's share for a period (the unit's officers); a period already reported is corrected
    (200) rather than added (201). Attach the evidence with `POST …/reports/{id}/evidence`."""
    target = _target(request, target_id)
    body = payload.dict()
    unit = _unit(request, body.pop("unit"))
    saved, created = services.report_rate(target, unit, body, actor=request.user)
    saved = RateReport.objects.select_related("unit", "reported_by").get(pk=saved.pk)
    return Reply(201 if created else 200, _report_out(request, saved))


@router.post("/{target_id}/reports/{report_id}/evidence", response=ReportOut, summary="Tải lên minh chứng")
def report_evidence(request, target_id: int, report_id: int, file: File[UploadedFile]):
    """Multipart upload: a photo (JPEG, PNG, WebP), PDF, DOCX or XLSX of at most 10 MB, its type
    checked by content; it replaces the report's evidence (the history keeps the change)."""
    target = _target(request, target_id)
    found = RateReport.objects.select_related("unit").filter(pk=report_id, target=target).first()
    if found is None or not can(request.user, services.VIEW, found.unit):
        raise Http404
    saved = services.attach_evidence(found, file, actor=request.user)
    return _report_out(request, RateReport.objects.select_related("unit", "reported_by").get(pk=saved.pk))


@router.get("/{target_id}/milestones", response=Page[MilestoneOut], summary="Các đơn vị đã đạt chuẩn")
def list_milestones(request, target_id: int, params: Query[SubListParams]):
    """The records the target counts for `unit` (its subtree and the former units it succeeded)."""
    target = _target(request, target_id)
    where = _viewpoint(request, target, params.unit)
    qs = (
        evaluation.milestone_records(target, where, params.on or timezone.localdate())
        .select_related("unit", "recorded_by")
        .order_by("-reached_on", "pk")
    )
    count, items = paginate(qs, params.limit, params.offset)
    return {"count": count, "items": [_milestone_out(record) for record in items]}


@router.post("/{target_id}/milestones", response={201: MilestoneOut}, summary="Ghi nhận đơn vị đạt chuẩn")
def record_milestone(request, target_id: int, payload: MilestoneIn):
    target = _target(request, target_id)
    body = payload.dict()
    unit = Unit.objects.filter(pk=body.pop("unit")).first()
    if unit is None or not (
        can(request.user, services.VIEW, unit) or services.in_scope(unit, target.issuing_unit)
    ):
        raise _invalid("body", "unit", _("Unknown unit."))
    record = services.record_milestone(target, unit, body, actor=request.user)
    return Reply(
        201, _milestone_out(MilestoneRecord.objects.select_related("unit", "recorded_by").get(pk=record.pk))
    )


@router.delete("/{target_id}/milestones/{record_id}", response={204: None}, summary="Bỏ một ghi nhận")
def remove_milestone(request, target_id: int, record_id: int, params: Query[ReasonParams]):
    target = _target(request, target_id)
    record = (
        MilestoneRecord.objects.select_related("unit", "target").filter(pk=record_id, target=target).first()
    )
    if record is None:
        raise Http404
    services.remove_milestone(record, actor=request.user, reason=params.reason)
    return Reply(204, None)
