"""The life of a training session, as data, in one place.

A session is planned, then marked held (targets count held sessions only) or cancelled with a
reason. Services apply these rules; pages, the API and the tests read them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.workflow import Transition, table


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


S = SessionStatus


# permissions are checked on the organizing unit
TRANSITIONS: dict[str, Transition] = table(
    Transition("hold", _("Mark as held"), frozenset({S.PLANNED}), S.HELD, "training.change"),
    Transition(
        "cancel",
        _("Cancel the session"),
        frozenset({S.PLANNED}),
        S.CANCELLED,
        "training.change",
        needs_comment=True,
        style="danger",
    ),
)

# a planned or held session may be completed (attendance, materials, corrections); a cancelled
# one is a record
EDITABLE = frozenset({S.PLANNED, S.HELD})

# log entries that are not actions of TRANSITIONS
LOG_LABELS = {"create": _("Session entered")}


def available(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources]


def action_label(action: str) -> str:
    rule = TRANSITIONS.get(action)
    return str(rule.label if rule else LOG_LABELS.get(action, action))
