"""Generated appraisals and decisions follow the apps' own rules: rounds' results are what the
scoring computes from their cards, recognitions are the issued decisions', proposals are granted by
the decisions that list them, and the same seed gives the same rows."""

import hashlib
from collections import Counter
from datetime import date

import pytest
from django.db import transaction
from django.db.models import Count

from danvan.appraisal import services as appraisal
from danvan.appraisal.models import AppraisalRound, Candidate, CriteriaSet, RoundEvent, Scorecard
from danvan.appraisal.workflow import CardStatus, RoundStatus
from danvan.awards.models import Decision, DecisionEntry, Proposal
from danvan.awards.workflow import DecisionKind, DecisionStatus, ProposalStatus
from danvan.initiatives.models import Initiative, InitiativeYear, TransitionRecord
from danvan.initiatives.workflow import RECOGNIZED_STATES, Status
from danvan.metrics import registry
from tests.gendata.conftest import run

pytestmark = pytest.mark.django_db


def digest(ctx) -> str:
    top = ctx.provinces[0].party.path
    rows = [
        *Decision.objects.filter(issuing_unit__path__startswith=top)
        .order_by("pk")
        .values_list("issuing_body__name", "kind", "status", "number", "date", "signer_name"),
        *DecisionEntry.objects.filter(decision__issuing_unit__path__startswith=top)
        .order_by("pk")
        .values_list("position", "initiative__name", "proposal__recipient_name", "typical", "proposed"),
        *Candidate.objects.filter(round__unit__path__startswith=top)
        .order_by("pk")
        .values_list("round__name", "initiative__name", "overall", "rank", "typical"),
        *TransitionRecord.objects.filter(initiative__owner_unit__path__startswith=top, action="recognize")
        .order_by("pk")
        .values_list("at", "comment"),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_a_seed_gives_the_same_decisions_and_rounds():
    """First in the module: before the shared run of the other tests exists (its users would clash)."""
    digests = []
    for _ in range(2):
        with transaction.atomic():
            digests.append(digest(run(3)))
            transaction.set_rollback(True)
    assert digests[0] == digests[1]


@pytest.fixture
def top(generated):
    return generated.provinces[0].party


@pytest.fixture
def decisions(top):
    return Decision.objects.filter(issuing_unit__path__startswith=top.path)


@pytest.fixture
def rounds(top):
    return AppraisalRound.objects.filter(unit__path__startswith=top.path)


def test_every_kind_and_state_is_made(generated, decisions, rounds):
    states = set(decisions.values_list("kind", "status"))
    assert (DecisionKind.RECOGNITION, DecisionStatus.ISSUED) in states
    assert (DecisionKind.COMMENDATION, DecisionStatus.ISSUED) in states
    assert (DecisionKind.COMMENDATION, DecisionStatus.DRAFT) in states
    assert RoundStatus.CLOSED in set(rounds.values_list("status", flat=True))
    assert (
        generated.counts["recognitions"]
        == DecisionEntry.objects.filter(decision__in=decisions, recognition__isnull=False).count()
    )
    decision = Decision.objects.get(pk=generated.manifest["awards"]["decision"])
    assert (
        decision.status == DecisionStatus.ISSUED
        and decision.issuing_unit_id == generated.provinces[0].party.pk
    )


def test_issued_decisions_are_numbered_dated_and_logged(generated, decisions):
    for decision in decisions.prefetch_related("events"):
        actions = [e.action for e in decision.events.all()]
        if decision.status == DecisionStatus.DRAFT:
            assert decision.number is None and actions == ["create"]
            continue
        assert decision.number and decision.date < generated.today
        assert decision.symbol.endswith(f"-QĐ/{decision.issuer_code}")
        expected = ["create", "issue"] + (["revoke"] if decision.status == DecisionStatus.REVOKED else [])
        assert actions == expected
        times = [e.at for e in decision.events.all()]
        assert times == sorted(times)
        assert decision.events.get(action="issue").at.date() == decision.date
        if decision.kind == DecisionKind.COMMENDATION:
            form = decision.award_form
            assert form.issuer_type_id == decision.issuing_body.unit_type_id
            assert form.level == decision.issuing_body.area.level


def test_recognitions_are_those_of_their_decisions(decisions):
    entries = DecisionEntry.objects.filter(
        decision__in=decisions.filter(kind=DecisionKind.RECOGNITION).exclude(status=DecisionStatus.DRAFT)
    ).select_related("decision", "initiative", "recognition")
    assert entries.exists()
    for entry in entries:
        decision, model, step = entry.decision, entry.initiative, entry.recognition
        assert model.owner_unit.path.startswith(decision.issuing_unit.path)
        assert step.initiative_id == model.pk and step.action == "recognize"
        assert step.unit_id == decision.issuing_unit_id == model.recognized_level_id
        assert model.recognized_on == decision.date == step.at.date()
        assert not entry.proposed or entry.typical
        if decision.status == DecisionStatus.ISSUED:
            assert model.status in RECOGNIZED_STATES or model.status == Status.CONSOLIDATED
        else:  # a revocation sends the model to consolidation
            assert model.status == Status.CONSOLIDATED
            last = model.transitions.order_by("-at", "-pk").first()
            assert last.action == "consolidate" and "thu hồi" in last.comment
        note = InitiativeYear.objects.get(initiative=model, year=decision.date.year).evaluation_note
        assert decision.symbol in note


def test_steps_of_models_stay_in_order(top):
    models = Initiative.objects.filter(owner_unit__path__startswith=top.path, recognized_on__isnull=False)
    for model in models.prefetch_related("transitions"):
        steps = list(model.transitions.all())
        assert [s.at for s in steps] == sorted(s.at for s in steps), model.pk
        assert steps[-1].at == model.status_changed_at


def test_drafts_list_models_still_proposed(decisions):
    for entry in DecisionEntry.objects.filter(
        decision__in=decisions.filter(kind=DecisionKind.RECOGNITION, status=DecisionStatus.DRAFT)
    ).select_related("initiative", "decision"):
        assert entry.initiative.status == Status.PROPOSED
        assert entry.recognition_id is None and not entry.proposed
        assert entry.initiative.year <= entry.decision.date.year


def test_proposals_are_granted_by_the_decisions_that_list_them(top, decisions):
    proposals = Proposal.objects.filter(proposing_unit__path__startswith=top.path)
    assert set(proposals.values_list("status", flat=True)) >= {
        ProposalStatus.GRANTED,
        ProposalStatus.SUBMITTED,
    }
    for proposal in proposals.prefetch_related("decision_entries__decision"):
        listed = [e.decision for e in proposal.decision_entries.all()]
        issued = [d for d in listed if d.status == DecisionStatus.ISSUED]
        assert len(issued) == (1 if proposal.status == ProposalStatus.GRANTED else 0), proposal.pk
        if proposal.status in (ProposalStatus.DECLINED, ProposalStatus.WITHDRAWN):
            assert not listed and proposal.status_reason
        for decision in listed:
            assert decision.kind == DecisionKind.COMMENDATION
            assert proposal.proposing_unit.path.startswith(decision.issuing_unit.path)
            assert proposal.created_at <= decision.created_at
            assert decision.award_form.accepts(proposal.holder)
        if proposal.recipient_unit_id:
            assert proposal.recipient_unit.path.startswith(proposal.proposing_unit.path)
        if proposal.initiative_id:
            assert proposal.initiative.owner_unit.path.startswith(proposal.proposing_unit.path)
    numbers = Counter(decisions.exclude(number=None).values_list("issuing_body", "year", "number"))
    assert max(numbers.values()) == 1


def test_closed_rounds_hold_the_results_their_cards_give(rounds):
    closed = rounds.filter(status=RoundStatus.CLOSED)
    assert closed.exists()
    for round_ in closed:
        results = appraisal.compute_results(round_)
        stored = {c.pk: c for c in round_.candidates.all()}
        for items in results.values():
            for result in items:
                candidate = stored[result.candidate.pk]
                assert (candidate.overall, candidate.rank) == (result.overall, result.rank)
                assert (candidate.recommended, candidate.typical) == (result.recommended, result.typical)
        flagged = set(
            Scorecard.objects.filter(candidate__round=round_, flagged=True).values_list("candidate", "member")
        )
        assert flagged == appraisal.conflicts(round_) & flagged
        assert (
            Scorecard.objects.filter(
                candidate__round=round_, status=CardStatus.RECUSED, flagged=False
            ).count()
            == 0
        )
        assert round_.created_at < round_.opened_at < round_.closed_at


def test_round_candidates_match_what_was_decided(rounds):
    candidates = Candidate.objects.filter(round__in=rounds.filter(status=RoundStatus.CLOSED)).select_related(
        "round", "initiative"
    )
    for candidate in candidates:
        model = candidate.initiative
        proposed = model.transitions.filter(action="propose").latest("at").at
        assert proposed < candidate.added_at < candidate.round.opened_at
        entry = DecisionEntry.objects.filter(
            initiative=model, decision__kind=DecisionKind.RECOGNITION, recognition__isnull=False
        ).first()
        if entry is not None:  # recognized by a decision of the round's level, after it closed
            assert candidate.recommended and entry.typical == candidate.typical
            assert entry.decision.issuing_unit_id == candidate.round.unit_id
            assert entry.decision.date >= candidate.round.closed_at.date()
        elif model.status == Status.NOT_RECOGNIZED:
            assert not candidate.recommended
            rejected = model.transitions.get(action="reject").at
            assert rejected > candidate.round.closed_at
    events = RoundEvent.objects.filter(round__in=rounds)
    assert (
        events.filter(action="submit").count()
        == Scorecard.objects.filter(candidate__round__in=rounds, status=CardStatus.SUBMITTED).count()
    )


def test_criteria_sets_are_versions_of_each_other(top, rounds):
    sets = CriteriaSet.objects.filter(issuing_unit=top)
    current = sets.filter(superseded_at__isnull=True)
    assert current.count() == 2 and set(current.values_list("holder", flat=True)) == {
        "collective",
        "individual",
    }
    for criteria_set in sets.exclude(previous=None).select_related("previous"):
        assert criteria_set.previous.superseded_at == criteria_set.created_at
        assert criteria_set.version == criteria_set.previous.version + 1
    for round_ in rounds.select_related("collective_set"):
        used = round_.collective_set
        assert used.created_at <= round_.created_at
        assert used.superseded_at is None or round_.created_at < used.superseded_at


def test_the_funnel_narrows(generated, top):
    for year in generated.years:
        start, end = date(year, 1, 1), date(year, 12, 31)
        recognized = registry.get("initiatives.recognized").value_for(top, start, end)
        typical = registry.get("awards.typical").value_for(top, start, end)
        proposed = registry.get("awards.proposed").value_for(top, start, end)
        assert recognized >= typical >= proposed


def test_scores_exist_for_every_submitted_card(rounds):
    cards = Scorecard.objects.filter(candidate__round__in=rounds, status=CardStatus.SUBMITTED)
    assert not cards.annotate(n=Count("scores")).filter(n=0).exists()
    assert not Scorecard.objects.filter(
        candidate__round__in=rounds, status=CardStatus.RECUSED, scores__isnull=False
    )
