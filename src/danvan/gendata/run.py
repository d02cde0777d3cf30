"""The order of the parts; each is one transaction, timed."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection, transaction

from danvan.core.models import today
from danvan.gendata import awards, initiatives, orgs, petitions, reception, reports
from danvan.gendata.context import Context, Scale
from danvan.metrics import rollups

VERSION = 1

# (name, module): each module has `generate(ctx)`
PARTS = [
    ("organizations", orgs),
    ("initiatives", initiatives),
    ("awards", awards),  # right after: it moves recognitions to the dates of their decisions
    ("petitions", petitions),
    ("reception", reception),  # after petitions: it links those received at its sessions
    ("reports", reports),  # last: its frozen figures read the metrics of the other parts
]


def generate(
    scale: Scale, seed: int, *, log: Callable[[str], None] = print, require_empty: bool = True
) -> Context:
    """Build the data of `scale`. Tests pass `require_empty=False` to build beside the demo data."""
    if require_empty:
        orgs.ensure_empty()
    ctx = Context(scale=scale, seed=seed, today=today())
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:  # a bulk load: the file is rebuilt if the machine fails
            cursor.execute("PRAGMA synchronous = OFF")
    for name, part in PARTS:
        with ctx.stage(name), transaction.atomic():
            part.generate(ctx)
            # the next part reads what this one wrote: PostgreSQL plans with fresh statistics (a
            # sample, seconds even nationally; SQLite's ANALYZE reads everything, so once at the end)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
        log(f"{name}: {ctx.timings[name]} s")
    ctx.manifest.update(
        {
            "scale": scale.name,
            "seed": seed,
            "generator_version": VERSION,
            "today": ctx.today.isoformat(),
            "counts": dict(ctx.counts),
            "timings_s": ctx.timings,
        }
    )
    rollups.reset()  # the rows were written around the models' signals: no stored figure holds
    with connection.cursor() as cursor:  # fresh statistics for the query planner
        cursor.execute("ANALYZE")
    return ctx
