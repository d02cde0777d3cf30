"""The initiatives API: what each persona may see and do, what the answers contain, bad input."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given
from hypothesis import settings as fuzz_settings
from hypothesis import strategies as st

from danvan.initiatives import services
from danvan.initiatives.models import Field, Initiative, Topic
from danvan.orgs.models import Campaign
from tests.api.conftest import get_json
from tests.conftest import client_for
from tests.initiatives.conftest import advance, jpeg_bytes, make, upload

pytestmark = pytest.mark.django_db

BASE = "/api/v1/initiatives"


def post(client, url, body, status):
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == status, (url, body, response.content[:400])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def patch(client, url, body, status):
    response = client.patch(url, json.dumps(body), content_type="application/json")
    assert response.status_code == status, (url, body, response.content[:400])
    return response.json()


@pytest.fixture
def token_client():
    """make(user) -> a client that authenticates with a freshly issued bearer token of `user`."""
    from django.test import Client

    from danvan.accounts.models import ApiToken

    def make_client(user):
        _token, raw = ApiToken.issue(user, "tests")
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    return make_client


@pytest.fixture
def leader_client(db):
    return client_for(get_user_model().objects.get(username="lanhdao.danang"))


def registration(unit, **extra) -> dict:
    return {
        "owner_unit": unit.pk,
        "name": "Dân vận khéo trong vận động hiến đất làm đường",
        "field": "economy",
        "topics": ["land_clearance", "grassroots_democracy"],
        "year": 2026,
        "content": "Vận động hộ dân hiến đất mở rộng đường kiệt.",
        "funding_planned": 150_000_000,
        "workdays_planned": 600,
        "start_date": "2026-03-15",
        "evaluation_date": "2026-12-15",
        **extra,
    }


# --- the permission matrix: every endpoint, four personas ---------------------------------------


@pytest.mark.parametrize(
    "persona, status", [("owner", 200), ("ancestor", 200), ("stranger", 404), ("anonymous", 401)]
)
def test_reading_one_model(personas, registered, persona, status):
    client = personas[persona]
    for suffix in ("", "/history", "/progress", "/evidence", "/lineage"):
        response = client.get(f"{BASE}/{registered.pk}{suffix}")
        assert response.status_code == status, (suffix, response.content[:300])
        assert response["Content-Type"].startswith("application/json")
        assert "detail" in response.json() or status == 200


@pytest.mark.parametrize("persona, sees", [("owner", True), ("ancestor", True), ("stranger", False)])
def test_list_shows_only_what_the_caller_may_see(personas, registered, persona, sees):
    body = get_json(personas[persona], BASE, {"limit": 500})
    assert (registered.pk in {i["id"] for i in body["items"]}) is sees
    assert body["count"] >= len(body["items"])


@pytest.mark.parametrize("url", [BASE, f"{BASE}/fields", f"{BASE}/topics", f"{BASE}/1", f"{BASE}/1/history"])
def test_anonymous_gets_401(url):
    from django.test import Client

    response = Client().get(url)
    assert response.status_code == 401
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "persona, status", [("owner", 201), ("ancestor", 201), ("stranger", 404), ("anonymous", 401)]
)
def test_registering_in_the_owner_unit(personas, tamky, persona, status):
    body = post(personas[persona], BASE, registration(tamky), status)
    if status == 201:
        assert Initiative.objects.get(pk=body["id"]).owner_unit == tamky


def test_a_leader_sees_but_may_not_register_or_change(leader_client, tamky, registered):
    get_json(leader_client, f"{BASE}/{registered.pk}")
    post(leader_client, BASE, registration(tamky), 403)
    patch(leader_client, f"{BASE}/{registered.pk}", {"name": "Khác"}, 403)
    post(leader_client, f"{BASE}/{registered.pk}/transitions", {"action": "start"}, 403)
    post(leader_client, f"{BASE}/{registered.pk}/progress", {"narrative": "x"}, 403)
    assert Initiative.objects.get(pk=registered.pk).name == registered.name


@pytest.mark.parametrize(
    "persona, status", [("owner", 200), ("ancestor", 200), ("stranger", 404), ("anonymous", 401)]
)
def test_editing(personas, registered, persona, status):
    patch(
        personas[persona], f"{BASE}/{registered.pk}", {"goals": "Mục tiêu mới", "reason": "Bổ sung"}, status
    )
    registered.refresh_from_db()
    assert (registered.goals == "Mục tiêu mới") is (status == 200)


@pytest.mark.parametrize(
    "persona, status", [("owner", 200), ("ancestor", 200), ("stranger", 404), ("anonymous", 401)]
)
def test_transition(personas, registered, persona, status):
    post(personas[persona], f"{BASE}/{registered.pk}/transitions", {"action": "start"}, status)
    registered.refresh_from_db()
    assert (registered.status == "in_progress") is (status == 200)


def test_only_the_standing_agency_recognizes(personas, registered, owner, ancestor):
    proposed = advance(registered, owner, ancestor, "proposed")
    url = f"{BASE}/{proposed.pk}/transitions"
    post(personas["owner"], url, {"action": "recognize"}, 403)
    body = post(personas["ancestor"], url, {"action": "recognize", "comment": "Đạt"}, 200)
    assert body["status"] == "recognized"
    assert body["recognized_level"]["id"] in {u.pk for u in services.recognition_levels(proposed, ancestor)}
    assert body["recognized_on"]


@pytest.mark.parametrize(
    "persona, status", [("owner", 201), ("ancestor", 201), ("stranger", 404), ("anonymous", 401)]
)
def test_posting_progress(personas, registered, persona, status):
    post(personas[persona], f"{BASE}/{registered.pk}/progress", {"narrative": "Ra quân"}, status)
    assert registered.progress_updates.count() == (1 if status == 201 else 0)


@pytest.mark.parametrize(
    "persona, status", [("owner", 201), ("ancestor", 201), ("stranger", 404), ("anonymous", 401)]
)
def test_uploading_evidence(personas, registered, persona, status):
    response = personas[persona].post(
        f"{BASE}/{registered.pk}/evidence", {"file": upload("anh.jpg", jpeg_bytes()), "caption": "Ra quân"}
    )
    assert response.status_code == status, response.content[:300]
    assert registered.evidence.count() == (1 if status == 201 else 0)


@pytest.mark.parametrize(
    "persona, status", [("owner", 404), ("ancestor", 201), ("stranger", 404), ("anonymous", 401)]
)
def test_replicating_to_another_commune(personas, recognized, haichau, persona, status):
    # the owner may not see Hải Châu, the stranger may not see the model: both do not exist for them
    post(personas[persona], f"{BASE}/{recognized.pk}/replicate", {"unit": haichau.pk}, status)
    assert recognized.replicas.count() == (1 if status == 201 else 0)


def test_replicating_within_the_owners_subtree(personas, recognized, tamky_gov):
    body = post(personas["owner"], f"{BASE}/{recognized.pk}/replicate", {"unit": tamky_gov.pk}, 201)
    assert body["owner_unit"]["id"] == tamky_gov.pk and body["replicated_from_id"] == recognized.pk


@pytest.mark.parametrize("persona", ["owner", "ancestor", "stranger"])
def test_reference_lists(personas, persona):
    fields = get_json(personas[persona], f"{BASE}/fields")
    assert {"economy", "culture_society", "defence_security", "political_system"} <= {
        f["code"] for f in fields["items"]
    }
    assert fields["count"] == len(fields["items"]) == Field.objects.filter(active=True).count()
    topics = get_json(personas[persona], f"{BASE}/topics")
    assert "land_clearance" in {t["code"] for t in topics["items"]}
    assert topics["count"] == Topic.objects.filter(active=True).count()


# --- tokens -------------------------------------------------------------------------------------


def test_bearer_token_carries_the_users_permissions(token_client, owner, stranger, tamky, registered):
    client = token_client(owner)
    created = post(client, BASE, registration(tamky, name="Mô hình qua API"), 201)  # no CSRF with a token
    get_json(client, f"{BASE}/{created['id']}")
    post(client, f"{BASE}/{created['id']}/transitions", {"action": "register"}, 200)
    other = token_client(stranger)
    get_json(other, f"{BASE}/{registered.pk}", status=404)
    post(other, f"{BASE}/{registered.pk}/transitions", {"action": "start"}, 404)
    assert registered.pk not in {i["id"] for i in get_json(other, BASE, {"limit": 500})["items"]}


def test_a_bad_token_is_401(tamky):
    from django.test import Client

    client = Client(HTTP_AUTHORIZATION="Bearer dv_not-a-token")
    assert client.get(BASE).status_code == 401
    response = client.post(BASE, json.dumps(registration(tamky)), content_type="application/json")
    assert response.status_code == 401


def test_session_writes_need_the_csrf_token(owner, tamky):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post(BASE, json.dumps(registration(tamky)), content_type="application/json")
    assert response.status_code in (401, 403)
    assert not Initiative.objects.filter(name=registration(tamky)["name"]).exists()


# --- what the answers contain -------------------------------------------------------------------


def test_registration_answer(personas, tamky):
    client = personas["owner"]
    body = post(client, BASE, registration(tamky, holder="individual", holder_name="Nguyễn Văn A"), 201)
    assert body["status"] == "draft" and body["status_label"]
    assert body["owner_unit"] == {"id": tamky.pk, "name": tamky.name}
    assert body["field"]["code"] == "economy"
    assert {t["code"] for t in body["topics"]} == {"land_clearance", "grassroots_democracy"}
    assert body["funding_planned"] == 150_000_000 and body["workdays_planned"] == 600
    assert body["start_date"] == "2026-03-15" and body["evaluation_date"] == "2026-12-15"
    assert body["created_by"] == "canbo.tamky"
    assert body["area"]["id"] == tamky.area_id  # defaults to the owner's area
    assert [a["action"] for a in body["allowed_actions"]] == ["register", "discontinue"]
    assert body["can_edit"] is True
    assert body["years"][0]["year"] == 2026
    submitted = post(client, BASE, registration(tamky, name="Đăng ký ngay", submit=True), 201)
    assert submitted["status"] == "registered"


def test_transition_answers_with_the_new_status_and_next_actions(personas, registered):
    body = post(personas["owner"], f"{BASE}/{registered.pk}/transitions", {"action": "start"}, 200)
    assert body["status"] == "in_progress" and body["status_label"]
    assert {a["action"] for a in body["allowed_actions"]} == {"propose", "discontinue"}
    body = post(personas["ancestor"], f"{BASE}/{registered.pk}/transitions", {"action": "start"}, 400)
    assert body["detail"]  # not possible twice: a Vietnamese (or English) sentence


def test_recognition_levels_are_offered_and_checked(personas, registered, owner, ancestor, city, haichau):
    proposed = advance(registered, owner, ancestor, "proposed")
    detail = get_json(personas["ancestor"], f"{BASE}/{proposed.pk}")
    recognize = next(a for a in detail["allowed_actions"] if a["action"] == "recognize")
    assert recognize["needs_level"] and city.pk in {u["id"] for u in recognize["levels"]}
    url = f"{BASE}/{proposed.pk}/transitions"
    post(personas["ancestor"], url, {"action": "recognize", "level": haichau.pk}, 400)  # not above the owner
    body = post(personas["ancestor"], url, {"action": "recognize", "level": city.pk}, 200)
    assert body["recognized_level"] == {"id": city.pk, "name": city.name}


def test_history_says_who_when_what_why(personas, registered):
    client = personas["owner"]
    patch(
        client,
        f"{BASE}/{registered.pk}",
        {"goals": "100% hộ dân phân loại rác", "reason": "Bổ sung mục tiêu"},
        200,
    )
    patch(client, f"{BASE}/{registered.pk}", {"topics": ["environment", "social_security"]}, 200)
    post(
        client, f"{BASE}/{registered.pk}/transitions", {"action": "discontinue", "comment": "Trùng lặp"}, 200
    )
    body = get_json(personas["ancestor"], f"{BASE}/{registered.pk}/history")
    steps = body["transitions"]
    assert [s["action"] for s in steps] == ["create", "register", "discontinue"]
    last = steps[-1]
    assert last["actor"] == "canbo.tamky" and last["actor_name"] == "Lê Văn Bình"
    assert last["comment"] == "Trùng lặp" and last["from_status"] == "registered"
    assert last["to_status"] == "discontinued" and last["action_label"] and last["at"]
    reasons = [c["reason"] for c in body["changes"]]
    assert "Bổ sung mục tiêu" in reasons and "Trùng lặp" in reasons
    edit = next(c for c in body["changes"] if c["reason"] == "Bổ sung mục tiêu")
    assert edit["user"] == "canbo.tamky" and any("100% hộ dân" in change for change in edit["changes"])


def test_progress_and_its_totals(personas, registered):
    client = personas["owner"]
    url = f"{BASE}/{registered.pk}/progress"
    first = {
        "reported_on": "2026-01-10",
        "narrative": "Ra quân",
        "people_reached": 320,
        "money_mobilized": 1_500_000,
    }
    body = post(client, url, first, 201)
    assert body["reported_on"] == "2026-01-10" and body["money_mobilized"] == 1_500_000
    assert body["created_by"] == "canbo.tamky" and body["evidence"] == []
    post(client, url, {"narrative": "Đợt 2", "people_reached": 80, "land_donated_m2": 12.5}, 201)
    listed = get_json(client, url)
    assert listed["count"] == 2
    assert [p["narrative"] for p in listed["items"]] == ["Đợt 2", "Ra quân"]  # newest first
    paged = get_json(client, url + "?limit=1&offset=1")
    assert paged["count"] == 2 and [p["narrative"] for p in paged["items"]] == ["Ra quân"]
    totals = get_json(client, f"{BASE}/{registered.pk}")["totals"]
    assert totals["people_reached"] == 400 and totals["money_mobilized"] == 1_500_000
    assert totals["land_donated_m2"] == 12.5


def test_evidence_is_listed_with_a_permission_checked_download(personas, registered):
    client = personas["owner"]
    progress = post(client, f"{BASE}/{registered.pk}/progress", {"narrative": "Ra quân"}, 201)
    response = client.post(
        f"{BASE}/{registered.pk}/evidence",
        {
            "file": upload("ra-quan.jpg", jpeg_bytes()),
            "caption": "Ra quân",
            "progress_update": progress["id"],
        },
    )
    assert response.status_code == 201, response.content[:300]
    item = response.json()
    assert item["kind"] == "photo" and item["has_thumbnail"] and item["progress_update_id"] == progress["id"]
    assert item["original_name"] == "ra-quan.jpg" and item["uploaded_by"] == "canbo.tamky"
    listed = get_json(personas["ancestor"], f"{BASE}/{registered.pk}/evidence")
    assert listed["count"] == 1 and [e["id"] for e in listed["items"]] == [item["id"]]
    updates = get_json(client, f"{BASE}/{registered.pk}/progress")
    assert updates["count"] == 1 and updates["items"][0]["evidence"][0]["id"] == item["id"]
    path = item["url"].replace("http://testserver", "")
    assert path.startswith("/initiatives/evidence/")
    assert personas["owner"].get(path).status_code == 200
    assert personas["ancestor"].get(path).status_code == 200
    assert personas["stranger"].get(path).status_code == 404
    assert personas["owner"].get(item["thumbnail_url"].replace("http://testserver", "")).status_code == 200


def test_lineage_shows_where_a_model_spread(personas, recognized, haichau):
    replica = post(personas["ancestor"], f"{BASE}/{recognized.pk}/replicate", {"unit": haichau.pk}, 201)
    for url in (f"{BASE}/{recognized.pk}/lineage", f"{BASE}/{replica['id']}/lineage"):
        body = get_json(personas["ancestor"], url)
        assert body["root"]["id"] == recognized.pk and body["root"]["depth"] == 0
        assert [(i["id"], i["depth"]) for i in body["items"]] == [(replica["id"], 1)]
        assert (
            body["items"][0]["owner_unit"] == haichau.name
            and body["items"][0]["created_by"] == "canbo.danang"
        )
    # the owner sees where its model spread, but cannot open the replica of an unrelated commune
    body = get_json(personas["owner"], f"{BASE}/{recognized.pk}/lineage")
    assert body["root"]["visible"] and body["root"]["status"] == "replicated"
    hidden = body["items"][0]
    assert hidden["visible"] is False and hidden["id"] is None and hidden["name"] is None
    assert hidden["owner_unit"] == haichau.name
    # and the replica's unit sees its own model, with its source's unit only
    body = get_json(personas["stranger"], f"{BASE}/{replica['id']}/lineage")
    assert body["root"]["visible"] is False and body["items"][0]["id"] == replica["id"]


def test_filters(personas, tamky, haichau, owner, stranger, ancestor):
    campaign = Campaign.objects.get(name__contains="Đà Nẵng giai đoạn 2026–2030")
    economy = Field.objects.get(code="economy")
    land = Topic.objects.get(code="land_clearance")
    a = make(tamky, owner, "Khu dân cư không rác thải nhựa", year=2026, campaign=campaign)
    a.topics.set([land])
    b = make(tamky, owner, "Điển hình hiến đất làm đường", field=economy, year=2025, submit=False)
    b.kind, b.holder, b.holder_name = "exemplar", "individual", "Nguyễn Văn A"
    b.save()
    c = make(haichau, stranger, "Tuyến phố văn minh", year=2026)
    client = personas["ancestor"]

    def ids(**params):
        return {i["id"] for i in get_json(client, BASE, {"limit": 500, **params})["items"]}

    assert {a.pk, b.pk} <= ids(within=tamky.pk) and c.pk not in ids(within=tamky.pk)
    assert b.pk in ids(field="economy") and a.pk not in ids(field="economy")
    assert ids(topic="land_clearance") & {a.pk, b.pk, c.pk} == {a.pk}
    assert b.pk in ids(kind="exemplar") and a.pk not in ids(kind="exemplar")
    assert b.pk in ids(holder="individual") and a.pk not in ids(holder="individual")
    assert b.pk in ids(status="draft") and a.pk not in ids(status="draft")
    assert a.pk in ids(year=2026) and b.pk not in ids(year=2026)
    assert a.pk in ids(campaign=campaign.pk) and c.pk not in ids(campaign=campaign.pk)
    assert a.pk in ids(q="khu dan cu KHONG rac") and b.pk not in ids(q="khu dan cu")
    assert ids(q="hiến đất", within=tamky.pk, year=2025) & {a.pk, b.pk, c.pk} == {b.pk}
    assert ids(field="no_such_field") == set()
    page = get_json(client, BASE, {"within": tamky.pk, "limit": 1, "offset": 1})
    assert len(page["items"]) == 1 and page["count"] >= 2


def test_within_a_unit_the_caller_may_not_see_is_404(personas, city):
    get_json(personas["stranger"], BASE, {"within": city.pk}, status=404)


def test_within_includes_the_former_units_the_ward_succeeded(personas, former_model, tamky):
    ids = {i["id"] for i in get_json(personas["owner"], BASE, {"within": tamky.pk, "limit": 500})["items"]}
    assert former_model.pk in ids


# --- constant queries ---------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


@pytest.mark.parametrize("params", ["", "&q=mo%20hinh", "&topic=environment", "&status=registered"])
def test_the_list_runs_a_constant_number_of_queries(personas, tamky, owner, params):
    topics = list(Topic.objects.filter(code__in=["environment", "social_security"]))
    for i in range(24):
        model = make(tamky, owner, f"Mô hình số {i}", campaign=None)
        model.topics.set(topics)
    client = personas["ancestor"]
    url = f"{BASE}?within={tamky.pk}&limit={{n}}{params}"
    few = get_json(client, url.format(n=3))
    many = get_json(client, url.format(n=24))
    assert len(few["items"]) == 3 and len(many["items"]) == 24
    _queries(client, url.format(n=3))  # warm per-process caches
    assert _queries(client, url.format(n=24)) == _queries(client, url.format(n=3))


# --- bad input: 4xx with a detail, never a 5xx --------------------------------------------------

BAD_LISTS = [
    "limit=0",
    "limit=501",
    "limit=ten",
    "offset=-1",
    "within=abc",
    "within=0",
    "within=99999999999999999999999",
    "within=999999999",
    "field=a%00b",
    "field=%F0%9F%98%80",
    "topic=x%20or%201",
    "kind=model%00",
    "kind=everything",
    "holder=team",
    "status=finished",
    "year=abc",
    "year=1999",
    "year=99999999999999999999",
    "campaign=-1",
    "campaign=abc",
]


@pytest.mark.parametrize("query", BAD_LISTS)
def test_bad_list_parameters(personas, query):
    response = personas["ancestor"].get(f"{BASE}?{query}")
    assert 400 <= response.status_code < 500, response.content[:300]
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "query", ["q=%00", "q=%25", "q=_", "q=" + "a" * 3000, "q=%F0%9F%98%80", "campaign=999999"]
)
def test_odd_but_valid_list_parameters(personas, query):
    body = get_json(personas["ancestor"], f"{BASE}?{query}")
    assert set(body) == {"count", "items"}


@pytest.mark.parametrize(
    "path",
    [
        "abc",
        "1.5",
        "-1",
        "0",
        "999999999",
        "9223372036854775808",
        "99999999999999999999999",
        "999999999/history",
    ],
)
def test_bad_ids(personas, path):
    response = personas["ancestor"].get(f"{BASE}/{path}")
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


BAD_BODIES = [
    ({"name": ""}, 422),
    ({"name": "x" * 301}, 422),
    ({"name": "a\x00b"}, 422),
    ({"name": None}, 422),
    ({"year": 1999}, 422),
    ({"year": "năm nay"}, 422),
    ({"field": "no_such_field"}, 422),
    ({"field": "a\x00"}, 422),
    ({"topics": ["no_such_topic"]}, 422),
    ({"topics": "environment"}, 422),
    ({"kind": "anything"}, 422),
    ({"funding_planned": -1}, 422),
    ({"funding_planned": 1.5}, 422),
    ({"funding_planned": 10**16}, 422),
    ({"workdays_planned": 2**40}, 422),
    ({"start_date": "2026-02-30"}, 422),
    ({"start_date": "15/03/2026"}, 422),
    ({"latitude": 99}, 422),
    ({"campaign": 999999999}, 422),
    ({"area": 999999999}, 422),
    ({"content": "a\x00"}, 422),
    ({"owner_unit": 999999999}, 404),
    ({"owner_unit": "abc"}, 422),
    ({"holder": "individual", "holder_name": ""}, 400),
    ({"start_date": "2026-05-01", "evaluation_date": "2026-01-01"}, 400),
    ({"year": 2024, "campaign": "CAMPAIGN"}, 400),  # the 2026–2030 campaign does not cover 2024
]


@pytest.mark.parametrize("change, status", BAD_BODIES)
def test_bad_registrations_change_nothing(personas, tamky, change, status):
    before = Initiative.objects.count()
    if change.get("campaign") == "CAMPAIGN":
        change = {**change, "campaign": Campaign.objects.get(name__contains="2026–2030").pk}
    body = post(personas["owner"], BASE, registration(tamky, **change), status)
    assert isinstance(body["detail"], str) and body["detail"]
    assert Initiative.objects.count() == before


@pytest.mark.parametrize("raw", [b"{", b"[]", b"null", b'{"owner_unit": 1}', b"\xff\xfe"])
def test_malformed_json(personas, raw):
    response = personas["owner"].post(BASE, raw, content_type="application/json")
    assert response.status_code in (400, 422), response.content[:300]


@pytest.mark.parametrize(
    "change",
    [
        {"name": None},
        {"name": ""},
        {"field": None},
        {"year": None},
        {"content": None},
        {"topics": None},
        {"kind": "x"},
        {"field": "nope"},
        {"goals": "\x00"},
    ],
)
def test_bad_edits(personas, registered, change):
    body = patch(personas["owner"], f"{BASE}/{registered.pk}", change, 422)
    assert body["detail"]
    registered.refresh_from_db()
    assert registered.name and registered.field_id


def test_editing_a_recognized_model_is_refused(personas, recognized):
    patch(personas["ancestor"], f"{BASE}/{recognized.pk}", {"name": "Đổi tên"}, 400)


def test_editing_with_null_for_a_nullable_field_empties_it(personas, registered):
    registered.workdays_planned = 10
    registered.save()
    patch(personas["owner"], f"{BASE}/{registered.pk}", {"workdays_planned": None}, 200)
    registered.refresh_from_db()
    assert registered.workdays_planned is None


@pytest.mark.parametrize(
    "body, status",
    [
        ({"action": "fly"}, 400),
        ({"action": "a\x00"}, 422),
        ({"action": ""}, 422),
        ({}, 422),
        ({"action": "discontinue"}, 400),  # needs a reason
        ({"action": "discontinue", "comment": "   "}, 400),
        ({"action": "recognize"}, 400),  # not proposed yet
        ({"action": "start", "level": 999999999}, 422),
        ({"action": "start", "comment": "x\x00"}, 422),
    ],
)
def test_bad_transitions(personas, registered, body, status):
    post(personas["ancestor"], f"{BASE}/{registered.pk}/transitions", body, status)
    registered.refresh_from_db()
    assert registered.status == "registered"


@pytest.mark.parametrize(
    "body, status",
    [
        ({}, 422),
        ({"narrative": ""}, 422),
        ({"narrative": "   "}, 400),
        ({"narrative": "x", "reported_on": "2999-01-01"}, 400),
        ({"narrative": "x", "people_reached": -5}, 422),
        ({"narrative": "x", "land_donated_m2": 1.25}, 422),
        ({"narrative": "x", "money_mobilized": "nhiều"}, 422),
        ({"narrative": "x\x00"}, 422),
    ],
)
def test_bad_progress(personas, registered, body, status):
    post(personas["owner"], f"{BASE}/{registered.pk}/progress", body, status)
    assert registered.progress_updates.count() == 0


def test_progress_of_a_draft_is_refused(personas, draft):
    post(personas["owner"], f"{BASE}/{draft.pk}/progress", {"narrative": "x"}, 400)


@pytest.mark.parametrize(
    "data, status",
    [
        ({}, 422),
        ({"file": ("ghi-chu.txt", b"just text")}, 400),
        ({"file": ("gia.jpg", b"\xff\xd8\xff\xe0 not really a jpeg")}, 400),
        ({"file": ("empty.pdf", b"")}, 400),
        ({"file": ("a.jpg", "JPEG"), "caption": "x" * 300}, 422),
        ({"file": ("a.jpg", "JPEG"), "progress_update": 999999999}, 422),
        ({"file": ("a.jpg", "JPEG"), "progress_update": "abc"}, 422),
    ],
)
def test_bad_evidence(personas, registered, data, status):
    form = dict(data)
    if "file" in form:
        name, content = form["file"]
        form["file"] = upload(name, jpeg_bytes() if content == "JPEG" else content)
    response = personas["owner"].post(f"{BASE}/{registered.pk}/evidence", form)
    assert response.status_code == status, response.content[:300]
    assert response.json()["detail"]
    assert registered.evidence.count() == 0


def test_evidence_of_a_progress_update_of_another_model_is_refused(personas, registered, tamky, owner):
    other = make(tamky, owner, "Mô hình khác")
    update = services.add_progress(other, {"narrative": "x"}, actor=owner)
    response = personas["owner"].post(
        f"{BASE}/{registered.pk}/evidence",
        {"file": upload("a.jpg", jpeg_bytes()), "progress_update": update.pk},
    )
    assert response.status_code == 422


@pytest.mark.parametrize(
    "body, status",
    [
        ({}, 422),
        ({"unit": "abc"}, 422),
        ({"unit": 999999999}, 404),
        ({"unit": "SAME"}, 400),  # to its own unit
        ({"unit": "OTHER", "year": 1999}, 422),
    ],
)
def test_bad_replications(personas, recognized, haichau, body, status):
    body = {**body}
    if body.get("unit") == "SAME":
        body["unit"] = recognized.owner_unit_id
    elif body.get("unit") == "OTHER":
        body["unit"] = haichau.pk
    post(personas["ancestor"], f"{BASE}/{recognized.pk}/replicate", body, status)
    assert recognized.replicas.count() == 0


def test_only_recognized_models_are_replicated(personas, registered, haichau):
    post(personas["ancestor"], f"{BASE}/{registered.pk}/replicate", {"unit": haichau.pk}, 400)


def test_openapi_documents_the_endpoints(personas):
    schema = get_json(personas["owner"], "/api/v1/openapi.json")
    paths = schema["paths"]
    for path in (
        BASE,
        f"{BASE}/{{initiative_id}}",
        f"{BASE}/{{initiative_id}}/transitions",
        f"{BASE}/{{initiative_id}}/history",
        f"{BASE}/{{initiative_id}}/progress",
        f"{BASE}/{{initiative_id}}/evidence",
        f"{BASE}/{{initiative_id}}/replicate",
        f"{BASE}/{{initiative_id}}/lineage",
        f"{BASE}/fields",
        f"{BASE}/topics",
    ):
        assert path in paths, path


# --- fuzzing: whatever the body, a 4xx or a success, never a 5xx -------------------------------

ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        ["", "\x00", "economy", "environment", "2026-02-30", "2026-03-15", "NaN", "1e400", "draft"]
    ),
    st.lists(st.text(max_size=10), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
KEYS = st.sampled_from(
    [
        "owner_unit",
        "name",
        "kind",
        "holder",
        "holder_name",
        "field",
        "topics",
        "campaign",
        "year",
        "content",
        "funding_planned",
        "workdays_planned",
        "start_date",
        "evaluation_date",
        "area",
        "latitude",
        "longitude",
        "submit",
        "reason",
        "action",
        "comment",
        "level",
        "narrative",
        "reported_on",
        "people_reached",
        "money_mobilized",
        "land_donated_m2",
        "unit",
        "year",
    ]
)


@fuzz_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.dictionaries(KEYS, ODD, max_size=8),
    endpoint=st.sampled_from(["", "/transitions", "/progress", "/replicate", "PATCH"]),
)
def test_no_body_yields_a_server_error(personas, recognized, tamky, body, endpoint):
    client = personas["ancestor"]
    if endpoint == "":
        body = {**registration(tamky), **body}
    try:
        raw = json.dumps(body)
    except ValueError:
        return
    if endpoint == "PATCH":
        response = client.patch(f"{BASE}/{recognized.pk}", raw, content_type="application/json")
    else:
        url = BASE if endpoint == "" else f"{BASE}/{recognized.pk}{endpoint}"
        response = client.post(url, raw, content_type="application/json")
    assert response.status_code < 500, (endpoint, body, response.content[:300])
    assert response["Content-Type"].startswith("application/json")


def test_fields_and_topics_no_longer_in_use(personas, tamky, registered):
    Field.objects.filter(code="culture_society").update(active=False)
    Topic.objects.filter(code="environment").update(active=False)
    post(personas["owner"], BASE, registration(tamky, field="culture_society"), 422)
    post(personas["owner"], BASE, registration(tamky, topics=["environment"]), 422)
    assert "culture_society" not in {
        f["code"] for f in get_json(personas["owner"], f"{BASE}/fields")["items"]
    }
    # a model that already has them keeps them when edited
    registered.topics.set(Topic.objects.filter(code="environment"))
    url = f"{BASE}/{registered.pk}"
    body = patch(
        personas["owner"], url, {"field": "culture_society", "topics": ["environment"], "goals": "x"}, 200
    )
    assert body["field"]["code"] == "culture_society" and [t["code"] for t in body["topics"]] == [
        "environment"
    ]
