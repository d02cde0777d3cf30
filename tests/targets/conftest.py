"""Targets, reports, milestones and scorecards built through the services for the targets tests.

Personas (tests/conftest.py): canbo.tamky ("owner") is an officer of Đảng ủy phường Tam Kỳ and
steers its Front (the standing agency of the ward); canbo.danang ("ancestor") steers the whole
city; canbo.haichau ("stranger") is an officer of another ward; lanhdao.danang ("leader") sees the
city and changes nothing. The session database holds the demo organizations only: no models, no
targets; each test builds what it needs (and the transaction is rolled back)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from danvan.initiatives.models import Initiative, Kind
from danvan.orgs.models import Unit, UnitType
from danvan.targets import services
from danvan.targets.models import Comparison, TargetKind
from tests.initiatives.conftest import make

CITY = "Thành ủy Đà Nẵng"
TAMKY = "Đảng ủy phường Tam Kỳ"
TAMKY_FRONT = "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ"
HAICHAU_FRONT = "Ủy ban Mặt trận Tổ quốc Việt Nam phường Hải Châu"
AN_THO = "Ban công tác Mặt trận Khối phố An Thổ"
FORMER_WARD = "Đảng ủy phường An Mỹ"  # ended 30/06/2025; its work continues in Tam Kỳ
FORMER_FRONT = "Ủy ban Mặt trận Tổ quốc Việt Nam phường An Mỹ"
OVER = date(2026, 3, 1)  # a day after a 2021–2025 period
RUNNING = date(2026, 7, 2)  # about half of 2026 elapsed


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def leader(db):
    return get_user_model().objects.get(username="lanhdao.danang")


@pytest.fixture
def admin(db):
    return get_user_model().objects.get(username="admin")


@pytest.fixture
def all_personas(personas, leader):
    from tests.conftest import client_for

    return {**personas, "leader": client_for(leader)}


def unit(name: str) -> Unit:
    return Unit.objects.get(name=name)


def unit_type(code: str) -> UnitType:
    return UnitType.objects.get(code=code)


def villages(within: Unit | None = None) -> list[Unit]:
    qs = Unit.objects.filter(unit_type__code="village_front_committee")
    if within is not None:
        qs = qs.filter(path__startswith=within.path)
    return list(qs.order_by("name_sort"))


def target(issuer: Unit, actor, kind: str, *, title: str = "", years=(2026, 2026), goal="100", **data):
    """A target set through the services (the issuer's standing agency: `actor`)."""
    defaults = {
        "title": title or f"Chỉ tiêu thử {kind} {years[0]}–{years[1]}",
        "kind": kind,
        "start_year": years[0],
        "end_year": years[1],
        "goal": Decimal(goal),
        "comparison": Comparison.AT_LEAST,
    }
    return services.create_target(issuer, {**defaults, **data}, actor=actor)


def coverage(
    issuer,
    actor,
    *,
    type_code="village_front_committee",
    metric="initiatives.self_management_registered",
    **data,
):
    return target(
        issuer, actor, TargetKind.COVERAGE, metric_code=metric, unit_type=unit_type(type_code), **data
    )


def rate(issuer, actor, *, type_code: str | None = "fatherland_front", goal="70", **data):
    data.setdefault("comparison", Comparison.MORE_THAN)
    return target(
        issuer,
        actor,
        TargetKind.RATE,
        goal=goal,
        unit_type=unit_type(type_code) if type_code else None,
        **data,
    )


def report(
    tgt, where: Unit, actor, numerator: int, denominator: int, *, on=date(2026, 6, 30), label="", **extra
):
    data = {
        "period_end": on,
        "period_label": label or f"đến {on:%d/%m/%Y}",
        "numerator": numerator,
        "denominator": denominator,
    }
    return services.report_rate(tgt, where, {**data, **extra}, actor=actor)[0]


def self_management(village: Unit, actor, year: int = 2026, name: str = "") -> Initiative:
    return make(
        village, actor, name or f"Mô hình tự quản {village.name} {year}", year=year, kind=Kind.SELF_MANAGEMENT
    )


def former_model(owner_name: str, actor, year: int = 2023, kind: str = Kind.MODEL) -> Initiative:
    """A model of a former unit (services register models only for units in force: it is registered
    in Tam Kỳ and moved, as an import of old records would)."""
    model = make(unit(TAMKY), actor, f"Mô hình cũ của {owner_name}", year=year, kind=kind)
    Initiative.objects.filter(pk=model.pk).update(owner_unit=unit(owner_name))
    model.refresh_from_db()
    return model
