"""Scorecards: the arithmetic of points, the ranking among sibling units, the breakdown, and one
query per metric whatever the number of units ranked."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.metrics import registry
from danvan.orgs.models import Unit
from danvan.targets import scorecards, services
from danvan.targets.models import Scoring
from tests.initiatives.conftest import make
from tests.targets.conftest import (
    TAMKY_FRONT,
    coverage,
    rate,
    report,
    self_management,
    unit,
    unit_type,
    villages,
)
from tests.training.conftest import make as make_session

pytestmark = pytest.mark.django_db
D = Decimal
ON = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("value", "scoring", "basis", "higher", "expected"),
    [
        (5, Scoring.RELATIVE, 10, True, D("0.5")),
        (10, Scoring.RELATIVE, 10, True, D(1)),
        (0, Scoring.RELATIVE, 0, True, D(0)),  # everyone at 0: nobody earns points
        (None, Scoring.RELATIVE, 10, True, D(0)),
        (2, Scoring.RELATIVE, 1, False, D("0.5")),  # lower is better: best ÷ value
        (1, Scoring.RELATIVE, 1, False, D(1)),
        (0, Scoring.RELATIVE, 0, False, D(1)),
        (3, Scoring.NORM, 2, True, D(1)),  # capped at the norm
        (1, Scoring.NORM, 4, True, D("0.25")),
        (1, Scoring.NORM, 2, False, D(1)),
        (4, Scoring.NORM, 2, False, D("0.5")),
        (1, Scoring.NORM, 0, False, D(0)),
    ],
)
def test_fraction(value, scoring, basis, higher, expected):
    assert scorecards.fraction(value, scoring, basis, higher) == expected


@pytest.fixture
def scheme(city, tamky, haichau, owner, ancestor):
    """Tam Kỳ: 2 models, 1 session, both targets met; Hải Châu: 1 model, nothing else."""
    make(tamky, owner, "Mô hình một")
    make(tamky, owner, "Mô hình hai")
    make(haichau, ancestor, "Mô hình ba")
    make_session(tamky, owner, on=date(2026, 4, 10), held=True)
    for village in villages(tamky):
        self_management(village, owner)
    coverage(city, ancestor, title="Mọi thôn có mô hình tự quản")
    tgt = rate(city, ancestor)
    report(tgt, unit(TAMKY_FRONT), owner, 80, 100)
    return services.create_scheme(
        city,
        {"name": "Bảng điểm năm 2026", "year": 2026, "unit_type": unit_type("party_committee")},
        [
            {"source": "initiatives.registered", "weight": D(40)},
            {"source": "training.sessions", "weight": D(20), "scoring": Scoring.NORM, "norm": D(2)},
            {"source": "targets.share_met", "weight": D(40), "scoring": Scoring.NORM, "norm": D(100)},
        ],
        actor=ancestor,
    )


def test_the_ranking_and_its_arithmetic(scheme, city, tamky, haichau):
    result = scorecards.ranking(scheme, on=ON)
    assert result.max_score == 100
    assert len(result.rows) == 93  # the wards and communes: not the city's departments or Front
    first, second, third = result.rows[:3]
    assert (first.unit, first.rank, first.score) == (tamky, 1, D("90.00"))  # 40 + 10 + 40
    parts = {part.item.source: part for part in first.items}
    registered = parts["initiatives.registered"]
    assert (registered.value, registered.basis, registered.fraction, registered.points) == (6, 6, 1, 40)
    sessions = parts["training.sessions"]
    assert (sessions.value, sessions.basis, sessions.fraction, sessions.points) == (1, 2, D("0.5"), 10)
    met = parts["targets.share_met"]
    assert met.value == 100 and met.points == 40 and met.note
    assert (second.unit, second.rank) == (haichau, 2)
    assert second.score == (D(40) * D(1) / D(6)).quantize(D("0.01"))  # 1 model of the best 6; no target met
    assert third.rank == 3 and third.score == 0 and result.rows[-1].rank == 3  # ties share a rank


def test_the_breakdown_shows_the_registrys_value(scheme, city, tamky):
    row, result = scorecards.scorecard(scheme, tamky, on=ON)
    assert row.rank == 1 and result.parent == city
    for part in row.items:
        if part.item.source != "targets.share_met":
            metric = registry.get(part.item.source)
            assert part.value == metric.value_for(tamky, scheme.start, scheme.end)
    with pytest.raises(LookupError):
        scorecards.scorecard(scheme, city)  # the scheme's own unit is not ranked
    with pytest.raises(LookupError):
        scorecards.scorecard(
            scheme, unit("Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Đà Nẵng")
        )  # another type


def test_targets_met_count_only_targets_with_a_status_of_their_own(scheme, city, tamky, haichau):
    result = scorecards.ranking(scheme, on=ON)
    notes = {
        row.unit.name: next(p for p in row.items if p.item.source == "targets.share_met")
        for row in result.rows
    }
    assert notes["Đảng ủy phường Tam Kỳ"].value == 100
    assert notes["Đảng ủy phường Hải Châu"].value == 0  # villages short, Front silent: 0 of 2
    assert notes["Đảng ủy phường An Hải"].note  # no village: only the rate applies (0 of 1)


def _grow_wards(city: Unit, count: int) -> None:
    kind = unit_type("party_committee")
    for i in range(count):
        Unit.objects.add_child(
            city, instance=Unit(name=f"Đảng ủy phường Mới {i}", unit_type=kind, area=city.area)
        )


def test_ranking_runs_the_same_queries_whatever_the_number_of_units(scheme, city):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            result = scorecards.ranking(scheme, on=ON)
        return len(ctx.captured_queries), len(result.rows)

    before, ranked = count()
    _grow_wards(city, 30)
    after, more = count()
    assert more == ranked + 30
    assert after == before
