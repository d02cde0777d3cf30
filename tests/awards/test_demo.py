"""The demo decisions (`danvan seed_demo`): idempotent, made through the services, consistent.

The session database holds the demo organizations only; the models are seeded here inside a
rolled-back transaction, without the appraisal demo (the decisions then list models of their own)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction
from django.test import override_settings

from danvan.awards import queries
from danvan.awards.demo import ANNIVERSARY, seed_awards_demo
from danvan.awards.models import AwardForm, Decision, Proposal
from danvan.awards.workflow import DecisionKind, DecisionStatus, ProposalStatus
from danvan.initiatives.demo import seed_initiatives_demo
from danvan.initiatives.workflow import Status
from danvan.metrics import registry
from danvan.orgs.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            seed_initiatives_demo()
            assert seed_awards_demo() == 3
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_a_second_run_changes_nothing(demo):
    before = (Decision.objects.count(), Proposal.objects.count(), AwardForm.objects.count())
    assert seed_awards_demo() == 0
    assert (Decision.objects.count(), Proposal.objects.count(), AwardForm.objects.count()) == before


def test_the_catalogue_of_da_nang(demo):
    city = Unit.objects.get(name="Thành ủy Đà Nẵng")
    names = set(AwardForm.objects.filter(province=city).values_list("name", flat=True))
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Đà Nẵng" in names
    assert "Giấy khen của Ban Thường vụ Đảng ủy xã, phường" in names and len(names) == 6


def test_the_2025_recognition_decision(demo):
    decision = Decision.objects.get(kind=DecisionKind.RECOGNITION, status=DecisionStatus.ISSUED)
    assert decision.symbol == "12-QĐ/BTGDV" and decision.date == date(2025, 10, 10)
    assert decision.issuing_body.name == "Ban Tuyên giáo và Dân vận Thành ủy Đà Nẵng"
    assert decision.issuing_unit.name == "Thành ủy Đà Nẵng"
    entries = list(decision.entries.select_related("initiative"))
    assert (
        len(entries) == 3 and sum(e.typical for e in entries) == 2 and sum(e.proposed for e in entries) == 1
    )
    for entry in entries:
        model = entry.initiative
        assert model.status == Status.RECOGNIZED and model.recognized_on == date(2025, 10, 10)
        assert "12-QĐ/BTGDV" in model.years.get(year=2025).evaluation_note
        assert {u for u in model.history.values_list("history_user__username", flat=True)} == {"canbo.danang"}
    funnel = queries.funnel(decision.issuing_unit, 2025)
    assert (funnel["typical"], funnel["proposed"]) == (2, 1)
    # recognized counts the decision's three and the city's recognitions recorded from paper decisions
    year = (date(2025, 1, 1), date(2025, 12, 31))
    assert registry.get("awards.recognized_by_decision").value_for(decision.issuing_unit, *year) == 3
    assert (
        funnel["recognized"]
        == registry.get("initiatives.recognized").value_for(decision.issuing_unit, *year)
        > 3
    )


def test_the_2025_commendation_and_the_2026_draft(demo):
    commendation = Decision.objects.get(kind=DecisionKind.COMMENDATION)
    assert commendation.symbol == "245-QĐ/TU" and commendation.status == DecisionStatus.ISSUED
    assert commendation.award_form.name == "Bằng khen của Ban Thường vụ Thành ủy Đà Nẵng"
    proposals = Proposal.objects.filter(decision_entries__decision=commendation)
    assert proposals.count() == 2 and set(proposals.values_list("status", flat=True)) == {
        ProposalStatus.GRANTED
    }
    assert set(proposals.values_list("occasion", flat=True)) == {ANNIVERSARY}
    draft = Decision.objects.get(status=DecisionStatus.DRAFT)
    assert draft.year == 2026 and draft.number is None and draft.entries.count() == 2
    assert {e.initiative.status for e in draft.entries.select_related("initiative")} == {Status.PROPOSED}
