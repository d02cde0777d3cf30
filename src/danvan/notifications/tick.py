"""The tick job of notifications: e-mail the notifications not mailed yet."""

from __future__ import annotations

from datetime import date, datetime

from danvan.core.tick import TickResult, register
from danvan.notifications import email

NAME = "notifications.email"


# last: the jobs that create notifications run before, so their mails leave in the same tick;
# not atomic: each claim commits at once, a sent mail cannot be rolled back
@register(NAME, order=900, atomic=False)
def email_notifications(today: date, now: datetime) -> TickResult:
    outcome = email.send_pending()
    if not outcome.enabled:
        return TickResult(NAME, 0, f"e-mail is off (no mail server configured); {outcome.skipped} not mailed")
    detail = f"sent {outcome.sent}, {outcome.skipped} not needed (no address, disabled or already read)"
    if outcome.failed:
        return TickResult(
            NAME, outcome.sent, detail, error=f"{detail}, {outcome.failed} failed: {outcome.error}"
        )
    return TickResult(NAME, outcome.sent, detail)
