"""Decisions built on appraisal: a draft takes its list from a closed round's proposal list, with
the models the council found typical ticked as typical. Seeded with the appraisal demo (a closed
2025 round of the city) inside a rolled-back transaction."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from danvan.appraisal import services as appraisal
from danvan.appraisal.demo import seed_appraisal_demo
from danvan.appraisal.models import AppraisalRound
from danvan.awards import services
from danvan.initiatives.demo import seed_initiatives_demo
from danvan.initiatives.workflow import Status
from tests.awards.conftest import CITY_SIGNER

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def rounds(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            seed_initiatives_demo()
            seed_appraisal_demo()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_a_draft_offers_a_closed_rounds_proposal_list(rounds, personas, ancestor, city):
    closed = AppraisalRound.objects.get(unit=city, year=2025, status="closed")
    listed = {c.initiative_id: c.typical for c in appraisal.proposal_list(closed)}
    assert listed and any(listed.values())
    decision = services.create_decision(
        "recognition", city, {"date": date(2025, 12, 1), **CITY_SIGNER}, actor=ancestor
    )
    url = reverse("awards:detail", args=[decision.pk])
    page = personas["ancestor"].get(url)
    assert closed in page.context["rounds"]
    chosen = personas["ancestor"].get(url, {"round": closed.pk})
    assert {c.pk for c in chosen.context["candidates"]} == set(listed)
    assert chosen.context["typical_ids"] == {pk for pk, typical in listed.items() if typical}
    fragment = personas["ancestor"].get(
        reverse("awards:candidates", args=[decision.pk]), {"round": closed.pk}
    )
    assert {c.pk for c in fragment.context["candidates"]} == set(listed)
    # what the page posts: the list, with the typical ones
    typical = [pk for pk, is_typical in listed.items() if is_typical]
    personas["ancestor"].post(
        reverse("awards:add", args=[decision.pk]), {"item": list(listed), "typical": typical}
    )
    assert {e.initiative_id: e.typical for e in decision.entries.all()} == listed
    services.update_decision(decision, {"number": 90}, actor=ancestor)
    services.transition(decision, "issue", actor=ancestor)
    assert {e.initiative.status for e in decision.entries.select_related("initiative")} == {Status.RECOGNIZED}
