"""Login, logout, API tokens, the unit switcher and password change."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from danvan.accounts.current import SESSION_KEY
from danvan.accounts.models import ApiToken, hash_token
from danvan.orgs.demo import DEMO_PASSWORD
from danvan.orgs.models import Unit

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PERSONAS = ["owner", "ancestor", "stranger", "anonymous"]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", ["home", "accounts:tokens", "accounts:password_change"])
def test_account_pages(personas, persona, url_name):
    response = personas[persona].get(reverse(url_name))
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("persona", ["owner", "ancestor", "stranger"])
def test_home_shows_the_current_unit_and_own_roles(personas, persona, owner, ancestor, stranger):
    user = {"owner": owner, "ancestor": ancestor, "stranger": stranger}[persona]
    context = personas[persona].get(reverse("home")).context
    expected_units = {g.unit.name for g in user.grants.filter(revoked_at__isnull=True)}
    assert {name for _label, _id, name in context["my_grants"]} == expected_units
    assert context["unit"].name in expected_units


def test_home_counts_the_subtree_by_category(personas, tamky):
    context = personas["owner"].get(reverse("home")).context
    assert context["unit"] == tamky
    counts = dict(context["category_counts"])
    subtree = Unit.objects.filter(path__startswith=tamky.path).exclude(pk=tamky.pk)
    assert context["subtree_total"] == subtree.count() == sum(counts.values())


def test_home_for_a_user_without_any_role():
    user = get_user_model().objects.create_user("khong.vai.tro", password="x")
    client = Client()
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.context["unit"] is None


def test_login_and_logout(owner):
    client = Client()
    response = client.post(LOGIN, {"username": "canbo.tamky", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_wrong_password_stays_on_the_login_page(owner):
    client = Client()
    response = client.post(LOGIN, {"username": "canbo.tamky", "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert client.get(reverse("home")).status_code == 302


def test_login_redirects_only_to_this_site(owner):
    client = Client()
    response = client.post(
        LOGIN + "?next=https://evil.example/", {"username": "canbo.tamky", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_issue_and_revoke_a_token_in_the_ui(personas, owner, stranger):
    client = personas["owner"]
    response = client.post(reverse("accounts:tokens"), {"name": "Công cụ báo cáo của tỉnh"})
    assert response.status_code == 200
    raw = response.context["new_token"]
    assert raw and raw.startswith("dv_")
    assert raw in response.content.decode()
    token = ApiToken.objects.get(key_hash=hash_token(raw))
    assert token.user == owner
    # shown once: the list afterwards does not repeat it
    assert raw not in client.get(reverse("accounts:tokens")).content.decode()
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/me").status_code == 200
    # someone else cannot revoke it
    assert personas["stranger"].post(reverse("accounts:revoke_token", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert personas["anonymous"].post(reverse("accounts:revoke_token", args=[token.pk])).status_code == 302
    response = client.post(reverse("accounts:revoke_token", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/me").status_code == 401
    # revoking twice finds nothing to revoke
    assert client.post(reverse("accounts:revoke_token", args=[token.pk])).status_code == 404


def test_a_token_needs_a_name(personas, owner):
    before = ApiToken.objects.count()
    response = personas["owner"].post(reverse("accounts:tokens"), {"name": ""})
    assert response.status_code == 200
    assert response.context["new_token"] is None
    assert ApiToken.objects.count() == before


def test_tokens_page_lists_only_ones_own(personas, owner, stranger):
    ApiToken.issue(stranger, "của Hải Châu")
    ApiToken.issue(owner, "của Tam Kỳ")
    tokens = personas["owner"].get(reverse("accounts:tokens")).context["tokens"]
    assert {t.name for t in tokens} == {"của Tam Kỳ"}


def test_switch_unit(personas, tamky):
    client = personas["owner"]
    front = Unit.objects.get(name="Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ")
    assert client.get(reverse("home")).context["unit"] == tamky  # the shallowest grant first
    response = client.post(reverse("accounts:switch_unit"), {"unit": front.pk, "next": "/directory/"})
    assert response.status_code == 302
    assert response["Location"] == "/directory/"
    assert client.session[SESSION_KEY] == front.pk
    assert client.get(reverse("home")).context["unit"] == front


@pytest.mark.parametrize("target", ["haichau", "city"])
def test_switching_to_a_unit_without_a_role_is_refused(personas, request, tamky, target):
    client = personas["owner"]
    unit = request.getfixturevalue(target)
    response = client.post(reverse("accounts:switch_unit"), {"unit": unit.pk})
    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    assert client.get(reverse("home")).context["unit"] == tamky


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_switch_unit_does_not_redirect_off_site(personas, next_url):
    response = personas["owner"].post(reverse("accounts:switch_unit"), {"unit": "x", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_switch_unit_needs_login_and_post(personas):
    response = personas["anonymous"].post(reverse("accounts:switch_unit"), {"unit": "1"})
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert personas["owner"].get(reverse("accounts:switch_unit")).status_code == 405


def test_change_password(owner):
    client = Client()
    client.force_login(owner)
    new = "Mat-khau-moi-2026!"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": DEMO_PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password(new)
    assert client.get(reverse("home")).status_code == 200  # the session survives the change


@pytest.mark.parametrize(
    ("old", "new1", "new2"),
    [
        ("sai-mat-khau", "Mat-khau-moi-2026!", "Mat-khau-moi-2026!"),
        (DEMO_PASSWORD, "123", "123"),
        (DEMO_PASSWORD, "Mat-khau-moi-2026!", "Mat-khau-khac-2026!"),
        (DEMO_PASSWORD, "canbo.tamky", "canbo.tamky"),
    ],
    ids=["wrong old password", "too short", "mismatch", "like the user name"],
)
def test_change_password_refusals_change_nothing(owner, old, new1, new2):
    client = Client()
    client.force_login(owner)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": old, "new_password1": new1, "new_password2": new2},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    owner.refresh_from_db()
    assert owner.check_password(DEMO_PASSWORD)


def test_change_password_needs_login(personas):
    response = personas["anonymous"].post(reverse("accounts:password_change"), {})
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
