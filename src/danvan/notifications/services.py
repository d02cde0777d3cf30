"""Creating and reading notifications.

Jobs and services of other apps call two functions:

* ``notify(recipients, key, subject, body="", url="", unit=None) -> int`` — one notification per
  recipient for `key`, unless they already have it: idempotent, so a scanner job may run any
  number of times; it writes in the caller's transaction (the notification commits with the
  change it tells of, or not at all) and the `notifications.email` tick job mails it afterwards;
* ``users_granted(unit, roles, *, ancestors=False)`` — who to tell: the active users holding an
  active grant with one of `roles` on the unit (or, with `ancestors`, on the unit or above it);
  ``users_granted_by_unit(unit_ids, roles)`` answers the same for many units in one query.

Users read and mark their own notifications only (`mark_read`, `mark_all_read`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone

from danvan.notifications.models import KEY_MAX, SUBJECT_MAX, URL_MAX, Notification
from danvan.orgs.models import Grant, Unit


def _recipient_ids(recipients) -> set[int]:
    if isinstance(recipients, QuerySet):
        return set(recipients.values_list("pk", flat=True))
    return {getattr(r, "pk", r) for r in recipients if r is not None}


def _one_line(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _check_url(url: str) -> str:
    """A path inside this site, never an address elsewhere (the read page redirects to it)."""
    url = (url or "").strip()
    if url and (not url.startswith("/") or url.startswith("//") or "\\" in url or len(url) > URL_MAX):
        raise ValueError(f"A notification links to a path of this site, not {url!r}.")
    return url


def notify(
    recipients, key: str, subject: str, body: str = "", url: str = "", unit: Unit | None = None
) -> int:
    """Create one notification per recipient (users, user ids or a user queryset) for `key`, except
    for those who already have one with that key; return how many were created.

    `key` identifies what the notification is about, e.g. "reports.due_soon:123:2026-12-18": the
    same key never reaches the same user twice. `subject` is one line (longer ones are cut), `url`
    a path of this site. Concurrent calls are safe (the unique constraint decides; the count may
    then be too high, never a notification duplicated)."""
    key = (key or "").strip()
    if not key or len(key) > KEY_MAX:
        raise ValueError(f"A notification key has 1 to {KEY_MAX} characters, not {key!r}.")
    subject = _one_line(subject, SUBJECT_MAX)
    if not subject:
        raise ValueError("A notification needs a subject.")
    url = _check_url(url)
    ids = _recipient_ids(recipients)
    if not ids:
        return 0
    have = set(
        Notification.objects.filter(key=key, recipient_id__in=ids).values_list("recipient_id", flat=True)
    )
    now = timezone.now()
    new = [
        Notification(
            recipient_id=pk,
            key=key,
            subject=subject,
            body=(body or "").strip(),
            url=url,
            unit=unit,
            created_at=now,
        )
        for pk in sorted(ids - have)
    ]
    Notification.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
    return len(new)


def users_granted(unit: Unit, roles: Iterable[str] | str, *, ancestors: bool = False) -> QuerySet:
    """The active users with an active grant of one of `roles` exactly on `unit` — or, with
    `ancestors`, on `unit` or any unit above it. One query (a lazy queryset, ordered by id).

    Grants propagate down the tree for permissions, but notifications go to the level that acts:
    the officers of a ward (`users_granted(ward, [Role.UNIT_OFFICER])`), not everyone above who may
    see it; `ancestors=True` finds e.g. the standing-agency officers over a unit."""
    roles = [roles] if isinstance(roles, str) else list(roles)
    paths = [unit.path, *unit.ancestor_paths()] if ancestors else [unit.path]
    # users IN (their grants on those units): the planners start from the few units by path, where
    # EXISTS (…) per user read every user
    grants = Grant.objects.active().filter(role__in=roles, unit__path__in=paths).values("user")
    return get_user_model().objects.filter(is_active=True, pk__in=grants).order_by("pk")


def users_granted_by_unit(unit_ids: Iterable[int], roles: Iterable[str] | str) -> dict[int, list[int]]:
    """{unit id: ids of the active users granted one of `roles` exactly on it} for many units in
    one query: what a scanner job uses to tell each of thousands of units' own officers."""
    roles = [roles] if isinstance(roles, str) else list(roles)
    by_unit: dict[int, list[int]] = {}
    grants = (
        Grant.objects.active()
        .filter(unit_id__in=set(unit_ids), role__in=roles, user__is_active=True)
        .values_list("unit_id", "user_id")
        .distinct()
        .order_by("unit_id", "user_id")
    )
    for unit_id, user_id in grants:
        by_unit.setdefault(unit_id, []).append(user_id)
    return by_unit


# --- the recipient's own actions -----------------------------------------------------------------


def unread_count(user) -> int:
    """The bell's number: one indexed COUNT."""
    return Notification.objects.of(user).unread().count()


def mark_read(notification: Notification, *, actor) -> bool:
    """Mark one of the actor's notifications read; False when it already was."""
    if not (actor and actor.is_authenticated and notification.recipient_id == actor.pk):
        raise PermissionDenied
    now = timezone.now()
    changed = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
    if changed:
        notification.read_at = now
    elif notification.read_at is None:  # read meanwhile, by another request
        notification.refresh_from_db(fields=["read_at"])
    return bool(changed)


def mark_all_read(actor) -> int:
    """Mark every unread notification of the actor read; how many were."""
    return Notification.objects.of(actor).unread().update(read_at=timezone.now())
