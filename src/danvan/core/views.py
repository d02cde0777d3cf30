"""What every app's views share: how a refused action and an invalid form are told to the user;
and the health check of the app server."""

from __future__ import annotations

from django.contrib import messages
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

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


@never_cache
@require_safe
def healthz(request):
    """`GET /healthz`: "ok" when the app answers and its database too (503 otherwise), for load
    balancers and as the floor of `make bench`. No login, no page, one query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
