"""The funding API: what each persona may see and do, what the answers contain, bad input."""

from __future__ import annotations

import json

import pytest

from danvan.funding.models import Allocation, Expenditure, Purpose
from tests.api.conftest import get_json
from tests.funding.conftest import spend
from tests.initiatives.conftest import vi_plain

pytestmark = pytest.mark.django_db

BASE = "/api/v1/funding"
PERSONAS = ["owner", "ancestor", "stranger", "leader", "anonymous"]


def send(client, method, url, body, status):
    response = getattr(client, method)(url, json.dumps(body), content_type="application/json")
    assert response.status_code == status, (url, body, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


@pytest.fixture
def api(all_personas):
    return all_personas


def spending_body(where, **extra) -> dict:
    return {
        "unit": where.pk,
        "date": "2026-03-20",
        "amount": 2_500_000,
        "purpose": "communication",
        "description": "In tờ rơi tuyên truyền mô hình",
        "voucher_reference": "PC-099",
        **extra,
    }


# --- end to end -------------------------------------------------------------------------------------


def test_allocate_spend_correct_void_and_read_back(api, tamky, model):
    city_officer, ward_officer = api["ancestor"], api["owner"]
    allocation = send(
        city_officer,
        "post",
        f"{BASE}/allocations",
        {"unit": tamky.pk, "year": 2026, "amount": 100_000_000, "decision_reference": "QĐ số 12/QĐ-UBND"},
        201,
    )
    assert allocation["source"] == "state_budget" and allocation["remaining"] == 100_000_000
    assert allocation["allowed_actions"][0]["action"] == "void"
    support = send(
        ward_officer,
        "post",
        f"{BASE}/expenditures",
        spending_body(
            tamky,
            amount=20_000_000,
            purpose="model_support",
            initiative=model.pk,
            allocation=allocation["id"],
        ),
        201,
    )
    assert support["initiative"] == {"id": model.pk, "name": model.name}
    assert support["allocation_id"] == allocation["id"] and not support["is_void"]
    read = get_json(ward_officer, f"{BASE}/allocations/{allocation['id']}")
    assert (read["charged"], read["remaining"], read["allowed_actions"]) == (20_000_000, 80_000_000, [])

    url = f"{BASE}/expenditures/{support['id']}"
    changed = send(ward_officer, "patch", url, {"amount": 25_000_000, "reason": "Theo chứng từ"}, 200)
    assert changed["amount"] == 25_000_000
    voided = send(
        ward_officer, "post", f"{url}/transitions", {"action": "void", "comment": "Nhập trùng"}, 200
    )
    assert voided["is_void"] and voided["void_reason"] == "Nhập trùng" and voided["allowed_actions"] == []
    history = get_json(ward_officer, f"{url}/history")
    assert [h["reason"] for h in history][:2] == ["Nhập trùng", "Theo chứng từ"]
    assert history[0]["user"] == "canbo.tamky"

    summary = get_json(city_officer, f"{BASE}/summary", {"unit": tamky.pk, "year": 2026})
    assert (summary["allocated"], summary["spent"], summary["balance"]) == (100_000_000, 0, 100_000_000)
    send(
        city_officer,
        "patch",
        f"{BASE}/allocations/{allocation['id']}",
        {"amount": 90_000_000, "reason": "Điều chỉnh"},
        200,
    )
    gone = send(
        city_officer,
        "post",
        f"{BASE}/allocations/{allocation['id']}/transitions",
        {"action": "void", "comment": "Ghi nhầm"},
        200,
    )
    assert gone["is_void"] and gone["amount"] == 90_000_000
    reasons = [h["reason"] for h in get_json(city_officer, f"{BASE}/allocations/{allocation['id']}/history")]
    assert reasons[:2] == ["Ghi nhầm", "Điều chỉnh"]


def test_the_summary_by_source_purpose_and_unit(api, tamky, city, ward_support, ward_spending):
    body = get_json(api["ancestor"], f"{BASE}/summary", {"unit": city.pk, "year": 2026})
    assert (body["allocated"], body["spent"], body["balance"]) == (100_000_000, 25_000_000, 75_000_000)
    assert (body["model_support"], body["models_supported"]) == (20_000_000, 1)
    assert {r["source"]: r["allocated"] for r in body["by_source"]}["state_budget"] == 100_000_000
    assert {r["purpose"]: r["spent"] for r in body["by_purpose"]} == {
        "training": 5_000_000, "appraisal": 0, "model_support": 20_000_000, "communication": 0, "other": 0,
    }  # fmt: skip
    rows = {r["unit"]["id"]: r for r in body["children"]}
    assert rows[city.pk]["own"] and rows[city.pk]["spent"] == 0
    assert (rows[tamky.pk]["allocated"], rows[tamky.pk]["balance"]) == (100_000_000, 75_000_000)
    other_year = get_json(api["ancestor"], f"{BASE}/summary", {"unit": city.pk, "year": 2025})
    assert (other_year["allocated"], other_year["spent"]) == (0, 0)


def test_lists_filter_and_paginate(api, tamky, city, ward_support, ward_spending, model):
    client = api["ancestor"]
    every = get_json(client, f"{BASE}/expenditures", {"within": tamky.pk})
    assert every["count"] == 2
    assert get_json(client, f"{BASE}/expenditures", {"purpose": "model_support"})["count"] == 1
    assert (
        get_json(client, f"{BASE}/expenditures", {"initiative": model.pk})["items"][0]["id"]
        == ward_support.pk
    )
    assert get_json(client, f"{BASE}/expenditures", {"q": "VON CHI HOI"})["count"] == 1
    assert get_json(client, f"{BASE}/expenditures", {"year": 2025})["count"] == 0
    page = get_json(client, f"{BASE}/expenditures", {"limit": 1, "offset": 1})
    assert page["count"] == 2 and len(page["items"]) == 1
    charged = get_json(client, f"{BASE}/expenditures", {"allocation": ward_support.allocation_id})
    assert charged["count"] == 2
    allocations = get_json(
        client, f"{BASE}/allocations", {"within": city.pk, "year": 2026, "source": "state_budget"}
    )
    assert allocations["count"] == 1 and allocations["items"][0]["charged"] == 25_000_000
    assert get_json(client, f"{BASE}/allocations", {"status": "void"})["count"] == 0
    models = get_json(client, f"{BASE}/models", {"within": city.pk, "year": 2026})
    assert models["count"] == 1
    assert models["items"][0]["initiative"]["id"] == model.pk and models["items"][0]["amount"] == 20_000_000


# --- the permission matrix --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [("owner", 200), ("ancestor", 200), ("stranger", 404), ("leader", 200), ("anonymous", 401)],
)
def test_reads_by_persona(api, tamky, ward_support, persona, status):
    client = api[persona]
    for url in (
        f"{BASE}/expenditures/{ward_support.pk}",
        f"{BASE}/expenditures/{ward_support.pk}/history",
        f"{BASE}/allocations/{ward_support.allocation_id}",
        f"{BASE}/allocations/{ward_support.allocation_id}/history",
        f"{BASE}/summary?unit={tamky.pk}&year=2026",
        f"{BASE}/models?within={tamky.pk}",
        f"{BASE}/expenditures?within={tamky.pk}",
        f"{BASE}/allocations?within={tamky.pk}",
    ):
        assert client.get(url).status_code == status, url
    for url in (f"{BASE}/expenditures", f"{BASE}/allocations"):
        listed = client.get(url)
        if persona == "anonymous":
            assert listed.status_code == 401
        else:
            assert (listed.json()["count"] > 0) is (status == 200), url


def test_the_city_support_to_a_ward_model_is_seen_by_the_ward(api, city, ancestor, model):
    support = spend(city, ancestor, 30_000_000, purpose=Purpose.MODEL_SUPPORT, initiative=model)
    url = f"{BASE}/expenditures/{support.pk}"
    assert get_json(api["owner"], url)["allowed_actions"] == []
    assert get_json(api["ancestor"], url)["allowed_actions"][0]["action"] == "void"
    assert api["stranger"].get(url).status_code == 404
    send(api["owner"], "patch", url, {"amount": 1, "reason": "x"}, 403)
    ids = [e["id"] for e in get_json(api["owner"], f"{BASE}/expenditures")["items"]]
    assert support.pk in ids


@pytest.mark.parametrize(
    ("persona", "status"),
    [("owner", 200), ("ancestor", 200), ("stranger", 404), ("leader", 403), ("anonymous", 401)],
)
def test_spending_writes_by_persona(api, ward_spending, persona, status):
    client = api[persona]
    url = f"{BASE}/expenditures/{ward_spending.pk}"
    before = Expenditure.history.count()
    send(client, "patch", url, {"amount": 6_000_000, "reason": "Theo chứng từ"}, status)
    send(client, "post", f"{url}/transitions", {"action": "void", "comment": "Nhập trùng"}, status)
    changed = Expenditure.objects.get(pk=ward_spending.pk)
    assert (changed.is_void, Expenditure.history.count() - before) == (
        (True, 2) if status == 200 else (False, 0)
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [("owner", 403), ("ancestor", 200), ("stranger", 404), ("leader", 403), ("anonymous", 401)],
)
def test_allocation_writes_by_persona(api, ward_allocation, persona, status):
    client = api[persona]
    url = f"{BASE}/allocations/{ward_allocation.pk}"
    send(client, "patch", url, {"amount": 90_000_000, "reason": "Điều chỉnh"}, status)
    send(client, "post", f"{url}/transitions", {"action": "void", "comment": "Ghi nhầm"}, status)
    assert Allocation.objects.get(pk=ward_allocation.pk).is_void is (status == 200)


@pytest.mark.parametrize(
    ("persona", "allocation_status", "spending_status"),
    [
        ("owner", 403, 201),
        ("ancestor", 201, 201),
        ("stranger", 404, 404),
        ("leader", 403, 403),
        ("anonymous", 401, 401),
    ],
)
def test_creation_by_persona(api, tamky, persona, allocation_status, spending_status):
    client = api[persona]
    before = (Allocation.objects.count(), Expenditure.objects.count())
    send(
        client,
        "post",
        f"{BASE}/allocations",
        {"unit": tamky.pk, "year": 2026, "amount": 1_000_000},
        allocation_status,
    )
    send(client, "post", f"{BASE}/expenditures", spending_body(tamky), spending_status)
    after = (Allocation.objects.count(), Expenditure.objects.count())
    assert after == (before[0] + (allocation_status == 201), before[1] + (spending_status == 201))


def test_the_front_s_standing_agency_records_its_allocation(api, tamky_front):
    send(
        api["owner"], "post", f"{BASE}/allocations", {"unit": tamky_front.pk, "year": 2026, "amount": 5}, 201
    )


# --- bad input ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"amount": -1},
        {"amount": 0},
        {"amount": 10**15},
        {"amount": 1.5},
        {"amount": "mười triệu"},
        {"date": "20/03/2026"},
        {"date": "2026-02-30"},
        {"purpose": "lunch"},
        {"description": "a\x00b"},
        {"description": "x" * 2001},
        {"voucher_reference": "x" * 121},
        {"initiative": 0},
        {"initiative": 2**63},
        {"unit": "tamky"},
    ],
)
def test_invalid_spending_is_a_422_and_changes_nothing(api, tamky, body):
    before = Expenditure.objects.count()
    answer = send(api["owner"], "post", f"{BASE}/expenditures", spending_body(tamky, **body), 422)
    assert answer["detail"] and Expenditure.objects.count() == before


def test_unknown_links_are_a_422(api, tamky):
    answer = send(api["owner"], "post", f"{BASE}/expenditures", spending_body(tamky, initiative=987654), 422)
    assert answer["errors"][0]["loc"] == ["body", "initiative"]
    send(api["owner"], "post", f"{BASE}/expenditures", spending_body(tamky, allocation=987654), 422)


@pytest.mark.parametrize(
    ("body", "msgid", "params"),
    [
        ({"purpose": "model_support"}, "Choose the model or exemplar this money supports.", {}),
        ({"description": "   "}, "Enter the %(field)s.", {"field": vi_plain("description")}),
        (
            {"date": "2024-05-01"},
            "%(unit)s was not in force on %(date)s.",
            {"unit": "Đảng ủy phường Tam Kỳ", "date": "01/05/2024"},
        ),
    ],
)
def test_refused_spending_is_a_400_in_vietnamese(api, tamky, body, msgid, params):
    before = Expenditure.objects.count()
    answer = send(api["owner"], "post", f"{BASE}/expenditures", spending_body(tamky, **body), 400)
    assert answer["detail"] == vi_plain(msgid, **params)
    assert Expenditure.objects.count() == before


def test_exceeding_an_allocation_is_a_400(api, tamky, ward_allocation, owner):
    spend(tamky, owner, 99_000_000, allocation=ward_allocation)
    answer = send(
        api["owner"],
        "post",
        f"{BASE}/expenditures",
        spending_body(tamky, amount=1_000_001, allocation=ward_allocation.pk),
        400,
    )
    assert "1.000.000\u00a0đ" in answer["detail"]
    assert Expenditure.objects.filter(allocation=ward_allocation).count() == 1


def test_a_change_without_reason_and_a_bad_action(api, ward_spending):
    url = f"{BASE}/expenditures/{ward_spending.pk}"
    answer = send(api["owner"], "patch", url, {"amount": 6_000_000}, 400)
    assert answer["detail"] == vi_plain("Give the reason for the change.")
    send(api["owner"], "post", f"{url}/transitions", {"action": "delete", "comment": "x"}, 422)
    answer = send(api["owner"], "post", f"{url}/transitions", {"action": "void"}, 400)
    assert answer["detail"] == vi_plain("Give the reason for voiding it.")
    assert Expenditure.objects.get(pk=ward_spending.pk).amount == 5_000_000


@pytest.mark.parametrize(
    "query",
    [
        "/summary",
        "/summary?unit=1&year=1999",
        "/summary?unit=abc&year=2026",
        "/expenditures?limit=0",
        "/expenditures?limit=501",
        "/expenditures?offset=-1",
        "/expenditures?status=deleted",
        "/expenditures?purpose=lunch",
        "/expenditures?within=0",
        "/allocations?source=lottery",
        "/allocations?year=abc",
        "/models",
        "/expenditures/99999999999999999999",
    ],
)
def test_bad_parameters_are_a_422(api, query):
    response = api["ancestor"].get(BASE + query)
    assert response.status_code == 422, (query, response.content[:300])


def test_unknown_rows_and_units_are_a_404(api):
    for url in (
        f"{BASE}/expenditures/987654",
        f"{BASE}/allocations/987654",
        f"{BASE}/summary?unit=987654&year=2026",
    ):
        assert api["ancestor"].get(url).status_code == 404


def test_every_endpoint_is_in_the_matrix():
    """Each of these is asked by every persona in the tests above (reads, writes, creation)."""
    from danvan.funding.api import router

    routes = {
        (method, path)
        for path, view in router.path_operations.items()
        for op in view.operations
        for method in op.methods
    }
    assert routes == {
        ("GET", "/allocations"), ("POST", "/allocations"), ("GET", "/allocations/{allocation_id}"),
        ("PATCH", "/allocations/{allocation_id}"), ("POST", "/allocations/{allocation_id}/transitions"),
        ("GET", "/allocations/{allocation_id}/history"), ("GET", "/expenditures"), ("POST", "/expenditures"),
        ("GET", "/expenditures/{expenditure_id}"), ("PATCH", "/expenditures/{expenditure_id}"),
        ("POST", "/expenditures/{expenditure_id}/transitions"),
        ("GET", "/expenditures/{expenditure_id}/history"), ("GET", "/summary"), ("GET", "/models"),
    }  # fmt: skip
