"""The HTTP API of training sessions under /api/v1/training.

Thin: reads go through `services.visible_sessions` (a session the caller may not see does not
exist for them: 404), every write calls one service function (which checks permissions: 403, and
refuses bad input or state changes: 400 with a Vietnamese `detail`). Invalid input is a 422 that
names the parameter.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema
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
from danvan.orgs.models import Campaign, Person
from danvan.training import queries, services
from danvan.training.models import (
    MAX_ATTENDANCE,
    AttendeeGroup,
    TrainingFormat,
    TrainingLevel,
    TrainingSession,
    TrainingTopic,
)
from danvan.training.workflow import EDITABLE, SessionStatus, action_label

router = Router(tags=["training"])


Id = Annotated[int, Param(ge=1, le=MAX_ID)]
Year = Annotated[int, Param(ge=2000, le=2100)]
Title = Annotated[str, Param(min_length=1, max_length=300), AfterValidator(_no_nul)]
Line = Annotated[str, Param(max_length=255), AfterValidator(_no_nul)]
Trainers = Annotated[str, Param(max_length=500), AfterValidator(_no_nul)]
Name = Annotated[str, Param(max_length=160), AfterValidator(_no_nul)]
Text = Annotated[str, Param(max_length=20000), AfterValidator(_no_nul)]
Count = Annotated[int, Param(ge=0, le=MAX_ATTENDANCE)]
Counts = dict[AttendeeGroup, Count]


# --- output -------------------------------------------------------------------------------------


class Ref(Schema):
    id: int
    name: str


class SessionOut(Schema):
    id: int
    title: str
    organizer: Ref
    level: TrainingLevel
    level_label: str
    topic: TrainingTopic
    topic_label: str
    held_on: date
    ends_on: date | None
    place: str
    trainers: str
    format: TrainingFormat
    format_label: str
    campaign: Ref | None
    status: SessionStatus
    status_label: str
    people_count: int = Param(description="people trained (see the user guide for the definition)")
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_level_label(obj) -> str:
        return obj.get_level_display()

    @staticmethod
    def resolve_topic_label(obj) -> str:
        return obj.get_topic_display()

    @staticmethod
    def resolve_format_label(obj) -> str:
        return obj.get_format_display()

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class CountOut(Schema):
    group: AttendeeGroup
    group_label: str
    count: int

    @staticmethod
    def resolve_group_label(obj) -> str:
        return obj.get_group_display()


class AttendeeOut(Schema):
    id: int
    person_id: int | None
    full_name: str
    position: str
    unit_name: str
    group: AttendeeGroup
    group_label: str

    @staticmethod
    def resolve_group_label(obj) -> str:
        return obj.get_group_display()


class MaterialOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    original_name: str
    size: int
    uploaded_by: str | None
    uploaded_at: datetime
    url: str = Param(description="the permission-checked download address")

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_uploaded_by(obj) -> str | None:
        return obj.uploaded_by.get_username() if obj.uploaded_by else None


class ActionOut(Schema):
    action: str
    label: str
    needs_comment: bool


class SessionDetail(SessionOut):
    content: str
    created_by: str | None
    counts: list[CountOut]
    attendees: list[AttendeeOut]
    materials: list[MaterialOut]
    can_edit: bool
    allowed_actions: list[ActionOut]

    @staticmethod
    def resolve_created_by(obj) -> str | None:
        return obj.created_by.get_username() if obj.created_by else None

    @staticmethod
    def resolve_counts(obj):
        return list(obj.counts.all())

    @staticmethod
    def resolve_attendees(obj):
        return list(obj.attendees.all())

    @staticmethod
    def resolve_materials(obj):
        return obj.materials_out


class EventOut(Schema):
    action: str
    action_label: str
    from_status: str
    to_status: str
    actor: str
    at: datetime
    comment: str


class HistoryOut(Schema):
    events: list[EventOut] = Param(description="planned, held, cancelled: who, when, why; oldest first")
    changes: list[HistoryEntry] = Param(description="every change of the session, newest first")


# --- input --------------------------------------------------------------------------------------


class SessionFilters(Schema):
    within: Id | None = Param(
        None, description="a unit id: that unit and its whole subtree, with the former units they succeeded"
    )
    year: Year | None = Param(None, description="the year of the session's date")
    topic: TrainingTopic | None = None
    level: TrainingLevel | None = None
    status: SessionStatus | None = None
    campaign: Id | None = None
    q: Annotated[str, Param(max_length=200), AfterValidator(_no_nul)] | None = Param(
        None, description="diacritics-insensitive search in the title"
    )


class ListParams(SessionFilters):
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


class SessionIn(Schema):
    organizer: Id
    title: Title
    topic: TrainingTopic
    held_on: date = Param(description="the day it is planned for, or was held on")
    ends_on: date | None = None
    place: Line = ""
    trainers: Trainers = ""
    format: TrainingFormat = TrainingFormat.IN_PERSON
    campaign: Id | None = None
    content: Text = ""
    counts: Counts = Param(
        default_factory=dict, description='people by group, e.g. {"party": 40, "village": 25}'
    )
    held: bool = Param(False, description="record at once that it was held (a session entered afterwards)")
    comment: Text = ""


class SessionPatch(Schema):
    """Only the fields sent change; `counts`, when sent, replaces every count."""

    # a non-optional type with a None default: omitted is fine, an explicit null is a 422
    title: Title = None
    topic: TrainingTopic = None
    held_on: date = None
    ends_on: date | None = None
    place: Line = None
    trainers: Trainers = None
    format: TrainingFormat = None
    campaign: Id | None = None
    content: Text = None
    counts: Counts = None
    reason: Text = Param("", description="why the session changes (kept in the history)")


class TransitionIn(Schema):
    action: Annotated[str, Param(pattern=r"^[a-z_]+$", max_length=30)]
    comment: Text = ""
    held_on: date | None = Param(None, description="for `hold`: the day it was actually held")


class AttendeeIn(Schema):
    person: Id | None = Param(None, description="a person known to the system (name, position, unit from it)")
    full_name: Name = ""
    position: Name = ""
    unit_name: Line = ""
    group: AttendeeGroup | None = Param(None, description="default: from the person's unit")


# --- helpers ------------------------------------------------------------------------------------


def _visible(request, session_id: int) -> TrainingSession:
    session = (
        services.visible_sessions(request.user)
        .select_related("organizer__unit_type", "organizer__area", "campaign", "created_by")
        .filter(pk=session_id)
        .first()
    )
    if session is None:
        raise Http404
    return session


def _detail(request, session: TrainingSession) -> TrainingSession:
    user = request.user
    session.can_edit = session.status in EDITABLE and can(user, services.CHANGE, session)
    session.allowed_actions = [
        {"action": t.action, "label": str(t.label), "needs_comment": t.needs_comment}
        for t in services.allowed_transitions(session, user)
    ]
    session.materials_out = [
        _material_out(request, m) for m in session.materials.select_related("uploaded_by")
    ]
    return session


def _material_out(request, material):
    material.url = request.build_absolute_uri(reverse("training:material", args=[material.pk]))
    return material


def _session_data(payload: dict) -> dict:
    """Ids of a create/patch body turned into objects; an unknown one is a 422."""
    data = dict(payload)
    if data.get("campaign") is not None:
        campaign = Campaign.objects.filter(pk=data["campaign"]).first()
        if campaign is None:
            raise _invalid("body", "campaign", _("Unknown campaign."))
        data["campaign"] = campaign
    return data


def _counts(raw: dict | None) -> dict | None:
    return None if raw is None else {str(group): number for group, number in raw.items()}


# --- sessions -----------------------------------------------------------------------------------


@router.get("", response=Page[SessionOut], summary="Danh sách hội nghị, lớp tập huấn")
def list_sessions(request, params: Query[ListParams]):
    """Sessions of the units the caller may see (their subtrees and the former units those
    succeeded), newest first; `q` ranks the best title matches first."""
    within = None
    if params.within is not None:
        within = visible_units(request.user).filter(pk=params.within).first()
        if within is None:
            raise Http404
    qs = queries.filter_sessions(
        request.user,
        within,
        q=params.q or "",
        year=params.year,
        topic=params.topic,
        level=params.level,
        status=params.status,
        campaign_id=params.campaign,
    ).select_related("organizer", "campaign")
    count, items = paginate(qs, params.limit, params.offset)
    return {"count": count, "items": items}


@router.post("", response={201: SessionDetail}, summary="Lập kế hoạch hoặc ghi nhận hội nghị tập huấn")
def create_session(request, payload: SessionIn):
    """Plans a session of the organizing unit (or records it as held with `held`); needs the right
    to change training in that unit."""
    organizer = visible_units(request.user).filter(pk=payload.organizer).first()
    if organizer is None:
        raise Http404
    body = payload.dict()
    held, comment, counts = body.pop("held"), body.pop("comment"), body.pop("counts")
    body.pop("organizer")
    session = services.create_session(
        organizer, _session_data(body), actor=request.user, counts=_counts(counts), held=held, comment=comment
    )
    return Reply(201, _detail(request, _visible(request, session.pk)))


@router.get("/{session_id}", response=SessionDetail, summary="Chi tiết hội nghị tập huấn")
def get_session(request, session_id: int):
    return _detail(request, _visible(request, session_id))


@router.patch("/{session_id}", response=SessionDetail, summary="Sửa thông tin hội nghị tập huấn")
def update_session(request, session_id: int, payload: SessionPatch):
    session = _visible(request, session_id)
    body = payload.dict(exclude_unset=True)
    reason = body.pop("reason", "")
    counts = _counts(body.pop("counts", None))
    services.update_session(session, _session_data(body), actor=request.user, counts=counts, reason=reason)
    return _detail(request, _visible(request, session_id))


@router.post("/{session_id}/transitions", response=SessionDetail, summary="Chuyển trạng thái")
def transition(request, session_id: int, payload: TransitionIn):
    """`hold` (marks it held; optional `held_on`) or `cancel` (with a `comment`: the reason)."""
    session = _visible(request, session_id)
    services.transition(
        session, payload.action, actor=request.user, comment=payload.comment, held_on=payload.held_on
    )
    return _detail(request, _visible(request, session_id))


@router.get("/{session_id}/history", response=HistoryOut, summary="Lịch sử của hội nghị tập huấn")
def history(request, session_id: int):
    """Who planned, held or cancelled it (and why), and every change of its details."""
    session = _visible(request, session_id)
    events = [
        {
            "action": event.action,
            "action_label": action_label(event.action),
            "from_status": event.from_status,
            "to_status": event.to_status,
            "actor": event.actor.get_username(),
            "at": event.at,
            "comment": event.comment,
        }
        for event in session.events.select_related("actor")
    ]
    return {"events": events, "changes": history_entries(session)}


# --- attendees and materials ----------------------------------------------------------------------


@router.post("/{session_id}/attendees", response={201: AttendeeOut}, summary="Thêm người tham dự")
def add_attendee(request, session_id: int, payload: AttendeeIn):
    session = _visible(request, session_id)
    data = payload.dict()
    if data["person"] is not None:
        person = Person.objects.select_related("unit__unit_type").filter(pk=data["person"]).first()
        if person is None or not can(request.user, "person.view", person):
            raise _invalid("body", "person", _("Unknown person."))
        data["person"] = person
    attendee = services.add_attendee(session, data, actor=request.user)
    return Reply(201, attendee)


@router.delete("/{session_id}/attendees/{attendee_id}", response={204: None}, summary="Bỏ người tham dự")
def remove_attendee(request, session_id: int, attendee_id: int):
    session = _visible(request, session_id)
    attendee = session.attendees.filter(pk=attendee_id).first()
    if attendee is None:
        raise Http404
    services.remove_attendee(attendee, actor=request.user)
    return Reply(204, None)


@router.post("/{session_id}/materials", response={201: MaterialOut}, summary="Tải lên tài liệu")
def upload_material(request, session_id: int, file: File[UploadedFile], title: Form[str] = ""):
    """Multipart upload: PDF, DOCX, XLSX, PPTX or a photo (JPEG, PNG, WebP) of at most 10 MB, its
    type checked by content; `title` defaults to the file name."""
    session = _visible(request, session_id)
    if "\x00" in title or len(title) > 255:
        raise _invalid("form", "title", _("The title is too long or contains invalid characters."))
    material = services.add_material(session, file, actor=request.user, title=title)
    return Reply(201, _material_out(request, material))


@router.delete("/{session_id}/materials/{material_id}", response={204: None}, summary="Bỏ tài liệu")
def remove_material(request, session_id: int, material_id: int):
    session = _visible(request, session_id)
    material = session.materials.filter(pk=material_id).first()
    if material is None:
        raise Http404
    services.remove_material(material, actor=request.user)
    return Reply(204, None)
