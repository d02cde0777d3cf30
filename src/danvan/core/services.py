"""Helpers every app's services use: a clear Vietnamese refusal, and the reason for history."""

from django.core.exceptions import ValidationError


class ServiceError(ValidationError):
    """Bad input or a forbidden state change: nothing was changed; the message says why."""


def with_reason(obj, reason: str):
    """Attach why a change is made; django-simple-history stores it with the change."""
    obj._change_reason = reason or ""
    return obj
