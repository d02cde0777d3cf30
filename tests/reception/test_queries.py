"""No N+1: the list pages, a dialogue's page and a schedule's page run a number of queries that does
not grow with what they show."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.reception import services
from danvan.reception.rules import HeadPosition
from tests.reception.conftest import ad_hoc, commit, make_dialogue, make_schedule, record

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url)  # warm per-process caches (content types, translations, the calendar)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


def grow(owner, ward_pc, ward_party, ward_front, n: int):
    for i in range(n):
        schedule = make_schedule(
            ward_party,
            owner,
            position=HeadPosition.COMMUNE_PARTY_SECRETARY,
            weekdays="1",
            weeks_of_month="2,4",
            head_name=f"Bí thư {n}.{i}",
        )
        record(schedule, owner, date(2026, 10, 13))
        record(schedule, owner, date(2026, 10, 27), presided="deputy")
        ad_hoc(ward_pc, owner, date(2026, 10, 20 + i % 5))
        dialogue = make_dialogue(ward_pc, owner, front=ward_front, title=f"Đối thoại {n}.{i}")
        issue = services.add_issue(dialogue, {"content": "Đường ngập"}, actor=owner)
        commit(dialogue, owner, issue=issue, due=date(2026, 7, 1))
        done = commit(dialogue, owner, content="Lắp đèn")
        services.follow_up(done, "complete", actor=owner, content="Đã lắp", happened_on=date(2026, 7, 10))


@pytest.mark.parametrize("persona", ["owner", "ancestor"])
def test_the_lists_run_a_constant_number_of_queries(
    personas, owner, ward_pc, ward_party, ward_front, persona
):
    chair = make_schedule(ward_pc, owner)
    record(chair, owner, date(2026, 11, 19))
    dialogue = make_dialogue(ward_pc, owner, front=ward_front)
    commit(dialogue, owner)
    urls = [
        reverse("reception:sessions"),
        reverse("reception:sessions") + "?year=2026&status=held",
        reverse("reception:schedules"),
        reverse("reception:compliance") + "?period=2026-Q4",
        reverse("reception:compliance") + "?period=2026",
        reverse("reception:dialogues") + "?year=2026",
        reverse("reception:dialogue", args=[dialogue.pk]),
        reverse("reception:schedule", args=[chair.pk]),
    ]
    client = personas[persona]
    grow(owner, ward_pc, ward_party, ward_front, 2)
    few = [queries(client, url) for url in urls]
    grow(owner, ward_pc, ward_party, ward_front, 6)
    for i in range(5):  # more commitments and follow-ups on the dialogue's own page
        step = commit(dialogue, owner, content=f"Cam kết {i}")
        services.follow_up(step, "progress", actor=owner, content="Đang triển khai")
    for day in (date(2026, 11, 5), date(2026, 11, 12), date(2026, 11, 26)):
        record(chair, owner, day)
    many = [queries(client, url) for url in urls]
    assert many == few
    assert client.get(urls[0]).context["page"].paginator.count >= 20


def test_a_sessions_page_runs_a_constant_number_of_queries(personas, owner, ward_pc):
    chair = make_schedule(ward_pc, owner)
    session = record(chair, owner, date(2026, 11, 19))
    url = reverse("reception:session", args=[session.pk])
    few = queries(personas["owner"], url)
    services.update_session(session, {"citizens_count": 9}, actor=owner, reason="Đếm lại")
    services.update_session(session, {"notes": "Ghi chú"}, actor=owner, reason="Bổ sung")
    assert queries(personas["owner"], url) == few
