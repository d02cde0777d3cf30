"""Helpers every app's services use: a clear Vietnamese refusal, and the reason for history."""

from django.core.exceptions import ValidationError


class ServiceError(ValidationError):
    """Bad input or a forbidden state change: nothing was changed; the message says why."""


def with_reason(obj, reason: str, by=None):
    """Attach why a change is made, and by whom; django-simple-history stores both with the change.

    Without `by`, history takes the user of the current request (none in commands and scripts)."""
    obj._change_reason = reason or ""
    if by is not None and getattr(by, "is_authenticated", False):
        obj._history_user = by
    return obj
