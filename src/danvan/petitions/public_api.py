"""The public petitions API under /api/v1/public/petitions: no account, no cookie, no CSRF token
(plain JSON; the router has `auth=None`, so neither the session nor its CSRF check applies).

* `POST /public/petitions` — send a petition; 201 with the tracking code, the status, the date
  received and the due date of the first step;
* `GET /public/petitions/{code}` — what the tracking page shows: status, kind, subject, dates,
  the public events and replies, and whether the citizen is asked if it was resolved;
* `POST /public/petitions/{code}/feedback` — `{"resolved": true}` closes a resolved petition,
  `{"resolved": false, "explanation": "…"}` reopens it.

Never returned: the petitioners, officers' names, internal comments, files. Limits per client
address (REMOTE_ADDR — behind a proxy the deployment must set it to the real client):
`DANVAN_PUBLIC_PETITIONS_PER_HOUR`/`_PER_DAY` submissions, `DANVAN_PUBLIC_LOOKUPS_PER_MINUTE`
look-ups (429 beyond them). Errors are `{"detail": "…"}` in Vietnamese."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status as Reply
from pydantic import AfterValidator
from pydantic import Field as Param

from danvan.core.api import MAX_ID
from danvan.core.api import invalid as _invalid
from danvan.core.api import no_nul as _no_nul
from danvan.petitions import services
from danvan.petitions.deadlines import Kind
from danvan.petitions.models import Topic, normalize_code
from danvan.petitions.public_forms import (
    MAX_CONTENT,
    MAX_EXPLANATION,
    MAX_LOCATION,
    MAX_PEOPLE,
    MAX_SUBJECT,
    check_contact,
    lookup_allowed,
    source_of,
)
from danvan.petitions.public_views import find, public_view, status_label
from danvan.petitions.workflow import PetitionStatus

router = Router(tags=["Đơn thư của người dân (công khai)"], auth=None)


def _text(limit: int, *, required: bool = False):
    return Annotated[str, Param(max_length=limit, min_length=1 if required else 0), AfterValidator(_no_nul)]


Name = _text(120, required=True)
Phone = _text(20)
Email = _text(254)
Line = _text(255)
IdNumber = _text(20)
Subject = _text(MAX_SUBJECT, required=True)
Content = _text(MAX_CONTENT, required=True)
Location = _text(MAX_LOCATION)
Explanation = _text(MAX_EXPLANATION)
AreaId = Annotated[int, Param(ge=1, le=MAX_ID)]


# --- input ---------------------------------------------------------------------------------------


class PersonIn(Schema):
    name: Name = Param(description="full name")
    phone: Phone = ""
    email: Email = ""
    address: Line = ""
    id_number: IdNumber = Param("", description="ID card number")


class PetitionIn(Schema):
    kind: Kind = Param(description="complaint, denunciation, recommendation or feedback")
    topic: Topic = Topic.OTHER
    subject: Subject
    content: Content
    location: Location = Param("", description="village, street or place")
    area: AreaId = Param(
        description="id of the commune, ward or special zone in force (GET /api/v1/areas?level=commune)"
    )
    petitioners: list[PersonIn] = Param(
        min_length=1,
        max_length=MAX_PEOPLE,
        description="one or more people; the first needs a way to reach them",
    )


class FeedbackIn(Schema):
    resolved: bool = Param(description="true: the problem is resolved (closed); false: reopen it")
    explanation: Explanation = Param("", description="what is still not resolved (needed to reopen)")


# --- output --------------------------------------------------------------------------------------


class SentOut(Schema):
    code: str = Param(description="the tracking code, e.g. K7QM-3XPA-92")
    status: PetitionStatus
    status_label: str
    received_on: dt.date
    due_on: dt.date | None = Param(description="the competent authority answers by this day")
    unit: str = Param(description="the competent authority")
    tracking_url: str


class EventOut(Schema):
    date: dt.date
    status: str
    status_label: str
    reply: str = Param(description="what the authority told the citizen (may be empty)")
    note: str = Param(description="the citizen's own answer, when the event is theirs")


class TrackOut(Schema):
    code: str
    kind: Kind
    kind_label: str
    topic: Topic
    topic_label: str
    subject: str
    status: PetitionStatus
    status_label: str
    received_on: dt.date
    due_on: dt.date | None = Param(description="the current step's due date, while the petition is open")
    deadline: str = Param(description="the current step's legal deadline in words")
    unit: str = Param(description="the competent authority")
    resolved_on: dt.date | None
    awaiting_feedback: bool = Param(description="resolved: the citizen is asked whether it really is")
    question: str | None = Param(description="the question asked when `awaiting_feedback`")
    satisfied: bool | None = Param(description="the citizen's answer, once given")
    events: list[EventOut]


class Error(Schema):
    detail: str


# --- helpers -------------------------------------------------------------------------------------


def _tracking_url(request, code: str) -> str:
    return request.build_absolute_uri(reverse("public_petitions:status", args=[code]))


def _track_out(petition) -> dict:
    view = public_view(petition)
    view["question"] = _("Has your problem been resolved?") if view["awaiting_feedback"] else None
    return view


def _petition_by_code(request, code: str):
    if not lookup_allowed(source_of(request)):
        raise HttpError(429, _("Too many look-ups from this connection. Please wait a minute and try again."))
    if not normalize_code(code):
        raise _invalid("path", "code", _("A tracking code has 10 letters and digits, e.g. K7QM-3XPA-92."))
    petition = find(code)
    if petition is None:
        raise HttpError(404, _("No petition has this tracking code."))
    return petition


# --- endpoints -----------------------------------------------------------------------------------


@router.post(
    "",
    response={201: SentOut, 400: Error, 422: Error, 429: Error},
    summary="Gửi đơn (không cần tài khoản)",
)
def send_petition(request, payload: PetitionIn):
    """Send a complaint, denunciation, recommendation or feedback to the competent authority of
    the commune; the answer carries the tracking code."""
    source = source_of(request)
    if not services.public_quota_left(source):
        raise HttpError(
            429, _("Too many petitions were sent from this connection recently. Please try again later.")
        )
    people = [person.model_dump() for person in payload.petitioners]
    check_contact(people)
    petition = services.record_petition(
        {
            "kind": payload.kind,
            "topic": payload.topic,
            "subject": payload.subject,
            "content": payload.content,
            "location": payload.location,
            "area": payload.area,
            "petitioners": people,
        },
        public=True,
        source=source,
    )
    return Reply(
        201,
        {
            "code": petition.code,
            "status": petition.status,
            "status_label": status_label(petition.status),
            "received_on": petition.received_on,
            "due_on": petition.due_on,
            "unit": petition.unit.name,
            "tracking_url": _tracking_url(request, petition.code),
        },
    )


@router.get(
    "/{code}",
    response={200: TrackOut, 404: Error, 422: Error, 429: Error},
    summary="Tra cứu đơn theo mã",
)
def track_petition(request, code: str):
    """The status of a petition by its tracking code: never who sent it."""
    return _track_out(_petition_by_code(request, code))


@router.post(
    "/{code}/feedback",
    response={200: TrackOut, 400: Error, 404: Error, 422: Error, 429: Error},
    summary="Trả lời: vấn đề đã được giải quyết chưa?",
)
def petition_feedback(request, code: str, payload: FeedbackIn):
    """Once the petition is resolved: confirm it (closed) or reopen it with an explanation."""
    petition = _petition_by_code(request, code)
    action = "confirm" if payload.resolved else "reopen"
    petition = services.citizen_action(petition, action, explanation=payload.explanation)
    return _track_out(find(petition.code))
