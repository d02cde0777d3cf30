"""The lifecycle of an appraisal round, as data, in one place (like `initiatives.workflow`).

A round is prepared as a draft (criteria sets, candidates, council), opened for scoring, and
closed with its proposal list; it may be cancelled, with a reason, before it closes. Services
apply these rules; pages, the API and the tests read them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.workflow import Transition as BaseTransition


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    SCORING = "scoring", _("Scoring")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


R = RoundStatus


@dataclass(frozen=True)
class Transition(BaseTransition):
    permission: str = "appraisal.manage"  # checked on the round's unit


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition("open", _("Open scoring"), frozenset({R.DRAFT}), R.SCORING),
        Transition("close", _("Close the round"), frozenset({R.SCORING}), R.CLOSED, style="success"),
        Transition(
            "cancel",
            _("Cancel the round"),
            frozenset({R.DRAFT, R.SCORING}),
            R.CANCELLED,
            needs_comment=True,
            style="danger",
        ),
    ]
}

# candidates and the council are chosen while the round is prepared, and frozen once scoring starts
PREPARING = frozenset({R.DRAFT})
# satisfaction surveys may still be entered while the council scores
SURVEYING = frozenset({R.DRAFT, R.SCORING})
# rounds in which an initiative is "taken": it cannot be a candidate of another one meanwhile
ACTIVE = frozenset({R.DRAFT, R.SCORING})


class Position(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")


# the secretary keeps the minutes; the chair and the members score
SCORING_POSITIONS = frozenset({Position.CHAIR, Position.MEMBER})


class CardStatus(models.TextChoices):
    DRAFT = "draft", _("Being scored")
    SUBMITTED = "submitted", _("Submitted")
    RECUSED = "recused", _("Recused")


def available(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources]
