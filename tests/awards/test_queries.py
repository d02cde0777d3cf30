"""No N+1 on the decision pages and list endpoints: the query count does not grow with the list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.awards import services
from tests.awards.conftest import SIGNER, draft, proposed, unit

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url)  # warm per-process caches (content types, translations)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


def decisions(level, actor, start: int, count: int) -> None:
    for number in range(start, start + count):
        decision = draft(level, actor, number=number, **SIGNER)
        model = proposed(level, actor, actor, f"Mô hình số {number}")
        services.add_initiatives(decision, [model], actor=actor, typical={model.pk})
        if number % 2:
            services.transition(decision, "issue", actor=actor)


@pytest.mark.parametrize(
    ("persona", "query"),
    [("owner", ""), ("ancestor", "?kind=recognition"), ("owner", "?status=issued&year=2026&q=m%C3%B4")],
)
def test_the_list_runs_a_constant_number_of_queries(personas, owner, ancestor, tamky_front, persona, query):
    url = reverse("awards:list") + query
    decisions(tamky_front, ancestor, 1, 3)
    few = queries(personas[persona], url)
    decisions(tamky_front, ancestor, 4, 30)
    many = queries(personas[persona], url)
    assert len(personas[persona].get(url).context["page"]) >= 15
    assert many == few


def test_the_api_list_runs_a_constant_number_of_queries(personas, ancestor, tamky_front):
    url = "/api/v1/awards/decisions?limit=100"
    decisions(tamky_front, ancestor, 1, 3)
    few = queries(personas["ancestor"], url)
    decisions(tamky_front, ancestor, 4, 20)
    assert queries(personas["ancestor"], url) == few


def test_a_decisions_page_runs_a_constant_number_of_queries(personas, ancestor, city):
    decision = draft(city, ancestor, number=50, **SIGNER)
    women = unit("Hội Liên hiệp Phụ nữ phường Tam Kỳ")

    def more(start, count):
        models = [proposed(women, ancestor, ancestor, f"Mô hình {i}") for i in range(start, start + count)]
        services.add_initiatives(decision, models, actor=ancestor, typical={models[0].pk})

    more(0, 2)
    url = reverse("awards:detail", args=[decision.pk])
    few = queries(personas["ancestor"], url)
    more(2, 12)
    assert queries(personas["ancestor"], url) == few
    api = f"/api/v1/awards/decisions/{decision.pk}"
    few = queries(personas["ancestor"], api)
    more(14, 5)
    assert queries(personas["ancestor"], api) == few
