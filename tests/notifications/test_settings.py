"""E-mail and site settings come from the environment (docs/operations.md)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.accounts.test_security import production_env

READ = (
    "import json, danvan.settings as s; print(json.dumps({k: getattr(s, k, None) for k in "
    "['EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_USE_TLS', 'EMAIL_USE_SSL', 'EMAIL_HOST_USER', "
    "'DEFAULT_FROM_EMAIL', 'DANVAN_SITE_URL']}))"
)


def settings_with(tmp_path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", READ],
        env=production_env(tmp_path, **env),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )


def read(tmp_path, **env) -> dict:
    result = settings_with(tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_a_mail_server_email_is_off(tmp_path):
    values = read(tmp_path)
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.dummy.EmailBackend"
    assert values["DANVAN_SITE_URL"] == "http://127.0.0.1:8000"
    assert values["DEFAULT_FROM_EMAIL"] == "danvan@localhost"


def test_in_debug_mails_go_to_the_console(tmp_path):
    values = read(tmp_path, DANVAN_DEBUG="true")
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_smtp_from_the_environment(tmp_path):
    values = read(
        tmp_path,
        DANVAN_EMAIL_HOST="smtp.danang.example.vn",
        DANVAN_EMAIL_USER="danvan",
        DANVAN_EMAIL_FROM="Ban Dân vận <danvan@danang.example.vn>",
        DANVAN_SITE_URL="https://danvan.danang.example.vn/",
    )
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (values["EMAIL_HOST"], values["EMAIL_PORT"], values["EMAIL_USE_TLS"], values["EMAIL_USE_SSL"]) == (
        "smtp.danang.example.vn",
        587,
        True,
        False,
    )
    assert values["EMAIL_HOST_USER"] == "danvan"
    assert values["DEFAULT_FROM_EMAIL"] == "Ban Dân vận <danvan@danang.example.vn>"
    assert values["DANVAN_SITE_URL"] == "https://danvan.danang.example.vn"  # no trailing slash
    ssl = read(tmp_path, DANVAN_EMAIL_HOST="smtp.example.vn", DANVAN_EMAIL_PORT="465")
    assert (ssl["EMAIL_PORT"], ssl["EMAIL_USE_TLS"], ssl["EMAIL_USE_SSL"]) == (465, False, True)


def test_a_bad_site_url_is_refused(tmp_path):
    result = settings_with(tmp_path, DANVAN_SITE_URL="danvan.example.vn")
    assert result.returncode != 0 and "DANVAN_SITE_URL" in result.stderr
