"""A state machine over a rate target: random reports (and corrections, and refused reports) by
ward Fronts and by the Fronts of former communes merged into them, for random periods; after each
step the evaluation from the city and from each ward must equal an oracle written from the rule:

* each unit counts with its latest report for a period ending by the cut-off;
* a former unit's report stands for its default successor until the successor reports a later or
  the same period (several former units merged into one ward all stand until then);
* the actual value is Σ numerators ÷ Σ denominators; refused reports change nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from danvan.core.services import ServiceError
from danvan.orgs.models import Unit, UnitSuccession
from danvan.targets import evaluation, services
from danvan.targets.models import RateReport, share
from tests.machines import run_machine

pytestmark = pytest.mark.django_db

WARDS = {  # ward Front -> the Fronts of former communes merged into it
    "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ": [
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường An Mỹ",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường An Xuân",
    ],
    "Ủy ban Mặt trận Tổ quốc Việt Nam phường Quảng Phú": ["Ủy ban Mặt trận Tổ quốc Việt Nam xã Tam Thanh"],
    "Ủy ban Mặt trận Tổ quốc Việt Nam phường Hải Châu": [],
}
PERIODS = [
    date(2022, 12, 31),
    date(2023, 6, 30),
    date(2024, 12, 31),
    date(2025, 3, 31),
    date(2025, 12, 31),
    date(2026, 6, 30),
]
ON = date(2026, 12, 31)


class World:
    def __init__(self, actor, target):
        self.actor, self.target = actor, target
        names = [name for ward, former in WARDS.items() for name in (ward, *former)]
        self.units = {u.name: u for u in Unit.objects.filter(name__in=names)}
        self.successor = {
            link.predecessor.name: link.successor.name
            for link in UnitSuccession.objects.filter(
                predecessor__name__in=names, is_default=True
            ).select_related("predecessor", "successor")
        }
        self.city = Unit.objects.get(name="Thành ủy Đà Nẵng")
        self.wards = {name: Unit.objects.get(path=self.units[name].path[:8]) for name in WARDS}


class RateMachine(RuleBasedStateMachine):
    world: World

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.reports: dict[tuple[str, date], tuple[int, int]] = {}

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    @rule(
        name=st.sampled_from([n for ward, former in WARDS.items() for n in (ward, *former)]),
        period=st.sampled_from(PERIODS),
        numerator=st.integers(min_value=0, max_value=3000),
        denominator=st.integers(min_value=0, max_value=3000),
    )
    def report(self, name, period, numerator, denominator):
        unit = self.world.units[name]
        accepted = unit.is_active(period) and denominator >= 1 and numerator <= denominator
        before = RateReport.objects.count()
        try:
            services.report_rate(
                self.world.target,
                unit,
                {"period_end": period, "numerator": numerator, "denominator": denominator},
                actor=self.world.actor,
            )
        except ServiceError:
            assert not accepted, (name, period, numerator, denominator)
            assert RateReport.objects.count() == before
            return
        assert accepted, (name, period, numerator, denominator)
        self.reports[(name, period)] = (numerator, denominator)

    def expected(self, ward: str | None) -> tuple[int, int]:
        """Σ of the counted reports over the city (None) or one ward, by the rule."""
        latest: dict[str, date] = {}
        for name, period in self.reports:
            latest[name] = max(latest.get(name, period), period)
        by_key: dict[str, list[tuple[str, date]]] = {}
        for name, period in latest.items():
            by_key.setdefault(self.world.successor.get(name, name), []).append((name, period))
        numerator = denominator = 0
        for key, rows in by_key.items():
            if ward is not None and key != ward:
                continue
            newest = max(period for _name, period in rows)
            for name, period in rows:
                if period == newest:
                    n, d = self.reports[(name, period)]
                    numerator, denominator = numerator + n, denominator + d
        return numerator, denominator

    @invariant()
    def the_evaluation_follows_the_rule(self):
        result = evaluation.evaluate(self.world.target, self.world.city, ON)
        numerator, denominator = self.expected(None)
        assert (result.numerator, result.denominator) == (numerator, denominator)
        assert result.actual == share(numerator, denominator)
        for name, ward in self.world.wards.items():
            result = evaluation.evaluate(self.world.target, ward, ON)
            assert (result.numerator, result.denominator) == self.expected(name)
            if result.actual is not None:
                assert result.met == (result.actual > Decimal(70))


def test_rate_state_machine(db, ancestor, admin_user):
    city = Unit.objects.get(name="Thành ủy Đà Nẵng")
    target = services.create_target(
        city,
        {
            "title": "Trên 70% hội viên tham gia sinh hoạt",
            "kind": "rate",
            "start_year": 2021,
            "end_year": 2026,
            "comparison": "gt",
            "goal": Decimal(70),
            "unit_type": Unit.objects.get(name="Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ").unit_type,
        },
        actor=ancestor,
    )
    RateMachine.world = World(admin_user, target)
    run_machine(RateMachine, examples=25, steps=12)
