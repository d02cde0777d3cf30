"""The pages of notifications and the bell, for each persona: the recipient sees and marks their
own; another user gets 404 and changes nothing; the anonymous are sent to the login page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from danvan.notifications.models import Notification
from tests.conftest import client_for
from tests.notifications.conftest import SUBJECT, URL, send

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
LIST = "/notifications/"
READ_ALL = "/notifications/read-all/"


def read_url(n: Notification) -> str:
    return f"/notifications/{n.pk}/read/"


@pytest.fixture
def mine(owner, tamky) -> Notification:
    send([owner], unit=tamky, body="Kỳ báo cáo: quý IV năm 2026.\nHạn nộp: 18/12/2026.")
    return Notification.objects.get(recipient=owner)


def test_urls():
    assert reverse("notifications:list") == LIST
    assert reverse("notifications:read_all") == READ_ALL
    assert reverse("notifications:read", args=[7]) == "/notifications/7/read/"


# --- the list ------------------------------------------------------------------------------------


def test_the_recipient_sees_their_notifications(personas, mine, tamky):
    response = personas["owner"].get(LIST)
    assert response.status_code == 200
    body = response.content.decode()
    assert SUBJECT in body and "Hạn nộp: 18/12/2026." in body and tamky.name in body
    assert f'action="{read_url(mine)}"' in body  # unread: opening it marks it read
    assert timezone.localtime(mine.created_at).strftime("%d/%m/%Y %H:%M") in body


@pytest.mark.parametrize("persona", ["ancestor", "stranger"])
def test_others_do_not_see_them(personas, mine, persona):
    response = personas[persona].get(LIST)
    assert response.status_code == 200
    assert SUBJECT not in response.content.decode()


def test_anonymous_is_sent_to_login(personas, mine):
    client = personas["anonymous"]
    for response in [client.get(LIST), client.post(read_url(mine)), client.post(READ_ALL)]:
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    mine.refresh_from_db()
    assert mine.read_at is None


def test_newest_first_unread_bold_read_plain(personas, owner):
    send([owner], key="old", subject="Thông báo cũ")
    Notification.objects.filter(key="old").update(created_at=timezone.now() - timedelta(days=3))
    send([owner], key="new", subject="Thông báo mới")
    Notification.objects.filter(key="old").update(read_at=timezone.now())
    body = personas["owner"].get(LIST).content.decode()
    assert body.index("Thông báo mới") < body.index("Thông báo cũ")
    new = Notification.objects.get(key="new")
    old = Notification.objects.get(key="old")
    assert f'fw-bold align-baseline" data-testid="open-{new.pk}">Thông báo mới' in body
    assert f'<a href="{URL}">Thông báo cũ</a>' in body
    assert f'data-testid="open-{old.pk}"' not in body


def test_unread_filter(personas, owner):
    send([owner], key="a", subject="Chưa đọc")
    send([owner], key="b", subject="Đã đọc")
    Notification.objects.filter(key="b").update(read_at=timezone.now())
    body = personas["owner"].get(LIST, {"unread": "1"}).content.decode()
    assert "Chưa đọc" in body and "Đã đọc</a>" not in body


def test_paginated_by_25(personas, owner):
    for i in range(30):
        send([owner], key=f"k{i:02d}", subject=f"Thông báo số {i:02d}")
    first = personas["owner"].get(LIST).content.decode()
    second = personas["owner"].get(LIST, {"page": 2}).content.decode()
    assert first.count('<li class="list-group-item') == 25
    assert second.count('<li class="list-group-item') == 5
    assert "Thông báo số 29" in first and "Thông báo số 00" in second


def test_the_list_runs_a_constant_number_of_queries(personas, owner, tamky):
    client = personas["owner"]

    def queries() -> int:
        client.get(LIST)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST).status_code == 200
        return len(ctx.captured_queries)

    send([owner], key="first", unit=tamky)
    few = queries()
    for i in range(20):
        send([owner], key=f"more{i}", unit=tamky)
    assert queries() == few


# --- marking read -----------------------------------------------------------------------------------


def test_opening_marks_read_and_goes_to_the_page(personas, mine):
    response = personas["owner"].post(read_url(mine))
    assert response.status_code == 302 and response["Location"] == URL
    mine.refresh_from_db()
    assert mine.read_at is not None
    again = personas["owner"].post(read_url(mine))  # already read: still goes there
    assert again["Location"] == URL


def test_without_a_link_back_to_the_list(personas, owner):
    send([owner], key="nolink", url="")
    n = Notification.objects.get(key="nolink")
    assert personas["owner"].post(read_url(n))["Location"] == LIST


def test_reading_needs_post(personas, mine):
    assert personas["owner"].get(read_url(mine)).status_code == 405
    assert personas["owner"].get(READ_ALL).status_code == 405


@pytest.mark.parametrize("persona", ["ancestor", "stranger"])
def test_others_get_404_and_change_nothing(personas, mine, persona):
    assert personas[persona].post(read_url(mine)).status_code == 404
    assert personas[persona].post("/notifications/999999999/read/").status_code == 404
    personas[persona].post(READ_ALL)
    mine.refresh_from_db()
    assert mine.read_at is None


def test_even_a_system_administrator_does_not_read_others(admin_user, mine):
    assert client_for(admin_user).post(read_url(mine)).status_code == 404


def test_mark_all_read_only_mine(personas, owner, ancestor):
    send([owner, ancestor], key="a")
    send([owner], key="b")
    response = personas["owner"].post(READ_ALL, follow=True)
    assert response.redirect_chain == [(LIST, 302)]
    with translation.override("vi"):
        said = ngettext(
            "%(count)d notification marked as read.", "%(count)d notifications marked as read.", 2
        ) % {"count": 2}
    assert said in response.content.decode()
    assert not Notification.objects.filter(recipient=owner, read_at__isnull=True).exists()
    assert Notification.objects.get(recipient=ancestor).read_at is None


# --- the bell -------------------------------------------------------------------------------------------


def badge(client) -> str | None:
    body = client.get(reverse("home")).content.decode()
    assert 'data-testid="nav-notifications"' in body
    marker = 'data-testid="unread-count">'
    if marker not in body:
        return None
    return body.split(marker, 1)[1].split("<", 1)[0]


def test_the_bell_counts_unread(personas, owner, ancestor):
    assert badge(personas["owner"]) is None
    for key in "abc":
        send([owner], key=key)
    send([ancestor], key="x")
    assert badge(personas["owner"]) == "3"
    assert badge(personas["ancestor"]) == "1"
    assert badge(personas["stranger"]) is None
    personas["owner"].post(read_url(Notification.objects.get(recipient=owner, key="a")))
    assert badge(personas["owner"]) == "2"
    personas["owner"].post(READ_ALL)
    assert badge(personas["owner"]) is None


def test_the_bell_says_99_plus(personas, owner):
    Notification.objects.bulk_create(
        Notification(recipient=owner, key=f"k{i}", subject=SUBJECT) for i in range(120)
    )
    assert badge(personas["owner"]) == "99+"


def test_the_bell_is_one_count_query(personas, owner):
    client = personas["owner"]
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("home"))
    counts = [q["sql"] for q in ctx.captured_queries if "notifications_notification" in q["sql"]]
    assert len(counts) == 1 and "COUNT(" in counts[0].upper()


def test_no_bell_for_the_anonymous(personas):
    body = personas["anonymous"].get(LOGIN).content.decode()
    assert 'data-testid="nav-notifications"' not in body


# --- admin --------------------------------------------------------------------------------------------


def test_admin_lists_notifications_read_only(admin_user, mine):
    client = client_for(admin_user)
    url = reverse("admin:notifications_notification_changelist")
    response = client.get(url)
    assert response.status_code == 200 and SUBJECT in response.content.decode()
    assert client.get(url, {"q": "tam"}).status_code == 200
    assert client.get(reverse("admin:notifications_notification_change", args=[mine.pk])).status_code == 200
    model_admin = admin.site._registry[Notification]
    request = client.get(url).wsgi_request
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, mine)
    assert not model_admin.has_delete_permission(request, mine)


def test_officers_cannot_open_the_admin_list(personas):
    response = personas["ancestor"].get(reverse("admin:notifications_notification_changelist"))
    assert response.status_code == 302
