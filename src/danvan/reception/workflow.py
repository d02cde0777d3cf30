"""The two small workflows of citizen reception and dialogues, as data, in one place.

* A reception session is planned (a day of the schedule, or an ad hoc session called), then
  recorded as held — who presided, how many citizens came — or as not held, with the reason.
  A session entered afterwards is created held or not held at once.
* A commitment made at a dialogue is open until its owner reports it done; progress notes may be
  added while it is open, and a commitment reported done too early can be reopened, with the
  reason. Each step is a follow-up: who, when, what was done.

Sessions need `reception.manage` on the receiving unit; a commitment's follow-ups need it on the
dialogue's organizing unit or on the unit that owns the commitment. Services apply these rules;
pages, the API and the tests read them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.workflow import Transition, table

MANAGE = "reception.manage"
VIEW = "reception.view"


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    NOT_HELD = "not_held", _("Not held")


S = SessionStatus

SESSION_TRANSITIONS: dict[str, Transition] = table(
    Transition("hold", _("Record as held"), frozenset({S.PLANNED}), S.HELD, MANAGE, style="success"),
    Transition(
        "miss",
        _("Record as not held"),
        frozenset({S.PLANNED}),
        S.NOT_HELD,
        MANAGE,
        needs_comment=True,
        style="warning",
    ),
)

# a planned or held session may still be completed (the number of citizens, the notes)
SESSION_EDITABLE = frozenset({S.PLANNED, S.HELD})
SESSION_LOG_LABELS = {
    "create": _("Reception session entered"),
    "change": _("Reception session details changed"),
}


class CommitmentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


C = CommitmentStatus

COMMITMENT_TRANSITIONS: dict[str, Transition] = table(
    Transition("progress", _("Record progress"), frozenset({C.OPEN}), C.OPEN, MANAGE, needs_comment=True),
    Transition(
        "complete",
        _("Record as done"),
        frozenset({C.OPEN}),
        C.DONE,
        MANAGE,
        needs_comment=True,
        style="success",
    ),
    Transition(
        "reopen",
        _("Reopen the commitment"),
        frozenset({C.DONE}),
        C.OPEN,
        MANAGE,
        needs_comment=True,
        style="warning",
    ),
)
COMMITMENT_LOG_LABELS = {"create": _("Commitment recorded")}


def session_actions(status: str) -> list[Transition]:
    return [t for t in SESSION_TRANSITIONS.values() if status in t.sources]


def commitment_actions(status: str) -> list[Transition]:
    return [t for t in COMMITMENT_TRANSITIONS.values() if status in t.sources]


def session_action_label(action: str) -> str:
    rule = SESSION_TRANSITIONS.get(action)
    return str(rule.label if rule else SESSION_LOG_LABELS.get(action, action))


def commitment_action_label(action: str) -> str:
    rule = COMMITMENT_TRANSITIONS.get(action)
    return str(rule.label if rule else COMMITMENT_LOG_LABELS.get(action, action))
