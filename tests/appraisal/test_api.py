"""The appraisal API: the permission matrix of every endpoint, the hidden-score rules (the
pages' own), versions, results and the proposal list, and bad input (422/400, nothing changed)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.test import Client

from danvan.appraisal import services
from danvan.appraisal.models import CriteriaSet, CriterionKind
from danvan.appraisal.workflow import Position, RoundStatus
from danvan.initiatives.models import Holder
from tests.appraisal.conftest import candidate_of, full_scores
from tests.appraisal.test_services import rows_of, snapshot
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

BASE = "/api/v1/appraisal"
PERSONAS = ["owner", "ancestor", "stranger", "lan", "leader", "anonymous"]


@pytest.fixture
def clients(owner, ancestor, stranger, lan, leader):
    return {
        "owner": client_for(owner),
        "ancestor": client_for(ancestor),
        "stranger": client_for(stranger),
        "lan": client_for(lan),
        "leader": client_for(leader),
        "anonymous": Client(),
    }


def call(client, method, url, body=None):
    if method == "get":
        response = client.get(url)
    else:
        response = getattr(client, method)(url, json.dumps(body or {}), content_type="application/json")
    if response.status_code != 204:
        assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response


def api_rows(criteria_set) -> list[dict]:
    return [
        {**row, "max_points": str(row["max_points"]), "weight": str(row["weight"])}
        for row in rows_of(criteria_set)
    ]


def set_body(criteria_set, **changes) -> dict:
    return {
        "name": criteria_set.name,
        "description": criteria_set.description,
        "rule": criteria_set.rule,
        "trim": criteria_set.trim,
        "recognition_threshold": str(criteria_set.recognition_threshold),
        "typical_threshold": str(criteria_set.typical_threshold),
        "criteria": api_rows(criteria_set),
        **changes,
    }


# --- the matrix ------------------------------------------------------------------------------------

READS = [
    # path, status per persona (owner, ancestor, stranger, lan, leader, anonymous)
    ("/templates", (200, 200, 200, 200, 200, 401)),
    ("/criteria-sets", (200, 200, 200, 200, 200, 401)),
    ("/criteria-sets/{set}", (200, 200, 200, 200, 200, 401)),
    ("/criteria-sets/{set}/versions", (200, 200, 200, 200, 200, 401)),
    ("/criteria-sets/{set}/history", (200, 200, 200, 200, 200, 401)),
    ("/rounds", (200, 200, 200, 200, 200, 401)),
    ("/rounds/{round}", (404, 200, 404, 200, 200, 401)),
    ("/rounds/{round}/candidates", (404, 200, 404, 200, 200, 401)),
    ("/rounds/{round}/council", (404, 200, 404, 200, 200, 401)),
    ("/rounds/{round}/history", (404, 200, 404, 200, 200, 401)),
    # hidden while scoring
    ("/rounds/{round}/results", (404, 403, 404, 403, 403, 401)),
    ("/rounds/{round}/proposals", (404, 403, 404, 403, 403, 401)),
    ("/rounds/{round}/candidates/{candidate}/scorecards", (404, 403, 404, 403, 403, 401)),
    # only a member who scores has a scorecard (the city's agency officer is the secretary)
    ("/rounds/{round}/candidates/{candidate}/scorecard", (404, 403, 404, 200, 403, 401)),
]


def fill(path, round_, candidate, criteria_set):
    return BASE + path.format(round=round_.pk, candidate=candidate.pk, set=criteria_set.pk)


@pytest.mark.parametrize("path, statuses", READS)
def test_every_read_for_every_persona(clients, scoring_round, models, sets, path, statuses):
    url = fill(path, scoring_round, candidate_of(scoring_round, models["gov"]), sets[Holder.COLLECTIVE])
    for persona, status in zip(PERSONAS, statuses, strict=True):
        response = call(clients[persona], "get", url)
        assert response.status_code == status, (persona, url, response.content[:200])
        if status >= 400:
            assert response.json()["detail"]


def test_lists_show_what_each_persona_may_see(clients, scoring_round):
    assert call(clients["owner"], "get", f"{BASE}/rounds").json() == {"count": 0, "items": []}
    body = call(clients["leader"], "get", f"{BASE}/rounds").json()
    assert [r["id"] for r in body["items"]] == [scoring_round.pk]
    assert body["items"][0]["candidate_count"] == 3 and body["items"][0]["council_count"] == 4


WRITES = [
    # method, path, body (callable of the world), status per persona, state it needs
    (
        "post",
        "/rounds/{round}/transitions",
        lambda w: {"action": "cancel", "comment": "Thử"},
        (404, 200, 404, 403, 403, 401),
        "scoring",
    ),
    (
        "post",
        "/rounds/{round}/candidates/{candidate}/withdraw",
        lambda w: {"reason": "Rút"},
        (404, 200, 404, 403, 403, 401),
        "scoring",
    ),
    (
        "put",
        "/rounds/{round}/candidates/{candidate}/survey",
        lambda w: {"surveyed": 120, "satisfied_share": "75.5"},
        (404, 200, 404, 403, 403, 401),
        "scoring",
    ),
    (
        "put",
        "/rounds/{round}/candidates/{candidate}/scorecard",
        lambda w: {"comment": "Nháp"},
        (404, 403, 404, 200, 403, 401),
        "scoring",
    ),
    (
        "post",
        "/rounds/{round}/candidates/{candidate}/recusal",
        lambda w: {"reason": "Xung đột"},
        (404, 403, 404, 200, 403, 401),
        "scoring",
    ),
    ("post", "/rounds/{round}/candidates/gather", lambda w: {}, (404, 201, 404, 403, 403, 401), "draft"),
    (
        "post",
        "/rounds/{round}/candidates",
        lambda w: {"initiative": w["models"]["gov"].pk},
        (404, 201, 404, 403, 403, 401),
        "draft",
    ),
    (
        "delete",
        "/rounds/{round}/candidates/{candidate}",
        lambda w: None,
        (404, 204, 404, 403, 403, 401),
        "ready",
    ),
    (
        "post",
        "/rounds/{round}/council",
        lambda w: {"username": "lanhdao.danang", "position": "secretary"},
        (404, 201, 404, 403, 403, 401),
        "ready",
    ),
    ("delete", "/rounds/{round}/council/{member}", lambda w: None, (404, 204, 404, 403, 403, 401), "ready"),
    (
        "put",
        "/criteria-sets/{set}",
        lambda w: set_body(w["set"], recognition_threshold="75"),
        (403, 200, 403, 403, 403, 401),
        "draft",
    ),
    (
        "post",
        "/criteria-sets",
        lambda w: {"issuing_unit": w["city"].pk, "template": "dalat_collective"},
        (404, 201, 404, 403, 403, 401),
        "draft",
    ),
    (
        "post",
        "/rounds",
        lambda w: {"unit": w["city"].pk, "name": "Đợt API", "year": 2026, "collective_set": w["set"].pk},
        (404, 201, 404, 403, 403, 401),
        "draft",
    ),
]


@pytest.mark.parametrize("method, path, body, statuses, state", WRITES)
def test_every_write_for_every_persona(
    request, clients, models, sets, city, method, path, body, statuses, state
):
    round_ = request.getfixturevalue(
        {"scoring": "scoring_round", "draft": "draft_round", "ready": "ready_round"}[state]
    )
    world = {"models": models, "set": sets[Holder.COLLECTIVE], "city": city}
    candidate = (
        round_.candidates.filter(initiative__holder=Holder.COLLECTIVE).first() if state != "draft" else None
    )
    member = round_.council.filter(position=Position.SECRETARY).first()
    url = BASE + path.format(
        round=round_.pk,
        candidate=candidate.pk if candidate else 0,
        set=sets[Holder.COLLECTIVE].pk,
        member=member.pk if member else 0,
    )
    order = sorted(range(len(PERSONAS)), key=lambda i: statuses[i] < 300)  # refusals first
    for index in order:
        before = snapshot()
        response = call(clients[PERSONAS[index]], method, url, body(world))
        assert response.status_code == statuses[index], (PERSONAS[index], url, response.content[:300])
        if statuses[index] >= 300:
            assert snapshot() == before, PERSONAS[index]
            assert response.json()["detail"]


# --- hidden scores, identical to the pages ----------------------------------------------------------


def test_a_member_reads_the_others_only_after_submitting(
    clients, council_clients, scoring_round, models, long_
):
    candidate = candidate_of(scoring_round, models["gov"])
    services.save_scorecard(candidate, actor=long_, scores=full_scores(scoring_round, candidate), submit=True)
    cards = f"{BASE}/rounds/{scoring_round.pk}/candidates/{candidate.pk}/scorecards"
    mine = f"{BASE}/rounds/{scoring_round.pk}/candidates/{candidate.pk}/scorecard"
    hidden = call(clients["lan"], "get", cards)
    assert hidden.status_code == 403 and hidden.json()["detail"]
    assert call(clients["ancestor"], "get", cards).status_code == 403
    blank = call(clients["lan"], "get", mine).json()
    assert blank["status"] is None and all(
        s["points"] is None and s["passed"] is None for s in blank["scores"]
    )
    scores = [
        {"criterion": s["criterion"], "passed": True}
        if s["kind"] == CriterionKind.PASS_FAIL
        else {"criterion": s["criterion"], "points": str(s["max_points"] * 0.5)}
        for s in blank["scores"]
    ]
    draft = call(clients["lan"], "put", mine, {"scores": scores[:2], "comment": "Đang chấm"}).json()
    assert draft["status"] == "draft" and sum(s["passed"] is not None for s in draft["scores"]) == 2
    assert call(clients["lan"], "get", cards).status_code == 403
    done = call(clients["lan"], "put", mine, {"scores": scores, "comment": "Xong", "submit": True})
    assert done.status_code == 200 and done.json()["status"] == "submitted"
    body = call(clients["lan"], "get", cards).json()
    assert {c["member"] for c in body} == {"Bùi Thị Lan", "Phạm Văn Long"}
    # the standing agency: counts only
    listed = call(clients["ancestor"], "get", f"{BASE}/rounds/{scoring_round.pk}/candidates").json()
    row = next(c for c in listed if c["id"] == candidate.pk)
    assert row["progress"] == {"members": 3, "submitted": 2, "recused": 0, "drafting": 0, "pending": 1}
    assert row["result"] is None
    # submitted is final
    again = call(clients["lan"], "put", mine, {"scores": scores, "submit": True})
    assert again.status_code == 400 and again.json()["detail"]


def test_recusal_and_the_flag_through_the_api(council_clients, clients, scoring_round, models):
    front = candidate_of(scoring_round, models["front"])
    mine = f"{BASE}/rounds/{scoring_round.pk}/candidates/{front.pk}/scorecard"
    assert call(council_clients["hanh"], "get", mine).json()["flagged"] is True
    listed = call(clients["ancestor"], "get", f"{BASE}/rounds/{scoring_round.pk}/candidates").json()
    hanh_seat = scoring_round.council.get(user__username="hoidong.hanh").pk
    assert next(c for c in listed if c["id"] == front.pk)["flagged_members"] == [hanh_seat]
    url = f"{BASE}/rounds/{scoring_round.pk}/candidates/{front.pk}/recusal"
    assert call(council_clients["hanh"], "post", url, {"reason": " "}).status_code == 400
    body = call(council_clients["hanh"], "post", url, {"reason": "Tôi là Chủ tịch MTTQ phường"}).json()
    assert body["status"] == "recused" and body["flagged"] is True
    listed = call(clients["ancestor"], "get", f"{BASE}/rounds/{scoring_round.pk}/candidates").json()
    assert next(c for c in listed if c["id"] == front.pk)["flagged_members"] == []


def test_results_and_the_proposal_list_once_closed(clients, scoring_round, models, lan, long_, ancestor):
    for key, share in (("gov", Decimal("0.95")), ("front", Decimal("0.6")), ("person", Decimal("0.8"))):
        candidate = candidate_of(scoring_round, models[key])
        for member in (lan, long_):
            services.save_scorecard(
                candidate, actor=member, scores=full_scores(scoring_round, candidate, share), submit=True
            )
    closed = call(
        clients["ancestor"], "post", f"{BASE}/rounds/{scoring_round.pk}/transitions", {"action": "close"}
    )
    assert closed.json()["status"] == "closed" and closed.json()["results_published"]
    results = call(clients["leader"], "get", f"{BASE}/rounds/{scoring_round.pk}/results").json()
    groups = {g["holder"]: g for g in results["groups"]}
    collective = groups["collective"]
    assert collective["recognition_threshold"] == 70 and len(collective["criteria"]) == 10
    assert [(i["initiative"]["id"], i["rank"], i["overall"], i["typical"]) for i in collective["items"]] == [
        (models["gov"].pk, 1, 93.0, True),
        (models["front"].pk, 2, 65.0, False),
    ]
    satisfaction = next(c for c in collective["criteria"] if c["kind"] == "satisfaction")
    first = collective["items"][0]["criteria"]
    assert next(c for c in first if c["criterion"] == satisfaction["id"])["points"] == 17.0
    assert groups["individual"]["items"][0]["overall"] == 84.0
    proposals = call(clients["leader"], "get", f"{BASE}/rounds/{scoring_round.pk}/proposals").json()
    assert [(p["initiative"]["id"], p["typical"]) for p in proposals] == [
        (models["gov"].pk, True),
        (models["person"].pk, False),
    ]
    listed = call(clients["leader"], "get", f"{BASE}/rounds/{scoring_round.pk}/candidates").json()
    assert {c["result"]["overall"] for c in listed} == {93.0, 65.0, 84.0}
    # cards: the agency and the council after closing, not a leader
    gov = candidate_of(scoring_round, models["gov"])
    cards = f"{BASE}/rounds/{scoring_round.pk}/candidates/{gov.pk}/scorecards"
    assert len(call(clients["ancestor"], "get", cards).json()) == 2
    assert call(clients["leader"], "get", cards).status_code == 403
    history = call(clients["leader"], "get", f"{BASE}/rounds/{scoring_round.pk}/history").json()
    assert history["events"][-1]["action"] == "close" and history["events"][-1]["actor"] == "canbo.danang"


# --- versions ------------------------------------------------------------------------------------------


def test_put_changes_in_place_until_used_then_makes_a_version(clients, sets, ready_round, ancestor):
    collective = sets[Holder.COLLECTIVE]
    url = f"{BASE}/criteria-sets/{collective.pk}"
    response = call(clients["ancestor"], "put", url, set_body(collective, recognition_threshold="72.5"))
    assert response.status_code == 200 and response.json()["id"] == collective.pk
    assert response.json()["recognition_threshold"] == 72.5 and not response.json()["in_use"]
    services.transition(ready_round, "open", actor=ancestor)
    collective.refresh_from_db()
    response = call(
        clients["ancestor"], "put", url, set_body(collective, recognition_threshold="75", reason="Nâng")
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["version"], body["previous_id"], body["is_current"]) == (2, collective.pk, True)
    old = call(clients["ancestor"], "get", url).json()
    assert (old["is_current"], old["in_use"], old["next_version_id"], old["can_edit"]) == (
        False,
        True,
        body["id"],
        False,
    )
    assert [v["version"] for v in call(clients["ancestor"], "get", f"{url}/versions").json()] == [2, 1]
    stale = call(clients["ancestor"], "put", url, set_body(collective))
    assert stale.status_code == 400
    history = call(clients["ancestor"], "get", f"{url}/history").json()
    assert any("2" in (e["reason"] or "") for e in history)
    listed = call(clients["ancestor"], "get", f"{BASE}/criteria-sets?current=true").json()
    assert collective.pk not in {s["id"] for s in listed["items"]}


# --- bad input ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"recognition_threshold": "101"},
        {"typical_threshold": "-1"},
        {"rule": "geometric"},
        {"trim": 6},
        {"name": ""},
        {"name": "a\x00b"},
        {"criteria": []},
        {"criteria": [{"title": "X", "kind": "stars", "max_points": "10"}]},
        {"criteria": [{"title": "X", "kind": "points", "max_points": "1001"}]},
        {"criteria": [{"title": "X", "kind": "points", "max_points": "10", "weight": "0"}]},
        {"criteria": [{"title": "X", "kind": "points", "max_points": "1.234"}]},
        {"criteria": [{"title": "", "kind": "points", "max_points": "10"}]},
        {"criteria": [{"id": 2**63, "title": "X", "kind": "points", "max_points": "10"}]},
        {"campaign": 0},
    ],
)
def test_bad_set_bodies_are_422(clients, sets, changes):
    collective = sets[Holder.COLLECTIVE]
    before = snapshot()
    response = call(
        clients["ancestor"], "put", f"{BASE}/criteria-sets/{collective.pk}", set_body(collective, **changes)
    )
    assert response.status_code == 422, response.content[:300]
    assert response.json()["detail"]
    assert snapshot() == before


@pytest.mark.parametrize(
    "changes",
    [
        {"recognition_threshold": "80", "typical_threshold": "70"},
        {"criteria": [{"title": "X", "kind": "points", "max_points": "10", "mandatory": True}]},
        {"criteria": [{"title": "X", "kind": "pass_fail", "max_points": "0"}]},
        {
            "criteria": [
                {"title": "X", "kind": "satisfaction", "max_points": "10"},
                {"title": "Y", "kind": "satisfaction", "max_points": "10"},
            ]
        },
    ],
)
def test_refused_set_bodies_are_400_with_a_message(clients, sets, changes):
    collective = sets[Holder.COLLECTIVE]
    before = snapshot()
    response = call(
        clients["ancestor"], "put", f"{BASE}/criteria-sets/{collective.pk}", set_body(collective, **changes)
    )
    assert response.status_code == 400 and response.json()["detail"].strip()
    assert snapshot() == before


@pytest.mark.parametrize(
    "body, status",
    [
        ({"issuing_unit": 0, "template": "province_common"}, 422),
        ({"issuing_unit": 2**64, "template": "province_common"}, 422),
        ({"template": "province_common"}, 422),
        ({"issuing_unit": "city", "template": "unknown"}, 422),
        ({"issuing_unit": "city", "template": "Province"}, 422),
        ({"issuing_unit": "city", "template": "province_common", "holder": "both"}, 422),
        ({"issuing_unit": "city", "template": "province_common", "campaign": 10**9}, 422),
        ({"issuing_unit": 10**9, "template": "province_common"}, 404),
    ],
)
def test_bad_set_creations(clients, city, body, status):
    body = {k: city.pk if v == "city" else v for k, v in body.items()}
    before = snapshot()
    response = call(clients["ancestor"], "post", f"{BASE}/criteria-sets", body)
    assert response.status_code == status, response.content[:300]
    assert snapshot() == before


def test_bad_rounds_and_round_actions(clients, city, sets, scoring_round, draft_round, models):
    rounds = f"{BASE}/rounds"
    individual = sets[Holder.INDIVIDUAL]
    for body, status in [
        ({"unit": city.pk, "name": "Đợt", "year": 1999, "collective_set": individual.pk}, 422),
        ({"unit": city.pk, "name": "", "year": 2026}, 422),
        ({"unit": city.pk, "name": "Đợt", "year": 2026}, 400),
        ({"unit": city.pk, "name": "Đợt", "year": 2026, "collective_set": individual.pk}, 400),
        ({"unit": city.pk, "name": "Đợt", "year": 2026, "collective_set": 10**9}, 422),
    ]:
        before = snapshot()
        response = call(clients["ancestor"], "post", rounds, body)
        assert response.status_code == status, (body, response.content[:300])
        assert snapshot() == before
    here = f"{BASE}/rounds/{scoring_round.pk}"
    candidate = candidate_of(scoring_round, models["gov"])
    criteria = services.member_criteria(scoring_round, Holder.COLLECTIVE)
    points = next(c for c in criteria if c.kind == CriterionKind.POINTS)
    for method, url, body, status, who in [
        ("post", f"{here}/transitions", {"action": "Open"}, 422, "ancestor"),
        ("post", f"{here}/transitions", {"action": "publish"}, 400, "ancestor"),
        ("post", f"{here}/transitions", {"action": "cancel"}, 400, "ancestor"),
        ("post", f"{here}/transitions", {"action": "open"}, 400, "ancestor"),
        (
            "put",
            f"{here}/candidates/{candidate.pk}/survey",
            {"surveyed": 0, "satisfied_share": "50"},
            422,
            "ancestor",
        ),
        (
            "put",
            f"{here}/candidates/{candidate.pk}/survey",
            {"surveyed": 5, "satisfied_share": "100.5"},
            422,
            "ancestor",
        ),
        ("post", f"{here}/candidates/{candidate.pk}/withdraw", {"reason": ""}, 400, "ancestor"),
        ("post", f"{here}/council", {"username": "lanhdao.danang", "position": "member"}, 400, "ancestor"),
        ("post", f"{here}/council", {"username": "nobody", "position": "member"}, 422, "ancestor"),
        (
            "put",
            f"{here}/candidates/{candidate.pk}/scorecard",
            {"scores": [{"criterion": points.pk, "points": "1000.5"}]},
            422,
            "lan",
        ),
        (
            "put",
            f"{here}/candidates/{candidate.pk}/scorecard",
            {"scores": [{"criterion": points.pk, "points": "20.5"}]},
            400,
            "lan",
        ),
        (
            "put",
            f"{here}/candidates/{candidate.pk}/scorecard",
            {"scores": [{"criterion": 10**9, "points": "1"}]},
            400,
            "lan",
        ),
        (
            "put",
            f"{here}/candidates/{candidate.pk}/scorecard",
            {"scores": [{"criterion": points.pk, "points": "1"}, {"criterion": points.pk, "points": "2"}]},
            422,
            "lan",
        ),
        ("put", f"{here}/candidates/{candidate.pk}/scorecard", {"scores": [], "submit": True}, 400, "lan"),
        ("put", f"{here}/candidates/{candidate.pk}/scorecard", {"comment": "a\x00"}, 422, "lan"),
        ("delete", f"{here}/candidates/{candidate.pk}", None, 400, "ancestor"),
        ("get", f"{here}/candidates/{10**9}/scorecard", None, 404, "lan"),
        ("post", f"{BASE}/rounds/{draft_round.pk}/candidates", {"initiative": 10**9}, 422, "ancestor"),
        ("post", f"{BASE}/rounds/{draft_round.pk}/candidates", {"initiative": "x"}, 422, "ancestor"),
    ]:
        before = snapshot()
        response = call(clients[who], method, url, body)
        assert response.status_code == status, (url, body, response.content[:300])
        assert response.json()["detail"]
        assert snapshot() == before


def test_creating_from_a_template_and_listing(clients, city):
    created = call(
        clients["ancestor"],
        "post",
        f"{BASE}/criteria-sets",
        {
            "issuing_unit": city.pk,
            "template": "dalat_individual",
            "name": "Tiêu chuẩn điển hình cá nhân 2026",
        },
    )
    assert created.status_code == 201
    body = created.json()
    assert body["holder"] == "individual" and len(body["criteria"]) == 5 and body["can_edit"]
    assert CriteriaSet.objects.get(pk=body["id"]).name == "Tiêu chuẩn điển hình cá nhân 2026"
    listed = call(clients["owner"], "get", f"{BASE}/criteria-sets?holder=individual&q=tieu chuan").json()
    assert [s["id"] for s in listed["items"]] == [body["id"]]
    within = call(clients["ancestor"], "get", f"{BASE}/rounds?within={city.pk}&status=closed").json()
    assert within["count"] == 0
    assert call(clients["owner"], "get", f"{BASE}/rounds?within={city.pk}").status_code == 404
    templates = call(clients["owner"], "get", f"{BASE}/templates").json()
    assert {t["code"] for t in templates} == {"province_common", "dalat_collective", "dalat_individual"}


def test_a_round_through_the_api(clients, city, sets, models, lan, hanh, long_):
    created = call(
        clients["ancestor"],
        "post",
        f"{BASE}/rounds",
        {
            "unit": city.pk,
            "name": "Đợt qua API",
            "year": 2026,
            "collective_set": sets[Holder.COLLECTIVE].pk,
            "individual_set": sets[Holder.INDIVIDUAL].pk,
        },
    )
    assert created.status_code == 201
    round_id = created.json()["id"]
    here = f"{BASE}/rounds/{round_id}"
    gathered = call(clients["ancestor"], "post", f"{here}/candidates/gather")
    assert gathered.status_code == 201 and len(gathered.json()) == 3
    for username, position in (
        ("hoidong.danang", "chair"),
        ("hoidong.hanh", "member"),
        ("hoidong.long", "member"),
    ):
        assert (
            call(
                clients["ancestor"], "post", f"{here}/council", {"username": username, "position": position}
            ).status_code
            == 201
        )
    opened = call(clients["ancestor"], "post", f"{here}/transitions", {"action": "open"})
    assert opened.status_code == 200 and opened.json()["status"] == RoundStatus.SCORING
    assert [a["action"] for a in opened.json()["allowed_actions"]] == ["close", "cancel"]
    detail = call(clients["lan"], "get", here).json()
    assert detail["my_position"] == "chair" and not detail["can_manage"] and detail["allowed_actions"] == []
