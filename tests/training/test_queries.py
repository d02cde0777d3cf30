"""No N+1: the list page, the export, the API list and a session's page run a number of queries that
does not grow with what they list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.orgs.models import Person
from danvan.training import services
from danvan.training.models import TrainingTopic
from tests.training.conftest import PDF, days_ago, make, png_bytes, upload

pytestmark = pytest.mark.django_db

TOPICS = list(TrainingTopic)


def queries(client, url) -> int:
    client.get(url)  # warm per-process caches (content types, translations)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


def grow(unit, actor, start: int, count: int) -> None:
    for i in range(start, start + count):
        make(
            unit,
            actor,
            f"Tập huấn mô hình số {i}",
            on=days_ago(i % 40 + 1),
            topic=TOPICS[i % len(TOPICS)],
            counts={"party": i, "village": 3},
            held=i % 2 == 0,
        )


@pytest.mark.parametrize(
    ("persona", "query"),
    [
        ("owner", ""),
        ("ancestor", "?status=held"),
        ("ancestor", "?q=mo+hinh&topic=model_method"),
        ("owner", f"?year={days_ago(1).year}&level=commune"),
    ],
)
def test_the_list_runs_a_constant_number_of_queries(personas, owner, tamky, persona, query):
    url = reverse("training:list") + query
    grow(tamky, owner, 0, 4)
    few = queries(personas[persona], url)
    grow(tamky, owner, 4, 40)
    many = queries(personas[persona], url)
    assert len(personas[persona].get(url).context["page"]) >= 6
    assert many == few


def test_the_export_runs_a_constant_number_of_queries(personas, owner, tamky):
    url = reverse("training:export")
    grow(tamky, owner, 0, 3)
    few = queries(personas["owner"], url)
    grow(tamky, owner, 3, 30)
    assert queries(personas["owner"], url) == few


def test_the_api_list_runs_a_constant_number_of_queries(personas, owner, tamky):
    url = "/api/v1/training?limit=100"
    grow(tamky, owner, 0, 3)
    few = queries(personas["ancestor"], url)
    grow(tamky, owner, 3, 30)
    assert queries(personas["ancestor"], url) == few


def test_a_sessions_page_runs_a_constant_number_of_queries(personas, owner, tamky):
    session = make(tamky, owner, counts={"party": 5})
    people = list(Person.objects.filter(unit__path__startswith=tamky.path))

    def more(start, count):
        for i in range(start, start + count):
            services.add_attendee(session, {"full_name": f"Người dự số {i}", "group": "village"}, actor=owner)
            services.add_material(session, upload(f"tai-lieu-{i}.pdf", PDF), actor=owner)
            services.add_material(session, upload(f"anh-{i}.png", png_bytes()), actor=owner)

    services.add_attendee(session, {"person": people[0]}, actor=owner)
    more(0, 1)
    for url in (reverse("training:detail", args=[session.pk]), f"/api/v1/training/{session.pk}"):
        few = queries(personas["ancestor"], url)
        more(10, 8)
        assert queries(personas["ancestor"], url) == few, url
