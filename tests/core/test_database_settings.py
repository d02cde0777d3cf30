"""The application's PostgreSQL sessions run without parallel plans and without JIT
(docs/operations.md): the pages' short queries must not start worker processes of their own."""

import pytest
from django.db import connection

postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL session settings")


def show(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


@pytest.mark.django_db
@postgresql
def test_the_sessions_plan_without_parallel_workers():
    assert show("max_parallel_workers_per_gather") == "0"


@pytest.mark.django_db
@postgresql
def test_the_sessions_do_not_compile_queries():
    assert show("jit") == "off"


def test_options_given_in_the_database_url_come_after_ours(monkeypatch):
    import importlib

    import danvan.settings as settings

    monkeypatch.setenv("DATABASE_URL", "postgres://u@127.0.0.1:5432/x?options=-c%20jit%3Don")
    monkeypatch.setenv("DANVAN_SECRET_KEY", "x" * 50)
    try:
        reloaded = importlib.reload(settings)
        assert reloaded.DATABASES["default"]["OPTIONS"]["options"] == (
            "-c max_parallel_workers_per_gather=0 -c jit=off -c jit=on"
        )
        monkeypatch.setenv("DANVAN_PG_SETTINGS", "")
        assert importlib.reload(settings).DATABASES["default"]["OPTIONS"]["options"] == "-c jit=on"
    finally:
        monkeypatch.undo()
        importlib.reload(settings)
