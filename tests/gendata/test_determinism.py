"""The same seed makes the same data; another seed, other data."""

import hashlib

import pytest
from django.db import transaction

from danvan.initiatives.models import Initiative
from tests.gendata.conftest import run

pytestmark = pytest.mark.django_db


def digest(ctx) -> str:
    rows = Initiative.objects.filter(owner_unit__path__startswith=ctx.provinces[0].party.path).order_by("pk")
    text = "\n".join(
        f"{i.owner_unit.name}|{i.name}|{i.year}|{i.status}|{i.recognized_on}"
        for i in rows.select_related("owner_unit")
    )
    return hashlib.sha256(text.encode()).hexdigest()


def once(seed: int) -> tuple[str, dict]:
    with transaction.atomic():
        ctx = run(seed)
        result = digest(ctx), dict(ctx.counts)
        transaction.set_rollback(True)
    return result


def test_a_seed_gives_the_same_data_every_time():
    first, counts = once(1)
    again, counts_again = once(1)
    other, _ = once(2)
    assert (first, counts) == (again, counts_again)
    assert other != first
