"""The HTTP API of periodic reports under /api/v1/reports.

Thin: reads go through `services.visible_*` (a report, period or regime the caller may not see
does not exist for them: 404); every write calls one service function, which checks permissions
(403) and refuses bad input or a state change with a Vietnamese `detail` (400, the project's
answer to a `ServiceError`). Invalid parameters are a 422 naming them.

* `GET /reports` (filters `within`, `type`, `period`, `year`, `status`, `late`, `summary`),
  `GET`, `PATCH /reports/{id}`, `POST /reports/{id}/transitions`, `GET /reports/{id}/history`,
  `POST /reports/{id}/corrections`, `DELETE /reports/{id}/corrections/{key}`,
  `GET /reports/{id}/export?format=docx|xlsx|pdf`;
* `GET /reports/periods`, `GET /reports/periods/{id}`, `GET /reports/rates`;
* `GET`, `POST /reports/regimes`, `GET`, `PATCH /reports/regimes/{id}`,
  `POST /reports/regimes/{id}/periods`.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Annotated, Literal

from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.responses import Status as Reply
from pydantic import AfterValidator
from pydantic import Field as Param

from danvan.core.api import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, Page, paginate
from danvan.core.api import invalid as _invalid
from danvan.core.api import no_nul as _no_nul
from danvan.core.history import history_entries
from danvan.core.lazy import lazy_module
from danvan.core.periods import ReportType
from danvan.core.permissions import can, visible_units
from danvan.documents import media
from danvan.orgs.api import HistoryEntry
from danvan.orgs.models import UnitType
from danvan.reports import figures, services
from danvan.reports.export_views import file_response
from danvan.reports.models import Correction, Period, Regime, Report
from danvan.reports.workflow import ReportStatus, action_label

documents = lazy_module("danvan.reports.documents")  # builds documents: loaded by the first request that does

router = Router(tags=["Báo cáo định kỳ"])


Id = Annotated[int, Param(ge=1, le=MAX_ID)]
Year = Annotated[int, Param(ge=2000, le=2100)]
Line = Annotated[str, Param(max_length=255), AfterValidator(_no_nul)]
Text = Annotated[str, Param(max_length=services.MAX_TEXT), AfterValidator(_no_nul)]
Comment = Annotated[str, Param(max_length=5000), AfterValidator(_no_nul)]
Reason = Annotated[str, Param(max_length=2000), AfterValidator(_no_nul)]
Key = Annotated[str, Param(min_length=1, max_length=200, pattern=r"^[a-z0-9_.]+(/[a-z_]+/[-\w]+)?$")]
TypeCode = Annotated[str, Param(min_length=1, max_length=50, pattern=r"^[a-z_]+$")]
Number = int | float
FORMATS = tuple(media.REPORT_FORMATS)


# --- output -------------------------------------------------------------------------------------


class Ref(Schema):
    id: int
    name: str


class TypeRef(Schema):
    id: int
    code: str
    name: str


class RegimeRef(Schema):
    id: int
    name: str
    issuing_unit: Ref = Param(description="the unit that asks for the reports and reviews them")


class PeriodRef(Schema):
    id: int
    label: str = Param(description="e.g. “Quý IV năm 2026”")
    report_type: ReportType
    year: int
    number: int = Param(description="the quarter, month or sequence number in the year")
    start: dt.date = Param(description="data from this day…")
    end: dt.date = Param(description="…to this day (both included): the cut-off")
    due_on: dt.date


class ReportOut(Schema):
    id: int
    unit: Ref
    period: PeriodRef
    regime: RegimeRef
    is_summary: bool = Param(description="the asking unit's own report, rolling up its reporters'")
    status: ReportStatus
    status_label: str
    symbol: str = Param(description="“15-BC/ĐU”; empty while the report has no number")
    number: int | None
    issuer_code: str
    dated_on: dt.date | None
    due_on: dt.date
    late: bool = Param(description="submitted after the due date, or not yet submitted and past it")
    first_submitted_on: dt.date | None
    submitted_at: dt.datetime | None
    accepted_at: dt.datetime | None
    status_changed_at: dt.datetime
    updated_at: dt.datetime


class FigureOut(Schema):
    key: str = Param(description="the metric code (GET /api/v1/metrics); what a correction names")
    label: str
    section: str = Param(description="models, training, funding")
    section_label: str
    measure: str = Param(description="count, people, vnd")
    value: Number = Param(description="the figure the report gives (corrected when `reason` is set)")
    computed: Number | None = Param(None, description="the computed figure, when corrected")
    reason: str | None = Param(None, description="why it was corrected")


class BreakdownRowOut(Schema):
    key: str = Param(description="“initiatives.registered/field/3”: code, dimension, group")
    label: str
    value: Number
    computed: Number | None = None
    reason: str | None = None


class BreakdownOut(Schema):
    key: str
    code: str
    dimension: str
    title: str
    rows: list[BreakdownRowOut]


class TargetRowOut(Schema):
    title: str
    goal: str
    actual: str
    status: str = Param(description="met, on_track, at_risk, missed, or empty")
    status_label: str


class RollupRowOut(Schema):
    report: int
    unit: str
    status: ReportStatus
    status_label: str
    submitted_on: dt.date | None
    due_on: dt.date
    late: bool
    values: dict[str, Number | None] = Param(description="the figures of its frozen report, by metric code")


class RollupOut(Schema):
    codes: list[str]
    labels: dict[str, str]
    rows: list[RollupRowOut]
    expected: int
    accepted: int
    missing: list[str] = Param(description="units that have not submitted")
    totals: dict[str, Number] = Param(description="the sums over the accepted reports")


class AppendixOut(Schema):
    name: str = Param(description="registered, recognized, commended")
    title: str
    headers: list[str]
    total: int = Param(description="rows there were (a snapshot keeps at most 10 000)")
    rows: list[list[str | int | float | None]]


class WindowOut(Schema):
    start: dt.date
    end: dt.date


class DataOut(Schema):
    frozen: bool = Param(description="true: the snapshot frozen on submission; false: live figures")
    computed_at: dt.datetime | None
    window: WindowOut
    figures: list[FigureOut]
    breakdowns: list[BreakdownOut]
    targets: list[TargetRowOut]
    rollup: RollupOut | None = Param(description="the reports of the units under this one; null if none")
    appendices: list[AppendixOut]


class CorrectionOut(Schema):
    key: str
    label: str
    computed: Number
    value: Number
    reason: str
    created_by: str | None
    created_at: dt.datetime


class DifferenceOut(Schema):
    key: str
    label: str
    frozen: Number = Param(description="the computed value the report froze")
    live: Number = Param(description="the value computed from the data now")


class ActionOut(Schema):
    action: str
    label: str
    needs_comment: bool


class ReportDetail(ReportOut):
    superior_heading: str
    issuer_heading: str
    signer_authority: str
    signer_position: str
    signer_name: str
    recipients: str
    results: str
    typical_models: str
    shortcomings: str
    causes: str
    lessons: str
    directions: str
    proposals: str
    snapshot_at: dt.datetime | None
    can_edit: bool = Param(description="the caller may write the report and correct its figures now")
    allowed_actions: list[ActionOut]
    data: DataOut
    corrections: list[CorrectionOut]
    changes_since_frozen: list[DifferenceOut] = Param(
        description="figures whose live value now differs from what the submitted report froze"
    )
    documents: dict[str, str] = Param(description="download addresses by format: docx, xlsx, pdf")


class EventOut(Schema):
    action: str
    action_label: str
    from_status: str
    to_status: str
    actor: str | None
    at: dt.datetime
    comment: str


class HistoryOut(Schema):
    events: list[EventOut] = Param(
        description="opened, submitted, returned, accepted, corrected: oldest first"
    )
    changes: list[HistoryEntry] = Param(description="every change of the report's text, newest first")


class RatesOut(Schema):
    expected: int = Param(description="reports expected (the reporters, not the summary)")
    submitted: int = Param(description="submitted at least once")
    on_time: int
    late: int = Param(description="submitted after the due date")
    missing: int = Param(description="never submitted")
    overdue: int = Param(description="missing and past the due date")
    accepted: int
    returned: int
    submitted_rate: float | None = Param(description="per cent of expected")
    on_time_rate: float | None = Param(description="per cent of expected")


class PeriodOut(PeriodRef):
    regime: RegimeRef
    opened_at: dt.datetime
    rates: RatesOut | None = Param(description="null when the caller may not see the asking unit")


class PeriodReportOut(Schema):
    id: int
    unit: Ref
    is_summary: bool
    status: ReportStatus
    status_label: str
    first_submitted_on: dt.date | None
    late: bool


class PeriodDetail(PeriodOut):
    reports: list[PeriodReportOut] = Param(description="the reports of the period the caller may see")


class RateRowOut(RatesOut):
    period: PeriodRef
    regime: RegimeRef


class RegimeOut(Schema):
    id: int
    name: str
    basis: str
    issuing_unit: Ref
    report_type: ReportType
    report_type_label: str
    cutoff_day: int | None = Param(description="data up to this day of the month; null: calendar periods")
    due_working_days: int | None
    due_day_of_month: int | None
    reporter_types: list[TypeRef]
    active: bool
    created_at: dt.datetime
    can_manage: bool


# --- input --------------------------------------------------------------------------------------


class ReportFilters(Schema):
    within: Id | None = Param(None, description="a unit id: the reports of that unit and its whole subtree")
    type: ReportType | None = Param(None, description="the report type of the period")
    period: Id | None = None
    year: Year | None = Param(None, description="the year of the period")
    status: ReportStatus | None = None
    late: bool | None = Param(None, description="true: late reports only; false: those on time")
    summary: bool | None = Param(None, description="true: the asking units' summary reports only")


class ListParams(ReportFilters):
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


class ReportPatch(Schema):
    """Only the fields sent change; `null` or "" empties a field."""

    number: Annotated[int, Param(ge=1, le=99999)] | None = None
    issuer_code: Annotated[str, Param(max_length=30), AfterValidator(_no_nul)] | None = None
    dated_on: dt.date | None = None
    superior_heading: Line | None = None
    issuer_heading: Line | None = None
    signer_authority: Annotated[str, Param(max_length=120), AfterValidator(_no_nul)] | None = None
    signer_position: Annotated[str, Param(max_length=160), AfterValidator(_no_nul)] | None = None
    signer_name: Annotated[str, Param(max_length=160), AfterValidator(_no_nul)] | None = None
    recipients: Annotated[str, Param(max_length=3000), AfterValidator(_no_nul)] | None = Param(
        None, description="one per line"
    )
    results: Text | None = None
    typical_models: Text | None = None
    shortcomings: Text | None = None
    causes: Text | None = None
    lessons: Text | None = None
    directions: Text | None = None
    proposals: Text | None = None
    reason: Reason = Param("", description="why the report changes (kept in the history)")


class CorrectionIn(Schema):
    key: Key = Param(description="a figure's key (`data.figures[].key`) or a breakdown cell's")
    value: Annotated[Decimal, Param(ge=0, lt=Decimal("1e17"), max_digits=19, decimal_places=2)]
    reason: Reason = Param(description="shown beside the figure in the report")


class ReasonParams(Schema):
    reason: Reason = ""


class TransitionIn(Schema):
    action: Annotated[str, Param(pattern=r"^[a-z_]+$", max_length=30)] = Param(
        description="submit, return, accept (a reporter's report), issue (the summary report)"
    )
    comment: Comment = ""


class ExportParams(Schema):
    format: Literal["docx", "xlsx", "pdf"] = "docx"


class PeriodFilters(Schema):
    within: Id | None = Param(None, description="periods of the regimes of that unit and its subtree")
    regime: Id | None = None
    type: ReportType | None = None
    year: Year | None = None
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


class RegimeFilters(Schema):
    within: Id | None = Param(None, description="regimes of that unit and its subtree")
    type: ReportType | None = None
    active: bool | None = None
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


ReporterTypes = Annotated[
    list[Id | TypeCode],
    Param(
        min_length=1, max_length=50, description="unit types that report: ids or codes (“party_committee”)"
    ),
]


class RegimeIn(Schema):
    issuing_unit: Id
    name: Annotated[str, Param(min_length=1, max_length=255), AfterValidator(_no_nul)]
    basis: Line = Param("", description="the plan or letter that asks for the reports")
    report_type: ReportType
    cutoff_day: Annotated[int, Param(ge=1, le=28)] | None = Param(
        None, description="14 under NĐ 09/2019; null for calendar periods"
    )
    due_working_days: Annotated[int, Param(ge=0, le=60)] | None = Param(
        None, description="due this many working days after the cut-off (default 2)"
    )
    due_day_of_month: Annotated[int, Param(ge=1, le=28)] | None = Param(
        None, description="or due on this day of the month after the cut-off"
    )
    reporter_types: ReporterTypes


class RegimePatch(Schema):
    """Only the fields sent change; periods already opened keep their windows and due dates."""

    name: Annotated[str, Param(min_length=1, max_length=255), AfterValidator(_no_nul)] = None
    basis: Line = None
    report_type: ReportType = None
    cutoff_day: Annotated[int, Param(ge=1, le=28)] | None = None
    due_working_days: Annotated[int, Param(ge=0, le=60)] | None = None
    due_day_of_month: Annotated[int, Param(ge=1, le=28)] | None = None
    reporter_types: ReporterTypes = None
    active: bool = None
    reason: Reason = Param("", description="required: why the regime changes")


class PeriodIn(Schema):
    year: Year | None = Param(None, description="periodic regimes: the year…")
    number: Annotated[int, Param(ge=1, le=12)] | None = Param(None, description="…and the quarter or month")
    start: dt.date | None = Param(None, description="reviews and ad hoc reports: the first day of data…")
    end: dt.date | None = Param(None, description="…the last day of data…")
    label: Line = Param("", description="…and the name of the period, e.g. “Sơ kết 3 năm 2023”")
    due_on: dt.date | None = Param(None, description="default: from the regime's due rule")
    reason: Reason = ""


# --- helpers ------------------------------------------------------------------------------------


def _ref(unit) -> dict:
    return {"id": unit.pk, "name": unit.name}


def _regime_ref(regime: Regime) -> dict:
    return {"id": regime.pk, "name": regime.name, "issuing_unit": _ref(regime.issuing_unit)}


def _period_ref(period: Period) -> dict:
    return {
        "id": period.pk,
        "label": period.label,
        "report_type": period.report_type,
        "year": period.year,
        "number": period.number,
        "start": period.start,
        "end": period.end,
        "due_on": period.due_on,
    }


def _late(report: Report, today: dt.date) -> bool:
    if report.first_submitted_on is not None:
        return report.first_submitted_on > report.period.due_on
    return today > report.period.due_on


def _report_out(report: Report, today: dt.date) -> dict:
    period = report.period
    return {
        "id": report.pk,
        "unit": _ref(report.unit),
        "period": _period_ref(period),
        "regime": _regime_ref(period.regime),
        "is_summary": report.is_summary,
        "status": report.status,
        "status_label": report.get_status_display(),
        "symbol": report.symbol,
        "number": report.number,
        "issuer_code": report.issuer_code,
        "dated_on": report.dated_on,
        "due_on": period.due_on,
        "late": _late(report, today),
        "first_submitted_on": report.first_submitted_on,
        "submitted_at": report.submitted_at,
        "accepted_at": report.accepted_at,
        "status_changed_at": report.status_changed_at,
        "updated_at": report.updated_at,
    }


def _reports(user):
    return services.visible_reports(user).select_related(
        "unit__unit_type", "unit__area", "period__regime__issuing_unit"
    )


def _report(request, report_id: int) -> Report:
    report = _reports(request.user).filter(pk=report_id).first()
    if report is None:
        raise Http404
    return report


def _data_out(report: Report, data: dict) -> dict:
    appendices = data.get("appendices") or {}
    return {
        "frozen": bool(report.is_frozen and report.snapshot),
        "computed_at": data.get("computed_at"),
        "window": data["window"],
        "figures": [
            {**item, "section_label": figures.SECTIONS.get(item["section"], item["section"])}
            for item in data.get("figures", [])
        ],
        "breakdowns": data.get("breakdowns", []),
        "targets": data.get("targets", []),
        "rollup": data.get("rollup"),
        "appendices": [
            {
                "name": name,
                "title": title,
                "headers": headers,
                "total": appendices.get(name, {}).get("total", 0),
                "rows": appendices.get(name, {}).get("rows", []),
            }
            for name, (title, headers) in figures.APPENDIX_HEADERS.items()
        ],
    }


def _correction_out(correction: Correction, labels: dict) -> dict:
    return {
        "key": correction.key,
        "label": labels.get(correction.key, {}).get("label", correction.key),
        "computed": figures.plain(correction.computed),
        "value": figures.plain(correction.value),
        "reason": correction.reason,
        "created_by": correction.created_by.get_username() if correction.created_by else None,
        "created_at": correction.created_at,
    }


def _detail(request, report: Report) -> dict:
    user = request.user
    today = timezone.localdate()
    data = services.report_data(report, today=today)
    labels = figures.figure_keys(data)
    export = request.build_absolute_uri(reverse("api:report_export", args=[report.pk]))
    out = _report_out(report, today)
    out.update(
        {name: getattr(report, name) for name in services.EDITABLE_FIELDS if name not in out},
    )
    out.update(
        {
            "snapshot_at": report.snapshot_at,
            "can_edit": services.can_prepare(report, user),
            "allowed_actions": [
                {"action": t.action, "label": str(t.label), "needs_comment": t.needs_comment}
                for t in services.allowed_transitions(report, user)
            ],
            "data": _data_out(report, data),
            "corrections": [
                _correction_out(c, labels) for c in report.corrections.select_related("created_by")
            ],
            "changes_since_frozen": services.changes_since_frozen(report),
            "documents": {fmt: f"{export}?format={fmt}" for fmt in FORMATS},
        }
    )
    return out


def _within(request, unit_id: int | None):
    if unit_id is None:
        return None
    unit = visible_units(request.user).filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


def _rates_for(user, periods: list[Period]) -> dict[int, dict | None]:
    """{period id: rates} for the periods whose asking unit the caller may see (others: None)."""
    return services.rates_seen_by(user, periods)


def _period_out(period: Period, rates: dict | None) -> dict:
    return {
        **_period_ref(period),
        "regime": _regime_ref(period.regime),
        "opened_at": period.opened_at,
        "rates": rates,
    }


def _periods(user):
    return services.visible_periods(user).select_related("regime__issuing_unit")


def _regimes(user):
    return services.visible_regimes(user).select_related("issuing_unit").prefetch_related("reporter_types")


def _regime(request, regime_id: int) -> Regime:
    regime = _regimes(request.user).filter(pk=regime_id).first()
    if regime is None:
        raise Http404
    return regime


def _regime_out(request, regime: Regime) -> dict:
    return {
        "id": regime.pk,
        "name": regime.name,
        "basis": regime.basis,
        "issuing_unit": _ref(regime.issuing_unit),
        "report_type": regime.report_type,
        "report_type_label": regime.get_report_type_display(),
        "cutoff_day": regime.cutoff_day,
        "due_working_days": regime.due_working_days,
        "due_day_of_month": regime.due_day_of_month,
        "reporter_types": [
            {"id": t.pk, "code": t.code, "name": t.name}
            for t in sorted(regime.reporter_types.all(), key=lambda t: (t.sort_order, t.pk))
        ],
        "active": regime.active,
        "created_at": regime.created_at,
        "can_manage": can(request.user, services.MANAGE, regime.issuing_unit),
    }


def _unit_types(values: list) -> list[UnitType]:
    """Ids or codes of unit types; an unknown one is a 422."""
    ids = [v for v in values if isinstance(v, int)]
    codes = [v for v in values if isinstance(v, str)]
    found = list(UnitType.objects.filter(Q(pk__in=ids) | Q(code__in=codes)))
    known = {t.pk for t in found} | {t.code for t in found}
    unknown = [str(v) for v in values if v not in known]
    if unknown:
        raise _invalid("body", "reporter_types", _("Unknown type of unit.") + f" ({', '.join(unknown)})")
    return found


# --- periods, rates and regimes (declared before /{report_id}) -----------------------------------------


def _filtered_periods(request, qs, params):
    """Periods narrowed by the filters the period list and the rates share."""
    within = _within(request, params.within)
    if within is not None:
        qs = qs.filter(regime__issuing_unit__path__startswith=within.path)
    if params.regime is not None:
        qs = qs.filter(regime_id=params.regime)
    if params.type is not None:
        qs = qs.filter(report_type=params.type)
    if params.year is not None:
        qs = qs.filter(year=params.year)
    return qs


@router.get("/periods", response=Page[PeriodOut], summary="Danh sách kỳ báo cáo")
def list_periods(request, params: Query[PeriodFilters]):
    """Periods of the regimes whose asking unit the caller may see, or in which a unit of theirs
    reports; latest cut-off first, each with its reporting rates (when the caller may see the
    asking unit)."""
    qs = _filtered_periods(request, _periods(request.user), params)
    count, items = paginate(qs.order_by("-end", "regime_id", "pk"), params.limit, params.offset)
    rates = _rates_for(request.user, items)
    return {"count": count, "items": [_period_out(p, rates[p.pk]) for p in items]}


@router.get("/periods/{period_id}", response=PeriodDetail, summary="Một kỳ báo cáo và các báo cáo của kỳ")
def get_period(request, period_id: int):
    """The period with its rates and the reports of it the caller may see (the summary report
    first, then the reporters by name)."""
    period = _periods(request.user).filter(pk=period_id).first()
    if period is None:
        raise Http404
    today = timezone.localdate()
    reports = (
        services.visible_reports(request.user)
        .filter(period=period)
        .select_related("unit", "period")
        .order_by("-is_summary", "unit__name_sort", "pk")
    )
    out = _period_out(period, _rates_for(request.user, [period])[period.pk])
    out["reports"] = [
        {
            "id": r.pk,
            "unit": _ref(r.unit),
            "is_summary": r.is_summary,
            "status": r.status,
            "status_label": r.get_status_display(),
            "first_submitted_on": r.first_submitted_on,
            "late": _late(r, today),
        }
        for r in reports
    ]
    return out


@router.get("/rates", response=Page[RateRowOut], summary="Tỷ lệ báo cáo theo kỳ")
def reporting_rates(request, params: Query[PeriodFilters]):
    """For each period of the regimes the caller may see (of `within`'s subtree): reports
    expected, submitted, on time, late, missing, overdue, accepted, returned, and the shares
    submitted and on time in per cent; latest cut-off first."""
    qs = Period.objects.filter(regime__in=services.visible_regimes(request.user).values("pk")).select_related(
        "regime__issuing_unit"
    )
    qs = _filtered_periods(request, qs, params)
    count, items = paginate(qs.order_by("-end", "regime_id", "pk"), params.limit, params.offset)
    rates = _rates_for(request.user, items)
    return {
        "count": count,
        "items": [
            {**(rates[p.pk] or {}), "period": _period_ref(p), "regime": _regime_ref(p.regime)} for p in items
        ],
    }


@router.get("/regimes", response=Page[RegimeOut], summary="Danh sách chế độ báo cáo")
def list_regimes(request, params: Query[RegimeFilters]):
    """Regimes of the units the caller may see: what each asks, of whom, with which cut-off and
    due rule."""
    qs = _regimes(request.user)
    within = _within(request, params.within)
    if within is not None:
        qs = qs.filter(issuing_unit__path__startswith=within.path)
    if params.type is not None:
        qs = qs.filter(report_type=params.type)
    if params.active is not None:
        qs = qs.filter(active=params.active)
    count, items = paginate(
        qs.order_by("issuing_unit__path", "report_type", "name", "pk"), params.limit, params.offset
    )
    return {"count": count, "items": [_regime_out(request, r) for r in items]}


@router.post("/regimes", response={201: RegimeOut}, summary="Đặt chế độ báo cáo")
def create_regime(request, payload: RegimeIn):
    """A regime of the asking unit (its standing agency's right): the report type, the cut-off
    day (14 under NĐ 09/2019, or none for calendar periods), one due rule, and the unit types that
    report (the units of those types in the asking unit's subtree)."""
    body = payload.dict()
    issuer = _within(request, body.pop("issuing_unit"))
    body["reporter_types"] = _unit_types(body["reporter_types"])
    regime = services.create_regime(issuer, body, actor=request.user)
    return Reply(201, _regime_out(request, _regime(request, regime.pk)))


@router.get("/regimes/{regime_id}", response=RegimeOut, summary="Một chế độ báo cáo")
def get_regime(request, regime_id: int):
    return _regime_out(request, _regime(request, regime_id))


@router.patch("/regimes/{regime_id}", response=RegimeOut, summary="Sửa chế độ báo cáo")
def update_regime(request, regime_id: int, payload: RegimePatch):
    """Changes what is sent, with a required `reason`; `active: false` ends the regime. The
    report type cannot change once a period has been opened."""
    regime = _regime(request, regime_id)
    body = payload.dict(exclude_unset=True)
    reason = body.pop("reason", "")
    if "reporter_types" in body:
        body["reporter_types"] = _unit_types(body["reporter_types"])
    services.update_regime(regime, body, actor=request.user, reason=reason)
    return _regime_out(request, _regime(request, regime_id))


@router.post("/regimes/{regime_id}/periods", response={201: PeriodOut}, summary="Mở kỳ báo cáo")
def open_period(request, regime_id: int, payload: PeriodIn):
    """Opens one period and creates the reports it expects: a draft for each unit that reports
    (in force at the cut-off) and the asking unit's summary report. Periodic regimes take `year`
    and `number` (the quarter or month); reviews and ad hoc reports `start`, `end` and `label`."""
    regime = _regime(request, regime_id)
    period = services.open_period(regime, actor=request.user, **payload.dict())
    period = Period.objects.select_related("regime__issuing_unit").get(pk=period.pk)
    return Reply(201, _period_out(period, _rates_for(request.user, [period])[period.pk]))


# --- reports ----------------------------------------------------------------------------------------


@router.get("", response=Page[ReportOut], summary="Danh sách báo cáo định kỳ")
def list_reports(request, params: Query[ListParams]):
    """Reports of the units the caller may see (their subtrees and the former units they
    succeeded); latest period first, the summary report before the reporters, then by unit name."""
    today = timezone.localdate()
    qs = _reports(request.user)
    within = _within(request, params.within)
    if within is not None:
        qs = qs.filter(unit__path__startswith=within.path)
    if params.type is not None:
        qs = qs.filter(period__report_type=params.type)
    if params.period is not None:
        qs = qs.filter(period_id=params.period)
    if params.year is not None:
        qs = qs.filter(period__year=params.year)
    if params.status is not None:
        qs = qs.filter(status=params.status)
    if params.late is not None:
        qs = qs.filter(services.late_q(today)) if params.late else qs.exclude(services.late_q(today))
    if params.summary is not None:
        qs = qs.filter(is_summary=params.summary)
    qs = qs.order_by("-period__end", "period_id", "-is_summary", "unit__name_sort", "pk")
    count, items = paginate(qs, params.limit, params.offset)
    return {"count": count, "items": [_report_out(r, today) for r in items]}


@router.get("/{report_id}", response=ReportDetail, summary="Chi tiết báo cáo định kỳ")
def get_report(request, report_id: int):
    """The report with what it says: the figures (the snapshot frozen on submission, or live
    figures while it is a draft or returned), breakdowns, targets, the roll-up of the units
    under it, the appendices, the narrative, the corrections and, once frozen, the figures whose
    live value has changed since."""
    return _detail(request, _report(request, report_id))


@router.patch("/{report_id}", response=ReportDetail, summary="Viết báo cáo: số, ký hiệu, người ký, nội dung")
def update_report(request, report_id: int, payload: ReportPatch):
    """The header (number, issuer abbreviation, date, headings), signature, recipients and the
    narrative sections, while the report is a draft or returned; `reason` is recorded."""
    report = _report(request, report_id)
    body = payload.dict(exclude_unset=True)
    reason = body.pop("reason", "")
    services.update_report(report, body, actor=request.user, reason=reason)
    return _detail(request, _report(request, report_id))


@router.post(
    "/{report_id}/corrections",
    response={200: CorrectionOut, 201: CorrectionOut},
    summary="Điều chỉnh một số liệu",
)
def correct(request, report_id: int, payload: CorrectionIn):
    """Corrects a computed figure (or a breakdown cell) with a written reason shown beside it in
    the report: `201`, or `200` when it replaces an earlier correction of the same figure."""
    report = _report(request, report_id)
    existed = report.corrections.filter(key=payload.key).exists()
    correction = services.correct(
        report, payload.key, payload.value, actor=request.user, reason=payload.reason
    )
    correction = Correction.objects.select_related("created_by").get(pk=correction.pk)
    labels = figures.figure_keys(services.report_data(_report(request, report_id)))
    return Reply(200 if existed else 201, _correction_out(correction, labels))


@router.delete(
    "/{report_id}/corrections/{path:key}",
    response={204: None},
    summary="Bỏ điều chỉnh một số liệu",
    openapi_extra={
        "requestBody": {
            "required": False,
            "content": {"application/json": {"schema": {"properties": {"reason": {"type": "string"}}}}},
        }
    },
)
def remove_correction(request, report_id: int, key: str, params: Query[ReasonParams]):
    """The figure goes back to its computed value; the `reason` (required) comes in the query
    string or a JSON body."""
    report = _report(request, report_id)
    reason = params.reason or _body_reason(request)
    services.remove_correction(report, key, actor=request.user, reason=reason)
    return Reply(204, None)


def _body_reason(request) -> str:
    if not request.body:
        return ""
    try:
        body = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        raise _invalid("body", "reason", _("The request is not valid.")) from None
    reason = body.get("reason", "") if isinstance(body, dict) else ""
    if not isinstance(reason, str) or len(reason) > 2000 or "\x00" in reason:
        raise _invalid("body", "reason", _("The request is not valid."))
    return reason


@router.post("/{report_id}/transitions", response=ReportDetail, summary="Gửi, trả lại, tiếp nhận báo cáo")
def transition(request, report_id: int, payload: TransitionIn):
    """`submit` (the reporting unit: freezes the figures; needs the results written), `return`
    (the asking unit, with the reasons in `comment`), `accept` (the asking unit: final), `issue`
    (the asking unit's own summary report)."""
    report = _report(request, report_id)
    services.transition(report, payload.action, actor=request.user, comment=payload.comment)
    return _detail(request, _report(request, report_id))


@router.get("/{report_id}/history", response=HistoryOut, summary="Lịch sử của báo cáo")
def history(request, report_id: int):
    """Who opened, wrote, corrected, submitted, returned or accepted the report, when and why."""
    report = _report(request, report_id)
    events = [
        {
            "action": event.action,
            "action_label": action_label(event.action),
            "from_status": event.from_status,
            "to_status": event.to_status,
            "actor": event.actor.get_username() if event.actor else None,
            "at": event.at,
            "comment": event.comment,
        }
        for event in report.events.select_related("actor")
    ]
    return {"events": events, "changes": history_entries(report)}


@router.get(
    "/{report_id}/export",
    url_name="report_export",
    summary="Tải báo cáo (DOCX, XLSX, PDF)",
    openapi_extra={
        "responses": {
            200: {
                "description": "OK",
                "content": {
                    media_type: {"schema": {"type": "string", "format": "binary"}}
                    for media_type in media.REPORT_FORMATS.values()
                },
            },
            503: {"description": "PDF: LibreOffice is not installed on the server"},
        }
    },
)
def export(request, report_id: int, params: Query[ExportParams]):
    """`docx`: the report in the Party document format; `xlsx`: its appendices (the figures, the
    lists of models and commendations, the roll-up); `pdf`: the DOCX printed by LibreOffice. A
    submitted or accepted report prints the figures it froze."""
    report = _report(request, report_id)
    return file_response(report, params.format, api=True)
