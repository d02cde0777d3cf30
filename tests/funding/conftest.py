"""Allocations and spending built through the services for the funding tests.

Personas (tests/conftest.py): canbo.tamky ("owner") is an officer of Đảng ủy phường Tam Kỳ (records
its spending) and of the ward's Front, its steering committee's standing agency (records the
Front's allocations too); canbo.danang ("ancestor") is the city's standing agency (records
allocations and spending anywhere in the city); canbo.haichau ("stranger") is an officer of another
ward; lanhdao.danang ("leader") sees the city and changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from danvan.funding import services
from danvan.funding.models import Allocation, Expenditure, Purpose, Source
from danvan.orgs.models import Unit
from tests.initiatives.conftest import make

SPENT_ON = date(2026, 3, 20)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def unit(name: str) -> Unit:
    return Unit.objects.get(name=name)


@pytest.fixture
def leader(db):
    return get_user_model().objects.get(username="lanhdao.danang")


@pytest.fixture
def all_personas(personas, leader):
    from tests.conftest import client_for

    return {**personas, "leader": client_for(leader)}


@pytest.fixture
def tamky_front(db):
    return unit("Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ")


@pytest.fixture
def tamky_women(db):
    return unit("Hội Liên hiệp Phụ nữ phường Tam Kỳ")


def allocate(
    unit_, actor, amount=100_000_000, *, year=2026, source=Source.STATE_BUDGET, **extra
) -> Allocation:
    data = {
        "year": year,
        "source": source,
        "amount": amount,
        "decision_reference": f"Quyết định số 15/QĐ-UBND ngày 10/01/{year}",
        **extra,
    }
    return services.create_allocation(unit_, data, actor=actor)


def spend(unit_, actor, amount=5_000_000, *, on=SPENT_ON, purpose=Purpose.TRAINING, **extra) -> Expenditure:
    data = {
        "date": on,
        "amount": amount,
        "purpose": purpose,
        "description": "Tập huấn kỹ năng dân vận cho cán bộ khối phố",
        "voucher_reference": "PC-012",
        **extra,
    }
    return services.create_expenditure(unit_, data, actor=actor)


@pytest.fixture
def model(tamky_women, owner):
    """A registered model of the Women's Union of the ward (under Đảng ủy phường Tam Kỳ)."""
    return make(tamky_women, owner, "Chi hội phụ nữ giúp nhau thoát nghèo")


@pytest.fixture
def ward_allocation(tamky, ancestor):
    """The ward's 2026 State budget for the movement, recorded by the city's standing agency."""
    return allocate(tamky, ancestor, 100_000_000)


@pytest.fixture
def ward_spending(tamky, owner, ward_allocation):
    return spend(tamky, owner, 5_000_000, allocation=ward_allocation)


@pytest.fixture
def ward_support(tamky, owner, model, ward_allocation):
    return spend(
        tamky,
        owner,
        20_000_000,
        purpose=Purpose.MODEL_SUPPORT,
        initiative=model,
        allocation=ward_allocation,
        description="Hỗ trợ vốn cho chi hội phụ nữ",
    )
