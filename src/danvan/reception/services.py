"""Every write users trigger on citizen reception and dialogues: one function per action,
transactional, permission-checked (`reception.manage`), recorded with who, when and why
(django-simple-history, and the event log of sessions and commitments). Bad input raises
`ServiceError` with a Vietnamese message and changes nothing.

* schedules: `create_schedule`, `update_schedule`;
* sessions: `record_session` (planned, or entered afterwards as held or not held),
  `update_session`, `transition_session` (held, not held);
* dialogues: `create_dialogue`, `update_dialogue`, `add_issue`, `add_commitment`,
  `update_commitment`, `follow_up` (progress, done, reopened).

Reading: `visible_schedules`, `visible_sessions`, `visible_dialogues`, `visible_commitments`
(what a user may see), `communes_without_dialogue`; the compliance of schedules is in
`compliance.py`.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.core.permissions import can, can_see_unit, is_system_admin, require, scope_q
from danvan.core.services import ServiceError, with_reason
from danvan.geo.models import AreaLevel
from danvan.orgs.models import Person, Unit, UnitCategory
from danvan.reception import rules
from danvan.reception.models import (
    MAX_CITIZENS,
    AdHocReason,
    Commitment,
    CommitmentFollowUp,
    Dialogue,
    DialogueIssue,
    Presider,
    ReceptionSchedule,
    ReceptionSession,
    ReceptionSessionEvent,
    SessionKind,
)
from danvan.reception.rules import Frequency, HeadPosition, PatternError, RegularDay
from danvan.reception.workflow import (
    COMMITMENT_TRANSITIONS,
    MANAGE,
    SESSION_EDITABLE,
    SESSION_TRANSITIONS,
    VIEW,
    CommitmentStatus,
    SessionStatus,
    Transition,
)

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_TEXT = 20_000  # characters of a note, an issue, an answer
PEOPLES_COMMITTEE = "peoples_committee"

# the unit a position belongs to: its category and, for the positions of a level, the level
POSITION_UNITS = {
    HeadPosition.COMMUNE_PC_CHAIR: (UnitCategory.GOVERNMENT, AreaLevel.COMMUNE),
    HeadPosition.PROVINCE_PC_CHAIR: (UnitCategory.GOVERNMENT, AreaLevel.PROVINCE),
    HeadPosition.AGENCY_HEAD: (UnitCategory.GOVERNMENT, None),
    HeadPosition.COMMUNE_PARTY_SECRETARY: (UnitCategory.PARTY, AreaLevel.COMMUNE),
    HeadPosition.PROVINCE_PARTY_SECRETARY: (UnitCategory.PARTY, AreaLevel.PROVINCE),
}

SCHEDULE_FIELDS = (
    "position",
    "person",
    "head_name",
    "head_title",
    "minimum_days",
    "weekdays",
    "weeks_of_month",
    "days_of_month",
    "place",
    "valid_from",
    "valid_until",
    "note",
)
SESSION_FIELDS = (
    "ad_hoc_reason",
    "held_on",
    "place",
    "presided_by",
    "presider_name",
    "citizens_count",
    "notes",
)
DIALOGUE_FIELDS = (
    "front",
    "title",
    "held_on",
    "place",
    "chaired_by",
    "participants",
    "participants_count",
    "summary",
)
COMMITMENT_FIELDS = ("content", "owner_unit", "owner_person", "due_on", "issue")


# --- reading ------------------------------------------------------------------------------------------


def visible_schedules(user):
    return ReceptionSchedule.objects.filter(scope_q(user, VIEW, "unit__path"))


def visible_sessions(user):
    return ReceptionSession.objects.filter(scope_q(user, VIEW, "unit__path"))


def _owned_commitments(user):
    return Commitment.objects.filter(dialogue=OuterRef("pk")).filter(scope_q(user, VIEW, "owner_unit__path"))


def visible_dialogues(user):
    """Dialogues organized in the user's subtrees, and those with a commitment a unit of theirs
    owns (its officers follow it up)."""
    if is_system_admin(user):
        return Dialogue.objects.all()
    return Dialogue.objects.filter(
        scope_q(user, VIEW, "organizer__path") | Q(Exists(_owned_commitments(user)))
    )


def visible_commitments(user):
    if is_system_admin(user):
        return Commitment.objects.all()
    return Commitment.objects.filter(
        scope_q(user, VIEW, "dialogue__organizer__path") | scope_q(user, VIEW, "owner_unit__path")
    )


def can_manage(user, obj) -> bool:
    return can(user, MANAGE, obj)


def can_follow_up(user, commitment: Commitment) -> bool:
    """The dialogue's organizing unit and the unit that owns the commitment follow it up."""
    return can(user, MANAGE, commitment.dialogue.organizer) or can(user, MANAGE, commitment.owner_unit)


def allowed_session_transitions(session: ReceptionSession, user) -> list[Transition]:
    return [
        t
        for t in SESSION_TRANSITIONS.values()
        if session.status in t.sources and can(user, t.permission, session.unit)
    ]


def allowed_follow_ups(commitment: Commitment, user) -> list[Transition]:
    if not can_follow_up(user, commitment):
        return []
    return [t for t in COMMITMENT_TRANSITIONS.values() if commitment.status in t.sources]


def communes_without_dialogue(within: Unit, year: int, *, user=None):
    """The communes' People's Committees in force in `within`'s subtree with no dialogue
    organized in `year` (the law asks at least one a year: Luật Thực hiện dân chủ ở cơ sở, Art.
    32), by name; limited to the units `user` may see when given."""
    held = Dialogue.objects.filter(organizer=OuterRef("pk"), held_on__year=year)
    units = (
        Unit.objects.filter(
            path__startswith=within.path,
            unit_type__code=PEOPLES_COMMITTEE,
            area__level=AreaLevel.COMMUNE,
        )
        .active(date(year, 12, 31) if year < timezone.localdate().year else timezone.localdate())
        .exclude(Exists(held))
    )
    if user is not None:
        units = units.filter(scope_q(user, VIEW, "path"))
    return units.order_by("name_sort", "pk")


# --- checking input -----------------------------------------------------------------------------------


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _line(value, limit: int, what: str) -> str:
    text = " ".join(str(value or "").split())
    if len(text) > limit:
        raise ServiceError(
            _("%(what)s is too long (at most %(limit)s characters).") % {"what": what, "limit": limit}
        )
    return text


def _text(value, what: str) -> str:
    text = str(value or "").strip()
    if len(text) > MAX_TEXT:
        raise ServiceError(
            _("%(what)s is too long (at most %(limit)s characters).") % {"what": what, "limit": MAX_TEXT}
        )
    return text


def _date(value, message: str) -> date:
    if not isinstance(value, date) or not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ServiceError(message)
    return value


def _count(value, what: str) -> int:
    if value in (None, ""):
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_CITIZENS:
        raise ServiceError(
            _("The number of %(what)s must be a whole number from 0 to %(max)s.")
            % {"what": what, "max": f"{MAX_CITIZENS:,}".replace(",", ".")}
        )
    return value


def _check_position_unit(position: str, unit: Unit) -> None:
    rule = POSITION_UNITS.get(position)
    if rule is None:
        return
    category, level = rule
    if unit.unit_type.category != category or (level is not None and unit.area.level != level):
        raise ServiceError(
            _("%(position)s is not a head of %(unit)s: choose the position of this unit's head.")
            % {"position": HeadPosition(position).label, "unit": unit.name}
        )


# --- schedules ----------------------------------------------------------------------------------------


def _clean_schedule(unit: Unit, data: dict, current: ReceptionSchedule | None = None) -> dict:
    data = {key: value for key, value in data.items() if key in SCHEDULE_FIELDS}

    def value(key):
        return data[key] if key in data else getattr(current, key, None)

    position = value("position")
    if position not in HeadPosition.values:
        raise ServiceError(_("Choose the head's position."))
    _check_position_unit(position, unit)
    person = value("person")
    if person is not None and (not isinstance(person, Person) or person.unit_id != unit.pk):
        raise ServiceError(_("The head must be a person of %(unit)s.") % {"unit": unit.name})
    head_name = _line(value("head_name"), 160, _("The head's name"))
    if person is not None:
        head_name = ""
    elif not head_name:
        raise ServiceError(_("Choose the head among the unit's people, or enter the head's name."))
    head_title = _line(value("head_title"), 160, _("The head's title"))

    valid_from = _date(value("valid_from"), _("Enter the day the schedule starts (between 2000 and 2100)."))
    valid_until = value("valid_until")
    if valid_until is not None:
        valid_until = _date(valid_until, _("Enter a valid last day of the schedule."))
        if valid_until < valid_from:
            raise ServiceError(_("The last day of the schedule cannot be before its first day."))
    if not unit.is_active(valid_from):
        raise ServiceError(
            _("%(unit)s was not in force on %(date)s.") % {"unit": unit.name, "date": _day(valid_from)}
        )

    legal = rules.legal_minimum(position, valid_from)
    minimum = value("minimum_days")
    if minimum in (None, ""):
        minimum = legal.days
    if isinstance(minimum, bool) or not isinstance(minimum, int):
        raise ServiceError(_("The minimum number of reception days must be a whole number."))
    limit = 7 if legal.per == Frequency.WEEK else 31
    if minimum < legal.days:
        raise ServiceError(
            _("The minimum cannot be lower than the legal minimum: %(legal)s (%(basis)s).")
            % {"legal": rules.describe_minimum(legal.days, legal.per), "basis": legal.basis}
        )
    if minimum > limit:
        raise ServiceError(_("The minimum cannot be more than %(limit)s days.") % {"limit": limit})

    try:
        pattern = RegularDay.of(
            value("weekdays") or "", value("weeks_of_month") or "", value("days_of_month") or ""
        )
    except PatternError as exc:
        raise ServiceError(str(exc)) from None
    if not pattern.gives(minimum, legal.per):
        raise ServiceError(
            _("The regular day “%(day)s” gives fewer reception days than the minimum: %(minimum)s.")
            % {"day": pattern.describe(), "minimum": rules.describe_minimum(minimum, legal.per)}
        )
    return {
        "position": position,
        "person": person,
        "head_name": head_name,
        "head_title": head_title,
        "minimum_days": minimum,
        "weekdays": rules.as_text(pattern.weekdays),
        "weeks_of_month": rules.as_text(pattern.weeks_of_month),
        "days_of_month": rules.as_text(pattern.days_of_month),
        "place": _line(value("place"), 255, _("The place")),
        "valid_from": valid_from,
        "valid_until": valid_until,
        "note": _text(value("note"), _("The note")),
    }


@transaction.atomic
def create_schedule(unit: Unit, data: dict, *, actor, reason: str = "") -> ReceptionSchedule:
    """A head's periodic reception schedule in `unit`."""
    require(actor, MANAGE, unit)
    clean = _clean_schedule(unit, data)
    schedule = ReceptionSchedule(unit=unit, created_by=actor, **clean)
    with_reason(schedule, reason or _("Reception schedule set"), by=actor)
    schedule.save()
    return schedule


@transaction.atomic
def update_schedule(schedule: ReceptionSchedule, data: dict, *, actor, reason: str) -> ReceptionSchedule:
    """Change a schedule (sessions already recorded stay); a reason is required."""
    require(actor, MANAGE, schedule.unit)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("Give a reason for the change."))
    schedule = (
        ReceptionSchedule.objects.select_for_update(of=("self",))
        .select_related("unit__unit_type", "unit__area")
        .get(pk=schedule.pk)
    )
    clean = _clean_schedule(schedule.unit, data, schedule)
    if clean["position"] != schedule.position and schedule.sessions.exists():
        raise ServiceError(
            _("The position cannot change once sessions are recorded: end this schedule and set a new one.")
        )
    sessions = schedule.sessions.all()
    outside = sessions.filter(held_on__lt=clean["valid_from"])
    if clean["valid_until"] is not None:
        outside = outside | sessions.filter(held_on__gt=clean["valid_until"])
    if outside.exists():
        raise ServiceError(_("Sessions of this schedule are recorded outside the new dates."))
    for key, value in clean.items():
        setattr(schedule, key, value)
    with_reason(schedule, reason, by=actor)
    schedule.save()
    return schedule


# --- sessions -----------------------------------------------------------------------------------------


def _log_session(session: ReceptionSession, action: str, previous: str, *, actor, comment: str = ""):
    return ReceptionSessionEvent.objects.create(
        session=session,
        action=action,
        from_status=previous,
        to_status=session.status,
        actor=actor,
        comment=comment,
    )


def _clean_session(
    unit: Unit, data: dict, schedule, kind: str, current: ReceptionSession | None = None
) -> dict:
    data = {key: value for key, value in data.items() if key in SESSION_FIELDS}

    def value(key):
        return data[key] if key in data else getattr(current, key, None)

    held_on = _date(value("held_on"), _("Enter the date of the session (between 2000 and 2100)."))
    if not unit.is_active(held_on):
        raise ServiceError(
            _("%(unit)s was not in force on %(date)s.") % {"unit": unit.name, "date": _day(held_on)}
        )
    if schedule is not None and not schedule.is_active(held_on):
        raise ServiceError(_("The schedule was not in force on %(date)s.") % {"date": _day(held_on)})
    reason = value("ad_hoc_reason") or ""
    if kind == SessionKind.AD_HOC:
        if reason not in AdHocReason.values:
            raise ServiceError(
                _("Give the reason for an ad hoc session: a complex or mass case, a risk to order…")
            )
    else:
        reason = ""
    presided = value("presided_by") or ""
    if presided and presided not in Presider.values:
        raise ServiceError(_("Choose who presided: the head in person, or a deputy."))
    return {
        "ad_hoc_reason": reason,
        "held_on": held_on,
        "place": _line(value("place"), 255, _("The place")),
        "presided_by": presided,
        "presider_name": _line(value("presider_name"), 160, _("The name of who presided")),
        "citizens_count": _count(value("citizens_count"), _("citizens received")),
        "notes": _text(value("notes"), _("The notes")),
    }


def _check_held(session: ReceptionSession) -> None:
    """What a held session needs: a day not in the future and who presided."""
    if session.held_on > timezone.localdate():
        raise ServiceError(_("A session can be recorded as held on or after its date."))
    if session.presided_by not in Presider.values:
        raise ServiceError(_("Choose who presided: the head in person, or a deputy."))
    if session.presided_by == Presider.DEPUTY and not session.presider_name:
        raise ServiceError(_("Enter the name and title of the deputy who presided."))


def _locked_session(pk: int) -> ReceptionSession:
    return (
        ReceptionSession.objects.select_for_update(of=("self",))
        .select_related("unit", "schedule__person")
        .get(pk=pk)
    )


@transaction.atomic
def record_session(
    unit: Unit | None,
    data: dict,
    *,
    actor,
    schedule: ReceptionSchedule | None = None,
    kind: str = SessionKind.SCHEDULED,
    status: str = SessionStatus.PLANNED,
    comment: str = "",
) -> ReceptionSession:
    """A session of `schedule` (its unit receives), or an ad hoc session of `unit` (of the head
    of `schedule` when given). `status` "held" or "not_held" records a past session at once
    (`comment`: why it was not held)."""
    if schedule is not None:
        if unit is not None and unit.pk != schedule.unit_id:
            raise ServiceError(_("The session belongs to the unit of its schedule."))
        unit = schedule.unit
    if unit is None:
        raise ServiceError(_("Choose the schedule of the session, or the unit of an ad hoc session."))
    require(actor, MANAGE, unit)
    if kind not in SessionKind.values:
        raise ServiceError(_("Choose the kind of session."))
    if kind == SessionKind.SCHEDULED and schedule is None:
        raise ServiceError(_("A periodic session belongs to a schedule: choose it."))
    if status not in SessionStatus.values:
        raise ServiceError(_("Unknown status of a session."))
    clean = _clean_session(unit, data, schedule, kind)
    if (
        kind == SessionKind.SCHEDULED
        and ReceptionSession.objects.filter(schedule=schedule, kind=kind, held_on=clean["held_on"]).exists()
    ):
        raise ServiceError(
            _("A session of this schedule is already recorded on %(date)s.")
            % {"date": _day(clean["held_on"])}
        )
    if not clean["place"] and schedule is not None:
        clean["place"] = schedule.place
    session = ReceptionSession(unit=unit, schedule=schedule, kind=kind, created_by=actor, **clean)
    if status == SessionStatus.HELD:
        _check_held(session)
    with_reason(session, _("Reception session entered"), by=actor)
    session.save()
    _log_session(session, "create", "", actor=actor)
    if status == SessionStatus.HELD:
        return transition_session(session, "hold", actor=actor, comment=comment)
    if status == SessionStatus.NOT_HELD:
        return transition_session(session, "miss", actor=actor, comment=comment)
    return session


@transaction.atomic
def update_session(session: ReceptionSession, data: dict, *, actor, reason: str = "") -> ReceptionSession:
    """Complete or correct a planned or held session (not its schedule, kind or unit)."""
    require(actor, MANAGE, session.unit)
    session = _locked_session(session.pk)
    if session.status not in SESSION_EDITABLE:
        raise ServiceError(_("A session recorded as not held takes no changes."))
    clean = _clean_session(session.unit, data, session.schedule, session.kind, session)
    if (
        session.kind == SessionKind.SCHEDULED
        and clean["held_on"] != session.held_on
        and ReceptionSession.objects.filter(
            schedule=session.schedule, kind=session.kind, held_on=clean["held_on"]
        )
        .exclude(pk=session.pk)
        .exists()
    ):
        raise ServiceError(
            _("A session of this schedule is already recorded on %(date)s.")
            % {"date": _day(clean["held_on"])}
        )
    changed = [key for key, value in clean.items() if getattr(session, key) != value]
    for key in changed:
        setattr(session, key, clean[key])
    if session.status == SessionStatus.HELD:
        _check_held(session)
    if changed:
        with_reason(session, (reason or "").strip() or _("Reception session details changed"), by=actor)
        session.save()
    return session


@transaction.atomic
def transition_session(
    session: ReceptionSession,
    action: str,
    *,
    actor,
    comment: str = "",
    presided_by: str | None = None,
    presider_name: str | None = None,
    citizens_count: int | None = None,
    held_on: date | None = None,
) -> ReceptionSession:
    """Record a planned session as held (who presided, how many citizens, the day if not the
    planned one) or as not held (`comment`: why); refuse and change nothing otherwise."""
    rule = SESSION_TRANSITIONS.get(action)
    if rule is None:
        raise ServiceError(_("Unknown action “%(action)s”.") % {"action": action})
    session = _locked_session(session.pk)
    if not can(actor, rule.permission, session.unit):
        raise PermissionDenied(_("You do not have permission to do this here."))
    if session.status not in rule.sources:
        raise ServiceError(
            _("“%(action)s” is not possible while the reception session is %(status)s.")
            % {"action": rule.label, "status": session.get_status_display().lower()}
        )
    comment = (comment or "").strip()
    if rule.needs_comment and not comment:
        raise ServiceError(_("Give a reason for “%(action)s”.") % {"action": rule.label})
    if len(comment) > MAX_TEXT:
        raise ServiceError(_("The comment is too long."))
    if action == "hold":
        details = {
            key: value
            for key, value in {
                "presided_by": presided_by,
                "presider_name": presider_name,
                "citizens_count": citizens_count,
                "held_on": held_on,
            }.items()
            if value is not None
        }
        clean = _clean_session(session.unit, details, session.schedule, session.kind, session)
        if (
            session.kind == SessionKind.SCHEDULED
            and clean["held_on"] != session.held_on
            and ReceptionSession.objects.filter(
                schedule=session.schedule, kind=session.kind, held_on=clean["held_on"]
            )
            .exclude(pk=session.pk)
            .exists()
        ):
            raise ServiceError(
                _("A session of this schedule is already recorded on %(date)s.")
                % {"date": _day(clean["held_on"])}
            )
        for key, value in clean.items():
            setattr(session, key, value)
        _check_held(session)
    else:
        session.not_held_reason = comment
    previous = session.status
    session.status = rule.target
    session.status_changed_at = timezone.now()
    with_reason(session, comment or str(rule.label), by=actor)
    session.save()
    _log_session(session, action, previous, actor=actor, comment=comment)
    return session


# --- dialogues ----------------------------------------------------------------------------------------


def _may_name(actor, organizer: Unit, unit: Unit) -> bool:
    """May the actor name `unit` as the co-organizer of a dialogue of `organizer`, or as the owner
    of one of its commitments? A unit of the organizer's own level (under the same parent: the
    commune's Front, police, the People's Committee's offices) or one the actor may see."""
    if organizer.depth > 1 and unit.path.startswith(organizer.path[: -organizer.steplen]):
        return True
    return can_see_unit(actor, unit)


def _clean_dialogue(organizer: Unit, data: dict, *, actor, current: Dialogue | None = None) -> dict:
    data = {key: value for key, value in data.items() if key in DIALOGUE_FIELDS}

    def value(key):
        return data[key] if key in data else getattr(current, key, None)

    title = _line(value("title"), 300, _("The title"))
    if not title:
        raise ServiceError(_("Enter the title of the dialogue."))
    held_on = _date(value("held_on"), _("Enter the date of the dialogue (between 2000 and 2100)."))
    if held_on > timezone.localdate():
        raise ServiceError(
            _("A dialogue is recorded once it has been held: its date cannot be in the future.")
        )
    if not organizer.is_active(held_on):
        raise ServiceError(
            _("%(unit)s was not in force on %(date)s.") % {"unit": organizer.name, "date": _day(held_on)}
        )
    front = value("front")
    if front is not None:
        if not isinstance(front, Unit) or front.unit_type.category != UnitCategory.FRONT:
            raise ServiceError(_("The co-organizer must be a committee of the Fatherland Front."))
        if (current is None or current.front_id != front.pk) and not _may_name(actor, organizer, front):
            raise PermissionDenied(_("You do not have permission to do this here."))
    return {
        "front": front,
        "title": title,
        "held_on": held_on,
        "place": _line(value("place"), 255, _("The place")),
        "chaired_by": _line(value("chaired_by"), 300, _("Who chaired")),
        "participants": _text(value("participants"), _("The participants")),
        "participants_count": _count(value("participants_count"), _("participants")),
        "summary": _text(value("summary"), _("The summary")),
    }


@transaction.atomic
def create_dialogue(organizer: Unit, data: dict, *, actor) -> Dialogue:
    """Record a dialogue conference `organizer` held (with the Front co-organizing)."""
    require(actor, MANAGE, organizer)
    clean = _clean_dialogue(organizer, data, actor=actor)
    dialogue = Dialogue(organizer=organizer, created_by=actor, **clean)
    with_reason(dialogue, _("Dialogue recorded"), by=actor)
    dialogue.save()
    return dialogue


@transaction.atomic
def update_dialogue(dialogue: Dialogue, data: dict, *, actor, reason: str = "") -> Dialogue:
    require(actor, MANAGE, dialogue.organizer)
    dialogue = (
        Dialogue.objects.select_for_update(of=("self",))
        .select_related("organizer", "front")
        .get(pk=dialogue.pk)
    )
    clean = _clean_dialogue(dialogue.organizer, data, actor=actor, current=dialogue)
    if dialogue.commitments.filter(due_on__lt=clean["held_on"]).exists():
        raise ServiceError(_("A commitment of this dialogue is due before that date."))
    changed = [key for key, value in clean.items() if getattr(dialogue, key) != value]
    for key in changed:
        setattr(dialogue, key, clean[key])
    if changed:
        with_reason(dialogue, (reason or "").strip() or _("Dialogue details changed"), by=actor)
        dialogue.save()
    return dialogue


@transaction.atomic
def add_issue(dialogue: Dialogue, data: dict, *, actor) -> DialogueIssue:
    """An issue the people raised at the dialogue, and the answer given."""
    require(actor, MANAGE, dialogue.organizer)
    content = _text(data.get("content"), _("The issue"))
    if not content:
        raise ServiceError(_("Enter the issue raised."))
    issue = DialogueIssue(
        dialogue=dialogue,
        content=content,
        raised_by=_line(data.get("raised_by"), 300, _("Who raised it")),
        answer=_text(data.get("answer"), _("The answer")),
        answered_by=_line(data.get("answered_by"), 300, _("Who answered")),
        created_by=actor,
    )
    with_reason(issue, _("Issue recorded"), by=actor)
    issue.save()
    return issue


@transaction.atomic
def update_issue(issue: DialogueIssue, data: dict, *, actor, reason: str = "") -> DialogueIssue:
    """Correct an issue or record the answer given later."""
    require(actor, MANAGE, issue.dialogue.organizer)
    values = {
        "content": _text(data.get("content", issue.content), _("The issue")),
        "raised_by": _line(data.get("raised_by", issue.raised_by), 300, _("Who raised it")),
        "answer": _text(data.get("answer", issue.answer), _("The answer")),
        "answered_by": _line(data.get("answered_by", issue.answered_by), 300, _("Who answered")),
    }
    if not values["content"]:
        raise ServiceError(_("Enter the issue raised."))
    changed = [key for key, value in values.items() if getattr(issue, key) != value]
    for key in changed:
        setattr(issue, key, values[key])
    if changed:
        with_reason(issue, (reason or "").strip() or _("Issue changed"), by=actor)
        issue.save()
    return issue


def _clean_commitment(dialogue: Dialogue, data: dict, *, actor, current: Commitment | None = None) -> dict:
    data = {key: value for key, value in data.items() if key in COMMITMENT_FIELDS}

    def value(key):
        return data[key] if key in data else getattr(current, key, None)

    content = _text(value("content"), _("The commitment"))
    if not content:
        raise ServiceError(_("Enter what was committed."))
    owner = value("owner_unit")
    if not isinstance(owner, Unit):
        raise ServiceError(_("Choose the unit that owns the commitment."))
    if (current is None or current.owner_unit_id != owner.pk) and not _may_name(
        actor, dialogue.organizer, owner
    ):
        raise PermissionDenied(_("You do not have permission to do this here."))
    if not owner.is_active(dialogue.held_on):
        raise ServiceError(
            _("%(unit)s was not in force on %(date)s.") % {"unit": owner.name, "date": _day(dialogue.held_on)}
        )
    due_on = _date(value("due_on"), _("Enter the due date of the commitment (between 2000 and 2100)."))
    if due_on < dialogue.held_on:
        raise ServiceError(
            _("The due date cannot be before the dialogue (%(date)s).") % {"date": _day(dialogue.held_on)}
        )
    issue = value("issue")
    if issue is not None and (not isinstance(issue, DialogueIssue) or issue.dialogue_id != dialogue.pk):
        raise ServiceError(_("The issue answered must be one raised at this dialogue."))
    return {
        "content": content,
        "owner_unit": owner,
        "owner_person": _line(value("owner_person"), 200, _("The person in charge")),
        "due_on": due_on,
        "issue": issue,
    }


def _log_commitment(
    commitment: Commitment, action: str, previous: str, *, actor, on: date, content: str = ""
) -> CommitmentFollowUp:
    return CommitmentFollowUp.objects.create(
        commitment=commitment,
        action=action,
        from_status=previous,
        to_status=commitment.status,
        actor=actor,
        happened_on=on,
        content=content,
    )


@transaction.atomic
def add_commitment(dialogue: Dialogue, data: dict, *, actor) -> Commitment:
    """A commitment made at the dialogue: content, the unit that owns it (and who), the due date."""
    require(actor, MANAGE, dialogue.organizer)
    clean = _clean_commitment(dialogue, data, actor=actor)
    commitment = Commitment(dialogue=dialogue, created_by=actor, **clean)
    with_reason(commitment, _("Commitment recorded"), by=actor)
    commitment.save()
    _log_commitment(commitment, "create", "", actor=actor, on=dialogue.held_on)
    return commitment


@transaction.atomic
def update_commitment(commitment: Commitment, data: dict, *, actor, reason: str) -> Commitment:
    """Correct a commitment or move its due date (the dialogue's organizer); a reason is required."""
    require(actor, MANAGE, commitment.dialogue.organizer)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("Give a reason for the change."))
    commitment = (
        Commitment.objects.select_for_update(of=("self",))
        .select_related("dialogue__organizer", "owner_unit")
        .get(pk=commitment.pk)
    )
    clean = _clean_commitment(commitment.dialogue, data, actor=actor, current=commitment)
    changed = [key for key, value in clean.items() if getattr(commitment, key) != value]
    for key in changed:
        setattr(commitment, key, clean[key])
    if changed:
        with_reason(commitment, reason, by=actor)
        commitment.save()
    return commitment


@transaction.atomic
def follow_up(
    commitment: Commitment, action: str, *, actor, content: str, happened_on: date | None = None
) -> CommitmentFollowUp:
    """One step of a commitment's follow-up: `progress` (a note, it stays open), `complete`
    (done on `happened_on`), `reopen` (it was not done after all). `content` says what was done,
    or why; `happened_on` (default today) is the day it happened, not in the future and not
    before the dialogue."""
    rule = COMMITMENT_TRANSITIONS.get(action)
    if rule is None:
        raise ServiceError(_("Unknown action “%(action)s”.") % {"action": action})
    commitment = (
        Commitment.objects.select_for_update(of=("self",))
        .select_related("dialogue__organizer", "owner_unit")
        .get(pk=commitment.pk)
    )
    if not can_follow_up(actor, commitment):
        raise PermissionDenied(_("You do not have permission to do this here."))
    if commitment.status not in rule.sources:
        raise ServiceError(
            _("“%(action)s” is not possible while the commitment is %(status)s.")
            % {"action": rule.label, "status": commitment.get_status_display().lower()}
        )
    content = _text(content, _("What was done"))
    if rule.needs_comment and not content:
        if action == "reopen":
            raise ServiceError(_("Say why the commitment is reopened."))
        raise ServiceError(_("Say what was done."))
    today = timezone.localdate()
    on = happened_on or today
    if not isinstance(on, date) or on > today:
        raise ServiceError(_("The date of a follow-up cannot be in the future."))
    if on < commitment.dialogue.held_on:
        raise ServiceError(
            _("The date of a follow-up cannot be before the dialogue (%(date)s).")
            % {"date": _day(commitment.dialogue.held_on)}
        )
    previous = commitment.status
    if rule.target != previous:
        commitment.status = rule.target
        commitment.status_changed_at = timezone.now()
        commitment.done_on = on if rule.target == CommitmentStatus.DONE else None
        with_reason(commitment, content, by=actor)
        commitment.save()
    return _log_commitment(commitment, action, previous, actor=actor, on=on, content=content)
