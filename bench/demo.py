"""A stand-in manifest for the demo dataset, to try the benchmark without the generator.

    DATABASE_URL=sqlite:////tmp/bench-demo.sqlite3 DANVAN_DEBUG=true .venv/bin/danvan migrate
    ... load_areas && ... seed_demo
    .venv/bin/python -m bench.demo --database-url sqlite:////tmp/bench-demo.sqlite3 \\
        --out /tmp/bench-demo.json
    .venv/bin/python -m bench.run --manifest /tmp/bench-demo.json \\
        --database-url sqlite:////tmp/bench-demo.sqlite3

It writes the manifest `danvan gen_data` would write (scale "demo") and adds the draft models the
transition benchmark registers (the demo has only a handful). Writes to the database it is given:
use a copy you can rebuild.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time


def build(drafts: int) -> dict:
    from django.contrib.auth import get_user_model

    from danvan.geo.models import Area
    from danvan.initiatives import services
    from danvan.initiatives.models import Field, Initiative, Topic
    from danvan.initiatives.workflow import Status
    from danvan.orgs.models import Unit
    from danvan.reports.models import Report

    users = get_user_model().objects
    province = Unit.objects.get(name="Thành ủy Đà Nẵng")
    ward = Unit.objects.get(name="Đảng ủy phường Tam Kỳ")
    officer = users.get(username="canbo.tamky")
    field = Field.objects.order_by("sort_order").first()
    topics = list(Topic.objects.order_by("pk").values_list("code", flat=True)[:2])
    subtree = Initiative.objects.filter(owner_unit__path__startswith=ward.path)
    have = list(subtree.filter(status=Status.DRAFT, owner_unit=ward).values_list("pk", flat=True))
    for i in range(len(have), drafts):
        made = services.register_initiative(
            ward, {"name": f"Mô hình thử tải số {i + 1}", "field": field, "year": 2025}, actor=officer
        )
        have.append(made.pk)
    reports = Report.objects.filter(unit=province).order_by("-period__year", "period__report_type")
    annual = reports.filter(period__report_type="annual").first() or reports.first()
    commune = Area.objects.filter(level="commune", valid_until__isnull=True, pk=ward.area_id).first()
    return {
        "scale": "demo",
        "seed": 0,
        "generator_version": 0,
        "elapsed_s": None,
        "counts": {
            "areas": Area.objects.count(),
            "units": Unit.objects.count(),
            "users": users.count(),
            "initiatives": Initiative.objects.count(),
        },
        "password": "DanVan@2026",
        "logins": {"country": "admin", "province": "canbo.danang", "ward": "canbo.tamky"},
        "units": {"province": province.pk, "ward": ward.pk},
        "initiative": subtree.exclude(status=Status.DRAFT).order_by("pk").first().pk,
        "drafts": have,
        "register": {"owner_unit": ward.pk, "field": field.code, "topics": topics},
        "list_filter": {"within": province.pk, "year": 2025, "field": field.code, "status": "recognized"},
        "search": ["nước sạch", "an ninh trật tự", "rác thải", "chuyển đổi số"],
        "report": {"province_annual": annual.pk},
        "petition_area": (commune or ward.area).pk,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--drafts", type=int, default=2000)
    args = parser.parse_args(argv)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DANVAN_DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    started = time.monotonic()
    manifest = build(args.drafts)
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, ensure_ascii=False, indent=1)
    print(f"{args.out}: {len(manifest['drafts'])} drafts ({time.monotonic() - started:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
