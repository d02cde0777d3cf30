"""/api/v1/targets: every endpoint for each persona, the results and drill-down, writes through
the services, bad input as a 4xx in Vietnamese that changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from danvan.accounts.models import ApiToken
from danvan.targets import services
from danvan.targets.models import MilestoneRecord, RateReport, ScorecardScheme, Target, TargetKind
from tests.targets.conftest import (
    AN_THO,
    TAMKY,
    TAMKY_FRONT,
    coverage,
    rate,
    report,
    self_management,
    target,
    unit,
    unit_type,
    villages,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/targets"
PERSONAS = ["owner", "ancestor", "stranger", "leader", "anonymous"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def api(client, method: str, url: str, body=None, **params):
    if method == "get":
        return client.get(url, params)
    if method == "delete":
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return client.delete(f"{url}?{query}" if query else url)
    return getattr(client, method)(url, body or {}, content_type="application/json")


@dataclass
class World:
    owner: object
    ancestor: object
    city: object
    objects: dict = field(default_factory=dict)

    def _once(self, key, build):
        if key not in self.objects:
            self.objects[key] = build()
        return self.objects[key]

    def city_target(self):
        return self._once(
            "city", lambda: coverage(self.city, self.ancestor, title="100% thôn có mô hình tự quản")
        )

    def ward_target(self):
        return self._once("ward", lambda: coverage(unit(TAMKY), self.ancestor, title="100% khối phố"))

    def rate_target(self):
        return self._once("rate", lambda: rate(self.city, self.ancestor, title="Trên 70% hội viên"))

    def report(self):
        return self._once("report", lambda: report(self.rate_target(), unit(TAMKY_FRONT), self.owner, 7, 10))

    def milestone_target(self):
        return self._once(
            "milestone",
            lambda: target(unit(TAMKY), self.ancestor, TargetKind.MILESTONE, goal="2", title="02 tuyến phố"),
        )

    def record(self):
        return self._once(
            "record",
            lambda: services.record_milestone(
                self.milestone_target(),
                unit(AN_THO),
                {"subject": "Tuyến phố Hùng Vương", "reached_on": date(2026, 5, 1)},
                actor=self.owner,
            ),
        )

    def scheme(self):
        return self._once(
            "scheme",
            lambda: services.create_scheme(
                self.city,
                {"name": "Bảng điểm năm 2026", "year": 2026, "unit_type": unit_type("party_committee")},
                [{"source": "initiatives.registered", "weight": 100}],
                actor=self.ancestor,
            ),
        )


@dataclass
class Case:
    name: str
    method: str
    url: Callable[[World], str]
    expected: dict[str, int]
    body: Callable[[World], dict] | None = None
    params: Callable[[World], dict] = lambda w: {}
    measure: Callable[[World], object] | None = None
    allowed: set[str] = field(default_factory=set)


def seen(**overrides):
    return {"owner": 200, "ancestor": 200, "stranger": 200, "leader": 200, "anonymous": 401, **overrides}


def ward(**overrides):
    return seen(stranger=404, **overrides)


def target_body(issuer, title):
    return {
        "issuing_unit": issuer.pk,
        "title": title,
        "kind": "coverage",
        "start_year": 2026,
        "metric_code": "initiatives.self_management_registered",
        "unit_type": unit_type("village_front_committee").pk,
        "goal": 100,
    }


CASES = [
    Case("results of Tam Kỳ", "get", lambda w: URL, ward(), params=lambda w: {"unit": unit(TAMKY).pk}),
    Case(
        "results of the city",
        "get",
        lambda w: URL,
        seen(owner=404, stranger=404),
        params=lambda w: {"unit": w.city.pk},
    ),
    Case("city target", "get", lambda w: f"{URL}/{w.city_target().pk}", seen()),
    Case("ward target", "get", lambda w: f"{URL}/{w.ward_target().pk}", ward()),
    Case(
        "city target from the city",
        "get",
        lambda w: f"{URL}/{w.city_target().pk}",
        seen(owner=404, stranger=404),
        params=lambda w: {"unit": w.city.pk},
    ),
    Case("history", "get", lambda w: f"{URL}/{w.city_target().pk}/history", seen()),
    Case("reports", "get", lambda w: (w.report(), f"{URL}/{w.rate_target().pk}/reports")[1], seen()),
    Case(
        "milestones", "get", lambda w: (w.record(), f"{URL}/{w.milestone_target().pk}/milestones")[1], ward()
    ),
    Case("schemes", "get", lambda w: (w.scheme(), f"{URL}/scorecards/schemes")[1], seen()),
    Case("scheme", "get", lambda w: f"{URL}/scorecards/schemes/{w.scheme().pk}", seen()),
    Case("scheme history", "get", lambda w: f"{URL}/scorecards/schemes/{w.scheme().pk}/history", seen()),
    Case(
        "scorecard of Tam Kỳ",
        "get",
        lambda w: f"{URL}/scorecards",
        ward(),
        params=lambda w: {"scheme": w.scheme().pk, "unit": unit(TAMKY).pk},
    ),
    Case(
        "ranking",
        "get",
        lambda w: f"{URL}/scorecards/ranking",
        seen(owner=403, stranger=403),
        params=lambda w: {"scheme": w.scheme().pk},
    ),
    # --- writes ---
    Case(
        "create",
        "post",
        lambda w: URL,
        seen(owner=201, ancestor=201, stranger=404, leader=403),
        body=lambda w: target_body(unit(TAMKY_FRONT), "Mục tiêu của Mặt trận phường"),
        measure=lambda w: Target.objects.count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "update",
        "patch",
        lambda w: f"{URL}/{w.city_target().pk}",
        seen(owner=403, stranger=403, leader=403),
        body=lambda w: {"goal": 90, "reason": "Điều chỉnh"},
        measure=lambda w: Target.objects.get(pk=w.city_target().pk).goal,
        allowed={"ancestor"},
    ),
    Case(
        "withdraw",
        "post",
        lambda w: f"{URL}/{w.city_target().pk}/transitions",
        seen(owner=403, stranger=403, leader=403),
        body=lambda w: {"action": "withdraw", "comment": "Trùng"},
        measure=lambda w: Target.objects.get(pk=w.city_target().pk).in_force,
        allowed={"ancestor"},
    ),
    Case(
        "report",
        "post",
        lambda w: f"{URL}/{w.rate_target().pk}/reports",
        seen(owner=201, ancestor=201, stranger=404, leader=403),
        body=lambda w: {
            "unit": unit(TAMKY_FRONT).pk,
            "period_end": "2026-06-30",
            "numerator": 7,
            "denominator": 10,
        },
        measure=lambda w: RateReport.objects.count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "evidence",
        "multipart",
        lambda w: f"{URL}/{w.rate_target().pk}/reports/{w.report().pk}/evidence",
        ward(leader=403),
        measure=lambda w: RateReport.objects.get(pk=w.report().pk).evidence_name,
        allowed={"owner", "ancestor"},
    ),
    Case(
        "record a milestone",
        "post",
        lambda w: f"{URL}/{w.milestone_target().pk}/milestones",
        ward(owner=201, ancestor=201, leader=403),
        body=lambda w: {"unit": unit(AN_THO).pk, "subject": "Tuyến phố Lê Lợi", "reached_on": "2026-06-02"},
        measure=lambda w: MilestoneRecord.objects.count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "remove a milestone",
        "delete",
        lambda w: f"{URL}/{w.milestone_target().pk}/milestones/{w.record().pk}",
        ward(owner=204, ancestor=204, leader=403),
        params=lambda w: {"reason": "Ghi nhầm"},
        measure=lambda w: MilestoneRecord.objects.count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "create a scheme",
        "post",
        lambda w: f"{URL}/scorecards/schemes",
        seen(owner=404, ancestor=201, stranger=404, leader=403),
        body=lambda w: {
            "issuing_unit": w.city.pk,
            "name": "Bảng điểm khác",
            "year": 2026,
            "items": [{"source": "initiatives.registered", "weight": 100}],
        },
        measure=lambda w: ScorecardScheme.objects.count(),
        allowed={"ancestor"},
    ),
    Case(
        "update a scheme",
        "patch",
        lambda w: f"{URL}/scorecards/schemes/{w.scheme().pk}",
        seen(owner=403, stranger=403, leader=403),
        body=lambda w: {"name": "Bảng điểm năm 2026 (sửa)", "reason": "Đổi tên"},
        measure=lambda w: ScorecardScheme.objects.get(pk=w.scheme().pk).name,
        allowed={"ancestor"},
    ),
]


@pytest.fixture
def world(owner, ancestor, city):
    return World(owner, ancestor, city)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_permission_matrix(all_personas, world, case, persona):
    url = case.url(world)
    client = all_personas[persona]
    before = case.measure(world) if case.measure else None
    if case.method == "multipart":
        response = client.post(url, {"file": SimpleUploadedFile("bien-ban.pdf", PDF)})
    else:
        body = case.body(world) if case.body else None
        response = api(client, case.method, url, body, **case.params(world))
    if case.measure:
        after = case.measure(world)
        if persona in case.allowed:
            assert after != before, f"{persona} was allowed but nothing changed"
        else:
            assert after == before, f"{persona} was refused but something changed"
    assert response.status_code == case.expected[persona], (persona, response.content[:300])
    if response.status_code >= 400:
        assert response.json()["detail"]


def test_results_for_a_unit(personas, world, owner):
    tgt = world.city_target()
    self_management(villages(unit(TAMKY))[0], owner)
    body = personas["owner"].get(URL, {"unit": unit(TAMKY).pk, "on": "2026-07-02"}).json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["target"]["id"] == tgt.pk and item["target"]["goal_text"] == "≥ 100%"
    assert item["unit"]["id"] == unit(TAMKY).pk and item["on"] == "2026-07-02"
    assert (item["actual"], item["numerator"], item["denominator"]) == (25, 1, 4)
    assert item["status"] == "at_risk" and item["progress"] == 25 and item["elapsed"] == 50
    assert item["period"] == {
        "start": "2026-01-01",
        "end": "2026-12-31",
        "measured_to": "2026-07-02",
        "over": False,
    }
    missed = (
        personas["owner"].get(URL, {"unit": unit(TAMKY).pk, "on": "2027-01-05", "status": "missed"}).json()
    )
    assert missed["count"] == 1
    none = personas["owner"].get(URL, {"unit": unit(TAMKY).pk, "status": "met"}).json()
    assert none == {"count": 0, "items": []}


def test_the_drill_down(personas, world, owner):
    tgt = world.city_target()
    self_management(villages(unit(TAMKY))[0], owner)
    body = personas["ancestor"].get(f"{URL}/{tgt.pk}", {"limit": 5}).json()
    assert body["unit"]["id"] == world.city.pk and body["denominator"] == 15
    assert body["units_short"]["count"] == 14 and len(body["units_short"]["items"]) == 5
    children = {row["unit"]["name"]: row for row in body["children"]["items"]}
    assert children["Đảng ủy phường Tam Kỳ"]["numerator"] == 1 and children["Đảng ủy phường Tam Kỳ"]["short"]
    assert body["allowed_actions"] == ["withdraw"]
    ward_view = personas["owner"].get(f"{URL}/{tgt.pk}").json()
    assert ward_view["unit"]["id"] == unit(TAMKY).pk and ward_view["allowed_actions"] == []


def test_a_rate_report_through_the_api(personas, world):
    tgt = world.rate_target()
    client = personas["owner"]
    body = {
        "unit": unit(TAMKY_FRONT).pk,
        "period_end": "2026-06-30",
        "period_label": "6 tháng đầu năm 2026",
        "numerator": 780,
        "denominator": 1000,
    }
    created = client.post(f"{URL}/{tgt.pk}/reports", body, content_type="application/json")
    assert created.status_code == 201 and created.json()["rate"] == 78
    corrected = client.post(
        f"{URL}/{tgt.pk}/reports", {**body, "numerator": 800}, content_type="application/json"
    )
    assert corrected.status_code == 200 and corrected.json()["id"] == created.json()["id"]
    report_id = created.json()["id"]
    upload = client.post(
        f"{URL}/{tgt.pk}/reports/{report_id}/evidence", {"file": SimpleUploadedFile("bb.pdf", PDF)}
    )
    assert upload.status_code == 200 and upload.json()["evidence_url"].endswith(
        f"/targets/reports/{report_id}/evidence/"
    )
    detail = personas["ancestor"].get(f"{URL}/{tgt.pk}").json()
    assert detail["actual"] == 80 and detail["reports"]["count"] == 1
    assert detail["not_reported"]["count"] > 50


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("post", "", {"title": "x"}, 422),  # fields missing
        ("post", "", "bad-target", 400),
        ("post", "", "bad-type", 422),
        ("patch", "/{city}", {"goal": -5}, 422),
        ("patch", "/{city}", {"kind": "rate", "goal": 150}, 400),
        ("post", "/{city}/transitions", {"action": "withdraw"}, 400),  # no reason
        ("post", "/{city}/transitions", {"action": "explode"}, 400),
        (
            "post",
            "/{rate}/reports",
            {"unit": 0, "period_end": "2026-06-30", "numerator": 1, "denominator": 1},
            422,
        ),
        ("post", "/{rate}/reports", "bad-report", 400),
        (
            "post",
            "/{rate}/reports",
            {"unit": "{front}", "period_end": "30/06/2026", "numerator": 1, "denominator": 2},
            422,
        ),
    ],
)
def test_bad_input_is_a_4xx_in_vietnamese_and_changes_nothing(personas, world, method, path, body, status):
    tgt, rate_target = world.city_target(), world.rate_target()
    front = unit(TAMKY_FRONT).pk
    if body == "bad-target":
        body = {**target_body(world.city, "Sai"), "goal": 150}
    elif body == "bad-type":
        body = {**target_body(world.city, "Sai"), "unit_type": 999999}
    elif body == "bad-report":
        body = {"unit": front, "period_end": "2026-06-30", "numerator": 11, "denominator": 10}
    elif isinstance(body, dict) and body.get("unit") == "{front}":
        body["unit"] = front
    url = URL + path.format(city=tgt.pk, rate=rate_target.pk)
    before = (Target.objects.count(), RateReport.objects.count(), Target.objects.get(pk=tgt.pk).goal)
    response = getattr(personas["ancestor"], method)(
        url, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="vi"
    )
    assert response.status_code == status, response.content
    assert response.json()["detail"]
    assert (Target.objects.count(), RateReport.objects.count(), Target.objects.get(pk=tgt.pk).goal) == before


def test_scorecard_and_ranking(personas, world, owner):
    from tests.initiatives.conftest import make

    make(unit(TAMKY), owner, "Mô hình của phường")
    scheme = world.scheme()
    card = personas["owner"].get(f"{URL}/scorecards", {"scheme": scheme.pk, "unit": unit(TAMKY).pk}).json()
    assert card["scorecard"]["rank"] == 1 and card["scorecard"]["score"] == 100 and card["units_ranked"] == 93
    [part] = card["scorecard"]["items"]
    assert (part["source"], part["value"], part["basis"], part["points"]) == (
        "initiatives.registered",
        1,
        1,
        100,
    )
    ranking = personas["ancestor"].get(f"{URL}/scorecards/ranking", {"scheme": scheme.pk, "limit": 3}).json()
    assert ranking["count"] == 93 and ranking["items"][0]["unit"]["id"] == unit(TAMKY).pk
    assert (
        personas["ancestor"]
        .get(f"{URL}/scorecards", {"scheme": scheme.pk, "unit": world.city.pk})
        .status_code
        == 404
    )


def test_bearer_token(world, owner):
    world.city_target()
    _token, raw = ApiToken.issue(owner, "tests")
    response = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get(URL, {"unit": unit(TAMKY).pk})
    assert response.status_code == 200 and response.json()["count"] == 1
