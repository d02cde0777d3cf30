"""Encryption of confidential personal data (core.crypto)."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from danvan.core import crypto


@pytest.fixture(autouse=True)
def _fresh_keys():
    crypto.clear_cache()
    yield
    crypto.clear_cache()


def test_a_value_round_trips_and_is_opaque():
    token = crypto.encrypt("Trương Văn Kín")
    assert token.startswith("fernet:") and "Trương" not in token
    assert crypto.decrypt(token) == "Trương Văn Kín"
    assert crypto.encrypt("x") != crypto.encrypt("x")  # a fresh IV each time


def test_rotating_keys_keeps_old_values_readable(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.DANVAN_FIELD_KEYS = [old]
    crypto.clear_cache()
    token = crypto.encrypt("bí mật")
    settings.DANVAN_FIELD_KEYS = [new, old]
    crypto.clear_cache()
    assert crypto.decrypt(token) == "bí mật"
    settings.DANVAN_FIELD_KEYS = [new]
    crypto.clear_cache()
    with pytest.raises(ImproperlyConfigured, match="DANVAN_FIELD_KEYS"):
        crypto.decrypt(token)


def test_a_malformed_key_is_a_configuration_error(settings):
    settings.DANVAN_FIELD_KEYS = ["not-a-key"]
    crypto.clear_cache()
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x")
