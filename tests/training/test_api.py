"""The training API: what each persona may see and do, what the answers contain, bad input."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from danvan.orgs.models import Person
from danvan.training.models import Attendee, Material, TrainingSession
from tests.api.conftest import get_json
from tests.training.conftest import PDF, days_ago, make, upload, vi

pytestmark = pytest.mark.django_db

BASE = "/api/v1/training"
PERSONAS = ["owner", "ancestor", "stranger", "leader", "anonymous"]


def send(client, method, url, body, status):
    response = getattr(client, method)(url, json.dumps(body), content_type="application/json")
    assert response.status_code == status, (url, body, response.content[:500])
    if status != 204:
        assert response["Content-Type"].startswith("application/json")
        return response.json()
    return None


def body_for(unit, **extra) -> dict:
    return {
        "organizer": unit.pk,
        "title": "Hội nghị tập huấn phương pháp xây dựng mô hình “Dân vận khéo” năm 2026",
        "topic": "model_method",
        "held_on": days_ago(5).isoformat(),
        "place": "Hội trường Đảng ủy phường Tam Kỳ",
        "trainers": "Đ/c Ngô Văn Sơn",
        "counts": {"party": 30, "village": 12},
        **extra,
    }


def state():
    return (
        list(
            TrainingSession.objects.order_by("pk").values_list(
                "pk", "title", "status", "held_on", "people_count"
            )
        ),
        Attendee.objects.count(),
        Material.objects.count(),
        TrainingSession.history.count(),
    )


# --- end to end ----------------------------------------------------------------------------------------


def test_plan_complete_hold_and_read_back(all_personas, tamky):
    client = all_personas["owner"]
    created = send(client, "post", BASE, body_for(tamky), 201)
    url = f"{BASE}/{created['id']}"
    assert (created["status"], created["level"], created["people_count"]) == ("planned", "commune", 42)
    assert {c["group"]: c["count"] for c in created["counts"]} == {"party": 30, "village": 12}
    assert {a["action"] for a in created["allowed_actions"]} == {"hold", "cancel"} and created["can_edit"]
    bình = Person.objects.get(full_name="Lê Văn Bình")
    attendee = send(client, "post", f"{url}/attendees", {"person": bình.pk}, 201)
    assert (attendee["full_name"], attendee["group"]) == ("Lê Văn Bình", "party")
    send(client, "post", f"{url}/attendees", {"full_name": "Khách mời", "group": "other"}, 201)
    response = client.post(f"{url}/materials", {"file": upload("bai-giang.pdf", PDF), "title": "Bài giảng"})
    assert response.status_code == 201 and response.json()["kind"] == "pdf"
    assert client.get(response.json()["url"]).status_code == 200
    patched = send(client, "patch", url, {"counts": {"party": 35}, "reason": "Bổ sung số liệu"}, 200)
    assert patched["people_count"] == 36  # 35 Party officers (Lê Văn Bình among them) and the guest
    held = send(client, "post", f"{url}/transitions", {"action": "hold", "comment": "Đạt yêu cầu"}, 200)
    assert held["status"] == "held" and held["allowed_actions"] == []
    detail = get_json(client, url)
    assert [m["title"] for m in detail["materials"]] == ["Bài giảng"] and len(detail["attendees"]) == 2
    history = get_json(client, f"{url}/history")
    assert [(e["action"], e["to_status"]) for e in history["events"]] == [
        ("create", "planned"),
        ("hold", "held"),
    ]
    assert history["events"][1]["comment"] == "Đạt yêu cầu" and history["changes"]
    listed = get_json(
        client, BASE, {"within": tamky.pk, "year": days_ago(5).year, "status": "held", "q": "MO HINH"}
    )
    assert [s["id"] for s in listed["items"]] == [created["id"]] and listed["count"] == 1


def test_record_a_held_session_and_cancel_another(all_personas, tamky):
    client = all_personas["ancestor"]
    held = send(client, "post", BASE, body_for(tamky, held=True, comment="Ghi nhận sau"), 201)
    assert held["status"] == "held"
    later = (timezone.localdate() + timedelta(days=30)).isoformat()
    planned = send(client, "post", BASE, body_for(tamky, held_on=later), 201)
    url = f"{BASE}/{planned['id']}/transitions"
    refused = send(client, "post", url, {"action": "cancel"}, 400)
    assert refused["detail"] == vi("Give a reason for “%(action)s”.", action=vi("Cancel the session"))
    cancelled = send(client, "post", url, {"action": "cancel", "comment": "Trùng lịch"}, 200)
    assert cancelled["status"] == "cancelled"
    assert send(client, "patch", f"{BASE}/{planned['id']}", {"place": "X"}, 400)["detail"] == vi(
        "A cancelled session takes no changes."
    )


# --- the permission matrix ---------------------------------------------------------------------------------


@pytest.fixture
def session(tamky, owner):
    session = make(tamky, owner, counts={"party": 10})
    Attendee.objects.create(session=session, full_name="Nguyễn Văn An", group="village")
    return session


@pytest.mark.parametrize(
    ("persona", "status"),
    [("owner", 200), ("ancestor", 200), ("stranger", 404), ("leader", 200), ("anonymous", 401)],
)
def test_reads_by_persona(all_personas, session, persona, status):
    client = all_personas[persona]
    for path in ("", "/history"):
        assert client.get(f"{BASE}/{session.pk}{path}").status_code == status
    listed = client.get(BASE)
    if persona == "anonymous":
        assert listed.status_code == 401
    else:
        assert (session.pk in [s["id"] for s in listed.json()["items"]]) is (status == 200)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("owner", 200), ("ancestor", 200), ("stranger", 404), ("leader", 403), ("anonymous", 401)],
)
def test_writes_by_persona(all_personas, session, persona, status):
    client = all_personas[persona]
    url = f"{BASE}/{session.pk}"
    attendee = session.attendees.get()
    before = state()
    answers = [
        client.patch(url, json.dumps({"place": "Nơi khác"}), content_type="application/json"),
        client.post(f"{url}/transitions", json.dumps({"action": "hold"}), content_type="application/json"),
    ]
    if status == 200:
        assert {a.status_code for a in answers} == {200}
        assert TrainingSession.objects.get(pk=session.pk).status == "held"
        return
    more = [
        client.post(
            f"{url}/attendees",
            json.dumps({"full_name": "A", "group": "party"}),
            content_type="application/json",
        ),
        client.delete(f"{url}/attendees/{attendee.pk}"),
        client.post(f"{url}/materials", {"file": upload("a.pdf", PDF)}),
    ]
    assert {a.status_code for a in [*answers, *more]} == {status}
    assert state() == before
    assert all(a.json()["detail"] for a in [*answers, *more])


@pytest.mark.parametrize(
    ("persona", "status"),
    [("owner", 201), ("ancestor", 201), ("stranger", 404), ("leader", 403), ("anonymous", 401)],
)
def test_who_may_plan_a_session_of_the_ward(all_personas, tamky, persona, status):
    before = state()
    response = all_personas[persona].post(BASE, json.dumps(body_for(tamky)), content_type="application/json")
    assert response.status_code == status
    if status != 201:
        assert state() == before


@pytest.mark.parametrize(
    ("persona", "status"),
    [("owner", 204), ("ancestor", 204), ("stranger", 404), ("leader", 403), ("anonymous", 401)],
)
def test_who_may_remove_attendees_and_materials(all_personas, session, owner, persona, status):
    from danvan.training import services

    material = services.add_material(session, upload("a.pdf", PDF), actor=owner)
    client = all_personas[persona]
    attendee = session.attendees.get()
    answers = [
        client.delete(f"{BASE}/{session.pk}/attendees/{attendee.pk}"),
        client.delete(f"{BASE}/{session.pk}/materials/{material.pk}"),
    ]
    assert {a.status_code for a in answers} == {status}
    assert session.attendees.exists() is (status != 204) and session.materials.exists() is (status != 204)


def test_a_token_acts_with_its_users_grants(owner, stranger, session):
    from django.test import Client

    from danvan.accounts.models import ApiToken

    def token_client(user):
        _token, raw = ApiToken.issue(user, "tests")
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert get_json(token_client(owner), f"{BASE}/{session.pk}")["id"] == session.pk
    assert token_client(stranger).get(f"{BASE}/{session.pk}").status_code == 404


# --- bad input ---------------------------------------------------------------------------------------

BAD_QUERIES = [
    "?limit=0",
    "?limit=501",
    "?offset=-1",
    "?year=1999",
    "?year=abc",
    "?topic=cooking",
    "?level=galaxy",
    "?status=done",
    "?within=abc",
    "?within=999999999",
    "?within=99999999999999999999999",
    "?q=a%00b",
    "/abc",
    "/999999999",
    "/9223372036854775808",
    "/999999999/history",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_queries_are_4xx_with_detail(all_personas, query):
    response = all_personas["ancestor"].get(BASE + query)
    assert 400 <= response.status_code < 500, response.content[:300]
    assert response.json()["detail"]


@pytest.mark.parametrize(
    ("change", "status", "message"),
    [
        ({"title": ""}, 422, None),
        ({"title": "x" * 301}, 422, None),
        ({"title": "a\x00b"}, 422, None),
        ({"topic": "cooking"}, 422, None),
        ({"format": "radio"}, 422, None),
        ({"held_on": "31/12/2026"}, 422, None),
        ({"counts": {"party": -1}}, 422, None),
        ({"counts": {"party": 100_001}}, 422, None),
        ({"counts": {"students": 3}}, 422, None),
        ({"campaign": 999_999}, 422, None),
        ({"organizer": 999_999}, 404, None),
        ({"held_on": "2024-05-01"}, 400, ("%(unit)s was not in force on %(date)s.", "01/05/2024")),
        ({"ends_on": "2020-01-01"}, 400, ("The last day must not be before the first day.", None)),
        (
            {"held": True, "held_on": "2099-01-01"},
            400,
            ("A session is marked held on or after its date.", None),
        ),
    ],
)
def test_bad_bodies_change_nothing(all_personas, tamky, change, status, message):
    before = state()
    answer = send(all_personas["owner"], "post", BASE, body_for(tamky, **change), status)
    assert state() == before and answer["detail"]
    if message:
        msgid, day = message
        expected = vi(msgid, unit=tamky.name, date=day) if day else vi(msgid)
        assert answer["detail"] == expected


def test_bad_patches_and_transitions_change_nothing(all_personas, session, haichau):
    client = all_personas["owner"]
    url = f"{BASE}/{session.pk}"
    before = state()
    send(client, "patch", url, {"title": None}, 422)
    send(client, "patch", url, {"held_on": None}, 422)
    send(client, "post", f"{url}/transitions", {"action": "Hold!"}, 422)
    unknown = send(client, "post", f"{url}/transitions", {"action": "approve"}, 400)
    assert unknown["detail"] == vi("Unknown action “%(action)s”.", action="approve")
    send(client, "post", f"{url}/transitions", {"action": "hold", "held_on": "2099-01-01"}, 400)
    ngọc = Person.objects.get(full_name="Đỗ Thị Ngọc")  # Hải Châu: the owner may not see her
    assert send(client, "post", f"{url}/attendees", {"person": ngọc.pk}, 422)["detail"]
    assert send(client, "post", f"{url}/attendees", {"full_name": "A"}, 400)["detail"] == vi(
        "Choose the group of the attendee."
    )
    bad_file = client.post(f"{url}/materials", {"file": upload("a.exe", b"MZ\x90\x00")})
    assert bad_file.status_code == 400 and bad_file.json()["detail"]
    assert state() == before


def test_the_openapi_describes_the_training_endpoints(all_personas):
    schema = get_json(all_personas["owner"], "/api/v1/openapi.json")
    paths = set(schema["paths"])
    assert {
        "/api/v1/training",
        "/api/v1/training/{session_id}",
        "/api/v1/training/{session_id}/transitions",
        "/api/v1/training/{session_id}/history",
        "/api/v1/training/{session_id}/attendees",
        "/api/v1/training/{session_id}/materials",
    } <= paths
