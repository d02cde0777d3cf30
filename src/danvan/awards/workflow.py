"""The lifecycles of decisions and commendation proposals, as data, in one place.

A decision is prepared as a draft (its header and its list), issued (which recognizes the listed
models, or grants the listed proposals) and may later be revoked with a reason; a revoked decision
keeps everything it had. A proposal is submitted by a unit and ends granted (by an issued
commendation decision), declined by the deciding level or withdrawn by its unit. Services apply
these rules; pages, the API and the tests read them (nothing else decides what is allowed).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.workflow import Transition


class DecisionKind(models.TextChoices):
    RECOGNITION = "recognition", _("Recognition")
    COMMENDATION = "commendation", _("Commendation")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    REVOKED = "revoked", _("Revoked")


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    GRANTED = "granted", _("Granted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


D = DecisionStatus
P = ProposalStatus


DECISION_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        # the standing agency of the issuing level ("theo thẩm quyền")
        Transition("issue", _("Issue the decision"), frozenset({D.DRAFT}), D.ISSUED, "initiative.review"),
        Transition(
            "revoke",
            _("Revoke the decision"),
            frozenset({D.ISSUED}),
            D.REVOKED,
            "initiative.review",
            needs_comment=True,
            style="danger",
        ),
    ]
}

PROPOSAL_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        # by the proposing unit (checked on it) or by a level above it that decides (see services)
        Transition(
            "withdraw",
            _("Withdraw the proposal"),
            frozenset({P.SUBMITTED}),
            P.WITHDRAWN,
            "initiative.change",
            needs_comment=True,
            style="secondary",
        ),
        Transition(
            "decline",
            _("Decline the proposal"),
            frozenset({P.SUBMITTED}),
            P.DECLINED,
            "initiative.review",
            needs_comment=True,
            style="secondary",
        ),
    ]
}

# a draft's header and list may change; an issued or revoked decision is a record
EDITABLE = frozenset({D.DRAFT})
# entries of these decisions may be marked typical / proposed for commendation: only before signing,
# since the marks are part of the signed document and move the funnel
MARKABLE = frozenset({D.DRAFT})


def available(transitions: dict[str, Transition], status: str) -> list[Transition]:
    return [t for t in transitions.values() if status in t.sources]
