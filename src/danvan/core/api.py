"""Shared pieces of the HTTP API: authentication, list envelopes, Vietnamese errors."""

from __future__ import annotations

from typing import Generic, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import APIKeyCookie, HttpBearer

from danvan.core.pagination import counted_slice
from danvan.core.services import ServiceError

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_ID = 2**63 - 1  # ids are 64-bit: a larger one is bad input, not a database error


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>` for integrations (tokens from `danvan issue_token`)."""

    def authenticate(self, request, token):
        from danvan.accounts.models import ApiToken

        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The web UI's session; unsafe methods need the CSRF token, as on the pages."""

    param_name = "sessionid"

    def __init__(self):
        from django.conf import settings

        self.param_name = settings.SESSION_COOKIE_NAME
        super().__init__(csrf=True)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated and user.is_active else None


class Page(Schema, Generic[T]):
    count: int
    items: list[T]


def no_nul(value: str) -> str:
    """A pydantic `AfterValidator` for text: PostgreSQL refuses the NUL character in text, so it is
    bad input (a 422), never a database error."""
    if "\x00" in value:
        raise ValueError("must not contain the NUL character")
    return value


def invalid(where: str, name: str, message: str) -> ValidationError:
    """A 422 naming the parameter (`where`: "query", "body", "path"), as pydantic's own errors do:
    raise it for a value a schema cannot check (an unknown id, a date out of range)."""
    return ValidationError([{"loc": [where, name], "msg": message, "type": "value_error"}])


def paginate(queryset, limit: int, offset: int):
    """A page of a queryset and the total; limit and offset are validated by the signature. The
    total is read with the page where it can be (``core.pagination``)."""
    total, rows = counted_slice(queryset, offset, limit)
    if total is not None:
        return total, rows
    return queryset.count(), list(queryset[offset : offset + limit])


def install_error_handlers(api) -> None:
    """Every error answers `{"detail": "..."}` in the request's language (Vietnamese by default)."""

    @api.exception_handler(ValidationError)
    def validation_error(request, exc):
        return api.create_response(
            request, {"detail": _("The request is not valid."), "errors": exc.errors}, status=422
        )

    @api.exception_handler(AuthenticationError)
    def authentication_error(request, exc):
        return api.create_response(request, {"detail": _("Log in or send a valid access token.")}, status=401)

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc):
        return api.create_response(
            request, {"detail": _("You do not have permission to do this here.")}, status=403
        )

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    @api.exception_handler(ServiceError)
    def service_error(request, exc):
        return api.create_response(request, {"detail": " ".join(exc.messages)}, status=400)
