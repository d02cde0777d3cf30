"""Every write on petitions, and the rules of who may see what.

Officers record petitions (`record_petition`) and act on them (`transition`, one function for
every action of `workflow.ACTIONS`); citizens submit through the public form (`record_petition`
with `public=True`) and confirm or reopen by their tracking code (`citizen_action`). Each write is
transactional, permission-checked, logged (`PetitionEvent`, and django-simple-history with the
reason) and tells the people who must act (notifications, on commit).

Confidentiality (Luật Tố cáo Art. 47): a denouncer's identity is shown only to the assigned
handler and to the leaders of the competent unit or above (`can_see_identity`); every showing
is recorded (`reveal_identity`). Lists, exports, reports and API answers never carry it —
`petitioner_summary` says "confidential" for a denunciation whoever asks.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.core.permissions import Role, can, granted_paths, require, scope_q
from danvan.core.services import ServiceError, with_reason
from danvan.core.text import fold
from danvan.geo.models import Area, AreaLevel
from danvan.orgs.models import Unit
from danvan.petitions import deadlines
from danvan.petitions.deadlines import Kind, Step
from danvan.petitions.models import (
    MASS_PETITIONERS,
    Channel,
    HotSpot,
    HotSpotStatus,
    IdentityView,
    Petition,
    PetitionAttachment,
    PetitionerKey,
    PetitionEvent,
    RefusalGround,
    RoutingRule,
    Topic,
)
from danvan.petitions.workflow import ACTIONS, PUBLIC, Action, PetitionStatus

S = PetitionStatus
VIEW = "petitions.view"
RECORD = "petitions.record"
DECIDE = "petitions.decide"
MAX_TEXT = 5000
MAX_CONTENT = 20000
MAX_PETITIONERS = 500
MAX_ATTACHMENTS = 5
PERSON_FIELDS = ("name", "id_number", "phone", "email", "address")
PERSON_LIMITS = {"name": 120, "id_number": 20, "phone": 20, "email": 254, "address": 255}


# --- who sees what --------------------------------------------------------------------------------


def visible_petitions(user):
    return Petition.objects.filter(scope_q(user, VIEW, "unit__path"))


def can_see_identity(user, petition: Petition) -> bool:
    """May `user` see who lodged the petition?

    For a denunciation: only the assigned handler and the leaders of the competent unit or of a
    unit above it ("the people above them who decide") — not other officers, not a system
    administrator as such. For other kinds: whoever may see the petition."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if not petition.is_denunciation:
        return can(user, VIEW, petition)
    if petition.handler_id is not None and petition.handler_id == user.pk:
        return True
    return any(petition.unit.path.startswith(path) for path in granted_paths(user, DECIDE))


def reveal_identity(petition: Petition, user, *, purpose: str = "") -> list[dict]:
    """The petitioners of a petition, for someone allowed to see them; showing a denouncer's
    identity is recorded (who, when, why)."""
    if not can_see_identity(user, petition):
        raise PermissionDenied(_("You do not have permission to do this here."))
    if petition.is_denunciation:
        IdentityView.objects.create(
            petition=petition, user=user, purpose=(purpose or "").strip()[:255] or _("Handling the petition")
        )
    return list(petition.petitioners or [])


def petitioner_summary(petition: Petition) -> str:
    """What a list shows for who lodged it: never a denouncer's name."""
    if petition.is_denunciation:
        return _("Denouncer (confidential)")
    people = petition.petitioners or []
    first = (people[0].get("name") if people else "") or _("(no name)")
    others = petition.petitioner_count - 1
    if others > 0:
        return ngettext("%(name)s and %(n)s other", "%(name)s and %(n)s others", others) % {
            "name": first,
            "n": others,
        }
    return first


def allowed_actions(petition: Petition, user) -> list[Action]:
    """The officer actions this user may take on the petition now."""
    result = []
    for rule in ACTIONS.values():
        if rule.permission == PUBLIC or not rule.applies_to(petition):
            continue
        if rule.action == "assign" and petition.is_denunciation:
            if not any(petition.unit.path.startswith(p) for p in granted_paths(user, DECIDE)):
                continue
        elif not can(user, rule.permission, petition):
            continue
        if rule.action == "extend" and not _extendable(petition):
            continue
        result.append(rule)
    return result


# --- routing ----------------------------------------------------------------------------------------


def default_unit(area: Area, on: date | None = None) -> Unit | None:
    """The People's Committee of the area, or of the nearest area above it that has one."""
    on = on or timezone.localdate()
    paths = [area.path[:i] for i in range(len(area.path), 0, -Area.steplen)]
    candidates = {
        unit.area.path: unit
        for unit in Unit.objects.active(on)
        .filter(unit_type__code="peoples_committee", area__path__in=paths)
        .select_related("area")
        .order_by("-pk")
    }
    for path in paths:
        if path in candidates:
            return candidates[path]
    return None


def route(kind: str, topic: str, area: Area, on: date | None = None) -> Unit | None:
    """The competent unit for a petition (see `RoutingRule`)."""
    on = on or timezone.localdate()
    paths = [area.path[:i] for i in range(len(area.path), 0, -Area.steplen)]
    rules = (
        RoutingRule.objects.filter(active=True)
        .filter(Q(kind="") | Q(kind=kind), Q(topic="") | Q(topic=topic))
        .filter(Q(area__isnull=True) | Q(area__path__in=paths))
        # prefetched, not joined: SQLite read all the units to join them to a handful of rules
        .prefetch_related("unit", "area")
    )
    best = None
    best_key = None
    for rule in rules:
        if not rule.unit.is_active(on):
            continue
        depth = len(rule.area.path) if rule.area_id else 0
        key = (-depth, -(bool(rule.kind) + bool(rule.topic)), rule.priority, rule.pk)
        if best_key is None or key < best_key:
            best, best_key = rule.unit, key
    return best or default_unit(area, on)


def second_instance_unit(petition: Petition) -> Unit | None:
    """Who resolves a second-instance complaint: the People's Committee of the area above."""
    area = petition.unit.area
    parent = area.parent_area()
    return default_unit(parent) if parent is not None else None


# --- deadlines --------------------------------------------------------------------------------------


def _step_for(petition: Petition) -> str:
    if petition.status == S.RECEIVED:
        return Step.PROCESS
    if petition.status == S.ACCEPTED:
        return Step.RESOLVE_SECOND if petition.instance_no == 2 else Step.RESOLVE
    return ""


def _start_step(petition: Petition, start: date) -> None:
    """Put the petition in the step its state calls for, starting on `start`, with its due date."""
    step = _step_for(petition)
    petition.step = step
    petition.extensions = 0
    petition.escalated_for = None
    _recompute(petition, start if step else None)


def _recompute(petition: Petition, start: date | None) -> None:
    petition.step_started_on = start
    if not petition.step or start is None:
        petition.due_on = None
        petition.rule_set = ""
        return
    found = deadlines.deadline(
        petition.kind,
        petition.step,
        start,
        complex=petition.is_complex,
        remote=petition.is_remote,
        extensions=petition.extensions,
    )
    petition.due_on = found.due_on if found else None
    petition.rule_set = found.rule_set.code if found else ""


def current_deadline(petition: Petition):
    """The `deadlines.Deadline` of the step the petition is in (None when finished)."""
    if not petition.step or petition.step_started_on is None:
        return None
    return deadlines.deadline(
        petition.kind,
        petition.step,
        petition.step_started_on,
        complex=petition.is_complex,
        remote=petition.is_remote,
        extensions=petition.extensions,
    )


def other_deadlines(petition: Petition) -> list:
    """The duties the law sets beside the current step, as `deadlines.Deadline`s: a denunciation's
    notice of acceptance (to the denouncer and the denounced, 5 working days from acceptance) and,
    for a resolved first-instance complaint, the window in which a second-instance complaint may
    be lodged."""
    found = []
    if petition.is_denunciation and petition.status == S.ACCEPTED and petition.accepted_on:
        found.append(deadlines.deadline(petition.kind, Step.NOTICE, petition.accepted_on))
    if petition.kind == Kind.COMPLAINT and petition.status == S.RESOLVED and petition.instance_no == 1:
        start = petition.resolution_date or petition.resolved_on
        if start:
            found.append(deadlines.deadline(petition.kind, Step.APPEAL, start, remote=petition.is_remote))
    return [d for d in found if d is not None]


def _extendable(petition: Petition) -> bool:
    if not petition.step or petition.step_started_on is None:
        return False
    rule = deadlines.rule_for(petition.kind, petition.step, petition.step_started_on)
    if rule is None:
        return False
    limit = 1 if rule.extended_days is not None else rule.max_extensions
    return petition.extensions < limit


# --- intake -----------------------------------------------------------------------------------------


def _clean_text(value, label: str, limit: int, *, required: bool = False, multiline: bool = False) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\x00", "")
    text = text.strip() if multiline else " ".join(text.split())
    if required and not text:
        raise ServiceError(_("“%(field)s” is required.") % {"field": label})
    if len(text) > limit:
        raise ServiceError(
            _("“%(field)s” is too long (at most %(limit)s characters).") % {"field": label, "limit": limit}
        )
    return text


def _clean_people(people) -> list[dict]:
    if not isinstance(people, list | tuple) or not people:
        raise ServiceError(_("Give the name of at least one petitioner."))
    if len(people) > MAX_PETITIONERS:
        raise ServiceError(_("At most %(n)s petitioners can be listed.") % {"n": MAX_PETITIONERS})
    labels = {
        "name": _("Full name"),
        "id_number": _("ID number"),
        "phone": _("Phone"),
        "email": _("E-mail"),
        "address": _("Address"),
    }
    cleaned = []
    for person in people:
        if not isinstance(person, dict):
            raise ServiceError(_("Give the name of at least one petitioner."))
        row = {
            name: _clean_text(person.get(name), labels[name], PERSON_LIMITS[name]) for name in PERSON_FIELDS
        }
        if not any(row.values()):
            continue
        if not row["name"]:
            raise ServiceError(_("Every petitioner needs a full name."))
        if row["phone"] and not all(ch.isdigit() or ch in "+ .-()" for ch in row["phone"]):
            raise ServiceError(_("The phone number may only contain digits."))
        if row["id_number"] and not row["id_number"].isalnum():
            raise ServiceError(_("The ID number may only contain letters and digits."))
        if row["email"] and ("@" not in row["email"] or " " in row["email"]):
            raise ServiceError(_("The e-mail address is not valid."))
        cleaned.append({k: v for k, v in row.items() if v})
    if not cleaned:
        raise ServiceError(_("Give the name of at least one petitioner."))
    return cleaned


def person_keys(people: Iterable[dict]) -> set[str]:
    """Blind-index keys of petitioners: HMAC of the folded name with the ID number, and with the
    phone digits (each when given)."""
    secret = hashlib.sha256(b"danvan.petitions.person_keys:" + settings.SECRET_KEY.encode()).digest()
    keys = set()
    for person in people:
        name = fold(person.get("name", ""))
        for other in (
            person.get("id_number", ""),
            "".join(ch for ch in person.get("phone", "") if ch.isdigit()),
        ):
            if name and other:
                digest = hmac.new(secret, f"{name}|{other.upper()}".encode(), hashlib.sha256).hexdigest()
                keys.add(digest[:32])
    return keys


def _similar(a: str, b: str) -> bool:
    """Two subjects say the same thing: equal when folded, or most of their words shared."""
    words_a, words_b = set(fold(a).split()), set(fold(b).split())
    if not words_a or not words_b:
        return False
    return len(words_a & words_b) / min(len(words_a), len(words_b)) >= 0.6


def find_duplicates(people: list[dict], subject: str, *, exclude: int | None = None) -> list[Petition]:
    """Open petitions from one of the same people (name with phone or ID number) about a similar
    subject: what intake warns of before a second file is opened for the same problem."""
    keys = person_keys(people)
    if not keys:
        return []
    candidates = (
        Petition.objects.open()
        .filter(pk__in=PetitionerKey.objects.filter(key__in=keys).values("petition_id"))
        .select_related("unit")
        .order_by("-received_on", "-pk")[:20]
    )
    return [p for p in candidates if p.pk != exclude and _similar(p.subject, subject)]


def _choice(value, choices, label: str, *, default=None) -> str:
    value = default if value in (None, "") else value
    if value not in choices.values:
        raise ServiceError(_("Choose a valid “%(field)s”.") % {"field": label})
    return value


def _clean_area(area) -> Area:
    if isinstance(area, Area):
        found = area
    else:
        try:
            found = Area.objects.get(pk=int(area))
        except (TypeError, ValueError, Area.DoesNotExist):
            found = None
    if found is None:
        raise ServiceError(_("Choose the commune or ward the petition is about."))
    if found.is_legacy or found.level not in (AreaLevel.PROVINCE, AreaLevel.COMMUNE, AreaLevel.VILLAGE):
        raise ServiceError(_("Choose a commune or ward in force today."))
    return found


@transaction.atomic
def record_petition(
    data: dict,
    *,
    actor=None,
    public: bool = False,
    source: str = "",
    files: Iterable = (),
    confirm_duplicate: bool = False,
    today: date | None = None,
) -> Petition:
    """Record a received petition and start its processing step.

    `data`: kind, topic, subject, content, location, area (an Area or its id), petitioners (a list
    of {name, id_number, phone, email, address}), and for officers also channel, received_on,
    forwarded_by, unit (the competent unit; routed when omitted), reception_session, flags
    (is_complex, is_remote, is_backlog, is_protracted). A public submission is received today,
    online, and routed. An officer is warned of an open petition of the same person on a similar
    subject (`ServiceError` listing it) unless `confirm_duplicate`; the public form records it
    with `duplicate_of` set for the officers to see."""
    today = today or timezone.localdate()
    kind = _choice(data.get("kind"), Kind, _("Kind"))
    topic = _choice(data.get("topic"), Topic, _("Topic"), default=Topic.OTHER)
    subject = _clean_text(data.get("subject"), _("Subject"), 255, required=True)
    content = _clean_text(data.get("content"), _("Content"), MAX_CONTENT, required=True, multiline=True)
    location = _clean_text(data.get("location"), _("Where"), 255)
    area = _clean_area(data.get("area"))
    people = _clean_people(data.get("petitioners"))
    files = list(files or ())
    if len(files) > MAX_ATTACHMENTS:
        raise ServiceError(_("At most %(n)s files can be attached.") % {"n": MAX_ATTACHMENTS})
    checked = [_check_file(upload) for upload in files]

    if public:
        channel, received_on, forwarded_by = Channel.ONLINE, today, ""
        unit = route(kind, topic, area, today)
        flags = {}
        session = None
        actor = None
    else:
        channel = _choice(data.get("channel"), Channel, _("How it was received"), default=Channel.DIRECT)
        if channel == Channel.ONLINE:
            raise ServiceError(_("Online petitions come through the public form."))
        received_on = data.get("received_on") or today
        if isinstance(received_on, str):
            try:
                received_on = date.fromisoformat(received_on)
            except ValueError as exc:
                raise ServiceError(_("The date received is not a valid date.")) from exc
        if received_on > today:
            raise ServiceError(_("The date received cannot be in the future."))
        if received_on.year < 2019:
            raise ServiceError(_("Petitions received before 2019 are not recorded here."))
        forwarded_by = _clean_text(data.get("forwarded_by"), _("Forwarded by"), 255)
        if channel == Channel.FORWARDED and not forwarded_by:
            raise ServiceError(_("Name the body that forwarded the petition."))
        unit = data.get("unit") or route(kind, topic, area, received_on)
        if unit is not None and not isinstance(unit, Unit):
            unit = Unit.objects.filter(pk=unit).first()
        flags = {
            name: bool(data.get(name))
            for name in ("is_complex", "is_remote", "is_backlog", "is_protracted")
            if name in data
        }
        session = data.get("reception_session")
        if session is not None and not hasattr(session, "pk"):
            from danvan.reception.models import ReceptionSession

            session = ReceptionSession.objects.filter(pk=session).first()
            if session is None:
                raise ServiceError(_("The reception session does not exist."))
        if session is not None and getattr(session, "unit_id", None) and not can(actor, VIEW, session.unit):
            raise ServiceError(_("The reception session is not one of your units."))
    if unit is None:
        raise ServiceError(_("No unit is competent for this area; choose the competent unit."))
    if not public:
        require(actor, RECORD, unit)

    duplicates = find_duplicates(people, subject)
    if duplicates and not public and not confirm_duplicate:
        raise ServiceError(
            _(
                "This person already has an open petition on a similar subject: %(codes)s. "
                "Check it, then confirm."
            )
            % {"codes": ", ".join(p.code for p in duplicates)}
        )

    petition = Petition(
        kind=kind,
        topic=topic,
        subject=subject,
        content=content,
        location=location,
        area=area,
        unit=unit,
        channel=channel,
        forwarded_by=forwarded_by,
        received_on=received_on,
        petitioners=people,
        petitioner_count=len(people),
        is_mass=len(people) >= MASS_PETITIONERS,
        duplicate_of=duplicates[0] if duplicates else None,
        source=source[:64],
        created_by=actor,
        **flags,
    )
    if session is not None:
        petition.reception_session = session
    if not public and actor is not None and can(actor, "petitions.handle", unit):
        # who records it at the competent unit handles it; for a denunciation they took the
        # denouncer's statement, so handling it reveals nothing new to them
        petition.handler = actor
    _start_step(petition, received_on)
    with_reason(petition, _("Petition received"), by=actor)
    petition.save()
    PetitionerKey.objects.bulk_create(
        [PetitionerKey(petition=petition, key=key) for key in person_keys(people)]
    )
    for kind_of_file, content_bytes, name in checked:
        _attach(petition, kind_of_file, content_bytes, name, actor)
    event = _log(
        petition,
        "receive",
        "",
        petition.status,
        actor=actor,
        by_citizen=public,
        reply=_("Your petition was received on %(date)s.") % {"date": received_on.strftime("%d/%m/%Y")},
    )
    transaction.on_commit(lambda: _notify(petition, event, actor))
    return petition


def _check_file(upload) -> tuple[str, bytes, str]:
    from danvan.initiatives.evidence import check

    kind, data = check(upload)
    name = _clean_text(getattr(upload, "name", "") or "tep", _("File name"), 200) or "tep"
    return kind, data, name.replace("/", "_").replace("\\", "_")


def _attach(petition, kind, data, name, actor) -> PetitionAttachment:
    attachment = PetitionAttachment(
        petition=petition, kind=kind, original_name=name, size=len(data), uploaded_by=actor
    )
    attachment.file.save(name, ContentFile(data), save=False)
    with_reason(attachment, _("File attached"), by=actor)
    attachment.save()
    return attachment


@transaction.atomic
def attach(petition: Petition, upload, *, actor) -> PetitionAttachment:
    require(actor, RECORD, petition)
    if petition.is_denunciation and not can_see_identity(actor, petition):
        raise PermissionDenied(_("You do not have permission to do this here."))
    if petition.attachments.count() >= 20:
        raise ServiceError(_("At most %(n)s files can be attached.") % {"n": 20})
    kind, data, name = _check_file(upload)
    attachment = _attach(petition, kind, data, name, actor)
    _log(petition, "attach", petition.status, petition.status, actor=actor, comment=name)
    return attachment


def can_open_attachments(user, petition: Petition) -> bool:
    """A denunciation's files may name the denouncer: they follow the identity's rule."""
    if petition.is_denunciation:
        return can_see_identity(user, petition)
    return can(user, VIEW, petition)


# --- the workflow -----------------------------------------------------------------------------------


def _locked(pk: int) -> Petition:
    return Petition.objects.select_for_update(of=("self",)).select_related("unit", "area").get(pk=pk)


def _clean_date(value, label: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ServiceError(_("“%(field)s” is not a valid date.") % {"field": label}) from exc


@transaction.atomic
def transition(
    petition: Petition,
    action: str,
    *,
    actor,
    comment: str = "",
    reply: str = "",
    data: dict | None = None,
    today: date | None = None,
) -> Petition:
    """Apply one officer action of `workflow.ACTIONS`, or refuse it and change nothing.

    `data` carries what an action needs besides the comment and the reply: `handler` (assign),
    `unit` (transfer, appeal), `forwarded_to` (forward), `ground` (refuse), `resolution_number`
    and `resolution_date` (resolve), and for classify `kind`, `topic` and the flags."""
    rule = ACTIONS.get(action)
    if rule is None or rule.permission == PUBLIC:
        raise ServiceError(_("Unknown action “%(action)s”.") % {"action": action})
    data = data or {}
    petition = _locked(petition.pk)
    if petition.kind not in rule.kinds:
        raise ServiceError(
            _("“%(action)s” does not apply to a %(kind)s.")
            % {"action": rule.label, "kind": petition.get_kind_display().lower()}
        )
    if petition.status not in rule.sources:
        raise ServiceError(
            _("“%(action)s” is not possible while the petition is %(status)s.")
            % {"action": rule.label, "status": petition.get_status_display().lower()}
        )
    if action == "assign" and petition.is_denunciation:
        if not any(petition.unit.path.startswith(p) for p in granted_paths(actor, DECIDE)):
            raise PermissionDenied(_("Only a leader of the unit assigns who handles a denunciation."))
    elif not can(actor, rule.permission, petition):
        raise PermissionDenied(_("You do not have permission to do this here."))
    comment = _clean_text(comment, _("Comment"), MAX_TEXT, multiline=True)
    reply = _clean_text(reply, _("Reply to the citizen"), MAX_TEXT, multiline=True)
    if rule.needs_comment and not comment:
        raise ServiceError(_("Give a reason for “%(action)s”.") % {"action": rule.label})
    if rule.needs_reply and not reply:
        raise ServiceError(_("Write what the citizen is told for “%(action)s”.") % {"action": rule.label})
    today = today or timezone.localdate()
    previous = petition.status
    due_before = petition.due_on
    event_unit = None

    if action == "assign":
        petition.handler = _handler(data.get("handler"), petition)
        comment = comment or (_("Handler: %(name)s") % {"name": _user_name(petition.handler)})
    elif action == "classify":
        _classify(petition, data)
    elif action == "accept":
        petition.accepted_on = today
    elif action == "refuse":
        petition.refusal_ground = _choice(data.get("ground"), RefusalGround, _("Ground for refusal"))
    elif action == "transfer":
        unit = data.get("unit")
        if unit is not None and not isinstance(unit, Unit):
            unit = Unit.objects.filter(pk=unit).first()
        if unit is None or not unit.is_active(today):
            raise ServiceError(_("Choose the competent unit, in force today."))
        if unit.pk == petition.unit_id:
            raise ServiceError(_("The petition is already with this unit."))
        petition.unit = unit
        petition.handler = None
        event_unit = unit
    elif action == "forward":
        petition.forwarded_to = _clean_text(data.get("forwarded_to"), _("Forwarded to"), 255, required=True)
    elif action == "extend":
        if not _extendable(petition):
            raise ServiceError(_("The law allows no (further) extension of this deadline."))
        petition.extensions += 1
        petition.escalated_for = None
    elif action == "resolve":
        petition.resolution_number = _clean_text(data.get("resolution_number"), _("Decision number"), 60)
        petition.resolution_date = _clean_date(data.get("resolution_date"), _("Decision date")) or today
        if petition.resolution_date > today:
            raise ServiceError(_("The decision date cannot be in the future."))
    elif action == "appeal":
        if petition.instance_no != 1:
            raise ServiceError(_("A second-instance decision is final; the complainant may go to court."))
        window = deadlines.deadline(
            petition.kind,
            Step.APPEAL,
            petition.resolved_on or today,
            remote=petition.is_remote,
        )
        if window is not None and today > window.due_on and not data.get("late_accepted"):
            raise ServiceError(
                _("The time to lodge a second-instance complaint ended on %(date)s.")
                % {"date": window.due_on.strftime("%d/%m/%Y")}
            )
        unit = data.get("unit") or second_instance_unit(petition)
        if unit is not None and not isinstance(unit, Unit):
            unit = Unit.objects.filter(pk=unit).first()
        if unit is None:
            raise ServiceError(_("No unit above resolves second-instance complaints here; choose one."))
        petition.instance_no = 2
        petition.unit = unit
        petition.handler = None
        petition.resolved_on = None
        petition.resolved_on_time = None
        petition.accepted_on = None
        event_unit = unit

    petition.status = rule.target or petition.status
    if rule.target and rule.target != previous or action in ("transfer", "appeal"):
        _start_step(petition, today)
    elif action in ("extend", "classify"):
        _recompute(petition, petition.step_started_on)
    if petition.status in (S.RESOLVED,) and previous != S.RESOLVED:
        petition.resolved_on = today
        petition.resolved_on_time = None if due_before is None else today <= due_before
    if reply:
        petition.reply = reply
    with_reason(petition, comment or reply or str(rule.label), by=actor)
    petition.save()
    event = _log(
        petition,
        action,
        previous,
        petition.status,
        actor=actor,
        comment=comment,
        reply=reply,
        unit=event_unit,
    )
    transaction.on_commit(lambda: _notify(petition, event, actor))
    return petition


def _classify(petition: Petition, data: dict) -> None:
    if "kind" in data and data["kind"] != petition.kind:
        if petition.status != S.RECEIVED:
            raise ServiceError(_("The kind can only change before the petition is accepted."))
        petition.kind = _choice(data["kind"], Kind, _("Kind"))
        petition.step = _step_for(petition)
    if "topic" in data:
        petition.topic = _choice(data["topic"], Topic, _("Topic"))
    for name in ("is_complex", "is_remote", "is_mass", "is_backlog", "is_protracted"):
        if name in data:
            setattr(petition, name, bool(data[name]))


def _handler(value, petition: Petition):
    from django.contrib.auth import get_user_model

    user = (
        value if hasattr(value, "pk") else get_user_model().objects.filter(pk=value, is_active=True).first()
    )
    if user is None or not can(user, "petitions.handle", petition):
        raise ServiceError(_("Choose a petition handler of the competent unit."))
    return user


def _user_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def handlers_for(petition: Petition):
    """The active users who may handle the petition (for the assign form)."""
    from danvan.notifications.services import users_granted

    return users_granted(petition.unit, [Role.PETITION_HANDLER, Role.LEADER], ancestors=True)


def _log(
    petition, action, from_status, to_status, *, actor=None, comment="", reply="", by_citizen=False, unit=None
):
    return PetitionEvent.objects.create(
        petition=petition,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        by_citizen=by_citizen,
        comment=comment,
        reply=reply,
        due_on=petition.due_on,
        unit=unit or petition.unit,
    )


# --- the citizen ------------------------------------------------------------------------------------


def public_events(petition: Petition) -> list[PetitionEvent]:
    """What the tracking page shows: status changes and replies, never internal comments, names
    of officers or other people's data."""
    return [event for event in petition.events.order_by("at", "pk") if event.public]


@transaction.atomic
def citizen_action(
    petition: Petition, action: str, *, explanation: str = "", today: date | None = None
) -> Petition:
    """The citizen confirms the resolved petition ("confirm": it is closed) or reopens it with an
    explanation ("reopen": it is received again and processed anew by the same unit)."""
    rule = ACTIONS.get(action)
    if rule is None or rule.permission != PUBLIC:
        raise ServiceError(_("Unknown action “%(action)s”.") % {"action": action})
    petition = _locked(petition.pk)
    if petition.status not in rule.sources:
        raise ServiceError(_("This petition is not waiting for your answer."))
    explanation = _clean_text(explanation, _("Explanation"), MAX_TEXT, multiline=True)
    if rule.needs_comment and not explanation:
        raise ServiceError(_("Explain what is still not resolved."))
    today = today or timezone.localdate()
    previous = petition.status
    petition.satisfied = action == "confirm"
    petition.feedback = explanation
    petition.feedback_at = timezone.now()
    petition.status = rule.target
    if action == "reopen":
        petition.reopened += 1
        petition.resolved_on = None
        petition.resolved_on_time = None
        _start_step(petition, today)
    with_reason(petition, explanation or str(rule.label))
    petition.save()
    event = _log(petition, action, previous, petition.status, comment=explanation, by_citizen=True)
    transaction.on_commit(lambda: _notify(petition, event, None))
    return petition


def source_key(address: str) -> str:
    """The hashed client address a public submission is counted under (the address itself is not
    kept)."""
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, f"petitions.source|{address}".encode(), hashlib.sha256).hexdigest()


def public_quota_left(source: str, *, now=None) -> bool:
    """False when this address already sent the allowed number of petitions this hour or day."""
    now = now or timezone.now()
    recent = Petition.objects.filter(source=source, created_at__gte=now - timezone.timedelta(days=1))
    per_day = getattr(settings, "DANVAN_PUBLIC_PETITIONS_PER_DAY", 20)
    per_hour = getattr(settings, "DANVAN_PUBLIC_PETITIONS_PER_HOUR", 5)
    if recent.count() >= per_day:
        return False
    return recent.filter(created_at__gte=now - timezone.timedelta(hours=1)).count() < per_hour


# --- hot spots --------------------------------------------------------------------------------------


@transaction.atomic
def declare_hot_spot(
    area: Area, unit: Unit, *, reason: str, actor, petitions=(), today: date | None = None
) -> HotSpot:
    require(actor, "petitions.hotspot", unit)
    reason = _clean_text(reason, _("Why"), MAX_TEXT, required=True, multiline=True)
    today = today or timezone.localdate()
    from danvan.petitions import hotspots  # the checks of a declaration (area under the unit, petitions)

    hotspots.check_area(area, unit, today)
    chosen = hotspots.linkable(actor, area, petitions)
    if HotSpot.objects.filter(area=area, status=HotSpotStatus.ACTIVE).exists():
        raise ServiceError(_("%(area)s is already marked as a hot spot.") % {"area": area})
    spot = HotSpot(area=area, unit=unit, declared_on=today, reason=reason, created_by=actor)
    with_reason(spot, reason, by=actor)
    try:
        with transaction.atomic():  # a concurrent declaration of the same area: the constraint decides
            spot.save()
    except IntegrityError:
        raise ServiceError(_("%(area)s is already marked as a hot spot.") % {"area": area}) from None
    if chosen:
        spot.petitions.set(chosen)
    return spot


@transaction.atomic
def clear_hot_spot(spot: HotSpot, *, reason: str, actor, today: date | None = None) -> HotSpot:
    require(actor, "petitions.hotspot", spot)
    reason = _clean_text(reason, _("How it was resolved"), MAX_TEXT, required=True, multiline=True)
    spot = HotSpot.objects.select_for_update().get(pk=spot.pk)
    if spot.status != HotSpotStatus.ACTIVE:
        raise ServiceError(_("This hot spot was already cleared."))
    spot.status = HotSpotStatus.CLEARED
    spot.cleared_on = today or timezone.localdate()
    spot.cleared_reason = reason
    with_reason(spot, reason, by=actor)
    spot.save()
    return spot


# --- notifications ----------------------------------------------------------------------------------


def _notify(petition: Petition, event: PetitionEvent, actor) -> None:
    """Tell who must act: a new or transferred petition → the competent unit's handlers; a citizen
    reopening → its handler (or the unit's handlers)."""
    from django.urls import reverse

    from danvan.notifications.services import notify, users_granted

    url = reverse("petitions:detail", args=[petition.pk])
    action = event.action
    kind = petition.get_kind_display().lower()
    if action in ("receive", "transfer", "appeal"):
        recipients = list(users_granted(petition.unit, [Role.PETITION_HANDLER]))
        subject = _("New %(kind)s to process: %(subject)s") % {"kind": kind, "subject": petition.subject}
    elif action == "reopen":
        recipients = (
            [petition.handler]
            if petition.handler_id
            else list(users_granted(petition.unit, [Role.PETITION_HANDLER]))
        )
        subject = _("A citizen reopened petition %(code)s") % {"code": petition.code}
    elif action == "assign" and petition.handler_id:
        recipients = [petition.handler]
        subject = _("You were assigned petition %(code)s") % {"code": petition.code}
    else:
        return
    recipients = [user for user in recipients if user is not None and user.pk != getattr(actor, "pk", None)]
    notify(recipients, f"petitions.{action}:{event.pk}", subject, url=url, unit=petition.unit)
