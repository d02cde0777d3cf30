"""No N+1 on the appraisal pages and lists: the query count does not grow with what they list."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.appraisal import services
from danvan.appraisal.workflow import Position
from danvan.initiatives.models import Holder
from tests.appraisal.conftest import GOV, full_scores, proposed
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url)  # warm per-process caches (content types, translations)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


def more_rounds(city, ancestor, sets, start, count):
    for i in range(start, start + count):
        round_ = services.create_round(
            city,
            {"name": f"Đợt {i}", "year": 2026, "collective_set": sets[Holder.COLLECTIVE]},
            actor=ancestor,
        )
        services.appoint(round_, ancestor, Position.SECRETARY, actor=ancestor)


@pytest.mark.parametrize("url_name", ["appraisal:rounds", "appraisal:sets"])
@pytest.mark.parametrize("persona", ["ancestor", "lan"])
def test_the_lists_run_a_constant_number_of_queries(request, city, ancestor, sets, url_name, persona):
    client = client_for(request.getfixturevalue(persona))
    url = reverse(url_name)
    more_rounds(city, ancestor, sets, 0, 3)
    few = queries(client, url)
    more_rounds(city, ancestor, sets, 3, 27)
    for template in ("dalat_collective", "dalat_collective", "province_common", "dalat_individual"):
        services.create_set_from_template(city, template, actor=ancestor)
    many = queries(client, url)
    assert many == few


@pytest.mark.parametrize("path", ["/api/v1/appraisal/rounds", "/api/v1/appraisal/criteria-sets"])
def test_the_api_lists_run_a_constant_number_of_queries(ancestor, city, sets, path):
    client = client_for(ancestor)
    more_rounds(city, ancestor, sets, 0, 2)
    few = queries(client, path)
    more_rounds(city, ancestor, sets, 2, 20)
    services.create_set_from_template(city, "dalat_collective", actor=ancestor)
    assert queries(client, path) == few


def grow(round_, owner, ancestor, start, count):
    from danvan.orgs.models import Unit

    unit = Unit.objects.get(name=GOV)
    for i in range(start, start + count):
        initiative = proposed(unit, owner, ancestor, f"Mô hình dân vận khéo số {i}")
        candidate = services.add_candidate(round_, initiative, actor=ancestor)
        services.record_survey(candidate, actor=ancestor, surveyed=100 + i, satisfied_share=80)


@pytest.mark.parametrize("persona", ["ancestor", "lan", "leader"])
def test_the_round_page_runs_a_constant_number_of_queries(
    request, draft_round, owner, ancestor, lan, hanh, long_, persona
):
    client = client_for(request.getfixturevalue(persona))
    services.appoint(draft_round, lan, Position.CHAIR, actor=ancestor)
    url = reverse("appraisal:round", args=[draft_round.pk])
    grow(draft_round, owner, ancestor, 0, 2)
    few = queries(client, url)
    grow(draft_round, owner, ancestor, 2, 10)
    services.appoint(draft_round, hanh, Position.MEMBER, actor=ancestor)
    services.appoint(draft_round, long_, Position.MEMBER, actor=ancestor)
    assert queries(client, url) == few


def test_the_scoring_round_page_results_and_candidate_page_are_constant(
    draft_round, owner, ancestor, lan, hanh, long_
):
    services.appoint(draft_round, lan, Position.CHAIR, actor=ancestor)
    services.appoint(draft_round, long_, Position.MEMBER, actor=ancestor)
    services.appoint(draft_round, hanh, Position.MEMBER, actor=ancestor)
    grow(draft_round, owner, ancestor, 0, 8)
    services.transition(draft_round, "open", actor=ancestor)
    candidates = list(draft_round.candidates.select_related("initiative__owner_unit", "round"))

    def score(members, subset):
        for candidate in subset:
            for member in members:
                services.save_scorecard(
                    candidate,
                    actor=member,
                    scores=full_scores(draft_round, candidate, Decimal("0.8")),
                    submit=True,
                )

    score([lan], candidates[:2])
    client = client_for(lan)
    round_url = reverse("appraisal:round", args=[draft_round.pk])
    card_url = reverse("appraisal:candidate", args=[draft_round.pk, candidates[0].pk])
    few_round, few_card = queries(client, round_url), queries(client, card_url)
    score([long_, hanh], candidates[:2])
    score([lan, long_, hanh], candidates[2:])
    assert queries(client, round_url) == few_round
    assert queries(client, card_url) == few_card

    services.transition(draft_round, "close", actor=ancestor)
    agency = client_for(ancestor)
    results_url = reverse("appraisal:results", args=[draft_round.pk])
    closed_few = queries(agency, results_url)
    assert queries(client_for(ancestor), reverse("appraisal:round", args=[draft_round.pk])) < 40
    assert closed_few < 30
