"""No N+1 on the pages of models: the query count does not grow with what a page lists."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.initiatives import services
from danvan.initiatives.models import Field, Topic
from tests.initiatives.conftest import make, png_bytes, upload

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url)  # warm per-process caches (content types, translations)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def grow(unit, actor, start: int, count: int) -> None:
    fields = list(Field.objects.all())
    topics = list(Topic.objects.all())
    for i in range(start, start + count):
        initiative = make(unit, actor, f"Mô hình số {i}", field=fields[i % len(fields)], submit=i % 2 == 0)
        initiative.topics.set(topics[i % 3 : i % 3 + 2])


@pytest.mark.parametrize(
    ("persona", "query"),
    [
        ("owner", ""),
        ("ancestor", "?sort=status"),
        ("ancestor", "?q=mo+hinh&sort=name"),
        ("owner", "?year=2026&status=draft&sort=-changed"),
    ],
)
def test_the_list_runs_a_constant_number_of_queries(personas, owner, tamky, persona, query):
    url = reverse("initiatives:list") + query + ("&" if query else "?") + f"within={tamky.pk}"
    grow(tamky, owner, 0, 5)
    five = queries(personas[persona], url)
    grow(tamky, owner, 5, 45)
    fifty = queries(personas[persona], url)
    assert len(personas[persona].get(url).context["page"]) >= 25
    assert fifty == five


def test_the_model_page_runs_a_constant_number_of_queries(
    personas, owner, ancestor, tamky, haichau, in_progress
):
    url = reverse("initiatives:detail", args=[in_progress.pk])

    def more(n):
        for i in range(n):
            services.add_progress(
                in_progress,
                {"narrative": f"Đợt {i}", "people_reached": 10 + i},
                actor=owner,
                files=[
                    upload(f"anh-{i}.png", png_bytes((40, 30))),
                    upload(f"bb-{i}.pdf", b"%PDF-1.4\n%%EOF\n"),
                ],
                captions=[f"Ảnh {i}", ""],
            )
            services.plan_year(in_progress, 2026, actor=owner, plan=f"Kế hoạch {i}")

    more(1)
    before = queries(personas["ancestor"], url)
    more(6)
    after = queries(personas["ancestor"], url)
    assert after == before


def test_the_lineage_costs_one_query_per_generation_not_per_replica(
    personas, owner, ancestor, tamky, haichau, recognized
):
    from danvan.orgs.models import Unit

    # seen from a replica (the source's own history grows with each replication it records)
    targets = list(Unit.objects.filter(path__startswith=tamky.path, depth=tamky.depth + 1).active()[:6])
    first = services.replicate(recognized, targets[0], actor=ancestor)
    url = reverse("initiatives:detail", args=[first.pk])
    before = queries(personas["ancestor"], url)
    for target in targets[1:]:
        services.replicate(recognized, target, actor=ancestor)
    after = queries(personas["ancestor"], url)
    assert len(personas["ancestor"].get(url).context["lineage"]) == len(targets)
    assert after == before


def test_near_copies_run_a_constant_number_of_queries(personas, owner, stranger, ancestor, tamky, haichau):
    url = reverse("initiatives:copies") + "?year=2026"
    make(tamky, owner, "Khu dân cư không rác thải nhựa")
    make(haichau, stranger, "Khu dân cư không rác thải nhựa")
    before = queries(personas["ancestor"], url)
    for word in ("xanh", "sạch", "đẹp", "sáng", "an toàn"):  # digits do not count in a fingerprint
        make(tamky, owner, f"Tuyến phố {word}", content=f"Vận động giữ phố {word}")
        make(haichau, stranger, f"Tuyến phố {word}", content=f"Vận động giữ phố {word}")
    after = queries(personas["ancestor"], url)
    assert len(personas["ancestor"].get(url).context["groups"]) == 6
    assert after == before
