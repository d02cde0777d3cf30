"""Reports built through the services for the reports tests.

The city (Thành ủy Đà Nẵng) asks the wards' Party committees for a quarterly report under the
State cut-off rule (data up to the 14th, due two working days later). Personas (tests/conftest.py):
canbo.tamky ("owner") writes Tam Kỳ's report; canbo.danang ("ancestor") is the city's standing
agency, which reviews; canbo.haichau ("stranger") is another ward's officer; lanhdao.danang
("leader") sees and changes nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from danvan.orgs.models import UnitType
from danvan.reports import services

RESULTS = "Phường đã lãnh đạo triển khai phong trào thi đua “Dân vận khéo” gắn với nhiệm vụ chính trị."


@pytest.fixture
def leader(db):
    return get_user_model().objects.get(username="lanhdao.danang")


@pytest.fixture
def regime(city, ancestor):
    return services.create_regime(
        city,
        {
            "name": "Báo cáo quý công tác dân vận",
            "report_type": "quarterly",
            "cutoff_day": 14,
            "due_working_days": 2,
            "reporter_types": [UnitType.objects.get(code="party_committee")],
            "basis": "Kế hoạch số 15-KH/TU",
        },
        actor=ancestor,
    )


@pytest.fixture
def period(regime, ancestor):
    return services.open_period(regime, actor=ancestor, year=2026, number=4)


@pytest.fixture
def report(period):
    """Tam Kỳ's report for the fourth quarter of 2026 (a draft)."""
    return period.reports.get(unit__name="Đảng ủy phường Tam Kỳ")


@pytest.fixture
def summary(period):
    return period.reports.get(is_summary=True)


def write(report, user, text: str = RESULTS):
    return services.update_report(report, {"results": text}, actor=user)


def submitted(report, owner):
    write(report, owner)
    return services.transition(report, "submit", actor=owner)


def accepted(report, owner, ancestor):
    submitted(report, owner)
    return services.transition(report, "accept", actor=ancestor)
