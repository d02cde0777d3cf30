"""The registry of scanner jobs run by `danvan tick` (deadlines, reminders, e-mail).

There is no broker and no worker: cron (or `danvan tick --loop 300`) runs every registered job
in turn. Each job must be idempotent — running it twice on the same day does nothing the second
time — because ticks overlap, repeat and get re-run by hand. Rows a job acts on are claimed with
a conditional UPDATE (`... WHERE pk = %s AND <still pending>`, healthchecks' `sendalerts`), so two
tick processes never act on the same row twice.

An app registers its jobs in a `tick` module imported by its AppConfig.ready()::

    from danvan.core.tick import register

    @register("reports.due_soon", order=50)
    def remind_due_soon(today: date, now: datetime) -> int:
        ...
        return created  # an int (a count), a str (what it did) or a TickResult

A job runs in its own transaction: its writes commit together, or not at all when it fails; a
failing job is logged and reported without stopping the others. A job with outside effects that
must not be undone (sending e-mail) registers with `atomic=False` and commits each claim itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass
class TickResult:
    """What one job did in one run: `count` things (mails sent, reminders created…), `detail` in
    words; `error` is set when the job failed (its transaction was rolled back)."""

    name: str
    count: int = 0
    detail: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error

    def __str__(self) -> str:
        if self.error:
            return f"{self.name}: FAILED — {self.error}"
        return f"{self.name}: {self.count}" + (f" — {self.detail}" if self.detail else "")


Job = Callable[[date, datetime], "TickResult | int | str | None"]


@dataclass(frozen=True)
class RegisteredJob:
    name: str
    func: Job
    order: int
    atomic: bool


_registry: dict[str, RegisteredJob] = {}


def _origin(func) -> tuple[str, str]:
    return getattr(func, "__module__", ""), getattr(func, "__qualname__", repr(func))


def register(name: str, order: int = 100, *, atomic: bool = True, func: Job | None = None):
    """Register `func` as the scanner job `name` (usually "<app>.<what>"); a decorator when `func`
    is omitted. Jobs run by ascending `order`, then name: a job that creates notifications runs
    before the one that e-mails them (order 900)."""

    def decorator(job: Job) -> Job:
        known = _registry.get(name)
        if known is not None and _origin(known.func) != _origin(job):
            raise ValueError(f"A tick job named {name!r} is already registered ({known.func!r}).")
        _registry[name] = RegisteredJob(name, job, order, atomic)
        return job

    return decorator if func is None else decorator(func)


def jobs() -> list[RegisteredJob]:
    """Every registered job, in the order they run."""
    return sorted(_registry.values(), key=lambda job: (job.order, job.name))


def select(only: Iterable[str] | None = None) -> list[RegisteredJob]:
    """The jobs to run: all, or those named in `only` (an exact name, or an app prefix such as
    "reports" for every "reports.*" job). An unknown name is a ValueError."""
    every = jobs()
    if not only:
        return every
    wanted = list(only)
    unknown = [w for w in wanted if not any(j.name == w or j.name.startswith(f"{w}.") for j in every)]
    if unknown:
        names = ", ".join(j.name for j in every) or "none"
        raise ValueError(f"Unknown tick job: {', '.join(unknown)} (registered: {names}).")
    return [j for j in every if any(j.name == w or j.name.startswith(f"{w}.") for w in wanted)]


def as_of(today: date | None = None, now: datetime | None = None) -> tuple[date, datetime]:
    """The day and moment a run acts as of: the real ones by default; with only `today`, that day
    at the current time of day in the project's time zone (demos and tests run "as of" a date)."""
    if now is None:
        now = timezone.now()
        if today is not None:
            now = timezone.make_aware(datetime.combine(today, timezone.localtime(now).time()))
    if today is None:
        today = timezone.localdate(now)
    return today, now


def _result(name: str, value) -> TickResult:
    if isinstance(value, TickResult):
        value.name = value.name or name
        return value
    if isinstance(value, bool) or value is None:
        return TickResult(name, int(bool(value)))
    if isinstance(value, int):
        return TickResult(name, value)
    return TickResult(name, 0, str(value))


def run_job(job: RegisteredJob, today: date, now: datetime) -> TickResult:
    """Run one job; a failure is logged and returned, never raised."""
    try:
        if job.atomic:
            with transaction.atomic():
                value = job.func(today, now)
        else:
            value = job.func(today, now)
    except Exception as exc:
        logger.exception("Tick job %s failed", job.name)
        return TickResult(job.name, 0, error=f"{type(exc).__name__}: {exc}")
    return _result(job.name, value)


def run_all(
    today: date | None = None, now: datetime | None = None, only: Iterable[str] | None = None
) -> list[TickResult]:
    """Run every registered job (or those in `only`) in order, each in its own transaction, as of
    `today`/`now`; one result per job. A failing job does not stop the others."""
    selected = select(only)
    today, now = as_of(today, now)
    return [run_job(job, today, now) for job in selected]
