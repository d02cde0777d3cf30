"""In-app notifications (and their e-mail copies).

A `Notification` is a message to one user: a reminder before a report is due, an overdue
petition handed up, … Scanner jobs (`danvan tick`) create them with `services.notify` under an
idempotency `key` ("reports.due_soon:123:2026-12-18"): one notification per recipient and key,
however often the job runs. The `notifications.email` job mails each one once.

Notifications are messages, not records of the domain: no django-simple-history, but they are
kept (never deleted) — reading one only sets `read_at`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.orgs.models import Unit

KEY_MAX = 200
SUBJECT_MAX = 300
URL_MAX = 500


class NotificationQuerySet(models.QuerySet):
    def of(self, user):
        """The user's own notifications (none for the anonymous)."""
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=pgettext_lazy("notification", "recipient"),
    )
    key = models.CharField(
        _("key"), max_length=KEY_MAX, help_text=_("What the notification is about; one per recipient.")
    )
    subject = models.CharField(pgettext_lazy("notification", "subject"), max_length=SUBJECT_MAX)
    body = models.TextField(_("content"), blank=True)
    url = models.CharField(_("link"), max_length=URL_MAX, blank=True, help_text=_("A page of this site."))
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("unit"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # the e-mail job's queue: pending until mailed, or until found not to need a mail (no address,
    # disabled account, e-mail off); `emailed_at` is set only when a mail was actually sent
    email_pending = models.BooleanField(_("e-mail pending"), default=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_unique_key"),
        ]
        indexes = [
            # the bell's COUNT and the list page, newest first
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox"),
            models.Index(fields=["id"], condition=Q(email_pending=True), name="notification_email_queue"),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
