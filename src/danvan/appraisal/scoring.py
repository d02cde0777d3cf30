"""The arithmetic of an appraisal, in one place: pure functions over criteria and scores.

* Each criterion's score combines the counted scorecards (submitted, not recused) by the set's
  rule: the mean, the trimmed mean (the `trim` highest and `trim` lowest dropped when more than
  2 × trim cards count) or the median. A pass-or-fail criterion combines 1 (pass) and 0 (fail)
  the same way, so its share of passes earns that share of its points; a mandatory one must be
  passed by a strict majority of the counted cards. A satisfaction criterion takes no member
  score: its share is the surveyed share satisfied.
* The overall score is on a 100-point scale: the weighted points earned over the weighted
  maximum, 100 × Σ(weight × points) / Σ(weight × maximum). A sheet whose maxima add up to 100
  with weights 1 reads as its plain total.
* A candidate is proposed for recognition when it has a score, passes every mandatory criterion
  and reaches the recognition threshold; it is typical when it also reaches the typical
  threshold. Candidates are ranked per criteria set (collective and individual apart), equal
  scores sharing a rank (1, 2, 2, 4).

Scores are compared and stored rounded to two decimals, as they are shown.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from danvan.appraisal.models import CriterionKind, Rule

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ONE, ZERO = Decimal(1), Decimal(0)


def plain(value) -> str:
    """A number as people write it, without trailing zeros, in the current language: "86,5"."""
    from django.utils.formats import number_format

    number = Decimal(value).normalize()
    return number_format(number.quantize(ONE) if number == number.to_integral() else number)


def rounded(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def combine(values: Sequence[Decimal], rule: str, trim: int = 1) -> Decimal | None:
    """The members' values of one criterion combined by the rule (None without any value)."""
    values = sorted(Decimal(v) for v in values)
    if not values:
        return None
    if rule == Rule.MEDIAN:
        return Decimal(statistics.median(values))
    if rule == Rule.TRIMMED_MEAN and trim and len(values) > 2 * trim:
        values = values[trim:-trim]
    return sum(values, ZERO) / len(values)


@dataclass
class CriterionResult:
    criterion: object  # a Criterion
    points: Decimal | None = None  # points earned, 0..max_points (rounded)
    fraction: Decimal | None = None  # share of the maximum, 0..1
    passes: int = 0  # pass-or-fail: cards that found it passed
    count: int = 0  # cards that scored it
    passed: bool | None = None  # pass-or-fail: a strict majority passed it


@dataclass
class Result:
    candidate: object  # a Candidate
    criteria: list[CriterionResult] = field(default_factory=list)
    counted: int = 0
    overall: Decimal | None = None
    survey_missing: bool = False
    mandatory_failed: list = field(default_factory=list)
    recommended: bool = False
    typical: bool = False
    rank: int | None = None

    @property
    def scored(self) -> bool:
        return self.overall is not None


def member_value(criterion, points, passed) -> Decimal | None:
    """What one card gives a criterion: points, or 1/0 for a pass or a fail."""
    if criterion.kind == CriterionKind.PASS_FAIL:
        return None if passed is None else (ONE if passed else ZERO)
    return None if points is None else Decimal(points)


def weighted_maximum(criteria: Iterable) -> Decimal:
    return sum((Decimal(c.weight) * Decimal(c.max_points) for c in criteria), ZERO)


def evaluate(criteria_set, criteria: Sequence, candidate, cards: Sequence[dict]) -> Result:
    """The result of one candidate. `cards` are the counted scorecards, each a mapping
    criterion id -> (points, passed); `candidate` carries `satisfied_share`."""
    result = Result(candidate=candidate, counted=len(cards))
    earned = ZERO
    complete = True
    for criterion in criteria:
        item = CriterionResult(criterion=criterion)
        maximum = Decimal(criterion.max_points)
        if criterion.kind == CriterionKind.SATISFACTION:
            share = candidate.satisfied_share
            if share is None:
                result.survey_missing = True
                complete = False
            else:
                item.fraction = Decimal(share) / HUNDRED
        else:
            values = [
                v
                for v in (member_value(criterion, *card.get(criterion.pk, (None, None))) for card in cards)
                if v is not None
            ]
            item.count = len(values)
            combined = combine(values, criteria_set.rule, criteria_set.trim)
            if combined is None:
                complete = False
            elif criterion.kind == CriterionKind.PASS_FAIL:
                item.fraction = combined
                item.passes = sum(1 for v in values if v == ONE)
                item.passed = item.passes * 2 > item.count
                if criterion.mandatory and not item.passed:
                    result.mandatory_failed.append(criterion)
            else:
                item.fraction = combined / maximum if maximum else ZERO
        if item.fraction is not None:
            item.points = rounded(maximum * item.fraction)
            earned += Decimal(criterion.weight) * maximum * item.fraction
        result.criteria.append(item)
    total = weighted_maximum(criteria)
    if complete and total > 0:
        result.overall = rounded(HUNDRED * earned / total)
        result.recommended = not result.mandatory_failed and result.overall >= Decimal(
            criteria_set.recognition_threshold
        )
        result.typical = result.recommended and result.overall >= Decimal(criteria_set.typical_threshold)
    return result


def rank(results: Iterable[Result]) -> list[Result]:
    """Scored results best first, equal scores sharing a rank; unscored ones last, unranked."""
    results = list(results)
    scored = sorted((r for r in results if r.scored), key=lambda r: -r.overall)
    previous, position = None, 0
    for index, result in enumerate(scored, start=1):
        if result.overall != previous:
            position, previous = index, result.overall
        result.rank = position
    return scored + [r for r in results if not r.scored]
