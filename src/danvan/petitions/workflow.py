"""The life of a petition, as data, in one place (eGov DIGIT's workflow configuration is the model).

A petition is received (at a reception session, by post, forwarded by another body, or online),
processed — accepted for resolution ("thụ lý"), refused with a legal reason, transferred to the
competent unit inside the system or forwarded to a body outside it — and resolved; a
recommendation or feedback is answered directly. The citizen may confirm a resolved petition
(it is closed) or reopen it with an explanation; a complainant may lodge a second-instance
complaint, which the unit above receives.

Each action lists the states it starts from, the state it leads to ("" = the state does not
change), the kinds it applies to, the permission it needs on the petition's competent unit
(`core.permissions.ACTIONS`), and what the actor must write: an internal comment, a reply the
citizen sees, or both. Services apply these rules; pages, the API and the tests read them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.petitions.deadlines import Kind


class PetitionStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted for resolution")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    REFUSED = "refused", _("Not accepted")
    FORWARDED = "forwarded", _("Forwarded to another body")


S = PetitionStatus
OPEN = frozenset({S.RECEIVED, S.ACCEPTED})
FINISHED = frozenset({S.RESOLVED, S.CLOSED, S.REFUSED, S.FORWARDED})
ALL_KINDS = frozenset(Kind)
DECIDED_KINDS = frozenset({Kind.COMPLAINT, Kind.DENUNCIATION})  # accepted, then resolved
ANSWERED_KINDS = frozenset({Kind.RECOMMENDATION, Kind.FEEDBACK})  # answered directly

RECORD = "petitions.record"
HANDLE = "petitions.handle"
ASSIGN = "petitions.assign"
PUBLIC = ""  # the citizen, by the tracking code


@dataclass(frozen=True)
class Action:
    action: str
    label: str
    sources: frozenset[str]
    target: str  # "" keeps the state
    permission: str
    kinds: frozenset[str] = ALL_KINDS
    needs_comment: bool = False  # an internal comment (the reason, the note)
    needs_reply: bool = False  # a reply the citizen sees on the tracking page
    style: str = "primary"

    def applies_to(self, petition) -> bool:
        return petition.kind in self.kinds and petition.status in self.sources


def _table(*actions: Action) -> dict[str, Action]:
    by_action = {a.action: a for a in actions}
    if len(by_action) != len(actions):
        raise ValueError("an action is listed twice")
    return by_action


ACTIONS: dict[str, Action] = _table(
    Action("assign", _("Assign a handler"), OPEN, "", ASSIGN, style="secondary"),
    Action("note", _("Add an investigation note"), OPEN, "", RECORD, needs_comment=True, style="secondary"),
    Action(
        "classify", _("Change the classification"), OPEN, "", HANDLE, needs_comment=True, style="secondary"
    ),
    Action(
        "accept",
        _("Accept for resolution"),
        frozenset({S.RECEIVED}),
        S.ACCEPTED,
        HANDLE,
        kinds=DECIDED_KINDS,
        needs_reply=True,
        style="success",
    ),
    Action(
        "answer",
        _("Answer the citizen"),
        frozenset({S.RECEIVED}),
        S.RESOLVED,
        HANDLE,
        kinds=ANSWERED_KINDS,
        needs_reply=True,
        style="success",
    ),
    Action(
        "refuse",
        _("Refuse (not accepted)"),
        frozenset({S.RECEIVED}),
        S.REFUSED,
        HANDLE,
        needs_comment=True,
        needs_reply=True,
        style="danger",
    ),
    Action(
        "transfer",
        _("Transfer to the competent unit"),
        frozenset({S.RECEIVED}),
        S.RECEIVED,
        HANDLE,
        needs_comment=True,
        needs_reply=True,
        style="warning",
    ),
    Action(
        "forward",
        _("Forward to another body"),
        frozenset({S.RECEIVED}),
        S.FORWARDED,
        HANDLE,
        needs_comment=True,
        needs_reply=True,
        style="warning",
    ),
    Action("extend", _("Extend the deadline"), OPEN, "", HANDLE, needs_comment=True, style="warning"),
    Action(
        "resolve",
        _("Record the resolution"),
        frozenset({S.ACCEPTED}),
        S.RESOLVED,
        HANDLE,
        kinds=DECIDED_KINDS,
        needs_reply=True,
        style="success",
    ),
    Action(
        "appeal",
        _("Record a second-instance complaint"),
        frozenset({S.RESOLVED}),
        S.RECEIVED,
        HANDLE,
        kinds=frozenset({Kind.COMPLAINT}),
        needs_comment=True,
        style="warning",
    ),
    Action("close", _("Close the petition"), frozenset({S.RESOLVED}), S.CLOSED, HANDLE, style="secondary"),
    # the citizen, on the tracking page
    Action("confirm", _("Confirm it is resolved"), frozenset({S.RESOLVED}), S.CLOSED, PUBLIC),
    Action("reopen", _("Reopen"), frozenset({S.RESOLVED}), S.RECEIVED, PUBLIC, needs_comment=True),
)

OFFICER_ACTIONS = tuple(a for a in ACTIONS.values() if a.permission != PUBLIC)
PUBLIC_ACTIONS = tuple(a for a in ACTIONS.values() if a.permission == PUBLIC)
# actions that leave an event with no reply for the citizen and no change they can see
INTERNAL_ACTIONS = frozenset({"assign", "note", "classify"})
