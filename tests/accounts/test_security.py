"""Hashing, lockout after failed logins, security headers, and the production settings."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.hashers import check_password, make_password
from django.test import Client
from django.urls import reverse

import danvan.settings as production_settings
from danvan.orgs.demo import DEMO_PASSWORD

LOGIN = "/accounts/login/"
SRC = Path(production_settings.__file__).resolve().parents[1]


def test_argon2_is_the_first_hasher():
    assert production_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.django_db
def test_argon2_works(settings):
    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS
    encoded = make_password("Mat-khau-rat-manh-2026")
    assert encoded.startswith("argon2$")
    assert check_password("Mat-khau-rat-manh-2026", encoded)
    assert not check_password("sai", encoded)


def login(client, password):
    return client.post(LOGIN, {"username": "canbo.tamky", "password": password})


@pytest.mark.django_db
def test_lockout_after_five_failed_logins(owner):
    client = Client()
    for _ in range(4):
        response = login(client, "sai-mat-khau")
        assert response.status_code == 200  # the form again, with an error
    assert login(client, "sai-mat-khau").status_code == 429  # the fifth failure locks
    locked = login(client, DEMO_PASSWORD)  # the right password, too late
    assert locked.status_code == 429
    assert "accounts/lockout.html" in [t.name for t in locked.templates]
    assert client.get(reverse("home")).status_code == 302  # not logged in
    # another user from the same address is not locked out
    other = Client().post(LOGIN, {"username": "canbo.haichau", "password": DEMO_PASSWORD})
    assert other.status_code == 302


@pytest.mark.django_db
def test_a_success_resets_the_failure_count(owner):
    client = Client()
    for _ in range(4):
        login(client, "sai-mat-khau")
    assert login(client, DEMO_PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        assert login(client, "sai-mat-khau").status_code == 200
    assert login(client, DEMO_PASSWORD).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("path", [LOGIN, "/", "/api/v1/me"])
def test_security_headers(personas, path):
    response = personas["owner"].get(path)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_pages_load_no_script_from_elsewhere(personas):
    html = personas["owner"].get("/").content.decode()
    assert '<script src="http' not in html
    assert "cdn." not in html


def production_env(tmp_path, **overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANVAN_", "DJANGO_", "DATABASE_URL"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "danvan.settings",
            "DANVAN_SECRET_KEY": "".join(
                secrets.choice(string.ascii_letters + string.digits + "!@#%^&*(-_=+)") for _ in range(60)
            ),
            "DANVAN_ALLOWED_HOSTS": "example.org",
            "DANVAN_STATIC_ROOT": str(tmp_path / "static"),
            "DANVAN_MEDIA_ROOT": str(tmp_path / "media"),
            "PYTHONPATH": str(SRC),
        }
    )
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def run(args, env, cwd):
    return subprocess.run(
        [sys.executable, "-m", "danvan", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = run(["check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path), tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "no issues" in output
    assert "WARNINGS" not in output


def test_settings_refuse_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path, DANVAN_SECRET_KEY=None)
    result = run(["check"], env, tmp_path)
    assert result.returncode != 0
    assert "DANVAN_SECRET_KEY" in result.stderr
    assert "ImproperlyConfigured" in result.stderr
    # ... and an empty one is no better
    result = run(["check"], production_env(tmp_path, DANVAN_SECRET_KEY="   "), tmp_path)
    assert result.returncode != 0
    assert "DANVAN_SECRET_KEY" in result.stderr


def test_a_development_server_may_run_without_a_secret_key(tmp_path):
    env = production_env(tmp_path, DANVAN_SECRET_KEY=None, DANVAN_DEBUG="true")
    result = run(["check"], env, tmp_path)
    assert result.returncode == 0, result.stderr


def test_a_misspelt_debug_flag_is_refused(tmp_path):
    result = run(["check"], production_env(tmp_path, DANVAN_DEBUG="ture"), tmp_path)
    assert result.returncode != 0
    assert "DANVAN_DEBUG" in result.stderr
