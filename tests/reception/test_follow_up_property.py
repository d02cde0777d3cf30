"""A state machine over the commitments of a dialogue: open → done (with what was done and when),
progress notes while open, reopened with the reason.

Personas: the ward officer (owner), the city's standing agency (ancestor), Hải Châu's officer
(stranger), the city's leader, an appraisal council member (sees, manages nothing), the ward
People's Committee's petition handler and the system administrator. Rules: new commitments owned
by the ward's People's Committee, its Front or Hải Châu's People's Committee, due on random days
around the dialogue; every follow-up action and a bogus one, by anyone, with random text and days.

Every call is predicted by an oracle written from the rules (who holds which grant where, which
units may be named, the workflow's sources, the dates) and the services must agree: an accepted
call does exactly what the rule says and is logged once; a refused one changes nothing. Throughout,
each commitment's log is a path of the workflow ending in its status, `done_on` is the day of the
last "done", and the registry counts the commitments done."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from danvan.core.permissions import ACTIONS
from danvan.core.services import ServiceError
from danvan.metrics import registry
from danvan.orgs.models import Grant, Unit
from danvan.reception import services
from danvan.reception.models import Commitment, CommitmentFollowUp
from danvan.reception.workflow import COMMITMENT_TRANSITIONS, MANAGE, CommitmentStatus
from tests.machines import run_machine

pytestmark = pytest.mark.django_db

PERSONAS = ["owner", "ancestor", "stranger", "leader", "council", "handler", "admin"]
ACTION_NAMES = [*COMMITMENT_TRANSITIONS, "cancel"]  # "cancel" is no rule: always refused
CONTENTS = ["Đã nạo vét 300 m mương", "", "   ", "Chờ bố trí kinh phí"]
OWNERS = [
    "Ủy ban nhân dân phường Tam Kỳ",
    "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ",
    "Ủy ban nhân dân phường Hải Châu",
]
HELD_ON = date(2026, 6, 18)
MAX_COMMITMENTS = 5


class World:
    """What the oracle knows, read once: the units and the personas' grants."""

    def __init__(self, users):
        self.users = users
        self.units = {u.name: u for u in Unit.objects.filter(name__in=OWNERS)}
        self.organizer = self.units[OWNERS[0]]
        self.city = Unit.objects.get(name="Thành ủy Đà Nẵng")
        self.grants = {
            name: [
                (g.role, g.unit.path) for g in Grant.objects.active().filter(user=u).select_related("unit")
            ]
            for name, u in users.items()
        }

    def may(self, persona: str, path: str, action: str = MANAGE) -> bool:
        if self.users[persona].is_superuser:
            return True
        return any(role in ACTIONS[action] and path.startswith(p) for role, p in self.grants[persona])

    def may_name(self, persona: str, unit: Unit) -> bool:
        """A unit of the organizer's level, or one the persona may see."""
        organizer = self.organizer
        return unit.path.startswith(organizer.path[: -organizer.steplen]) or self.may(
            persona, unit.path, "unit.view"
        )


def snapshot():
    rows = list(
        Commitment.objects.order_by("pk").values_list("pk", "status", "done_on", "due_on", "owner_unit")
    )
    return (
        rows,
        CommitmentFollowUp.objects.count(),
        Commitment.history.count(),
    )


def first_refusal(*checks):
    """The error of the first failing check — (passes, error) pairs, in the order the service checks
    them — or None when the call must be accepted."""
    for check in checks:
        passes, error = check()
        if not passes:
            return error
    return None


class CommitmentMachine(RuleBasedStateMachine):
    world: World
    seen: set[str]

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()  # every example is rolled back in teardown
        self.commitments: list[int] = []
        self.today = timezone.localdate()
        self.dialogue = None

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def attempt(self, expected, call, what: str):
        before = snapshot()
        try:
            result = call()
        except (ServiceError, PermissionDenied) as exc:
            assert expected is not None, f"{what} refused, expected accepted: {exc!r}"
            assert isinstance(exc, expected), f"{type(exc).__name__}, expected {expected.__name__}: {exc}"
            assert snapshot() == before
            self.seen.add(f"refused {type(exc).__name__}")
            return None
        assert expected is None, f"{what} accepted, expected {expected.__name__}"
        self.seen.add(f"accepted {what}")
        return result

    @initialize()
    def start(self):
        owner = self.world.users["owner"]
        self.dialogue = services.create_dialogue(
            self.world.organizer, {"title": "Hội nghị đối thoại năm 2026", "held_on": HELD_ON}, actor=owner
        )
        first = services.add_commitment(
            self.dialogue,
            {
                "content": "Nạo vét mương",
                "owner_unit": self.world.organizer,
                "due_on": HELD_ON + timedelta(days=30),
            },
            actor=owner,
        )
        self.commitments.append(first.pk)

    @rule(persona=st.sampled_from(PERSONAS), owner=st.sampled_from(OWNERS), due_offset=st.integers(-5, 90))
    def new_commitment(self, persona, owner, due_offset):
        if len(self.commitments) >= MAX_COMMITMENTS:
            return
        w = self.world
        unit = w.units[owner]
        due = HELD_ON + timedelta(days=due_offset)
        expected = first_refusal(
            lambda: (w.may(persona, w.organizer.path), PermissionDenied),
            lambda: (w.may_name(persona, unit), PermissionDenied),
            lambda: (due >= HELD_ON, ServiceError),
        )
        actor = w.users[persona]
        data = {"content": "Lắp đèn chiếu sáng", "owner_unit": unit, "due_on": due}
        made = self.attempt(
            expected, lambda: services.add_commitment(self.dialogue, data, actor=actor), "commit"
        )
        if made is not None:
            self.commitments.append(made.pk)
            assert made.status == CommitmentStatus.OPEN and made.done_on is None
            assert list(made.follow_ups.values_list("action", "actor")) == [("create", actor.pk)]

    @precondition(lambda self: self.commitments)
    @rule(
        index=st.integers(0, 20),
        persona=st.sampled_from(PERSONAS),
        action=st.sampled_from(ACTION_NAMES),
        content=st.sampled_from(CONTENTS),
        day=st.sampled_from([None, -200, -1, 1, 30]),
        wild=st.booleans(),
    )
    def follow_up(self, index, persona, action, content, day, wild):
        """An action the state offers by someone entitled to it or (wild) anything by anyone."""
        w = self.world
        commitment = Commitment.objects.select_related("dialogue__organizer", "owner_unit").get(
            pk=self.commitments[index % len(self.commitments)]
        )

        def entitled(p):
            return w.may(p, w.organizer.path) or w.may(p, commitment.owner_unit.path)

        offered = [t.action for t in COMMITMENT_TRANSITIONS.values() if commitment.status in t.sources]
        if not wild:
            action = offered[ACTION_NAMES.index(action) % len(offered)]
            allowed = [p for p in PERSONAS if entitled(p)]
            persona = persona if persona in allowed else allowed[PERSONAS.index(persona) % len(allowed)]
        rule_ = COMMITMENT_TRANSITIONS.get(action)
        # a day relative to today (1: tomorrow), or before the dialogue (-200)
        on = (
            None
            if day is None
            else (self.today + timedelta(days=day) if day != -200 else HELD_ON - timedelta(days=1))
        )
        effective = on or self.today
        expected = first_refusal(
            lambda: (rule_ is not None, ServiceError),
            lambda: (entitled(persona), PermissionDenied),
            lambda: (commitment.status in rule_.sources, ServiceError),
            lambda: (bool(content.strip()), ServiceError),
            lambda: (effective <= self.today, ServiceError),
            lambda: (effective >= HELD_ON, ServiceError),
        )
        previous, steps, history = (
            commitment.status,
            commitment.follow_ups.count(),
            commitment.history.count(),
        )
        actor = w.users[persona]
        step = self.attempt(
            expected,
            lambda: services.follow_up(commitment, action, actor=actor, content=content, happened_on=on),
            action,
        )
        if step is None:
            return
        commitment.refresh_from_db()
        assert commitment.status == rule_.target and previous in rule_.sources
        assert commitment.follow_ups.count() == steps + 1
        assert (step.action, step.actor_id, step.content, step.happened_on) == (
            action,
            actor.pk,
            content.strip(),
            effective,
        )
        assert (step.from_status, step.to_status) == (previous, rule_.target)
        changed = rule_.target != previous
        assert commitment.history.count() == history + changed
        if changed:
            row = commitment.history.latest("history_date", "history_id")
            assert (row.history_user_id, row.history_change_reason) == (actor.pk, content.strip())

    # --- invariants --------------------------------------------------------------------------------
    @invariant()
    def logs_follow_the_workflow(self):
        for commitment in Commitment.objects.filter(pk__in=self.commitments).select_related("owner_unit"):
            steps = list(commitment.follow_ups.order_by("at", "id"))
            assert steps[0].action == "create" and steps[0].to_status == CommitmentStatus.OPEN
            status, done_on = CommitmentStatus.OPEN, None
            for step in steps[1:]:
                rule_ = COMMITMENT_TRANSITIONS[step.action]
                assert (
                    step.from_status == status and status in rule_.sources and step.to_status == rule_.target
                )
                assert step.content.strip() and HELD_ON <= step.happened_on <= self.today
                persona = self.persona_of(step.actor_id)
                assert self.world.may(persona, self.world.organizer.path) or self.world.may(
                    persona, commitment.owner_unit.path
                )
                status = step.to_status
                if step.action == "complete":
                    done_on = step.happened_on
                elif step.action == "reopen":
                    done_on = None
            assert (commitment.status, commitment.done_on) == (status, done_on)
            assert commitment.is_overdue(self.today) == (
                status == CommitmentStatus.OPEN and commitment.due_on < self.today
            )

    @invariant()
    def the_registry_counts_the_commitments_done(self):
        city = self.world.city
        done = Commitment.objects.filter(pk__in=self.commitments, status=CommitmentStatus.DONE).count()
        assert registry.get("reception.commitments_done").value_for(city) == done
        assert registry.get("reception.commitments_made").value_for(city) == len(self.commitments)

    def persona_of(self, user_id: int) -> str:
        return next(name for name, u in self.world.users.items() if u.pk == user_id)


def test_commitment_follow_up_state_machine(
    db, owner, ancestor, stranger, leader, council, handler, admin_user
):
    users = {
        "owner": owner,
        "ancestor": ancestor,
        "stranger": stranger,
        "leader": leader,
        "council": council,
        "handler": handler,
        "admin": admin_user,
    }
    assert not Commitment.objects.exists()  # the registry's invariant sees only this machine's commitments
    CommitmentMachine.world = World(users)
    CommitmentMachine.seen = set()
    run_machine(CommitmentMachine, examples=30, steps=20)
    reached = {"refused ServiceError", "refused PermissionDenied", "accepted commit"}
    reached |= {f"accepted {action}" for action in COMMITMENT_TRANSITIONS}
    assert reached <= CommitmentMachine.seen, reached - CommitmentMachine.seen
    assert get_user_model().objects.filter(username="hoidong.danang").exists()
