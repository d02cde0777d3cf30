"""The HTTP API of citizen reception and dialogues under /api/v1/reception.

Thin: reads go through `services.visible_*` (what the caller may not see does not exist for them:
404), every write calls one service function, which checks permissions (403) and refuses bad input
or a state change with a Vietnamese `detail` (400). Invalid parameters are a 422 naming them.

* `GET`, `POST /schedules`, `GET /schedules/{id}`;
* `GET`, `POST /sessions`, `GET /sessions/{id}`, `POST /sessions/{id}/transitions`;
* `GET /compliance?within=&period=`;
* `GET`, `POST /dialogues`, `GET /dialogues/{id}`, `POST /dialogues/{id}/issues`,
  `POST /dialogues/{id}/commitments`, `POST /commitments/{id}/follow-ups`;
* `GET /communes-without-dialogue?within=&year=`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.responses import Status as Reply
from pydantic import AfterValidator
from pydantic import Field as Param

from danvan.core.api import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, Page, paginate
from danvan.core.api import invalid as _invalid
from danvan.core.api import no_nul as _no_nul
from danvan.core.periods import PeriodError
from danvan.core.permissions import can, visible_units
from danvan.orgs.models import Person, Unit
from danvan.reception import compliance, services
from danvan.reception.models import (
    MAX_CITIZENS,
    AdHocReason,
    Commitment,
    Dialogue,
    DialogueIssue,
    Presider,
    ReceptionSchedule,
    ReceptionSession,
    SessionKind,
)
from danvan.reception.rules import Frequency, HeadPosition
from danvan.reception.views import _session_petitions
from danvan.reception.workflow import (
    MANAGE,
    CommitmentStatus,
    SessionStatus,
    commitment_action_label,
    session_action_label,
)

router = Router(tags=["Tiếp công dân, đối thoại"])


Id = Annotated[int, Param(ge=1, le=MAX_ID)]
Year = Annotated[int, Param(ge=2000, le=2100)]
Line = Annotated[str, Param(max_length=255), AfterValidator(_no_nul)]
Name = Annotated[str, Param(max_length=160), AfterValidator(_no_nul)]
Long = Annotated[str, Param(max_length=300), AfterValidator(_no_nul)]
Text = Annotated[str, Param(max_length=services.MAX_TEXT), AfterValidator(_no_nul)]
Count = Annotated[int, Param(ge=0, le=MAX_CITIZENS)]
Weekday = Annotated[int, Param(ge=0, le=6)]
WeekOfMonth = Annotated[int, Param(ge=1, le=4)]
DayOfMonth = Annotated[int, Param(ge=1, le=31)]


# --- output -------------------------------------------------------------------------------------


class Ref(Schema):
    id: int
    name: str


class ScheduleOut(Schema):
    id: int
    unit: Ref
    position: HeadPosition
    position_label: str
    person: Ref | None = Param(description="the head, when a person of the unit")
    head: str = Param(description="the head's name")
    head_title: str
    minimum_days: int = Param(description="reception days per `per`: the legal minimum or more")
    per: Frequency
    minimum: str = Param(description="e.g. “1 ngày/tuần”")
    legal_minimum_days: int
    legal_basis: str = Param(description="the law or rule that sets the minimum")
    weekdays: list[int] = Param(description="0 = Monday … 6 = Sunday")
    weeks_of_month: list[int] = Param(description="empty: every week; 3: the third such weekday of the month")
    days_of_month: list[int]
    regular_day: str = Param(description="the regular day in words")
    place: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    in_force: bool
    note: str
    can_manage: bool


class SessionOut(Schema):
    id: int
    unit: Ref
    schedule: Ref | None = Param(description="the schedule (its `name` is the head)")
    kind: SessionKind
    kind_label: str
    ad_hoc_reason: AdHocReason | None
    held_on: dt.date
    place: str
    status: SessionStatus
    status_label: str
    presided_by: Presider | None
    presider_name: str
    counts_for_compliance: bool = Param(description="held on the schedule by the head in person")
    citizens_count: int
    notes: str
    not_held_reason: str


class PetitionRef(Schema):
    id: int
    code: str
    kind: str
    kind_label: str
    subject: str
    status: str
    status_label: str
    url: str


class EventOut(Schema):
    action: str
    action_label: str
    from_status: str
    to_status: str
    actor: str | None
    at: dt.datetime
    comment: str


class ActionOut(Schema):
    action: str
    label: str
    needs_comment: bool


class SessionDetail(SessionOut):
    petitions: list[PetitionRef] = Param(description="petitions received at the session")
    events: list[EventOut]
    allowed_actions: list[ActionOut]
    can_edit: bool


class PeriodOut(Schema):
    code: str = Param(description="2026-04, 2026-Q2 or 2026")
    label: str
    start: dt.date
    end: dt.date


class ComplianceRow(Schema):
    schedule: ScheduleOut
    required: int = Param(description="days the whole period owes")
    due: int = Param(description="days owed by the weeks and months that have ended")
    held: int = Param(description="periodic days held by the head in person")
    by_deputy: int = Param(description="periodic sessions presided by a deputy (not counted)")
    not_held: int
    shortfall: int = Param(description="days owed so far and not held by the head")
    rate: float | None = Param(description="per cent of the days owed so far held by the head")
    complete: bool = Param(description="every week or month of the period has ended")


class ComplianceTotals(Schema):
    schedules: int
    short: int = Param(description="schedules with a shortfall")
    required: int
    due: int
    held: int
    shortfall: int
    by_deputy: int
    not_held: int
    rate: float | None


class ComplianceOut(Schema):
    period: PeriodOut
    as_of: dt.date
    within: Ref | None
    totals: ComplianceTotals
    count: int
    items: list[ComplianceRow]


class FollowUpOut(Schema):
    action: str
    action_label: str
    from_status: str
    to_status: str
    actor: str | None
    at: dt.datetime
    happened_on: dt.date
    content: str


class CommitmentOut(Schema):
    id: int
    dialogue: int
    issue: int | None
    content: str
    owner_unit: Ref
    owner_person: str
    due_on: dt.date
    status: CommitmentStatus
    status_label: str
    done_on: dt.date | None
    overdue: bool = Param(description="still open after its due date")
    follow_ups: list[FollowUpOut]


class IssueOut(Schema):
    id: int
    raised_by: str
    content: str
    answer: str
    answered_by: str


class DialogueOut(Schema):
    id: int
    organizer: Ref
    front: Ref | None
    title: str
    held_on: dt.date
    place: str
    chaired_by: str
    participants_count: int


class DialogueDetail(DialogueOut):
    participants: str
    summary: str
    issues: list[IssueOut]
    commitments: list[CommitmentOut]
    can_manage: bool


class CommuneOut(Schema):
    id: int
    name: str
    area: str


# --- input --------------------------------------------------------------------------------------


class ScheduleFilters(Schema):
    within: Id | None = Param(None, description="a unit id: that unit and its whole subtree")
    position: HeadPosition | None = None
    in_force: bool | None = Param(None, description="true: in force today; false: ended or not begun")
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


class ScheduleIn(Schema):
    unit: Id
    position: HeadPosition
    person: Id | None = Param(None, description="a person of the unit; or give `head_name`")
    head_name: Name = ""
    head_title: Name = ""
    minimum_days: Annotated[int, Param(ge=0, le=31)] | None = Param(
        None, description="default: the legal minimum of the position; never lower"
    )
    weekdays: Annotated[list[Weekday], Param(max_length=7)] = Param([], description="0 = Monday … 6 = Sunday")
    weeks_of_month: Annotated[list[WeekOfMonth], Param(max_length=4)] = Param(
        [], description="empty: every week"
    )
    days_of_month: Annotated[list[DayOfMonth], Param(max_length=31)] = Param(
        [], description="instead of weekdays: e.g. [15]"
    )
    place: Line = ""
    valid_from: dt.date
    valid_until: dt.date | None = None
    note: Text = ""


class SessionFilters(Schema):
    within: Id | None = Param(None, description="a unit id: that unit and its whole subtree")
    schedule: Id | None = None
    year: Year | None = None
    start: dt.date | None = Param(None, alias="from", description="held on or after this day")
    end: dt.date | None = Param(None, alias="to", description="held on or before this day")
    kind: SessionKind | None = None
    status: SessionStatus | None = None
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


class SessionIn(Schema):
    schedule: Id | None = Param(None, description="the schedule of a periodic session (its unit receives)")
    unit: Id | None = Param(None, description="the unit of an ad hoc session without a schedule")
    kind: SessionKind = SessionKind.SCHEDULED
    ad_hoc_reason: AdHocReason | None = Param(None, description="required for an ad hoc session")
    held_on: dt.date
    status: SessionStatus = Param(
        SessionStatus.PLANNED, description="held, not_held (give `comment`), planned"
    )
    presided_by: Presider | None = Param(None, description="required when held: head or deputy")
    presider_name: Name = Param("", description="the deputy's name and title")
    citizens_count: Count = 0
    place: Line = ""
    notes: Text = ""
    comment: Text = Param("", description="why it was not held")


class SessionTransitionIn(Schema):
    action: Annotated[str, Param(pattern=r"^[a-z_]+$", max_length=30)] = Param(description="hold, miss")
    comment: Text = ""
    presided_by: Presider | None = None
    presider_name: Name | None = None
    citizens_count: Count | None = None
    held_on: dt.date | None = Param(None, description="hold: the day it was held, when not the planned one")


class ComplianceParams(Schema):
    within: Id | None = Param(None, description="a unit id: the schedules of that unit and its subtree")
    period: Annotated[str, Param(max_length=10)] = Param(
        "", description="2026-04 (a month), 2026-Q2 (a quarter), 2026 (a year); default: this month"
    )
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


class DialogueFilters(Schema):
    within: Id | None = Param(None, description="dialogues organized by that unit and its subtree")
    year: Year | None = None
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


class DialogueIn(Schema):
    organizer: Id = Param(description="the organizing unit (a People's Committee)")
    front: Id | None = Param(None, description="the Front committee co-organizing")
    title: Annotated[str, Param(min_length=1, max_length=300), AfterValidator(_no_nul)]
    held_on: dt.date = Param(description="not in the future: a dialogue is recorded once held")
    place: Line = ""
    chaired_by: Long = ""
    participants: Text = ""
    participants_count: Count = 0
    summary: Text = ""


class IssueIn(Schema):
    raised_by: Long = ""
    content: Annotated[str, Param(min_length=1, max_length=services.MAX_TEXT), AfterValidator(_no_nul)]
    answer: Text = ""
    answered_by: Long = ""


class CommitmentIn(Schema):
    content: Annotated[str, Param(min_length=1, max_length=services.MAX_TEXT), AfterValidator(_no_nul)]
    owner_unit: Id
    owner_person: Annotated[str, Param(max_length=200), AfterValidator(_no_nul)] = ""
    due_on: dt.date
    issue: Id | None = Param(None, description="the issue of this dialogue it answers")


class FollowUpIn(Schema):
    action: Annotated[str, Param(pattern=r"^[a-z_]+$", max_length=30)] = Param(
        description="progress (a note), complete (done), reopen"
    )
    content: Text = Param("", description="what was done, or why it is reopened")
    happened_on: dt.date | None = Param(None, description="default: today; not in the future")


class CoverageParams(Schema):
    within: Id = Param(description="a unit id: the communes' People's Committees in its subtree")
    year: Year | None = Param(None, description="default: this year")
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


# --- helpers ------------------------------------------------------------------------------------


def _ref(unit) -> dict:
    return {"id": unit.pk, "name": unit.name}


def _numbers(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part]


def _unit(request, unit_id: int | None):
    """A unit the caller may see; any other does not exist for them (404)."""
    if unit_id is None:
        return None
    unit = visible_units(request.user).select_related("unit_type", "area").filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


def _schedules(user):
    return services.visible_schedules(user).select_related("unit", "person")


def _schedule_out(request, schedule: ReceptionSchedule) -> dict:
    legal = schedule.legal
    return {
        "id": schedule.pk,
        "unit": _ref(schedule.unit),
        "position": schedule.position,
        "position_label": schedule.get_position_display(),
        "person": {"id": schedule.person_id, "name": schedule.person.full_name}
        if schedule.person_id
        else None,
        "head": schedule.head,
        "head_title": schedule.head_position,
        "minimum_days": schedule.minimum_days,
        "per": legal.per,
        "minimum": schedule.minimum_text,
        "legal_minimum_days": legal.days,
        "legal_basis": legal.basis,
        "weekdays": _numbers(schedule.weekdays),
        "weeks_of_month": _numbers(schedule.weeks_of_month),
        "days_of_month": _numbers(schedule.days_of_month),
        "regular_day": schedule.regular_day_text,
        "place": schedule.place,
        "valid_from": schedule.valid_from,
        "valid_until": schedule.valid_until,
        "in_force": schedule.is_active(),
        "note": schedule.note,
        "can_manage": can(request.user, MANAGE, schedule.unit),
    }


def _session_out(session: ReceptionSession) -> dict:
    return {
        "id": session.pk,
        "unit": _ref(session.unit),
        "schedule": {"id": session.schedule_id, "name": session.schedule.head}
        if session.schedule_id
        else None,
        "kind": session.kind,
        "kind_label": session.get_kind_display(),
        "ad_hoc_reason": session.ad_hoc_reason or None,
        "held_on": session.held_on,
        "place": session.place,
        "status": session.status,
        "status_label": session.get_status_display(),
        "presided_by": session.presided_by or None,
        "presider_name": session.presider_name,
        "counts_for_compliance": session.counts_for_compliance,
        "citizens_count": session.citizens_count,
        "notes": session.notes,
        "not_held_reason": session.not_held_reason,
    }


def _sessions(user):
    return services.visible_sessions(user).select_related("unit", "schedule__person")


def _session(request, session_id: int) -> ReceptionSession:
    session = _sessions(request.user).filter(pk=session_id).first()
    if session is None:
        raise Http404
    return session


def _session_detail(request, session: ReceptionSession) -> dict:
    out = _session_out(session)
    out["petitions"] = [
        {
            "id": p.pk,
            "code": p.code,
            "kind": p.kind,
            "kind_label": p.get_kind_display(),
            "subject": p.subject,
            "status": p.status,
            "status_label": p.get_status_display(),
            "url": p.get_absolute_url(),
        }
        for p in _session_petitions(session, request.user)
    ]
    out["events"] = [
        {
            "action": e.action,
            "action_label": session_action_label(e.action),
            "from_status": e.from_status,
            "to_status": e.to_status,
            "actor": e.actor.get_username() if e.actor else None,
            "at": e.at,
            "comment": e.comment,
        }
        for e in session.events.select_related("actor")
    ]
    out["allowed_actions"] = [
        {"action": t.action, "label": str(t.label), "needs_comment": t.needs_comment}
        for t in services.allowed_session_transitions(session, request.user)
    ]
    out["can_edit"] = session.status in ("planned", "held") and can(request.user, MANAGE, session.unit)
    return out


def _dialogues(user):
    return services.visible_dialogues(user).select_related("organizer", "front")


def _dialogue(request, dialogue_id: int) -> Dialogue:
    dialogue = _dialogues(request.user).filter(pk=dialogue_id).first()
    if dialogue is None:
        raise Http404
    return dialogue


def _dialogue_out(dialogue: Dialogue) -> dict:
    return {
        "id": dialogue.pk,
        "organizer": _ref(dialogue.organizer),
        "front": _ref(dialogue.front) if dialogue.front_id else None,
        "title": dialogue.title,
        "held_on": dialogue.held_on,
        "place": dialogue.place,
        "chaired_by": dialogue.chaired_by,
        "participants_count": dialogue.participants_count,
    }


def _commitment_out(commitment: Commitment, today: dt.date) -> dict:
    return {
        "id": commitment.pk,
        "dialogue": commitment.dialogue_id,
        "issue": commitment.issue_id,
        "content": commitment.content,
        "owner_unit": _ref(commitment.owner_unit),
        "owner_person": commitment.owner_person,
        "due_on": commitment.due_on,
        "status": commitment.status,
        "status_label": commitment.get_status_display(),
        "done_on": commitment.done_on,
        "overdue": commitment.is_overdue(today),
        "follow_ups": [
            {
                "action": f.action,
                "action_label": commitment_action_label(f.action),
                "from_status": f.from_status,
                "to_status": f.to_status,
                "actor": f.actor.get_username() if f.actor else None,
                "at": f.at,
                "happened_on": f.happened_on,
                "content": f.content,
            }
            for f in commitment.follow_ups.all()
        ],
    }


def _issue_out(issue: DialogueIssue) -> dict:
    return {
        "id": issue.pk,
        "raised_by": issue.raised_by,
        "content": issue.content,
        "answer": issue.answer,
        "answered_by": issue.answered_by,
    }


def _commitments(dialogue: Dialogue) -> list[Commitment]:
    return list(
        Commitment.objects.filter(dialogue=dialogue)
        .select_related("owner_unit")
        .prefetch_related("follow_ups__actor")
        .order_by("due_on", "pk")
    )


def _dialogue_detail(request, dialogue: Dialogue) -> dict:
    today = timezone.localdate()
    out = _dialogue_out(dialogue)
    out.update(
        {
            "participants": dialogue.participants,
            "summary": dialogue.summary,
            "issues": [_issue_out(i) for i in dialogue.issues.order_by("pk")],
            "commitments": [_commitment_out(c, today) for c in _commitments(dialogue)],
            "can_manage": can(request.user, MANAGE, dialogue.organizer),
        }
    )
    return out


# --- schedules ----------------------------------------------------------------------------------


@router.get("/schedules", response=Page[ScheduleOut], summary="Lịch tiếp công dân định kỳ")
def list_schedules(request, params: Query[ScheduleFilters]):
    """The heads' periodic reception schedules in the units the caller may see, by unit."""
    qs = _schedules(request.user)
    within = _unit(request, params.within)
    if within is not None:
        qs = qs.filter(unit__path__startswith=within.path)
    if params.position is not None:
        qs = qs.filter(position=params.position)
    if params.in_force is not None:
        today = timezone.localdate()
        qs = qs.active(today) if params.in_force else qs.inactive(today)
    count, items = paginate(qs.order_by("unit__path", "position", "pk"), params.limit, params.offset)
    return {"count": count, "items": [_schedule_out(request, s) for s in items]}


@router.post("/schedules", response={201: ScheduleOut}, summary="Đặt lịch tiếp công dân định kỳ")
def create_schedule(request, payload: ScheduleIn):
    """A head's schedule: the position gives the legal minimum (per week or month, with its
    basis); `minimum_days` may raise it, never lower it; the regular day is `weekdays` (with
    `weeks_of_month`, or every week) or `days_of_month`, and must give the minimum."""
    unit = _unit(request, payload.unit)
    body = payload.dict()
    person = None
    if body["person"] is not None:
        person = Person.objects.filter(pk=body["person"]).first()
        if person is None:
            raise _invalid("body", "person", _("Unknown person."))
    data = {
        **body,
        "person": person,
        "weekdays": ",".join(str(d) for d in body["weekdays"]),
        "weeks_of_month": ",".join(str(w) for w in body["weeks_of_month"]),
        "days_of_month": ",".join(str(d) for d in body["days_of_month"]),
    }
    schedule = services.create_schedule(unit, data, actor=request.user)
    return Reply(201, _schedule_out(request, _schedules(request.user).get(pk=schedule.pk)))


@router.get("/schedules/{schedule_id}", response=ScheduleOut, summary="Một lịch tiếp công dân")
def get_schedule(request, schedule_id: int):
    schedule = _schedules(request.user).filter(pk=schedule_id).first()
    if schedule is None:
        raise Http404
    return _schedule_out(request, schedule)


# --- sessions -----------------------------------------------------------------------------------


@router.get("/sessions", response=Page[SessionOut], summary="Các buổi tiếp công dân")
def list_sessions(request, params: Query[SessionFilters]):
    """Sessions of the units the caller may see, latest first."""
    qs = _sessions(request.user)
    within = _unit(request, params.within)
    if within is not None:
        qs = qs.filter(unit__path__startswith=within.path)
    if params.schedule is not None:
        qs = qs.filter(schedule_id=params.schedule)
    if params.year is not None:
        qs = qs.filter(held_on__year=params.year)
    if params.start is not None:
        qs = qs.filter(held_on__gte=params.start)
    if params.end is not None:
        qs = qs.filter(held_on__lte=params.end)
    if params.kind is not None:
        qs = qs.filter(kind=params.kind)
    if params.status is not None:
        qs = qs.filter(status=params.status)
    count, items = paginate(qs.order_by("-held_on", "-pk"), params.limit, params.offset)
    return {"count": count, "items": [_session_out(s) for s in items]}


@router.post("/sessions", response={201: SessionDetail}, summary="Ghi nhận một buổi tiếp công dân")
def create_session(request, payload: SessionIn):
    """A periodic session of a `schedule`, or an ad hoc one (`kind: ad_hoc`, with its reason) of a
    `unit` or of a schedule's head. `status: held` needs `presided_by` (only the head in person
    counts for compliance); `status: not_held` needs the reason in `comment`."""
    body = payload.dict()
    schedule = None
    if body["schedule"] is not None:
        schedule = (
            services.visible_schedules(request.user)
            .select_related("unit")
            .filter(pk=body["schedule"])
            .first()
        )
        if schedule is None:
            raise Http404
    unit = _unit(request, body["unit"])
    session = services.record_session(
        unit,
        {
            "ad_hoc_reason": body["ad_hoc_reason"] or "",
            "held_on": body["held_on"],
            "place": body["place"],
            "presided_by": body["presided_by"] or "",
            "presider_name": body["presider_name"],
            "citizens_count": body["citizens_count"],
            "notes": body["notes"],
        },
        actor=request.user,
        schedule=schedule,
        kind=body["kind"],
        status=body["status"],
        comment=body["comment"],
    )
    return Reply(201, _session_detail(request, _session(request, session.pk)))


@router.get("/sessions/{session_id}", response=SessionDetail, summary="Một buổi tiếp công dân")
def get_session(request, session_id: int):
    """The session with the petitions received at it and its log."""
    return _session_detail(request, _session(request, session_id))


@router.post(
    "/sessions/{session_id}/transitions", response=SessionDetail, summary="Ghi nhận đã tiếp / không tiếp"
)
def session_transition(request, session_id: int, payload: SessionTransitionIn):
    """`hold` (with `presided_by`, `citizens_count`, and `held_on` when not the planned day) or
    `miss` (the reason in `comment`) for a planned session."""
    session = _session(request, session_id)
    services.transition_session(
        session,
        payload.action,
        actor=request.user,
        comment=payload.comment,
        presided_by=payload.presided_by,
        presider_name=payload.presider_name,
        citizens_count=payload.citizens_count,
        held_on=payload.held_on,
    )
    return _session_detail(request, _session(request, session_id))


# --- compliance ---------------------------------------------------------------------------------


@router.get("/compliance", response=ComplianceOut, summary="Việc thực hiện tiếp công dân định kỳ")
def get_compliance(request, params: Query[ComplianceParams]):
    """For each schedule in force in the period (of `within`'s subtree): the days it owes (the
    whole period, and so far), the days held by the head in person, the sessions presided by a
    deputy or not held, the shortfall and the rate; with the totals."""
    today = timezone.localdate()
    try:
        period = compliance.parse_period(params.period, today)
    except PeriodError as exc:
        raise _invalid("query", "period", str(exc)) from None
    within = _unit(request, params.within)
    schedules = services.visible_schedules(request.user)
    if within is not None:
        schedules = schedules.filter(unit__path__startswith=within.path)
    result = compliance.table(schedules, period, today)
    ordered = (
        compliance.schedules_in_force(schedules, period)
        .select_related("unit", "person")
        .order_by("unit__path", "position", "pk")
    )
    count, items = paginate(ordered, params.limit, params.offset)
    rows = []
    for schedule in items:
        counts = result.counts.get(schedule.pk) or compliance.Counts()
        rows.append(
            {
                "schedule": _schedule_out(request, schedule),
                "required": counts.required,
                "due": counts.due,
                "held": counts.held,
                "by_deputy": counts.by_deputy,
                "not_held": counts.not_held,
                "shortfall": counts.shortfall,
                "rate": counts.rate,
                "complete": counts.complete,
            }
        )
    totals = result.totals
    return {
        "period": {
            "code": compliance.period_code(period),
            "label": period.label,
            "start": period.start,
            "end": period.end,
        },
        "as_of": today,
        "within": _ref(within) if within is not None else None,
        "totals": {**totals.__dict__, "rate": totals.rate},
        "count": count,
        "items": rows,
    }


# --- dialogues ----------------------------------------------------------------------------------


@router.get("/dialogues", response=Page[DialogueOut], summary="Các hội nghị đối thoại")
def list_dialogues(request, params: Query[DialogueFilters]):
    """Dialogues organized in the units the caller may see (and those with a commitment a unit of
    theirs owns), latest first."""
    qs = _dialogues(request.user)
    within = _unit(request, params.within)
    if within is not None:
        qs = qs.filter(organizer__path__startswith=within.path)
    if params.year is not None:
        qs = qs.filter(held_on__year=params.year)
    count, items = paginate(qs.order_by("-held_on", "-pk"), params.limit, params.offset)
    return {"count": count, "items": [_dialogue_out(d) for d in items]}


@router.post("/dialogues", response={201: DialogueDetail}, summary="Ghi nhận hội nghị đối thoại")
def create_dialogue(request, payload: DialogueIn):
    body = payload.dict()
    organizer = _unit(request, body.pop("organizer"))
    if body["front"] is not None:
        front = Unit.objects.select_related("unit_type").filter(pk=body["front"]).first()
        if front is None:
            raise _invalid("body", "front", _("Unknown unit."))
        body["front"] = front
    dialogue = services.create_dialogue(organizer, body, actor=request.user)
    return Reply(201, _dialogue_detail(request, _dialogue(request, dialogue.pk)))


@router.get("/dialogues/{dialogue_id}", response=DialogueDetail, summary="Một hội nghị đối thoại")
def get_dialogue(request, dialogue_id: int):
    """The dialogue with the issues raised and the commitments, each with its follow-ups."""
    return _dialogue_detail(request, _dialogue(request, dialogue_id))


@router.post("/dialogues/{dialogue_id}/issues", response={201: IssueOut}, summary="Ghi ý kiến Nhân dân nêu")
def add_issue(request, dialogue_id: int, payload: IssueIn):
    dialogue = _dialogue(request, dialogue_id)
    issue = services.add_issue(dialogue, payload.dict(), actor=request.user)
    return Reply(201, _issue_out(issue))


@router.post(
    "/dialogues/{dialogue_id}/commitments", response={201: CommitmentOut}, summary="Ghi nhận một cam kết"
)
def add_commitment(request, dialogue_id: int, payload: CommitmentIn):
    """What was committed, by which unit (`owner_unit`, one the caller may see) and whom, by when
    (not before the dialogue)."""
    dialogue = _dialogue(request, dialogue_id)
    body = payload.dict()
    # a unit beside the organizer may be named without being seen: the service decides (403)
    owner = Unit.objects.select_related("unit_type").filter(pk=body["owner_unit"]).first()
    if owner is None:
        raise _invalid("body", "owner_unit", _("Unknown unit."))
    body["owner_unit"] = owner
    if body["issue"] is not None:
        issue = dialogue.issues.filter(pk=body["issue"]).first()
        if issue is None:
            raise _invalid("body", "issue", _("The issue answered must be one raised at this dialogue."))
        body["issue"] = issue
    commitment = services.add_commitment(dialogue, body, actor=request.user)
    commitment = (
        Commitment.objects.select_related("owner_unit")
        .prefetch_related("follow_ups__actor")
        .get(pk=commitment.pk)
    )
    return Reply(201, _commitment_out(commitment, timezone.localdate()))


@router.post(
    "/commitments/{commitment_id}/follow-ups",
    response={201: CommitmentOut},
    summary="Theo dõi thực hiện cam kết",
)
def add_follow_up(request, commitment_id: int, payload: FollowUpIn):
    """`progress` (what was done; it stays open), `complete` (done on `happened_on`), `reopen`
    (why); by the dialogue's organizing unit or the unit that owns the commitment."""
    commitment = services.visible_commitments(request.user).filter(pk=commitment_id).first()
    if commitment is None:
        raise Http404
    services.follow_up(
        commitment,
        payload.action,
        actor=request.user,
        content=payload.content,
        happened_on=payload.happened_on,
    )
    commitment = (
        Commitment.objects.select_related("owner_unit")
        .prefetch_related("follow_ups__actor")
        .get(pk=commitment.pk)
    )
    return Reply(201, _commitment_out(commitment, timezone.localdate()))


@router.get(
    "/communes-without-dialogue",
    response=Page[CommuneOut],
    summary="Xã, phường chưa tổ chức đối thoại trong năm",
)
def communes_without_dialogue(request, params: Query[CoverageParams]):
    """The communes' People's Committees in `within`'s subtree that organized no dialogue in
    `year` (the law asks at least one a year)."""
    within = _unit(request, params.within)
    year = params.year or timezone.localdate().year
    qs = services.communes_without_dialogue(within, year, user=request.user).select_related("area")
    count, items = paginate(qs, params.limit, params.offset)
    return {"count": count, "items": [{"id": u.pk, "name": u.name, "area": u.area.name} for u in items]}
