"""A state machine over an appraisal round: random actions by random personas.

Personas: the city's standing agency (ancestor), a ward officer (owner), another ward's officer
(stranger), three council members of the city (lan, hanh — who belongs to the ward Front —,
long), a leader of the city and the system administrator. Actions: gathering and adding
candidates (and a model that is not proposed), removing and withdrawing them, appointing and
dismissing members in any position, satisfaction surveys (good and bad), every lifecycle action
(and a bogus one) with or without a reason, scorecards (complete, partial, out of range; saved or
submitted) and recusals.

An oracle written from the rules predicts each outcome and the services must agree: a refused
action changes nothing at all; an accepted one is logged once (with its actor) in the round's
log. Invariants: the lifecycle follows `workflow.TRANSITIONS`; candidates and the council change
only while the round is prepared; only seated members who may score have cards; a submitted card
scores every criterion, a recused one none; a closed round's stored results are the computed
ones, with the thresholds applied.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from danvan.appraisal import services
from danvan.appraisal.models import (
    AppraisalRound,
    Candidate,
    CouncilMember,
    CriterionKind,
    RoundEvent,
    Scorecard,
)
from danvan.appraisal.workflow import (
    PREPARING,
    SCORING_POSITIONS,
    TRANSITIONS,
    CardStatus,
    Position,
    RoundStatus,
    available,
)
from danvan.core.permissions import ACTIONS, Role
from danvan.core.services import ServiceError
from danvan.initiatives.models import Holder, Kind
from danvan.orgs.models import Grant, Person, Unit
from danvan.orgs.services import add_grant
from tests.appraisal.test_services import snapshot
from tests.initiatives.conftest import advance, make
from tests.machines import run_machine

pytestmark = pytest.mark.django_db

PERSONAS = ["ancestor", "owner", "stranger", "lan", "hanh", "long", "leader", "admin"]
PREPARE = ["gather", "add", "remove", "appoint", "dismiss"]
ACTION_NAMES = ["close", "open", "cancel", "approve"]  # "approve" is no rule: always refused
COMMENTS = ["Theo kế hoạch", "", "   "]
SCORE_KINDS = ["full", "low", "partial", "over"]
DEPTHS = [3, 2, 1, 0]  # how far prepared a round starts: scored first (tried most)
MIX = ["act"] * 3 + ["score"] * 4 + ["recuse", "survey", "withdraw"] + PREPARE
MANAGE_ACTIONS = {"gather", "add_candidate", "remove_candidate", "withdraw", "survey", "appoint", "dismiss"}
SCORE_ACTIONS = {"save_draft", "submit", "recuse"}


class World:
    """What the oracle knows: the personas, their grants and where their people work."""

    def __init__(self, users, city, models):
        self.users = users
        self.city = city
        self.models = models
        self.paths = {}
        for name, user in users.items():
            paths = set(Grant.objects.active().filter(user=user).values_list("unit__path", flat=True))
            paths |= set(Person.objects.filter(user=user).values_list("unit__path", flat=True))
            self.paths[name] = paths
        self.grants = {
            name: [
                (g.role, g.unit.path) for g in Grant.objects.active().filter(user=u).select_related("unit")
            ]
            for name, u in users.items()
        }

    def may(self, persona: str, action: str) -> bool:
        if self.users[persona].is_superuser:
            return True
        return any(
            role in ACTIONS[action] and self.city.path.startswith(p) for role, p in self.grants[persona]
        )

    def persona_of(self, user_id: int) -> str:
        return next(name for name, u in self.users.items() if u.pk == user_id)

    def conflicted(self, persona: str, candidate: Candidate) -> bool:
        owner = candidate.initiative.owner_unit.path
        return any(p.startswith(owner) for p in self.paths[persona])


def first_refusal(*checks):
    for check in checks:
        passes, error = check()
        if not passes:
            return error
    return None


class RoundMachine(RuleBasedStateMachine):
    world: World

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.expected_events = 0
        self.wild = True

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    # --- helpers ---------------------------------------------------------------------------------
    def user(self, persona):
        return self.world.users[persona]

    def round(self) -> AppraisalRound:
        return AppraisalRound.objects.select_related("unit", "collective_set", "individual_set").get(
            pk=self.round_id
        )

    def candidates(self) -> list[Candidate]:
        return list(
            Candidate.objects.filter(round_id=self.round_id)
            .select_related("initiative__owner_unit")
            .order_by("pk")
        )

    def pick(self, index) -> Candidate | None:
        items = self.candidates()
        return items[index % len(items)] if items else None

    def seat(self, persona) -> CouncilMember | None:
        return CouncilMember.objects.filter(round_id=self.round_id, user=self.user(persona)).first()

    def scorer(self, persona) -> bool:
        seat = self.seat(persona)
        return bool(
            seat and seat.position in SCORING_POSITIONS and self.world.may(persona, "appraisal.score")
        )

    def attempt(self, expected, call, *, action, persona, logs=True):
        """Run a service call as the oracle predicts; refusals change nothing, acceptances log once."""
        before = snapshot()
        events = RoundEvent.objects.filter(round_id=self.round_id).count()
        try:
            result = call()
        except (ServiceError, PermissionDenied) as exc:
            assert expected is not None, f"{action} by {persona} refused, expected accepted: {exc!r}"
            assert isinstance(exc, expected), (
                f"{action} by {persona}: {type(exc).__name__}, expected {expected.__name__}: {exc}"
            )
            assert snapshot() == before
            return None
        assert expected is None, f"{action} by {persona} accepted, expected {expected.__name__}"
        new = list(RoundEvent.objects.filter(round_id=self.round_id).order_by("id"))[events:]
        if logs:
            assert [(e.action, e.actor_id) for e in new] == [(action, self.user(persona).pk)], new
            self.expected_events += 1
        else:
            assert new == []
        return result

    def manage_checks(self, persona, statuses):
        round_ = self.round()
        return [
            lambda: (self.world.may(persona, "appraisal.manage"), PermissionDenied),
            lambda: (round_.status in statuses, ServiceError),
        ]

    # --- the round under test --------------------------------------------------------------------
    @initialize(depth=st.sampled_from(DEPTHS))
    def start(self, depth):
        w = self.world
        agency = self.user("ancestor")
        sets = {
            Holder.COLLECTIVE: services.create_set_from_template(w.city, "province_common", actor=agency),
            Holder.INDIVIDUAL: services.create_set_from_template(w.city, "dalat_individual", actor=agency),
        }
        round_ = services.create_round(
            w.city,
            {
                "name": "Đợt thẩm định",
                "year": 2026,
                "collective_set": sets[Holder.COLLECTIVE],
                "individual_set": sets[Holder.INDIVIDUAL],
            },
            actor=agency,
        )
        self.round_id = round_.pk
        self.expected_events = 1
        if depth >= 1:
            services.gather_candidates(round_, actor=agency)
            for persona, position in (
                ("lan", Position.CHAIR),
                ("hanh", Position.MEMBER),
                ("long", Position.MEMBER),
                ("ancestor", Position.SECRETARY),
            ):
                services.appoint(round_, self.user(persona), position, actor=agency)
            self.expected_events += 5
            for candidate in self.candidates():
                if candidate.initiative.holder == Holder.COLLECTIVE:
                    services.record_survey(candidate, actor=agency, surveyed=120, satisfied_share="82.5")
                    self.expected_events += 1
        if depth >= 2:
            services.transition(round_, "open", actor=agency)
            self.expected_events += 1
        if depth >= 3:
            for candidate in self.candidates():
                for persona in ("lan", "long"):
                    services.save_scorecard(
                        candidate,
                        actor=self.user(persona),
                        scores=self.scores(candidate, "full"),
                        submit=True,
                    )
                    self.expected_events += 1

    def scores(self, candidate, kind) -> dict:
        criteria = services.member_criteria(self.round(), candidate.initiative.holder)
        scores = {}
        for index, criterion in enumerate(criteria):
            if kind == "partial" and index > 0:
                break
            if criterion.kind == CriterionKind.PASS_FAIL:
                scores[criterion.pk] = kind != "low" or index % 2 == 0
            else:
                share = {"full": Decimal("0.9"), "low": Decimal("0.4"), "partial": Decimal("0.5")}.get(kind)
                scores[criterion.pk] = (
                    criterion.max_points + 1 if share is None else criterion.max_points * share
                )
        return scores

    # --- the steps ---------------------------------------------------------------------------------
    @rule(data=st.data(), what=st.sampled_from(MIX), wild=st.booleans())
    def step(self, data, what, wild):
        """One action; unless `wild`, by a persona entitled to it (so that rounds go somewhere)."""
        persona = data.draw(st.sampled_from(PERSONAS), label="persona")
        if not wild:
            if what in ("score", "recuse"):
                allowed = [p for p in PERSONAS if self.scorer(p)]
            else:
                allowed = [p for p in PERSONAS if self.world.may(p, "appraisal.manage")]
            if allowed and persona not in allowed:
                persona = allowed[PERSONAS.index(persona) % len(allowed)]
        self.wild = wild
        getattr(self, f"do_{what}")(data, persona)

    def do_gather(self, data, persona):
        round_ = self.round()
        eligible = services.eligible_initiatives(round_).count()
        expected = first_refusal(
            *self.manage_checks(persona, PREPARING), lambda: (eligible > 0, ServiceError)
        )
        added = self.attempt(
            expected,
            lambda: services.gather_candidates(round_, actor=self.user(persona)),
            action="gather",
            persona=persona,
        )
        if added is not None:
            assert len(added) == eligible

    def do_add(self, data, persona):
        key = data.draw(st.sampled_from(["gov", "front", "person", "draft"]), label="model")
        initiative = self.world.models[key]
        round_ = self.round()
        taken = Candidate.objects.filter(round_id=self.round_id, initiative=initiative).exists()
        expected = first_refusal(
            *self.manage_checks(persona, PREPARING),
            lambda: (key != "draft" and not taken, ServiceError),
        )
        self.attempt(
            expected,
            lambda: services.add_candidate(round_, initiative, actor=self.user(persona)),
            action="add_candidate",
            persona=persona,
        )

    def do_remove(self, data, persona):
        candidate = self.pick(data.draw(st.integers(0, 5), label="index"))
        if candidate is None:
            return
        expected = first_refusal(*self.manage_checks(persona, PREPARING))
        self.attempt(
            expected,
            lambda: services.remove_candidate(candidate, actor=self.user(persona)),
            action="remove_candidate",
            persona=persona,
        )

    def do_appoint(self, data, persona):
        target = data.draw(st.sampled_from(PERSONAS), label="target")
        position = data.draw(st.sampled_from([*Position.values, "observer"]), label="position")
        round_ = self.round()
        seated = self.seat(target) is not None
        has_chair = CouncilMember.objects.filter(round_id=self.round_id, position=Position.CHAIR).exists()
        expected = first_refusal(
            *self.manage_checks(persona, PREPARING),
            lambda: (position in Position.values, ServiceError),
            lambda: (not seated, ServiceError),
            lambda: (not (position == Position.CHAIR and has_chair), ServiceError),
            lambda: (
                position not in SCORING_POSITIONS or self.world.may(target, "appraisal.score"),
                ServiceError,
            ),
            lambda: (
                position != Position.SECRETARY or self.world.may(target, "appraisal.view"),
                ServiceError,
            ),
        )
        self.attempt(
            expected,
            lambda: services.appoint(round_, self.user(target), position, actor=self.user(persona)),
            action="appoint",
            persona=persona,
        )

    def do_dismiss(self, data, persona):
        members = list(
            CouncilMember.objects.filter(round_id=self.round_id).select_related("user").order_by("pk")
        )
        if not members:
            return
        member = members[data.draw(st.integers(0, 5), label="index") % len(members)]
        expected = first_refusal(*self.manage_checks(persona, PREPARING))
        self.attempt(
            expected,
            lambda: services.dismiss(member, actor=self.user(persona)),
            action="dismiss",
            persona=persona,
        )

    def do_survey(self, data, persona):
        candidate = self.pick(data.draw(st.integers(0, 5), label="index"))
        if candidate is None:
            return
        surveyed = data.draw(st.sampled_from([150, 0, "nhiều"]), label="surveyed")
        share = data.draw(st.sampled_from(["90", "82.5", "101"]), label="share")
        expected = first_refusal(
            *self.manage_checks(persona, frozenset({RoundStatus.DRAFT, RoundStatus.SCORING})),
            lambda: (candidate.active, ServiceError),
            lambda: (candidate.initiative.holder == Holder.COLLECTIVE, ServiceError),
            lambda: (surveyed == 150, ServiceError),
            lambda: (share != "101", ServiceError),
        )
        same = (candidate.surveyed, candidate.satisfied_share) == (
            150,
            Decimal(share) if share != "101" else None,
        )
        self.attempt(
            expected,
            lambda: services.record_survey(
                candidate, actor=self.user(persona), surveyed=surveyed, satisfied_share=share
            ),
            action="survey",
            persona=persona,
            logs=not same,
        )

    def do_withdraw(self, data, persona):
        candidate = self.pick(data.draw(st.integers(0, 5), label="index"))
        if candidate is None:
            return
        reason = data.draw(st.sampled_from(COMMENTS), label="reason")
        expected = first_refusal(
            *self.manage_checks(persona, frozenset({RoundStatus.SCORING})),
            lambda: (candidate.active, ServiceError),
            lambda: (reason.strip(), ServiceError),
        )
        self.attempt(
            expected,
            lambda: services.withdraw_candidate(candidate, actor=self.user(persona), reason=reason),
            action="withdraw",
            persona=persona,
        )

    def do_act(self, data, persona):
        action = data.draw(st.sampled_from(ACTION_NAMES), label="action")
        offered = [t.action for t in available(self.round().status)]
        if not self.wild and offered:  # the step forward the state offers, or (one time in four) cancel
            action = "cancel" if action == "cancel" else offered[0]
        comment = data.draw(st.sampled_from(COMMENTS), label="comment")
        round_ = self.round()
        rule_ = TRANSITIONS.get(action)
        active = [c for c in self.candidates() if c.active]

        def ready():
            if action == "open":
                chair = CouncilMember.objects.filter(round_id=self.round_id, position=Position.CHAIR).exists()
                return bool(active) and chair
            if action == "close":
                for candidate in active:
                    if candidate.initiative.holder == Holder.COLLECTIVE and candidate.satisfied_share is None:
                        return False
                    if not candidate.scorecards.filter(status=CardStatus.SUBMITTED).exists():
                        return False
            return True

        expected = first_refusal(
            lambda: (rule_ is not None, ServiceError),
            lambda: (self.world.may(persona, "appraisal.manage"), PermissionDenied),
            lambda: (round_.status in rule_.sources, ServiceError),
            lambda: (not rule_.needs_comment or comment.strip(), ServiceError),
            lambda: (ready(), ServiceError),
        )
        done = self.attempt(
            expected,
            lambda: services.transition(round_, action, actor=self.user(persona), comment=comment),
            action=action,
            persona=persona,
        )
        if done is not None:
            assert done.status == rule_.target

    def score_checks(self, persona, candidate):
        round_ = self.round()
        card = (
            Scorecard.objects.filter(candidate=candidate, member=self.seat(persona)).first()
            if self.seat(persona)
            else None
        )
        return [
            lambda: (self.scorer(persona), PermissionDenied),
            lambda: (round_.status == RoundStatus.SCORING, ServiceError),
            lambda: (candidate.active, ServiceError),
            lambda: (card is None or card.status == CardStatus.DRAFT, ServiceError),
        ]

    def do_score(self, data, persona):
        candidate = self.pick(data.draw(st.integers(0, 5), label="index"))
        if candidate is None:
            return
        kind = data.draw(st.sampled_from(SCORE_KINDS), label="kind")
        submit = data.draw(st.booleans(), label="submit")
        if not self.wild:
            kind, submit = ("full", True) if kind in ("full", "over") else ("low", submit)
        expected = first_refusal(
            *self.score_checks(persona, candidate),
            lambda: (kind != "over", ServiceError),
            lambda: (not (submit and kind == "partial"), ServiceError),
        )
        card = self.attempt(
            expected,
            lambda: services.save_scorecard(
                candidate, actor=self.user(persona), scores=self.scores(candidate, kind), submit=submit
            ),
            action="submit" if submit else "save_draft",
            persona=persona,
        )
        if card is not None and submit:
            assert card.flagged == self.world.conflicted(persona, candidate)

    def do_recuse(self, data, persona):
        candidate = self.pick(data.draw(st.integers(0, 5), label="index"))
        if candidate is None:
            return
        reason = data.draw(st.sampled_from(COMMENTS), label="reason")
        expected = first_refusal(
            *self.score_checks(persona, candidate), lambda: (reason.strip(), ServiceError)
        )
        card = self.attempt(
            expected,
            lambda: services.recuse(candidate, actor=self.user(persona), reason=reason),
            action="recuse",
            persona=persona,
        )
        if card is not None:
            assert card.flagged == self.world.conflicted(persona, candidate)

    # --- invariants -----------------------------------------------------------------------------------
    @invariant()
    def every_accepted_action_is_logged_once_by_someone_entitled(self):
        events = list(RoundEvent.objects.filter(round_id=self.round_id).order_by("id"))
        assert len(events) == self.expected_events
        w = self.world
        status = None
        for event in events:
            persona = w.persona_of(event.actor_id)
            if event.action in TRANSITIONS or event.action == "create":
                rule_ = TRANSITIONS.get(event.action)
                if rule_ is None:
                    assert status is None and event.to_status == RoundStatus.DRAFT
                else:
                    assert event.from_status == status and status in rule_.sources
                    assert event.to_status == rule_.target
                    if rule_.needs_comment:
                        assert event.comment.strip()
                assert w.may(persona, "appraisal.manage")
                status = event.to_status
            elif event.action in MANAGE_ACTIONS:
                assert w.may(persona, "appraisal.manage")
                if event.action in {"gather", "add_candidate", "remove_candidate", "appoint", "dismiss"}:
                    assert status == RoundStatus.DRAFT, event.action
                elif event.action == "withdraw":
                    assert status == RoundStatus.SCORING and event.comment.strip()
                else:
                    assert status in (RoundStatus.DRAFT, RoundStatus.SCORING)
            else:
                assert event.action in SCORE_ACTIONS, event.action
                assert status == RoundStatus.SCORING
                assert w.may(persona, "appraisal.score")
        assert status == self.round().status

    @invariant()
    def cards_belong_to_scorers_and_are_complete_when_submitted(self):
        round_ = self.round()
        for card in Scorecard.objects.filter(candidate__round_id=self.round_id).select_related(
            "member", "candidate__initiative"
        ):
            assert card.member.position in SCORING_POSITIONS
            criteria = {c.pk for c in services.member_criteria(round_, card.candidate.initiative.holder)}
            scored = {s.criterion_id for s in card.scores.all()}
            assert scored <= criteria
            if card.status == CardStatus.SUBMITTED:
                assert scored == criteria and card.submitted_at
            if card.status == CardStatus.RECUSED:
                assert scored == set() and card.recusal_reason.strip()
        chairs = CouncilMember.objects.filter(round_id=self.round_id, position=Position.CHAIR).count()
        assert chairs <= 1
        if round_.status != RoundStatus.DRAFT and round_.opened_at is None:
            assert round_.status == RoundStatus.CANCELLED

    @invariant()
    def a_closed_round_holds_the_computed_results(self):
        round_ = self.round()
        if round_.status != RoundStatus.CLOSED:
            assert not Candidate.objects.filter(round_id=self.round_id, overall__isnull=False).exists()
            return
        results = services.compute_results(round_)
        stored = {c.pk: c for c in self.candidates()}
        seen = set()
        for set_id, items in results.items():
            criteria_set = (
                round_.collective_set if round_.collective_set_id == set_id else round_.individual_set
            )
            for result in items:
                candidate = stored[result.candidate.pk]
                seen.add(candidate.pk)
                assert candidate.counted >= 1
                assert (candidate.overall, candidate.rank, candidate.recommended, candidate.typical) == (
                    result.overall,
                    result.rank,
                    result.recommended,
                    result.typical,
                )
                if candidate.recommended:
                    assert (
                        candidate.overall >= criteria_set.recognition_threshold
                        and not result.mandatory_failed
                    )
                if candidate.typical:
                    assert candidate.recommended and candidate.overall >= criteria_set.typical_threshold
        for pk, candidate in stored.items():
            if pk not in seen:
                assert not candidate.active and candidate.overall is None


def test_round_state_machine(db, owner, ancestor, stranger, admin_user, city, tamky, haichau):
    User = get_user_model()
    users = {"owner": owner, "ancestor": ancestor, "stranger": stranger, "admin": admin_user}
    users["lan"] = User.objects.get(username="hoidong.danang")
    users["leader"] = User.objects.get(username="lanhdao.danang")
    for name, full_name in (("hanh", "Trương Thị Hạnh"), ("long", "Phạm Văn Long")):
        user = User.objects.create_user(username=f"hoidong.{name}", password="x")
        Person.objects.filter(full_name=full_name).update(user=user)
        add_grant(admin_user, user=user, role=Role.COUNCIL_MEMBER, unit=city, reason="Hội đồng (kiểm thử)")
        users[name] = User.objects.get(pk=user.pk)
    gov = Unit.objects.get(name="Ủy ban nhân dân phường Tam Kỳ")
    front = Unit.objects.get(name="Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ")
    models = {
        "gov": advance(make(gov, owner, "Bộ phận một cửa thân thiện"), owner, ancestor, "proposed"),
        "front": advance(make(front, owner, "Mái ấm Mặt trận"), owner, ancestor, "proposed"),
        "person": advance(
            make(
                haichau,
                stranger,
                "Bà Nguyễn Thị Hoa – tổ trưởng dân vận khéo",
                kind=Kind.EXEMPLAR,
                holder=Holder.INDIVIDUAL,
                holder_name="Nguyễn Thị Hoa",
            ),
            stranger,
            ancestor,
            "proposed",
        ),
        "draft": make(tamky, owner, "Mô hình còn nháp", submit=False),
    }
    RoundMachine.world = World(users, city, models)
    run_machine(RoundMachine, examples=30, steps=30)
