"""Why is a dashboard slow? Its figures computed from the rows, query by query, on a bench database.

    .venv/bin/python -m bench.profile \\
        --database-url postgres://postgres@127.0.0.1:5432/danvan_bench_national \\
        --unit 54189 --write-under 54316 --channels initiatives.Initiative [--explain 3]

For the unit's dashboard (`--unit`, a unit id; the manifests in bench/data/ name a province and a
ward): the time of the page's figures and of each query, slowest first, right after a write under
`--write-under` that draws `--channels` (what a model registered draws: `initiatives.Initiative`;
`*` stales every figure, as a unit's change does), then with the figures stored. `--explain N`
prints the plan (EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on SQLite) of the N slowest.
The database is written to (stamps and stored figures only): use a bench database, never a real one.
"""

from __future__ import annotations

import argparse
import os
import sys
import time


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.profile",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--unit", type=int, required=True, help="the dashboard's unit (an id)")
    parser.add_argument("--write-under", type=int, help="the unit a write lands under (default: --unit)")
    parser.add_argument("--channels", default="*", help="what the write draws, comma-separated")
    parser.add_argument("--top", type=int, default=15, help="how many queries to list")
    parser.add_argument("--explain", type=int, default=0, help="print the plans of the N slowest")
    args = parser.parse_args(argv)

    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    os.environ.setdefault("DANVAN_SECRET_KEY", "bench-profile")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from danvan.dashboards import views
    from danvan.metrics import rollups
    from danvan.orgs.models import Unit

    unit = Unit.objects.get(pk=args.unit)
    under = Unit.objects.get(pk=args.write_under or args.unit)
    channels = [channel.strip() for channel in args.channels.split(",") if channel.strip()]
    user = get_user_model().objects.filter(is_superuser=True).first()
    views.render = lambda *a, **k: None  # the figures, not the template

    def dashboard(write: bool):
        if write:
            rollups.touch([under.pk], channels)
        request = RequestFactory().get("/")
        request.user, request.current_unit = user, unit
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            views._dashboard(request, unit)
        return (time.perf_counter() - started) * 1000, queries.captured_queries

    dashboard(False)  # the first time pays for imports and the figures of today
    runs = [dashboard(True) for _ in range(3)]
    elapsed, queries = sorted(runs, key=lambda run: run[0])[1]  # the median of three
    warm, warm_queries = dashboard(False)
    in_sql = sum(float(q["time"]) for q in queries) * 1000
    print(f"{unit} ({connection.vendor}), after a write drawing {', '.join(channels)} under {under}:")
    print(f"  {elapsed:.0f} ms, {len(queries)} queries, {in_sql:.0f} ms in the database")
    print(f"  with nothing written since: {warm:.0f} ms, {len(warm_queries)} queries")
    slowest = sorted(queries, key=lambda q: -float(q["time"]))
    for query in slowest[: args.top]:
        print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:160]}")
    for query in slowest[: args.explain]:
        prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
        with connection.cursor() as cursor:
            cursor.execute(prefix + query["sql"])
            print(
                f"\n{query['sql'][:300]}\n" + "\n".join(" ".join(map(str, row)) for row in cursor.fetchall())
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
