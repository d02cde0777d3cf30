"""The metrics registry: one definition per counter, subtree and period, former units, drill-down."""

from datetime import date

import pytest
from django.db.models import Q
from django.utils import translation

from danvan.initiatives.models import Initiative
from danvan.metrics import registry
from danvan.metrics.registry import Metric
from danvan.orgs.models import Unit
from tests.initiatives.conftest import advance, make

YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def registered(unit):
    return registry.get("initiatives.registered").value_for(unit, *YEAR)


def test_every_app_declares_its_counters_once_with_labels():
    codes = [metric.code for metric in registry.all_metrics()]
    assert len(codes) == len(set(codes))
    assert {"initiatives.registered", "initiatives.recognized", "awards.typical", "awards.commended"} <= set(
        codes
    )
    with translation.override("vi"):
        for metric in registry.all_metrics():
            assert metric.group == metric.code.split(".")[0]
            assert str(metric.label) and str(metric.definition)


def test_a_metric_needs_exactly_one_way_to_fall_in_a_period():
    with pytest.raises(ValueError):
        Metric(code="x.y", label="x", definition="x", model="initiatives.Initiative", unit_field="owner_unit")
    with pytest.raises(ValueError):
        Metric(
            code="x.y",
            label="x",
            definition="x",
            model="initiatives.Initiative",
            unit_field="owner_unit",
            date_field="recognized_on",
            year_field="year",
        )
    metric = registry.get("initiatives.registered")
    with pytest.raises(ValueError):
        registry.register(Metric(**{**metric.__dict__, "filter": Q(pk=0)}))


@pytest.mark.django_db
def test_a_model_counts_for_its_unit_and_every_ancestor_not_for_others(tamky, haichau, city, owner):
    before = {unit.pk: registered(unit) for unit in (tamky, haichau, city)}
    make(tamky, owner)
    make(tamky, owner, name="Bản nháp chưa đăng ký", submit=False)  # a draft is not registered
    make(tamky, owner, name="Mô hình năm trước", year=2025)  # another year
    assert registered(tamky) == before[tamky.pk] + 1
    assert registered(city) == before[city.pk] + 1
    assert registered(haichau) == before[haichau.pk]
    metric = registry.get("initiatives.registered")
    both_years = metric.value_for(tamky, date(2025, 1, 1), date(2026, 12, 31))
    assert both_years == metric.value_for(tamky, date(2025, 1, 1), date(2025, 12, 31)) + registered(tamky)


@pytest.mark.django_db
def test_a_former_units_history_counts_for_its_successor(former, tamky, city, field):
    """Đảng ủy phường An Mỹ ended on 30/06/2025; its 2021 model counts for Tam Kỳ and the city."""
    assert not former.path.startswith(tamky.path)
    window = (date(2021, 1, 1), date(2021, 12, 31))
    metric = registry.get("initiatives.registered")
    before = (metric.value_for(tamky, *window), metric.value_for(city, *window))
    # a former unit takes no new work: its history is there from before the reorganization
    model = Initiative.objects.create(
        owner_unit=former, name="Mô hình của phường cũ", field=field, year=2021, status="registered"
    )
    assert metric.value_for(tamky, *window) == before[0] + 1
    assert metric.value_for(city, *window) == before[1] + 1  # counted once, not twice
    assert model in metric.rows_within(tamky, *window)
    by_child = metric.values_by_child(city, *window)
    tamky_prefix = tamky.path[: len(city.path) + city.steplen]
    assert by_child[tamky_prefix] >= 1


@pytest.mark.django_db
def test_drill_down_sums_to_the_total_and_costs_constant_queries(
    city, tamky, owner, django_assert_max_num_queries
):
    make(tamky, owner)
    metric = registry.get("initiatives.registered")
    total = metric.value_for(city, *YEAR)
    with django_assert_max_num_queries(3):  # former units, subtree, former rows
        by_child = metric.values_by_child(city, *YEAR)
    assert sum(by_child.values()) == total
    assert all(len(path) == len(city.path) + city.steplen for path in by_child if path != city.path)
    child = Unit.objects.get(path=tamky.path[: len(city.path) + city.steplen])
    by_unit = metric.values_by_unit(city, list(Unit.objects.get_children(city)), *YEAR)
    assert by_unit[child.pk] == metric.value_for(child, *YEAR) >= 1
    assert sum(by_unit.values()) == sum(value for path, value in by_child.items() if path != city.path)


@pytest.mark.django_db
def test_recognized_counts_by_recognition_date_and_leaves_when_consolidated(tamky, city, owner, ancestor):
    from danvan.initiatives import services

    metric = registry.get("initiatives.recognized")
    before = metric.value_for(city, *YEAR)
    model = advance(make(tamky, owner), owner, ancestor, "recognized")
    assert model.status == "recognized"
    assert metric.value_for(city, *YEAR) == before + 1
    assert metric.value_for(city, date(2027, 1, 1), None) == 0
    services.transition(model, "consolidate", actor=ancestor, comment="Cần củng cố")
    assert metric.value_for(city, *YEAR) == before


@pytest.mark.django_db
def test_open_periods_count_everything(city):
    metric = registry.get("initiatives.registered")
    assert (
        metric.value_for(city)
        == Initiative.objects.exclude(status="draft")
        .filter(
            Q(owner_unit__path__startswith=city.path) | Q(owner_unit__in=list(registry._former_units(city)))
        )
        .count()
    )


@pytest.mark.django_db
def test_rows_read_with_their_unit_are_the_same_rows(former, tamky, city, field):
    """`joined` (the path's range on the unit joined for its type or area as well) keeps a former
    unit's rows, which lie outside the range, and every row of the subtree; a breakdown by the
    owning unit's type adds up to the value."""
    Initiative.objects.create(
        owner_unit=former, name="Mô hình của phường cũ", field=field, year=2021, status="registered"
    )
    window = (date(2021, 1, 1), date(2021, 12, 31))
    for metric in registry.all_metrics():
        for unit in (tamky, city):
            plain = set(metric.rows_within(unit, *window).values_list("pk", flat=True))
            joined = set(metric.rows_within(unit, *window, joined=True).values_list("pk", flat=True))
            assert joined == plain, (metric.code, unit)
    registered = registry.get("initiatives.registered")
    by_type = registered.breakdown("owner_type", tamky, *window)
    assert sum(by_type.values()) == registered.value_for(tamky, *window) >= 1
    assert by_type.get(former.unit_type_id, 0) >= 1
