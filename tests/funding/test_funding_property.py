"""A state machine over the movement's funding: random allocations, spending, corrections and
voids by random personas, with valid and invalid amounts, units, years and allocations.

An oracle written from the rules predicts whether each action is accepted; the services must
agree, and a refused action changes nothing. Whatever happens (the invariants):

* the spending charged to an allocation never exceeds it, and is of its unit and year;
* every summary equals the sum of the rows in force its lists show (by unit and year);
* voided rows stay, with their reason, and count nowhere.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from danvan.core.permissions import ACTIONS
from danvan.core.services import ServiceError
from danvan.funding import queries, services
from danvan.funding.models import Allocation, Expenditure, Purpose, Source
from danvan.orgs.models import Grant, Unit
from tests.initiatives.conftest import make
from tests.machines import run_machine

pytestmark = pytest.mark.django_db

PERSONAS = ["owner", "ancestor", "stranger", "leader"]
ACTORS = st.sampled_from(["owner", "owner", "ancestor", "ancestor", "stranger", "leader"])
UNITS = ["Đảng ủy phường Tam Kỳ", "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ", "Đảng ủy phường Hải Châu"]
YEARS = [2025, 2026]
DAYS = {2025: date(2025, 11, 20), 2026: date(2026, 3, 20)}
AMOUNTS = st.sampled_from([-5_000_000, 0, 1, 4_000_000, 15_000_000, 40_000_000, 100_000_000])
PURPOSES = st.sampled_from([Purpose.TRAINING, Purpose.MODEL_SUPPORT])
REASONS = st.sampled_from(["", "Điều chỉnh theo chứng từ", "Ghi nhầm"])


class World:
    def __init__(self, users):
        self.users = users
        self.units = {u.name: u for u in Unit.objects.filter(name__in=UNITS)}
        self.grants = {
            name: [
                (g.role, g.unit.path) for g in Grant.objects.active().filter(user=u).select_related("unit")
            ]
            for name, u in users.items()
        }

    def may(self, persona: str, unit: Unit, action: str) -> bool:
        return any(role in ACTIONS[action] and unit.path.startswith(p) for role, p in self.grants[persona])


def snapshot():
    return (
        list(Allocation.objects.order_by("pk").values_list("pk", "amount", "voided_at")),
        list(Expenditure.objects.order_by("pk").values_list("pk", "amount", "allocation", "voided_at")),
        Allocation.history.count(),
        Expenditure.history.count(),
    )


class FundingMachine(RuleBasedStateMachine):
    world: World
    seen: set

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()  # every example is rolled back in teardown
        self.models: dict[str, object] = {}

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def unit(self, index) -> Unit:
        return self.world.units[UNITS[index % len(UNITS)]]

    def attempt(self, expected_ok: bool, call, label: str):
        before = snapshot()
        try:
            call()
        except (ServiceError, PermissionDenied) as exc:
            assert not expected_ok, f"{label} refused, expected accepted: {exc!r}"
            assert snapshot() == before, f"{label} was refused but changed something"
            self.seen.add(f"refused {label}")
            return
        assert expected_ok, f"{label} accepted, expected refused"
        self.seen.add(f"accepted {label}")

    @staticmethod
    def charged(allocation: Allocation, excluding: int | None = None) -> Decimal:
        rows = Expenditure.objects.filter(allocation=allocation, voided_at__isnull=True).exclude(pk=excluding)
        return sum((e.amount for e in rows), Decimal(0))

    def fits(self, allocation: Allocation | None, unit: Unit, year: int, amount, excluding=None) -> bool:
        if allocation is None:
            return True
        allocation.refresh_from_db()
        return (
            allocation.unit_id == unit.pk
            and allocation.year == year
            and not allocation.is_void
            and self.charged(allocation, excluding) + amount <= allocation.amount
        )

    def pick(self, model, index):
        rows = list(model.objects.order_by("pk"))
        return rows[index % len(rows)] if rows else None

    @initialize()
    def models_of_each_ward(self):
        w = self.world
        self.models["Đảng ủy phường Tam Kỳ"] = make(
            w.units["Đảng ủy phường Tam Kỳ"], w.users["owner"], "Tổ công nghệ số cộng đồng"
        )
        self.models["Đảng ủy phường Hải Châu"] = make(
            w.units["Đảng ủy phường Hải Châu"], w.users["stranger"], "Camera an ninh kết nối cộng đồng"
        )
        money = {}
        for name, year, amount in (
            (UNITS[0], 2026, 50_000_000),
            (UNITS[2], 2026, 30_000_000),
            (UNITS[1], 2025, 0),
        ):
            data = {"year": year, "source": Source.STATE_BUDGET, "amount": amount}
            money[name] = services.create_allocation(w.units[name], data, actor=w.users["ancestor"])
        for name, persona, charged in ((UNITS[0], "owner", True), (UNITS[2], "stranger", False)):
            data = {
                "date": DAYS[2026],
                "amount": 10_000_000,
                "purpose": Purpose.TRAINING,
                "description": "Tập huấn",
                "allocation": money[name] if charged else None,
            }
            services.create_expenditure(w.units[name], data, actor=w.users[persona])

    # --- rules ------------------------------------------------------------------------------------
    @rule(persona=ACTORS, where=st.integers(0, 2), year=st.sampled_from(YEARS), amount=AMOUNTS)
    def allocate(self, persona, where, year, amount):
        unit = self.unit(where)
        ok = self.world.may(persona, unit, services.ALLOCATE) and amount >= 0
        data = {"year": year, "source": Source.STATE_BUDGET, "amount": amount}
        self.attempt(
            ok, lambda: services.create_allocation(unit, data, actor=self.world.users[persona]), "allocate"
        )

    @rule(
        persona=ACTORS,
        where=st.integers(0, 2),
        year=st.sampled_from(YEARS),
        amount=AMOUNTS,
        purpose=PURPOSES,
        charge=st.one_of(st.none(), st.integers(0, 20)),
        model_of=st.one_of(st.none(), st.sampled_from(["Đảng ủy phường Tam Kỳ", "Đảng ủy phường Hải Châu"])),
    )
    def spend(self, persona, where, year, amount, purpose, charge, model_of):
        unit = self.unit(where)
        allocation = self.pick(Allocation, charge) if charge is not None else None
        model = self.models[model_of] if model_of else None
        ok = (
            self.world.may(persona, unit, services.CHANGE)
            and amount > 0
            and (model is None or model.owner_unit.path.startswith(unit.path))
            and (purpose != Purpose.MODEL_SUPPORT or model is not None)
            and self.fits(allocation, unit, year, amount)
        )
        data = {
            "date": DAYS[year],
            "amount": amount,
            "purpose": purpose,
            "description": "Chi cho phong trào",
            "initiative": model,
            "allocation": allocation,
        }
        self.attempt(
            ok, lambda: services.create_expenditure(unit, data, actor=self.world.users[persona]), "spend"
        )

    @rule(persona=ACTORS, index=st.integers(0, 20), amount=AMOUNTS, reason=REASONS)
    def correct_spending(self, persona, index, amount, reason):
        expenditure = self.pick(Expenditure, index)
        if expenditure is None:
            return
        ok = (
            self.world.may(persona, expenditure.unit, services.CHANGE)
            and not expenditure.is_void
            and bool(reason)
            and amount > 0
            and self.fits(
                expenditure.allocation, expenditure.unit, expenditure.date.year, amount, expenditure.pk
            )
        )
        call = lambda: services.update_expenditure(  # noqa: E731
            expenditure, {"amount": amount}, actor=self.world.users[persona], reason=reason
        )
        self.attempt(ok, call, "correct spending")

    @rule(persona=ACTORS, index=st.integers(0, 20), amount=AMOUNTS, reason=REASONS)
    def correct_allocation(self, persona, index, amount, reason):
        allocation = self.pick(Allocation, index)
        if allocation is None:
            return
        ok = (
            self.world.may(persona, allocation.unit, services.ALLOCATE)
            and not allocation.is_void
            and bool(reason)
            and amount >= 0
            and self.charged(allocation) <= amount
        )
        call = lambda: services.update_allocation(  # noqa: E731
            allocation, {"amount": amount}, actor=self.world.users[persona], reason=reason
        )
        self.attempt(ok, call, "correct allocation")

    @rule(persona=ACTORS, index=st.integers(0, 20), reason=REASONS)
    def void_spending(self, persona, index, reason):
        expenditure = self.pick(Expenditure, index)
        if expenditure is None:
            return
        ok = (
            self.world.may(persona, expenditure.unit, services.CHANGE)
            and not expenditure.is_void
            and bool(reason)
        )
        call = lambda: services.void_expenditure(expenditure, actor=self.world.users[persona], reason=reason)  # noqa: E731
        self.attempt(ok, call, "void spending")

    @rule(persona=ACTORS, index=st.integers(0, 20), reason=REASONS)
    def void_allocation(self, persona, index, reason):
        allocation = self.pick(Allocation, index)
        if allocation is None:
            return
        ok = (
            self.world.may(persona, allocation.unit, services.ALLOCATE)
            and not allocation.is_void
            and bool(reason)
            and self.charged(allocation) == 0
        )
        call = lambda: services.void_allocation(allocation, actor=self.world.users[persona], reason=reason)  # noqa: E731
        self.attempt(ok, call, "void allocation")

    # --- invariants -------------------------------------------------------------------------------
    @invariant()
    def spending_never_exceeds_an_allocation(self):
        for allocation in queries.with_charged(Allocation.objects.all()):
            assert allocation.charged == self.charged(allocation)
            assert 0 <= allocation.charged <= allocation.amount
            assert not (allocation.is_void and allocation.charged)
        for e in Expenditure.objects.filter(allocation__isnull=False, voided_at__isnull=True).select_related(
            "allocation"
        ):
            assert e.allocation.unit_id == e.unit_id and e.allocation.year == e.date.year

    @invariant()
    def summaries_equal_the_rows_in_force(self):
        ancestor = self.world.users["ancestor"]
        for name in (UNITS[0], UNITS[2]):  # the wards (the Front is inside Tam Kỳ)
            unit = self.world.units[name]
            for year in YEARS:
                summary = queries.summary(ancestor, unit, year)
                rows = queries.filter_expenditures(ancestor, unit, year=year, status="in_force")
                assert summary["spent"] == sum((e.amount for e in rows), Decimal(0))
                allocations = queries.filter_allocations(ancestor, unit, year=year, status="in_force")
                assert summary["allocated"] == sum((a.amount for a in allocations), Decimal(0))
                assert summary["balance"] == summary["allocated"] - summary["spent"]
                assert sum(r["spent"] for r in summary["by_purpose"]) == summary["spent"]

    @invariant()
    def voided_rows_keep_their_reason(self):
        assert not Expenditure.objects.filter(voided_at__isnull=False, void_reason="").exists()
        assert not Allocation.objects.filter(voided_at__isnull=False, void_reason="").exists()


def test_funding_state_machine(db, owner, ancestor, stranger):
    users = {
        "owner": owner,
        "ancestor": ancestor,
        "stranger": stranger,
        "leader": get_user_model().objects.get(username="lanhdao.danang"),
    }
    FundingMachine.world = World(users)
    FundingMachine.seen = set()
    run_machine(FundingMachine, examples=15, steps=15)
    # the examples went everywhere: every action accepted and refused
    labels = [
        "allocate",
        "spend",
        "correct spending",
        "correct allocation",
        "void spending",
        "void allocation",
    ]
    reached = {f"{outcome} {label}" for label in labels for outcome in ("accepted", "refused")}
    assert reached <= FundingMachine.seen, reached - FundingMachine.seen
