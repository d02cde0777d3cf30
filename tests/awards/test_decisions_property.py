"""A state machine over recognition decisions: random actions by random personas.

Personas: the ward officer who steers the ward's Front (owner), the city's standing agency
(ancestor), another ward's officer (stranger), a leader of the city and the system administrator.
Actions: create a draft at a level (the ward's Front, the city, another ward), number and sign it,
put models on its list (ours, another ward's, already recognized ones), take them off, mark them
typical / proposed for commendation, issue, revoke, and propose a model again after a revocation.

Every action is predicted by an oracle written from the rules (who steers where, the lifecycle,
the authority rule) and the services must agree: a refused action changes nothing at all, an
accepted one is in the history with its actor; and whatever happens, no decision or model is ever
in a forbidden state (see the invariants).
"""

from __future__ import annotations

import sys
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from danvan.awards import queries, services
from danvan.awards.models import Decision, DecisionEntry, DecisionEvent
from danvan.awards.workflow import DecisionStatus
from danvan.core.permissions import ACTIONS
from danvan.core.services import ServiceError
from danvan.initiatives import services as initiative_services
from danvan.initiatives.models import Initiative, InitiativeYear, TransitionRecord
from danvan.initiatives.workflow import Status
from danvan.orgs.models import Grant, Unit
from tests.initiatives.conftest import advance, make
from tests.machines import run_machine

pytestmark = pytest.mark.django_db

PERSONAS = ["owner", "ancestor", "stranger", "leader", "admin"]
LEVELS = ["Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ", "Thành ủy Đà Nẵng", "Đảng ủy phường Hải Châu"]
OWNERS = [  # where the models are: three under the ward's Front, one in another ward
    "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ",
    "Hội Liên hiệp Phụ nữ phường Tam Kỳ",
    "Ban công tác Mặt trận Khối phố An Thổ",
    "Đảng ủy phường Hải Châu",
]
DECIDED = date(2026, 10, 15)
SIGNED = {"signer_position": "Chủ tịch", "signer_name": "Trương Thị Hạnh"}
COMMENTS = ["", "  ", "Sai sót trong danh sách"]


class World:
    def __init__(self, users):
        self.users = users
        self.units = {u.name: u for u in Unit.objects.filter(name__in={*LEVELS, *OWNERS})}
        self.grants = {
            name: [
                (g.role, g.unit.path) for g in Grant.objects.active().filter(user=u).select_related("unit")
            ]
            for name, u in users.items()
        }

    def may(self, persona: str, path: str, action: str = "initiative.review") -> bool:
        if self.users[persona].is_superuser:
            return True
        return any(role in ACTIONS[action] and path.startswith(p) for role, p in self.grants[persona])


def snapshot():
    tables = [Decision, DecisionEntry, DecisionEvent, Initiative, InitiativeYear]
    counts = {m.__name__: m.objects.count() for m in tables}
    counts.update({f"history {m.__name__}": m.history.count() for m in tables})
    counts["transitions"] = TransitionRecord.objects.count()
    rows = (
        list(Decision.objects.order_by("pk").values_list("pk", "status", "number", "signer_name")),
        list(
            DecisionEntry.objects.order_by("pk").values_list(
                "pk", "position", "typical", "proposed", "recognition"
            )
        ),
        list(
            Initiative.objects.order_by("pk").values_list("pk", "status", "recognized_level", "recognized_on")
        ),
        list(InitiativeYear.objects.order_by("pk").values_list("pk", "evaluation", "evaluation_note")),
    )
    return counts, rows


def first_refusal(*checks):
    for check in checks:
        passes, error = check()
        if not passes:
            return error
    return None


class DecisionMachine(RuleBasedStateMachine):
    world: World
    seen: set  # what the examples reached, over the whole run (statuses, accepted and refused actions)

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()  # every example is rolled back in teardown
        self.decisions: list[int] = []
        self.models: list[int] = []
        self.editors: list[str] = []
        self.events = 0  # create, issue and revoke steps the services accepted

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def user(self, persona):
        return self.world.users[persona]

    def decision(self, index, status: str | None = None) -> Decision | None:
        """One of the decisions (of that status, when there is one: the rules aim at where they apply)."""
        ids = self.decisions
        if status is not None:
            ids = list(
                Decision.objects.filter(pk__in=ids, status=status).order_by("pk").values_list("pk", flat=True)
            )
            ids = ids or self.decisions
        if not ids:
            return None
        return Decision.objects.select_related("issuing_unit", "issuing_body").get(pk=ids[index % len(ids)])

    def attempt(self, expected, call, persona):
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
        self.seen.add(f"accepted {sys._getframe(1).f_code.co_name}")
        return result

    # --- where the rules apply -------------------------------------------------------------------
    def mine(self):
        return Decision.objects.filter(pk__in=self.decisions)

    def has_draft(self) -> bool:
        return self.mine().filter(status=DecisionStatus.DRAFT).exists()

    def has_entries(self) -> bool:
        return DecisionEntry.objects.filter(decision__in=self.decisions).exists()

    def has_listed_draft(self) -> bool:
        return self.mine().filter(status=DecisionStatus.DRAFT, entries__isnull=False).exists()

    def has_issued(self) -> bool:
        return self.mine().filter(status=DecisionStatus.ISSUED).exists()

    def entitled(self, persona, wild, path) -> str:
        """The persona, or (unless wild) one who may decide at `path` when they may not."""
        if wild:
            return persona
        allowed = [p for p in PERSONAS if self.world.may(p, path)]
        return persona if persona in allowed else allowed[PERSONAS.index(persona) % len(allowed)]

    def last_change_by(self, model, pk, actor):
        record = model.history.filter(id=pk).order_by("-history_date", "-history_id").first()
        assert record is not None and record.history_user_id == actor.pk

    # --- setup ------------------------------------------------------------------------------------
    @initialize()
    def models_proposed(self):
        w = self.world
        for index, name in enumerate(OWNERS):
            persona = "stranger" if name == "Đảng ủy phường Hải Châu" else "owner"
            model = make(w.units[name], self.user(persona), f"Mô hình số {index}")
            self.models.append(advance(model, self.user(persona), self.user("ancestor"), "proposed").pk)
            self.editors.append(persona)
        for persona, level in (("owner", LEVELS[0]), ("ancestor", LEVELS[1])):
            decision = services.create_decision(
                "recognition", w.units[level], {"date": DECIDED}, actor=self.user(persona)
            )
            self.decisions.append(decision.pk)
            self.events += 1

    # --- rules ------------------------------------------------------------------------------------
    @rule(
        persona=st.sampled_from(PERSONAS), level=st.sampled_from(LEVELS), number=st.sampled_from([None, 1, 2])
    )
    def create(self, persona, level, number):
        w = self.world
        unit = w.units[level]
        body = services.default_issuing_body(unit)
        taken = (
            number is not None
            and Decision.objects.filter(issuing_body=body, year=2026, number=number).exists()
        )
        expected = first_refusal(
            lambda: (w.may(persona, unit.path), PermissionDenied),
            lambda: (not taken, ServiceError),
        )
        actor = self.user(persona)
        decision = self.attempt(
            expected,
            lambda: services.create_decision(
                "recognition", unit, {"date": DECIDED, "number": number}, actor=actor
            ),
            persona,
        )
        if decision is None:
            return
        self.decisions.append(decision.pk)
        self.events += 1
        assert decision.status == DecisionStatus.DRAFT and decision.issuing_unit == unit
        self.last_change_by(Decision, decision.pk, actor)

    @rule(
        index=st.integers(0, 9),
        persona=st.sampled_from(PERSONAS),
        number=st.sampled_from([1, 2, 3]),
        wild=st.booleans(),
    )
    def number_and_sign(self, index, persona, number, wild):
        w = self.world
        decision = self.decision(index)
        if decision is None:
            return
        persona = self.entitled(persona, wild, decision.issuing_unit.path)
        taken = (
            Decision.objects.filter(issuing_body=decision.issuing_body, year=2026, number=number)
            .exclude(pk=decision.pk)
            .exists()
        )
        expected = first_refusal(
            lambda: (w.may(persona, decision.issuing_unit.path), PermissionDenied),
            lambda: (decision.status == DecisionStatus.DRAFT, ServiceError),
            lambda: (not taken, ServiceError),
        )
        actor = self.user(persona)
        done = self.attempt(
            expected,
            lambda: services.update_decision(decision, {"number": number, **SIGNED}, actor=actor),
            persona,
        )
        if done is not None and (decision.number, decision.signer_name) != (number, SIGNED["signer_name"]):
            self.last_change_by(Decision, decision.pk, actor)

    @precondition(lambda self: self.has_draft())
    @rule(
        index=st.integers(0, 9),
        persona=st.sampled_from(PERSONAS),
        picks=st.lists(st.integers(0, len(OWNERS) - 1), min_size=0, max_size=3, unique=True),
        typical=st.booleans(),
        wild=st.booleans(),
    )
    def add(self, index, persona, picks, typical, wild):
        w = self.world
        decision = self.decision(index)
        if decision is None:
            return
        level = decision.issuing_unit
        persona = self.entitled(persona, wild, level.path)
        chosen = [Initiative.objects.select_related("owner_unit").get(pk=self.models[i]) for i in picks]
        if not wild:  # models the level may list
            chosen = [
                m for m in chosen if m.owner_unit.path.startswith(level.path) and m.status == Status.PROPOSED
            ]
        expected = first_refusal(
            lambda: (w.may(persona, level.path), PermissionDenied),
            lambda: (decision.status == DecisionStatus.DRAFT, ServiceError),
            lambda: (bool(chosen), ServiceError),
            lambda: (
                all(m.owner_unit.path.startswith(level.path) and m.status == Status.PROPOSED for m in chosen),
                ServiceError,
            ),
        )
        actor = self.user(persona)
        present = set(decision.entries.values_list("initiative_id", flat=True))
        ids = {m.pk for m in chosen[:1]} if typical else set()
        added = self.attempt(
            expected, lambda: services.add_initiatives(decision, chosen, actor=actor, typical=ids), persona
        )
        if added is None:
            return
        assert {e.initiative_id for e in added} == {m.pk for m in chosen} - present
        for entry in added:
            self.last_change_by(DecisionEntry, entry.pk, actor)
            assert entry.typical == (entry.initiative_id in ids)

    @precondition(lambda self: self.has_entries())
    @rule(
        index=st.integers(0, 9),
        persona=st.sampled_from(PERSONAS),
        which=st.integers(0, 5),
        wild=st.booleans(),
    )
    def remove(self, index, persona, which, wild):
        w = self.world
        decision = self.decision(index)
        entries = list(decision.entries.order_by("position")) if decision else []
        if not entries:
            return
        persona = self.entitled(persona, wild, decision.issuing_unit.path)
        entry = entries[which % len(entries)]
        expected = first_refusal(
            lambda: (w.may(persona, decision.issuing_unit.path), PermissionDenied),
            lambda: (decision.status == DecisionStatus.DRAFT, ServiceError),
        )
        actor = self.user(persona)
        if self.attempt(expected, lambda: services.remove_entry(entry, actor=actor) or True, persona) is None:
            return
        assert not DecisionEntry.objects.filter(pk=entry.pk).exists()
        self.last_change_by(DecisionEntry, entry.pk, actor)
        assert list(decision.entries.order_by("position").values_list("position", flat=True)) == list(
            range(1, len(entries))
        )

    @precondition(lambda self: self.has_entries())
    @rule(
        index=st.integers(0, 9),
        persona=st.sampled_from(PERSONAS),
        which=st.integers(0, 5),
        typical=st.booleans(),
        proposed=st.booleans(),
        wild=st.booleans(),
    )
    def mark(self, index, persona, which, typical, proposed, wild):
        w = self.world
        decision = self.decision(index)
        entries = list(decision.entries.order_by("position")) if decision else []
        if not entries:
            return
        persona = self.entitled(persona, wild, decision.issuing_unit.path)
        entry = entries[which % len(entries)]
        expected = first_refusal(
            lambda: (w.may(persona, decision.issuing_unit.path), PermissionDenied),
            lambda: (decision.status != DecisionStatus.REVOKED, ServiceError),
            lambda: (typical or not proposed, ServiceError),
        )
        actor = self.user(persona)
        done = self.attempt(
            expected,
            lambda: services.mark_entry(entry, actor=actor, typical=typical, proposed=proposed),
            persona,
        )
        if done is None:
            return
        assert (done.typical, done.proposed) == (typical, proposed)
        if (entry.typical, entry.proposed) != (typical, proposed):
            self.last_change_by(DecisionEntry, entry.pk, actor)

    @precondition(lambda self: self.has_listed_draft())
    @rule(
        index=st.integers(0, 9),
        persona=st.sampled_from(PERSONAS),
        comment=st.sampled_from(COMMENTS),
        wild=st.booleans(),
    )
    def issue(self, index, persona, comment, wild):
        w = self.world
        decision = self.decision(index, None if wild else "listed draft")
        if decision is None:
            return
        persona = self.entitled(persona, wild, decision.issuing_unit.path)
        entries = list(decision.entries.select_related("initiative__owner_unit"))
        taken = (
            decision.number is not None
            and Decision.objects.filter(issuing_body=decision.issuing_body, year=2026, number=decision.number)
            .exclude(pk=decision.pk)
            .exists()
        )
        expected = first_refusal(
            lambda: (w.may(persona, decision.issuing_unit.path), PermissionDenied),
            lambda: (decision.status == DecisionStatus.DRAFT, ServiceError),
            lambda: (decision.number is not None and bool(decision.signer_name), ServiceError),
            lambda: (not taken and bool(entries), ServiceError),
            lambda: (all(e.initiative.status == Status.PROPOSED for e in entries), ServiceError),
        )
        actor = self.user(persona)
        done = self.attempt(
            expected, lambda: services.transition(decision, "issue", actor=actor, comment=comment), persona
        )
        if done is None:
            return
        self.events += 1
        assert done.status == DecisionStatus.ISSUED
        self.last_change_by(Decision, decision.pk, actor)
        for entry in done.entries.select_related("initiative", "recognition"):
            assert entry.recognition.actor_id == actor.pk
            self.last_change_by(Initiative, entry.initiative_id, actor)

    @precondition(lambda self: self.has_issued())
    @rule(
        index=st.integers(0, 9),
        persona=st.sampled_from(PERSONAS),
        comment=st.sampled_from(COMMENTS),
        wild=st.booleans(),
    )
    def revoke(self, index, persona, comment, wild):
        w = self.world
        decision = self.decision(index, None if wild else DecisionStatus.ISSUED)
        if decision is None:
            return
        persona = self.entitled(persona, wild, decision.issuing_unit.path)
        if not wild and not comment.strip():
            comment = COMMENTS[-1]
        expected = first_refusal(
            lambda: (w.may(persona, decision.issuing_unit.path), PermissionDenied),
            lambda: (decision.status == DecisionStatus.ISSUED, ServiceError),
            lambda: (bool(comment.strip()), ServiceError),
        )
        actor = self.user(persona)
        entries = list(decision.entries.values_list("pk", "initiative", "typical", "proposed", "recognition"))
        done = self.attempt(
            expected, lambda: services.transition(decision, "revoke", actor=actor, comment=comment), persona
        )
        if done is None:
            return
        self.events += 1
        assert done.status == DecisionStatus.REVOKED and done.revoke_reason == comment.strip()
        assert (
            list(done.entries.values_list("pk", "initiative", "typical", "proposed", "recognition"))
            == entries
        )
        self.last_change_by(Decision, decision.pk, actor)

    @rule(which=st.integers(0, len(OWNERS) - 1))
    def propose_again(self, which):
        """A model whose recognition was revoked is proposed again by its unit."""
        model = Initiative.objects.get(pk=self.models[which])
        if model.status == Status.CONSOLIDATED:
            initiative_services.transition(model, "propose", actor=self.user(self.editors[which]))

    # --- invariants -------------------------------------------------------------------------------
    @invariant()
    def every_accepted_step_is_logged_once(self):
        assert DecisionEvent.objects.filter(decision__in=self.decisions).count() == self.events
        for decision in Decision.objects.filter(pk__in=self.decisions):
            steps = list(decision.events.order_by("id").values_list("action", "from_status", "to_status"))
            expected = [
                ("create", "", "draft"),
                ("issue", "draft", "issued"),
                ("revoke", "issued", "revoked"),
            ]
            assert steps == expected[: len(steps)]
            assert steps[-1][2] == decision.status
            for event in decision.events.all():
                assert self.world.may(
                    next(n for n, u in self.world.users.items() if u.pk == event.actor_id),
                    decision.issuing_unit.path,
                )

    @invariant()
    def no_forbidden_state(self):
        w = self.world
        for decision in Decision.objects.filter(pk__in=self.decisions).select_related("issuing_unit"):
            assert decision.status in DecisionStatus.values
            self.seen.add(decision.status)
            for entry in decision.entries.select_related("initiative__owner_unit", "recognition"):
                assert entry.initiative.owner_unit.path.startswith(decision.issuing_unit.path)
                assert entry.typical or not entry.proposed
                if decision.status == DecisionStatus.DRAFT:
                    assert entry.recognition_id is None
                else:  # issued or revoked: the recognition step is kept
                    assert entry.recognition.action == "recognize"
                    assert entry.recognition.unit_id == decision.issuing_unit_id
        issued = {
            e.recognition_id: e.decision.status
            for e in DecisionEntry.objects.filter(
                decision__in=self.decisions, recognition__isnull=False
            ).select_related("decision")
        }
        for model in Initiative.objects.filter(pk__in=self.models):
            assert model.status in {Status.PROPOSED, Status.RECOGNIZED, Status.CONSOLIDATED}
            if model.status == Status.PROPOSED and model.transitions.filter(action="recognize").exists():
                self.seen.add("proposed again")
            latest = model.transitions.filter(action="recognize").order_by("-at", "-id").first()
            if model.status == Status.RECOGNIZED:  # by an issued decision, at its level and date
                assert issued[latest.pk] == DecisionStatus.ISSUED
                assert model.recognized_on == DECIDED and model.recognized_level_id == latest.unit_id
            elif latest is not None:  # proposed again or consolidated: its decision was revoked
                assert issued[latest.pk] == DecisionStatus.REVOKED
        counted = queries.funnel(w.units["Thành ủy Đà Nẵng"], 2026)
        live = DecisionEntry.objects.filter(
            decision__in=self.decisions, decision__status=DecisionStatus.ISSUED
        )
        assert counted["recognized"] == live.values("initiative").distinct().count()
        assert counted["typical"] == live.filter(typical=True).values("initiative").distinct().count()


def test_decision_state_machine(db, owner, ancestor, stranger, admin_user):
    User = get_user_model()
    users = {
        "owner": owner,
        "ancestor": ancestor,
        "stranger": stranger,
        "leader": User.objects.get(username="lanhdao.danang"),
        "admin": admin_user,
    }
    DecisionMachine.world = World(users)
    DecisionMachine.seen = set()
    run_machine(DecisionMachine, examples=30, steps=25)
    # the examples went everywhere: every status, every action accepted, both kinds of refusal
    reached = {"draft", "issued", "revoked", "refused ServiceError", "refused PermissionDenied"}
    reached |= {
        f"accepted {name}"
        for name in ("create", "number_and_sign", "add", "remove", "mark", "issue", "revoke")
    }
    assert reached <= DecisionMachine.seen, reached - DecisionMachine.seen
