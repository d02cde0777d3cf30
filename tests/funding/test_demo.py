"""The demo funding (`danvan seed_demo`): idempotent, made through the services, consistent with
its metrics, and support given to the demo models found by name.

The session database holds the demo organizations only; the models are seeded here inside a
rolled-back transaction."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import override_settings

from danvan.funding import queries
from danvan.funding.demo import SPENDING, seed_funding_demo
from danvan.funding.metrics import ALLOCATED, MODEL_SUPPORT, SPENT
from danvan.funding.models import Allocation, Expenditure, Purpose
from danvan.initiatives.demo import seed_initiatives_demo
from danvan.orgs.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            seed_initiatives_demo()
            assert seed_funding_demo() == len(SPENDING)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_a_second_run_changes_nothing(demo):
    before = (Allocation.objects.count(), Expenditure.objects.count(), Expenditure.history.count())
    assert seed_funding_demo() == 0
    assert (Allocation.objects.count(), Expenditure.objects.count(), Expenditure.history.count()) == before


def test_allocations_cover_2021_to_2026(demo):
    assert set(Allocation.objects.values_list("year", flat=True)) == set(range(2021, 2027))
    city = Unit.objects.get(name="Thành ủy Đà Nẵng")
    # the budgets of the former Tam Kỳ (160 + 40 million) and of its commune Tam Thăng (20 million)
    # count for the units that succeeded them
    assert ALLOCATED.value_for(city, date(2022, 1, 1), date(2022, 12, 31)) == Decimal(220_000_000)
    assert ALLOCATED.value_for(city, date(2026, 1, 1), date(2026, 12, 31)) == Decimal(1_380_000_000)


def test_no_allocation_is_exceeded(demo):
    for allocation in queries.with_charged(Allocation.objects.all()):
        assert 0 <= allocation.charged <= allocation.amount, allocation


def test_support_reaches_the_demo_models(demo):
    support = Expenditure.objects.filter(purpose=Purpose.MODEL_SUPPORT, voided_at__isnull=True)
    names = set(support.values_list("initiative__name", flat=True))
    assert "Dân vận khéo trong chuyển đổi số: Tổ công nghệ số cộng đồng" in names
    assert "Mái ấm Mặt trận: vận động xây nhà Đại đoàn kết cho hộ nghèo" in names
    for row in support.select_related("unit", "initiative__owner_unit"):
        assert row.initiative.owner_unit.path.startswith(row.unit.path)
    tamky = Unit.objects.get(name="Đảng ủy phường Tam Kỳ")
    year = (date(2026, 1, 1), date(2026, 12, 31))
    # 20 + 10 (the duplicate of 20 is voided) + the Front's 15
    assert MODEL_SUPPORT.value_for(tamky, *year) == Decimal(45_000_000)


def test_the_duplicate_is_voided_and_the_correction_kept_with_its_reason(demo):
    voided = Expenditure.objects.get(voided_at__isnull=False)
    assert voided.void_reason.startswith("Nhập trùng") and voided.voided_by.username == "canbo.tamky"
    corrected = Expenditure.objects.get(voucher_reference="PC-TK2026/063")
    assert corrected.amount == Decimal(8_500_000)
    latest = corrected.history.order_by("-history_date", "-history_id").first()
    assert (
        latest.history_change_reason.startswith("Điều chỉnh")
        and latest.history_user.username == "canbo.tamky"
    )


def test_the_ward_summary_adds_up(demo, owner):
    tamky = Unit.objects.get(name="Đảng ủy phường Tam Kỳ")
    summary = queries.summary(owner, tamky, 2026)
    assert summary["allocated"] == Decimal(170_000_000)
    rows = queries.filter_expenditures(owner, tamky, year=2026)
    assert (
        summary["spent"]
        == queries.total_spent(rows)
        == SPENT.value_for(tamky, date(2026, 1, 1), date(2026, 12, 31))
    )
    assert sum(r["spent"] for r in summary["by_purpose"]) == summary["spent"]
    assert sum(r.spent for r in summary["children"]) == summary["spent"]
