"""The awards API: what each persona may see and do, what the answers contain, bad input."""

from __future__ import annotations

import io
import json

import docx
import pytest
from django.test import Client

from danvan.awards.models import AwardForm, Decision, DecisionEntry, Proposal
from danvan.initiatives.models import Initiative
from danvan.initiatives.workflow import Status
from tests.api.conftest import get_json
from tests.awards.conftest import CITY_SIGNER, SIGNER, proposal, proposed, unit
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

BASE = "/api/v1/awards"


def send(client, method, url, body, status):
    response = getattr(client, method)(url, json.dumps(body), content_type="application/json")
    assert response.status_code == status, (url, body, response.content[:500])
    if status != 204:
        assert response["Content-Type"].startswith("application/json")
        return response.json()
    return None


@pytest.fixture
def api(all_personas):
    return all_personas


@pytest.fixture
def models(tamky_front, owner, ancestor):
    women = unit("Hội Liên hiệp Phụ nữ phường Tam Kỳ")
    return [
        proposed(tamky_front, owner, ancestor, "Tổ hòa giải ở cơ sở"),
        proposed(women, owner, ancestor, "Chi hội phụ nữ giúp nhau thoát nghèo"),
    ]


def create(client, level, status=201, **extra):
    body = {"kind": "recognition", "level": level.pk, "date": "2026-10-15", **extra}
    return send(client, "post", f"{BASE}/decisions", body, status)


@pytest.fixture
def ward_decision(api, tamky_front, models):
    """A ward draft created, filled and issued through the API by canbo.tamky."""
    client = api["owner"]
    decision = create(client, tamky_front, number=7, **SIGNER)
    ids = [m.pk for m in models]
    send(
        client,
        "post",
        f"{BASE}/decisions/{decision['id']}/entries",
        {"initiatives": ids, "typical": ids[:1]},
        201,
    )
    return decision


# --- a recognition decision, end to end ---------------------------------------------------------------


def test_create_fill_mark_issue_and_read_back(api, tamky_front, models, ward_decision):
    client = api["owner"]
    url = f"{BASE}/decisions/{ward_decision['id']}"
    body = get_json(client, url)
    assert body["status"] == "draft" and body["symbol"] == "7-QĐ/MTTQ"
    assert body["issuing_unit"]["id"] == tamky_front.pk and body["issuing_body"]["id"] == tamky_front.pk
    assert [e["initiative"]["id"] for e in body["entries"]] == [m.pk for m in models]
    assert [e["typical"] for e in body["entries"]] == [True, False]
    assert {a["action"] for a in body["allowed_actions"]} == {"issue"}
    assert all(e["certificate_url"] is None for e in body["entries"])
    second = body["entries"][1]["id"]
    marked = send(client, "patch", f"{url}/entries/{second}", {"typical": True, "proposed": True}, 200)
    assert (marked["typical"], marked["proposed"]) == (True, True)
    send(client, "patch", f"{url}/entries/{second}", {"typical": False, "proposed": True}, 400)
    body = send(client, "post", f"{url}/transitions", {"action": "issue", "comment": "Hội nghị"}, 200)
    assert body["status"] == "issued" and {a["action"] for a in body["allowed_actions"]} == {"revoke"}
    for model in models:
        model.refresh_from_db()
        assert model.status == Status.RECOGNIZED and model.recognized_on.isoformat() == "2026-10-15"
    certificate = client.get(body["entries"][0]["certificate_url"])
    assert certificate.status_code == 200 and certificate["Content-Type"] == "application/pdf"
    assert certificate.content.startswith(b"%PDF")
    history = get_json(client, f"{url}/history")
    assert [e["action"] for e in history["events"]] == ["create", "issue"]
    assert history["events"][1]["comment"] == "Hội nghị"
    assert len(history["entries"]) >= 3 and history["changes"]
    funnel = get_json(client, f"{BASE}/funnel", {"within": tamky_front.pk, "year": 2026})
    assert (funnel["recognized"], funnel["typical"], funnel["proposed"]) == (2, 2, 1)
    document = client.get(body["document_url"])
    assert document.status_code == 200
    read = docx.Document(io.BytesIO(document.content))
    assert "Số 7-QĐ/MTTQ" in "\n".join(c.text for t in read.tables for row in t.rows for c in row.cells)


def test_remove_and_patch_the_header(api, ward_decision):
    client = api["owner"]
    url = f"{BASE}/decisions/{ward_decision['id']}"
    entry = get_json(client, url)["entries"][0]["id"]
    send(client, "delete", f"{url}/entries/{entry}", {}, 204)
    body = send(client, "patch", url, {"subject": "công nhận mô hình (sửa)", "reason": "Góp ý"}, 200)
    assert body["subject"] == "công nhận mô hình (sửa)" and len(body["entries"]) == 1
    assert Decision.history.filter(id=ward_decision["id"]).first().history_change_reason == "Góp ý"


# --- the permission matrix ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona, status",
    [("owner", 200), ("ancestor", 200), ("stranger", 404), ("leader", 200), ("anonymous", 401)],
)
def test_reads_by_persona(api, ward_decision, persona, status):
    client = api[persona]
    url = f"{BASE}/decisions/{ward_decision['id']}"
    for path in ("", "/history"):
        assert client.get(url + path).status_code == status
    assert client.get(f"{url}/document").status_code == status
    listed = client.get(f"{BASE}/decisions")
    if persona == "anonymous":
        assert listed.status_code == 401
    else:
        ids = [d["id"] for d in listed.json()["items"]]
        assert (ward_decision["id"] in ids) is (status == 200)


@pytest.mark.parametrize(
    "persona, status",
    [("owner", 200), ("ancestor", 200), ("stranger", 404), ("leader", 403), ("anonymous", 401)],
)
def test_writes_by_persona(api, ward_decision, persona, status):
    client = api[persona]
    url = f"{BASE}/decisions/{ward_decision['id']}"
    entry = DecisionEntry.objects.filter(decision_id=ward_decision["id"]).first()
    before = list(Decision.objects.values_list("status", "subject")), DecisionEntry.objects.count()
    patch = client.patch(url, json.dumps({"subject": "sửa"}), content_type="application/json")
    mark = client.patch(
        f"{url}/entries/{entry.pk}",
        json.dumps({"typical": True, "proposed": True}),
        content_type="application/json",
    )
    issue = client.post(
        f"{url}/transitions", json.dumps({"action": "issue"}), content_type="application/json"
    )
    assert {patch.status_code, mark.status_code, issue.status_code} == {status}
    if status != 200:
        assert (
            list(Decision.objects.values_list("status", "subject")),
            DecisionEntry.objects.count(),
        ) == before
        assert patch.json()["detail"]


@pytest.mark.parametrize(
    "persona, status", [("owner", 404), ("ancestor", 201), ("stranger", 404), ("leader", 403)]
)
def test_who_may_create_a_city_decision(api, city, persona, status):
    before = Decision.objects.count()
    create(api[persona], city, status)
    assert Decision.objects.count() == before + (status == 201)


def test_a_ward_cannot_list_a_model_of_another_ward(api, tamky_front, haichau, stranger, ancestor):
    client = api["owner"]
    decision = create(client, tamky_front)
    elsewhere = proposed(haichau, stranger, ancestor, "Camera an ninh kết nối cộng đồng")
    body = send(
        client, "post", f"{BASE}/decisions/{decision['id']}/entries", {"initiatives": [elsewhere.pk]}, 400
    )
    assert elsewhere.name in body["detail"]
    assert not DecisionEntry.objects.filter(decision_id=decision["id"]).exists()


# --- commendations, proposals and the catalogue ------------------------------------------------------------


def test_proposals_and_a_commendation(api, city, tamky, catalogue, owner):
    form = catalogue["province_party_board"]
    created = send(
        api["owner"],
        "post",
        f"{BASE}/proposals",
        {
            "proposing_unit": tamky.pk,
            "year": 2026,
            "award_form": form.pk,
            "holder": "individual",
            "recipient_name": "Ông Ngô Văn Sơn",
            "recipient_position": "Bí thư Đảng ủy phường Tam Kỳ",
            "occasion": "Kỷ niệm 95 năm Ngày truyền thống công tác dân vận của Đảng",
            "occasion_date": "2025-10-15",
        },
        201,
    )
    assert created["status"] == "submitted" and created["allowed_actions"][0]["action"] == "withdraw"
    assert get_json(api["stranger"], f"{BASE}/proposals")["count"] == 0
    assert api["stranger"].get(f"{BASE}/proposals/{created['id']}").status_code == 404
    assert [
        p["id"] for p in get_json(api["ancestor"], f"{BASE}/proposals", {"within": tamky.pk})["items"]
    ] == [created["id"]]
    decision = create(
        api["ancestor"],
        city,
        kind="commendation",
        award_form=form.pk,
        issuing_body=city.pk,
        number=245,
        **CITY_SIGNER,
    )
    assert decision["award_form"]["id"] == form.pk
    url = f"{BASE}/decisions/{decision['id']}"
    send(api["ancestor"], "post", f"{url}/entries", {"proposals": [created["id"]]}, 201)
    send(api["ancestor"], "post", f"{url}/transitions", {"action": "issue"}, 200)
    assert get_json(api["owner"], f"{BASE}/proposals/{created['id']}")["status"] == "granted"
    assert get_json(api["owner"], f"{BASE}/funnel", {"within": tamky.pk, "year": 2026})["commended"] == 1
    history = get_json(api["owner"], f"{BASE}/proposals/{created['id']}/history")
    assert len(history) == 2


def test_a_wrong_award_level_is_a_400(api, tamky_front, catalogue):
    body = create(
        api["owner"], tamky_front, 400, kind="commendation", award_form=catalogue["province_chair"].pk
    )
    assert catalogue["province_chair"].name in body["detail"]


def test_withdraw_a_proposal(api, tamky, catalogue, owner):
    made = proposal(tamky, owner, catalogue["commune_party_board"])
    url = f"{BASE}/proposals/{made.pk}/transitions"
    send(api["leader"], "post", url, {"action": "withdraw", "comment": "Rút"}, 403)
    send(api["owner"], "post", url, {"action": "withdraw"}, 400)
    body = send(api["owner"], "post", url, {"action": "withdraw", "comment": "Bổ sung hồ sơ"}, 200)
    assert body["status"] == "withdrawn" and body["status_reason"] == "Bổ sung hồ sơ"


def test_the_catalogue(api, city, tamky, catalogue):
    listed = get_json(api["stranger"], f"{BASE}/forms")
    assert listed["count"] == 6 and listed["items"][0]["province"]["id"] == city.pk
    assert get_json(api["owner"], f"{BASE}/forms", {"within": tamky.pk})["count"] == 6
    body = {
        "province": city.pk,
        "name": "Giấy khen của Ủy ban MTTQ Việt Nam thành phố",
        "grade": "certificate",
        "issuer_type": "fatherland_front",
        "level": "province",
    }
    send(api["owner"], "post", f"{BASE}/forms", body, 404)  # the city is not one of the ward's units
    created = send(api["ancestor"], "post", f"{BASE}/forms", body, 201)
    assert created["issuer_type"] == "fatherland_front"
    patched = send(
        api["ancestor"],
        "patch",
        f"{BASE}/forms/{created['id']}",
        {"active": False, "reason": "Thôi áp dụng"},
        200,
    )
    assert patched["active"] is False
    send(api["ancestor"], "post", f"{BASE}/forms", {**body, "issuer_type": "no_such_type"}, 422)
    assert AwardForm.objects.filter(province=city).count() == 7


# --- bad input ----------------------------------------------------------------------------------------

BAD = [
    "decisions?limit=0",
    "decisions?limit=501",
    "decisions?offset=-1",
    "decisions?kind=award",
    "decisions?status=lost",
    "decisions?year=1999",
    "decisions?year=99999999999999999999",
    "decisions?within=abc",
    "decisions?within=999999999",
    "decisions?within=99999999999999999999999",
    "decisions?q=a%00b",
    "decisions/abc",
    "decisions/999999999",
    "decisions/9223372036854775808",
    "decisions/-1",
    "decisions/999999999/history",
    "decisions/999999999/document",
    "decisions/1/entries/999999999/certificate",
    "funnel",
    "funnel?within=1&year=20",
    "funnel?within=999999999&year=2026",
    "proposals?status=maybe",
    "proposals/999999999",
    "forms?within=abc",
]


@pytest.mark.parametrize("path", BAD)
def test_bad_input_is_a_4xx_with_detail(api, path):
    response = api["ancestor"].get(f"{BASE}/{path}")
    assert 400 <= response.status_code < 500, response.content[:300]
    assert response.json()["detail"]


BAD_BODIES = [
    ({"kind": "award"}, 422),
    ({"level": "x"}, 422),
    ({"level": 999999999}, 404),
    ({"date": "15/10/2026"}, 422),
    ({"number": 0}, 422),
    ({"number": "mười"}, 422),
    ({"subject": "a\x00b"}, 422),
    ({"subject": "x" * 501}, 422),
    ({"issuing_body": 999999999}, 422),
    ({"award_form": 999999999}, 422),
    ({"issuer_code": "b t/g"}, 400),
    ({"signer_authority": "THAY MẶT"}, 400),
    ({"subject": None}, 422),
]


@pytest.mark.parametrize("patch, status", BAD_BODIES)
def test_bad_bodies_change_nothing(api, tamky_front, patch, status):
    before = Decision.objects.count()
    body = {"kind": "recognition", "level": tamky_front.pk, **patch}
    answer = send(api["owner"], "post", f"{BASE}/decisions", body, status)
    assert answer["detail"] and Decision.objects.count() == before


def test_bad_entries_change_nothing(api, ward_decision, models):
    client = api["owner"]
    url = f"{BASE}/decisions/{ward_decision['id']}/entries"
    before = DecisionEntry.objects.count()
    for body, status in (
        ({"initiatives": [999999999]}, 422),
        ({"initiatives": ["x"]}, 422),
        ({"initiatives": []}, 400),
        ({"proposals": [1]}, 400),
        ({"initiatives": [models[0].pk] * 600}, 422),
    ):
        answer = send(client, "post", url, body, status)
        assert answer["detail"]
    assert DecisionEntry.objects.count() == before
    assert Initiative.objects.filter(pk__in=[m.pk for m in models], status=Status.PROPOSED).count() == 2


def test_bearer_token(ward_decision, owner):
    from danvan.accounts.models import ApiToken

    _token, raw = ApiToken.issue(owner, "tests")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert get_json(client, f"{BASE}/decisions/{ward_decision['id']}")["id"] == ward_decision["id"]
    assert client_for(None).get(f"{BASE}/decisions").status_code == 401


def test_openapi_describes_the_downloads(api):
    schema = get_json(api["owner"], "/api/v1/openapi.json")
    document = schema["paths"]["/api/v1/awards/decisions/{decision_id}/document"]["get"]
    assert (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        in document["responses"]["200"]["content"]
    )
    assert Proposal.objects.count() == 0
