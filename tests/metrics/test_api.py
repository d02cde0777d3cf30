"""GET /api/v1/metrics and /api/v1/metrics/values: definitions, values, drill-down, permissions."""

from datetime import date

import pytest
from django.test import Client

from danvan.accounts.models import ApiToken
from danvan.awards import queries
from danvan.metrics import registry
from tests.initiatives.conftest import make

URL = "/api/v1/metrics"


def values(client, unit, status=200, **params):
    response = client.get(f"{URL}/values", {"unit": unit.pk, **params})
    assert response.status_code == status, response.content
    return response.json()


@pytest.mark.django_db
def test_definitions_list_every_registered_metric_once(personas):
    response = personas["owner"].get(URL)
    assert response.status_code == 200
    codes = [item["code"] for item in response.json()]
    assert codes == [metric.code for metric in registry.all_metrics()]
    item = next(item for item in response.json() if item["code"] == "initiatives.recognized")
    assert item["measure"] == "count" and item["period_by"] == "date" and item["definition"]
    assert personas["anonymous"].get(URL).status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "unit", "status"),
    [
        ("owner", "tamky", 200),  # an officer of the unit
        ("ancestor", "tamky", 200),  # an officer of an ancestor unit
        ("ancestor", "city", 200),
        ("stranger", "tamky", 404),  # an unrelated unit: as if it did not exist
        ("owner", "city", 404),  # a ward does not see the city's figures
        ("anonymous", "tamky", 401),
    ],
)
def test_values_by_persona(personas, request, persona, unit, status):
    values(personas[persona], request.getfixturevalue(unit), status)


@pytest.mark.django_db
def test_values_equal_the_registry_and_the_funnel(personas, city, tamky, owner):
    make(tamky, owner)
    body = values(personas["ancestor"], city, **{"from": "2026-01-01", "to": "2026-12-31"})
    assert body["unit_id"] == city.pk and body["from"] == "2026-01-01"
    by_code = {item["code"]: item["value"] for item in body["values"]}
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    for metric in registry.all_metrics():
        assert by_code[metric.code] == metric.value_for(city, start, end), metric.code
    assert by_code["initiatives.registered"] >= 1
    funnel = queries.funnel(city, 2026)
    assert funnel["typical"] == by_code["awards.typical"]
    assert funnel["recognized"] == by_code["initiatives.recognized"]


@pytest.mark.django_db
def test_children_drill_down_adds_up(personas, city, tamky, owner):
    make(tamky, owner)
    body = values(
        personas["ancestor"], city, code=["initiatives.registered"], children="true", **{"from": "2026-01-01"}
    )
    [item] = body["values"]
    assert item["code"] == "initiatives.registered"
    assert sum(child["value"] for child in item["children"]) <= item["value"]
    assert any(child["value"] >= 1 for child in item["children"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"from": "2026-12-31", "to": "2026-01-01"},  # an upside-down period
        {"from": "31/12/2026"},  # not an ISO date
        {"code": "initiatives.nothing"},
    ],
)
def test_bad_input_is_a_400_in_vietnamese(personas, tamky, params):
    response = personas["owner"].get(f"{URL}/values", {"unit": tamky.pk, **params}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code in (400, 422)
    assert response.json()["detail"]


@pytest.mark.django_db
def test_bearer_token(tamky, owner):
    _token, raw = ApiToken.issue(owner, "tests")
    response = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get(f"{URL}/values", {"unit": tamky.pk})
    assert response.status_code == 200
