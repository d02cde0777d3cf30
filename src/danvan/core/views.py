"""What every app's views share: how a refused action and an invalid form are told to the user."""

from __future__ import annotations

from django.contrib import messages

from danvan.core.services import ServiceError


def fail(request, exc: ServiceError) -> None:
    """Show a service's refusal (its Vietnamese messages) on the next page."""
    messages.error(request, " ".join(exc.messages))


def form_errors(form) -> str:
    """A form's errors on one line: "Field: message; …"."""
    return "; ".join(
        f"{form.fields[f].label}: {' '.join(e)}" if f in form.fields else " ".join(e)
        for f, e in form.errors.items()
    )
