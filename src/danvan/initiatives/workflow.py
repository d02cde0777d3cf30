"""The lifecycle of a model or exemplar, as data, in one place.

Each action names the states it may start from, the state it leads to, the permission action
(`core.permissions.ACTIONS`) the actor needs on the initiative's owner unit, and what it requires.
Services apply it; pages, the API and the tests read it (nothing else decides what is allowed).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.workflow import Transition as BaseTransition


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REGISTERED = "registered", _("Registered")
    IN_PROGRESS = "in_progress", _("In progress")
    PROPOSED = "proposed", _("Proposed for recognition")
    RECOGNIZED = "recognized", _("Recognized")
    NOT_RECOGNIZED = "not_recognized", _("Not recognized")
    CONSOLIDATED = "consolidated", _("Being consolidated")
    REPLICATED = "replicated", _("Replicated")
    DISCONTINUED = "discontinued", _("Discontinued")


S = Status
LIVE = frozenset(set(Status) - {S.DISCONTINUED})


@dataclass(frozen=True)
class Transition(BaseTransition):
    needs_progress: bool = False  # at least one progress update with results
    needs_level: bool = False  # the unit at whose level it is recognized


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition("register", _("Register"), frozenset({S.DRAFT}), S.REGISTERED, "initiative.change"),
        Transition(
            "return",
            _("Return for completion"),
            frozenset({S.REGISTERED}),
            S.DRAFT,
            "initiative.review",
            needs_comment=True,
            style="secondary",
        ),
        Transition(
            "start", _("Start implementing"), frozenset({S.REGISTERED}), S.IN_PROGRESS, "initiative.change"
        ),
        Transition(
            "propose",
            _("Propose for recognition"),
            frozenset({S.IN_PROGRESS, S.CONSOLIDATED}),
            S.PROPOSED,
            "initiative.change",
            needs_progress=True,
        ),
        Transition(
            "recognize",
            _("Recognize"),
            frozenset({S.PROPOSED}),
            S.RECOGNIZED,
            "initiative.review",
            needs_level=True,
            style="success",
        ),
        Transition(
            "reject",
            _("Do not recognize"),
            frozenset({S.PROPOSED}),
            S.NOT_RECOGNIZED,
            "initiative.review",
            needs_comment=True,
            style="secondary",
        ),
        Transition(
            "resume",
            _("Continue building"),
            frozenset({S.NOT_RECOGNIZED}),
            S.IN_PROGRESS,
            "initiative.change",
            style="secondary",
        ),
        Transition(
            "consolidate",
            _("Needs consolidation"),
            frozenset({S.RECOGNIZED, S.REPLICATED}),
            S.CONSOLIDATED,
            "initiative.review",
            needs_comment=True,
            style="secondary",
        ),
        Transition(
            "discontinue",
            _("Discontinue"),
            frozenset(LIVE),
            S.DISCONTINUED,
            "initiative.change",
            needs_comment=True,
            style="danger",
        ),
    ]
}

# Set by the replication service, not chosen by hand: a recognized model that spread elsewhere.
REPLICATION_SOURCES = frozenset({S.RECOGNIZED, S.CONSOLIDATED, S.REPLICATED})

# States whose models count as "recognized" in figures (recognized, and those it spread from).
RECOGNIZED_STATES = frozenset({S.RECOGNIZED, S.REPLICATED})


def available(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources]
