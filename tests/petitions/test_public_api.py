"""The public petitions API (/api/v1/public/petitions): no account, plain JSON. The whole flow
(send → code → track → an officer answers → the citizen confirms or reopens), routing, limits per
address, bad input (a clear Vietnamese `detail`, nothing stored), and what it never returns."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.utils import timezone, translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from danvan.core.services import ServiceError
from danvan.geo.models import Area, AreaLevel, Era
from danvan.orgs.models import Unit
from danvan.petitions import services
from danvan.petitions.models import Petition, PetitionAttachment, PetitionEvent
from danvan.petitions.workflow import PetitionStatus
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

S = PetitionStatus
BASE = "/api/v1/public/petitions"
NAME, PHONE, EMAIL, ID_NUMBER = "Võ Minh Khang", "0905111222", "khang.vo@example.vn", "049201009876"
ADDRESS = "Khối phố Mỹ Thạch Bắc, phường Tam Kỳ"
REPLY = "Ủy ban nhân dân phường đã chỉ đạo sửa đèn chiếu sáng trong tháng này."


def vi(msgid: str, **params) -> str:
    with translation.override("vi"):
        text = translation.gettext(msgid)
    return text % params if params else text


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def handler(db):
    return get_user_model().objects.get(username="tiepdan.tamky")


@pytest.fixture
def ward(db):
    return Area.objects.get(name="Phường Tam Kỳ", level=AreaLevel.COMMUNE, era=Era.CURRENT)


def body(ward, **changes) -> dict:
    data = {
        "kind": "recommendation",
        "topic": "construction",
        "subject": "Đèn đường hỏng trên đường Phan Bội Châu",
        "content": "Ba cột đèn trước số nhà 120 hỏng hơn một tháng, buổi tối rất tối.",
        "location": "Đường Phan Bội Châu",
        "area": ward.pk,
        "petitioners": [
            {"name": NAME, "phone": PHONE, "email": EMAIL, "address": ADDRESS, "id_number": ID_NUMBER}
        ],
    }
    data.update(changes)
    return data


def post(client, url, data, status):
    response = client.post(url, json.dumps(data), content_type="application/json")
    assert response.status_code == status, (url, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def state():
    return Petition.objects.count(), PetitionEvent.objects.count(), PetitionAttachment.objects.count()


# --- the whole flow -------------------------------------------------------------------------------


def test_send_track_answer_confirm(ward, handler):
    citizen = Client()
    sent = post(citizen, BASE, body(ward), 201)
    assert set(sent) == {"code", "status", "status_label", "received_on", "due_on", "unit", "tracking_url"}
    petition = Petition.objects.get(code=sent["code"])
    assert sent["status"] == "received"
    assert sent["received_on"] == timezone.localdate().isoformat()
    assert sent["due_on"] == petition.due_on.isoformat()
    assert sent["unit"] == "Ủy ban nhân dân phường Tam Kỳ"
    assert sent["tracking_url"].endswith(f"/public/petitions/track/{sent['code']}/")
    assert petition.unit == Unit.objects.get(name="Ủy ban nhân dân phường Tam Kỳ")
    assert petition.channel == "online" and petition.petitioners[0]["name"] == NAME

    tracked = get(citizen, f"{BASE}/{sent['code']}")
    assert tracked["status"] == "received" and tracked["due_on"] == sent["due_on"]
    assert tracked["kind"] == "recommendation" and tracked["subject"] == body(ward)["subject"]
    assert tracked["awaiting_feedback"] is False and tracked["question"] is None
    assert [e["status"] for e in tracked["events"]] == ["received"]
    assert tracked["events"][0]["date"] == sent["received_on"]

    services.transition(petition, "answer", actor=handler, reply=REPLY, comment="Nội bộ: đã báo Điện lực.")
    tracked = get(citizen, f"{BASE}/{sent['code']}")
    assert tracked["status"] == "resolved" and tracked["due_on"] is None
    assert tracked["awaiting_feedback"] is True
    assert tracked["question"] == vi("Has your problem been resolved?")
    assert tracked["events"][-1]["reply"] == REPLY
    assert "Nội bộ" not in json.dumps(tracked, ensure_ascii=False)

    closed = post(citizen, f"{BASE}/{sent['code']}/feedback", {"resolved": True}, 200)
    assert (
        closed["status"] == "closed" and closed["satisfied"] is True and closed["awaiting_feedback"] is False
    )
    petition.refresh_from_db()
    assert petition.status == S.CLOSED


def test_reopen_needs_an_explanation(ward, handler):
    citizen = Client()
    code = post(citizen, BASE, body(ward), 201)["code"]
    petition = Petition.objects.get(code=code)
    services.transition(petition, "answer", actor=handler, reply=REPLY)
    before = state()
    refused = post(citizen, f"{BASE}/{code}/feedback", {"resolved": False}, 400)
    assert refused["detail"] == vi("Explain what is still not resolved.")
    assert state() == before
    reopened = post(
        citizen,
        f"{BASE}/{code}/feedback",
        {"resolved": False, "explanation": "Mới sửa một cột, còn hai cột."},
        200,
    )
    assert reopened["status"] == "received" and reopened["satisfied"] is False
    assert reopened["due_on"] is not None
    petition.refresh_from_db()
    assert petition.reopened == 1 and petition.feedback == "Mới sửa một cột, còn hai cột."


def test_feedback_before_it_is_resolved_changes_nothing(ward):
    citizen = Client()
    code = post(citizen, BASE, body(ward), 201)["code"]
    before = state()
    for answer in ({"resolved": True}, {"resolved": False, "explanation": "Chưa ai trả lời."}):
        refused = post(citizen, f"{BASE}/{code}/feedback", answer, 400)
        assert refused["detail"] == vi("This petition is not waiting for your answer.")
    assert state() == before
    assert Petition.objects.get(code=code).status == S.RECEIVED


def test_the_same_answer_for_everyone(ward, personas):
    """A public endpoint: an officer's session gives no more and no less than no account."""
    code = post(Client(), BASE, body(ward), 201)["code"]
    answers = {name: get(client, f"{BASE}/{code}") for name, client in personas.items()}
    assert all(answer == answers["anonymous"] for answer in answers.values())


def test_no_cookie_and_no_csrf_token_are_needed(ward, owner):
    client = Client(enforce_csrf_checks=True)
    post(client, BASE, body(ward), 201)
    # an officer's session changes nothing either (no CSRF check, no identity used)
    logged_in = client_for(owner)
    logged_in.handler.enforce_csrf_checks = True
    sent = post(logged_in, BASE, body(ward, subject="Một đơn khác"), 201)
    assert Petition.objects.get(code=sent["code"]).created_by is None


# --- confidentiality -----------------------------------------------------------------------------


def test_a_denunciation_s_answer_names_nobody(ward, handler):
    citizen = Client()
    sent = post(citizen, BASE, body(ward, kind="denunciation", subject="Cán bộ thu tiền trái phép"), 201)
    petition = Petition.objects.get(code=sent["code"])
    leader = get_user_model().objects.get(username="lanhdao.danang")
    services.transition(petition, "assign", actor=leader, data={"handler": handler.pk})
    services.transition(petition, "note", actor=handler, comment=f"Đã gọi cho ông {NAME}.")
    services.transition(petition, "accept", actor=handler, reply="Đơn tố cáo đã được thụ lý.")
    for answer in (sent, get(citizen, f"{BASE}/{sent['code']}")):
        text = json.dumps(answer, ensure_ascii=False)
        for secret in (
            NAME,
            PHONE,
            EMAIL,
            ID_NUMBER,
            ADDRESS,
            "Khang",
            handler.username,
            handler.get_full_name(),
        ):
            assert secret not in text, secret
    tracked = get(citizen, f"{BASE}/{sent['code']}")
    assert tracked["status"] == "accepted"
    assert "petitioners" not in tracked and "handler" not in tracked and "attachments" not in tracked


def test_the_answer_has_only_public_fields(ward):
    code = post(Client(), BASE, body(ward), 201)["code"]
    tracked = get(Client(), f"{BASE}/{code}")
    assert set(tracked) == {
        "code",
        "kind",
        "kind_label",
        "topic",
        "topic_label",
        "subject",
        "status",
        "status_label",
        "received_on",
        "due_on",
        "deadline",
        "unit",
        "resolved_on",
        "awaiting_feedback",
        "question",
        "satisfied",
        "events",
    }
    assert set(tracked["events"][0]) == {"date", "status", "status_label", "reply", "note"}


# --- codes -----------------------------------------------------------------------------------------


def test_an_unknown_code_is_a_404_in_vietnamese():
    answer = get(Client(), f"{BASE}/AAAA-BBBB-CC", 404)
    assert answer["detail"] == vi("No petition has this tracking code.")
    answer = post(Client(), f"{BASE}/AAAA-BBBB-CC/feedback", {"resolved": True}, 404)
    assert answer["detail"] == vi("No petition has this tracking code.")


@pytest.mark.parametrize("code", ["abc", "AAAA-BBBB-C0", "AAAA-BBBB-CCC", "%3Cscript%3E", "x" * 300])
def test_a_malformed_code_is_a_422_naming_it(code):
    answer = get(Client(), f"{BASE}/{code}", 422)
    assert answer["detail"] == vi("The request is not valid.")
    assert answer["errors"][0]["loc"] == ["path", "code"]
    assert "<script>" not in json.dumps(answer)


def test_the_code_may_be_typed_loosely(ward):
    code = post(Client(), BASE, body(ward), 201)["code"]
    assert get(Client(), f"{BASE}/{code.lower().replace('-', '')}")["code"] == code


# --- limits ----------------------------------------------------------------------------------------


def test_the_quota_per_address(ward, settings):
    settings.DANVAN_PUBLIC_PETITIONS_PER_HOUR = 2
    here = Client(REMOTE_ADDR="203.0.113.50")
    for i in range(2):
        post(here, BASE, body(ward, subject=f"Đơn {i}"), 201)
    before = state()
    answer = post(here, BASE, body(ward, subject="Đơn thứ ba"), 429)
    assert answer["detail"] == vi(
        "Too many petitions were sent from this connection recently. Please try again later."
    )
    assert state() == before
    post(Client(REMOTE_ADDR="203.0.113.51"), BASE, body(ward), 201)


def test_the_quota_per_day(ward, settings):
    settings.DANVAN_PUBLIC_PETITIONS_PER_DAY = 1
    here = Client(REMOTE_ADDR="203.0.113.60")
    post(here, BASE, body(ward), 201)
    post(here, BASE, body(ward, subject="Đơn thứ hai"), 429)


def test_look_ups_are_rate_limited(ward, settings):
    settings.DANVAN_PUBLIC_LOOKUPS_PER_MINUTE = 2
    here = Client(REMOTE_ADDR="192.0.2.9")
    code = post(here, BASE, body(ward), 201)["code"]
    get(here, f"{BASE}/{code}")
    get(here, f"{BASE}/ZZZZ-ZZZZ-ZZ", 404)
    answer = get(here, f"{BASE}/{code}", 429)
    assert answer["detail"] == vi(
        "Too many look-ups from this connection. Please wait a minute and try again."
    )
    post(here, f"{BASE}/{code}/feedback", {"resolved": True}, 429)
    get(Client(REMOTE_ADDR="192.0.2.10"), f"{BASE}/{code}")


# --- bad input stores nothing -----------------------------------------------------------------------


def _person(**changes):
    return [{"name": NAME, "phone": PHONE, "address": ADDRESS, **changes}]


BAD = [
    ({"kind": "petition"}, 422),
    ({"kind": None}, 422),
    ({"topic": "weather"}, 422),
    ({"subject": ""}, 422),
    ({"subject": "x" * 256}, 422),
    ({"subject": "a\x00b"}, 422),
    ({"subject": "   "}, 400),
    ({"content": "x" * 20001}, 422),
    ({"content": ""}, 422),
    ({"location": "x" * 256}, 422),
    ({"area": "abc"}, 422),
    ({"area": 0}, 422),
    ({"area": 99999999999999999999}, 422),
    ({"area": 999999999}, 400),
    ({"petitioners": []}, 422),
    ({"petitioners": "Nguyễn Văn A"}, 422),
    ({"petitioners": [{"phone": PHONE}]}, 422),
    ({"petitioners": [{"name": ""}]}, 422),
    ({"petitioners": _person(name="x" * 121)}, 422),
    ({"petitioners": _person(phone="gọi tôi")}, 400),
    ({"petitioners": _person(email="không-phải-email")}, 400),
    ({"petitioners": _person(id_number="049-201")}, 400),
    ({"petitioners": [{"name": NAME}]}, 400),
    ({"petitioners": _person() * 21}, 422),
]


@pytest.mark.parametrize(("changes", "status"), BAD)
def test_bad_input_is_refused_and_stores_nothing(ward, changes, status):
    before = state()
    answer = post(Client(), BASE, body(ward, **changes), status)
    assert isinstance(answer["detail"], str) and answer["detail"]
    assert state() == before


def test_a_legacy_commune_is_refused(ward):
    legacy = Area.objects.filter(era=Era.LEGACY, level=AreaLevel.COMMUNE).first()
    before = state()
    answer = post(Client(), BASE, body(ward, area=legacy.pk), 400)
    assert answer["detail"] == vi("Choose a commune or ward in force today.")
    assert state() == before


def test_not_json_is_refused():
    before = state()
    response = Client().post(BASE, "kind=complaint", content_type="application/x-www-form-urlencoded")
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]
    response = Client().post(BASE, "{not json", content_type="application/json")
    assert 400 <= response.status_code < 500
    assert state() == before


def test_the_feedback_body_is_checked(ward):
    code = post(Client(), BASE, body(ward), 201)["code"]
    post(Client(), f"{BASE}/{code}/feedback", {"resolved": "maybe"}, 422)
    post(Client(), f"{BASE}/{code}/feedback", {"resolved": False, "explanation": "x" * 5001}, 422)
    post(Client(), f"{BASE}/{code}/feedback", {}, 422)


def test_openapi_documents_the_public_endpoints_without_authentication():
    schema = get(Client(), "/api/v1/openapi.json")
    for path, method in ((BASE, "post"), (BASE + "/{code}", "get"), (BASE + "/{code}/feedback", "post")):
        operation = schema["paths"][path][method]
        assert not operation.get("security"), path


# --- any sequence of answers and feedback ---------------------------------------------------------

STEPS = ["answer", "confirm", "reopen", "reopen-without-why"]


@hypothesis_settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(st.sampled_from(STEPS), max_size=7))
def test_any_sequence_of_answers_and_feedback_keeps_the_public_view_right(ward, handler, settings, steps):
    """A model of the public side: received → (officer answers) resolved → (citizen confirms) closed,
    or (citizen reopens with why) received again; anything else is refused and changes nothing."""
    settings.DANVAN_PUBLIC_PETITIONS_PER_HOUR = settings.DANVAN_PUBLIC_PETITIONS_PER_DAY = 10_000
    settings.DANVAN_PUBLIC_LOOKUPS_PER_MINUTE = 10_000
    citizen = Client()
    code = post(citizen, BASE, body(ward), 201)["code"]
    model, changes = "received", 1
    for step in steps:
        petition = Petition.objects.get(code=code)
        if step == "answer":
            if model == "received":
                services.transition(petition, "answer", actor=handler, reply=REPLY)
                model, changes = "resolved", changes + 1
            else:
                with pytest.raises(ServiceError):
                    services.transition(petition, "answer", actor=handler, reply=REPLY)
        else:
            payload = {"resolved": step == "confirm"}
            if step == "reopen":
                payload["explanation"] = "Vẫn chưa sửa."
            ok = model == "resolved" and step != "reopen-without-why"
            post(citizen, f"{BASE}/{code}/feedback", payload, 200 if ok else 400)
            if ok:
                model, changes = ("closed" if step == "confirm" else "received"), changes + 1
        tracked = get(citizen, f"{BASE}/{code}")
        assert tracked["status"] == model
        assert tracked["awaiting_feedback"] is (model == "resolved")
        assert (tracked["due_on"] is not None) is (model == "received")
        assert len(tracked["events"]) == changes
        text = json.dumps(tracked, ensure_ascii=False)
        assert NAME not in text and PHONE not in text and handler.username not in text
