"""What every workflow of danvan shares: a transition described as data.

Each app lists its transitions in its own ``workflow.py`` (the states it may start from, the state
it leads to, the permission action the actor needs on the object's scope unit); services apply
them, pages, the API and the tests read them, so nothing else decides what is allowed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[str]
    target: str
    permission: str  # checked on the object's scope unit (core.permissions.ACTIONS)
    needs_comment: bool = False
    style: str = "primary"  # the Bootstrap style of its button


def table(*transitions: Transition) -> dict[str, Transition]:
    """{action: transition}, refusing an action listed twice."""
    by_action = {transition.action: transition for transition in transitions}
    if len(by_action) != len(transitions):
        raise ValueError("an action is listed twice")
    return by_action
