"""Every write users trigger on training sessions: one function per action, transactional,
permission-checked (`training.change` on the organizing unit), recorded with who, when and why.
Bad input raises `ServiceError` with a Vietnamese message and changes nothing."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.core.permissions import can, require, visible_units
from danvan.core.services import ServiceError, with_reason
from danvan.initiatives import evidence
from danvan.orgs.models import Unit
from danvan.training import materials
from danvan.training.models import (
    MAX_ATTENDANCE,
    AttendanceCount,
    Attendee,
    AttendeeGroup,
    Material,
    MaterialKind,
    SessionEvent,
    TrainingFormat,
    TrainingSession,
    TrainingTopic,
    group_of,
)
from danvan.training.workflow import EDITABLE, TRANSITIONS, SessionStatus, Transition

CHANGE = "training.change"
# the fields of a session a user fills in (everything but the organizer, status and derived columns)
SESSION_FIELDS = (
    "title",
    "topic",
    "held_on",
    "ends_on",
    "place",
    "trainers",
    "format",
    "campaign",
    "content",
)
ONE_LINE = ("title", "place", "trainers")


def visible_sessions(user):
    """Sessions of the units the user may see (their subtrees and the former units they succeeded)."""
    return TrainingSession.objects.filter(organizer__in=visible_units(user).values("pk"))


def allowed_transitions(session: TrainingSession, user) -> list[Transition]:
    """The actions this user may take on this session now (for buttons and the API)."""
    return [
        t for t in TRANSITIONS.values() if session.status in t.sources and can(user, t.permission, session)
    ]


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _clean(data: dict, organizer: Unit, current: TrainingSession | None = None) -> dict:
    """The session fields of `data`, normalized and checked against each other and against what
    the session already has (an edit may send only some fields)."""
    data = {key: value for key, value in data.items() if key in SESSION_FIELDS}
    for key in ONE_LINE:
        if key in data:
            data[key] = " ".join((data[key] or "").split())
    if "content" in data:
        data["content"] = (data["content"] or "").strip()

    def value(key):
        return data[key] if key in data else getattr(current, key, None)

    if not value("title"):
        raise ServiceError(_("Enter the title of the session."))
    if value("topic") not in TrainingTopic.values:
        raise ServiceError(_("Choose the topic of the session."))
    if (value("format") or TrainingFormat.IN_PERSON) not in TrainingFormat.values:
        raise ServiceError(_("Choose the format of the session."))
    held_on, ends_on = value("held_on"), value("ends_on")
    if not isinstance(held_on, date):
        raise ServiceError(_("Enter the date of the session."))
    if not 2000 <= held_on.year <= 2100 or (ends_on and ends_on.year > 2100):
        raise ServiceError(_("The date of the session must fall between 2000 and 2100."))
    if ends_on and ends_on < held_on:
        raise ServiceError(_("The last day must not be before the first day."))
    if current is not None and current.status == SessionStatus.HELD and held_on > timezone.localdate():
        raise ServiceError(_("A session that was held cannot have a date in the future."))
    if not organizer.is_active(held_on):
        raise ServiceError(
            _("%(unit)s was not in force on %(date)s.") % {"unit": organizer, "date": _day(held_on)}
        )
    campaign = value("campaign")
    if campaign is not None:
        if not organizer.path.startswith(campaign.issuing_unit.path):
            raise ServiceError(_("The campaign was not launched for this unit."))
        if not campaign.start_date <= held_on <= campaign.end_date:
            raise ServiceError(
                _("The date %(date)s is outside the campaign %(campaign)s.")
                % {"date": _day(held_on), "campaign": campaign}
            )
    return data


def clean_counts(counts: dict) -> dict[str, int]:
    """{group: number} as given (None or 0: no count for the group), checked; only groups with
    people are kept."""
    labels = dict(AttendeeGroup.choices)
    cleaned: dict[str, int] = {}
    for group, number in counts.items():
        if group not in labels:
            raise ServiceError(_("Unknown group of attendees."))
        if number in (None, ""):
            continue
        if isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= MAX_ATTENDANCE:
            raise ServiceError(
                _("The number of %(group)s must be a whole number from 0 to %(max)s.")
                % {"group": str(labels[group]).lower(), "max": f"{MAX_ATTENDANCE:,}".replace(",", ".")}
            )
        if number:
            cleaned[group] = number
    return cleaned


def _log(session: TrainingSession, action: str, previous: str, *, actor, comment: str = "") -> SessionEvent:
    return SessionEvent.objects.create(
        session=session,
        action=action,
        from_status=previous,
        to_status=session.status,
        actor=actor,
        comment=comment,
    )


def _refresh_people(session: TrainingSession, *, actor, reason: str) -> TrainingSession:
    """Keep `people_count` equal to people_trained() of what is recorded."""
    number = session.count_people()
    if number != session.people_count:
        session.people_count = number
        with_reason(session, reason, by=actor)
        session.save()
    return session


def _locked(session_id: int) -> TrainingSession:
    """The session as it is now, locked until the end of the transaction (one writer at a time)."""
    return (
        TrainingSession.objects.select_for_update(of=("self",)).select_related("organizer").get(pk=session_id)
    )


def _require_editable(session: TrainingSession) -> None:
    if session.status not in EDITABLE:
        raise ServiceError(_("A cancelled session takes no changes."))


def _write_counts(session: TrainingSession, counts: dict[str, int], *, actor, reason: str) -> bool:
    """Make the session's counts exactly `counts` (checked); True if anything changed."""
    existing = {row.group: row for row in session.counts.all()}
    changed = False
    for group, row in existing.items():
        if group not in counts:
            with_reason(row, reason, by=actor)
            row.delete()
            changed = True
    for group, number in counts.items():
        row = existing.get(group)
        if row is not None and row.count == number:
            continue
        row = row or AttendanceCount(session=session, group=group)
        row.count = number
        with_reason(row, reason, by=actor)
        row.save()
        changed = True
    return changed


@transaction.atomic
def create_session(
    organizer: Unit,
    data: dict,
    *,
    actor,
    counts: dict | None = None,
    held: bool = False,
    comment: str = "",
) -> TrainingSession:
    """Plan a session of `organizer`; with `held`, record at once that it was held (a session
    entered afterwards)."""
    require(actor, CHANGE, organizer)
    data = _clean(data, organizer)
    counts = clean_counts(counts or {})
    if held and data["held_on"] > timezone.localdate():
        raise ServiceError(_("A session is marked held on or after its date."))
    session = TrainingSession(organizer=organizer, created_by=actor, **data)
    with_reason(session, _("Session planned"), by=actor)
    session.save()
    _log(session, "create", "", actor=actor)
    if _write_counts(session, counts, actor=actor, reason=_("Attendance recorded")):
        _refresh_people(session, actor=actor, reason=_("Attendance recorded"))
    if held:
        session = transition(session, "hold", actor=actor, comment=comment)
    return session


@transaction.atomic
def update_session(
    session: TrainingSession, data: dict, *, actor, counts: dict | None = None, reason: str = ""
) -> TrainingSession:
    """Change what the session is (and, if given, replace its counts by group)."""
    require(actor, CHANGE, session)
    session = _locked(session.pk)
    _require_editable(session)
    data = _clean(data, session.organizer, session)
    counts = clean_counts(counts) if counts is not None else None
    changed = [key for key, value in data.items() if getattr(session, key) != value]
    for key in changed:
        setattr(session, key, data[key])
    if changed:
        with_reason(session, reason or _("Session details changed"), by=actor)
        session.save()
    if counts is not None and _write_counts(
        session, counts, actor=actor, reason=reason or _("Attendance changed")
    ):
        _refresh_people(session, actor=actor, reason=reason or _("Attendance changed"))
    return session


@transaction.atomic
def transition(
    session: TrainingSession, action: str, *, actor, comment: str = "", held_on: date | None = None
) -> TrainingSession:
    """Apply one action of workflow.TRANSITIONS or refuse it and change nothing. Marking a
    session held may give the day it was actually held (default: the planned day)."""
    rule = TRANSITIONS.get(action)
    if rule is None:
        raise ServiceError(_("Unknown action “%(action)s”.") % {"action": action})
    session = _locked(session.pk)
    if not can(actor, rule.permission, session):
        raise PermissionDenied(_("You do not have permission to do this here."))
    if session.status not in rule.sources:
        raise ServiceError(
            _("“%(action)s” is not possible while the session is %(status)s.")
            % {"action": rule.label, "status": session.get_status_display().lower()}
        )
    comment = (comment or "").strip()
    if rule.needs_comment and not comment:
        raise ServiceError(_("Give a reason for “%(action)s”.") % {"action": rule.label})
    if action == "hold":
        on = held_on or session.held_on
        if on > timezone.localdate():
            raise ServiceError(_("A session is marked held on or after its date."))
        if on != session.held_on:
            _clean({"held_on": on}, session.organizer, session)
            session.held_on = on
    previous = session.status
    session.status = rule.target
    session.status_changed_at = timezone.now()
    with_reason(session, comment or str(rule.label), by=actor)
    session.save()
    _log(session, action, previous, actor=actor, comment=comment)
    return session


def set_counts(session: TrainingSession, counts: dict, *, actor, reason: str = "") -> TrainingSession:
    """Replace the numbers of people by group (a group left out or 0 has no count)."""
    return update_session(session, {}, actor=actor, counts=counts, reason=reason)


@transaction.atomic
def add_attendee(session: TrainingSession, data: dict, *, actor) -> Attendee:
    """List one person by name: a person known to the system (`person`) or any name."""
    require(actor, CHANGE, session)
    session = _locked(session.pk)
    _require_editable(session)
    person = data.get("person")
    if person is not None:
        require(actor, "person.view", person)
        if session.attendees.filter(person=person).exists():
            raise ServiceError(_("%(name)s is already listed.") % {"name": person.full_name})
    full_name = " ".join((data.get("full_name") or (person.full_name if person else "")).split())
    if not full_name:
        raise ServiceError(_("Enter the name of the attendee."))
    group = data.get("group") or (group_of(person) if person else "")
    if group not in AttendeeGroup.values:
        raise ServiceError(_("Choose the group of the attendee."))
    attendee = Attendee(
        session=session,
        person=person,
        full_name=full_name,
        position=" ".join((data.get("position") or (person.position if person else "")).split()),
        unit_name=" ".join((data.get("unit_name") or (person.unit.name if person else "")).split()),
        group=group,
        added_by=actor,
    )
    with_reason(attendee, _("Attendee listed"), by=actor)
    attendee.save()
    _refresh_people(session, actor=actor, reason=_("Attendee listed"))
    return attendee


@transaction.atomic
def remove_attendee(attendee: Attendee, *, actor, reason: str = "") -> TrainingSession:
    session = _locked(attendee.session_id)
    require(actor, CHANGE, session)
    _require_editable(session)
    reason = (reason or "").strip() or _("Removed from the attendees")
    with_reason(attendee, reason, by=actor)
    attendee.delete()
    return _refresh_people(session, actor=actor, reason=reason)


@transaction.atomic
def add_material(session: TrainingSession, upload, *, actor, title: str = "") -> Material:
    require(actor, CHANGE, session)
    _require_editable(session)
    kind, content = materials.check(upload)
    name = materials.safe_name(upload.name)
    title = " ".join((title or "").split())[:255] or name.rsplit(".", 1)[0]
    material = Material(
        session=session, title=title, kind=kind, original_name=name, size=len(content), uploaded_by=actor
    )
    material.file.save(name, ContentFile(content), save=False)
    if kind == MaterialKind.PHOTO:
        thumb = evidence.thumbnail(content, name)  # always a JPEG: named so
        material.thumbnail.save(thumb.name, thumb, save=False)
    with_reason(material, _("Material uploaded"), by=actor)
    material.save()
    return material


@transaction.atomic
def remove_material(material: Material, *, actor, reason: str = "") -> None:
    """Take a file off the session's list. The stored file stays: the history still names it."""
    require(actor, CHANGE, material.session)
    _require_editable(material.session)
    with_reason(material, (reason or "").strip() or _("Material removed"), by=actor)
    material.delete()
