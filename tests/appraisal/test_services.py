"""The appraisal services: criteria sets and their versions, rounds, candidates, the council,
hidden scorecards, recusal and the conflict flag, closing with results — and refusals that say
why and change nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from danvan.appraisal import services
from danvan.appraisal.models import (
    AppraisalRound,
    Candidate,
    CouncilMember,
    CriteriaSet,
    Criterion,
    CriterionKind,
    RoundEvent,
    Score,
    Scorecard,
)
from danvan.appraisal.workflow import CardStatus, Position, RoundStatus
from danvan.core.permissions import Role
from danvan.core.services import ServiceError
from danvan.initiatives.models import Holder
from danvan.orgs.models import Unit
from danvan.orgs.services import add_grant
from tests.appraisal.conftest import FRONT, candidate_of, full_scores, proposed
from tests.initiatives.conftest import make, vi_plain

pytestmark = pytest.mark.django_db

MODELS = [AppraisalRound, Candidate, CouncilMember, CriteriaSet, Criterion, Scorecard, Score]


def snapshot():
    counts = {m.__name__: m.objects.count() for m in MODELS}
    counts.update({f"history {m.__name__}": m.history.count() for m in MODELS})
    counts["events"] = RoundEvent.objects.count()
    rows = {
        "sets": list(CriteriaSet.objects.order_by("pk").values()),
        "criteria": list(Criterion.objects.order_by("pk").values()),
        "rounds": list(AppraisalRound.objects.order_by("pk").values()),
        "candidates": list(Candidate.objects.order_by("pk").values()),
        "cards": list(Scorecard.objects.order_by("pk").values()),
        "scores": list(Score.objects.order_by("pk").values()),
    }
    return counts, rows


def refused(call, error=ServiceError, match: str | None = None):
    """The call is refused with `error` and changes nothing; returns the message."""
    before = snapshot()
    with pytest.raises(error) as info:
        call()
    assert snapshot() == before
    message = " ".join(info.value.messages) if isinstance(info.value, ServiceError) else str(info.value)
    if match:
        assert match in message, message
    return message


def rows_of(criteria_set) -> list[dict]:
    return [
        {k: getattr(c, k) for k in ("id", "title", "guidance", "kind", "max_points", "weight", "mandatory")}
        for c in criteria_set.criteria.order_by("position", "id")
    ]


def edit_data(criteria_set, **changes) -> dict:
    data = {k: getattr(criteria_set, k) for k in services.SET_FIELDS}
    data.update(changes)
    return data


# --- criteria sets -------------------------------------------------------------------------------


def test_a_set_from_a_template_has_the_templates_criteria(city, ancestor):
    from danvan.appraisal.criteria_templates import TEMPLATES

    template = TEMPLATES["province_common"]
    created = services.create_set_from_template(city, "province_common", actor=ancestor)
    criteria = list(created.criteria.order_by("position"))
    assert [c.title for c in criteria] == [c.title for c in template.criteria]
    kinds = [c.kind for c in criteria]
    assert kinds.count(CriterionKind.PASS_FAIL) == 3 and kinds.count(CriterionKind.SATISFACTION) == 1
    assert sum(c.max_points * c.weight for c in criteria) == 100
    assert all(c.mandatory for c in criteria if c.kind == CriterionKind.PASS_FAIL)
    assert (created.holder, created.version, created.template) == (Holder.COLLECTIVE, 1, "province_common")
    record = created.history.get()
    assert record.history_user_id == ancestor.pk and template.name in record.history_change_reason
    assert created.criteria.first().history.get().history_user_id == ancestor.pk


def test_the_dalat_templates_and_a_chosen_holder(city, ancestor):
    individual = services.create_set_from_template(city, "dalat_individual", actor=ancestor)
    assert individual.holder == Holder.INDIVIDUAL and individual.criteria.count() == 5
    assert individual.criteria.filter(mandatory=True).count() == 1
    collective = services.create_set_from_template(
        city, "dalat_collective", actor=ancestor, holder=Holder.COLLECTIVE, name="Bộ tiêu chí riêng"
    )
    assert collective.name == "Bộ tiêu chí riêng" and collective.criteria.count() == 5


@pytest.mark.parametrize("persona", ["owner", "stranger", "leader", "lan"])
def test_only_the_standing_agency_above_issues_criteria(request, persona, city):
    user = request.getfixturevalue(persona)
    refused(lambda: services.create_set_from_template(city, "province_common", actor=user), PermissionDenied)


def test_a_ward_standing_agency_issues_its_own_criteria(owner):
    front = Unit.objects.get(name=FRONT)  # canbo.tamky is the standing agency of the ward Front
    assert services.create_set_from_template(front, "dalat_collective", actor=owner).issuing_unit == front


def test_unknown_template_or_holder_is_refused(city, ancestor):
    refused(
        lambda: services.create_set_from_template(city, "quang_ngai", actor=ancestor),
        match=vi_plain("Unknown template."),
    )
    refused(
        lambda: services.create_set_from_template(city, "dalat_collective", actor=ancestor, holder="both")
    )


def test_editing_a_set_not_in_use_changes_it_in_place(sets, ancestor, draft_round):
    collective = sets[Holder.COLLECTIVE]
    rows = rows_of(collective)
    kept_id = rows[3]["id"]
    rows[3]["max_points"] = Decimal(12)
    removed = rows.pop(8)
    rows.append({"title": "Có ứng dụng chuyển đổi số", "kind": CriterionKind.POINTS, "max_points": 3})
    result, created = services.edit_set(
        collective,
        edit_data(collective, recognition_threshold=Decimal(75)),
        rows,
        actor=ancestor,
        reason="Góp ý",
    )
    assert (result.pk, created, result.version) == (collective.pk, False, 1)
    assert result.recognition_threshold == 75
    assert Criterion.objects.get(pk=kept_id).max_points == 12
    assert not Criterion.objects.filter(pk=removed["id"]).exists()
    assert result.criteria.order_by("position").last().title == "Có ứng dụng chuyển đổi số"
    latest = result.history.latest("history_date", "history_id")
    assert latest.history_change_reason == "Góp ý" and latest.history_user_id == ancestor.pk
    assert draft_round.collective_set_id == collective.pk  # a draft does not make a set "in use"


def test_editing_a_set_in_use_makes_a_new_version_and_the_old_round_keeps_its_own(
    scoring_round, sets, ancestor, city
):
    collective = sets[Holder.COLLECTIVE]
    old_criteria = list(collective.criteria.values_list("pk", "title", "max_points"))
    waiting = services.create_round(
        city, {"name": "Đợt bổ sung", "year": 2026, "collective_set": collective}, actor=ancestor
    )
    rows = rows_of(collective)
    for row in rows:
        if row["kind"] == CriterionKind.SATISFACTION:
            row["max_points"] = Decimal(25)
        if row["title"].startswith("Có sức lan tỏa"):
            row["max_points"] = Decimal(15)
    new, created = services.edit_set(
        collective, edit_data(collective), rows, actor=ancestor, reason="Tổng kết"
    )
    assert created and new.pk != collective.pk
    assert (new.version, new.previous_id, new.is_current) == (2, collective.pk, True)
    collective.refresh_from_db()
    assert not collective.is_current
    # nothing of the old version changed: the scoring round still reads its criteria
    assert list(collective.criteria.values_list("pk", "title", "max_points")) == old_criteria
    scoring_round.refresh_from_db()
    assert scoring_round.collective_set_id == collective.pk
    # a round still being prepared moves to the new version, and says so in its log
    waiting.refresh_from_db()
    assert waiting.collective_set_id == new.pk
    assert waiting.events.filter(action="criteria_updated").exists()
    assert [s.version for s in services.versions(collective)] == [2, 1]
    # an old version is not edited again
    refused(
        lambda: services.edit_set(collective, edit_data(collective), rows, actor=ancestor),
        match=vi_plain("This version has been replaced by a newer one: edit the latest version."),
    )


def test_an_unchanged_edit_changes_nothing(scoring_round, sets, ancestor):
    collective = sets[Holder.COLLECTIVE]
    before = snapshot()
    result, created = services.edit_set(
        collective, edit_data(collective), rows_of(collective), actor=ancestor
    )
    assert (result.pk, created) == (collective.pk, False)
    assert snapshot() == before


@pytest.mark.parametrize(
    "change, rows_change",
    [
        ({"name": "   "}, None),
        ({"name": "x\x00"}, None),
        ({"recognition_threshold": Decimal(80), "typical_threshold": Decimal(70)}, None),
        ({"typical_threshold": Decimal(101)}, None),
        ({"recognition_threshold": "bảy mươi"}, None),
        ({"rule": "geometric"}, None),
        ({"trim": 9}, None),
        ({}, "empty"),
        ({}, "mandatory_points"),
        ({}, "two_satisfaction"),
        ({}, "no_points"),
        ({}, "blank_title"),
        ({}, "negative"),
        ({}, "bad_kind"),
    ],
)
def test_bad_criteria_are_refused_with_a_message(sets, ancestor, change, rows_change):
    collective = sets[Holder.COLLECTIVE]
    rows = rows_of(collective)
    if rows_change == "empty":
        rows = []
    elif rows_change == "mandatory_points":
        rows[4]["mandatory"] = True
    elif rows_change == "two_satisfaction":
        rows[4]["kind"] = CriterionKind.SATISFACTION
    elif rows_change == "no_points":
        rows = [{**r, "kind": CriterionKind.PASS_FAIL, "max_points": 0} for r in rows]
    elif rows_change == "blank_title":
        rows[0]["title"] = " "
    elif rows_change == "negative":
        rows[4]["max_points"] = Decimal(-1)
    elif rows_change == "bad_kind":
        rows[4]["kind"] = "stars"
    message = refused(
        lambda: services.edit_set(collective, edit_data(collective, **change), rows, actor=ancestor)
    )
    assert message.strip()


def test_only_the_standing_agency_edits_a_set(sets, owner, lan):
    collective = sets[Holder.COLLECTIVE]
    for user in (owner, lan):
        refused(
            lambda u=user: services.edit_set(collective, edit_data(collective), rows_of(collective), actor=u),
            PermissionDenied,
        )


# --- rounds, candidates, council ---------------------------------------------------------------


def test_a_round_needs_fitting_criteria(city, ancestor, sets, haichau, stranger, admin_user):
    collective, individual = sets[Holder.COLLECTIVE], sets[Holder.INDIVIDUAL]
    refused(lambda: services.create_round(city, {"name": "Đợt 1", "year": 2026}, actor=ancestor))
    refused(
        lambda: services.create_round(
            city, {"name": "Đợt 1", "year": 2026, "collective_set": individual}, actor=ancestor
        )
    )
    refused(
        lambda: services.create_round(
            city, {"name": " ", "year": 2026, "collective_set": collective}, actor=ancestor
        )
    )
    refused(
        lambda: services.create_round(
            city, {"name": "Đợt", "year": 1999, "collective_set": collective}, actor=ancestor
        )
    )
    # criteria of a ward do not apply to the city
    ward_set = services.create_set_from_template(haichau, "province_common", actor=admin_user)
    refused(
        lambda: services.create_round(
            city, {"name": "Đợt", "year": 2026, "collective_set": ward_set}, actor=ancestor
        ),
        match="Hải Châu",
    )
    # a ward uses the city's
    round_ = services.create_round(
        haichau, {"name": "Đợt của phường", "year": 2026, "collective_set": collective}, actor=admin_user
    )
    assert round_.status == RoundStatus.DRAFT
    refused(
        lambda: services.create_round(
            city, {"name": "Đợt", "year": 2026, "collective_set": collective}, actor=stranger
        ),
        PermissionDenied,
    )


def test_gathering_takes_the_proposed_models_of_the_subtree_only(draft_round, ancestor, models, owner, tamky):
    in_progress = make(tamky, owner, "Mô hình đang xây dựng")
    added = services.gather_candidates(draft_round, actor=ancestor)
    assert {c.initiative_id for c in added} == {m.pk for m in models.values()}
    assert in_progress.pk not in {c.initiative_id for c in added}
    refused(lambda: services.gather_candidates(draft_round, actor=ancestor), match="")
    event = draft_round.events.get(action="gather")
    assert event.actor_id == ancestor.pk and "3" in event.comment


def test_a_ward_round_gathers_its_own_subtree_and_a_model_is_in_one_running_round(
    draft_round, ancestor, owner, models, sets
):
    front = Unit.objects.get(name=FRONT)
    ward = services.create_round(
        front,
        {"name": "Đợt của Mặt trận phường", "year": 2026, "collective_set": sets[Holder.COLLECTIVE]},
        actor=owner,
    )
    added = services.gather_candidates(ward, actor=owner)
    assert [c.initiative_id for c in added] == [models["front"].pk]
    # the city round cannot take it meanwhile; the others are still free
    refused(
        lambda: services.add_candidate(draft_round, models["front"], actor=ancestor),
        match=vi_plain(
            "“%(name)s” is already a candidate of this round or of another one.", name=models["front"].name
        ),
    )
    assert (
        services.add_candidate(draft_round, models["gov"], actor=ancestor).initiative_id == models["gov"].pk
    )
    services.transition(ward, "cancel", actor=owner, comment="Gộp vào đợt của thành phố")
    assert services.add_candidate(draft_round, models["front"], actor=ancestor)


def test_a_candidate_must_be_proposed_inside_and_have_criteria(
    city, ancestor, sets, draft_round, models, owner, tamky
):
    refused(
        lambda: services.add_candidate(draft_round, make(tamky, owner, "Bản nháp"), actor=ancestor), match=""
    )
    only_collective = services.create_round(
        city, {"name": "Chỉ tập thể", "year": 2026, "collective_set": sets[Holder.COLLECTIVE]}, actor=ancestor
    )
    refused(lambda: services.add_candidate(only_collective, models["person"], actor=ancestor))
    front = Unit.objects.get(name=FRONT)
    ward = services.create_round(
        front, {"name": "Đợt phường", "year": 2026, "collective_set": sets[Holder.COLLECTIVE]}, actor=owner
    )
    refused(
        lambda: services.add_candidate(ward, models["gov"], actor=owner),
        match=FRONT,
    )
    refused(lambda: services.add_candidate(draft_round, models["gov"], actor=owner), PermissionDenied)


def test_the_council_chair_members_and_secretary(draft_round, ancestor, lan, hanh, owner, stranger, leader):
    services.appoint(draft_round, lan, Position.CHAIR, actor=ancestor)
    refused(lambda: services.appoint(draft_round, hanh, Position.CHAIR, actor=ancestor), match="")
    refused(lambda: services.appoint(draft_round, lan, Position.MEMBER, actor=ancestor))
    # scoring needs the appraisal-council role in the round's unit or above
    refused(
        lambda: services.appoint(draft_round, leader, Position.MEMBER, actor=ancestor), match="lanhdao.danang"
    )
    refused(lambda: services.appoint(draft_round, owner, Position.SECRETARY, actor=ancestor))
    refused(lambda: services.appoint(draft_round, hanh, "observer", actor=ancestor))
    refused(lambda: services.appoint(draft_round, hanh, Position.MEMBER, actor=stranger), PermissionDenied)
    secretary = services.appoint(draft_round, leader, Position.SECRETARY, actor=ancestor)
    assert not secretary.scores
    services.dismiss(secretary, actor=ancestor)
    assert list(draft_round.events.values_list("action", flat=True)) == [
        "create",
        "appoint",
        "appoint",
        "dismiss",
    ]


def test_opening_needs_candidates_and_a_chair(draft_round, ancestor, models, lan, hanh):
    refused(lambda: services.transition(draft_round, "open", actor=ancestor), match="")
    services.gather_candidates(draft_round, actor=ancestor)
    services.appoint(draft_round, hanh, Position.MEMBER, actor=ancestor)
    refused(lambda: services.transition(draft_round, "open", actor=ancestor), match="")
    services.appoint(draft_round, lan, Position.CHAIR, actor=ancestor)
    opened = services.transition(draft_round, "open", actor=ancestor)
    assert opened.status == RoundStatus.SCORING and opened.opened_at is not None
    # the candidates and the council are frozen from now on
    candidate = opened.candidates.first()
    refused(lambda: services.remove_candidate(candidate, actor=ancestor))
    refused(lambda: services.dismiss(opened.council.first(), actor=ancestor))


def test_only_the_standing_agency_moves_a_round(ready_round, lan, owner, leader):
    for user in (lan, owner, leader):
        refused(lambda u=user: services.transition(ready_round, "open", actor=u), PermissionDenied)
    refused(lambda: services.transition(ready_round, "publish", actor=lan), ServiceError)


# --- scorecards: hidden, final, recused, flagged -------------------------------------------------


def test_a_member_sees_the_others_only_after_submitting(
    scoring_round, models, lan, hanh, long_, ancestor, leader
):
    candidate = candidate_of(scoring_round, models["gov"])
    services.save_scorecard(candidate, actor=lan, scores=full_scores(scoring_round, candidate), submit=True)
    hanh_card = services.save_scorecard(candidate, actor=hanh, scores={}, comment="Đang xem hồ sơ")
    assert hanh_card.status == CardStatus.DRAFT
    lan_access, hanh_access = services.access(lan, scoring_round), services.access(hanh, scoring_round)
    lan_card = Scorecard.objects.get(candidate=candidate, member=lan_access.member)
    assert services.cards_visible(lan_access, scoring_round, lan_card)
    assert not services.cards_visible(hanh_access, scoring_round, hanh_card)
    assert not services.cards_visible(services.access(long_, scoring_round), scoring_round, None)
    # the standing agency and a leader see counts, not values, until the round closes
    for user in (ancestor, leader):
        assert not services.cards_visible(services.access(user, scoring_round), scoring_round, None)
    assert not services.results_visible(scoring_round)
    counts = services.progress(scoring_round)[candidate.pk]
    assert (counts.members, counts.submitted, counts.drafting, counts.pending) == (3, 1, 1, 2)


def test_a_draft_may_be_partial_a_submission_may_not_and_is_final(scoring_round, models, lan):
    candidate = candidate_of(scoring_round, models["gov"])
    scores = full_scores(scoring_round, candidate)
    first = next(iter(scores))
    services.save_scorecard(candidate, actor=lan, scores={first: scores[first]})
    refused(lambda: services.save_scorecard(candidate, actor=lan, scores={first: scores[first]}, submit=True))
    card = services.save_scorecard(candidate, actor=lan, scores=scores, comment="Đạt", submit=True)
    assert card.status == CardStatus.SUBMITTED and card.submitted_at and card.scores.count() == len(scores)
    refused(lambda: services.save_scorecard(candidate, actor=lan, scores=scores), match="")
    refused(lambda: services.recuse(candidate, actor=lan, reason="Nhầm"))


def test_bad_scores_are_refused(scoring_round, models, lan, sets):
    candidate = candidate_of(scoring_round, models["gov"])
    criteria = services.member_criteria(scoring_round, Holder.COLLECTIVE)
    points = next(c for c in criteria if c.kind == CriterionKind.POINTS)
    pass_fail = next(c for c in criteria if c.kind == CriterionKind.PASS_FAIL)
    satisfaction = Criterion.objects.get(
        criteria_set=sets[Holder.COLLECTIVE], kind=CriterionKind.SATISFACTION
    )
    other_set = Criterion.objects.filter(criteria_set=sets[Holder.INDIVIDUAL]).first()
    for scores in (
        {points.pk: points.max_points + 1},
        {points.pk: -1},
        {points.pk: "mười"},
        {points.pk: "NaN"},
        {pass_fail.pk: "có"},
        {satisfaction.pk: 20},  # the survey gives it, not the member
        {other_set.pk: 10},
    ):
        refused(lambda s=scores: services.save_scorecard(candidate, actor=lan, scores=s))


def test_only_scoring_members_score(scoring_round, models, ancestor, owner, leader):
    candidate = candidate_of(scoring_round, models["gov"])
    for user in (ancestor, owner, leader):  # the secretary, an officer below, a leader
        refused(lambda u=user: services.save_scorecard(candidate, actor=u, scores={}), PermissionDenied)
        refused(lambda u=user: services.recuse(candidate, actor=u, reason="x"), PermissionDenied)


def test_a_member_of_the_owning_unit_is_flagged_and_may_recuse(
    scoring_round, models, hanh, lan, long_, admin_user
):
    flags = services.conflicts(scoring_round)
    hanh_seat = scoring_round.council.get(user=hanh)
    front = candidate_of(scoring_round, models["front"])
    gov = candidate_of(scoring_round, models["gov"])
    assert flags == {
        (front.pk, hanh_seat.pk)
    }  # her person is in the ward Front; not in its People's Committee
    # a grant on the owning unit flags as well
    add_grant(
        admin_user, user=long_, role=Role.LEADER, unit=models["person"].owner_unit, reason="Theo dõi phường"
    )
    person = candidate_of(scoring_round, models["person"])
    assert (person.pk, scoring_round.council.get(user=long_).pk) in services.conflicts(scoring_round)

    refused(lambda: services.recuse(front, actor=hanh, reason="  "), match="")
    card = services.recuse(front, actor=hanh, reason="Tôi là Chủ tịch Ủy ban MTTQ phường Tam Kỳ")
    assert card.status == CardStatus.RECUSED and card.flagged
    refused(lambda: services.save_scorecard(front, actor=hanh, scores={}))
    event = scoring_round.events.get(action="recuse")
    assert (event.actor_id, event.candidate_id, event.comment) == (hanh.pk, front.pk, card.recusal_reason)
    # scoring despite a flag is allowed, and the card keeps the mark
    services.save_scorecard(gov, actor=hanh, scores=full_scores(scoring_round, gov), submit=True)
    assert not Scorecard.objects.get(candidate=gov, member=hanh_seat).flagged
    services.save_scorecard(person, actor=long_, scores=full_scores(scoring_round, person), submit=True)
    assert Scorecard.objects.get(candidate=person, member__user=long_).flagged
    # a recused member's card is not counted
    services.save_scorecard(
        front, actor=lan, scores=full_scores(scoring_round, front, Decimal("0.5")), submit=True
    )
    result = services.compute_results(scoring_round)
    counted = {r.candidate.pk: r.counted for items in result.values() for r in items}
    assert counted[front.pk] == 1


# --- closing: results and the proposal list ------------------------------------------------------


def score_all(round_, models, members, shares):
    for key, share in shares.items():
        candidate = candidate_of(round_, models[key])
        for member in members:
            services.save_scorecard(
                candidate, actor=member, scores=full_scores(round_, candidate, share), submit=True
            )


def test_closing_fixes_the_results_and_the_proposal_list(scoring_round, models, lan, long_, hanh, ancestor):
    refused(lambda: services.transition(scoring_round, "close", actor=ancestor), match="")
    score_all(
        scoring_round,
        models,
        [lan, long_],
        {"gov": Decimal("0.95"), "front": Decimal("0.6"), "person": Decimal("0.8")},
    )
    closed = services.transition(scoring_round, "close", actor=ancestor, comment="Hết hạn chấm")
    assert closed.status == RoundStatus.CLOSED and closed.closed_at
    by_model = {c.initiative_id: c for c in closed.candidates.all()}
    gov, front, person = (by_model[models[k].pk] for k in ("gov", "front", "person"))
    # gov: 95% of 80 points + 85% of 20 (survey) = 76 + 17; front: 48 + 17; person: 80% of 80 + 20
    assert (gov.overall, gov.recommended, gov.typical, gov.rank, gov.counted) == (
        Decimal("93.00"),
        True,
        True,
        1,
        2,
    )
    assert (front.overall, front.recommended, front.rank) == (Decimal("65.00"), False, 2)
    assert (person.overall, person.recommended, person.typical, person.rank) == (
        Decimal("84.00"),
        True,
        False,
        1,
    )
    assert [c.initiative_id for c in services.proposal_list(closed)] == [
        models["gov"].pk,
        models["person"].pk,
    ]
    # the stored result is the computed one
    for items in services.compute_results(closed).values():
        for result in items:
            stored = by_model[result.candidate.initiative_id]
            assert (result.overall, result.rank, result.recommended, result.typical) == (
                stored.overall,
                stored.rank,
                stored.recommended,
                stored.typical,
            )
    assert services.results_visible(closed)
    assert services.cards_visible(services.access(ancestor, closed), closed, None)
    refused(lambda: services.save_scorecard(by_model[models["gov"].pk], actor=hanh, scores={}))
    assert closed.events.filter(action="close", from_status="scoring", to_status="closed").exists()


def test_closing_waits_for_every_survey_and_a_withdrawn_candidate_is_not_ranked(
    draft_round, ancestor, models, lan, long_
):
    services.gather_candidates(draft_round, actor=ancestor)
    services.appoint(draft_round, lan, Position.CHAIR, actor=ancestor)
    services.appoint(draft_round, long_, Position.MEMBER, actor=ancestor)
    services.transition(draft_round, "open", actor=ancestor)
    score_all(draft_round, models, [lan], {"gov": Decimal("0.9"), "person": Decimal("0.9")})
    front = candidate_of(draft_round, models["front"])
    refused(
        lambda: services.transition(draft_round, "close", actor=ancestor),
        match=vi_plain(
            "Enter the satisfaction survey of “%(name)s” before closing the round.", name=models["gov"].name
        ),
    )
    for key in ("gov",):
        services.record_survey(
            candidate_of(draft_round, models[key]), actor=ancestor, surveyed=50, satisfied_share=90
        )
    refused(lambda: services.withdraw_candidate(front, actor=ancestor, reason=" "))
    services.withdraw_candidate(front, actor=ancestor, reason="Đơn vị xin rút để hoàn thiện hồ sơ")
    refused(lambda: services.record_survey(front, actor=ancestor, surveyed=10, satisfied_share=50))
    closed = services.transition(draft_round, "close", actor=ancestor)
    front.refresh_from_db()
    assert front.rank is None and front.overall is None and not front.recommended
    assert closed.candidates.filter(rank__isnull=False).count() == 2


@pytest.mark.parametrize(
    "surveyed, share",
    [(0, 80), (-5, 80), ("nhiều", 80), (100, 101), (100, -1), (100, "tám mươi"), (True, 80)],
)
def test_bad_surveys_are_refused(ready_round, ancestor, models, surveyed, share):
    candidate = candidate_of(ready_round, models["gov"])
    refused(
        lambda: services.record_survey(candidate, actor=ancestor, surveyed=surveyed, satisfied_share=share)
    )


def test_a_survey_only_for_a_set_with_a_satisfaction_criterion(ready_round, ancestor, models, lan):
    refused(
        lambda: services.record_survey(
            candidate_of(ready_round, models["person"]), actor=ancestor, surveyed=10, satisfied_share=90
        ),
        match="",
    )
    refused(
        lambda: services.record_survey(
            candidate_of(ready_round, models["gov"]), actor=lan, surveyed=10, satisfied_share=90
        ),
        PermissionDenied,
    )


def test_cancel_needs_a_reason_and_ends_the_round(scoring_round, ancestor, models, lan):
    refused(lambda: services.transition(scoring_round, "cancel", actor=ancestor, comment=" "))
    cancelled = services.transition(
        scoring_round, "cancel", actor=ancestor, comment="Sai thành phần hội đồng"
    )
    assert cancelled.status == RoundStatus.CANCELLED
    refused(lambda: services.transition(cancelled, "close", actor=ancestor))
    candidate = candidate_of(cancelled, models["gov"])
    refused(lambda: services.save_scorecard(candidate, actor=lan, scores={}))
    # its candidates are free again
    assert set(services.eligible_initiatives(cancelled).values_list("pk", flat=True)) == set()
    other = services.create_round(
        cancelled.unit,
        {"name": "Đợt mới", "year": 2026, "collective_set": cancelled.collective_set},
        actor=ancestor,
    )
    assert services.eligible_initiatives(other).filter(pk=models["gov"].pk).exists()


def test_a_closed_round_has_appraised_its_candidates(
    scoring_round, models, lan, long_, ancestor, city, tamky, owner
):
    score_all(
        scoring_round,
        models,
        [lan],
        {"gov": Decimal("0.9"), "front": Decimal("0.9"), "person": Decimal("0.9")},
    )
    services.transition(scoring_round, "close", actor=ancestor)
    later = services.create_round(
        city,
        {
            "name": "Đợt sau",
            "year": 2026,
            "collective_set": scoring_round.collective_set,
            "individual_set": scoring_round.individual_set,
        },
        actor=ancestor,
    )
    assert not services.eligible_initiatives(later).exists()
    fresh = proposed(tamky, owner, ancestor, "Mô hình đề nghị sau")
    assert list(services.eligible_initiatives(later)) == [fresh]


def test_every_action_is_in_the_log_with_its_actor(scoring_round, ancestor, models, lan, hanh):
    candidate = candidate_of(scoring_round, models["gov"])
    services.save_scorecard(candidate, actor=lan, scores=full_scores(scoring_round, candidate), submit=True)
    services.recuse(candidate_of(scoring_round, models["front"]), actor=hanh, reason="Xung đột")
    actions = list(scoring_round.events.order_by("at", "id").values_list("action", "actor__username"))
    assert actions[0] == ("create", "canbo.danang")
    assert [a for a, _u in actions].count("appoint") == 4
    assert [a for a, _u in actions].count("survey") == 2
    assert actions[-3:] == [
        ("open", "canbo.danang"),
        ("submit", "hoidong.danang"),
        ("recuse", "hoidong.hanh"),
    ]
    submitted = scoring_round.events.get(action="submit")
    assert (
        submitted.comment == "" and submitted.subject == models["gov"].name
    )  # who and what, never the scores
