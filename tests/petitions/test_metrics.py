"""The petition metrics of the registry, on hand-made data counted by hand: each value over a unit's
subtree and a period (the roll-up to Thành ủy Đà Nẵng included), the breakdown by kind, the same
figures through `GET /api/v1/metrics/values`, and the "no hot spots" target read from them.

The data (all recorded through `services`, as officers do):

Ủy ban nhân dân phường Tam Kỳ (under Đảng ủy phường Tam Kỳ), by its handler tiepdan.tamky —
  p0 recommendation received 20/12/2025, answered 22/12/2025 (on time);
  p1 recommendation received 02/03/2026, answered 05/03/2026 (on time);
  p2 feedback received 09/03/2026, due 23/03/2026, escalated by the tick of 24/03, answered 26/03 (late);
  p3 complaint received 01/04/2026, accepted 06/04/2026;
  p4 denunciation by five people (mass) received 15/04/2026, due 24/04/2026, escalated on 27/04;
Ủy ban nhân dân phường Hải Châu, by lanhdao.danang (a leader of the city, who may handle) —
  h1 complaint received 03/03/2026, accepted 04/03/2026, resolved 20/03/2026 (on time);
  h2 feedback by six people (mass) received 04/05/2026;
hot spots, declared by canbo.danang: Tam Kỳ on 10/05/2026 (the ward's People's Committee);
Hải Châu on 01/06/2026, cleared 20/06, declared again 01/07/2026.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from danvan.metrics import registry
from danvan.orgs.models import Unit
from danvan.petitions import services, tick
from danvan.targets import evaluation
from danvan.targets import services as target_services
from danvan.targets.models import Comparison, TargetKind
from danvan.targets.status import Status

pytestmark = pytest.mark.django_db

YEAR = (date(2026, 1, 1), date(2026, 12, 31))
Q1 = (date(2026, 1, 1), date(2026, 3, 31))
Q2 = (date(2026, 4, 1), date(2026, 6, 30))
LAST_YEAR = (date(2025, 1, 1), date(2025, 12, 31))
CODES = (
    "petitions.received",
    "petitions.accepted",
    "petitions.resolved",
    "petitions.resolved_on_time",
    "petitions.overdue",
    "petitions.mass",
    "petitions.hot_spots",
)


def _user(name):
    return get_user_model().objects.get(username=name)


def _people(n: int, family: str) -> list[dict]:
    return [{"name": f"{family} Văn {chr(65 + i)}", "phone": f"09051234{i:02d}"} for i in range(n)]


def _record(actor, unit, kind, received, subject, people=1, family="Nguyễn"):
    data = {
        "kind": kind,
        "topic": "land",
        "subject": subject,
        "content": "Nội dung đơn.",
        "area": unit.area,
        "unit": unit,
        "channel": "direct",
        "received_on": received,
        "petitioners": _people(people, family),
    }
    return services.record_petition(data, actor=actor, today=received, confirm_duplicate=True)


@pytest.fixture
def world(db):
    handler, leader, danang = _user("tiepdan.tamky"), _user("lanhdao.danang"), _user("canbo.danang")
    tk = Unit.objects.get(name="Ủy ban nhân dân phường Tam Kỳ")
    hc = Unit.objects.get(name="Ủy ban nhân dân phường Hải Châu")
    p0 = _record(handler, tk, "recommendation", date(2025, 12, 20), "Sửa đường khối phố 7", family="Lê")
    p1 = _record(handler, tk, "recommendation", date(2026, 3, 2), "Lắp đèn chiếu sáng", family="Trần")
    p2 = _record(handler, tk, "feedback", date(2026, 3, 9), "Ô nhiễm tiếng ồn", family="Phạm")
    p3 = _record(handler, tk, "complaint", date(2026, 4, 1), "Quyết định thu hồi đất", family="Võ")
    p4 = _record(handler, tk, "denunciation", date(2026, 4, 15), "Cán bộ nhận tiền", people=5, family="Đỗ")
    h1 = _record(leader, hc, "complaint", date(2026, 3, 3), "Bồi thường sai diện tích", family="Huỳnh")
    h2 = _record(leader, hc, "feedback", date(2026, 5, 4), "Ngập úng khu dân cư", people=6, family="Bùi")
    assert p4.is_mass and h2.is_mass and not p3.is_mass
    assert p2.due_on == date(2026, 3, 23) and p4.due_on == date(2026, 4, 24)

    def act(petition, action, day, **kw):
        actor = leader if petition.unit_id == hc.pk else handler
        return services.transition(petition, action, actor=actor, today=day, **kw)

    act(p0, "answer", date(2025, 12, 22), reply="Đã trả lời.")
    act(h1, "accept", date(2026, 3, 4), reply="Đã thụ lý.")
    act(p1, "answer", date(2026, 3, 5), reply="Đã trả lời.")
    act(h1, "resolve", date(2026, 3, 20), reply="Đã giải quyết.", data={"resolution_number": "12/QĐ-UBND"})
    assert tick.escalate(date(2026, 3, 24), timezone.now()).count == 1  # p2
    act(p2, "answer", date(2026, 3, 26), reply="Đã trả lời.")
    act(p3, "accept", date(2026, 4, 6), reply="Đã thụ lý.")
    assert tick.escalate(date(2026, 4, 27), timezone.now()).count == 1  # p4

    tk_spot = services.declare_hot_spot(
        tk.area, tk, reason="Khiếu kiện đông người.", actor=danang, today=date(2026, 5, 10)
    )
    hc_first = services.declare_hot_spot(
        hc.area, hc, reason="Tập trung đông người.", actor=danang, today=date(2026, 6, 1)
    )
    services.clear_hot_spot(hc_first, reason="Đã đối thoại.", actor=danang, today=date(2026, 6, 20))
    services.declare_hot_spot(hc.area, hc, reason="Tái phát.", actor=danang, today=date(2026, 7, 1))
    return {
        "tk": tk,
        "hc": hc,
        "tk_party": Unit.objects.get(name="Đảng ủy phường Tam Kỳ"),
        "hc_party": Unit.objects.get(name="Đảng ủy phường Hải Châu"),
        "city": Unit.objects.get(name="Thành ủy Đà Nẵng"),
        "tk_spot": tk_spot,
    }


# (unit, period) -> the values of CODES in order, counted by hand from the module's docstring:
#                    received accepted resolved on time overdue mass hot spots
EXPECTED = {
    ("tk", YEAR):        (4, 1, 2, 1, 2, 1, 1),
    ("tk_party", YEAR):  (4, 1, 2, 1, 2, 1, 1),
    ("hc", YEAR):        (2, 1, 1, 1, 0, 1, 2),
    ("hc_party", YEAR):  (2, 1, 1, 1, 0, 1, 2),
    ("city", YEAR):      (6, 2, 3, 2, 2, 2, 3),
    ("city", Q1):        (3, 1, 3, 2, 1, 0, 0),
    ("city", Q2):        (3, 1, 0, 0, 1, 2, 2),
    ("city", LAST_YEAR): (1, 0, 1, 1, 0, 0, 0),
}  # fmt: skip


@pytest.mark.parametrize(("unit", "period"), list(EXPECTED))
def test_each_metric_counts_what_it_says(world, unit, period):
    got = tuple(registry.get(code).value_for(world[unit], *period) for code in CODES)
    assert got == EXPECTED[(unit, period)]


def test_by_kind(world):
    city = world["city"]
    assert registry.get("petitions.received").breakdown("kind", city, *YEAR) == {
        "recommendation": 1,
        "feedback": 2,
        "complaint": 2,
        "denunciation": 1,
    }
    assert registry.get("petitions.accepted").breakdown("kind", city, *YEAR) == {"complaint": 2}
    assert registry.get("petitions.resolved").breakdown("kind", city, *YEAR) == {
        "recommendation": 1,
        "feedback": 1,
        "complaint": 1,
    }
    assert registry.get("petitions.resolved_on_time").breakdown("kind", city, *YEAR) == {
        "recommendation": 1,
        "complaint": 1,
    }
    assert registry.get("petitions.overdue").breakdown("kind", city, *YEAR) == {
        "feedback": 1,
        "denunciation": 1,
    }
    assert registry.get("petitions.mass").breakdown("kind", world["tk"], *YEAR) == {"denunciation": 1}


def test_drill_down_by_child(world):
    city = world["city"]
    children = registry.get("petitions.received").values_by_child(city, *YEAR)
    assert children[world["tk_party"].path] == 4 and children[world["hc_party"].path] == 2
    spots = registry.get("petitions.hot_spots").values_for_units(
        [world["tk_party"], world["hc_party"], city], *YEAR
    )
    assert spots == {world["tk_party"].pk: 1, world["hc_party"].pk: 2, city.pk: 3}


def test_the_api_gives_the_same_values(world, personas):
    city = world["city"]
    for (unit, period), expected in EXPECTED.items():
        if unit not in ("city", "tk_party"):
            continue
        client = personas["ancestor"] if unit == "city" else personas["owner"]
        response = client.get(
            "/api/v1/metrics/values",
            {
                "unit": world[unit].pk,
                "from": period[0].isoformat(),
                "to": period[1].isoformat(),
                "code": list(CODES),
            },
        )
        assert response.status_code == 200
        got = {item["code"]: item["value"] for item in response.json()["values"]}
        assert got == dict(zip(CODES, expected, strict=True))
    # the stranger does not see the city, the owner does not see Hải Châu
    assert personas["stranger"].get("/api/v1/metrics/values", {"unit": city.pk}).status_code == 404
    assert personas["owner"].get("/api/v1/metrics/values", {"unit": world["hc_party"].pk}).status_code == 404
    definitions = {m["code"]: m for m in personas["owner"].get("/api/v1/metrics").json()}
    assert set(CODES) <= set(definitions)
    assert {definitions[c]["group"] for c in CODES} == {"petitions"}


# --- the "no hot spots" target -------------------------------------------------------------------------


@pytest.fixture
def target(db):
    city = Unit.objects.get(name="Thành ủy Đà Nẵng")
    data = {
        "title": "Không để xảy ra điểm nóng",
        "kind": TargetKind.THRESHOLD,
        "start_year": 2026,
        "end_year": 2026,
        "metric_code": "petitions.hot_spots",
        "comparison": Comparison.AT_MOST,
        "goal": 0,
    }
    return target_services.create_target(city, data, actor=_user("canbo.danang"))


def test_no_hot_spots_target_met_without_any(target):
    city = Unit.objects.get(name="Thành ủy Đà Nẵng")
    assert target.goal_text() == "≤ 0"
    for on in (date(2026, 6, 30), date(2027, 1, 15)):
        result = evaluation.evaluate(target, city, on)
        assert (result.actual, result.met, result.status) == (0, True, Status.MET)
    ward = Unit.objects.get(name="Đảng ủy phường Tam Kỳ")
    assert (
        evaluation.evaluate(target, ward, date(2026, 6, 30)).status == Status.MET
    )  # an upper bound applies everywhere


def test_no_hot_spots_target_not_met_after_a_declaration(target):
    city = Unit.objects.get(name="Thành ủy Đà Nẵng")
    gov = Unit.objects.get(name="Ủy ban nhân dân phường Tam Kỳ")
    spot = services.declare_hot_spot(
        gov.area, gov, reason="Khiếu kiện đông người.", actor=_user("canbo.danang"), today=date(2026, 5, 10)
    )
    before = evaluation.evaluate(target, city, date(2026, 5, 9))
    assert (before.actual, before.met) == (0, True)
    during = evaluation.evaluate(target, city, date(2026, 6, 30))
    assert (during.actual, during.met, during.status) == (1, False, Status.AT_RISK)
    # clearing it does not undo that the area became a hot spot in the year
    services.clear_hot_spot(spot, reason="Đã đối thoại.", actor=_user("canbo.danang"), today=date(2026, 7, 1))
    after = evaluation.evaluate(target, city, date(2027, 1, 15))
    assert (after.actual, after.met, after.status) == (1, False, Status.MISSED)
    # seen from the wards: Tam Kỳ broke it, Hải Châu did not
    tamky = Unit.objects.get(name="Đảng ủy phường Tam Kỳ")
    haichau = Unit.objects.get(name="Đảng ủy phường Hải Châu")
    assert evaluation.evaluate(target, tamky, date(2027, 1, 15)).status == Status.MISSED
    assert evaluation.evaluate(target, haichau, date(2027, 1, 15)).status == Status.MET
    with_children = evaluation.evaluate(target, city, date(2027, 1, 15), drill=True)
    short = {row.unit.pk for row in with_children.children if row.met is False}
    assert tamky.pk in short and haichau.pk not in short


def test_the_demo_defines_the_no_hot_spots_target():
    from danvan.targets.demo import TARGETS

    demo = next(t for t in TARGETS if t.metric == "petitions.hot_spots")
    assert (demo.title, demo.kind, demo.goal, demo.comparison, demo.years) == (
        "Không để xảy ra điểm nóng",
        TargetKind.THRESHOLD,
        "0",
        Comparison.AT_MOST,
        (2026, 2026),
    )
