"""What `danvan tick` does for petitions each day (idempotent: a second run does nothing more).

* `petitions.escalate` — every open petition whose current step's due date has passed is
  escalated once per due date: the breach is logged (`PetitionEvent` "breach", counted by the
  `petitions.overdue` metric) and its handler (or, without one, the competent unit's petition
  handlers) and their supervisors — the leaders of the nearest unit at or above the competent
  unit that has leaders — are told. The petition is claimed first with a conditional UPDATE
  (`escalated_for` set to the missed date where it was not already): of two tick processes only
  the one whose UPDATE changed the row goes on. An extension resets `escalated_for` and moves the
  due date, so a later breach is escalated again.
* `petitions.due_soon` — the handler (or the unit's petition handlers) is reminded once per
  petition and due date, `DUE_SOON_WORKING_DAYS` working days before it.

Both walk the petitions in chunks by primary key: the reads of a chunk (the petitions with their
units and handlers, the leaders and handlers to tell) are a fixed number of queries whatever its
size; the writes are one claim per petition escalated, the events of the chunk in one INSERT, and
the notifications (`notifications.services.notify`). Each chunk of `petitions.escalate` commits on
its own, so a national backlog never holds its locks for the whole run.

Notifications never carry a petitioner's identity — only the code, the kind, the subject, the
due date and the unit — so a denouncer stays confidential in them too.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.core.calendar import add_working_days
from danvan.core.permissions import Role
from danvan.core.tick import TickResult, register
from danvan.metrics import rollups
from danvan.petitions.models import Petition, PetitionEvent
from danvan.petitions.workflow import OPEN

CHUNK = 500
DUE_SOON_WORKING_DAYS = 2
BREACH = "breach"
ESCALATE = "petitions.escalate"
DUE_SOON = "petitions.due_soon"


def _chunks(queryset, size: int | None = None):
    """The rows of `queryset` in chunks of `size`, by ascending pk (one query per chunk)."""
    size = size or CHUNK
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last).order_by("pk")[:size])
        if not chunk:
            return
        last = chunk[-1].pk
        yield chunk


def _due(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _url(petition: Petition) -> str:
    return petition.get_absolute_url()


def supervisors_by_unit(units) -> dict[int, list[int]]:
    """{unit id: ids of its supervisors} — the active users holding an active LEADER grant on the
    nearest unit, at or above it, that has any — for many units in one query."""
    from danvan.orgs.models import Grant

    units = {unit.pk: unit for unit in units}
    paths = {path for unit in units.values() for path in (unit.path, *unit.ancestor_paths())}
    leaders: dict[str, set[int]] = {}
    grants = (
        Grant.objects.active()
        .filter(role=Role.LEADER, unit__path__in=paths, user__is_active=True)
        .values_list("unit__path", "user_id")
    )
    for path, user_id in grants:
        leaders.setdefault(path, set()).add(user_id)
    found = {}
    for pk, unit in units.items():
        nearest = next(
            (leaders[p] for p in (unit.path, *reversed(unit.ancestor_paths())) if p in leaders), set()
        )
        found[pk] = sorted(nearest)
    return found


def _handlers(petitions: list[Petition]) -> dict[int, list[int]]:
    """{petition id: the ids of who handles it}: its handler, or the competent unit's petition
    handlers when it has none (or the handler's account was closed)."""
    from danvan.notifications.services import users_granted_by_unit

    orphans = [p for p in petitions if not (p.handler_id and p.handler.is_active)]
    by_unit = users_granted_by_unit({p.unit_id for p in orphans}, [Role.PETITION_HANDLER]) if orphans else {}
    return {
        p.pk: [p.handler_id] if p.handler_id and p.handler.is_active else list(by_unit.get(p.unit_id, ()))
        for p in petitions
    }


def _open(queryset=None):
    queryset = Petition.objects.all() if queryset is None else queryset
    return queryset.filter(status__in=OPEN, due_on__isnull=False).select_related("unit", "handler")


# --- escalation of missed deadlines -------------------------------------------------------------------


def claim(petition: Petition) -> bool:
    """Mark the petition escalated for its current due date, unless someone else (another tick
    process) already did, or it was acted on meanwhile; True for the one process that changed it."""
    seen = petition.due_on
    return bool(
        Petition.objects.filter(pk=petition.pk, status__in=OPEN, due_on=seen)
        .exclude(escalated_for=seen)
        .update(escalated_for=seen)
    )


def _breach_subject(petition: Petition) -> str:
    return _("Deadline missed: petition %(code)s (%(kind)s: %(subject)s) was due on %(due)s — %(unit)s") % {
        "code": petition.code,
        "kind": petition.get_kind_display().lower(),
        "subject": petition.subject,
        "due": _due(petition.due_on),
        "unit": petition.unit.name,
    }


def _breach_comment(petition: Petition) -> str:
    step = petition.get_step_display() if petition.step else _("the current step")
    return _(
        "The legal deadline of “%(step)s” (%(due)s) passed with the step not done; the handler and the "
        "leaders above were notified."
    ) % {"step": step, "due": _due(petition.due_on)}


def overdue(today: date):
    """The open petitions whose due date is before `today` and not yet escalated for it."""
    return (
        _open().filter(due_on__lt=today).filter(Q(escalated_for__isnull=True) | ~Q(escalated_for=F("due_on")))
    )


def escalate_chunk(petitions: list[Petition], now: datetime) -> int:
    """Claim, log and notify a chunk of overdue petitions; how many this process escalated."""
    from danvan.notifications.services import notify

    claimed = [p for p in petitions if claim(p)]
    if not claimed:
        return 0
    PetitionEvent.objects.bulk_create(
        [
            PetitionEvent(
                petition=p,
                action=BREACH,
                from_status=p.status,
                to_status=p.status,
                at=now,
                comment=_breach_comment(p),
                due_on=p.due_on,
                unit=p.unit,
            )
            for p in claimed
        ]
    )
    rollups.touch({p.unit_id for p in claimed})  # bulk inserts send no signal
    supervisors = supervisors_by_unit([p.unit for p in claimed])
    handlers = _handlers(claimed)
    for p in claimed:
        recipients = {*handlers[p.pk], *supervisors[p.unit_id]}
        notify(
            recipients,
            f"petitions.breach:{p.pk}:{p.due_on.isoformat()}",
            _breach_subject(p),
            url=_url(p),
            unit=p.unit,
        )
    return len(claimed)


@register(ESCALATE, order=55, atomic=False)
def escalate(today: date, now: datetime) -> TickResult:
    """Escalate every missed deadline once (each chunk in its own transaction)."""
    count = 0
    for chunk in _chunks(overdue(today)):
        with transaction.atomic():
            count += escalate_chunk(chunk, now)
    return TickResult(ESCALATE, count, _("%(count)s missed deadlines escalated") % {"count": count})


# --- reminders before the due date ----------------------------------------------------------------------


def due_soon(today: date):
    """The open petitions due from `today` to `DUE_SOON_WORKING_DAYS` working days after it."""
    return _open().filter(due_on__gte=today, due_on__lte=add_working_days(today, DUE_SOON_WORKING_DAYS))


def _due_soon_subject(petition: Petition) -> str:
    return _("Petition %(code)s (%(kind)s: %(subject)s) is due on %(due)s — %(unit)s") % {
        "code": petition.code,
        "kind": petition.get_kind_display().lower(),
        "subject": petition.subject,
        "due": _due(petition.due_on),
        "unit": petition.unit.name,
    }


@register(DUE_SOON, order=56)
def remind_due_soon(today: date, now: datetime) -> int:
    """Remind who handles each petition due soon, once per petition and due date."""
    from danvan.notifications.services import notify

    created = 0
    for chunk in _chunks(due_soon(today)):
        handlers = _handlers(chunk)
        for p in chunk:
            created += notify(
                handlers[p.pk],
                f"petitions.due_soon:{p.pk}:{p.due_on.isoformat()}",
                _due_soon_subject(p),
                url=_url(p),
                unit=p.unit,
            )
    return created
