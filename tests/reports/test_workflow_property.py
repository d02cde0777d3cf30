"""A state machine over one period's reports: Tam Kỳ's, Hải Châu's and the city's summary.

Personas: the ward officer (owner, Tam Kỳ), the city's standing agency (ancestor, the reviewer),
another ward's officer (stranger, Hải Châu), a leader of the city and the system administrator.
Rules: every action of workflow.TRANSITIONS and a bogus one, by anyone, with or without a comment;
writing the results; correcting a figure. An oracle written from the rules predicts each call and
the services must agree: an accepted call does what the rule says and is logged once; a refused
one changes nothing. Throughout: a report's figures are frozen exactly while it is submitted or
accepted, an accepted report's snapshot never changes, the log is a path of the workflow ending
in the report's status, and the first submission's date never moves.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from danvan.core.permissions import ACTIONS
from danvan.core.services import ServiceError
from danvan.orgs.models import Grant, Unit, UnitType
from danvan.reports import services
from danvan.reports.models import Correction, Report, ReportEvent
from danvan.reports.workflow import (
    EDITABLE,
    FROZEN,
    REPORTER_ACTIONS,
    SUMMARY_ACTIONS,
    TRANSITIONS,
    ReportStatus,
    available,
)

pytestmark = pytest.mark.django_db

PERSONAS = ["owner", "ancestor", "stranger", "leader", "admin"]
ACTION_NAMES = [*TRANSITIONS, "approve"]
COMMENTS = ["", "  ", "Đề nghị bổ sung số liệu."]
REPORTS = ["Đảng ủy phường Tam Kỳ", "Đảng ủy phường Hải Châu", "Thành ủy Đà Nẵng"]
TEXTS = ["", "Kết quả nổi bật của phường trong quý."]


class World:
    def __init__(self, users, period):
        self.users = users
        self.city = Unit.objects.get(name="Thành ủy Đà Nẵng")
        self.reports = {
            r.unit.name: r.pk for r in period.reports.filter(unit__name__in=REPORTS).select_related("unit")
        }
        self.paths = {name: Unit.objects.get(name=name).path for name in REPORTS}
        self.grants = {
            name: [
                (g.role, g.unit.path) for g in Grant.objects.active().filter(user=u).select_related("unit")
            ]
            for name, u in users.items()
        }

    def may(self, persona: str, path: str, action: str) -> bool:
        if self.users[persona].is_superuser:
            return True
        return any(role in ACTIONS[action] and path.startswith(p) for role, p in self.grants[persona])


def state():
    return (
        list(
            Report.objects.order_by("pk").values_list(
                "pk", "status", "snapshot", "first_submitted_on", "results"
            )
        ),
        Correction.objects.count(),
        ReportEvent.objects.count(),
        Report.history.count(),
    )


def first_refusal(*checks):
    for check in checks:
        passes, error = check()
        if not passes:
            return error
    return None


class ReportMachine(RuleBasedStateMachine):
    world: World
    seen: set[str]

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.accepted: dict[int, object] = {}
        self.first_submitted: dict[int, object] = {}

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def load(self, name: str) -> Report:
        return Report.objects.select_related("unit", "period__regime__issuing_unit").get(
            pk=self.world.reports[name]
        )

    def attempt(self, expected, call, what: str):
        before = state()
        try:
            result = call()
        except (ServiceError, PermissionDenied) as exc:
            assert expected is not None, f"{what}: refused, expected accepted: {exc!r}"
            assert isinstance(exc, expected), (
                f"{what}: {type(exc).__name__}, expected {expected.__name__}: {exc}"
            )
            assert str(exc).strip()
            assert state() == before
            self.seen.add(f"refused {type(exc).__name__}")
            return None
        assert expected is None, f"{what}: accepted, expected {expected.__name__}"
        self.seen.add(f"accepted {what}")
        return result

    @initialize()
    def start(self):
        pass

    @rule(name=st.sampled_from(REPORTS), persona=st.sampled_from(PERSONAS), text=st.sampled_from(TEXTS))
    def write(self, name, persona, text):
        w = self.world
        report = self.load(name)
        expected = first_refusal(
            lambda: (w.may(persona, w.paths[name], "reports.prepare"), PermissionDenied),
            lambda: (report.status in EDITABLE, ServiceError),
        )
        done = self.attempt(
            expected,
            lambda: services.update_report(report, {"results": text}, actor=w.users[persona]),
            "write",
        )
        if done is not None:
            assert self.load(name).results == text

    @rule(
        name=st.sampled_from(REPORTS), persona=st.sampled_from(PERSONAS), value=st.sampled_from([-1, 0, 12])
    )
    def correct(self, name, persona, value):
        w = self.world
        report = self.load(name)
        expected = first_refusal(
            lambda: (w.may(persona, w.paths[name], "reports.prepare"), PermissionDenied),
            lambda: (report.status in EDITABLE, ServiceError),
            lambda: (value >= 0, ServiceError),
        )
        self.attempt(
            expected,
            lambda: services.correct(
                report, "training.sessions", value, actor=w.users[persona], reason="Theo sổ theo dõi"
            ),
            "correct",
        )

    @rule(
        name=st.sampled_from(REPORTS),
        persona=st.sampled_from(PERSONAS),
        action=st.sampled_from(ACTION_NAMES),
        comment=st.sampled_from(COMMENTS),
    )
    def act(self, name, persona, action, comment):
        w = self.world
        report = self.load(name)
        rule_ = TRANSITIONS.get(action)
        actions = SUMMARY_ACTIONS if report.is_summary else REPORTER_ACTIONS
        needs = "reports.review" if rule_ and rule_.permission == "reports.review" else "reports.prepare"
        path = w.city.path if needs == "reports.review" else w.paths[name]
        expected = first_refusal(
            lambda: (rule_ is not None, ServiceError),
            lambda: (action in actions, ServiceError),
            lambda: (report.status in rule_.sources, ServiceError),
            lambda: (w.may(persona, path, needs), PermissionDenied),
            lambda: (not rule_.needs_comment or bool(comment.strip()), ServiceError),
            lambda: (action not in ("submit", "issue") or bool(report.results.strip()), ServiceError),
        )
        events = report.events.count()
        done = self.attempt(
            expected,
            lambda: services.transition(report, action, actor=w.users[persona], comment=comment),
            action,
        )
        if done is None:
            return
        after = self.load(name)
        assert after.status == rule_.target
        assert after.events.count() == events + 1
        last = after.events.order_by("-id").first()
        assert (last.action, last.from_status, last.to_status) == (action, report.status, rule_.target)
        if action in ("submit", "issue"):
            assert last.snapshot == after.snapshot
            self.first_submitted.setdefault(after.pk, after.first_submitted_on)
        if after.status == ReportStatus.ACCEPTED:
            self.accepted[after.pk] = after.snapshot

    @rule(name=st.sampled_from(REPORTS), pick=st.integers(0, 20), comment=st.sampled_from(COMMENTS))
    def advance(self, name, pick, comment):
        """An action the report's state offers, by someone entitled to it (results written first)."""
        w = self.world
        report = self.load(name)
        options = [
            (persona, t)
            for t in available(report.status, summary=report.is_summary)
            for persona in PERSONAS
            if w.may(
                persona, w.city.path if t.permission == "reports.review" else w.paths[name], t.permission
            )
        ]
        if not options:
            return
        persona, t = options[pick % len(options)]
        if t.action in ("submit", "issue") and not report.results.strip():
            self.write(name, persona, TEXTS[1])
        self.act(name, persona, t.action, comment if comment.strip() else COMMENTS[2])

    @invariant()
    def frozen_exactly_while_submitted_or_accepted(self):
        for pk, status, snapshot, first, _results in Report.objects.filter(
            pk__in=self.world.reports.values()
        ).values_list("pk", "status", "snapshot", "first_submitted_on", "results"):
            assert (snapshot is not None) == (status in FROZEN)
            if pk in self.accepted:
                assert status == ReportStatus.ACCEPTED and snapshot == self.accepted[pk]
            if pk in self.first_submitted:
                assert first == self.first_submitted[pk]
            else:
                assert first is None

    @invariant()
    def the_log_is_a_path_ending_in_the_status(self):
        for pk in self.world.reports.values():
            report = Report.objects.get(pk=pk)
            status = ReportStatus.DRAFT
            for action, from_status, to_status in report.events.order_by("id").values_list(
                "action", "from_status", "to_status"
            ):
                if action == "create":
                    status = to_status
                    continue
                assert from_status == status
                if action in TRANSITIONS:
                    assert status in TRANSITIONS[action].sources and to_status == TRANSITIONS[action].target
                status = to_status
            assert status == report.status


def test_report_workflow_state_machine(period, owner, ancestor, stranger, leader):
    User = get_user_model()
    users = {
        "owner": owner,
        "ancestor": ancestor,
        "stranger": stranger,
        "leader": leader,
        "admin": User.objects.get(username="admin"),
    }
    assert UnitType.objects.filter(code="party_committee").exists()
    ReportMachine.world = World(users, period)
    ReportMachine.seen = set()
    run = ReportMachine.TestCase
    run.settings = settings(
        max_examples=15,
        derandomize=True,
        stateful_step_count=20,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    run().runTest()
    reached = ReportMachine.seen
    for what in (
        "accepted submit",
        "accepted return",
        "accepted accept",
        "accepted issue",
        "accepted correct",
        "refused PermissionDenied",
        "refused ServiceError",
    ):
        assert what in reached, f"the examples never reached “{what}”: {sorted(reached)}"
