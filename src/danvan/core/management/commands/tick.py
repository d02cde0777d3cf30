"""`danvan tick`: run the scanner jobs once (from cron), or every N seconds with --loop."""

from __future__ import annotations

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone

from danvan.core import tick


def _day(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise CommandError(f"--today must be a date YYYY-MM-DD, not {raw!r}.") from exc


class Command(BaseCommand):
    help = (
        "Run the scanner jobs (deadlines, reminders, e-mail of notifications) once; each is "
        "idempotent and safe to run from several processes. Exits non-zero when a job failed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", metavar="YYYY-MM-DD", help="act as of this date (demos, tests); default: today"
        )
        parser.add_argument(
            "--only",
            nargs="+",
            action="extend",
            metavar="NAME",
            help='run only these jobs (a name such as "notifications.email", or an app prefix)',
        )
        parser.add_argument(
            "--loop",
            type=int,
            metavar="SECONDS",
            help="run again every SECONDS seconds until interrupted (a deployment without cron)",
        )
        parser.add_argument(
            "--list", dest="list_jobs", action="store_true", help="list the registered jobs and exit"
        )

    def handle(self, *args, today=None, only=None, loop=None, list_jobs=False, **options):
        if list_jobs:
            for job in tick.jobs():
                self.stdout.write(f"{job.order:>5}  {job.name}")
            return
        day = _day(today) if today else None
        try:
            tick.select(only)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if loop is None:
            failed = self._run(day, only, stamp=False)
            if failed:
                raise CommandError(f"{failed} tick job(s) failed.", returncode=1)
            return
        if loop < 1:
            raise CommandError("--loop needs a number of seconds of at least 1.")
        try:
            while True:
                close_old_connections()  # a long-running process: drop stale or broken connections
                self._run(day, only, stamp=True)
                close_old_connections()
                time.sleep(loop)
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")

    def _run(self, day, only, *, stamp: bool) -> int:
        results = tick.run_all(today=day, only=only)
        prefix = f"[{timezone.localtime():%Y-%m-%d %H:%M:%S}] " if stamp else ""
        for result in results:
            line = f"{prefix}{result}"
            self.stdout.write(self.style.ERROR(line) if not result.ok else line)
        return sum(1 for result in results if not result.ok)
