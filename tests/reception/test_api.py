"""The reception API under /api/v1/reception: what each persona may see and do, the numbers it
gives, bad input (which changes nothing) and the number of queries of the lists.

Personas: canbo.tamky ("owner", over Tam Kỳ ward), canbo.danang ("ancestor", the city),
canbo.haichau ("stranger", Hải Châu ward), hoidong.danang ("council", sees the city, manages
nothing), lanhdao.danang ("leader", the city) and the anonymous."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from danvan.reception import services
from danvan.reception.models import (
    Commitment,
    CommitmentFollowUp,
    Dialogue,
    DialogueIssue,
    ReceptionSchedule,
    ReceptionSession,
)
from danvan.reception.workflow import SessionStatus
from tests.conftest import client_for
from tests.reception.conftest import commit, make_dialogue, make_schedule, record

pytestmark = pytest.mark.django_db

BASE = "/api/v1/reception"
PERSONAS = ["owner", "ancestor", "stranger", "leader", "council", "anonymous"]


@pytest.fixture
def all_personas(personas, leader, council):
    return {**personas, "leader": client_for(leader), "council": client_for(council)}


def send(client, method, url, body=None):
    if method == "get":
        return client.get(url)
    return getattr(client, method)(url, json.dumps(body or {}), content_type="application/json")


def vi(msgid: str, **params) -> str:
    with translation.override("vi"):
        text = translation.gettext(msgid)
    return text % params if params else text


def stored():
    models = [ReceptionSchedule, ReceptionSession, Dialogue, DialogueIssue, Commitment, CommitmentFollowUp]
    return {m.__name__: m.objects.count() for m in models}


@dataclass
class World:
    schedule: ReceptionSchedule
    held: ReceptionSession
    planned: ReceptionSession
    dialogue: Dialogue
    commitment: Commitment
    ward_pc: object
    ward_front: object


@pytest.fixture
def world(owner, ward_pc, ward_front):
    schedule = make_schedule(ward_pc, owner)
    held = record(schedule, owner, date(2026, 11, 19))
    planned = record(schedule, owner, date(2026, 11, 26), status=SessionStatus.PLANNED)
    dialogue = make_dialogue(ward_pc, owner, front=ward_front)
    return World(schedule, held, planned, dialogue, commit(dialogue, owner), ward_pc, ward_front)


@dataclass
class Case:
    name: str
    method: str
    url: Callable[[World], str]
    expected: dict[str, int]
    body: Callable[[World], dict] | None = None
    measure: Callable[[World], object] = stored


def readers(**overrides):
    return {
        "owner": 200,
        "ancestor": 200,
        "stranger": 404,
        "leader": 200,
        "council": 200,
        "anonymous": 401,
        **overrides,
    }


def everyone(**overrides):
    return readers(stranger=200, **overrides)


def writers(status: int, **overrides):
    """Managers of Tam Kỳ succeed; Hải Châu does not see it (404); the council member may not (403)."""
    return readers(owner=status, ancestor=status, leader=status, council=403, **overrides)


SCHEDULE = {
    "position": "commune_pc_chair",
    "head_name": "Nguyễn Thành Trung",
    "head_title": "Chủ tịch UBND phường",
    "weekdays": [3],
    "valid_from": "2025-07-01",
}

CASES = [
    Case("list schedules", "get", lambda w: f"{BASE}/schedules", everyone()),
    Case("a schedule", "get", lambda w: f"{BASE}/schedules/{w.schedule.pk}", readers()),
    Case(
        "set a schedule",
        "post",
        lambda w: f"{BASE}/schedules",
        writers(201),
        lambda w: {"unit": w.ward_pc.pk, **SCHEDULE},
    ),
    Case("list sessions", "get", lambda w: f"{BASE}/sessions?year=2026&status=held", everyone()),
    Case("a session", "get", lambda w: f"{BASE}/sessions/{w.held.pk}", readers()),
    Case(
        "record a session",
        "post",
        lambda w: f"{BASE}/sessions",
        writers(201),
        lambda w: {
            "schedule": w.schedule.pk,
            "held_on": "2026-11-05",
            "status": "held",
            "presided_by": "head",
        },
    ),
    Case(
        "record as held",
        "post",
        lambda w: f"{BASE}/sessions/{w.planned.pk}/transitions",
        writers(200),
        lambda w: {"action": "hold", "presided_by": "head", "citizens_count": 5},
        measure=lambda: ReceptionSession.objects.filter(status="held").count(),
    ),
    Case("compliance", "get", lambda w: f"{BASE}/compliance?period=2026-11", everyone()),
    Case("list dialogues", "get", lambda w: f"{BASE}/dialogues?year=2026", everyone()),
    Case("a dialogue", "get", lambda w: f"{BASE}/dialogues/{w.dialogue.pk}", readers()),
    Case(
        "record a dialogue",
        "post",
        lambda w: f"{BASE}/dialogues",
        writers(201),
        lambda w: {
            "organizer": w.ward_pc.pk,
            "front": w.ward_front.pk,
            "title": "Đối thoại",
            "held_on": "2026-11-20",
        },
    ),
    Case(
        "add an issue",
        "post",
        lambda w: f"{BASE}/dialogues/{w.dialogue.pk}/issues",
        writers(201),
        lambda w: {"content": "Đường ngập", "raised_by": "Ông A"},
    ),
    Case(
        "add a commitment",
        "post",
        lambda w: f"{BASE}/dialogues/{w.dialogue.pk}/commitments",
        writers(201),
        lambda w: {"content": "Nạo vét mương", "owner_unit": w.ward_pc.pk, "due_on": "2026-08-31"},
    ),
    Case(
        "follow up a commitment",
        "post",
        lambda w: f"{BASE}/commitments/{w.commitment.pk}/follow-ups",
        writers(201),
        lambda w: {"action": "complete", "content": "Đã nạo vét", "happened_on": "2026-07-20"},
    ),
    Case(
        "communes without a dialogue",
        "get",
        lambda w: f"{BASE}/communes-without-dialogue?within={w.ward_pc.pk}&year=2026",
        readers(),
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_permission_matrix(all_personas, world, case, persona):
    before = case.measure()
    body = case.body(world) if case.body else None
    response = send(all_personas[persona], case.method, case.url(world), body)
    expected = case.expected[persona]
    assert response.status_code == expected, (persona, response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    if case.method != "get":
        changed = case.measure() != before
        assert changed == (expected in (200, 201)), (persona, "changed" if changed else "unchanged")
    if expected >= 400:
        assert response.json()["detail"]


def test_every_route_is_in_the_matrix():
    from danvan.reception.api import router

    routes = {
        (method.lower(), path) for path, view in router.path_operations.items() for method in _methods(view)
    }
    assert routes == {
        ("get", "/schedules"), ("post", "/schedules"), ("get", "/schedules/{schedule_id}"),
        ("get", "/sessions"), ("post", "/sessions"), ("get", "/sessions/{session_id}"),
        ("post", "/sessions/{session_id}/transitions"), ("get", "/compliance"), ("get", "/dialogues"),
        ("post", "/dialogues"), ("get", "/dialogues/{dialogue_id}"),
        ("post", "/dialogues/{dialogue_id}/issues"),
        ("post", "/dialogues/{dialogue_id}/commitments"), ("post", "/commitments/{commitment_id}/follow-ups"),
        ("get", "/communes-without-dialogue"),
    }  # fmt: skip


def _methods(path_view):
    return [m for operation in path_view.operations for m in operation.methods]


# --- what it says ----------------------------------------------------------------------------------


def test_lists_are_envelopes_of_what_the_caller_may_see(all_personas, world):
    owner = all_personas["owner"].get(f"{BASE}/sessions").json()
    assert owner["count"] == 2 and [s["held_on"] for s in owner["items"]] == ["2026-11-26", "2026-11-19"]
    assert all_personas["stranger"].get(f"{BASE}/sessions").json() == {"count": 0, "items": []}
    paged = all_personas["ancestor"].get(f"{BASE}/sessions?limit=1&offset=1").json()
    assert paged["count"] == 2 and [s["id"] for s in paged["items"]] == [world.held.pk]
    within = all_personas["ancestor"].get(f"{BASE}/sessions?within={world.ward_pc.pk}&from=2026-11-20").json()
    assert [s["id"] for s in within["items"]] == [world.planned.pk]
    # a unit the caller may not see is not found
    assert all_personas["stranger"].get(f"{BASE}/sessions?within={world.ward_pc.pk}").status_code == 404


def test_a_schedule_says_its_legal_minimum_and_basis(all_personas, world):
    out = all_personas["owner"].get(f"{BASE}/schedules/{world.schedule.pk}").json()
    assert (out["position"], out["minimum_days"], out["per"], out["legal_minimum_days"]) == (
        "commune_pc_chair",
        1,
        "week",
        1,
    )
    assert (
        "Luật Tiếp công dân" in out["legal_basis"] and out["weekdays"] == [3] and out["weeks_of_month"] == []
    )
    assert (
        out["can_manage"]
        and not all_personas["council"].get(f"{BASE}/schedules/{world.schedule.pk}").json()["can_manage"]
    )


def test_a_session_says_its_petitions_log_and_actions(all_personas, world):
    out = all_personas["owner"].get(f"{BASE}/sessions/{world.planned.pk}").json()
    assert out["petitions"] == [] and [e["action"] for e in out["events"]] == ["create"]
    assert [a["action"] for a in out["allowed_actions"]] == ["hold", "miss"]
    assert all_personas["council"].get(f"{BASE}/sessions/{world.planned.pk}").json()["allowed_actions"] == []
    held = send(
        all_personas["owner"],
        "post",
        f"{BASE}/sessions/{world.planned.pk}/transitions",
        {"action": "hold", "presided_by": "deputy", "presider_name": "Đoàn Minh Khoa", "citizens_count": 8},
    ).json()
    assert (held["status"], held["presided_by"], held["counts_for_compliance"], held["citizens_count"]) == (
        "held",
        "deputy",
        False,
        8,
    )


def test_compliance_gives_the_hand_computed_numbers(all_personas, world, owner):
    record(world.schedule, owner, date(2026, 11, 5), presided="deputy")
    out = all_personas["ancestor"].get(f"{BASE}/compliance?period=2026-11&within={world.ward_pc.pk}").json()
    assert out["period"] == {
        "code": "2026-11",
        "label": "Tháng 11 năm 2026",
        "start": "2026-11-01",
        "end": "2026-11-30",
    }
    assert out["count"] == 1 and out["within"]["id"] == world.ward_pc.pk
    row = out["items"][0]
    # Thursdays 5, 12, 19, 26: held by the chair on 19 only; 5 by the deputy; 26 still planned
    assert (row["required"], row["due"], row["held"], row["by_deputy"], row["shortfall"], row["rate"]) == (
        4,
        4,
        1,
        1,
        3,
        25.0,
    )
    assert out["totals"]["short"] == 1 and out["totals"]["rate"] == 25.0
    assert all_personas["stranger"].get(f"{BASE}/compliance?period=2026-11").json()["count"] == 0


def test_a_dialogue_with_its_issues_and_commitments(all_personas, world, owner):
    services.follow_up(
        world.commitment, "progress", actor=owner, content="Đã khảo sát", happened_on=date(2026, 7, 1)
    )
    out = all_personas["ancestor"].get(f"{BASE}/dialogues/{world.dialogue.pk}").json()
    assert out["front"]["id"] == world.ward_front.pk and out["can_manage"]
    commitment = out["commitments"][0]
    assert commitment["overdue"] and commitment["status"] == "open"  # due 31/07/2026
    assert [f["action"] for f in commitment["follow_ups"]] == ["create", "progress"]
    done = send(
        all_personas["owner"],
        "post",
        f"{BASE}/commitments/{world.commitment.pk}/follow-ups",
        {"action": "complete", "content": "Đã nạo vét", "happened_on": "2026-08-02"},
    ).json()
    assert (done["status"], done["done_on"], done["overdue"]) == ("done", "2026-08-02", False)


def test_communes_without_a_dialogue(all_personas, world, city):
    out = (
        all_personas["ancestor"]
        .get(f"{BASE}/communes-without-dialogue?within={city.pk}&year=2026&limit=500")
        .json()
    )
    names = [u["name"] for u in out["items"]]
    assert out["count"] == len(names) > 50
    assert "Ủy ban nhân dân phường Hải Châu" in names and "Ủy ban nhân dân phường Tam Kỳ" not in names


# --- bad input: clear, in Vietnamese, nothing stored ----------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url", "body", "status"),
    [
        ("post", "schedules", {"minimum_days": 0}, 400),
        ("post", "schedules", {"weekdays": [9]}, 422),
        ("post", "schedules", {"weekdays": [], "days_of_month": []}, 400),
        ("post", "schedules", {"head_name": "A\x00B"}, 422),
        ("post", "schedules", {"person": 999_999_999}, 422),
        ("post", "schedules", {"valid_from": "2026-02-30"}, 422),
        ("post", "schedules", {"unit": 10**20}, 422),
        ("post", "sessions", {"held_on": "2026-11-05", "status": "held"}, 400),  # who presided?
        ("post", "sessions", {"held_on": "2099-01-01", "status": "held", "presided_by": "head"}, 400),
        ("post", "sessions", {"held_on": "2026-11-05", "status": "lost"}, 422),
        ("post", "dialogues", {"held_on": "2099-01-01"}, 400),
        ("post", "dialogues", {"title": ""}, 422),
    ],
)
def test_bad_input_is_refused_and_stores_nothing(all_personas, world, method, url, body, status):
    defaults = {
        "schedules": {"unit": world.ward_pc.pk, **SCHEDULE},
        "sessions": {"schedule": world.schedule.pk},
        "dialogues": {"organizer": world.ward_pc.pk, "title": "Đối thoại", "held_on": "2026-11-20"},
    }[url]
    before = stored()
    response = send(all_personas["owner"], method, f"{BASE}/{url}", {**defaults, **body})
    assert response.status_code == status, response.content[:300]
    assert response.json()["detail"] and stored() == before


def test_the_messages_are_vietnamese(all_personas, world):
    response = send(
        all_personas["owner"],
        "post",
        f"{BASE}/commitments/{world.commitment.pk}/follow-ups",
        {"action": "complete", "content": " "},
    )
    assert response.status_code == 400 and response.json()["detail"] == vi("Say what was done.")
    bad = all_personas["owner"].get(f"{BASE}/compliance?period=2026-13")
    assert bad.status_code == 422 and bad.json()["errors"][0]["loc"] == ["query", "period"]
    unknown = send(
        all_personas["owner"], "post", f"{BASE}/sessions/{world.planned.pk}/transitions", {"action": "x"}
    )
    assert unknown.status_code == 400 and unknown.json()["detail"] == vi(
        "Unknown action “%(action)s”.", action="x"
    )


# --- the lists run a constant number of queries ------------------------------------------------------


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


def test_the_api_lists_run_a_constant_number_of_queries(
    all_personas, world, owner, ward_pc, ward_party, ward_front
):
    client = all_personas["ancestor"]
    urls = [
        f"{BASE}/schedules?limit=100",
        f"{BASE}/sessions?limit=100",
        f"{BASE}/compliance?period=2026&limit=100",
        f"{BASE}/dialogues?limit=100",
        f"{BASE}/dialogues/{world.dialogue.pk}",
    ]
    few = [queries(client, url) for url in urls]
    for n in range(3):
        schedule = make_schedule(
            ward_party, owner, position="commune_party_secretary", weekdays="1", weeks_of_month="2,4"
        )
        for day in (date(2026, 10, 13), date(2026, 10, 27), date(2026, 11, 10)):
            record(schedule, owner, day)
        dialogue = make_dialogue(ward_pc, owner, front=ward_front, title=f"Đối thoại {n}")
        for due in (date(2026, 7, 1), date(2026, 9, 1)):
            services.follow_up(commit(dialogue, owner, due=due), "progress", actor=owner, content="Đang làm")
        for i in range(3):
            commit(world.dialogue, owner, content=f"Cam kết {n}.{i}")
    assert [queries(client, url) for url in urls] == few


def test_a_unit_beside_the_organizer_may_own_a_commitment_unseen(world, handler):
    from danvan.orgs.models import Unit

    police = Unit.objects.get(name="Công an phường Tam Kỳ")
    client = client_for(handler)
    url = f"{BASE}/dialogues/{world.dialogue.pk}/commitments"
    body = {"content": "Tuần tra ban đêm", "owner_unit": police.pk, "due_on": "2026-08-31"}
    created = send(client, "post", url, body)
    assert created.status_code == 201 and created.json()["owner_unit"]["id"] == police.pk
    hc = Unit.objects.get(name="Ủy ban nhân dân phường Hải Châu")
    before = stored()
    assert send(client, "post", url, {**body, "owner_unit": hc.pk}).status_code == 403
    assert send(client, "post", url, {**body, "owner_unit": 999_999_999}).status_code == 422
    assert stored() == before
