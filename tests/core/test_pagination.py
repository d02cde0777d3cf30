"""Pages counted in the query that reads them (`core.pagination`): the same pages, totals and
errors as Django's Paginator, in one query where the rows can carry the total."""

import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.core.api import paginate
from danvan.core.pagination import CountingPaginator, counted_slice
from danvan.orgs.models import Unit

pytestmark = pytest.mark.django_db

NUMBERS = st.one_of(
    st.integers(min_value=-2, max_value=12),
    st.sampled_from(["1", "2", "3", "0", "-1", "x", "", None, 2.0, 2.5, "last", "99"]),
)


def outcome(paginator, method: str, number):
    try:
        page = getattr(paginator, method)(number)
    except (EmptyPage, PageNotAnInteger) as error:
        return type(error).__name__
    return (page.number, [unit.pk for unit in page], paginator.count, paginator.num_pages)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    depth=st.integers(min_value=1, max_value=5),
    per_page=st.integers(min_value=1, max_value=9),
    number=NUMBERS,
)
def test_the_same_pages_as_djangos_paginator(city, depth, per_page, number):
    units = Unit.objects.filter(path__startswith=city.path, depth__lte=depth).order_by("path")
    for method in ("page", "get_page"):
        expected = outcome(Paginator(units, per_page), method, number)
        assert outcome(CountingPaginator(units, per_page), method, number) == expected


def test_a_page_and_its_total_are_one_query(city):
    units = Unit.objects.filter(path__startswith=city.path).order_by("path")
    total = units.count()
    assert total > 4
    with CaptureQueriesContext(connection) as queries:
        page = CountingPaginator(units, 3).get_page("2")
        assert (page.paginator.count, page.paginator.num_pages, len(page)) == (total, -(-total // 3), 3)
    assert len(queries.captured_queries) == 1
    with CaptureQueriesContext(connection) as queries:
        count, rows = paginate(units, limit=2, offset=1)
    assert (count, [unit.pk for unit in rows]) == (total, list(units.values_list("pk", flat=True)[1:3]))
    assert len(queries.captured_queries) == 1


def test_what_the_window_cannot_count_is_counted_apart(city):
    units = Unit.objects.filter(path__startswith=city.path).order_by("path")
    total = units.count()
    # past the end: no row carries the total
    assert counted_slice(units, total + 5, 10) == (None, [])
    assert paginate(units, limit=10, offset=total + 5) == (total, [])
    # rows made distinct: the window would count them before DISTINCT
    doubled = Unit.objects.filter(path__startswith=city.path, grants__isnull=False).order_by("path")
    distinct = doubled.distinct()
    assert doubled.count() > distinct.count()  # a unit with several grants: rows twice
    assert counted_slice(distinct, 0, 5) == (None, [])
    assert paginate(distinct, limit=5, offset=0)[0] == distinct.count()
    assert CountingPaginator(distinct, 5).page(1).paginator.count == distinct.count()
    # not a queryset of models
    assert counted_slice(units.values("pk"), 0, 5) == (None, [])
    assert counted_slice(list(units), 0, 5) == (None, [])
    assert CountingPaginator(list(units), 5).get_page("1").paginator.count == total
