"""`Metric.values_for_units`: the value of many units at any depths, each as `value_for` gives it
(former units' history included), in a number of queries that does not grow with the units."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.initiatives.models import Initiative, Kind
from danvan.metrics import registry
from danvan.orgs.models import Unit, UnitSuccession, UnitType
from tests.initiatives.conftest import make

pytestmark = pytest.mark.django_db

WINDOW = (date(2021, 1, 1), date(2026, 12, 31))
CODES = ["initiatives.registered", "initiatives.models_registered", "initiatives.self_management_registered"]


def _units(*names):
    return [Unit.objects.get(name=name) for name in names]


@pytest.fixture
def models(owner, ancestor, tamky, haichau):
    """Models in a ward, its Front, a village, another ward, and a former ward (2023)."""
    front, village = _units(
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ", "Ban công tác Mặt trận Khối phố An Thổ"
    )
    make(tamky, owner, "Mô hình của Đảng ủy phường")
    make(front, owner, "Mô hình của Mặt trận phường", year=2025)
    make(village, owner, "Tổ tự quản khối phố", kind=Kind.SELF_MANAGEMENT)
    make(haichau, ancestor, "Mô hình của phường Hải Châu", year=2024)
    old = make(tamky, owner, "Mô hình của phường An Mỹ", year=2023)
    Initiative.objects.filter(pk=old.pk).update(owner_unit=Unit.objects.get(name="Đảng ủy phường An Mỹ"))


def test_every_unit_gets_what_value_for_gives(models, city, tamky, haichau):
    units = [
        city,
        tamky,
        haichau,
        *_units(
            "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ",
            "Ban công tác Mặt trận Khối phố An Thổ",
            "Ban công tác Mặt trận Khối phố 7",
            "Đảng ủy phường An Mỹ",  # a former unit: its own rows
            "Tỉnh ủy Quảng Nam",  # the former province: its former subtree
        ),
    ]
    for code in CODES:
        metric = registry.get(code)
        values = metric.values_for_units(units, *WINDOW)
        expected = {u.id: metric.value_for(u, *WINDOW) for u in units}
        assert values == expected, code
    registered = registry.get("initiatives.registered").values_for_units(units, *WINDOW)
    assert registered[tamky.id] == 4  # its own, its Front's, the village's and An Mỹ's (2023)
    assert registered[city.id] == 5


def test_it_agrees_with_values_by_child(models, city):
    children = list(Unit.objects.get_children(city))
    for code in CODES:
        metric = registry.get(code)
        assert metric.values_for_units(children, *WINDOW) == metric.values_by_unit(city, children, *WINDOW)


def test_a_former_unit_inside_the_units_counts_for_its_successor_elsewhere(
    owner, ancestor, tamky, haichau, city
):
    """A village of Tam Kỳ merged into one of Hải Châu: its model counts for both wards' figures
    as value_for has it (its own path; its successor's), and once for the city."""
    kind = UnitType.objects.get(code="village_front_committee")
    tk_front, hc_front = _units(
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ", "Ủy ban Mặt trận Tổ quốc Việt Nam phường Hải Châu"
    )
    old = Unit.objects.add_child(
        tk_front,
        instance=Unit(
            name="Ban công tác Mặt trận khối phố cũ",
            unit_type=kind,
            area=tk_front.area,
            valid_until=date(2025, 12, 31),
        ),
    )
    new = Unit.objects.add_child(
        hc_front, instance=Unit(name="Ban công tác Mặt trận khối phố mới", unit_type=kind, area=hc_front.area)
    )
    UnitSuccession.objects.create(predecessor=old, successor=new, is_default=True)
    model = make(tamky, owner, "Mô hình của khối phố cũ", year=2024)
    Initiative.objects.filter(pk=model.pk).update(owner_unit=old)
    units = [Unit.objects.get(pk=pk) for pk in (city.pk, tamky.pk, haichau.pk, old.pk, new.pk)]
    metric = registry.get("initiatives.registered")
    values = metric.values_for_units(units, *WINDOW)
    assert values == {u.id: metric.value_for(u, *WINDOW) for u in units}
    assert values[new.id] == 1 and values[old.id] == 1 and values[city.id] == 1
    assert values[tamky.id] == 1 and values[haichau.id] == 1


def test_queries_do_not_grow_with_the_number_of_units(models, city):
    metric = registry.get("initiatives.registered")
    wards = list(Unit.objects.filter(path__startswith=city.path, depth=2))
    villages = list(Unit.objects.filter(unit_type__code="village_front_committee"))
    assert len(wards) > 50

    def count(units):
        with CaptureQueriesContext(connection) as ctx:
            metric.values_for_units(units, *WINDOW)
        return len(ctx.captured_queries)

    assert count(wards[:3]) == count(wards)  # the same depth: one GROUP BY
    assert count(wards + villages) == count(wards[:2] + villages[:2]) <= 2 + 2  # two depths, former units
    assert metric.values_for_units([], *WINDOW) == {}


def test_a_distinct_count_is_exact_within_each_unit(city, tamky):
    """Metrics counting distinct things (awards) are grouped in the database per unit."""
    metric = registry.get("awards.recognized_by_decision")
    units = [city, tamky]
    assert metric.values_for_units(units, *WINDOW) == {u.id: metric.value_for(u, *WINDOW) for u in units}


@pytest.mark.django_db
def test_any_choice_of_units_gets_what_value_for_gives(models, city):
    """Property: whatever units are asked together (any depths, nested, former), each gets its
    own value_for."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    pool = list(Unit.objects.filter(path__startswith=city.path, depth__lte=3)) + list(
        Unit.objects.filter(name__in=["Đảng ủy phường An Mỹ", "Tỉnh ủy Quảng Nam", "Thành ủy Tam Kỳ"])
    )
    metric = registry.get("initiatives.registered")
    expected = {u.id: metric.value_for(u, *WINDOW) for u in pool}

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(st.sampled_from(pool), min_size=1, max_size=12))
    def check(units):
        values = metric.values_for_units(units, *WINDOW)
        assert values == {u.id: expected[u.id] for u in units}

    check()


@pytest.mark.django_db
def test_a_unit_asked_for_twice_gets_its_value_once(models, city):
    metric = registry.get("initiatives.registered")
    assert metric.values_for_units([city, city], *WINDOW) == {city.id: metric.value_for(city, *WINDOW)}
