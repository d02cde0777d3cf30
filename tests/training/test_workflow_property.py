"""A state machine over training sessions: planned → held, or cancelled with a reason.

Personas: the ward officer (owner), the city's standing agency (ancestor), another ward's officer
(stranger), a leader of the city and the system administrator. Rules: new sessions (planned, or
recorded as held, on random days around today), every action of workflow.TRANSITIONS and a bogus
one, with random comments and days it was held, attendance by group and attendees by name.

Every call is predicted by an oracle written from the rules (who holds which grant where, the
rule's sources, what it needs, the dates) and the services must agree: an accepted call does
exactly what the rule says and is logged once; a refused one changes nothing at all. Throughout,
each session's log is a path of the workflow ending in its status, the number of people trained
is the one definition's, and the registry's counters agree with the held sessions.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from danvan.core.permissions import ACTIONS
from danvan.core.services import ServiceError
from danvan.metrics import registry
from danvan.orgs.models import Grant, Unit
from danvan.training import services
from danvan.training.models import AttendanceCount, Attendee, SessionEvent, TrainingSession, TrainingTopic
from danvan.training.workflow import TRANSITIONS, SessionStatus
from tests.machines import run_machine

pytestmark = pytest.mark.django_db

PERSONAS = ["owner", "ancestor", "stranger", "leader", "admin"]
ACTION_NAMES = [*TRANSITIONS, "approve"]  # "approve" is no rule: always refused
COMMENTS = ["Hoãn do mưa lớn", "", "   ", "Đạt yêu cầu"]
ORGANIZERS = [
    "Đảng ủy phường Tam Kỳ",
    "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ",
    "Ban công tác Mặt trận Khối phố An Thổ",
    "Đảng ủy phường Hải Châu",
]
COUNTS = [
    {"party": 20, "village": 5},
    {"village": 12},
    {},
    {"party": -3},
    {"students": 4},
    {"other": 100_001},
]
GROUPS = ["party", "front_mass_orgs", "village", "other", None]
MAX_SESSIONS = 6


class World:
    """What the oracle knows, read once: the organizers and the personas' grants."""

    def __init__(self, users):
        self.users = users
        self.units = {u.name: u for u in Unit.objects.filter(name__in=ORGANIZERS)}
        self.city = Unit.objects.get(name="Thành ủy Đà Nẵng")
        self.grants = {
            name: [
                (g.role, g.unit.path) for g in Grant.objects.active().filter(user=u).select_related("unit")
            ]
            for name, u in users.items()
        }

    def may(self, persona: str, path: str, action: str = "training.change") -> bool:
        if self.users[persona].is_superuser:
            return True
        return any(role in ACTIONS[action] and path.startswith(p) for role, p in self.grants[persona])


def snapshot():
    models = [TrainingSession, AttendanceCount, Attendee, SessionEvent]
    counts = {m.__name__: m.objects.count() for m in models}
    counts.update({f"history {m.__name__}": m.history.count() for m in models})
    rows = list(
        TrainingSession.objects.order_by("pk").values_list(
            "pk", "status", "held_on", "people_count", "status_changed_at"
        )
    )
    return counts, rows, list(AttendanceCount.objects.order_by("pk").values_list("pk", "group", "count"))


def first_refusal(*checks):
    """The error of the first failing check — (passes, error) pairs, in the order the service
    checks them — or None when the call must be accepted."""
    for check in checks:
        passes, error = check()
        if not passes:
            return error
    return None


def valid_counts(counts: dict) -> bool:
    return all(
        group in {"party", "government", "front_mass_orgs", "village", "other"} for group in counts
    ) and all(0 <= n <= 100_000 for n in counts.values())


class SessionMachine(RuleBasedStateMachine):
    world: World  # set by the test before the machine runs
    seen: set[str]  # what the examples reached, for the test to check they went everywhere

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()  # every example is rolled back in teardown
        self.sessions: list[int] = []
        self.today = timezone.localdate()

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def user(self, persona):
        return self.world.users[persona]

    def load(self, index: int) -> TrainingSession:
        return TrainingSession.objects.select_related("organizer").get(
            pk=self.sessions[index % len(self.sessions)]
        )

    def attempt(self, expected, call, what: str):
        before = snapshot()
        try:
            result = call()
        except (ServiceError, PermissionDenied) as exc:
            assert expected is not None, f"refused, expected accepted: {exc!r}"
            assert isinstance(exc, expected), f"{type(exc).__name__}, expected {expected.__name__}: {exc}"
            assert snapshot() == before
            self.seen.add(f"refused {type(exc).__name__}")
            return None
        assert expected is None, f"accepted, expected {expected.__name__}"
        self.seen.add(f"accepted {what}")
        return result

    def create(self, persona, organizer, offset, held, counts):
        w = self.world
        unit = w.units[organizer]
        on = self.today + timedelta(days=offset)
        expected = first_refusal(
            lambda: (w.may(persona, unit.path), PermissionDenied),
            lambda: (valid_counts(counts), ServiceError),
            lambda: (not held or on <= self.today, ServiceError),
        )
        actor = self.user(persona)
        data = {"title": "Tập huấn kỹ năng dân vận", "topic": TrainingTopic.SKILLS, "held_on": on}
        session = self.attempt(
            expected,
            lambda: services.create_session(unit, data, actor=actor, counts=counts, held=held),
            "record held" if held else "plan",
        )
        if session is None:
            return
        self.sessions.append(session.pk)
        assert session.status == (SessionStatus.HELD if held else SessionStatus.PLANNED)
        events = list(session.events.values_list("action", "actor"))
        assert events == [("create", actor.pk), *([("hold", actor.pk)] if held else [])]

    # --- rules -----------------------------------------------------------------------------------
    @initialize(
        organizer=st.sampled_from(ORGANIZERS), offset=st.integers(-20, 20), counts=st.sampled_from(COUNTS[:3])
    )
    def start(self, organizer, offset, counts):
        persona = "stranger" if organizer.endswith("Hải Châu") else "owner"
        self.create(persona, organizer, offset, False, counts)

    @rule(
        persona=st.sampled_from(PERSONAS),
        organizer=st.sampled_from(ORGANIZERS),
        offset=st.integers(-30, 5),
        held=st.booleans(),
        counts=st.sampled_from(COUNTS),
    )
    def new_session(self, persona, organizer, offset, held, counts):
        if len(self.sessions) < MAX_SESSIONS:
            self.create(persona, organizer, offset, held, counts)

    @rule(
        index=st.integers(0, 20),
        persona=st.sampled_from(PERSONAS),
        action=st.sampled_from(ACTION_NAMES),
        comment=st.sampled_from(COMMENTS),
        held_offset=st.sampled_from([None, -3, 0, 2]),
        wild=st.booleans(),
    )
    def act(self, index, persona, action, comment, held_offset, wild):
        """An action the state offers by someone entitled to it or (wild) anything by anyone."""
        if not self.sessions:
            return
        w = self.world
        session = self.load(index)
        path = session.organizer.path
        offered = [t.action for t in TRANSITIONS.values() if session.status in t.sources]
        if not wild and offered:
            action = offered[ACTION_NAMES.index(action) % len(offered)]
            allowed = [p for p in PERSONAS if w.may(p, path)]
            persona = persona if persona in allowed else allowed[PERSONAS.index(persona) % len(allowed)]
        rule_ = TRANSITIONS.get(action)
        held_on = None if held_offset is None else self.today + timedelta(days=held_offset)
        on = held_on or session.held_on
        expected = first_refusal(
            lambda: (rule_ is not None, ServiceError),
            lambda: (w.may(persona, path), PermissionDenied),
            lambda: (session.status in rule_.sources, ServiceError),
            lambda: (not rule_.needs_comment or comment.strip(), ServiceError),
            lambda: (action != "hold" or on <= self.today, ServiceError),
        )
        previous, events, history = session.status, session.events.count(), session.history.count()
        actor = self.user(persona)
        done = self.attempt(
            expected,
            lambda: services.transition(session, action, actor=actor, comment=comment, held_on=held_on),
            action,
        )
        if done is None:
            return
        done.refresh_from_db()
        assert done.status == rule_.target and previous in rule_.sources
        new = list(done.events.order_by("id"))[events:]
        assert len(new) == 1
        event = new[0]
        assert (event.action, event.actor_id, event.comment) == (action, actor.pk, comment.strip())
        assert (event.from_status, event.to_status) == (previous, rule_.target)
        assert done.history.count() == history + 1
        row = done.history.latest("history_date", "history_id")
        assert row.history_user_id == actor.pk
        assert row.history_change_reason == (comment.strip() or str(rule_.label))
        if action == "hold":
            assert done.held_on == on

    @rule(index=st.integers(0, 20), persona=st.sampled_from(PERSONAS), counts=st.sampled_from(COUNTS))
    def attendance(self, index, persona, counts):
        if not self.sessions:
            return
        w = self.world
        session = self.load(index)
        expected = first_refusal(
            lambda: (w.may(persona, session.organizer.path), PermissionDenied),
            lambda: (session.status != SessionStatus.CANCELLED, ServiceError),
            lambda: (valid_counts(counts), ServiceError),
        )
        self.attempt(
            expected, lambda: services.set_counts(session, counts, actor=self.user(persona)), "counts"
        )
        if expected is None:
            assert dict(session.counts.values_list("group", "count")) == {
                g: n for g, n in counts.items() if n
            }

    @rule(
        index=st.integers(0, 20),
        persona=st.sampled_from(PERSONAS),
        name=st.sampled_from(["Nguyễn Văn An", "", "  "]),
        group=st.sampled_from(GROUPS),
    )
    def attendee(self, index, persona, name, group):
        if not self.sessions:
            return
        w = self.world
        session = self.load(index)
        expected = first_refusal(
            lambda: (w.may(persona, session.organizer.path), PermissionDenied),
            lambda: (session.status != SessionStatus.CANCELLED, ServiceError),
            lambda: (name.strip(), ServiceError),
            lambda: (group is not None, ServiceError),
        )
        data = {"full_name": name, "group": group}
        added = self.attempt(
            expected, lambda: services.add_attendee(session, data, actor=self.user(persona)), "attendee"
        )
        if added is not None:
            assert added.added_by_id == self.user(persona).pk

    # --- invariants ------------------------------------------------------------------------------
    @invariant()
    def logs_follow_the_workflow(self):
        for session in TrainingSession.objects.filter(pk__in=self.sessions).select_related("organizer"):
            events = list(session.events.order_by("id"))
            assert events[0].action == "create" and events[0].to_status == SessionStatus.PLANNED
            status = SessionStatus.PLANNED
            for event in events[1:]:
                rule_ = TRANSITIONS[event.action]
                assert event.from_status == status and status in rule_.sources
                assert event.to_status == rule_.target
                assert self.world.may(self.persona_of(event.actor_id), session.organizer.path)
                if rule_.needs_comment:
                    assert event.comment.strip()
                status = event.to_status
            assert status == session.status
            assert len(events) <= 2  # planned, then held or cancelled at most once
            if session.status == SessionStatus.HELD:
                assert session.held_on <= self.today

    @invariant()
    def people_count_is_the_one_definition(self):
        for session in TrainingSession.objects.filter(pk__in=self.sessions):
            assert session.people_count == session.count_people()

    @invariant()
    def the_counters_agree_with_the_held_sessions(self):
        held = TrainingSession.objects.filter(pk__in=self.sessions, status=SessionStatus.HELD)
        city = self.world.city
        assert registry.get("training.sessions").value_for(city) == held.count()
        assert registry.get("training.people_trained").value_for(city) == sum(s.people_count for s in held)

    def persona_of(self, user_id: int) -> str:
        return next(name for name, u in self.world.users.items() if u.pk == user_id)


def test_session_state_machine(db, owner, ancestor, stranger, admin_user):
    users = {
        "owner": owner,
        "ancestor": ancestor,
        "stranger": stranger,
        "leader": get_user_model().objects.get(username="lanhdao.danang"),
        "admin": admin_user,
    }
    assert not TrainingSession.objects.exists()  # the counters' invariant sees only this machine's sessions
    SessionMachine.world = World(users)
    SessionMachine.seen = set()
    run_machine(SessionMachine, examples=30, steps=20)
    reached = {"refused ServiceError", "refused PermissionDenied"}
    reached |= {
        f"accepted {what}" for what in ("plan", "record held", "hold", "cancel", "counts", "attendee")
    }
    assert reached <= SessionMachine.seen, reached - SessionMachine.seen
