"""`path__startswith` on a tree is an index range, and means exactly what LIKE 'prefix%' meant."""

import pytest
from django.db import connection
from django.db.models import F, OuterRef, Subquery
from django.test.utils import CaptureQueriesContext

from danvan.geo.models import Area
from danvan.orgs.models import Unit

pytestmark = pytest.mark.django_db


def like(prefix: str) -> set[int]:
    return {unit.pk for unit in Unit.objects.all() if unit.path.startswith(prefix)}


@pytest.mark.parametrize("cut", [4, 8, 12, 3, 5, 1])
def test_the_range_finds_what_the_prefix_finds(city, cut):
    for unit in Unit.objects.filter(depth__lte=3):
        prefix = unit.path[:cut]
        assert set(Unit.objects.filter(path__startswith=prefix).values_list("pk", flat=True)) == like(prefix)


@pytest.mark.parametrize("prefix", ["", "0", "9", "Z", "000Z", "0009", "zz", "000"])
def test_prefixes_at_the_edges_of_the_alphabet(city, prefix):
    assert set(Unit.objects.filter(path__startswith=prefix).values_list("pk", flat=True)) == like(prefix)


def test_it_is_a_range_in_sql_and_through_a_join(city):
    with CaptureQueriesContext(connection) as queries:
        list(Unit.objects.filter(path__startswith=city.path))
        list(Area.objects.filter(units__path__startswith=city.path)[:1])
    for query in queries.captured_queries:
        assert "LIKE" not in query["sql"].upper() and '"path" >=' in query["sql"]


def test_an_expression_keeps_the_pattern_match(city):
    """A prefix that is another column (the subtree of each row's own unit) is not a plain value."""
    children = Unit.objects.filter(path__startswith=F("path"))
    assert children.count() == Unit.objects.count()
    first_child = Unit.objects.filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
    counted = Unit.objects.filter(pk=city.pk).annotate(child=Subquery(first_child.values("pk")[:1]))
    assert counted.get().child in set(Unit.objects.get_children(city).values_list("pk", flat=True))
