"""The health check (`GET /healthz`) and the opt-in X-Query-Count header of `make bench`."""

import pytest
from django.core.exceptions import MiddlewareNotUsed
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory

from danvan.core.middleware import QueryCountMiddleware


def _three_queries(request):
    with connection.cursor() as cursor:
        for _ in range(3):
            cursor.execute("SELECT 1")
    return HttpResponse("done")


@pytest.mark.django_db
def test_healthz_answers_ok_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405


def test_query_count_is_off_by_default(settings):
    settings.DANVAN_QUERY_COUNT_HEADER = False
    with pytest.raises(MiddlewareNotUsed):
        QueryCountMiddleware(_three_queries)


@pytest.mark.django_db
def test_query_count_header_off_by_default(client, settings):
    settings.DANVAN_QUERY_COUNT_HEADER = False
    assert "X-Query-Count" not in client.get("/healthz")


@pytest.mark.django_db
def test_query_count_counts_the_queries_of_the_request(settings):
    settings.DANVAN_QUERY_COUNT_HEADER = True
    middleware = QueryCountMiddleware(_three_queries)
    assert middleware(RequestFactory().get("/"))["X-Query-Count"] == "3"
    # the count is per request, not cumulative
    assert middleware(RequestFactory().get("/"))["X-Query-Count"] == "3"


@pytest.mark.django_db
def test_query_count_header_on_a_real_page(client, settings):
    settings.DANVAN_QUERY_COUNT_HEADER = True
    response = client.get("/healthz")
    assert response["X-Query-Count"] == "1"
