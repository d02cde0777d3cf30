"""The arithmetic of an appraisal (`appraisal.scoring`): rules, pass-or-fail and satisfaction
criteria, weights, thresholds and ranking — without the database."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.appraisal.models import CriterionKind, Rule
from danvan.appraisal.scoring import combine, evaluate, rank

D = Decimal
POINTS, PASS_FAIL, SATISFACTION = CriterionKind.POINTS, CriterionKind.PASS_FAIL, CriterionKind.SATISFACTION


def criterion(pk, kind=POINTS, max_points=10, weight=1, mandatory=False):
    return SimpleNamespace(pk=pk, kind=kind, max_points=D(max_points), weight=D(weight), mandatory=mandatory)


def criteria_set(rule=Rule.MEAN, trim=1, recognition=70, typical=90):
    return SimpleNamespace(
        rule=rule, trim=trim, recognition_threshold=D(recognition), typical_threshold=D(typical)
    )


def candidate(share=None):
    return SimpleNamespace(satisfied_share=None if share is None else D(share))


def card(**values):
    """criterion pk -> (points, passed), from c1=8, c2=True, …"""
    return {
        int(key[1:]): (None, value) if isinstance(value, bool) else (D(str(value)), None)
        for key, value in values.items()
    }


# --- combining the members' values -------------------------------------------------------------


def test_mean_trimmed_mean_and_median():
    values = [D(2), D(8), D(9), D(10)]
    assert combine(values, Rule.MEAN) == D("7.25")
    assert combine(values, Rule.TRIMMED_MEAN, trim=1) == D("8.5")  # 2 and 10 dropped
    assert combine(values, Rule.MEDIAN) == D("8.5")
    assert combine([D(3), D(4), D(20)], Rule.MEDIAN) == D(4)
    assert combine([], Rule.MEAN) is None


def test_a_trimmed_mean_with_too_few_cards_is_the_plain_mean():
    assert combine([D(2), D(10)], Rule.TRIMMED_MEAN, trim=1) == D(6)
    assert combine([D(2), D(4), D(10)], Rule.TRIMMED_MEAN, trim=1) == D(4)
    assert combine([D(2), D(4), D(10)], Rule.TRIMMED_MEAN, trim=0) == D(16) / 3


# --- one candidate -------------------------------------------------------------------------------


def test_points_criteria_add_up_to_the_sheet_total_out_of_100():
    criteria = [criterion(1, max_points=60), criterion(2, max_points=40)]
    result = evaluate(criteria_set(), criteria, candidate(), [card(c1=45, c2=30), card(c1=51, c2=34)])
    assert [c.points for c in result.criteria] == [D("48.00"), D("32.00")]
    assert result.overall == D("80.00") and result.counted == 2
    assert result.recommended and not result.typical


def test_weights_scale_a_criterion_against_the_others():
    criteria = [criterion(1, max_points=10, weight=3), criterion(2, max_points=10, weight=1)]
    # 3 × 10 + 1 × 0 over 3 × 10 + 1 × 10
    result = evaluate(criteria_set(), criteria, candidate(), [card(c1=10, c2=0)])
    assert result.overall == D("75.00")


def test_a_pass_earns_its_share_of_points_and_a_mandatory_one_needs_a_strict_majority():
    criteria = [criterion(1, PASS_FAIL, max_points=20, mandatory=True), criterion(2, max_points=80)]
    cards = [card(c1=True, c2=80), card(c1=True, c2=80), card(c1=False, c2=80)]
    result = evaluate(criteria_set(), criteria, candidate(), cards)
    first = result.criteria[0]
    assert (first.passes, first.count, first.passed) == (2, 3, True)
    assert first.points == D("13.33")  # two thirds of 20
    assert result.overall == D("93.33") and result.typical

    tied = evaluate(criteria_set(), criteria, candidate(), cards[1:])  # one pass, one fail
    assert tied.criteria[0].passed is False
    assert tied.mandatory_failed == [criteria[0]]
    assert tied.overall == D("90.00")  # high score, but a mandatory condition is not met
    assert not tied.recommended and not tied.typical


def test_a_pure_condition_carries_no_points():
    criteria = [criterion(1, PASS_FAIL, max_points=0, mandatory=True), criterion(2, max_points=10)]
    result = evaluate(criteria_set(), criteria, candidate(), [card(c1=False, c2=10)])
    assert result.overall == D("100.00") and result.mandatory_failed and not result.recommended


def test_satisfaction_is_the_surveyed_share_not_a_member_score():
    criteria = [criterion(1, SATISFACTION, max_points=20), criterion(2, max_points=80)]
    result = evaluate(criteria_set(), criteria, candidate("85"), [card(c2=60)])
    assert result.criteria[0].points == D("17.00") and result.criteria[0].count == 0
    assert result.overall == D("77.00")
    missing = evaluate(criteria_set(), criteria, candidate(), [card(c2=60)])
    assert missing.survey_missing and missing.overall is None and not missing.recommended


def test_no_counted_card_no_result():
    result = evaluate(criteria_set(), [criterion(1)], candidate(), [])
    assert result.overall is None and not result.scored and result.counted == 0


def test_the_thresholds_are_inclusive_and_typical_implies_recommended():
    criteria = [criterion(1, max_points=100)]
    at = evaluate(criteria_set(recognition=70, typical=90), criteria, candidate(), [card(c1=70)])
    assert at.recommended and not at.typical
    below = evaluate(criteria_set(recognition=70, typical=90), criteria, candidate(), [card(c1="69.99")])
    assert not below.recommended
    top = evaluate(criteria_set(recognition=70, typical=90), criteria, candidate(), [card(c1=90)])
    assert top.recommended and top.typical


def test_the_rule_of_the_set_applies_to_every_criterion():
    criteria = [criterion(1, max_points=10)]
    cards = [card(c1=0), card(c1=9), card(c1=10)]
    assert evaluate(criteria_set(Rule.MEAN), criteria, candidate(), cards).overall == D("63.33")
    assert evaluate(criteria_set(Rule.TRIMMED_MEAN), criteria, candidate(), cards).overall == D("90.00")
    assert evaluate(criteria_set(Rule.MEDIAN), criteria, candidate(), cards).overall == D("90.00")


# --- ranking -------------------------------------------------------------------------------------


def test_ranking_best_first_with_shared_ranks_and_unscored_last():
    results = [
        SimpleNamespace(overall=o, scored=o is not None, rank=None)
        for o in (D(80), None, D(95), D(80), D(60))
    ]
    ranked = rank(results)
    assert [(r.overall, r.rank) for r in ranked] == [
        (D(95), 1),
        (D(80), 2),
        (D(80), 2),
        (D(60), 4),
        (None, None),
    ]


# --- properties ----------------------------------------------------------------------------------

kinds = st.sampled_from([POINTS, PASS_FAIL, SATISFACTION])


@st.composite
def sheets(draw):
    count = draw(st.integers(1, 6))
    criteria = []
    for pk in range(1, count + 1):
        kind = draw(kinds)
        maximum = draw(st.integers(0 if kind == PASS_FAIL else 1, 30))
        criteria.append(criterion(pk, kind, maximum, draw(st.integers(1, 5)), False))
    if sum(c.weight * c.max_points for c in criteria) == 0:
        criteria.append(criterion(count + 1, POINTS, 10))
    members = draw(st.integers(1, 5))
    cards = []
    for _ in range(members):
        values = {}
        for c in criteria:
            if c.kind == PASS_FAIL:
                values[c.pk] = (None, draw(st.booleans()))
            elif c.kind == POINTS:
                values[c.pk] = (D(draw(st.integers(0, int(c.max_points) * 2))) / 2, None)
        cards.append(values)
    share = D(draw(st.integers(0, 100)))
    return criteria, cards, share


@given(sheets(), st.sampled_from(list(Rule)))
def test_the_overall_score_is_between_0_and_100(sheet, rule):
    criteria, cards, share = sheet
    result = evaluate(criteria_set(rule), criteria, candidate(share), cards)
    assert result.overall is not None
    assert D(0) <= result.overall <= D(100)
    for item in result.criteria:
        assert D(0) <= item.points <= item.criterion.max_points
    assert result.typical <= result.recommended


@given(sheets())
def test_under_the_mean_the_overall_is_the_mean_of_each_members_overall(sheet):
    criteria, cards, share = sheet
    together = evaluate(criteria_set(Rule.MEAN), criteria, candidate(share), cards).overall
    alone = [evaluate(criteria_set(Rule.MEAN), criteria, candidate(share), [c]).overall for c in cards]
    # each figure is rounded to the hundredth
    assert abs(together - sum(alone) / len(alone)) <= D("0.01")


@pytest.mark.parametrize("rule", list(Rule))
def test_full_marks_everywhere_is_100(rule):
    criteria = [
        criterion(1, max_points=15),
        criterion(2, PASS_FAIL, 5, mandatory=True),
        criterion(3, SATISFACTION, 20),
    ]
    cards = [card(c1=15, c2=True)] * 3
    result = evaluate(criteria_set(rule), criteria, candidate("100"), cards)
    assert result.overall == D("100.00") and result.typical
