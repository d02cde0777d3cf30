"""Settings for the test suite: the real settings module, with a test secret and a fast hasher."""

import os

os.environ.setdefault("DANVAN_SECRET_KEY", "test-secret-key-" + "x" * 40)
os.environ.setdefault("DANVAN_SSL_REDIRECT", "false")

from danvan.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; argon2 is tested explicitly
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
