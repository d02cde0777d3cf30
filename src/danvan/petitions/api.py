"""The officers' HTTP API of petitions under /api/v1/petitions.

Thin: reads go through `services.visible_petitions` (a petition the caller may not see does not
exist for them: 404); every write calls one service function, which checks permissions (403) and
refuses bad input or a state change with a Vietnamese `detail` (400). Invalid parameters are a
422 naming them.

A denunciation's petitioners are never in an answer of this API — not in the list, not in the
detail — whoever asks: `petitioners` is null and `petitioner_summary` says it is confidential
(the identity is read on the page, where each showing is recorded). Other kinds carry their
petitioners in the detail for the officers who may see the petition.

* `GET /petitions` (filters `within`, `kind`, `status`, `overdue`, `q`), `POST /petitions`;
* `GET /petitions/{id}` (with `due_on`, the deadline explained, the allowed actions, the log),
  `POST /petitions/{id}/transitions`;
* `GET /petitions/{id}/history`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.http import Http404
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.responses import Status as Reply
from pydantic import AfterValidator
from pydantic import Field as Param

from danvan.core.api import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, Page, paginate
from danvan.core.api import invalid as _invalid
from danvan.core.api import no_nul as _no_nul
from danvan.core.history import history_entries
from danvan.core.permissions import can, visible_units
from danvan.core.text import fold
from danvan.geo.models import Area
from danvan.orgs.api import HistoryEntry
from danvan.orgs.models import Unit
from danvan.petitions import deadlines, services
from danvan.petitions.deadlines import Kind, Step
from danvan.petitions.models import Channel, Petition, RefusalGround, Topic
from danvan.petitions.workflow import ACTIONS, OPEN, PUBLIC, PetitionStatus

router = Router(tags=["Đơn thư"])


Id = Annotated[int, Param(ge=1, le=MAX_ID)]
Line = Annotated[str, Param(max_length=255), AfterValidator(_no_nul)]
Text = Annotated[str, Param(max_length=5000), AfterValidator(_no_nul)]
Content = Annotated[str, Param(max_length=20000), AfterValidator(_no_nul)]
OfficerAction = Literal[tuple(a.action for a in ACTIONS.values() if a.permission != PUBLIC)]  # type: ignore[valid-type]


class Ref(Schema):
    id: int
    name: str


class PersonIn(Schema):
    name: Annotated[str, Param(max_length=120), AfterValidator(_no_nul)]
    phone: Annotated[str, Param(max_length=20), AfterValidator(_no_nul)] = ""
    id_number: Annotated[str, Param(max_length=20), AfterValidator(_no_nul)] = ""
    email: Annotated[str, Param(max_length=254), AfterValidator(_no_nul)] = ""
    address: Line = ""


class PetitionIn(Schema):
    kind: Kind
    topic: Topic = Topic.OTHER
    subject: Line
    content: Content
    area: Id = Param(description="the commune or ward (or province) the petition is about")
    location: Line = ""
    channel: Channel = Channel.DIRECT
    received_on: dt.date | None = Param(None, description="default today")
    forwarded_by: Line = ""
    unit: Id | None = Param(None, description="the competent unit; routed when omitted")
    reception_session: Id | None = None
    petitioners: list[PersonIn] = Param(..., min_length=1, max_length=services.MAX_PETITIONERS)
    is_complex: bool = False
    is_remote: bool = False
    is_backlog: bool = False
    is_protracted: bool = False
    confirm_duplicate: bool = Param(
        False, description="record it although the same person has a similar one open"
    )


class TransitionIn(Schema):
    action: OfficerAction
    comment: Text = Param("", description="internal: never shown to the citizen")
    reply: Text = Param("", description="what the citizen reads on the tracking page")
    handler: Id | None = Param(None, description="assign: the user who handles it")
    unit: Id | None = Param(None, description="transfer, appeal: the competent unit")
    forwarded_to: Line = Param("", description="forward: the body outside the system")
    ground: RefusalGround | None = Param(None, description="refuse: the legal ground")
    resolution_number: Annotated[str, Param(max_length=60), AfterValidator(_no_nul)] = ""
    resolution_date: dt.date | None = None
    kind: Kind | None = Param(None, description="classify: a new kind (before acceptance)")
    topic: Topic | None = None
    is_complex: bool | None = None
    is_remote: bool | None = None
    is_mass: bool | None = None
    is_backlog: bool | None = None
    is_protracted: bool | None = None
    late_accepted: bool = False


class DeadlineOut(Schema):
    step: Step
    step_label: str
    started_on: dt.date
    due_on: dt.date
    days: int
    working_days: bool
    rule_set: str
    rule_set_verified: bool
    basis: str
    explanation: str


class PetitionOut(Schema):
    id: int
    code: str = Param(description="the citizen's tracking code")
    kind: Kind
    kind_label: str
    topic: Topic
    subject: str
    status: PetitionStatus
    status_label: str
    instance: int
    unit: Ref = Param(description="the competent unit")
    area: Ref
    channel: Channel
    received_on: dt.date
    step: str
    due_on: dt.date | None = Param(description="the due date of the current step (null when finished)")
    overdue: bool
    petitioner_count: int
    petitioner_summary: str = Param(description="never a denouncer's name")
    handler: Ref | None
    flags: list[str]
    resolved_on: dt.date | None
    resolved_on_time: bool | None


class EventOut(Schema):
    action: str
    from_status: str
    to_status: str
    at: dt.datetime
    actor: str | None
    by_citizen: bool
    comment: str
    reply: str
    due_on: dt.date | None


class ActionOut(Schema):
    action: str
    label: str
    needs_comment: bool
    needs_reply: bool


class PersonOut(Schema):
    name: str
    phone: str = ""
    id_number: str = ""
    email: str = ""
    address: str = ""


class PetitionDetail(PetitionOut):
    content: str
    location: str
    forwarded_by: str
    forwarded_to: str
    refusal_ground: str
    resolution_number: str
    resolution_date: dt.date | None
    accepted_on: dt.date | None
    reply: str
    satisfied: bool | None
    feedback: str
    extensions: int
    deadline: DeadlineOut | None
    petitioners: list[PersonOut] | None = Param(description="null for a denunciation (confidential)")
    allowed_actions: list[ActionOut]
    events: list[EventOut]
    duplicate_of: str | None


class ListParams(Schema):
    within: Id | None = Param(None, description="a unit: petitions of it and its subtree")
    kind: Kind | None = None
    status: PetitionStatus | Literal["open"] | None = None
    overdue: bool | None = None
    q: Annotated[str, Param(max_length=100), AfterValidator(_no_nul)] | None = None
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


class HistoryOut(Schema):
    count: int
    items: list[HistoryEntry]


def _ref(obj) -> dict | None:
    if obj is None:
        return None
    name = getattr(obj, "name", None)
    if name is None:
        name = obj.get_full_name() or obj.get_username()
    return {"id": obj.pk, "name": name}


def _out(p: Petition, today: dt.date) -> dict:
    return {
        "id": p.pk,
        "code": p.code,
        "kind": p.kind,
        "kind_label": p.get_kind_display(),
        "topic": p.topic,
        "subject": p.subject,
        "status": p.status,
        "status_label": p.get_status_display(),
        "instance": p.instance_no,
        "unit": _ref(p.unit),
        "area": _ref(p.area),
        "channel": p.channel,
        "received_on": p.received_on,
        "step": p.step,
        "due_on": p.due_on if p.is_open else None,
        "overdue": p.is_overdue(today),
        "petitioner_count": p.petitioner_count,
        "petitioner_summary": services.petitioner_summary(p),
        "handler": _ref(p.handler),
        "flags": p.flags,
        "resolved_on": p.resolved_on,
        "resolved_on_time": p.resolved_on_time,
    }


def _detail(request, p: Petition) -> dict:
    today = timezone.localdate()
    found = services.current_deadline(p) if p.is_open else None
    deadline = None
    if found is not None:
        deadline = {
            "step": found.step,
            "step_label": str(Step(found.step).label),
            "started_on": found.start,
            "due_on": found.due_on,
            "days": found.days,
            "working_days": found.working,
            "rule_set": found.rule_set.code,
            "rule_set_verified": found.rule_set.verified,
            "basis": found.rule.basis,
            "explanation": deadlines.describe(found),
        }
    people = None
    if not p.is_denunciation and services.can_see_identity(request.user, p):
        people = list(p.petitioners or [])
    events = p.events.select_related("actor").order_by("at", "pk")
    return {
        **_out(p, today),
        "content": p.content,
        "location": p.location,
        "forwarded_by": p.forwarded_by,
        "forwarded_to": p.forwarded_to,
        "refusal_ground": p.refusal_ground,
        "resolution_number": p.resolution_number,
        "resolution_date": p.resolution_date,
        "accepted_on": p.accepted_on,
        "reply": p.reply,
        "satisfied": p.satisfied,
        "feedback": p.feedback,
        "extensions": p.extensions,
        "deadline": deadline,
        "petitioners": people,
        "allowed_actions": [
            {
                "action": a.action,
                "label": str(a.label),
                "needs_comment": a.needs_comment,
                "needs_reply": a.needs_reply,
            }
            for a in services.allowed_actions(p, request.user)
        ],
        "events": [
            {
                "action": e.action,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "at": e.at,
                "actor": (e.actor.get_full_name() or e.actor.get_username()) if e.actor else None,
                "by_citizen": e.by_citizen,
                "comment": e.comment,
                "reply": e.reply,
                "due_on": e.due_on,
            }
            for e in events
        ],
        "duplicate_of": p.duplicate_of.code if p.duplicate_of_id else None,
    }


def _petition(request, petition_id: int) -> Petition:
    petition = (
        services.visible_petitions(request.user)
        .select_related("unit", "area", "handler", "duplicate_of")
        .filter(pk=petition_id)
        .first()
    )
    if petition is None:
        raise Http404
    return petition


@router.get("", response=Page[PetitionOut], summary="Danh sách đơn thư")
def list_petitions(request, params: Query[ListParams]):
    """Petitions of the units the caller may see, the latest received first."""
    today = timezone.localdate()
    qs = services.visible_petitions(request.user)
    if params.within is not None:
        unit = visible_units(request.user, "petitions.view").filter(pk=params.within).first()
        if unit is None:
            raise Http404
        qs = qs.filter(unit__path__startswith=unit.path)
    if params.kind is not None:
        qs = qs.filter(kind=params.kind)
    if params.status == "open":
        qs = qs.filter(status__in=OPEN)
    elif params.status is not None:
        qs = qs.filter(status=params.status)
    if params.overdue is not None:
        qs = qs.overdue(today) if params.overdue else qs.exclude(pk__in=qs.overdue(today).values("pk"))
    if params.q:
        qs = qs.filter(search__contains=fold(params.q))
    qs = qs.select_related("unit", "area", "handler").order_by("-received_on", "-pk")
    count, items = paginate(qs, params.limit, params.offset)
    return {"count": count, "items": [_out(p, today) for p in items]}


@router.post("", response={201: PetitionDetail}, summary="Ghi nhận đơn thư tiếp nhận")
def create_petition(request, payload: PetitionIn):
    """Record a petition received by an officer (at a reception session, handed in, by post, or
    forwarded). Its processing step starts on `received_on` with its legal due date."""
    area = Area.objects.filter(pk=payload.area).first()
    if area is None:
        raise _invalid("body", "area", "unknown area")
    unit = None
    if payload.unit is not None:
        unit = Unit.objects.filter(pk=payload.unit).first()
        if unit is None:
            raise _invalid("body", "unit", "unknown unit")
    data = payload.dict(exclude={"confirm_duplicate"})
    data["area"] = area
    data["unit"] = unit
    data["petitioners"] = [person.dict() for person in payload.petitioners]
    if payload.reception_session is None:
        data.pop("reception_session")
    petition = services.record_petition(data, actor=request.user, confirm_duplicate=payload.confirm_duplicate)
    return Reply(201, _detail(request, _petition(request, petition.pk)))


@router.get("/{petition_id}", response=PetitionDetail, summary="Chi tiết đơn thư")
def get_petition(request, petition_id: int):
    """The petition with its current step and due date, the actions the caller may take, and its
    log (internal comments included: this is the officers' API)."""
    return _detail(request, _petition(request, petition_id))


@router.post("/{petition_id}/transitions", response=PetitionDetail, summary="Xử lý đơn thư")
def transition(request, petition_id: int, payload: TransitionIn):
    """`assign`, `note`, `classify`, `accept`, `answer`, `refuse`, `transfer`, `forward`, `extend`,
    `resolve`, `appeal`, `close` — see the workflow: what each needs is in `comment`, `reply` and
    the field named after it."""
    petition = _petition(request, petition_id)
    data = {}
    for name in (
        "handler",
        "unit",
        "forwarded_to",
        "ground",
        "resolution_number",
        "resolution_date",
        "late_accepted",
    ):
        value = getattr(payload, name)
        if value not in (None, ""):
            data[name] = value
    if payload.action == "classify":
        for name in ("kind", "topic", "is_complex", "is_remote", "is_mass", "is_backlog", "is_protracted"):
            value = getattr(payload, name)
            if value is not None:
                data[name] = value
    if "unit" in data:
        unit = Unit.objects.filter(pk=data["unit"]).first()
        if unit is None:
            raise _invalid("body", "unit", "unknown unit")
        data["unit"] = unit
    services.transition(
        petition, payload.action, actor=request.user, comment=payload.comment, reply=payload.reply, data=data
    )
    return _detail(request, _petition(request, petition_id))


@router.get("/{petition_id}/history", response=HistoryOut, summary="Lịch sử thay đổi của đơn thư")
def history(request, petition_id: int):
    petition = _petition(request, petition_id)
    if not can(request.user, services.VIEW, petition):
        raise Http404
    entries = history_entries(petition)
    return {"count": len(entries), "items": entries}
