"""The notifications API: the caller's own only; others' are 404; the anonymous get 401."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from danvan.accounts.models import ApiToken
from danvan.notifications.models import Notification
from tests.api.conftest import get_json
from tests.notifications.conftest import SUBJECT, URL, send

pytestmark = pytest.mark.django_db

BASE = "/api/v1/notifications"


@pytest.fixture
def mine(owner, tamky) -> Notification:
    send([owner], unit=tamky, body="Hạn nộp: 18/12/2026.")
    return Notification.objects.get(recipient=owner)


def post(client, url, status=200):
    response = client.post(url, content_type="application/json")
    assert response.status_code == status, (url, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_the_recipient_lists_their_own(personas, mine, tamky, ancestor):
    send([ancestor], key="theirs")
    page = get_json(personas["owner"], BASE)
    assert page["count"] == 1
    [item] = page["items"]
    assert item == {
        "id": mine.pk,
        "key": "test.reminder:1",
        "subject": SUBJECT,
        "body": "Hạn nộp: 18/12/2026.",
        "url": URL,
        "unit": {"id": tamky.pk, "name": tamky.name},
        "created_at": item["created_at"],
        "read_at": None,
        "read": False,
    }


@pytest.mark.parametrize("persona", ["ancestor", "stranger"])
def test_others_do_not_see_them(personas, mine, persona):
    assert get_json(personas[persona], BASE) == {"count": 0, "items": []}


def test_newest_first_paginated_and_filtered(personas, owner):
    for i in range(5):
        send([owner], key=f"k{i}", subject=f"Thông báo {i}")
        Notification.objects.filter(key=f"k{i}").update(created_at=timezone.now() - timedelta(hours=10 - i))
    Notification.objects.filter(key__in=["k0", "k1"]).update(read_at=timezone.now())
    client = personas["owner"]
    page = get_json(client, BASE, {"limit": 2, "offset": 1})
    assert page["count"] == 5 and [i["subject"] for i in page["items"]] == ["Thông báo 3", "Thông báo 2"]
    unread = get_json(client, BASE, {"unread": "true"})
    assert unread["count"] == 3 and {i["read"] for i in unread["items"]} == {False}
    read = get_json(client, BASE, {"unread": "false"})
    assert [i["subject"] for i in read["items"]] == ["Thông báo 1", "Thông báo 0"]


def test_mark_one_read(personas, mine):
    item = post(personas["owner"], f"{BASE}/{mine.pk}/read")
    assert item["id"] == mine.pk and item["read"] is True and item["read_at"]
    mine.refresh_from_db()
    assert mine.read_at is not None
    again = post(personas["owner"], f"{BASE}/{mine.pk}/read")
    assert again["read_at"] == item["read_at"]


@pytest.mark.parametrize("persona", ["ancestor", "stranger"])
def test_others_get_404_and_change_nothing(personas, mine, persona):
    body = post(personas[persona], f"{BASE}/{mine.pk}/read", status=404)
    assert body["detail"]
    assert post(personas[persona], f"{BASE}/read-all") == {"count": 0}
    mine.refresh_from_db()
    assert mine.read_at is None


def test_mark_all_read(personas, owner, ancestor):
    send([owner, ancestor], key="a")
    send([owner], key="b")
    assert post(personas["owner"], f"{BASE}/read-all") == {"count": 2}
    assert post(personas["owner"], f"{BASE}/read-all") == {"count": 0}
    assert Notification.objects.get(recipient=ancestor).read_at is None


def test_anonymous_gets_401(mine):
    client = Client()
    for response in [
        client.get(BASE),
        client.post(f"{BASE}/{mine.pk}/read"),
        client.post(f"{BASE}/read-all"),
    ]:
        assert response.status_code == 401 and response.json()["detail"]
    mine.refresh_from_db()
    assert mine.read_at is None


def token_client(user) -> Client:
    _token, raw = ApiToken.issue(user, "tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_a_token_reads_its_users_notifications(owner, stranger, mine):
    assert get_json(token_client(owner), BASE)["count"] == 1
    assert get_json(token_client(stranger), BASE)["count"] == 0
    post(token_client(stranger), f"{BASE}/{mine.pk}/read", status=404)
    post(token_client(owner), f"{BASE}/{mine.pk}/read")


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", f"{BASE}?limit=0"),
        ("get", f"{BASE}?limit=501"),
        ("get", f"{BASE}?offset=-1"),
        ("get", f"{BASE}?unread=perhaps"),
        ("post", f"{BASE}/abc/read"),
        ("post", f"{BASE}/0/read"),
        ("post", f"{BASE}/999999999/read"),
        ("post", f"{BASE}/9223372036854775808/read"),
        ("post", f"{BASE}/99999999999999999999999999/read"),
    ],
)
def test_bad_input_is_a_4xx_with_detail(personas, method, url):
    response = getattr(personas["owner"], method)(url)
    assert 400 <= response.status_code < 500, response.content[:300]
    assert response.json()["detail"]


def test_documented_in_openapi(personas):
    paths = get_json(personas["owner"], "/api/v1/openapi.json")["paths"]
    assert {
        "/api/v1/notifications",
        "/api/v1/notifications/read-all",
        "/api/v1/notifications/{notification_id}/read",
    } <= set(paths)
