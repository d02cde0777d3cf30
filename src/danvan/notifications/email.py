"""E-mail copies of notifications, sent by the `notifications.email` tick job — never inline, so a
slow or absent mail server never slows down or breaks the action that notified.

Each notification is claimed before it is mailed, with a conditional UPDATE that only one process
can win (`claim`), and the claim is committed at once: two tick processes never send the same mail,
and a mail once sent is never sent again (a crash between the claim and the send loses that one
mail rather than repeating it). A notification stops being pending when it is mailed, or when it
needs no mail: its recipient has no address or is disabled, it was read in the application
before the tick came round, or e-mail is off (no mail server configured outside debug).
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from danvan.notifications.models import Notification

logger = logging.getLogger(__name__)

DUMMY_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
BATCH = 200


@dataclass
class Outcome:
    sent: int = 0
    skipped: int = 0  # needed no mail: no address, disabled account, already read, e-mail off
    failed: int = 0
    error: str = ""
    enabled: bool = True


def email_enabled() -> bool:
    return settings.EMAIL_BACKEND != DUMMY_BACKEND


def site_link(url: str = "") -> str:
    """The absolute address of a path of the site, for a mail (`DANVAN_SITE_URL`)."""
    return settings.DANVAN_SITE_URL.rstrip("/") + (url or reverse("notifications:list"))


def claim(notification_id: int) -> bool:
    """Take a pending notification for mailing; only one caller ever gets True."""
    return (
        Notification.objects.filter(pk=notification_id, email_pending=True).update(email_pending=False) == 1
    )


def _release(notification_id: int) -> None:
    """Back in the queue: the next tick tries again."""
    Notification.objects.filter(pk=notification_id).update(email_pending=True)


def _needs_no_mail():
    # read in the application before the tick came round: the mail would tell nothing new
    return Q(recipient__email="") | Q(recipient__is_active=False) | Q(read_at__isnull=False)


def message_for(notification: Notification, connection=None) -> EmailMessage:
    """The mail of a notification, in the site's language, with the absolute link to its page."""
    with translation.override(settings.LANGUAGE_CODE):
        parts = [notification.body] if notification.body else []
        parts.append(_("Open: %(link)s") % {"link": site_link(notification.url)})
        parts.append(
            "-- \n"
            + _(
                "An automatic message of the mass-mobilization information system; please do not reply. "
                "All your notifications: %(link)s"
            )
            % {"link": site_link()}
        )
        return EmailMessage(
            subject=" ".join(notification.subject.split()),
            body="\n\n".join(parts) + "\n",
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[notification.recipient.email],
            connection=connection,
            headers={"Auto-Submitted": "auto-generated"},
        )


def send_pending() -> Outcome:
    """Mail every pending notification once. Runs in autocommit (each claim commits at once)."""
    outcome = Outcome()
    pending = Notification.objects.filter(email_pending=True)
    if not email_enabled():
        outcome.enabled = False
        outcome.skipped = pending.update(email_pending=False)
        return outcome
    outcome.skipped = pending.filter(_needs_no_mail()).update(email_pending=False)
    connection = get_connection()
    opened = False
    last = 0
    try:
        while True:
            batch = list(pending.filter(pk__gt=last).select_related("recipient").order_by("pk")[:BATCH])
            if not batch:
                break
            for notification in batch:
                last = notification.pk
                if not claim(notification.pk):
                    continue  # another tick process took it
                recipient = notification.recipient
                if not recipient.email or not recipient.is_active or notification.read_at:
                    outcome.skipped += 1
                    continue
                try:
                    if not opened:
                        connection.open()
                        opened = True
                    message_for(notification, connection).send()
                except smtplib.SMTPRecipientsRefused as exc:
                    # the server refuses this address: trying again would fail again
                    outcome.failed += 1
                    outcome.error = f"{recipient.email}: {exc}"
                    logger.warning(
                        "Notification %s: the address %s is refused", notification.pk, recipient.email
                    )
                except Exception as exc:
                    # the server is unreachable or failing: stop here, the next tick tries again
                    _release(notification.pk)
                    outcome.failed += 1
                    outcome.error = f"{type(exc).__name__}: {exc}"
                    logger.exception("Notification %s could not be e-mailed", notification.pk)
                    return outcome
                else:
                    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
                    outcome.sent += 1
    finally:
        if opened:
            connection.close()
    return outcome
