"""Bad input gets a 4xx JSON answer with "detail" and never a 5xx (on SQLite and PostgreSQL)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

BAD = [
    "/api/v1/areas?limit=0",
    "/api/v1/areas?limit=10000",
    "/api/v1/areas?limit=501",
    "/api/v1/areas?limit=-5",
    "/api/v1/areas?limit=ten",
    "/api/v1/areas?offset=-1",
    "/api/v1/areas?offset=1.5",
    "/api/v1/areas?level=county",
    "/api/v1/areas?active=perhaps",
    "/api/v1/areas?parent=abc",
    "/api/v1/areas?parent=999999999",
    "/api/v1/areas?parent=99999999999999999999999999",
    "/api/v1/areas/abc",
    "/api/v1/areas/1.5",
    "/api/v1/areas/999999999",
    "/api/v1/areas/9223372036854775808",
    "/api/v1/areas/-1",
    "/api/v1/units?limit=0",
    "/api/v1/units?limit=10000",
    "/api/v1/units?offset=-1",
    "/api/v1/units?within=abc",
    "/api/v1/units?within=999999999",
    "/api/v1/units?within=99999999999999999999999999",
    "/api/v1/units?area=abc",
    "/api/v1/units?active=2",
    "/api/v1/units?kind=a%00b",
    "/api/v1/units?kind=%F0%9F%98%80",
    "/api/v1/units?kind=party%20or%201",
    "/api/v1/units?area=99999999999999999999999999",
    "/api/v1/units?area=0",
    "/api/v1/units/abc",
    "/api/v1/units/999999999",
    "/api/v1/units/99999999999999999999999999",
    "/api/v1/units/abc/history",
    "/api/v1/units/999999999/history",
]


@pytest.mark.parametrize("url", BAD)
def test_bad_input_is_a_4xx_with_detail(personas, url):
    response = personas["ancestor"].get(url)
    assert 400 <= response.status_code < 500, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]


def test_validation_errors_say_which_parameter(personas):
    body = personas["owner"].get("/api/v1/areas?limit=0&offset=-1").json()
    assert {tuple(e["loc"]) for e in body["errors"]} == {("query", "limit"), ("query", "offset")}


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/areas?q=%00",
        "/api/v1/areas?q=tam%00ky",
        "/api/v1/areas?q=%27%3B%20DROP%20TABLE%20geo_area%3B--",
        "/api/v1/areas?q=%25",
        "/api/v1/areas?q=_",
        "/api/v1/areas?q=" + "a" * 3000,
        "/api/v1/units?q=%00",
        "/api/v1/units?q=%F0%9F%98%80",
        "/api/v1/areas?q=%20%20%20",
        "/api/v1/units?q=%09",
    ],
)
def test_odd_but_valid_input_is_answered(personas, url):
    response = personas["ancestor"].get(url)
    assert response.status_code == 200, response.content[:300]
    assert set(response.json()) == {"count", "items"}


def test_like_wildcards_are_matched_literally(personas):
    assert personas["ancestor"].get("/api/v1/areas?q=%25").json()["count"] == 0
    assert personas["ancestor"].get("/api/v1/units?q=_").json()["count"] == 0


@pytest.mark.parametrize(
    "path",
    ["/directory/?q=%00", "/directory/?q=tam%00ky&era=legacy", "/directory/?era=%00", "/directory/?q=%25"],
)
def test_pages_survive_odd_queries(personas, path):
    assert personas["owner"].get(path).status_code == 200


def test_area_page_child_search_survives_a_nul(personas):
    from danvan.geo.models import Area

    tam_ky = Area.objects.get(name="Phường Tam Kỳ", era="2025")
    assert personas["owner"].get(f"/areas/{tam_ky.pk}/?q=%00&page=abc").status_code == 200
    assert personas["owner"].get(f"/areas/{tam_ky.pk}/?page=99999").status_code == 200


def test_users_page_search_survives_a_nul(subtree_admin, tamky):
    client = Client()
    client.force_login(subtree_admin)
    assert client.get(f"/units/{tamky.pk}/users/?q=%00").status_code == 200
    assert client.get(f"/units/{tamky.pk}/users/?q=b%C3%ACnh%00&page=x").status_code == 200


def test_unknown_api_path_answers_json_404(personas):
    response = personas["ancestor"].get("/api/v1/nothing/here")
    assert response.status_code == 404
    assert response.json()["detail"]
