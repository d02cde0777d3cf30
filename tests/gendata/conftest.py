"""The generator run once per test module at the tiny scale, beside the demo data, rolled back after."""

import pytest
from django.db import transaction

from danvan.gendata.context import TINY
from danvan.gendata.run import generate


def run(seed: int = 1):
    return generate(TINY, seed, log=lambda line: None, require_empty=False)


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    """The generator's context (units, users, counts, manifest) of one tiny run."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield run()
        transaction.set_rollback(True)
