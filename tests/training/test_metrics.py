"""The three training counters of the registry: held sessions only, on the day they were held,
over a unit's whole subtree (a ward's session counts for the city) and a period."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.metrics import registry
from danvan.metrics.registry import Measure
from danvan.orgs.models import Unit
from danvan.training import services
from danvan.training.models import TrainingTopic
from tests.training.conftest import make

pytestmark = pytest.mark.django_db

YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def values(unit, start=None, end=None) -> tuple:
    return tuple(
        registry.get(code).value_for(unit, start, end)
        for code in ("training.sessions", "training.people_trained", "training.model_method_sessions")
    )


def test_the_metrics_are_registered_once_with_their_meaning():
    sessions = registry.get("training.sessions")
    people = registry.get("training.people_trained")
    assert people.measure == Measure.PEOPLE and sessions.measure == Measure.COUNT
    assert {m.code for m in registry.all_metrics() if m.group == "training"} == {
        "training.sessions",
        "training.people_trained",
        "training.model_method_sessions",
    }
    for metric in (sessions, people):
        assert str(metric.label) and str(metric.definition)


def test_held_sessions_count_for_their_unit_and_every_unit_above(city, tamky, haichau, owner, stranger):
    front = Unit.objects.get(name="Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ")
    make(tamky, owner, on=date(2026, 3, 10), counts={"party": 30, "village": 10}, held=True)
    make(front, owner, on=date(2026, 4, 2), counts={"village": 25}, held=True, topic=TrainingTopic.SKILLS)
    make(haichau, stranger, on=date(2026, 5, 6), counts={"party": 12}, held=True)
    assert values(front, *YEAR) == (1, 25, 0)
    assert values(tamky, *YEAR) == (2, 65, 1)  # the Front is under the ward's Party committee
    assert values(haichau, *YEAR) == (1, 12, 1)
    assert values(city, *YEAR) == (3, 77, 2)
    by_child = registry.get("training.people_trained").values_by_child(city, *YEAR)
    assert by_child == {tamky.path: 65, haichau.path: 12}


def test_planned_and_cancelled_sessions_do_not_count(city, tamky, owner):
    make(tamky, owner, on=date(2026, 3, 10), counts={"party": 30})  # planned, never marked held
    cancelled = make(tamky, owner, on=date(2026, 3, 12), counts={"party": 40})
    services.transition(cancelled, "cancel", actor=owner, comment="Hoãn do mưa lớn")
    assert values(tamky, *YEAR) == (0, 0, 0)
    assert values(city) == (0, 0, 0)
    held = make(tamky, owner, on=date(2026, 3, 14), counts={"party": 18}, held=True)
    assert values(city, *YEAR) == (1, 18, 1)
    services.set_counts(held, {"party": 18, "other": 2}, actor=owner)  # completed afterwards
    assert values(city, *YEAR) == (1, 20, 1)


def test_the_period_is_the_day_it_was_held(city, tamky, owner):
    make(tamky, owner, on=date(2025, 12, 30), counts={"party": 10}, held=True)
    make(tamky, owner, on=date(2026, 1, 2), counts={"party": 20}, held=True)
    assert values(city, *YEAR) == (1, 20, 1)
    assert values(city, date(2025, 1, 1), date(2025, 12, 31)) == (1, 10, 1)
    assert values(city, date(2025, 12, 30), date(2026, 1, 2)) == (2, 30, 2)
    assert values(city) == (2, 30, 2)
    # marking a session held on another day moves it to that day's period
    late = make(tamky, owner, on=date(2026, 1, 5), counts={"party": 5})
    services.transition(late, "hold", actor=owner, held_on=date(2025, 12, 31))
    assert values(city, date(2025, 1, 1), date(2025, 12, 31)) == (2, 15, 2)


def test_the_sessions_of_former_units_count_for_their_successors(city, tamky, admin_user):
    former = Unit.objects.get(name="Đảng ủy phường An Mỹ")  # merged into phường Tam Kỳ on 1/7/2025
    make(former, admin_user, on=date(2024, 4, 9), counts={"party": 25}, held=True)
    assert values(former) == (1, 25, 1)
    assert values(tamky) == (1, 25, 1)
    assert values(city) == (1, 25, 1)
