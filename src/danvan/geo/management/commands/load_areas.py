import time

from django.core.management.base import BaseCommand

from danvan.geo.loader import load_areas


class Command(BaseCommand):
    help = "Load (or refresh) Vietnam's administrative areas and their 2025 successors. Idempotent."

    def handle(self, *args, **options):
        started = time.monotonic()
        result = load_areas()
        elapsed = time.monotonic() - started
        if options["verbosity"] == 0:
            return
        if result.changed:
            self.stdout.write(
                f"Areas: {result.created} created, {result.updated} updated; successions: "
                f"{result.successions_created} created, {result.successions_updated} updated "
                f"({elapsed:.1f}s)."
            )
        else:
            self.stdout.write(f"Areas are up to date; nothing changed ({elapsed:.1f}s).")
