"""The HTTP API of the movement's funding under /api/v1/funding.

Thin: reads go through `services.visible_*` and `queries` (what the caller may not see does not
exist for them: 404), every write calls one service function (which checks permissions: 403, and
refuses bad input: 400 with a Vietnamese `detail`). Invalid parameters are a 422 naming them.
Totals come from the metrics `funding.*` (GET /api/v1/funding/summary).

Who may write: `funding.change` (unit officers, standing agencies, administrators) records a unit's
spending; `funding.allocate` (standing agencies, administrators) records the money units are given.
Nothing is deleted: `POST …/{id}/transitions` with `{"action": "void", "comment": "why"}` voids a
row, and a change (`PATCH`) needs a `reason`; `GET …/{id}/history` lists who did what, when, why.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.responses import Status as Reply
from pydantic import AfterValidator
from pydantic import Field as Param

from danvan.core.api import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, Page, paginate
from danvan.core.api import invalid as _invalid
from danvan.core.api import no_nul as _no_nul
from danvan.core.history import history_entries
from danvan.core.permissions import can, visible_units
from danvan.funding import queries, services
from danvan.funding.models import Allocation, Expenditure, Purpose, Source
from danvan.initiatives.models import Initiative
from danvan.orgs.api import HistoryEntry
from danvan.orgs.models import Unit

router = Router(tags=["funding"])

MAX_MONEY = 999_999_999_999_999  # 15 digits, as the columns


Id = Annotated[int, Param(ge=1, le=MAX_ID)]
Year = Annotated[int, Param(ge=2000, le=2100)]
Money = Annotated[int, Param(ge=0, le=MAX_MONEY, description="whole đồng")]
PositiveMoney = Annotated[int, Param(ge=1, le=MAX_MONEY, description="whole đồng")]
Line = Annotated[str, Param(max_length=255), AfterValidator(_no_nul)]
Text = Annotated[str, Param(max_length=2000), AfterValidator(_no_nul)]
Voucher = Annotated[str, Param(max_length=120), AfterValidator(_no_nul)]
Status = Annotated[str, Param(pattern=r"^(in_force|void)$", description="`in_force` or `void`")]


# --- output ------------------------------------------------------------------------------------


class Ref(Schema):
    id: int
    name: str


class ActionOut(Schema):
    action: str
    label: str
    needs_comment: bool


class VoidOut(Schema):
    is_void: bool
    voided_at: dt.datetime | None
    void_reason: str


class AllocationOut(VoidOut):
    id: int
    unit: Ref
    year: int
    source: Source
    source_label: str
    amount: int = Param(description="whole đồng")
    charged: int = Param(description="spending (not voided) charged to it")
    remaining: int = Param(description="amount − charged")
    decision_reference: str
    note: str
    created_at: dt.datetime

    @staticmethod
    def resolve_source_label(obj) -> str:
        return obj.get_source_display()


class ExpenditureOut(VoidOut):
    id: int
    unit: Ref
    date: dt.date
    amount: int = Param(description="whole đồng")
    purpose: Purpose
    purpose_label: str
    initiative: Ref | None = Param(description="the model or exemplar supported")
    allocation_id: int | None = Param(description="the allocation it is charged to")
    description: str
    voucher_reference: str
    created_at: dt.datetime

    @staticmethod
    def resolve_purpose_label(obj) -> str:
        return obj.get_purpose_display()


class AllocationDetail(AllocationOut):
    allowed_actions: list[ActionOut]


class ExpenditureDetail(ExpenditureOut):
    allowed_actions: list[ActionOut]


class SourceTotal(Schema):
    source: Source
    label: str
    allocated: int


class PurposeTotal(Schema):
    purpose: Purpose
    label: str
    spent: int


class ChildTotal(Schema):
    unit: Ref
    own: bool = Param(description="the unit's own money, not a subordinate's")
    allocated: int
    spent: int
    balance: int


class SummaryOut(Schema):
    unit: Ref
    year: int
    allocated: int = Param(description="metric funding.allocated")
    spent: int = Param(description="metric funding.spent")
    balance: int
    model_support: int = Param(description="metric funding.model_support")
    models_supported: int = Param(description="metric funding.models_supported")
    by_source: list[SourceTotal]
    by_purpose: list[PurposeTotal]
    children: list[ChildTotal]


class ModelSupportOut(Schema):
    initiative: Ref
    owner_unit: Ref
    amount: int
    count: int = Param(description="how many expenditures")
    last_date: dt.date


# --- input -------------------------------------------------------------------------------------


class ListParams(Schema):
    within: Id | None = Param(None, description="a unit id: that unit and its whole subtree")
    year: Year | None = None
    status: Status | None = None
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


class AllocationFilters(ListParams):
    source: Source | None = None


class ExpenditureFilters(ListParams):
    purpose: Purpose | None = None
    initiative: Id | None = Param(None, description="spending linked to this model or exemplar")
    allocation: Id | None = Param(None, description="spending charged to this allocation")
    q: Annotated[str, Param(max_length=200), AfterValidator(_no_nul)] | None = Param(
        None, description="words of the description, the voucher or the model's name"
    )


class AllocationIn(Schema):
    unit: Id
    year: Year
    source: Source = Source.STATE_BUDGET
    amount: Money
    decision_reference: Line = ""
    note: Text = ""


class AllocationPatch(Schema):
    year: Year = None
    source: Source = None
    amount: Money = None
    decision_reference: Line = None
    note: Text = None
    reason: Text = Param("", description="why it changes (required; kept in the history)")


class ExpenditureIn(Schema):
    unit: Id
    date: dt.date
    amount: PositiveMoney
    purpose: Purpose
    initiative: Id | None = Param(None, description="required for `model_support`")
    allocation: Id | None = Param(None, description="an allocation of the same unit and year")
    description: Text
    voucher_reference: Voucher = ""


class ExpenditurePatch(Schema):
    date: dt.date = None
    amount: PositiveMoney = None
    purpose: Purpose = None
    initiative: Id | None = None
    allocation: Id | None = None
    description: Text = None
    voucher_reference: Voucher = None
    reason: Text = Param("", description="why it changes (required; kept in the history)")


class TransitionIn(Schema):
    action: Annotated[str, Param(pattern=r"^[a-z_]+$", max_length=30)] = Param(description="`void`")
    comment: Text = Param("", description="why (required)")


class SummaryParams(Schema):
    unit: Id
    year: Year


class ModelParams(Schema):
    within: Id
    year: Year | None = None
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


# --- helpers -----------------------------------------------------------------------------------


def _visible_unit(request, unit_id: int) -> Unit:
    unit = visible_units(request.user, services.VIEW).filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


def _actions(allowed: bool) -> list[dict]:
    return [{"action": "void", "label": str(_("Void")), "needs_comment": True}] if allowed else []


def _allocation(request, allocation_id: int) -> Allocation:
    allocation = (
        queries.with_charged(services.visible_allocations(request.user))
        .select_related(*queries.ALLOCATION_RELATED)
        .filter(pk=allocation_id)
        .first()
    )
    if allocation is None:
        raise Http404
    allocation.allowed_actions = _actions(
        not allocation.is_void and can(request.user, services.ALLOCATE, allocation)
    )
    return allocation


def _expenditure(request, expenditure_id: int) -> Expenditure:
    expenditure = (
        services.visible_expenditures(request.user)
        .select_related(*queries.EXPENDITURE_RELATED)
        .filter(pk=expenditure_id)
        .first()
    )
    if expenditure is None:
        raise Http404
    expenditure.allowed_actions = _actions(
        not expenditure.is_void and can(request.user, services.CHANGE, expenditure)
    )
    return expenditure


def _links(body: dict) -> dict:
    """Turn the ids of a spending body into objects; unknown ones are a 422."""
    for key, model in (("initiative", Initiative), ("allocation", Allocation)):
        if body.get(key) is not None:
            found = model.objects.select_related(*(["owner_unit"] if model is Initiative else [])).filter(
                pk=body[key]
            )
            body[key] = found.first()
            if body[key] is None:
                raise _invalid("body", key, _("Unknown value."))
    return body


def _void(payload: TransitionIn, call) -> None:
    if payload.action != "void":
        raise _invalid("body", "action", _("Unknown action."))
    call(payload.comment)


# --- allocations -------------------------------------------------------------------------------


@router.get("/allocations", response=Page[AllocationOut], summary="Danh sách kinh phí được giao")
def list_allocations(request, params: Query[AllocationFilters]):
    """Allocations of the units the caller may see (of `within`'s subtree), newest year first."""
    within = _visible_unit(request, params.within) if params.within is not None else None
    qs = queries.filter_allocations(
        request.user, within, year=params.year, source=params.source, status=params.status
    ).select_related(*queries.ALLOCATION_RELATED)
    count, items = paginate(qs, params.limit, params.offset)
    return {"count": count, "items": items}


@router.post("/allocations", response={201: AllocationDetail}, summary="Ghi kinh phí được giao")
def create_allocation(request, payload: AllocationIn):
    unit = _visible_unit(request, payload.unit)
    data = payload.dict()
    data.pop("unit")
    allocation = services.create_allocation(unit, data, actor=request.user)
    return Reply(201, _allocation(request, allocation.pk))


@router.get("/allocations/{allocation_id}", response=AllocationDetail, summary="Chi tiết kinh phí được giao")
def get_allocation(request, allocation_id: Id):
    return _allocation(request, allocation_id)


@router.patch("/allocations/{allocation_id}", response=AllocationDetail, summary="Sửa kinh phí được giao")
def update_allocation(request, allocation_id: Id, payload: AllocationPatch):
    allocation = _allocation(request, allocation_id)
    body = payload.dict(exclude_unset=True)
    reason = body.pop("reason", "")
    services.update_allocation(allocation, body, actor=request.user, reason=reason)
    return _allocation(request, allocation_id)


@router.post(
    "/allocations/{allocation_id}/transitions", response=AllocationDetail, summary="Hủy kinh phí được giao"
)
def allocation_transition(request, allocation_id: Id, payload: TransitionIn):
    """`void` with a `comment` (the reason); refused while spending is charged to it."""
    allocation = _allocation(request, allocation_id)
    _void(payload, lambda reason: services.void_allocation(allocation, actor=request.user, reason=reason))
    return _allocation(request, allocation_id)


@router.get(
    "/allocations/{allocation_id}/history", response=list[HistoryEntry], summary="Lịch sử kinh phí được giao"
)
def allocation_history(request, allocation_id: Id):
    return history_entries(_allocation(request, allocation_id))


# --- spending ----------------------------------------------------------------------------------


@router.get("/expenditures", response=Page[ExpenditureOut], summary="Danh sách các khoản chi")
def list_expenditures(request, params: Query[ExpenditureFilters]):
    """Spending of the units the caller may see (of `within`'s subtree), and support other levels
    gave to models the caller may see; newest first."""
    within = _visible_unit(request, params.within) if params.within is not None else None
    qs = queries.filter_expenditures(
        request.user,
        within,
        year=params.year,
        purpose=params.purpose,
        initiative=params.initiative,
        allocation=params.allocation,
        q=params.q or "",
        status=params.status,
    ).select_related(*queries.EXPENDITURE_RELATED)
    count, items = paginate(qs, params.limit, params.offset)
    return {"count": count, "items": items}


@router.post("/expenditures", response={201: ExpenditureDetail}, summary="Ghi một khoản chi")
def create_expenditure(request, payload: ExpenditureIn):
    """Support to a model: `purpose` `model_support` with the `initiative` (of the unit's subtree)."""
    unit = _visible_unit(request, payload.unit)
    data = _links(payload.dict())
    data.pop("unit")
    expenditure = services.create_expenditure(unit, data, actor=request.user)
    return Reply(201, _expenditure(request, expenditure.pk))


@router.get("/expenditures/{expenditure_id}", response=ExpenditureDetail, summary="Chi tiết khoản chi")
def get_expenditure(request, expenditure_id: Id):
    return _expenditure(request, expenditure_id)


@router.patch("/expenditures/{expenditure_id}", response=ExpenditureDetail, summary="Sửa khoản chi")
def update_expenditure(request, expenditure_id: Id, payload: ExpenditurePatch):
    expenditure = _expenditure(request, expenditure_id)
    body = _links(payload.dict(exclude_unset=True))
    reason = body.pop("reason", "")
    services.update_expenditure(expenditure, body, actor=request.user, reason=reason)
    return _expenditure(request, expenditure_id)


@router.post(
    "/expenditures/{expenditure_id}/transitions", response=ExpenditureDetail, summary="Hủy khoản chi"
)
def expenditure_transition(request, expenditure_id: Id, payload: TransitionIn):
    """`void` with a `comment` (the reason): the row stays, and counts nowhere."""
    expenditure = _expenditure(request, expenditure_id)
    _void(payload, lambda reason: services.void_expenditure(expenditure, actor=request.user, reason=reason))
    return _expenditure(request, expenditure_id)


@router.get(
    "/expenditures/{expenditure_id}/history", response=list[HistoryEntry], summary="Lịch sử khoản chi"
)
def expenditure_history(request, expenditure_id: Id):
    return history_entries(_expenditure(request, expenditure_id))


# --- totals ------------------------------------------------------------------------------------


@router.get("/summary", response=SummaryOut, summary="Kinh phí được giao và đã chi của một đơn vị trong năm")
def summary(request, params: Query[SummaryParams]):
    """The unit's subtree in `year`: allocated, spent and the balance; by source (allocated) and
    by purpose (spent); and the same for the unit itself (`own`) and each subordinate unit."""
    unit = _visible_unit(request, params.unit)
    data = queries.summary(request.user, unit, params.year)
    data["children"] = [
        {
            "unit": row.unit,
            "own": row.own,
            "allocated": row.allocated,
            "spent": row.spent,
            "balance": row.balance,
        }
        for row in data["children"]
    ]
    return data


@router.get("/models", response=Page[ModelSupportOut], summary="Hỗ trợ kinh phí cho mô hình, điển hình")
def supported_models(request, params: Query[ModelParams]):
    """Models and exemplars `within`'s subtree supported (in `year`), most supported first."""
    unit = _visible_unit(request, params.within)
    rows = queries.supported_models(unit, params.year)
    count, items = paginate(rows, params.limit, params.offset)
    return {
        "count": count,
        "items": [
            {
                "initiative": row["model"],
                "owner_unit": row["model"].owner_unit,
                "amount": row["amount"],
                "count": row["count"],
                "last_date": row["last"],
            }
            for row in queries.attach_initiatives(items)
        ],
    }
