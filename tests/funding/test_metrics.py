"""The funding metrics over a unit's subtree and a period: what counts, where, and when."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.funding import services
from danvan.funding.metrics import ALLOCATED, MODEL_SUPPORT, MODELS_SUPPORTED, SPENT
from danvan.funding.models import Purpose
from danvan.metrics import registry
from danvan.orgs.models import Unit
from tests.funding.conftest import allocate, spend, unit
from tests.initiatives.conftest import make

pytestmark = pytest.mark.django_db

Y2026 = (date(2026, 1, 1), date(2026, 12, 31))
Y2025 = (date(2025, 1, 1), date(2025, 12, 31))


def test_the_four_metrics_are_registered():
    codes = {m.code for m in registry.all_metrics() if m.group == "funding"}
    assert codes == {
        "funding.allocated",
        "funding.spent",
        "funding.model_support",
        "funding.models_supported",
    }
    assert registry.get("funding.spent") is SPENT
    assert SPENT.measure == ALLOCATED.measure == MODEL_SUPPORT.measure == "vnd"
    assert MODELS_SUPPORTED.measure == "count"


def test_values_over_the_subtree(tamky, haichau, city, tamky_front, owner, ancestor, stranger, model):
    allocate(tamky, ancestor, 100_000_000)
    allocate(tamky_front, owner, 30_000_000)
    allocate(haichau, ancestor, 80_000_000)
    spend(tamky, owner, 5_000_000)
    spend(tamky_front, owner, 7_000_000, purpose=Purpose.MODEL_SUPPORT, initiative=model)
    spend(haichau, stranger, 9_000_000)
    spend(city, ancestor, 11_000_000, purpose=Purpose.MODEL_SUPPORT, initiative=model)

    assert ALLOCATED.value_for(tamky, *Y2026) == 130_000_000
    assert ALLOCATED.value_for(tamky_front, *Y2026) == 30_000_000
    assert ALLOCATED.value_for(city, *Y2026) == 210_000_000
    assert SPENT.value_for(tamky, *Y2026) == 12_000_000
    assert SPENT.value_for(city, *Y2026) == 32_000_000
    assert SPENT.value_for(haichau, *Y2026) == 9_000_000
    assert MODEL_SUPPORT.value_for(tamky, *Y2026) == 7_000_000
    assert MODEL_SUPPORT.value_for(city, *Y2026) == 18_000_000
    # the same model supported by two levels is one model supported
    assert MODELS_SUPPORTED.value_for(city, *Y2026) == 1
    assert MODELS_SUPPORTED.value_for(haichau, *Y2026) == 0

    by_child = SPENT.values_by_child(city, *Y2026)
    assert by_child[city.path] == 11_000_000  # the city's own spending
    assert by_child[tamky.path] == 12_000_000 and by_child[haichau.path] == 9_000_000


def test_values_over_the_period(tamky, owner, ancestor):
    allocate(tamky, ancestor, 60_000_000, year=2025)
    allocate(tamky, ancestor, 100_000_000, year=2026)
    spend(tamky, owner, 1_000_000, on=date(2025, 12, 31))
    spend(tamky, owner, 2_000_000, on=date(2026, 1, 1))
    spend(tamky, owner, 4_000_000, on=date(2026, 12, 31))

    assert ALLOCATED.value_for(tamky, *Y2025) == 60_000_000
    assert ALLOCATED.value_for(tamky, *Y2026) == 100_000_000
    assert ALLOCATED.value_for(tamky) == 160_000_000
    assert SPENT.value_for(tamky, *Y2025) == 1_000_000
    assert SPENT.value_for(tamky, *Y2026) == 6_000_000
    assert SPENT.value_for(tamky, date(2026, 1, 1), date(2026, 6, 30)) == 2_000_000
    assert SPENT.value_for(tamky, date(2025, 12, 31), date(2026, 1, 1)) == 3_000_000


def test_voided_rows_count_nowhere(tamky, tamky_front, owner, model):
    money = allocate(tamky_front, owner, 30_000_000)
    support = spend(tamky, owner, 5_000_000, purpose=Purpose.MODEL_SUPPORT, initiative=model)
    services.void_expenditure(support, actor=owner, reason="Nhập nhầm")
    services.void_allocation(money, actor=owner, reason="Ghi nhầm")
    for metric in (ALLOCATED, SPENT, MODEL_SUPPORT, MODELS_SUPPORTED):
        assert metric.value_for(tamky, *Y2026) == 0, metric.code


def test_a_former_unit_counts_for_its_successor(tamky, admin_user):
    """Đảng ủy phường An Mỹ ended on 30/06/2025; its work continues in the ward of Tam Kỳ."""
    former = Unit.objects.get(name="Đảng ủy phường An Mỹ")
    allocate(former, admin_user, 40_000_000, year=2023)
    spend(former, admin_user, 15_000_000, on=date(2023, 9, 1))
    y2023 = (date(2023, 1, 1), date(2023, 12, 31))
    assert ALLOCATED.value_for(tamky, *y2023) == 40_000_000
    assert SPENT.value_for(tamky, *y2023) == 15_000_000
    city = unit("Thành ủy Đà Nẵng")
    assert SPENT.values_by_child(city, *y2023)[tamky.path] == 15_000_000
    assert SPENT.value_for(unit("Đảng ủy phường Hải Châu"), *y2023) == 0


def test_the_summary_and_the_lists_agree_with_the_metrics(tamky, owner, ancestor, model):
    from danvan.funding import queries

    allocate(tamky, ancestor, 100_000_000)
    spend(tamky, owner, 5_000_000)
    spend(tamky, owner, 20_000_000, purpose=Purpose.MODEL_SUPPORT, initiative=model)
    gone = spend(tamky, owner, 3_000_000)
    services.void_expenditure(gone, actor=owner, reason="Nhập trùng")
    summary = queries.summary(ancestor, tamky, 2026)
    assert summary["spent"] == SPENT.value_for(tamky, *Y2026) == 25_000_000
    assert summary["balance"] == 75_000_000
    assert queries.total_spent(queries.filter_expenditures(ancestor, tamky, year=2026)) == 25_000_000
    assert queries.total_allocated(queries.filter_allocations(ancestor, tamky, year=2026)) == 100_000_000
    assert {r["purpose"]: r["spent"] for r in summary["by_purpose"]}["model_support"] == 20_000_000
    [row] = queries.supported_models(tamky, 2026)
    assert (row["initiative"], row["amount"], row["count"]) == (model.pk, 20_000_000, 1)
    assert queries.initiative_support(model)["amount"] == 20_000_000


def test_support_counts_only_with_its_purpose(tamky, owner):
    model = make(tamky, owner, "Sinh hoạt chi bộ gắn với đối thoại")
    spend(tamky, owner, 4_000_000, purpose=Purpose.COMMUNICATION, initiative=model)
    assert MODEL_SUPPORT.value_for(tamky, *Y2026) == 0 and MODELS_SUPPORTED.value_for(tamky, *Y2026) == 0
    assert SPENT.value_for(tamky, *Y2026) == 4_000_000


def test_the_models_behind_the_support_figures(city, tamky, owner, ancestor, model):
    from danvan.initiatives.queries import filter_initiatives

    make(tamky, owner, "Mô hình chưa được hỗ trợ")
    spend(city, ancestor, 11_000_000, purpose=Purpose.MODEL_SUPPORT, initiative=model)
    for code in ("funding.model_support", "funding.models_supported"):
        behind = filter_initiatives(ancestor, city, metric=code, start=Y2026[0], end=Y2026[1])
        assert list(behind) == [model], code
