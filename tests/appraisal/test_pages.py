"""The appraisal pages: the permission matrix of every page and action, hidden scores,
the conflict flag, versioned criteria as the pages show them, and bad input."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from danvan.appraisal import services
from danvan.appraisal.models import AppraisalRound, CriteriaSet, Criterion, CriterionKind, Scorecard
from danvan.appraisal.workflow import CardStatus, Position, RoundStatus
from danvan.initiatives.models import Holder
from tests.appraisal.conftest import candidate_of, full_scores
from tests.appraisal.test_services import rows_of, snapshot
from tests.conftest import client_for
from tests.initiatives.conftest import vi

pytestmark = pytest.mark.django_db

PERSONAS = ["owner", "ancestor", "stranger", "lan", "leader", "anonymous"]


@pytest.fixture
def clients(owner, ancestor, stranger, lan, leader):
    return {
        "owner": client_for(owner),
        "ancestor": client_for(ancestor),
        "stranger": client_for(stranger),
        "lan": client_for(lan),
        "leader": client_for(leader),
        "anonymous": Client(),
    }


def expect(response, status):
    if status == "login":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], response
    elif status == "done":
        assert response.status_code == 302 and "/accounts/login/" not in response["Location"], response
    else:
        assert response.status_code == status, (response.status_code, response.content[:300])


# --- the matrix: pages -------------------------------------------------------------------------

# status per persona: owner (ward officer), ancestor (the city's standing agency, the secretary),
# stranger (another ward), lan (the chair), leader (the city's leader), anonymous
PAGES = {
    "rounds": (200, 200, 200, 200, 200, "login"),
    "sets": (200, 200, 200, 200, 200, "login"),
    "set_new": (200, 200, 403, 403, 403, "login"),
    "round_new": (200, 200, 403, 403, 403, "login"),
    # criteria issued above a unit apply to it: every officer below may read them
    "set": (200, 200, 200, 200, 200, "login"),
    "set_edit": (403, 200, 403, 403, 403, "login"),
    "round": (404, 200, 404, 200, 200, "login"),
    "candidate": (404, 200, 404, 200, 200, "login"),
    "results": (404, 200, 404, 200, 200, "login"),
}


def page_url(name, round_, candidate, criteria_set):
    args = {
        "set": [criteria_set.pk],
        "set_edit": [criteria_set.pk],
        "round": [round_.pk],
        "results": [round_.pk],
        "candidate": [round_.pk, candidate.pk],
    }.get(name, [])
    return reverse(f"appraisal:{name}", args=args)


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_for_every_persona(clients, scoring_round, models, sets, name):
    candidate = candidate_of(scoring_round, models["gov"])
    url = page_url(name, scoring_round, candidate, sets[Holder.COLLECTIVE])
    for persona, status in zip(PERSONAS, PAGES[name], strict=True):
        expect(clients[persona].get(url), status)


def test_unknown_ids_are_404(clients, scoring_round):
    for url in (
        reverse("appraisal:round", args=[10**9]),
        reverse("appraisal:set", args=[10**9]),
        reverse("appraisal:candidate", args=[scoring_round.pk, 10**9]),
    ):
        expect(clients["ancestor"].get(url), 404)


# --- the matrix: actions --------------------------------------------------------------------------

# (url name, needs a candidate, form data, status per persona); "done" = accepted, redirected back
ACTIONS = [
    ("transition", False, {"action": "cancel", "comment": "Thử"}, (404, "done", 404, 403, 403, "login")),
    ("candidate_withdraw", True, {"reason": "Rút"}, (404, "done", 404, 403, 403, "login")),
    (
        "candidate_survey",
        True,
        {"surveyed": "100", "satisfied_share": "90,5"},
        (404, "done", 404, 403, 403, "login"),
    ),
    ("candidate_recuse", True, {"reason": "Xung đột"}, (404, 403, 404, "done", 403, "login")),
    ("candidate", True, {"submit": "draft", "comment": "Nháp"}, (404, 403, 404, "done", 403, "login")),
]
DRAFT_ACTIONS = [
    ("gather", False, {}, (404, "done", 404, 403, 403, "login")),
    ("candidate_remove", True, {}, (404, "done", 404, 403, 403, "login")),
    ("appoint", False, {"position": "secretary"}, (404, "done", 404, 403, 403, "login")),
    ("dismiss", False, {}, (404, "done", 404, 403, 403, "login")),
]


def action_url(name, round_, candidate, member=None):
    if name == "dismiss":
        return reverse("appraisal:dismiss", args=[round_.pk, member.pk])
    if name in ("gather", "appoint", "transition", "candidate_add"):
        return reverse(f"appraisal:{name}", args=[round_.pk])
    return reverse(f"appraisal:{name}", args=[round_.pk, candidate.pk])


@pytest.mark.parametrize("name, per_candidate, data, statuses", ACTIONS)
def test_every_action_on_a_scoring_round_for_every_persona(
    clients, scoring_round, models, name, per_candidate, data, statuses
):
    candidate = candidate_of(scoring_round, models["gov"])
    url = action_url(name, scoring_round, candidate)
    # refused personas first: each refusal must change nothing; the accepted one last
    order = sorted(range(len(PERSONAS)), key=lambda i: statuses[i] == "done")
    for index in order:
        before = snapshot()
        response = clients[PERSONAS[index]].post(url, data)
        expect(response, statuses[index])
        if statuses[index] != "done":
            assert snapshot() == before, PERSONAS[index]
        else:
            assert snapshot() != before, PERSONAS[index]


@pytest.mark.parametrize("name, per_candidate, data, statuses", DRAFT_ACTIONS)
def test_every_action_on_a_draft_round_for_every_persona(
    clients, ready_round, models, leader, name, per_candidate, data, statuses
):
    candidate = candidate_of(ready_round, models["gov"])
    member = ready_round.council.get(position=Position.SECRETARY)
    if name == "gather":
        services.remove_candidate(candidate, actor=ready_round.created_by)
    if name == "appoint":
        data = {**data, "user": leader.pk}
    url = action_url(name, ready_round, candidate, member)
    order = sorted(range(len(PERSONAS)), key=lambda i: statuses[i] == "done")
    for index in order:
        before = snapshot()
        expect(clients[PERSONAS[index]].post(url, data), statuses[index])
        if statuses[index] != "done":
            assert snapshot() == before, PERSONAS[index]
        else:
            assert snapshot() != before, PERSONAS[index]


def test_adding_one_candidate_from_the_round_page(clients, draft_round, models):
    page = clients["ancestor"].get(reverse("appraisal:round", args=[draft_round.pk]))
    assert models["gov"] in page.context["eligible"]
    url = reverse("appraisal:candidate_add", args=[draft_round.pk])
    expect(clients["lan"].post(url, {"initiative": models["gov"].pk}), 403)
    expect(clients["ancestor"].post(url, {"initiative": models["gov"].pk}), "done")
    assert draft_round.candidates.filter(initiative=models["gov"]).exists()
    # again: refused with a message, nothing added
    response = clients["ancestor"].post(url, {"initiative": models["gov"].pk}, follow=True)
    assert draft_round.candidates.count() == 1
    assert any(m.level_tag == "error" for m in response.context["messages"])
    expect(clients["ancestor"].post(url, {"initiative": "abc"}), "done")
    assert draft_round.candidates.count() == 1


def test_creating_a_set_and_a_round_from_the_pages(clients, ancestor, city):
    response = clients["ancestor"].post(
        reverse("appraisal:set_new"), {"template": "dalat_collective", "issuing_unit": city.pk, "holder": ""}
    )
    created = CriteriaSet.objects.get(template="dalat_collective")
    assert response["Location"] == reverse("appraisal:set", args=[created.pk])
    assert created.criteria.count() == 5 and created.created_by == ancestor
    response = clients["ancestor"].post(
        reverse("appraisal:round_new"),
        {"unit": city.pk, "name": "Đợt thẩm định thử", "year": 2026, "collective_set": created.pk},
    )
    round_ = AppraisalRound.objects.get(name="Đợt thẩm định thử")
    assert response["Location"] == reverse("appraisal:round", args=[round_.pk])
    assert round_.collective_set == created and round_.status == RoundStatus.DRAFT
    # the unit select reloads the sets and campaigns that fit the chosen unit (htmx)
    fragment = clients["ancestor"].get(
        reverse("appraisal:round_new"), {"unit": city.pk}, HTTP_HX_REQUEST="true"
    )
    assert fragment.status_code == 200 and created.name in fragment.content.decode()


def test_a_stranger_cannot_create_for_a_unit_they_do_not_steer(clients, city):
    before = snapshot()
    response = clients["owner"].post(
        reverse("appraisal:set_new"), {"template": "dalat_collective", "issuing_unit": city.pk}
    )
    assert response.status_code == 200 and response.context["form"].errors
    response = clients["owner"].post(
        reverse("appraisal:round_new"), {"unit": city.pk, "name": "Đợt", "year": 2026}
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert snapshot() == before


# --- hidden scores -------------------------------------------------------------------------------

SECRET = "Nhận xét kín của thành viên"


def test_scores_stay_hidden_until_a_member_submits_and_from_the_agency_until_closing(
    clients, scoring_round, models, long_, lan, hanh, ancestor
):
    candidate = candidate_of(scoring_round, models["gov"])
    url = reverse("appraisal:candidate", args=[scoring_round.pk, candidate.pk])
    services.save_scorecard(
        candidate, actor=long_, scores=full_scores(scoring_round, candidate), comment=SECRET, submit=True
    )
    for persona in ("lan", "ancestor", "leader"):
        body = clients[persona].get(url).content.decode()
        assert SECRET not in body and 'data-testid="council-cards"' not in body, persona
        assert 'data-testid="scores-hidden"' in body
    lan_page = clients["lan"].get(url)
    assert lan_page.context["form"] is not None
    # lan submits through the page: now she sees the council's cards
    data = {"submit": "submit", "comment": "Tốt"}
    for criterion_id, value in full_scores(scoring_round, candidate, Decimal("0.7")).items():
        data[f"c{criterion_id}"] = {True: "yes", False: "no"}.get(value, str(value).replace(".", ","))
    expect(clients["lan"].post(url, data), "done")
    card = Scorecard.objects.get(candidate=candidate, member__user=lan)
    assert card.status == CardStatus.SUBMITTED and card.comment == "Tốt"
    body = clients["lan"].get(url).content.decode()
    assert SECRET in body and 'data-testid="council-cards"' in body
    assert SECRET not in clients["ancestor"].get(url).content.decode()
    # the round page shows counts, never values
    round_page = clients["ancestor"].get(reverse("appraisal:round", args=[scoring_round.pk]))
    row = next(c for c in round_page.context["candidates"] if c.pk == candidate.pk)
    assert (row.progress.submitted, row.progress.pending) == (2, 1) and not row.show_result
    results = clients["leader"].get(reverse("appraisal:results", args=[scoring_round.pk]))
    assert results.context["groups"] == [] and 'data-testid="results-hidden"' in results.content.decode()


def test_after_closing_results_for_all_who_see_the_round_cards_for_agency_and_council(
    clients, scoring_round, models, lan, long_, ancestor
):
    for model in models.values():
        candidate = candidate_of(scoring_round, model)
        services.save_scorecard(
            candidate, actor=long_, scores=full_scores(scoring_round, candidate), comment=SECRET, submit=True
        )
    services.transition(scoring_round, "close", actor=ancestor)
    candidate = candidate_of(scoring_round, models["gov"])
    url = reverse("appraisal:candidate", args=[scoring_round.pk, candidate.pk])
    assert SECRET in clients["ancestor"].get(url).content.decode()
    assert SECRET in clients["lan"].get(url).content.decode()
    assert SECRET not in clients["leader"].get(url).content.decode()
    results = clients["leader"].get(reverse("appraisal:results", args=[scoring_round.pk]))
    items = [r for g in results.context["groups"] for r in g["items"]]
    assert {r.candidate.initiative_id for r in items} == {m.pk for m in models.values()}
    assert all(r.overall is not None for r in items)
    body = results.content.decode()
    assert 'data-testid="recommended"' in body  # 80% of the points and 85% satisfied: 81; the exemplar 84
    assert "81,00" in body and "84,00" in body


# --- the conflict flag ----------------------------------------------------------------------------


def test_the_flag_shows_until_the_member_recuses(clients, council_clients, scoring_round, models, hanh):
    round_url = reverse("appraisal:round", args=[scoring_round.pk])
    front = candidate_of(scoring_round, models["front"])
    page = clients["ancestor"].get(round_url)
    row = next(c for c in page.context["candidates"] if c.pk == front.pk)
    assert [m.user_id for m in row.flagged_members] == [hanh.pk]
    assert 'data-testid="conflict-flag"' in page.content.decode()
    url = reverse("appraisal:candidate", args=[scoring_round.pk, front.pk])
    assert 'data-testid="conflict-warning"' in council_clients["hanh"].get(url).content.decode()
    gov_url = reverse(
        "appraisal:candidate", args=[scoring_round.pk, candidate_of(scoring_round, models["gov"]).pk]
    )
    assert 'data-testid="conflict-warning"' not in council_clients["hanh"].get(gov_url).content.decode()
    # recusing without a reason: a message, nothing changed
    before = snapshot()
    council_clients["hanh"].post(
        reverse("appraisal:candidate_recuse", args=[scoring_round.pk, front.pk]), {"reason": ""}
    )
    assert snapshot() == before
    expect(
        council_clients["hanh"].post(
            reverse("appraisal:candidate_recuse", args=[scoring_round.pk, front.pk]),
            {"reason": "Chủ tịch MTTQ phường"},
        ),
        "done",
    )
    page = clients["ancestor"].get(round_url)
    row = next(c for c in page.context["candidates"] if c.pk == front.pk)
    assert row.flagged_members == [] and row.progress.recused == 1
    body = council_clients["hanh"].get(url).content.decode()
    assert 'data-testid="scorecard-form"' not in body and "Chủ tịch MTTQ phường" in body


# --- versioned criteria on the pages ---------------------------------------------------------------


def edit_post(criteria_set, rows, **changes) -> dict:
    data = {
        "name": criteria_set.name,
        "description": criteria_set.description,
        "campaign": "",
        "rule": criteria_set.rule,
        "trim": criteria_set.trim,
        "recognition_threshold": str(criteria_set.recognition_threshold),
        "typical_threshold": str(criteria_set.typical_threshold),
        "reason": "Điều chỉnh",
        "criteria-TOTAL_FORMS": len(rows) + 1,
        "criteria-INITIAL_FORMS": len(rows),
        "criteria-MIN_NUM_FORMS": 1,
        "criteria-MAX_NUM_FORMS": 50,
        **changes,
    }
    for i, row in enumerate(rows):
        for key in ("id", "title", "guidance", "kind", "max_points", "weight"):
            data[f"criteria-{i}-{key}"] = "" if row[key] is None else str(row[key])
        if row["mandatory"]:
            data[f"criteria-{i}-mandatory"] = "on"
        data[f"criteria-{i}-ORDER"] = i + 1
    extra = len(rows)  # the empty "new criterion" row, as the browser sends it
    data.update(
        {f"criteria-{extra}-kind": "points", f"criteria-{extra}-weight": "1", f"criteria-{extra}-title": ""}
    )
    return data


def test_an_unchanged_form_with_its_empty_new_row_saves_nothing(clients, sets):
    collective = sets[Holder.COLLECTIVE]
    before = snapshot()
    response = clients["ancestor"].post(
        reverse("appraisal:set_edit", args=[collective.pk]), edit_post(collective, rows_of(collective))
    )
    expect(response, "done")
    assert snapshot() == before


def test_editing_a_set_in_use_from_the_page_makes_version_2_and_the_old_round_shows_version_1(
    clients, scoring_round, sets, models
):
    collective = sets[Holder.COLLECTIVE]
    rows = rows_of(collective)
    satisfaction = next(r for r in rows if r["kind"] == CriterionKind.SATISFACTION)
    satisfaction["max_points"] = Decimal(25)
    rows[5]["max_points"] = Decimal(15)
    response = clients["ancestor"].post(
        reverse("appraisal:set_edit", args=[collective.pk]), edit_post(collective, rows)
    )
    new = CriteriaSet.objects.get(previous=collective)
    assert response["Location"] == reverse("appraisal:set", args=[new.pk])
    assert new.criteria.get(kind=CriterionKind.SATISFACTION).max_points == 25
    old_page = clients["ancestor"].get(reverse("appraisal:set", args=[collective.pk]))
    assert [c.max_points for c in old_page.context["criteria"] if c.kind == CriterionKind.SATISFACTION] == [
        20
    ]
    assert 'data-testid="set-replaced"' in old_page.content.decode()
    assert [v.version for v in old_page.context["versions"]] == [2, 1]
    assert old_page.context["rounds"] == [scoring_round]
    # the scoring form of the round still asks the old version's criteria
    candidate = candidate_of(scoring_round, models["gov"])
    form = (
        clients["lan"]
        .get(reverse("appraisal:candidate", args=[scoring_round.pk, candidate.pk]))
        .context["form"]
    )
    assert {c.criteria_set_id for c in form.criteria} == {collective.pk}
    # the old version cannot be edited any more
    expect(clients["ancestor"].get(reverse("appraisal:set_edit", args=[collective.pk])), "done")


def test_bad_criteria_from_the_page_change_nothing(clients, sets):
    collective = sets[Holder.COLLECTIVE]
    rows = rows_of(collective)
    url = reverse("appraisal:set_edit", args=[collective.pk])
    for changes, row_change in [
        ({"recognition_threshold": "80", "typical_threshold": "70"}, None),
        ({"typical_threshold": "120"}, None),
        ({}, ("mandatory", "on", 4)),
        ({}, ("max_points", "0", 4)),
        ({}, ("title", "", 0)),
        ({"criteria-TOTAL_FORMS": "0", "criteria-INITIAL_FORMS": "0"}, None),
    ]:
        data = edit_post(collective, rows, **changes)
        if row_change:
            key, value, index = row_change
            data[f"criteria-{index}-{key}"] = value
        before = snapshot()
        response = clients["ancestor"].post(url, data)
        assert response.status_code == 200, changes
        assert snapshot() == before
        assert any(m.level_tag == "error" for m in response.context["messages"])


# --- bad input on the round's forms -----------------------------------------------------------------


def test_bad_surveys_and_scores_from_the_pages_change_nothing(
    clients, council_clients, scoring_round, models
):
    candidate = candidate_of(scoring_round, models["gov"])
    survey_url = reverse("appraisal:candidate_survey", args=[scoring_round.pk, candidate.pk])
    for data in (
        {"surveyed": "0", "satisfied_share": "50"},
        {"surveyed": "100", "satisfied_share": "150"},
        {},
    ):
        before = snapshot()
        response = clients["ancestor"].post(survey_url, data, follow=True)
        assert snapshot() == before
        assert any(m.level_tag == "error" for m in response.context["messages"])
    url = reverse("appraisal:candidate", args=[scoring_round.pk, candidate.pk])
    points = next(c for c in services.member_criteria(scoring_round, Holder.COLLECTIVE) if c.kind == "points")
    before = snapshot()
    response = council_clients["lan"].post(url, {"submit": "draft", f"c{points.pk}": "999"})
    assert response.status_code == 200 and response.context["form"].errors
    response = council_clients["lan"].post(url, {"submit": "submit", f"c{points.pk}": "5"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert snapshot() == before
    assert vi("Score every criterion before submitting the scorecard.") in response.content.decode()


def test_the_round_page_shows_the_lifecycle_buttons_to_the_agency_only(clients, ready_round):
    url = reverse("appraisal:round", args=[ready_round.pk])
    assert [t.action for t in clients["ancestor"].get(url).context["actions"]] == ["open", "cancel"]
    assert clients["lan"].get(url).context["actions"] == []
    expect(
        clients["ancestor"].post(reverse("appraisal:transition", args=[ready_round.pk]), {"action": "open"}),
        "done",
    )
    ready_round.refresh_from_db()
    assert ready_round.status == RoundStatus.SCORING
    response = clients["ancestor"].post(
        reverse("appraisal:transition", args=[ready_round.pk]), {"action": "close"}, follow=True
    )
    assert any(m.level_tag == "error" for m in response.context["messages"])
    ready_round.refresh_from_db()
    assert ready_round.status == RoundStatus.SCORING


def test_the_history_and_log_are_on_the_round_page(clients, scoring_round, models, lan):
    candidate = candidate_of(scoring_round, models["gov"])
    services.save_scorecard(candidate, actor=lan, scores=full_scores(scoring_round, candidate), submit=True)
    context = clients["leader"].get(reverse("appraisal:round", args=[scoring_round.pk])).context
    assert [e.action for e in context["events"]][-2:] == ["open", "submit"]
    assert context["history"][0]["user"] == "canbo.danang"


def test_set_list_filters(clients, sets, scoring_round, ancestor):
    collective = sets[Holder.COLLECTIVE]
    services.edit_set(collective, {"recognition_threshold": Decimal(75)}, rows_of(collective), actor=ancestor)
    page = clients["ancestor"].get(reverse("appraisal:sets")).context["page"]
    assert {s.version for s in page} == {1, 2} and len(page) == 2  # the latest of each set
    page = clients["ancestor"].get(reverse("appraisal:sets"), {"versions": "all"}).context["page"]
    assert len(page) == 3
    page = clients["ancestor"].get(reverse("appraisal:sets"), {"holder": "individual"}).context["page"]
    assert [s.holder for s in page] == [Holder.INDIVIDUAL]
    page = clients["ancestor"].get(reverse("appraisal:sets"), {"q": "nam tieu chuan"}).context["page"]
    assert [s.template for s in page] == ["dalat_individual"]
    assert Criterion.objects.filter(criteria_set__previous=collective).count() == 10
