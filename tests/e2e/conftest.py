"""Browser journeys: a real `danvan runserver` on its own database, driven by real Chromium.

pytest-django's test database is rolled back or flushed around every test and lives inside this
process, so a separate server cannot see it. The journeys therefore get their own database,
built once per session the way an operator builds one (`migrate`, `load_areas`, `seed_demo`):
``<dbname>_e2e`` next to the suite's PostgreSQL database when DATABASE_URL points at PostgreSQL,
otherwise a SQLite file in a temporary directory.

Every significant step is saved as a full-page screenshot in
``test-artifacts/screenshots/<test>-<step>.png`` (CI keeps the folder), and a failing journey
leaves ``<test>-FAILED.png`` behind. The server's output goes to ``test-artifacts/e2e-server.log``.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
SERVER_LOG = ARTIFACTS / "e2e-server.log"

CHROMIUM = os.environ.get("DANVAN_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DEMO_PASSWORD = "DanVan@2026"  # the one password of every demo login (danvan.orgs.demo)
SETUP_COMMANDS = [["migrate", "--noinput"], ["load_areas"], ["seed_demo"]]
SERVER_START_TIMEOUT = 60  # seconds
TIMEOUT_MS = 15_000  # per Playwright action and expectation


# --- the server -------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _with_path(url: str, path: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, parts.fragment))


def _recreate_postgres_database(suite_url: str) -> tuple[str, str]:
    """A fresh ``<dbname>_e2e`` on the suite's PostgreSQL server: (its URL, its name)."""
    import psycopg
    from psycopg import sql

    base = urlsplit(suite_url).path.lstrip("/") or "danvan"
    name = f"{base}_e2e"
    with psycopg.connect(_with_path(suite_url, "/postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return _with_path(suite_url, f"/{name}"), name


def _drop_postgres_database(suite_url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(_with_path(suite_url, "/postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _server_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    # the operator's settings module, not the suite's (pytest-django exports tests.settings)
    env["DJANGO_SETTINGS_MODULE"] = "danvan.settings"
    env["DANVAN_DEBUG"] = "true"
    env["DATABASE_URL"] = database_url
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _danvan(*args: str) -> list[str]:
    # `python -m danvan` is the `danvan` console script, without relying on PATH
    return [sys.executable, "-m", "danvan", *args]


def _wait_until_up(url: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"danvan runserver exited with {proc.returncode}; see {SERVER_LOG}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"danvan runserver did not answer {url} within {SERVER_START_TIMEOUT}s")


@pytest.fixture(scope="session")
def live_server_url(tmp_path_factory) -> Iterator[str]:
    """The base URL of a running demo server with its own, freshly built database."""
    workdir = tmp_path_factory.mktemp("e2e-server")
    suite_url = os.environ.get("DATABASE_URL", "").strip()
    pg_name = None
    if suite_url.startswith(("postgres://", "postgresql://")):
        database_url, pg_name = _recreate_postgres_database(suite_url)
    else:
        database_url = f"sqlite:///{workdir / 'danvan-e2e.sqlite3'}"
    env = _server_env(database_url)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    with SERVER_LOG.open("w", encoding="utf-8") as log:
        for args in SETUP_COMMANDS:
            log.write(f"$ danvan {' '.join(args)}\n")
            log.flush()
            done = subprocess.run(
                _danvan(*args), cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT, check=False
            )
            if done.returncode != 0:
                pytest.fail(f"`danvan {' '.join(args)}` failed ({done.returncode}); see {SERVER_LOG}")
        log.write(f"$ danvan runserver --noreload 127.0.0.1:{port}\n")
        log.flush()
        proc = subprocess.Popen(
            _danvan("runserver", "--noreload", f"127.0.0.1:{port}"),
            cwd=workdir,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        try:
            _wait_until_up(f"{base_url}/accounts/login/", proc)
            yield base_url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if pg_name:
                _drop_postgres_database(suite_url, pg_name)


# --- the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
    # any ORM use from the test process ("You cannot call this from an async context").
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # remembered so that the page fixture can photograph a failing journey
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@dataclass
class Journey:
    """Opens pages for one test and photographs its steps."""

    browser: object
    base_url: str
    name: str
    password: str = DEMO_PASSWORD
    contexts: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    js_errors: list[str] = field(default_factory=list)

    def new_page(self, *, username: str | None = None, **context_options):
        options = {
            "locale": "vi-VN",
            "timezone_id": "Asia/Ho_Chi_Minh",
            "base_url": self.base_url,
            "viewport": {"width": 1280, "height": 900},
            **context_options,
        }
        context = self.browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: self.js_errors.append(f"{page.url}: {exc}"))
        page.on("console", lambda msg: self._console(page, msg))
        self.pages.append(page)
        if username:
            self.log_in(page, username)
        return page

    def _console(self, page, msg) -> None:
        # a 404 page is expected in some journeys; anything else (CSP violations, JS errors) is not
        if msg.type == "error" and "Failed to load resource" not in msg.text:
            self.js_errors.append(f"{page.url}: {msg.text}")

    def log_in(self, page, username: str) -> None:
        page.goto("/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", self.password)
        with page.expect_navigation():
            page.click("form button[type=submit]")
        assert urlsplit(page.url).path == "/", f"{username} could not log in (now at {page.url})"

    def shot(self, page, step: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{self.name}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def journey(request, browser, live_server_url) -> Iterator[Journey]:
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    journey = Journey(browser=browser, base_url=live_server_url, name=name)
    try:
        yield journey
        failed = getattr(request.node, "rep_call", None)
        if failed is not None and failed.failed:
            for i, page in enumerate(journey.pages):
                if not page.is_closed():
                    journey.shot(page, "FAILED" if i == 0 else f"FAILED-{i + 1}")
        elif journey.js_errors:
            pytest.fail("JavaScript errors in the browser:\n" + "\n".join(journey.js_errors))
    finally:
        journey.close()
