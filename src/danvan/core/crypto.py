"""Encryption of personal data kept confidential by law (a denouncer's identity, Luật Tố cáo Art. 47).

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256, from the `cryptography` package)
before they reach the database, so a copy of the database, a backup or a history table does not
reveal them. The keys come from the environment:

* ``DANVAN_FIELD_KEYS`` — comma-separated Fernet keys (``python -c "from cryptography.fernet
  import Fernet; print(Fernet.generate_key().decode())"``); the first encrypts, all decrypt: to
  rotate, put a new key first — new writes use it, and rows written before stay readable as long
  as the old key is listed (saving a row again moves it to the new key);
* without it, one key is derived from ``SECRET_KEY`` (fine for a laptop; a production deployment
  sets its own keys and keeps them apart from the database backups).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "fernet:"


@functools.cache
def _fernet() -> MultiFernet:
    configured = getattr(settings, "DANVAN_FIELD_KEYS", None) or []
    keys = [key.strip() for key in configured if key and key.strip()]
    if not keys:
        digest = hashlib.sha256(b"danvan.core.crypto:" + settings.SECRET_KEY.encode()).digest()
        keys = [base64.urlsafe_b64encode(digest).decode()]
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "DANVAN_FIELD_KEYS must hold Fernet keys (32 url-safe base64-encoded bytes)."
        ) from exc


def clear_cache() -> None:
    _fernet.cache_clear()


def encrypt(text: str) -> str:
    return PREFIX + _fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    if not token.startswith(PREFIX):
        raise ValueError("not an encrypted value")
    try:
        return _fernet().decrypt(token[len(PREFIX) :].encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "An encrypted value cannot be read with the keys of DANVAN_FIELD_KEYS (was a key removed?)."
        ) from exc


class EncryptedJSONField(models.TextField):
    """A JSON value stored encrypted (as text): readable in Python, opaque in the database.

    It cannot be searched or filtered on, by design."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return None
        return json.loads(decrypt(value))

    def to_python(self, value):
        if value is None or not isinstance(value, str):
            return value
        if value.startswith(PREFIX):
            return json.loads(decrypt(value))
        return value

    def get_prep_value(self, value):
        if value is None:
            return None
        return encrypt(json.dumps(value, ensure_ascii=False, sort_keys=True))

    def value_to_string(self, obj):
        return "[encrypted]"
