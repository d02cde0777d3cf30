"""The scanner registry and `danvan tick`: order, isolation of failures, output, exit code, --today,
--only, --loop."""

from __future__ import annotations

from datetime import date, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line
from django.utils import timezone

from danvan.core import tick
from danvan.core.tick import TickResult, register, run_all
from danvan.notifications.models import Notification
from tests.notifications.conftest import send

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("tick", *args, stdout=out, no_color=True)
    return out.getvalue()


@pytest.fixture
def calls(registry):
    """Three jobs registered out of order; each records the day it ran as of."""
    seen: list[tuple[str, date, datetime]] = []

    def job(name, value):
        def run_job(today, now):
            seen.append((name, today, now))
            return value

        run_job.__qualname__ = f"job_{name}"
        return run_job

    register("test.late", order=200, func=job("test.late", "nothing to do"))
    register("test.early", order=10, func=job("test.early", 3))
    register("other.middle", order=100, func=job("other.middle", TickResult("other.middle", 2, "2 overdue")))
    return seen


def test_the_real_jobs_are_registered_by_the_apps():
    assert "notifications.email" in {job.name for job in tick.jobs()}


def test_jobs_run_in_order_and_report(calls):
    results = run_all()
    assert [r.name for r in results] == ["test.early", "other.middle", "test.late"]
    assert [name for name, _today, _now in calls] == ["test.early", "other.middle", "test.late"]
    assert [(r.count, r.detail, r.ok) for r in results] == [
        (3, "", True),
        (2, "2 overdue", True),
        (0, "nothing to do", True),
    ]
    assert [str(r) for r in results] == [
        "test.early: 3",
        "other.middle: 2 — 2 overdue",
        "test.late: 0 — nothing to do",
    ]


def test_same_order_runs_by_name(registry):
    order = []
    for name in ["b.job", "a.job", "c.job"]:
        register(name, order=5, func=lambda today, now, name=name: order.append(name))
    run_all()
    assert order == ["a.job", "b.job", "c.job"]


def test_registering_another_function_under_a_taken_name_is_refused(registry):
    @register("test.one")
    def one(today, now):
        return 0

    register("test.one", func=one)  # the same function again (a module imported twice) is fine

    with pytest.raises(ValueError):

        @register("test.one")
        def impostor(today, now):
            return 0


def test_a_failing_job_is_reported_rolled_back_and_does_not_stop_the_others(calls, owner, caplog):
    @register("test.fails", order=50)
    def fails(today, now):
        send([owner], key="test.half-done")  # written, then rolled back with the job
        raise RuntimeError("the database said no")

    results = run_all()
    assert [r.name for r in results] == ["test.early", "test.fails", "other.middle", "test.late"]
    failed = results[1]
    assert not failed.ok and failed.error == "RuntimeError: the database said no"
    assert str(failed) == "test.fails: FAILED — RuntimeError: the database said no"
    assert all(r.ok for r in results if r is not failed)
    assert not Notification.objects.filter(key="test.half-done").exists()
    assert "Tick job test.fails failed" in caplog.text


def test_a_job_commits_its_own_work(registry, owner):
    @register("test.notifies")
    def notifies(today, now):
        return send([owner], key=f"test.daily:{today.isoformat()}")

    assert [r.count for r in run_all(today=date(2026, 12, 18))] == [1]
    assert [r.count for r in run_all(today=date(2026, 12, 18))] == [0]  # idempotent
    assert [r.count for r in run_all(today=date(2026, 12, 19))] == [1]


def test_as_of_a_date(calls):
    run_all(today=date(2026, 12, 18))
    _name, today, now = calls[0]
    assert today == date(2026, 12, 18)
    assert timezone.is_aware(now) and timezone.localtime(now).date() == date(2026, 12, 18)
    # the current time of day, in the project's time zone
    real = timezone.localtime()
    assert (
        abs(
            timezone.localtime(now).hour * 60
            + timezone.localtime(now).minute
            - (real.hour * 60 + real.minute)
        )
        <= 1
    )


def test_by_default_today_in_the_projects_time_zone(calls):
    run_all()
    _name, today, now = calls[0]
    assert today == timezone.localdate() and abs((timezone.now() - now).total_seconds()) < 60


def test_only_some_jobs(calls):
    assert [r.name for r in run_all(only=["test.late"])] == ["test.late"]
    assert [r.name for r in run_all(only=["test"])] == ["test.early", "test.late"]  # an app prefix
    assert [r.name for r in run_all(only=["other.middle", "test.early"])] == ["test.early", "other.middle"]
    with pytest.raises(ValueError, match="test.nope"):
        run_all(only=["test.nope"])
    with pytest.raises(ValueError):
        run_all(only=["tes"])  # a prefix is a whole part of the name


# --- the command --------------------------------------------------------------------------------------


def test_command_prints_one_line_per_job(calls):
    assert run().splitlines() == [
        "test.early: 3",
        "other.middle: 2 — 2 overdue",
        "test.late: 0 — nothing to do",
    ]


def test_command_today_and_only(calls):
    out = run("--today", "2026-12-18", "--only", "test.late", "other.middle")
    assert out.splitlines() == ["other.middle: 2 — 2 overdue", "test.late: 0 — nothing to do"]
    assert {today for _name, today, _now in calls} == {date(2026, 12, 18)}
    calls.clear()
    run("--only", "test.late", "--only", "test.early")
    assert [name for name, _today, _now in calls] == ["test.early", "test.late"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--today", "18/12/2026"], "YYYY-MM-DD"),
        (["--today", "2026-02-30"], "YYYY-MM-DD"),
        (["--only", "test.nope"], "Unknown tick job"),
        (["--loop", "0"], "at least 1"),
    ],
)
def test_command_refuses_bad_arguments(calls, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert calls == []


def test_command_fails_when_a_job_fails(calls):
    @register("test.fails", order=50)
    def fails(today, now):
        raise ValueError("bad data")

    out = StringIO()
    with pytest.raises(CommandError, match="1 tick job") as failure:
        call_command("tick", stdout=out, no_color=True)
    assert failure.value.returncode == 1
    assert out.getvalue().splitlines() == [
        "test.early: 3",
        "test.fails: FAILED — ValueError: bad data",
        "other.middle: 2 — 2 overdue",
        "test.late: 0 — nothing to do",
    ]


def test_the_exit_code(calls, capsys, monkeypatch):
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)  # the test's transaction stays
    execute_from_command_line(["danvan", "tick", "--only", "test.early"])  # no SystemExit: 0

    @register("test.fails", order=50)
    def fails(today, now):
        raise ValueError("bad data")

    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["danvan", "tick"])
    assert exit_.value.code == 1
    captured = capsys.readouterr()
    assert "test.fails: FAILED" in captured.out and "1 tick job(s) failed" in captured.err


def test_command_loop_until_interrupted(calls, monkeypatch):
    from danvan.core.management.commands import tick as command

    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        if len(sleeps) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(command.time, "sleep", sleep)
    monkeypatch.setattr(command, "close_old_connections", lambda: None)  # the test's transaction stays
    lines = run("--loop", "60", "--only", "test.early").splitlines()
    assert sleeps == [60, 60]
    assert len(lines) == 3 and lines[-1] == "Stopped."
    assert all(line.startswith("[") and line.endswith("] test.early: 3") for line in lines[:2])


def test_command_lists_the_jobs(calls):
    assert run("--list").split() == ["10", "test.early", "100", "other.middle", "200", "test.late"]
