"""A warm worker's long-lived objects are frozen out of the full collections (core.collector)."""

import gc

import pytest
from django.core.signals import request_finished

from danvan.core.collector import UID, freeze_when_warm


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    request_finished.disconnect(dispatch_uid=UID)
    gc.unfreeze()


@pytest.mark.django_db
def test_the_worker_freezes_after_the_requests_named(unfrozen, client):
    freeze_when_warm(after=(1, 3))
    assert gc.get_freeze_count() == 0
    client.get("/healthz")
    first = gc.get_freeze_count()
    assert first > 1000  # Django, the apps, the URL configuration
    client.get("/healthz")
    assert gc.get_freeze_count() < first + 1000  # not after the second
    kept = [[n] for n in range(5000)]  # new long-lived objects, frozen after the third
    client.get("/healthz")
    assert gc.get_freeze_count() >= first + len(kept)
    assert not request_finished.disconnect(dispatch_uid=UID)  # done: the handler is gone
