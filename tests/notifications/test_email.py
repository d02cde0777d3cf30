"""The `notifications.email` job: each notification is mailed once, to recipients with an address,
with the absolute link; a notification claimed by another process is never mailed twice."""

from __future__ import annotations

import smtplib

import pytest
from django.core.mail import EmailMessage
from django.utils import timezone

from danvan.core.tick import run_all
from danvan.notifications import email
from danvan.notifications.models import Notification
from tests.notifications.conftest import SUBJECT, URL, send

pytestmark = pytest.mark.django_db

SITE = "https://danvan.danang.example.vn"


def tick_email():
    [result] = run_all(only=["notifications.email"])
    return result


@pytest.fixture(autouse=True)
def _site(settings):
    settings.DANVAN_SITE_URL = SITE


def test_sends_once_with_the_absolute_link(with_email, owner, mailoutbox, settings):
    send([owner], body="Hạn nộp: 18/12/2026.")
    result = tick_email()
    assert (result.ok, result.count) == (True, 1)
    [mail] = mailoutbox
    assert mail.to == ["binh.tamky@example.vn"]
    assert mail.subject == SUBJECT
    assert mail.from_email == settings.DEFAULT_FROM_EMAIL
    assert mail.body.startswith("Hạn nộp: 18/12/2026.\n\n")
    assert f"{SITE}{URL}" in mail.body
    assert f"{SITE}/notifications/" in mail.body
    assert mail.extra_headers["Auto-Submitted"] == "auto-generated"
    n = Notification.objects.get()
    assert n.emailed_at is not None and not n.email_pending
    assert n.read_at is None  # a mail is not a reading


def test_never_twice_across_runs(with_email, owner, mailoutbox):
    send([owner], key="a")
    assert tick_email().count == 1
    assert tick_email().count == 0
    send([owner], key="a")  # the same key again: nothing new
    send([owner], key="b")
    assert tick_email().count == 1
    assert [m.subject for m in mailoutbox] == [SUBJECT, SUBJECT]
    assert len(mailoutbox) == 2


def test_a_notification_without_a_link_links_to_the_list(with_email, owner, mailoutbox):
    send([owner], url="")
    tick_email()
    assert f"{SITE}/notifications/" in mailoutbox[0].body


def test_skips_users_without_an_address_or_disabled(with_email, owner, ancestor, stranger, mailoutbox):
    stranger.email = "hong.haichau@example.vn"
    stranger.is_active = False
    stranger.save(update_fields=["email", "is_active"])
    send([owner, ancestor, stranger])
    result = tick_email()
    assert result.count == 1
    assert result.detail == "sent 1, 2 not needed (no address, disabled or already read)"
    assert [m.to for m in mailoutbox] == [["binh.tamky@example.vn"]]
    skipped = Notification.objects.exclude(recipient=owner)
    assert all(not n.email_pending and n.emailed_at is None for n in skipped)  # not scanned again
    # an address added later does not bring back old notifications
    ancestor.email = "trang.danang@example.vn"
    ancestor.save(update_fields=["email"])
    assert tick_email().count == 0


def test_a_notification_read_before_the_tick_is_not_mailed(with_email, owner, mailoutbox):
    send([owner], key="read")
    send([owner], key="unread")
    Notification.objects.filter(key="read").update(read_at=timezone.now())
    assert tick_email().count == 1
    assert len(mailoutbox) == 1
    assert Notification.objects.get(key="read").emailed_at is None


def test_claim_only_once(with_email, owner, mailoutbox):
    send([owner])
    n = Notification.objects.get()
    assert email.claim(n.pk) is True
    assert email.claim(n.pk) is False  # a second claimer finds nothing to claim
    assert tick_email().count == 0
    assert mailoutbox == []


def test_a_row_claimed_by_another_process_meanwhile_is_not_sent(
    with_email, owner, ancestor, mailoutbox, monkeypatch
):
    """Between this process's read of the queue and its claim, another tick takes the row."""
    ancestor.email = "trang.danang@example.vn"
    ancestor.save(update_fields=["email"])
    send([owner, ancestor])
    mine, theirs = Notification.objects.order_by("pk")
    real = email.claim

    def racing(pk):
        if pk == theirs.pk:
            assert real(pk)  # the other process wins this one
        return real(pk)

    monkeypatch.setattr(email, "claim", racing)
    assert tick_email().count == 1
    assert [m.to for m in mailoutbox] == [[mine.recipient.email]]


def test_a_server_failure_keeps_the_mail_for_the_next_tick(with_email, owner, mailoutbox, monkeypatch):
    send([owner])

    def down(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailMessage, "send", down)
    result = tick_email()
    assert not result.ok and "mail server down" in result.error and "1 failed" in result.error
    n = Notification.objects.get()
    assert n.email_pending and n.emailed_at is None
    monkeypatch.undo()
    assert tick_email().count == 1 and len(mailoutbox) == 1


def test_a_refused_address_is_not_tried_again(with_email, owner, mailoutbox, monkeypatch):
    send([owner])

    def refused(self, fail_silently=False):
        raise smtplib.SMTPRecipientsRefused({owner.email: (550, b"No such user")})

    monkeypatch.setattr(EmailMessage, "send", refused)
    result = tick_email()
    assert not result.ok and owner.email in result.error
    monkeypatch.undo()
    assert tick_email().count == 0 and mailoutbox == []


def test_email_off_leaves_notifications_in_the_app(with_email, owner, mailoutbox, settings):
    settings.EMAIL_BACKEND = email.DUMMY_BACKEND
    send([owner])
    result = tick_email()
    assert result.ok and result.count == 0 and result.detail.startswith("e-mail is off")
    assert mailoutbox == []
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert tick_email().count == 0  # not sent later either: it was not pending any more
    assert Notification.objects.get().read_at is None


def test_many_mails_in_batches(with_email, owner, mailoutbox, monkeypatch):
    monkeypatch.setattr(email, "BATCH", 3)
    for i in range(7):
        send([owner], key=f"k{i}", subject=f"Thông báo {i}")
    assert tick_email().count == 7
    assert [m.subject for m in mailoutbox] == [f"Thông báo {i}" for i in range(7)]
