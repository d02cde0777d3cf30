"""No N+1 on the funding pages and list endpoints: the query count does not grow with the list."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.funding import services
from danvan.funding.models import Purpose
from tests.funding.conftest import allocate, spend, unit
from tests.initiatives.conftest import make

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url)  # warm per-process caches (content types, translations)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


def rows(ward, city, owner, ancestor, start: int, count: int) -> None:
    """Allocations, spending (some supporting models, some voided) in the ward and in the city."""
    women = unit("Hội Liên hiệp Phụ nữ phường Tam Kỳ")
    for n in range(start, start + count):
        money = allocate(ward, ancestor, 50_000_000, decision_reference=f"QĐ số {n}")
        model = make(women, owner, f"Mô hình số {n}")
        spend(ward, owner, 1_000_000 + n, on=date(2026, 1 + n % 12, 1), allocation=money)
        spend(ward, owner, 2_000_000, purpose=Purpose.MODEL_SUPPORT, initiative=model, allocation=money)
        spend(city, ancestor, 3_000_000, purpose=Purpose.MODEL_SUPPORT, initiative=model)
        if n % 3 == 0:
            services.void_expenditure(spend(ward, owner, 500_000), actor=owner, reason="Nhập trùng")


PAGES = [
    ("owner", lambda w: reverse("funding:expenditures")),
    ("ancestor", lambda w: reverse("funding:expenditures") + "?year=2026&purpose=model_support&q=ho+tro"),
    ("owner", lambda w: reverse("funding:allocations") + "?year=2026"),
    ("ancestor", lambda w: reverse("funding:allocations")),
    ("ancestor", lambda w: reverse("funding:models")),
    ("ancestor", lambda w: reverse("funding:summary") + "?year=2026"),
    ("owner", lambda w: reverse("funding:summary")),
    ("owner", lambda w: reverse("funding:allocation", args=[w])),
]


@pytest.mark.parametrize(("persona", "url"), PAGES)
def test_pages_run_a_constant_number_of_queries(personas, tamky, city, owner, ancestor, persona, url):
    first = allocate(tamky, ancestor, 900_000_000)
    for n in range(2):
        spend(tamky, owner, 1_000_000, allocation=first, description=f"Hỗ trợ tập huấn {n}")
    rows(tamky, city, owner, ancestor, 1, 3)
    few = queries(personas[persona], url(first.pk))
    rows(tamky, city, owner, ancestor, 4, 24)
    for n in range(30):
        spend(tamky, owner, 1_000_000, allocation=first, description=f"Hỗ trợ tập huấn {n}")
    assert queries(personas[persona], url(first.pk)) == few


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/funding/expenditures?limit=100",
        "/api/v1/funding/allocations?limit=100",
        "/api/v1/funding/models?within={city}&limit=100",
        "/api/v1/funding/summary?unit={city}&year=2026",
    ],
)
def test_the_api_runs_a_constant_number_of_queries(personas, tamky, city, owner, ancestor, path):
    url = path.format(city=city.pk)
    rows(tamky, city, owner, ancestor, 1, 3)
    few = queries(personas["ancestor"], url)
    rows(tamky, city, owner, ancestor, 4, 15)
    assert queries(personas["ancestor"], url) == few
