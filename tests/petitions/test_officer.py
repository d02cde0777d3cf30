"""Petitions as officers handle them: intake, routing, the workflow and its deadlines, the
permission matrix of every page and endpoint, and the denouncer's confidentiality.

Personas: tiepdan.tamky (`handler`) handles petitions at Ủy ban nhân dân phường Tam Kỳ (the
competent unit); canbo.tamky (`owner`) is an officer of Đảng ủy phường Tam Kỳ, the unit above it;
canbo.danang (`ancestor`) the city's standing agency; lanhdao.danang (`leader`) a leader of the
city, who decides; canbo.haichau (`stranger`) an officer of another ward."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.core.services import ServiceError
from danvan.orgs.models import Unit
from danvan.petitions import services
from danvan.petitions.models import IdentityView, Petition, PetitionEvent
from danvan.petitions.workflow import ACTIONS, PetitionStatus

S = PetitionStatus
DENOUNCER = {"name": "Trương Văn Kín", "phone": "0905123456", "id_number": "049201001234", "address": "Tổ 5"}
CITIZEN = {"name": "Nguyễn Thị Mai", "phone": "0912345678", "address": "Khối phố 3, phường Tam Kỳ"}


def _user(name):
    return get_user_model().objects.get(username=name)


@pytest.fixture
def handler(db):
    return _user("tiepdan.tamky")


@pytest.fixture
def leader(db):
    return _user("lanhdao.danang")


@pytest.fixture
def tamky_gov(db):
    return Unit.objects.get(name="Ủy ban nhân dân phường Tam Kỳ")


@pytest.fixture
def tamky_area(tamky_gov):
    return tamky_gov.area


def _record(
    actor,
    area,
    *,
    kind="recommendation",
    people=None,
    today=date(2026, 3, 2),
    confirm_duplicate=False,
    **extra,
):
    data = {
        "kind": kind,
        "topic": "environment",
        "subject": extra.pop("subject", "Rác thải tồn đọng ở kênh Tam Kỳ"),
        "content": "Đề nghị phường tổ chức thu gom rác dọc kênh.",
        "area": area,
        "channel": "direct",
        "received_on": extra.pop("received_on", today),
        "petitioners": people or [CITIZEN],
        **extra,
    }
    return services.record_petition(data, actor=actor, today=today, confirm_duplicate=confirm_duplicate)


@pytest.fixture
def recommendation(handler, tamky_area):
    return _record(handler, tamky_area)


@pytest.fixture
def denunciation(handler, tamky_area):
    return _record(
        handler,
        tamky_area,
        kind="denunciation",
        people=[DENOUNCER],
        subject="Tố cáo cán bộ địa chính nhận tiền",
    )


# --- intake and routing ------------------------------------------------------------------------------


def test_a_recorded_recommendation_is_routed_has_a_code_and_a_legal_due_date(
    recommendation, tamky_gov, handler
):
    p = recommendation
    assert p.unit == tamky_gov  # the People's Committee of the commune, by default
    assert p.status == S.RECEIVED and p.step == "process"
    # 10 working days from Monday 2/3/2026: 3,4,5,6, 9..13 → 13/3; the 10th is Monday 16/3
    assert p.due_on == date(2026, 3, 16)
    assert p.handler == handler  # who records it at the competent unit handles it
    assert len(p.code) == 12 and p.code[4] == "-"
    assert PetitionEvent.objects.filter(petition=p, action="receive").count() == 1


def test_petitioners_are_encrypted_in_the_database(denunciation):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT petitioners FROM petitions_petition WHERE id = %s", [denunciation.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("fernet:")
    assert "Trương" not in stored and "0905123456" not in stored
    assert Petition.objects.get(pk=denunciation.pk).petitioners[0]["name"] == DENOUNCER["name"]


def test_a_duplicate_of_an_open_petition_is_refused_until_confirmed(recommendation, handler, tamky_area):
    before = Petition.objects.count()
    with pytest.raises(ServiceError, match=recommendation.code):
        _record(handler, tamky_area, subject="Rác thải tồn đọng dọc kênh Tam Kỳ chưa thu gom")
    assert Petition.objects.count() == before
    again = _record(
        handler, tamky_area, subject="Rác thải tồn đọng dọc kênh Tam Kỳ chưa thu gom", confirm_duplicate=True
    )
    assert again.duplicate_of == recommendation


@pytest.mark.parametrize(
    "change, message",
    [
        ({"subject": "  "}, "Trích yếu"),
        ({"petitioners": []}, "người"),
        ({"petitioners": [{"name": "A", "phone": "abc"}]}, "số"),
        ({"kind": "rumour"}, "Loại"),
        ({"received_on": date(2026, 3, 3)}, "tương lai"),
    ],
)
def test_bad_intake_says_why_in_vietnamese_and_stores_nothing(handler, tamky_area, change, message):
    before = Petition.objects.count()
    data = {
        "kind": "feedback",
        "subject": "Đèn đường hỏng",
        "content": "Đèn đường hỏng ở khối phố 2.",
        "area": tamky_area,
        "petitioners": [CITIZEN],
        **change,
    }
    with pytest.raises(ServiceError) as exc:
        services.record_petition(data, actor=handler, today=date(2026, 3, 2))
    assert message.lower() in " ".join(exc.value.messages).lower()
    assert Petition.objects.count() == before


def test_an_officer_outside_the_unit_cannot_record_for_it(stranger, tamky_area, tamky_gov):
    with pytest.raises(PermissionDenied):
        _record(stranger, tamky_area, unit=tamky_gov)


# --- the workflow -------------------------------------------------------------------------------------


def test_a_complaint_is_accepted_resolved_appealed_and_the_city_resolves_it(handler, tamky_area, leader):
    p = _record(handler, tamky_area, kind="complaint", subject="Khiếu nại quyết định thu hồi đất")
    # 10 calendar days from 2/3/2026 → 12/3/2026 (a Thursday)
    assert p.due_on == date(2026, 3, 12)
    p = services.transition(p, "accept", actor=handler, reply="Đơn đã được thụ lý.", today=date(2026, 3, 5))
    assert p.status == S.ACCEPTED and p.step == "resolve" and p.accepted_on == date(2026, 3, 5)
    assert p.due_on == date(2026, 4, 6)  # 30 days → Saturday 4/4 → Monday 6/4
    p = services.transition(
        p,
        "resolve",
        actor=handler,
        reply="Giữ nguyên quyết định.",
        data={"resolution_number": "12/QĐ-UBND"},
        today=date(2026, 3, 30),
    )
    assert p.status == S.RESOLVED and p.resolved_on_time is True and p.due_on is None
    p = services.transition(
        p, "appeal", actor=handler, comment="Công dân khiếu nại lần hai", today=date(2026, 4, 10)
    )
    assert p.instance_no == 2 and p.status == S.RECEIVED
    assert p.unit.name == "Ủy ban nhân dân thành phố Đà Nẵng"
    p = services.transition(
        p, "accept", actor=leader, reply="Thành phố thụ lý lần hai.", today=date(2026, 4, 13)
    )
    assert p.step == "resolve_second" and p.due_on == date(2026, 5, 28)  # 45 days from 13/4


def test_a_denunciation_deadline_is_extended_with_a_reason_and_only_as_the_law_allows(denunciation, handler):
    p = denunciation
    assert p.due_on == date(2026, 3, 11)  # 7 working days from 2/3/2026
    with pytest.raises(ServiceError):
        services.transition(p, "extend", actor=handler)  # no reason
    p = services.transition(p, "extend", actor=handler, comment="Xác minh ở nhiều nơi")
    assert p.due_on == date(2026, 3, 16)  # 10 working days
    with pytest.raises(ServiceError):
        services.transition(p, "extend", actor=handler, comment="Lần nữa")


def test_recommendations_are_answered_not_accepted(recommendation, handler):
    with pytest.raises(ServiceError):
        services.transition(recommendation, "accept", actor=handler, reply="x")
    with pytest.raises(ServiceError):  # the citizen must be told something
        services.transition(recommendation, "answer", actor=handler)
    p = services.transition(
        recommendation, "answer", actor=handler, reply="Đã thu gom xong.", today=date(2026, 3, 9)
    )
    assert p.status == S.RESOLVED and p.resolved_on_time is True


def test_a_transfer_moves_the_petition_and_restarts_its_deadline(recommendation, handler):
    other = Unit.objects.get(name="Ủy ban nhân dân phường Hải Châu")
    p = services.transition(
        recommendation,
        "transfer",
        actor=handler,
        comment="Địa bàn Hải Châu",
        reply="Đơn đã được chuyển đến UBND phường Hải Châu.",
        data={"unit": other},
        today=date(2026, 3, 4),
    )
    assert p.unit == other and p.handler is None and p.due_on == date(2026, 3, 18)


@pytest.mark.parametrize("who", ["owner", "ancestor", "stranger"])
def test_who_may_act_on_a_petition(request, recommendation, who):
    user = request.getfixturevalue(who)
    # only petition handlers and leaders handle; the ward's and the city's Party officers follow
    with pytest.raises(PermissionDenied):
        services.transition(recommendation, "answer", actor=user, reply="x")
    assert services.allowed_actions(recommendation, user) == (
        [ACTIONS["note"]] if who in ("owner", "ancestor") else []
    )


# --- confidentiality ---------------------------------------------------------------------------------


def test_only_the_handler_and_the_leaders_above_see_a_denouncer(
    denunciation, handler, leader, owner, ancestor, stranger, admin_user
):
    assert services.can_see_identity(handler, denunciation)
    assert services.can_see_identity(leader, denunciation)
    for user in (owner, ancestor, stranger, admin_user):
        assert not services.can_see_identity(user, denunciation)
        with pytest.raises(PermissionDenied):
            services.reveal_identity(denunciation, user, purpose="xem")
    assert IdentityView.objects.filter(petition=denunciation).count() == 0
    people = services.reveal_identity(denunciation, leader, purpose="Phân công xử lý")
    assert people[0]["name"] == DENOUNCER["name"]
    view = IdentityView.objects.get(petition=denunciation)
    assert view.user == leader and view.purpose == "Phân công xử lý"


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _traces(text: str) -> list[str]:
    return [v for v in (DENOUNCER["name"], DENOUNCER["phone"], DENOUNCER["id_number"], "Trương") if v in text]


@pytest.mark.parametrize("who", ["handler", "leader", "owner", "ancestor", "admin_user"])
def test_no_list_export_or_endpoint_shows_the_denouncer(request, denunciation, who):
    client = _client(request.getfixturevalue(who))
    pages = [
        "/petitions/",
        f"/petitions/{denunciation.pk}/",
        "/api/v1/petitions",
        f"/api/v1/petitions/{denunciation.pk}",
        f"/api/v1/petitions/{denunciation.pk}/history",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _traces(response.content.decode()) == [], url
    export = client.get("/petitions/export.xlsx")
    assert export.status_code == 200
    from openpyxl import load_workbook

    cells = " ".join(
        str(c.value) for row in load_workbook(io.BytesIO(export.content)).active.iter_rows() for c in row
    )
    assert denunciation.code in cells and _traces(cells) == []


def test_the_identity_is_shown_on_request_and_each_showing_recorded(denunciation, leader, owner):
    client = _client(leader)
    response = client.post(f"/petitions/{denunciation.pk}/identity/", {"purpose": "Giao cán bộ xác minh"})
    assert response.status_code == 200 and DENOUNCER["name"] in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert IdentityView.objects.filter(petition=denunciation, user=leader).count() == 1
    refused = _client(owner).post(f"/petitions/{denunciation.pk}/identity/", {"purpose": "x"})
    assert refused.status_code == 403 and DENOUNCER["name"] not in refused.content.decode()


# --- the permission matrix of pages and endpoints --------------------------------------------------------


@pytest.mark.parametrize(
    "who, status", [("owner", 200), ("ancestor", 200), ("stranger", 404), ("handler", 200)]
)
def test_detail_page_and_endpoint_by_persona(request, recommendation, who, status):
    client = _client(request.getfixturevalue(who))
    assert client.get(f"/petitions/{recommendation.pk}/").status_code == status
    assert client.get(f"/api/v1/petitions/{recommendation.pk}").status_code == status


@pytest.mark.parametrize(
    "who, seen", [("owner", True), ("ancestor", True), ("stranger", False), ("handler", True)]
)
def test_lists_show_a_petition_to_its_unit_and_those_above_only(request, recommendation, who, seen):
    client = _client(request.getfixturevalue(who))
    assert (recommendation.code in client.get("/petitions/").content.decode()) is seen
    codes = [p["code"] for p in client.get("/api/v1/petitions?limit=100").json()["items"]]
    assert (recommendation.code in codes) is seen


@pytest.mark.parametrize(
    "who, status", [("handler", 200), ("owner", 403), ("ancestor", 403), ("stranger", 404)]
)
def test_the_transition_endpoint_by_persona(request, recommendation, who, status):
    client = _client(request.getfixturevalue(who))
    response = client.post(
        f"/api/v1/petitions/{recommendation.pk}/transitions",
        {"action": "answer", "reply": "Đã xử lý xong."},
        content_type="application/json",
    )
    assert response.status_code == status
    recommendation.refresh_from_db()
    assert recommendation.status == (S.RESOLVED if status == 200 else S.RECEIVED)


@pytest.mark.parametrize("who, allowed", [("handler", True), ("owner", False), ("stranger", False)])
def test_the_action_page_by_persona(request, recommendation, who, allowed):
    client = _client(request.getfixturevalue(who))
    response = client.post(f"/petitions/{recommendation.pk}/act/answer/", {"reply": "Đã xử lý xong."})
    recommendation.refresh_from_db()
    assert (recommendation.status == S.RESOLVED) is allowed
    assert response.status_code == {"handler": 302, "owner": 403, "stranger": 404}[who]


def test_the_api_records_a_petition_and_refuses_bad_input(handler, tamky_area):
    client = _client(handler)
    body = {
        "kind": "feedback",
        "subject": "Đường ngập khi mưa",
        "content": "Đường Phan Bội Châu ngập sâu mỗi khi mưa lớn.",
        "area": tamky_area.pk,
        "petitioners": [CITIZEN],
    }
    created = client.post("/api/v1/petitions", body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["due_on"] and created.json()["petitioners"][0]["name"] == CITIZEN["name"]
    before = Petition.objects.count()
    bad = client.post("/api/v1/petitions", {**body, "subject": ""}, content_type="application/json")
    assert bad.status_code == 400 and "Trích yếu" in bad.json()["detail"]
    assert (
        client.post("/api/v1/petitions", {**body, "area": 10**9}, content_type="application/json").status_code
        == 422
    )
    assert Petition.objects.count() == before


def test_the_new_page_records_a_petition(handler, tamky_area):
    client = _client(handler)
    assert client.get("/petitions/new/").status_code == 200
    response = client.post(
        "/petitions/new/",
        {
            "kind": "recommendation",
            "topic": "procedures",
            "channel": "post",
            "received_on": "2026-03-02",
            "subject": "Đề nghị rút ngắn thời gian cấp sổ",
            "content": "Thời gian cấp giấy chứng nhận quá dài.",
            "area": tamky_area.pk,
            "name": "Lê Văn Hùng",
            "phone": "0905000111",
        },
    )
    petition = Petition.objects.get(subject="Đề nghị rút ngắn thời gian cấp sổ")
    assert response.status_code == 302 and response["Location"] == f"/petitions/{petition.pk}/"


def test_the_list_runs_a_constant_number_of_queries(handler, tamky_area, django_assert_max_num_queries):
    for i in range(6):
        _record(
            handler, tamky_area, subject=f"Kiến nghị số {i} về chiếu sáng", people=[{"name": f"Người {i}"}]
        )
    client = _client(handler)
    with django_assert_max_num_queries(20):
        assert client.get("/petitions/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get("/api/v1/petitions").status_code == 200


# --- the workflow as a state machine -----------------------------------------------------------------


OFFICER = ["assign", "note", "accept", "answer", "refuse", "extend", "resolve", "close", "forward"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kind=st.sampled_from(["complaint", "denunciation", "recommendation", "feedback"]),
    steps=st.lists(st.sampled_from(OFFICER), max_size=8),
)
def test_any_sequence_of_actions_keeps_the_petition_consistent(handler, tamky_area, kind, steps):
    p = _record(
        handler,
        tamky_area,
        kind=kind,
        subject=f"Đơn {kind}",
        people=[{"name": "Phạm Thị Lan", "phone": "0900000001"}],
        confirm_duplicate=True,
    )
    events = 1
    for action in steps:
        rule = ACTIONS[action]
        before = Petition.objects.get(pk=p.pk)
        data = {
            "assign": {"handler": handler.pk},
            "refuse": {"ground": "not_competent"},
            "forward": {"forwarded_to": "Công an thành phố"},
        }.get(action, {})
        try:
            p = services.transition(p, action, actor=handler, comment="lý do", reply="trả lời", data=data)
        except PermissionDenied:
            # only a leader assigns who handles a denunciation (the handler may not choose themself)
            assert (action, kind) == ("assign", "denunciation")
            continue
        except ServiceError:
            after = Petition.objects.get(pk=p.pk)
            assert (after.status, after.due_on, after.extensions) == (
                before.status,
                before.due_on,
                before.extensions,
            )
            assert not rule.applies_to(before) or action == "extend"
            continue
        events += 1
        assert rule.applies_to(before)
        assert p.status == (rule.target or before.status)
        # an open petition always has a due date; a finished one never
        assert (p.due_on is not None) == p.is_open
        assert p.events.count() == events
    Petition.objects.filter(pk=p.pk).delete()


def test_a_petition_received_at_a_reception_session_is_linked_to_it(handler, tamky_gov, tamky_area):
    from danvan.reception.models import ReceptionSession

    session = ReceptionSession.objects.create(
        unit=tamky_gov, kind="ad_hoc", ad_hoc_reason="mass", held_on=date(2026, 11, 30), status="held"
    )
    client = _client(handler)
    form = client.get(f"/petitions/new/?session={session.pk}").content.decode()
    assert f'<option value="{session.pk}" selected' in form
    response = client.post(
        "/petitions/new/",
        {
            "kind": "complaint",
            "topic": "land",
            "channel": "direct",
            "received_on": "2026-11-30",
            "subject": "Khiếu nại cấp giấy chứng nhận quyền sử dụng đất",
            "content": "Hộ ông Tư chưa được cấp giấy chứng nhận dù đủ điều kiện.",
            "area": tamky_area.pk,
            "name": "Nguyễn Văn Tư",
            "reception_session": session.pk,
        },
    )
    assert response.status_code == 302
    petition = Petition.objects.get(subject="Khiếu nại cấp giấy chứng nhận quyền sử dụng đất")
    assert petition.reception_session == session and petition.channel == "reception"
    assert list(session.petitions.all()) == [petition]


def test_routing_rules_choose_the_most_specific_competent_unit(tamky_area, tamky_gov):
    from danvan.petitions.models import RoutingRule

    city_area = tamky_area.parent_area()
    home_affairs = Unit.objects.get(name="Sở Nội vụ thành phố Đà Nẵng")
    environment = Unit.objects.get(name="Sở Nông nghiệp và Môi trường thành phố Đà Nẵng")
    RoutingRule.objects.create(kind="denunciation", topic="officials", area=city_area, unit=home_affairs)
    RoutingRule.objects.create(topic="environment", area=city_area, unit=environment, priority=50)
    assert services.route("denunciation", "officials", tamky_area) == home_affairs
    assert services.route("feedback", "environment", tamky_area) == environment
    assert services.route("complaint", "land", tamky_area) == tamky_gov  # no rule: the ward's committee
    # a rule on the ward itself is more specific than the city's
    RoutingRule.objects.create(topic="environment", area=tamky_area, unit=tamky_gov, priority=200)
    assert services.route("feedback", "environment", tamky_area) == tamky_gov
    RoutingRule.objects.filter(area=tamky_area).update(active=False)
    assert services.route("feedback", "environment", tamky_area) == environment


def test_the_rules_page_lists_both_rule_sets(handler):
    page = _client(handler).get("/petitions/rules/").content.decode()
    assert page.count('data-testid="rule-set"') == 2
    assert "Điều 27" in page and "01/07/2026" in page


def test_a_session_page_offers_to_record_a_petition_received_there(handler, stranger, tamky_gov):
    from danvan.reception.models import ReceptionSession

    session = ReceptionSession.objects.create(
        unit=tamky_gov, kind="ad_hoc", ad_hoc_reason="mass", held_on=date(2026, 11, 30), status="held"
    )
    page = _client(handler).get(f"/reception/sessions/{session.pk}/").content.decode()
    assert f"/petitions/new/?session={session.pk}" in page
    assert _client(stranger).get(f"/reception/sessions/{session.pk}/").status_code == 404


def test_the_notice_and_appeal_windows_are_shown_beside_the_step(handler, leader, denunciation, tamky_area):
    p = services.transition(denunciation, "accept", actor=leader, reply="Đã thụ lý.", today=date(2026, 3, 9))
    notice = services.other_deadlines(p)
    assert [(d.step, d.due_on) for d in notice] == [("notice", date(2026, 3, 16))]  # 5 working days
    page = _client(handler).get(f"/petitions/{p.pk}/").content.decode()
    assert "16/03/2026" in page and 'data-testid="other-deadline"' in page
    complaint = _record(handler, tamky_area, kind="complaint", subject="Khiếu nại về thu hồi đất nông nghiệp")
    complaint = services.transition(
        complaint, "accept", actor=handler, reply="Thụ lý.", today=date(2026, 3, 3)
    )
    complaint = services.transition(
        complaint,
        "resolve",
        actor=handler,
        reply="Đã giải quyết.",
        data={"resolution_date": date(2026, 3, 20)},
        today=date(2026, 3, 20),
    )
    # the second-instance complaint may be lodged within 30 days of the decision: 19/4/2026 is a Sunday
    assert [(d.step, d.due_on) for d in services.other_deadlines(complaint)] == [
        ("appeal", date(2026, 4, 20))
    ]


def test_the_petition_page_links_a_mass_petition_to_its_area_hot_spot(handler, leader, tamky_area, tamky_gov):
    people = [{"name": f"Hộ dân {i}", "phone": f"09050000{i:02d}"} for i in range(6)]
    p = _record(
        handler, tamky_area, kind="complaint", people=people, subject="Khiếu nại bồi thường đông người"
    )
    assert p.is_mass
    page = _client(leader).get(f"/petitions/{p.pk}/").content.decode()
    assert f"/petitions/hot-spots/new/?area={tamky_area.pk}&amp;petitions={p.pk}" in page
    assert (
        'data-testid="declare-hot-spot"' not in _client(handler).get(f"/petitions/{p.pk}/").content.decode()
    )
    spot = services.declare_hot_spot(
        tamky_area, tamky_gov, reason="Tập trung đông người tại trụ sở", actor=leader, petitions=[p]
    )
    page = _client(handler).get(f"/petitions/{p.pk}/").content.decode()
    assert f"/petitions/hot-spots/{spot.pk}/" in page and 'data-testid="declare-hot-spot"' not in page
