"""Hot spots: declaring and clearing them (services, pages, API), who may see and do what, one
active episode per area, an area's history, bad input (a clear message, nothing stored), the
lists' query counts, and a state machine over declarations and clearances.

Personas (tests/conftest.py): canbo.tamky (`owner`) — officer of Đảng ủy phường Tam Kỳ (sees the
petitions and hot spots of the ward's units) and standing-agency officer of the ward's Front (may
declare hot spots with the Front as the responsible unit, not with the ward's People's Committee);
canbo.danang (`ancestor`) — the city's standing agency (sees and declares anywhere in the city);
canbo.haichau (`stranger`) — officer of another ward (sees none of Tam Kỳ's)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.query import QuerySet
from django.urls import reverse
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from danvan.core.permissions import can
from danvan.core.services import ServiceError
from danvan.geo.models import Area, AreaLevel, Era
from danvan.metrics import registry
from danvan.orgs.models import Unit
from danvan.petitions import hotspots, services
from danvan.petitions.models import HotSpot, HotSpotStatus

pytestmark = pytest.mark.django_db

DECLARED = date(2026, 5, 10)
REASON = "Hơn 40 hộ dân khối phố An Thổ tập trung đông người phản đối phương án bồi thường."
CLEARED = "Đã đối thoại, điều chỉnh phương án bồi thường; các hộ đồng thuận, không còn tập trung đông người."
CITIZEN = {"name": "Nguyễn Thị Mai", "phone": "0912345678"}
DENOUNCER = {"name": "Trương Văn Kín", "phone": "0905123456", "id_number": "049201001234"}
API = "/api/v1/petitions/hot-spots"


def _user(name):
    return get_user_model().objects.get(username=name)


@pytest.fixture
def handler(db):
    return _user("tiepdan.tamky")


@pytest.fixture
def gov(db):
    return Unit.objects.get(name="Ủy ban nhân dân phường Tam Kỳ")


@pytest.fixture
def front(db):
    return Unit.objects.get(name="Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ")


@pytest.fixture
def hc_gov(db):
    return Unit.objects.get(name="Ủy ban nhân dân phường Hải Châu")


@pytest.fixture
def area(gov):
    return gov.area


@pytest.fixture
def hc_area(hc_gov):
    return hc_gov.area


def record(actor, area, *, kind="recommendation", people=None, subject="Bồi thường giải phóng mặt bằng"):
    data = {
        "kind": kind,
        "topic": "compensation",
        "subject": subject,
        "content": "Đề nghị xem xét lại đơn giá bồi thường.",
        "area": area,
        "channel": "direct",
        "received_on": date(2026, 4, 2),
        "petitioners": people or [CITIZEN],
    }
    return services.record_petition(data, actor=actor, today=date(2026, 4, 2), confirm_duplicate=True)


@pytest.fixture
def petition(handler, area):
    return record(handler, area)


@pytest.fixture
def spot(ancestor, area, gov, petition):
    return services.declare_hot_spot(
        area, gov, reason=REASON, actor=ancestor, petitions=[petition], today=DECLARED
    )


def vi(msgid: str, **params) -> str:
    """A message as the user reads it (Vietnamese when the catalogue has it)."""
    from django.utils import translation

    with translation.override("vi"):
        text = translation.gettext(msgid)
    return text % params if params else text


def already(area) -> str:
    return vi("%(area)s is already marked as a hot spot.", area=area.name)


def stored():
    return (HotSpot.objects.count(), HotSpot.history.count(), HotSpot.petitions.through.objects.count())


# --- services --------------------------------------------------------------------------------------


def test_declare_and_clear(spot, ancestor, petition, gov, area):
    assert (spot.area, spot.unit, spot.status, spot.declared_on) == (
        area,
        gov,
        HotSpotStatus.ACTIVE,
        DECLARED,
    )
    assert list(spot.petitions.all()) == [petition] and spot.created_by == ancestor
    cleared = services.clear_hot_spot(spot, reason=CLEARED, actor=ancestor, today=date(2026, 6, 1))
    assert (cleared.status, cleared.cleared_on, cleared.cleared_reason) == (
        HotSpotStatus.CLEARED,
        date(2026, 6, 1),
        CLEARED,
    )
    records = list(spot.history.order_by("history_date", "history_id"))
    assert [r.history_type for r in records][0] == "+" and records[-1].history_type == "~"
    assert records[0].history_change_reason == REASON and records[0].history_user == ancestor
    assert records[-1].history_change_reason == CLEARED and records[-1].status == HotSpotStatus.CLEARED


def test_one_active_episode_per_area(spot, ancestor, area, gov):
    before = stored()
    with pytest.raises(ServiceError) as caught:
        services.declare_hot_spot(area, gov, reason="Lần nữa", actor=ancestor)
    assert caught.value.messages == [already(area)]
    assert stored() == before
    services.clear_hot_spot(spot, reason=CLEARED, actor=ancestor)
    again = services.declare_hot_spot(area, gov, reason="Tái phát khiếu kiện đông người.", actor=ancestor)
    assert again.pk != spot.pk
    assert HotSpot.objects.filter(area=area).count() == 2
    assert HotSpot.objects.filter(area=area, status=HotSpotStatus.ACTIVE).get() == again
    with pytest.raises(ServiceError):
        services.clear_hot_spot(spot, reason=CLEARED, actor=ancestor)  # already cleared


def test_a_concurrent_declaration_is_refused_by_the_constraint(spot, ancestor, area, gov, monkeypatch):
    """Two requests both pass the check; the unique constraint decides, with a clear message."""
    before = stored()
    monkeypatch.setattr(QuerySet, "exists", lambda self: False)
    with pytest.raises(ServiceError) as caught:
        services.declare_hot_spot(area, gov, reason="Cùng lúc", actor=ancestor)
    assert caught.value.messages == [already(area)]
    monkeypatch.undo()
    assert stored() == before


@pytest.mark.parametrize("who", ["owner", "stranger"])
def test_declaring_needs_the_right_on_the_unit(who, request, area, gov):
    user = request.getfixturevalue(who)
    before = stored()
    with pytest.raises(PermissionDenied):
        services.declare_hot_spot(area, gov, reason=REASON, actor=user)
    assert stored() == before


def test_the_owner_declares_with_the_front(owner, area, front):
    spot = services.declare_hot_spot(area, front, reason=REASON, actor=owner)
    assert spot.unit == front and can(owner, "petitions.hotspot", spot)


def test_clearing_needs_the_right(spot, owner, stranger):
    for user in (owner, stranger):
        with pytest.raises(PermissionDenied):
            services.clear_hot_spot(spot, reason=CLEARED, actor=user)
    spot.refresh_from_db()
    assert spot.status == HotSpotStatus.ACTIVE


def _bad_areas(area, hc_area):
    province = Area.objects.get_parent(area)
    village = Area.objects.filter(path__startswith=area.path, level=AreaLevel.VILLAGE).first()
    legacy = Area.objects.filter(era=Era.LEGACY, level=AreaLevel.COMMUNE).first()
    return {"province": province, "village": village, "legacy": legacy, "another ward": hc_area}


def test_bad_input_stores_nothing(ancestor, area, hc_area, gov, hc_gov, handler):
    hc_petition = services.record_petition(
        {
            "kind": "feedback",
            "subject": "Đèn đường hỏng",
            "content": "Đèn đường hỏng nhiều ngày.",
            "area": hc_area,
            "petitioners": [CITIZEN],
            "received_on": date(2026, 4, 2),
        },
        actor=ancestor,
        today=date(2026, 4, 2),
    )
    before = stored()
    why = vi("Why")
    cases = [
        ({"reason": ""}, vi("“%(field)s” is required.", field=why)),
        ({"reason": "   \n "}, vi("“%(field)s” is required.", field=why)),
        (
            {"reason": "x" * (services.MAX_TEXT + 1)},
            vi("“%(field)s” is too long (at most %(limit)s characters).", field=why, limit=services.MAX_TEXT),
        ),
        ({"petitions": [hc_petition]}, str(hc_petition.pk)),  # about another ward
        ({"petitions": [999_999_999]}, "999999999"),
        ({"petitions": ["abc"]}, vi("Choose petitions about this area.")),
    ]
    for name, bad in _bad_areas(area, hc_area).items():
        assert bad is not None, name
        cases.append(({"area": bad}, ""))
    for change, message in cases:
        kwargs = {"reason": REASON, "petitions": (), **change}
        where = kwargs.pop("area", area)
        with pytest.raises(ServiceError) as caught:
            services.declare_hot_spot(where, gov, actor=ancestor, **kwargs)
        text = " ".join(caught.value.messages)
        assert text.strip() and message in text, (change, text)
    # a ward's People's Committee does not answer for another ward
    with pytest.raises(ServiceError) as caught:
        services.declare_hot_spot(hc_area, gov, reason=REASON, actor=ancestor)
    assert caught.value.messages == [
        vi("%(area)s is not within the area of %(unit)s.", area=hc_area.name, unit=gov.name)
    ]
    assert stored() == before


def test_a_petition_the_actor_may_not_see_cannot_be_linked(owner, front, area, handler, hc_area):
    # a petition of Tam Kỳ the owner may see links; one about Tam Kỳ handled in Hải Châu does not
    own = record(handler, area)
    admin = _user("admin")
    elsewhere = services.record_petition(
        {
            "kind": "feedback",
            "subject": "Khiếu kiện về ranh giới",
            "content": "Nội dung.",
            "area": area,
            "unit": Unit.objects.get(name="Ủy ban nhân dân phường Hải Châu"),
            "petitioners": [CITIZEN],
            "received_on": date(2026, 4, 2),
        },
        actor=admin,
        today=date(2026, 4, 2),
        confirm_duplicate=True,
    )
    before = stored()
    with pytest.raises(ServiceError, match=str(elsewhere.pk)):
        services.declare_hot_spot(area, front, reason=REASON, actor=owner, petitions=[own, elsewhere])
    assert stored() == before
    spot = services.declare_hot_spot(area, front, reason=REASON, actor=owner, petitions=[own.pk, own.pk])
    assert list(spot.petitions.all()) == [own]


def test_areas_and_units_offered(owner, ancestor, stranger, area, hc_area, gov, front, tamky, city):
    owner_areas = list(hotspots.declarable_areas(owner))
    assert owner_areas == [area]  # the ward's Front answers for its own ward only
    owner_units = list(hotspots.responsible_units(owner, area))
    assert owner_units[0] == front and gov not in owner_units  # the Front (and the unions under it)
    assert all(u.path.startswith(front.path) for u in owner_units)
    city_areas = hotspots.declarable_areas(ancestor)
    assert {area, hc_area} <= set(city_areas) and city_areas.count() > 50
    assert all(a.level == AreaLevel.COMMUNE and not a.is_legacy for a in city_areas)
    units = list(hotspots.responsible_units(ancestor, area))
    assert {gov, front, tamky, city} <= set(units)
    assert units.index(tamky) < units.index(gov) < units.index(city)  # the ward's units, then the city's
    assert list(hotspots.declarable_areas(stranger)) == []


# --- pages ------------------------------------------------------------------------------------------


def test_page_matrix(spot, personas):
    urls = {
        "list": reverse("petitions:hotspot_list"),
        "detail": reverse("petitions:hotspot_detail", args=[spot.pk]),
        "new": reverse("petitions:hotspot_new"),
    }
    expected = {
        "owner": {"list": 200, "detail": 200, "new": 200},
        "ancestor": {"list": 200, "detail": 200, "new": 200},
        "stranger": {"list": 200, "detail": 404, "new": 403},
    }
    for who, statuses in expected.items():
        for page, status in statuses.items():
            response = personas[who].get(urls[page])
            assert response.status_code == status, (who, page)
    for url in urls.values():
        response = personas["anonymous"].get(url)
        assert response.status_code == 302 and "login" in response["Location"]
    # the list shows the hot spot to those who may see it only
    assert spot.area.name in personas["owner"].get(urls["list"]).content.decode()
    assert spot.area.name in personas["ancestor"].get(urls["list"]).content.decode()
    stranger_list = personas["stranger"].get(urls["list"])
    assert list(stranger_list.context["page"]) == []
    # the form to clear it only for who may clear it
    assert personas["owner"].get(urls["detail"]).context["clear_form"] is None
    assert personas["ancestor"].get(urls["detail"]).context["clear_form"] is not None


def test_clear_page_matrix(spot, personas):
    url = reverse("petitions:hotspot_clear", args=[spot.pk])
    body = {"reason": CLEARED}
    assert personas["anonymous"].post(url, body).status_code == 302
    assert personas["stranger"].post(url, body).status_code == 404
    assert personas["owner"].post(url, body).status_code == 403
    assert personas["ancestor"].get(url).status_code == 405
    spot.refresh_from_db()
    assert spot.status == HotSpotStatus.ACTIVE
    # an empty reason: a message, nothing changed
    response = personas["ancestor"].post(url, {"reason": "  "}, follow=True)
    spot.refresh_from_db()
    assert spot.status == HotSpotStatus.ACTIVE
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    response = personas["ancestor"].post(url, body)
    assert response.status_code == 302 and response["Location"] == reverse(
        "petitions:hotspot_detail", args=[spot.pk]
    )
    spot.refresh_from_db()
    assert spot.status == HotSpotStatus.CLEARED and spot.cleared_reason == CLEARED
    # clearing twice: a message, nothing changed
    response = personas["ancestor"].post(url, {"reason": "Lần hai"}, follow=True)
    spot.refresh_from_db()
    assert spot.cleared_reason == CLEARED
    assert [str(m) for m in response.context["messages"]][-1] == vi("This hot spot was already cleared.")


def test_declare_page(personas, area, gov, front, petition):
    client = personas["ancestor"]
    url = reverse("petitions:hotspot_new")
    # choosing the commune lists its responsible units and its petitions (htmx or without JS)
    page = client.get(url, {"area": area.pk, "petitions": [petition.pk]})
    assert page.status_code == 200
    form = page.context["form"]
    assert gov.pk in [u.pk for u in form.fields["unit"].queryset]
    assert form.initial["unit"] == gov.pk  # the commune's People's Committee by default
    assert [value for value, _label in form.fields["petitions"].choices] == [petition.pk]
    assert form.initial["petitions"] == [petition.pk]
    refreshed = client.post(url, {"area": area.pk, "refresh": "1", "reason": "Ghi chú dở"})
    assert refreshed.status_code == 200 and not HotSpot.objects.exists()
    assert refreshed.context["form"].initial["reason"] == "Ghi chú dở"
    # bad input: the form again with the errors, nothing stored
    before = stored()
    for body in (
        {"area": area.pk, "unit": gov.pk, "reason": ""},
        {"area": area.pk, "unit": 999999, "reason": REASON},
        {"area": "x", "unit": gov.pk, "reason": REASON},
        {"area": area.pk, "unit": gov.pk, "reason": REASON, "petitions": ["999999"]},
    ):
        response = client.post(url, body)
        assert response.status_code == 200, body
        assert response.context["form"].errors, body
        assert stored() == before
    response = client.post(
        url, {"area": area.pk, "unit": gov.pk, "reason": REASON, "petitions": [petition.pk]}
    )
    spot = HotSpot.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "petitions:hotspot_detail", args=[spot.pk]
    )
    assert (spot.area, spot.unit, spot.reason) == (area, gov, REASON)
    assert list(spot.petitions.all()) == [petition]
    # a second declaration of the same commune: the form again with the service's message
    response = client.post(url, {"area": area.pk, "unit": gov.pk, "reason": REASON})
    assert response.status_code == 200 and response.context["form"].non_field_errors() == [already(area)]
    assert HotSpot.objects.count() == 1


def test_the_owner_may_declare_only_with_its_front(personas, area, gov, front):
    client = personas["owner"]
    url = reverse("petitions:hotspot_new")
    response = client.post(url, {"area": area.pk, "unit": gov.pk, "reason": REASON})
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert not HotSpot.objects.exists()
    response = client.post(url, {"area": area.pk, "unit": front.pk, "reason": REASON})
    assert response.status_code == 302
    assert HotSpot.objects.get().unit == front
    assert (
        personas["stranger"].post(url, {"area": area.pk, "unit": front.pk, "reason": REASON}).status_code
        == 403
    )
    assert HotSpot.objects.count() == 1


def test_detail_shows_the_areas_history_and_no_denouncer(personas, ancestor, area, gov, handler):
    denunciation = record(handler, area, kind="denunciation", people=[DENOUNCER], subject="Cán bộ nhận tiền")
    first = services.declare_hot_spot(area, gov, reason=REASON, actor=ancestor, today=date(2026, 2, 1))
    services.clear_hot_spot(first, reason=CLEARED, actor=ancestor, today=date(2026, 3, 1))
    second = services.declare_hot_spot(
        area, gov, reason="Tái phát.", actor=ancestor, petitions=[denunciation], today=date(2026, 5, 1)
    )
    for who in ("owner", "ancestor"):
        response = personas[who].get(reverse("petitions:hotspot_detail", args=[first.pk]))
        html = response.content.decode()
        assert [e.pk for e in response.context["episodes"]] == [second.pk, first.pk]  # active first
        assert "01/02/2026" in html and "01/03/2026" in html and CLEARED in html
        reasons = [e["reason"] for e in response.context["history"]]
        assert reasons[0] == CLEARED and reasons[-1] == REASON
        detail = personas[who].get(reverse("petitions:hotspot_detail", args=[second.pk])).content.decode()
        assert denunciation.code in detail
        for secret in (DENOUNCER["name"], DENOUNCER["phone"], DENOUNCER["id_number"]):
            assert secret not in detail and secret not in html


def test_list_filters_and_order(personas, ancestor, area, hc_area, gov, hc_gov, tamky):
    old = services.declare_hot_spot(hc_area, hc_gov, reason=REASON, actor=ancestor, today=date(2026, 1, 5))
    services.clear_hot_spot(old, reason=CLEARED, actor=ancestor, today=date(2026, 2, 5))
    active = services.declare_hot_spot(area, gov, reason=REASON, actor=ancestor, today=date(2025, 12, 1))
    client = personas["ancestor"]
    url = reverse("petitions:hotspot_list")
    page = client.get(url)
    assert [s.pk for s in page.context["page"]] == [active.pk, old.pk]  # active first, though older
    assert page.context["active_count"] == 1
    html = page.content.decode()
    assert "05/01/2026" in html and "05/02/2026" in html
    assert [s.pk for s in client.get(url, {"status": "cleared"}).context["page"]] == [old.pk]
    assert [s.pk for s in client.get(url, {"within": tamky.pk}).context["page"]] == [active.pk]
    assert [s.pk for s in client.get(url, {"q": "hai chau"}).context["page"]] == [old.pk]
    bad = client.get(url, {"status": "nonsense", "within": "abc"})
    assert bad.status_code == 200 and bad.context["form"].errors


def test_list_query_count_is_constant(personas, ancestor, django_assert_max_num_queries):
    areas = list(hotspots.declarable_areas(ancestor)[:14])
    city = Unit.objects.get(name="Thành ủy Đà Nẵng")
    client = personas["ancestor"]
    url = reverse("petitions:hotspot_list")

    def count_queries(address):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return len(queries)

    for a in areas[:2]:
        services.declare_hot_spot(a, city, reason=REASON, actor=ancestor)
    few = count_queries(url), count_queries(API)
    for a in areas[2:]:
        services.declare_hot_spot(a, city, reason=REASON, actor=ancestor)
    with django_assert_max_num_queries(few[0]):
        assert len(client.get(url).context["page"]) == 14
    with django_assert_max_num_queries(few[1]):
        assert client.get(API).json()["count"] == 14


# --- API ----------------------------------------------------------------------------------------------


def send(client, method, url, body=None, status=200):
    response = getattr(client, method)(url, json.dumps(body or {}), content_type="application/json")
    assert response.status_code == status, (url, body, response.content[:400])
    return response.json()


def test_api_matrix(spot, personas, petition):
    one = f"{API}/{spot.pk}"
    for who in ("owner", "ancestor"):
        listed = personas[who].get(API).json()
        assert listed["count"] == 1 and listed["items"][0]["id"] == spot.pk
        detail = personas[who].get(one).json()
        assert detail["area"]["id"] == spot.area_id and [p["id"] for p in detail["petitions"]] == [
            petition.pk
        ]
        assert detail["declared_on"] == "2026-05-10"
    assert personas["stranger"].get(API).json() == {"count": 0, "items": []}
    assert personas["stranger"].get(one).status_code == 404
    assert personas["stranger"].get(f"{one}/history").status_code == 404
    assert personas["anonymous"].get(API).status_code == 401
    assert personas["owner"].get(one).json()["can_clear"] is False
    assert personas["ancestor"].get(one).json()["can_clear"] is True
    send(personas["anonymous"], "post", f"{one}/clear", {"reason": CLEARED}, 401)
    send(personas["stranger"], "post", f"{one}/clear", {"reason": CLEARED}, 404)
    answer = send(personas["owner"], "post", f"{one}/clear", {"reason": CLEARED}, 403)
    assert answer["detail"]
    send(personas["ancestor"], "post", f"{one}/clear", {"reason": ""}, 400)
    spot.refresh_from_db()
    assert spot.status == HotSpotStatus.ACTIVE
    cleared = send(personas["ancestor"], "post", f"{one}/clear", {"reason": CLEARED})
    assert cleared["status"] == "cleared" and cleared["cleared_reason"] == CLEARED
    again = send(personas["ancestor"], "post", f"{one}/clear", {"reason": CLEARED}, 400)
    assert again["detail"] == vi("This hot spot was already cleared.")
    history = personas["owner"].get(f"{one}/history").json()["changes"]
    assert history[0]["reason"] == CLEARED and history[-1]["reason"] == REASON


def test_api_declare(personas, area, hc_area, gov, front, petition):
    body = {"area": area.pk, "unit": gov.pk, "reason": REASON, "petitions": [petition.pk]}
    send(personas["anonymous"], "post", API, body, 401)
    send(personas["stranger"], "post", API, body, 403)
    send(personas["owner"], "post", API, body, 403)  # not with the People's Committee
    assert not HotSpot.objects.exists()
    before = stored()
    for bad, status in (
        ({"reason": ""}, 400),
        ({"area": hc_area.pk}, 400),
        ({"area": 999_999_999}, 422),
        ({"unit": 999_999_999}, 422),
        ({"area": "abc"}, 422),
        ({"petitions": [999_999_999]}, 400),
        ({"petitions": "x"}, 422),
        ({"reason": "a\x00b"}, 422),
        ({"area": 2**70}, 422),
    ):
        answer = send(personas["ancestor"], "post", API, {**body, **bad}, status)
        assert answer["detail"], bad
    assert stored() == before
    created = send(personas["ancestor"], "post", API, body, 201)
    assert created["unit"]["id"] == gov.pk and [p["code"] for p in created["petitions"]] == [petition.code]
    assert "petitioners" not in json.dumps(created) and CITIZEN["name"] not in json.dumps(created)
    assert send(personas["ancestor"], "post", API, body, 400)["detail"] == already(area)
    owned = send(personas["owner"], "post", API, {**body, "area": area.pk, "unit": front.pk}, 400)
    assert owned["detail"] == already(area)  # the area already has an active episode
    listed = personas["ancestor"].get(API, {"status": "active", "within": gov.pk}).json()
    assert [s["id"] for s in listed["items"]] == [created["id"]]
    assert personas["ancestor"].get(API, {"status": "bogus"}).status_code == 422
    assert personas["stranger"].get(API, {"within": gov.pk}).status_code == 404
    assert personas["ancestor"].get(f"{API}/{2**70}").status_code in (404, 422)


# --- the metric and the state machine ------------------------------------------------------------------


def test_the_hot_spots_metric(ancestor, area, hc_area, gov, hc_gov, tamky, haichau, city):
    metric = registry.get("petitions.hot_spots")
    first = services.declare_hot_spot(hc_area, hc_gov, reason=REASON, actor=ancestor, today=date(2026, 1, 5))
    services.clear_hot_spot(first, reason=CLEARED, actor=ancestor, today=date(2026, 2, 5))
    services.declare_hot_spot(hc_area, hc_gov, reason=REASON, actor=ancestor, today=date(2026, 3, 5))
    services.declare_hot_spot(area, gov, reason=REASON, actor=ancestor, today=date(2026, 4, 5))
    year = (date(2026, 1, 1), date(2026, 12, 31))
    assert metric.value_for(city, *year) == 3
    assert metric.value_for(haichau, *year) == 2 and metric.value_for(tamky, *year) == 1
    assert metric.value_for(city, date(2026, 2, 1), date(2026, 3, 31)) == 1
    assert metric.value_for(city, date(2025, 1, 1), date(2025, 12, 31)) == 0


PERSONAS = ("owner", "ancestor", "stranger")


class HotSpotMachine(RuleBasedStateMachine):
    """Anyone declares any of three communes with any of four units, or clears any episode. The
    oracle predicts each call from the rules (the right on the unit, the commune under the unit,
    one active episode per commune); a refused call changes nothing."""

    users: dict = {}
    areas: list = []
    units: list = []
    reached: set = set()

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.declared = 0

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    @rule(who=st.sampled_from(PERSONAS), a=st.integers(0, 2), u=st.integers(0, 3))
    def declare(self, who, a, u):
        user, area, unit = self.users[who], self.areas[a], self.units[u]
        allowed = can(user, "petitions.hotspot", unit)
        under = area.path.startswith(unit.area.path)
        free = not HotSpot.objects.filter(area=area, status=HotSpotStatus.ACTIVE).exists()
        before = stored()
        try:
            services.declare_hot_spot(area, unit, reason=REASON, actor=user)
        except PermissionDenied:
            assert not allowed
            assert stored() == before
            self.reached.add("forbidden")
        except ServiceError:
            assert allowed and not (under and free)
            assert stored() == before
            self.reached.add("refused")
        else:
            assert allowed and under and free
            self.declared += 1
            self.reached.add("declared")

    @rule(who=st.sampled_from(PERSONAS), i=st.integers(0, 5))
    def clear(self, who, i):
        spots = list(HotSpot.objects.order_by("pk"))
        if not spots:
            return
        spot = spots[i % len(spots)]
        user = self.users[who]
        allowed = can(user, "petitions.hotspot", spot)
        before = (spot.status, stored())
        try:
            services.clear_hot_spot(spot, reason=CLEARED, actor=user)
        except PermissionDenied:
            assert not allowed
        except ServiceError:
            assert allowed and spot.status == HotSpotStatus.CLEARED
        else:
            assert allowed and spot.status == HotSpotStatus.ACTIVE
            self.reached.add("cleared")
            return
        spot.refresh_from_db()
        assert (spot.status, stored()) == before

    @invariant()
    def at_most_one_active_episode_per_area(self):
        for area in self.areas:
            assert HotSpot.objects.filter(area=area, status=HotSpotStatus.ACTIVE).count() <= 1

    @invariant()
    def the_metric_counts_every_declaration(self):
        city = self.units[-1]
        assert registry.get("petitions.hot_spots").value_for(city) == self.declared
        assert HotSpot.objects.count() == self.declared


def test_hot_spot_state_machine(owner, ancestor, stranger, gov, front, hc_gov, area, hc_area, city):
    HotSpotMachine.users = {"owner": owner, "ancestor": ancestor, "stranger": stranger}
    third = next(a for a in hotspots.declarable_areas(ancestor) if a not in (area, hc_area))
    HotSpotMachine.areas = [area, hc_area, third]
    HotSpotMachine.units = [gov, front, hc_gov, city]
    HotSpotMachine.reached = set()
    run = HotSpotMachine.TestCase
    run.settings = settings(
        max_examples=15,
        derandomize=True,
        stateful_step_count=12,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    run().runTest()
    assert {"declared", "cleared", "refused", "forbidden"} <= HotSpotMachine.reached
