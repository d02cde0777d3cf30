"""What `danvan tick` does for dialogues, each day (idempotent: a second run sends nothing twice).

* `reception.commitments_due` — a commitment made at a dialogue that reaches its due date still
  open is told, once, to the officers of the unit that owns it and of the dialogue's organizing
  unit. The notification's key names the commitment and its due date: a due date moved later
  brings a new one, the same one never reaches the same person twice. Commitments overdue for
  longer than `LOOKBACK_DAYS` are not told again (a backlog loaded at once stays quiet).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.core.permissions import ACTIONS
from danvan.core.tick import register
from danvan.reception.models import Commitment
from danvan.reception.workflow import MANAGE, CommitmentStatus

LOOKBACK_DAYS = 90


@register("reception.commitments_due", order=55)
def notify_commitments_due(today: date, now: datetime) -> int:
    from danvan.notifications.services import notify, users_granted_by_unit

    due = list(
        Commitment.objects.filter(
            status=CommitmentStatus.OPEN,
            due_on__lte=today,
            due_on__gte=today - timedelta(days=LOOKBACK_DAYS),
        )
        .select_related("dialogue__organizer", "owner_unit")
        .order_by("due_on", "pk")
    )
    units = {c.owner_unit_id for c in due} | {c.dialogue.organizer_id for c in due}
    officers = users_granted_by_unit(units, ACTIONS[MANAGE])
    created = 0
    for commitment in due:
        dialogue = commitment.dialogue
        when = date_format(commitment.due_on, "SHORT_DATE_FORMAT")
        if commitment.due_on == today:
            subject = _("A dialogue commitment of %(unit)s is due today (%(due)s): %(content)s")
        else:
            subject = _("A dialogue commitment of %(unit)s is overdue since %(due)s: %(content)s")
        subject = subject % {"unit": commitment.owner_unit.name, "due": when, "content": commitment.content}
        recipients = {*officers.get(commitment.owner_unit_id, ()), *officers.get(dialogue.organizer_id, ())}
        created += notify(
            recipients,
            f"reception.commitment_due:{commitment.pk}:{commitment.due_on.isoformat()}",
            subject,
            body=_("Dialogue: %(dialogue)s (%(date)s)")
            % {"dialogue": dialogue.title, "date": date_format(dialogue.held_on, "SHORT_DATE_FORMAT")},
            url=reverse("reception:dialogue", args=[dialogue.pk]) + f"#commitment-{commitment.pk}",
            unit=commitment.owner_unit,
        )
    return created
