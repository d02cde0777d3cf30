"""Authentication of the API: session (with CSRF on unsafe methods) or `Authorization: Bearer`."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from danvan.accounts.models import ApiToken, hash_token
from tests.api.conftest import get_json
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/me",
    "/api/v1/areas",
    "/api/v1/areas/1",
    "/api/v1/units",
    "/api/v1/units/1",
    "/api/v1/units/1/history",
]


def issue(username) -> str:
    out = StringIO()
    call_command("issue_token", username, stdout=out)
    return out.getvalue().strip()


@pytest.mark.parametrize("url", ENDPOINTS)
def test_anonymous_gets_401_json(url):
    response = Client().get(url)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert set(response.json()) == {"detail"}
    assert response.json()["detail"]


def test_issue_token_prints_a_working_token(owner, tamky):
    raw = issue("canbo.tamky")
    assert raw.startswith("dv_")
    assert len(raw) > 30
    token = ApiToken.objects.get(key_hash=hash_token(raw))
    assert token.user == owner
    assert token.key_hash != raw  # only the hash is stored
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    me = get_json(client, "/api/v1/me")
    assert me["username"] == "canbo.tamky"
    get_json(client, f"/api/v1/units/{tamky.pk}")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_token_carries_its_users_permissions(owner, tamky, haichau):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {issue('canbo.haichau')}")
    get_json(client, f"/api/v1/units/{haichau.pk}")
    get_json(client, f"/api/v1/units/{tamky.pk}", status=404)
    names = {i["name"] for i in get_json(client, "/api/v1/units", {"limit": 500})["items"]}
    assert "Đảng ủy phường Tam Kỳ" not in names


def test_issue_token_for_an_unknown_or_inactive_user_fails(owner):
    with pytest.raises(CommandError):
        issue("nobody.here")
    owner.is_active = False
    owner.save()
    with pytest.raises(CommandError):
        issue("canbo.tamky")
    assert not ApiToken.objects.filter(user=owner).exists()


@pytest.mark.parametrize(
    "header",
    [
        "Bearer dv_not-a-real-token",
        "Bearer garbage",
        "Bearer ",
        "Token dv_whatever",
        "Basic Y2FuYm8udGFta3k6RGFuVmFuQDIwMjY=",
        "Bearer " + "x" * 5000,
    ],
)
def test_bad_tokens_get_401(header):
    response = Client(HTTP_AUTHORIZATION=header).get("/api/v1/me")
    assert response.status_code == 401
    assert "detail" in response.json()


def test_a_revoked_token_gets_401(owner):
    raw = issue("canbo.tamky")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    get_json(client, "/api/v1/me")
    ApiToken.objects.filter(key_hash=hash_token(raw)).update(revoked_at=timezone.now())
    assert client.get("/api/v1/me").status_code == 401


def test_the_token_of_a_deactivated_user_gets_401(owner):
    raw = issue("canbo.tamky")
    owner.is_active = False
    owner.save()
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/me").status_code == 401


def test_last_used_is_written_at_most_every_five_minutes(owner):
    token, raw = ApiToken.issue(owner, "tests")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    client.get("/api/v1/me")
    token.refresh_from_db()
    first = token.last_used_at
    client.get("/api/v1/me")
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=6))
    client.get("/api/v1/me")
    token.refresh_from_db()
    assert token.last_used_at > first - timedelta(minutes=6)


def test_the_real_api_accepts_no_post(owner):
    """No endpoint changes state yet: a session POST is never accepted."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    for url in ENDPOINTS:
        response = client.post(url, {}, content_type="application/json")
        assert response.status_code in (403, 405), url


@pytest.mark.urls("tests.api.csrf_urls")
def test_a_session_post_needs_the_csrf_token(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    refused = client.post("/probe/echo")
    assert refused.status_code == 403
    assert "detail" in refused.json()
    client.get("/")  # a page sets the CSRF cookie, as in the browser
    token = client.cookies["csrftoken"].value
    accepted = client.post("/probe/echo", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 200
    assert accepted.json() == {"user": "canbo.tamky"}


@pytest.mark.urls("tests.api.csrf_urls")
def test_a_bearer_post_needs_no_csrf_token(owner):
    _token, raw = ApiToken.issue(owner, "tests")
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = client.post("/probe/echo")
    assert response.status_code == 200
    assert response.json() == {"user": "canbo.tamky"}
    # without any credentials: refused (ninja checks the CSRF token before the missing session)
    anonymous = Client(enforce_csrf_checks=True).post("/probe/echo")
    assert anonymous.status_code in (401, 403)
    assert "detail" in anonymous.json()


TK_FRONT = "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ"


@pytest.mark.parametrize(
    ("persona", "username", "grants"),
    [
        (
            "owner",
            "canbo.tamky",
            {("unit_officer", "Đảng ủy phường Tam Kỳ"), ("standing_agency_officer", TK_FRONT)},
        ),
        ("ancestor", "canbo.danang", {("standing_agency_officer", "Thành ủy Đà Nẵng")}),
        ("stranger", "canbo.haichau", {("unit_officer", "Đảng ủy phường Hải Châu")}),
    ],
)
def test_me(personas, persona, username, grants):
    me = get_json(personas[persona], "/api/v1/me")
    assert me["username"] == username
    assert me["is_system_admin"] is False
    assert {(g["role"], g["unit"]["name"]) for g in me["grants"]} == grants
    assert all(g["role_label"] for g in me["grants"])
    assert me["full_name"]
    assert me["unit"]["id"]


def test_me_for_the_administrator(admin_user):
    me = get_json(client_for(admin_user), "/api/v1/me")
    assert me["is_system_admin"] is True
    assert me["grants"] == []
    assert me["unit"] is None


def test_me_reflects_a_revoked_grant(owner, tamky, admin_user):
    from danvan.orgs.models import Grant
    from danvan.orgs.services import revoke_grant

    grant = Grant.objects.get(user=owner, unit=tamky)
    revoke_grant(admin_user, grant, reason="chuyển công tác")
    me = get_json(client_for(owner), "/api/v1/me")
    assert {g["unit"]["name"] for g in me["grants"]} == {TK_FRONT}
