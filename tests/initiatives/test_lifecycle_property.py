"""A state machine over the lifecycle of models: random actions by random personas.

Personas: the ward officer (owner), the city's standing agency (ancestor), another ward's officer
(stranger), the standing agency of another ward (other), a leader of the city and the system
administrator. Actions: every rule of workflow.TRANSITIONS (and a bogus one), replication,
carry-over of a former ward's model, progress reports, yearly plans and evaluations — with random
comments (empty, blank or not), recognition levels, years and dates.

Every action is predicted by an oracle written from the rules (who holds which grant where, the
rule's sources, what it needs) and the services must agree: an accepted action does exactly what
the rule says and is logged once (lifecycle steps in TransitionRecord, with actor and comment,
and every change in the history, by the actor); a refused one changes nothing at all.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from danvan.core.permissions import ACTIONS, Role
from danvan.core.services import ServiceError
from danvan.initiatives import services
from danvan.initiatives.models import (
    Evaluation,
    Evidence,
    Field,
    Initiative,
    InitiativeYear,
    ProgressUpdate,
    TransitionRecord,
)
from danvan.initiatives.workflow import REPLICATION_SOURCES, TRANSITIONS, Status, available
from danvan.orgs.models import Campaign, Grant, Unit, UnitSuccession
from danvan.orgs.services import add_grant
from tests.machines import run_machine

pytestmark = pytest.mark.django_db

PERSONAS = ["owner", "ancestor", "stranger", "other", "leader", "admin"]
ACTION_NAMES = [*TRANSITIONS, "approve"]  # "approve" is no rule: always refused
COMMENTS = ["Đề nghị bổ sung số liệu", "", "   ", "Theo Quyết định 15-QĐ/ĐU"]
LEVELS = [None, "owner", "parent", "root", "haichau", "tamky_front"]
OWNERS = [
    "Đảng ủy phường Tam Kỳ",
    "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ",
    "Hội Liên hiệp Phụ nữ phường Tam Kỳ",
    "Ban công tác Mặt trận Khối phố An Thổ",
]
FORMER = "Đảng ủy phường An Mỹ"
TARGETS = [  # where models are replicated or carried over to (some of them impossible)
    "Đảng ủy phường Tam Kỳ",
    "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ",
    "Đảng ủy phường Hải Châu",
    "Đảng ủy xã Hòa Vang",
    "Ban công tác Mặt trận Khối phố An Thổ",
    FORMER,
]
MAX_MODELS = 6
# how far along its life a model starts: proposed first (Hypothesis tries the first values most)
DEPTHS = [3, 4, 5, 0, 1, 2]
MIX = ["act"] * 5 + ["progress"] * 2 + ["replicate", "carry_over", "year"]
COMMON = {"index": st.integers(0, 20), "persona": st.sampled_from(PERSONAS)}
PARAMS = {
    "act": {
        **COMMON,
        "action": st.sampled_from(ACTION_NAMES),
        "wild": st.booleans(),
        "comment": st.sampled_from(COMMENTS),
        "level_choice": st.sampled_from(LEVELS),
    },
    "replicate": {
        **COMMON,
        "to": st.sampled_from(TARGETS),
        "comment": st.sampled_from(COMMENTS),
        "wild": st.booleans(),
    },
    "carry_over": {
        **COMMON,
        "to": st.sampled_from(TARGETS),
        "comment": st.sampled_from(COMMENTS),
        "wild": st.booleans(),
    },
    "progress": {
        **COMMON,
        "narrative": st.sampled_from(["Ra quân", "", " "]),
        "with_numbers": st.sampled_from([True, False]),
        "days": st.integers(-400, 2),
    },
    "year": {
        **COMMON,
        "offset": st.integers(-1, 4),
        "evaluation": st.sampled_from([*Evaluation.values, "tuyet voi"]),
        "plan": st.booleans(),
    },
}


class World:
    """What the oracle knows, read once: units, grants of the personas, successions."""

    def __init__(self, users):
        self.users = users
        self.units = {
            u.name: u for u in Unit.objects.filter(name__in={*OWNERS, *TARGETS, "Đảng ủy phường Hải Châu"})
        }
        self.by_path = {u.path: u for u in Unit.objects.all()}
        self.grants = {
            name: [
                (g.role, g.unit.path) for g in Grant.objects.active().filter(user=u).select_related("unit")
            ]
            for name, u in users.items()
        }
        self.successions = set(UnitSuccession.objects.values_list("predecessor_id", "successor_id"))

    def may(self, persona: str, action: str, path: str) -> bool:
        if self.users[persona].is_superuser:
            return True
        return any(role in ACTIONS[action] and path.startswith(p) for role, p in self.grants[persona])

    def levels(self, persona: str, owner: Unit) -> set[str]:
        """Paths of the owner and its ancestors where the persona may review ("theo thẩm quyền")."""
        paths = {owner.path[:i] for i in range(Unit.steplen, len(owner.path) + 1, Unit.steplen)}
        return {p for p in paths if self.may(persona, "initiative.review", p)}

    def persona_of(self, user_id: int) -> str:
        return next(name for name, u in self.users.items() if u.pk == user_id)


def snapshot():
    models = [Initiative, InitiativeYear, ProgressUpdate, Evidence]
    counts = {m.__name__: m.objects.count() for m in models}
    counts.update({f"history {m.__name__}": m.history.count() for m in models})
    counts["transitions"] = TransitionRecord.objects.count()
    counts["history topics"] = apps.get_model("initiatives", "HistoricalInitiative_topics").objects.count()
    rows = list(
        Initiative.objects.order_by("pk").values_list(
            "pk", "status", "owner_unit", "recognized_level", "recognized_on", "area", "replicated_from"
        )
    )
    years = list(InitiativeYear.objects.order_by("pk").values_list("pk", "plan", "results", "evaluation"))
    return counts, rows, years


class LifecycleMachine(RuleBasedStateMachine):
    world: World  # set by the test before the machine runs

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()  # every example is rolled back in teardown
        self.models: list[int] = []
        self.accepted = 0  # lifecycle steps the services accepted (each one TransitionRecord row)
        self.recognitions: dict[int, tuple[str, str]] = {}  # pk -> (persona, owner path at the time)

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    # --- helpers -------------------------------------------------------------------------------
    def user(self, persona):
        return self.world.users[persona]

    def load(self, index: int) -> Initiative:
        return Initiative.objects.select_related("owner_unit").get(pk=self.models[index % len(self.models)])

    def level_unit(self, choice, owner: Unit):
        w = self.world
        if choice is None:
            return None
        if choice == "owner":
            return owner
        if choice == "parent":
            return w.by_path[owner.path[: -Unit.steplen]] if owner.depth > 1 else owner
        if choice == "root":
            return w.by_path[owner.path[: Unit.steplen]]
        if choice == "haichau":
            return w.units["Đảng ủy phường Hải Châu"]
        return w.units["Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ"]

    def attempt(self, expected, call):
        """Run a service call; it must be accepted or refused as the oracle expects, and a
        refusal must change nothing."""
        before = snapshot()
        try:
            result = call()
        except (ServiceError, PermissionDenied) as exc:
            assert expected is not None, f"refused, expected accepted: {exc!r}"
            assert isinstance(exc, expected), f"{type(exc).__name__}, expected {expected.__name__}: {exc}"
            assert snapshot() == before
            return None
        assert expected is None, f"accepted, expected {expected.__name__}"
        return result

    def logged_once(
        self, initiative, before_count, *, action, actor, comment, from_status, to_status, unit=None
    ):
        new = list(initiative.transitions.order_by("id"))[before_count:]
        assert len(new) == 1, new
        record = new[0]
        assert (record.action, record.actor_id, record.comment) == (action, actor.pk, comment)
        assert (record.from_status, record.to_status) == (from_status, to_status)
        if unit is not None:
            assert record.unit_id == unit.pk
        self.accepted += 1
        return record

    # --- the models under test -----------------------------------------------------------------
    @initialize(
        owner_name=st.sampled_from(OWNERS),
        depth=st.sampled_from(DEPTHS),
        former_depth=st.sampled_from(DEPTHS),
    )
    def start(self, owner_name, depth, former_depth):
        """A model of a Tam Kỳ unit and one of a former ward, each already some way along its life
        (so that a few random steps reach every state)."""
        w = self.world
        field = Field.objects.get(code="culture_society")
        current = services.register_initiative(
            w.units[owner_name],
            {
                "name": "Khu dân cư không rác thải nhựa",
                "field": field,
                "year": 2026,
                "content": "Đổi rác lấy cây.",
            },
            actor=self.user("owner"),
        )
        old_campaign = Campaign.objects.get(issuing_unit__name="Thành ủy Tam Kỳ")
        former = services.register_initiative(
            w.units[FORMER],
            {"name": "Tổ hòa giải ở cơ sở", "field": field, "year": 2024, "campaign": old_campaign},
            actor=self.user("admin"),
        )
        self.models = [current.pk, former.pk]
        self.accepted = 2
        self.walk(current, depth, editor=self.user("owner"), reviewer="ancestor")
        self.walk(former, former_depth, editor=self.user("admin"), reviewer="admin")

    def walk(self, initiative, depth, *, editor, reviewer):
        for action in ["register", "start", "propose", "recognize", "consolidate"][:depth]:
            if action == "propose":
                services.add_progress(
                    initiative, {"narrative": "Ra quân", "households_benefiting": 40}, actor=editor
                )
            actor = self.user(reviewer) if action in ("recognize", "consolidate") else editor
            comment = "Cần củng cố" if action == "consolidate" else ""
            initiative = services.transition(initiative, action, actor=actor, comment=comment)
            self.accepted += 1
            if action == "recognize":
                self.recognitions[initiative.pk] = (reviewer, initiative.owner_unit.path)

    # --- lifecycle actions ---------------------------------------------------------------------
    @rule(data=st.data(), what=st.sampled_from(MIX))
    def step(self, data, what):
        """One random action; lifecycle steps most often (see MIX)."""
        if what == "replicate" and len(self.models) >= MAX_MODELS:
            what = "act"
        getattr(self, what)(
            **{name: data.draw(strategy, label=name) for name, strategy in PARAMS[what].items()}
        )

    def act(self, index, persona, action, wild, comment, level_choice):
        """One of the actions the rules offer in the current state or (wild) any action by anyone."""
        w = self.world
        initiative = self.load(index)
        offered = [t.action for t in available(initiative.status)]
        if not wild and offered:  # an action the state offers, by someone entitled to it
            action = offered[ACTION_NAMES.index(action) % len(offered)]
            persona = entitled(
                persona, lambda p: w.may(p, TRANSITIONS[action].permission, initiative.owner_unit.path)
            )
        owner = initiative.owner_unit
        level = self.level_unit(level_choice, owner)
        rule_ = TRANSITIONS.get(action)
        levels = w.levels(persona, owner)
        expected = first_refusal(
            lambda: (rule_ is not None, ServiceError),
            lambda: (w.may(persona, rule_.permission, owner.path), PermissionDenied),
            lambda: (initiative.status in rule_.sources, ServiceError),
            lambda: (not rule_.needs_comment or comment.strip(), ServiceError),
            lambda: (
                not rule_.needs_progress or any(p.has_results for p in initiative.progress_updates.all()),
                ServiceError,
            ),
            lambda: (
                not rule_.needs_level or (levels if level is None else level.path in levels),
                ServiceError,
            ),
        )
        previous, count, history = (
            initiative.status,
            initiative.transitions.count(),
            initiative.history.count(),
        )
        actor = self.user(persona)
        done = self.attempt(
            expected,
            lambda: services.transition(initiative, action, actor=actor, comment=comment, level=level),
        )
        if done is None:
            return
        done.refresh_from_db()
        assert previous in rule_.sources and done.status == rule_.target
        record = self.logged_once(
            done, count, action=action, actor=actor, comment=comment.strip(), from_status=previous,
            to_status=rule_.target,
        )  # fmt: skip
        assert done.history.count() == history + 1
        row = done.history.latest("history_date", "history_id")
        assert row.history_user_id == actor.pk and row.status == rule_.target
        assert row.history_change_reason == (comment.strip() or str(rule_.label))
        if rule_.needs_level:
            assert record.unit_id == done.recognized_level_id
            if level is not None:
                assert done.recognized_level_id == level.pk
            assert done.recognized_on == timezone.localdate()
            self.recognitions[done.pk] = (persona, owner.path)

    def replicate(self, index, persona, to, comment, wild):
        """From a model the rules allow to spread or (wild) from any model, by anyone."""
        w = self.world
        source = self.load(index)
        sources = list(Initiative.objects.filter(pk__in=self.models, status__in=REPLICATION_SOURCES))
        unit = w.units[to]
        if not wild and sources:
            source = sources[index % len(sources)]
            persona = entitled(persona, lambda p: w.may(p, "initiative.change", unit.path))
        expected = first_refusal(
            lambda: (w.may(persona, "initiative.view", source.owner_unit.path), PermissionDenied),
            lambda: (w.may(persona, "initiative.change", unit.path), PermissionDenied),
            lambda: (source.status in REPLICATION_SOURCES, ServiceError),
            lambda: (unit.pk != source.owner_unit_id and unit.active, ServiceError),
        )
        previous, count, history = source.status, source.transitions.count(), source.history.count()
        actor = self.user(persona)
        replica = self.attempt(
            expected, lambda: services.replicate(source, unit, actor=actor, comment=comment)
        )
        if replica is None:
            return
        self.models.append(replica.pk)
        assert replica.status == Status.DRAFT and replica.replicated_from_id == source.pk
        assert replica.owner_unit_id == unit.pk
        self.logged_once(
            replica, 0, action="replicate", actor=actor, comment=comment.strip(), from_status="",
            to_status=Status.DRAFT, unit=source.owner_unit,
        )  # fmt: skip
        assert set(replica.history.values_list("history_user_id", flat=True)) == {actor.pk}
        source.refresh_from_db()
        assert source.status == Status.REPLICATED
        if previous == Status.REPLICATED:
            assert source.transitions.count() == count
        else:
            self.logged_once(
                source, count, action="replicated", actor=actor, comment=comment.strip(),
                from_status=previous, to_status=Status.REPLICATED, unit=unit,
            )  # fmt: skip
            assert source.history.count() == history + 1
            assert source.history.latest("history_date", "history_id").history_user_id == actor.pk

    def carry_over(self, index, persona, to, comment, wild):
        """A former ward's model to one of its successors or (wild) any model anywhere, by anyone."""
        w = self.world
        initiative = self.load(index)
        owner, successor = initiative.owner_unit, w.units[to]
        if not wild and owner.active:
            formers = list(
                Initiative.objects.filter(pk__in=self.models, owner_unit__valid_until__isnull=False)
            )
            if formers:
                initiative = formers[0]
                owner = initiative.owner_unit
        if not wild and not owner.active:
            successors = sorted(succ for pred, succ in w.successions if pred == owner.pk)
            successor = Unit.objects.get(pk=successors[index % len(successors)])
            persona = entitled(persona, lambda p: w.may(p, "initiative.change", successor.path))
        expected = first_refusal(
            lambda: (not owner.active, ServiceError),
            lambda: ((owner.pk, successor.pk) in w.successions, ServiceError),
            lambda: (w.may(persona, "initiative.change", successor.path), PermissionDenied),
        )
        status, count, history = initiative.status, initiative.transitions.count(), initiative.history.count()
        actor = self.user(persona)
        done = self.attempt(
            expected, lambda: services.carry_over(initiative, successor, actor=actor, comment=comment)
        )
        if done is None:
            return
        done.refresh_from_db()
        assert done.owner_unit_id == successor.pk and done.status == status
        assert done.area.path.startswith(successor.area.path[: Unit.steplen]) and done.area.is_active()
        record = self.logged_once(
            done, count, action="carry_over", actor=actor, comment=carried_comment(comment, owner),
            from_status=status, to_status=status, unit=owner,
        )  # fmt: skip
        assert record.comment.strip()
        assert done.history.count() == history + 1
        assert done.history.latest("history_date", "history_id").history_user_id == actor.pk

    # --- progress and years (not lifecycle steps: history only) ----------------------------------
    def progress(self, index, persona, narrative, with_numbers, days):
        w = self.world
        initiative = self.load(index)
        on = timezone.localdate() + timedelta(days=days)
        expected = first_refusal(
            lambda: (w.may(persona, "initiative.change", initiative.owner_unit.path), PermissionDenied),
            lambda: (initiative.status not in (Status.DRAFT, Status.DISCONTINUED), ServiceError),
            lambda: (narrative.strip() and days <= 0, ServiceError),
        )
        count = initiative.transitions.count()
        actor = self.user(persona)
        payload = {"narrative": narrative, "reported_on": on, "people_reached": 150 if with_numbers else None}
        update = self.attempt(expected, lambda: services.add_progress(initiative, payload, actor=actor))
        if update is None:
            return
        assert update.initiative_id == initiative.pk and update.created_by_id == actor.pk
        assert update.has_results == with_numbers
        assert list(update.history.values_list("history_user_id", flat=True)) == [actor.pk]
        assert initiative.transitions.count() == count

    def year(self, index, persona, offset, evaluation, plan):
        w = self.world
        initiative = self.load(index)
        year = initiative.year + offset
        this_year = timezone.localdate().year
        actor = self.user(persona)
        path = initiative.owner_unit.path
        if plan:
            expected = first_refusal(
                lambda: (w.may(persona, "initiative.change", path), PermissionDenied),
                lambda: (initiative.status != Status.DISCONTINUED, ServiceError),
                lambda: (initiative.year <= year <= this_year + 1, ServiceError),
            )

            def call():
                return services.plan_year(initiative, year, actor=actor, plan="Kế hoạch năm")
        else:
            expected = first_refusal(
                lambda: (w.may(persona, "initiative.review", path), PermissionDenied),
                lambda: (evaluation in Evaluation.values, ServiceError),
                lambda: (initiative.year <= year <= this_year, ServiceError),
            )

            def call():
                return services.evaluate_year(initiative, year, actor=actor, evaluation=evaluation)

        count = initiative.transitions.count()
        record = self.attempt(expected, call)
        if record is None:
            return
        assert record.initiative_id == initiative.pk and record.year == year
        if plan:
            assert record.plan == "Kế hoạch năm"
        else:
            assert record.evaluation == evaluation and record.evaluated_by_id == actor.pk
        assert record.history.latest("history_date", "history_id").history_user_id == actor.pk
        assert initiative.transitions.count() == count

    # --- invariants ----------------------------------------------------------------------------
    @invariant()
    def every_accepted_step_is_logged_once(self):
        if self.models:
            assert TransitionRecord.objects.filter(initiative__in=self.models).count() == self.accepted

    @invariant()
    def states_follow_the_rules_and_only_the_entitled_act(self):
        w = self.world
        for initiative in Initiative.objects.filter(pk__in=self.models).select_related("owner_unit"):
            assert initiative.status in Status.values
            records = list(initiative.transitions.select_related("unit").order_by("id"))
            # the owner at the time of each step: the former unit until it was carried over
            carried = [r for r in records if r.action == "carry_over"]
            owner_path = carried[0].unit.path if carried else initiative.owner_unit.path
            status = None
            for record in records:
                if record.action in ("create", "replicate"):
                    assert status is None and record.to_status == Status.DRAFT
                elif record.action == "replicated":
                    assert record.from_status == status in REPLICATION_SOURCES
                    assert record.to_status == Status.REPLICATED
                elif record.action == "carry_over":  # once at most: the successor is in force
                    assert record.from_status == record.to_status == status
                    owner_path = initiative.owner_unit.path
                    assert w.may(w.persona_of(record.actor_id), "initiative.change", owner_path)
                else:
                    rule_ = TRANSITIONS[record.action]
                    assert record.from_status == status and status in rule_.sources
                    assert record.to_status == rule_.target
                    assert w.may(w.persona_of(record.actor_id), rule_.permission, owner_path)
                    if rule_.needs_comment:
                        assert record.comment.strip()
                status = record.to_status
            assert status == initiative.status

    @invariant()
    def recognized_at_a_competent_level(self):
        w = self.world
        for initiative in Initiative.objects.filter(pk__in=self.models):
            if initiative.status in (Status.RECOGNIZED, Status.CONSOLIDATED, Status.REPLICATED):
                assert initiative.recognized_level_id is not None
            if initiative.status == Status.RECOGNIZED:
                persona, owner_path = self.recognitions[initiative.pk]
                level = initiative.recognized_level
                assert owner_path.startswith(level.path)  # the owner or one of its ancestors
                assert level.path in w.levels(persona, w.by_path[owner_path])


def entitled(persona: str, may) -> str:
    """The persona if `may` allows it, else another persona it allows (if any)."""
    allowed = [p for p in PERSONAS if may(p)]
    return persona if persona in allowed or not allowed else allowed[PERSONAS.index(persona) % len(allowed)]


def first_refusal(*checks):
    """The error of the first failing check — (passes, error) pairs, in the order the service
    checks them — or None when the action must be accepted."""
    for check in checks:
        passes, error = check()
        if not passes:
            return error
    return None


def carried_comment(comment: str, former: Unit) -> str:
    """What carry_over writes: the comment, or a default naming the former owner."""
    return comment.strip() or gettext("Carried over from %(owner)s") % {"owner": former}


def test_lifecycle_state_machine(db, owner, ancestor, stranger, admin_user):
    User = get_user_model()
    other = User.objects.create_user(username="canbo.thanhkhe", password="x")
    add_grant(
        admin_user,
        user=other,
        role=Role.STANDING_AGENCY_OFFICER,
        unit=Unit.objects.get(name="Ủy ban Mặt trận Tổ quốc Việt Nam phường Thanh Khê"),
        reason="Cơ quan thường trực phường Thanh Khê (kiểm thử)",
    )
    users = {
        "owner": owner,
        "ancestor": ancestor,
        "stranger": stranger,
        "other": User.objects.get(pk=other.pk),
        "leader": User.objects.get(username="lanhdao.danang"),
        "admin": admin_user,
    }
    LifecycleMachine.world = World(users)
    run_machine(LifecycleMachine, examples=25, steps=15)
