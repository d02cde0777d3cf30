"""Figures computed together: ``registry.values_for_many`` (one query per model counted, each value a
conditional aggregate) and ``Metric.breakdowns`` (one GROUP BY over several dimensions) must give
exactly what each metric's own definition gives, one query each, for any mix of metrics, periods
and units."""

from datetime import date

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.initiatives import services
from danvan.initiatives.models import Initiative, Kind, Topic
from danvan.metrics import registry
from danvan.metrics.registry import Metric
from danvan.orgs.models import Unit
from tests.initiatives.conftest import make
from tests.metrics.test_rollups import _recognized_model

pytestmark = pytest.mark.django_db

PERIODS = [
    (date(2026, 1, 1), date(2026, 12, 31)),
    (date(2025, 1, 1), date(2025, 12, 31)),
    (date(2025, 12, 15), date(2026, 12, 14)),  # the State's annual cut-off (a December start)
    (date(2021, 1, 1), date(2026, 12, 31)),
    (None, None),
    (None, date(2025, 6, 30)),
    (date(2026, 3, 1), None),
    (date(2025, 12, 31), date(2025, 12, 31)),  # one December day: its own year
]


@pytest.fixture
def rows(owner, ancestor, tamky, haichau):
    """Models of several kinds, statuses and years in two wards, a former ward's, topics, a
    recognized model listed (typical) by an issued decision."""
    front = Unit.objects.get(name="Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ")
    village = Unit.objects.get(name="Ban công tác Mặt trận Khối phố An Thổ")
    topics = list(Topic.objects.all()[:2])
    make(tamky, owner, "Mô hình của Đảng ủy phường")
    make(front, owner, "Gương điển hình của Mặt trận", year=2025, kind=Kind.EXEMPLAR)
    make(village, owner, "Tổ tự quản khối phố", kind=Kind.SELF_MANAGEMENT)
    started = make(haichau, ancestor, "Mô hình đang xây dựng", year=2025)
    services.transition(started, "start", actor=ancestor)
    with_topics = make(tamky, owner, "Mô hình có chủ đề")
    with_topics.topics.set(topics)
    old = make(tamky, owner, "Mô hình của phường An Mỹ", year=2023)
    Initiative.objects.filter(pk=old.pk).update(owner_unit=Unit.objects.get(name="Đảng ủy phường An Mỹ"))
    _recognized_model(owner)


def _units():
    return list(
        Unit.objects.filter(
            name__in=[
                "Thành ủy Đà Nẵng",
                "Đảng ủy phường Tam Kỳ",
                "Đảng ủy phường Hải Châu",
                "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ",
            ]
        )
    )


def test_every_metric_alone_and_all_together_give_what_each_gives(rows):
    metrics = registry.all_metrics()
    for unit in _units():
        wanted = [(metric, *period) for metric in metrics for period in PERIODS[:3]]
        expected = [metric.value_for(unit, start, end) for metric, start, end in wanted]
        assert registry.values_for_many(unit, wanted) == expected, unit
    assert registry.values_for_many(_units()[0], []) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_mix_of_metrics_periods_and_units(rows, data):
    metrics = registry.all_metrics()
    unit = data.draw(st.sampled_from(_units()), label="unit")
    wanted = data.draw(
        st.lists(st.tuples(st.sampled_from(metrics), st.sampled_from(PERIODS)), max_size=12), label="wanted"
    )
    wanted = [(metric, start, end) for metric, (start, end) in wanted]
    assert registry.values_for_many(unit, wanted) == [
        metric.value_for(unit, start, end) for metric, start, end in wanted
    ]


def test_metrics_of_one_model_cost_one_query(rows, city):
    codes = [
        "initiatives.registered",
        "initiatives.exemplars_registered",
        "initiatives.self_management_registered",
    ]
    wanted = [(registry.get(code), *period) for code in codes for period in PERIODS[:2]]
    with CaptureQueriesContext(connection) as queries:
        values = registry.values_for_many(city, wanted)
    assert len([q for q in queries.captured_queries if "initiatives_initiative" in q["sql"]]) == 1
    assert values == [metric.value_for(city, start, end) for metric, start, end in wanted]
    # this year: the ward's two, the village's and the Front's recognized one; last year two, one an exemplar
    assert values[:4] == [4, 2, 0, 1]


def test_breakdowns_together_give_what_each_gives(rows):
    for metric in registry.all_metrics():
        names = list(metric.dimensions)
        for unit in _units():
            for start, end in PERIODS[:4]:
                expected = {name: metric.breakdown(name, unit, start, end) for name in names}
                assert metric.breakdowns(names, unit, start, end) == expected, (metric.code, unit)


def test_breakdowns_share_one_query_only_where_the_groups_add_up(rows, city):
    registered = registry.get("initiatives.registered")
    typical = registry.get("awards.typical")
    # a model has one field, kind and status: one GROUP BY; its topics are many: a query of their own
    assert [registered.adds_up_by(name) for name in ("field", "kind", "status", "topic")] == [
        True,
        True,
        True,
        False,
    ]
    # distinct models counted through decision entries: a model's own field adds up, not the topics
    assert typical.adds_up_by("field") and typical.adds_up_by("owner_type")
    assert not typical.adds_up_by("topic")
    # distinct models counted by something that is not the model's: never grouped together
    by_decision = Metric(
        code="tests.models_by_decision_date",
        label="models",
        definition="",
        model="awards.DecisionEntry",
        unit_field="initiative__owner_unit",
        date_field="decision__date",
        value=Count("initiative", distinct=True),
        dimensions={"level": "decision__kind", "field": "initiative__field"},
    )
    assert not by_decision.adds_up_by("level") and by_decision.adds_up_by("field")
    with CaptureQueriesContext(connection) as queries:
        registered.breakdowns(["field", "kind", "status", "topic"], city, *PERIODS[0])
    assert len([q for q in queries.captured_queries if "GROUP BY" in q["sql"]]) == 2


def test_year_by_year_gives_each_years_value(rows):
    """``by_year``: a date's years as one conditional aggregate each, a year field's by a GROUP BY;
    both what ``value_for`` gives for each calendar year."""
    for metric in registry.all_metrics():
        for unit in _units():
            expected = {
                year: metric.value_for(unit, date(year, 1, 1), date(year, 12, 31))
                for year in range(2021, 2028)
            }
            assert metric.by_year(unit, 2021, 2027) == expected, (metric.code, unit)


def test_periods_together_keep_each_ones_years(rows, city):
    """A metric counted by year: a period opening after 1 December belongs to the next year, one
    ending that December to its own; together they still count each period's own years."""
    cut_off = (date(2025, 12, 15), date(2026, 12, 14))  # the 2026 annual report: the models of 2026
    december = (date(2025, 12, 31), date(2025, 12, 31))  # one day of 2025: the models of 2025
    registered = registry.get("initiatives.registered")
    exemplars = registry.get("initiatives.exemplars_registered")
    wanted = [(registered, *cut_off), (exemplars, *december), (registered, *december)]
    assert registry.values_for_many(city, wanted) == [
        metric.value_for(city, start, end) for metric, start, end in wanted
    ]
    assert registry.values_for_many(city, wanted)[1:] == [1, 2]
