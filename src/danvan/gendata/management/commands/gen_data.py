import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.gendata.context import SCALES
from danvan.gendata.run import generate


class Command(BaseCommand):
    help = (
        "Build deterministic, realistic data for benchmarks on the real administrative units: "
        "one province (--scale province) or the whole country (--scale national). Needs a database "
        "with the areas only (danvan migrate, danvan load_areas)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="province")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--manifest", help="write what was made (logins, ids, counts) to this JSON file")

    def handle(self, *args, scale, seed, manifest, **options):
        started = time.monotonic()
        try:
            ctx = generate(SCALES[scale], seed, log=self.stdout.write)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.monotonic() - started
        ctx.manifest["elapsed_s"] = round(elapsed, 1)
        self.stdout.write(f"\nMade in {elapsed:.0f} s ({scale} scale, seed {seed}):")
        width = max(len(name) for name in ctx.counts)
        for name, count in ctx.counts.items():
            self.stdout.write(f"  {name:<{width}}  {count:>10,}".replace(",", "."))
        if manifest:
            Path(manifest).write_text(json.dumps(ctx.manifest, ensure_ascii=False, indent=2))
            self.stdout.write(f"Manifest: {manifest}")
