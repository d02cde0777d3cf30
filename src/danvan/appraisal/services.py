"""Every write users trigger on criteria sets and appraisal rounds — one function per action,
transactional, permission-checked, recorded with who, when and why — and the reading rules that
pages and the API share (who sees which round, and when scores stop being hidden).

Hidden scores: while a round is scoring, a council member sees the other members' scorecards of
a candidate only after submitting their own for it; the standing agency and everyone else see
progress counts, never values. Once the round is closed, its results are visible to everyone
who may see the round, and the individual scorecards to the standing agency and the council.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.appraisal import scoring
from danvan.appraisal.criteria_templates import TEMPLATES
from danvan.appraisal.models import (
    AppraisalRound,
    Candidate,
    CouncilMember,
    CriteriaSet,
    Criterion,
    CriterionKind,
    RoundEvent,
    Rule,
    Score,
    Scorecard,
)
from danvan.appraisal.workflow import (
    ACTIVE,
    PREPARING,
    SCORING_POSITIONS,
    SURVEYING,
    TRANSITIONS,
    CardStatus,
    Position,
    RoundStatus,
    Transition,
)
from danvan.core.permissions import can, is_system_admin, require, scope_q
from danvan.core.services import ServiceError, with_reason
from danvan.initiatives.models import Holder, Initiative
from danvan.initiatives.queries import within_q
from danvan.initiatives.workflow import Status
from danvan.orgs.models import Campaign, Grant, Person, Unit

MAX_CRITERIA = 50
MAX_TEXT = 20000
MAX_SURVEYED = 10_000_000
SET_FIELDS = ("name", "description", "campaign", "rule", "trim", "recognition_threshold", "typical_threshold")
CRITERION_FIELDS = ("title", "guidance", "kind", "max_points", "weight", "mandatory")
CENT = Decimal("0.01")


# ================================================================================================
# Reading: who sees what
# ================================================================================================


def visible_sets(user):
    """Criteria sets issued in the user's subtrees, and those issued above them (a province's
    criteria apply to its communes)."""
    if is_system_admin(user):
        return CriteriaSet.objects.all()
    from danvan.core.permissions import granted_paths

    q = Q(pk__in=[])
    for path in granted_paths(user, "appraisal.view"):
        q |= Q(issuing_unit__path__startswith=path)
        above = [path[:i] for i in range(Unit.steplen, len(path), Unit.steplen)]
        if above:
            q |= Q(issuing_unit__path__in=above)
    return CriteriaSet.objects.filter(q)


def visible_rounds(user):
    """Rounds of the units in the user's subtrees (council members hold a grant there)."""
    return AppraisalRound.objects.filter(scope_q(user, "appraisal.view", "unit__path"))


@dataclass
class Access:
    """What one user may do with one round (read once per request)."""

    view: bool
    manage: bool
    member: CouncilMember | None
    score: bool  # a seated chair or member who holds the right to score here

    @property
    def sees_cards_after_close(self) -> bool:
        return self.manage or self.member is not None


def access(user, round_: AppraisalRound) -> Access:
    member = None
    if user is not None and user.is_authenticated:
        member = round_.council.filter(user=user).select_related("user").first()
    return Access(
        view=can(user, "appraisal.view", round_),
        manage=can(user, "appraisal.manage", round_),
        member=member,
        score=bool(member and member.scores and can(user, "appraisal.score", round_)),
    )


def results_visible(round_: AppraisalRound) -> bool:
    """Aggregated results are published when the round closes, to everyone who sees the round."""
    return round_.status == RoundStatus.CLOSED


def cards_visible(acc: Access, round_: AppraisalRound, my_card: Scorecard | None) -> bool:
    """May this user read the individual scorecards (values) of a candidate?"""
    if round_.status == RoundStatus.CLOSED:
        return acc.sees_cards_after_close
    if round_.status == RoundStatus.SCORING:
        return my_card is not None and my_card.status == CardStatus.SUBMITTED
    return False


def set_in_use(criteria_set: CriteriaSet) -> bool:
    """Has a round started scoring with this set? Then it is never changed, only versioned."""
    return AppraisalRound.objects.filter(
        Q(collective_set=criteria_set) | Q(individual_set=criteria_set), opened_at__isnull=False
    ).exists()


def conflicts(round_: AppraisalRound) -> set[tuple[int, int]]:
    """(candidate id, member id) pairs where the member belongs to the candidate's owning unit:
    their person's unit is the owner or under it, or they hold a grant there. Three queries."""
    members = list(round_.council.values_list("pk", "user_id"))
    if not members:
        return set()
    user_ids = [user_id for _pk, user_id in members]
    paths: dict[int, set[str]] = defaultdict(set)
    for user_id, path in Person.objects.filter(user_id__in=user_ids).values_list("user_id", "unit__path"):
        paths[user_id].add(path)
    for user_id, path in (
        Grant.objects.active().filter(user_id__in=user_ids).values_list("user_id", "unit__path")
    ):
        paths[user_id].add(path)
    found = set()
    for candidate_id, owner_path in round_.candidates.values_list("pk", "initiative__owner_unit__path"):
        for member_id, user_id in members:
            if any(p.startswith(owner_path) for p in paths[user_id]):
                found.add((candidate_id, member_id))
    return found


def member_conflicted(member: CouncilMember, candidate: Candidate) -> bool:
    owner_path = candidate.initiative.owner_unit.path
    person_paths = Person.objects.filter(user_id=member.user_id).values_list("unit__path", flat=True)
    grant_paths = Grant.objects.active().filter(user_id=member.user_id).values_list("unit__path", flat=True)
    return any(p.startswith(owner_path) for p in [*person_paths, *grant_paths])


@dataclass
class Progress:
    members: int  # council members who score
    submitted: int = 0
    recused: int = 0
    drafting: int = 0

    @property
    def pending(self) -> int:
        return max(self.members - self.submitted - self.recused, 0)


def progress(round_: AppraisalRound) -> dict[int, Progress]:
    """Per candidate: how many scoring members submitted, recused, are still scoring — counts
    only, what the standing agency sees while the round is scoring. Two queries."""
    members = round_.council.filter(position__in=SCORING_POSITIONS).count()
    counts: dict[int, Progress] = defaultdict(lambda: Progress(members))
    rows = (
        Scorecard.objects.filter(candidate__round=round_)
        .values("candidate_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        item = counts[row["candidate_id"]]
        if row["status"] == CardStatus.SUBMITTED:
            item.submitted = row["n"]
        elif row["status"] == CardStatus.RECUSED:
            item.recused = row["n"]
        else:
            item.drafting = row["n"]
    return counts


def criteria_of(round_: AppraisalRound) -> dict[int, list[Criterion]]:
    """The criteria of the round's sets, by set id, in order (one query)."""
    ids = [i for i in (round_.collective_set_id, round_.individual_set_id) if i]
    grouped: dict[int, list[Criterion]] = defaultdict(list)
    for criterion in Criterion.objects.filter(criteria_set_id__in=ids).order_by("position", "id"):
        grouped[criterion.criteria_set_id].append(criterion)
    return grouped


def compute_results(round_: AppraisalRound, candidates=None) -> dict[int, list[scoring.Result]]:
    """The results of the active candidates, ranked, per criteria set id (a constant number of
    queries). Computed from the counted scorecards: submitted, not recused."""
    criteria = criteria_of(round_)
    sets = {s.pk: s for s in (round_.collective_set, round_.individual_set) if s is not None}
    if candidates is None:
        candidates = list(
            round_.candidates.filter(withdrawn_at__isnull=True).select_related("initiative__owner_unit")
        )
    cards: dict[int, dict[int, dict]] = defaultdict(dict)  # candidate -> card -> criterion -> value
    for card_id, candidate_id in Scorecard.objects.filter(
        candidate__round=round_, status=CardStatus.SUBMITTED
    ).values_list("pk", "candidate_id"):
        cards[candidate_id][card_id] = {}
    for card_id, candidate_id, criterion_id, points, passed in Score.objects.filter(
        scorecard__candidate__round=round_, scorecard__status=CardStatus.SUBMITTED
    ).values_list("scorecard_id", "scorecard__candidate_id", "criterion_id", "points", "passed"):
        cards[candidate_id].setdefault(card_id, {})[criterion_id] = (points, passed)
    grouped: dict[int, list[scoring.Result]] = defaultdict(list)
    for candidate in candidates:
        if not candidate.active:
            continue
        set_id = round_.set_id_for(candidate.initiative.holder)
        if set_id is None:
            continue
        result = scoring.evaluate(
            sets[set_id], criteria[set_id], candidate, list(cards[candidate.pk].values())
        )
        grouped[set_id].append(result)
    return {set_id: scoring.rank(items) for set_id, items in grouped.items()}


def proposal_list(round_: AppraisalRound):
    """The hook for recognition decisions: a closed round's candidates proposed for recognition,
    best first, with `overall`, `rank` and `typical` (fixed when the round closed)."""
    if round_.status != RoundStatus.CLOSED:
        return Candidate.objects.none()
    return (
        round_.candidates.filter(recommended=True, withdrawn_at__isnull=True)
        .select_related("initiative__owner_unit")
        .order_by("-overall", "rank", "pk")
    )


def eligible_initiatives(round_: AppraisalRound):
    """Models proposed for recognition in the round's subtree (and the former units it
    succeeded), of a kind the round has criteria for, not already taken: a candidate of this
    round, of another round still running, or appraised by a round closed since they were proposed."""
    holders = [h for h in Holder.values if round_.set_id_for(h)]
    running_or_since = Q(round__status__in=ACTIVE) | Q(
        round__status=RoundStatus.CLOSED, added_at__gte=OuterRef("status_changed_at")
    )
    taken = Candidate.objects.filter(initiative=OuterRef("pk")).filter(
        Q(round=round_) | (Q(withdrawn_at__isnull=True) & running_or_since)
    )
    return Initiative.objects.filter(
        within_q(round_.unit), status=Status.PROPOSED, holder__in=holders
    ).exclude(Exists(taken))


def offered_sets(unit: Unit, holder: str | None = None):
    """Current criteria sets a round of `unit` may use: issued by the unit or one above it."""
    paths = [unit.path[:i] for i in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    qs = CriteriaSet.objects.current().filter(issuing_unit__path__in=paths)
    return qs.filter(holder=holder) if holder else qs


# ================================================================================================
# Input cleaning (a clear message, and nothing changed)
# ================================================================================================


def _text(value, limit: int, message: str = "") -> str:
    text = "" if value is None else str(value)
    if "\x00" in text or len(text) > limit:
        raise ServiceError(message or _("A text is too long or contains invalid characters."))
    return text.strip()


def _decimal(value, message: str, low: Decimal, high: Decimal) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError, TypeError):
        raise ServiceError(message) from None
    if not number.is_finite() or not (low <= number <= high):
        raise ServiceError(message)
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


def _integer(value, message: str, low: int, high: int) -> int:
    if isinstance(value, bool):
        raise ServiceError(message)
    try:
        number = int(str(value).strip())
    except (ValueError, TypeError):
        raise ServiceError(message) from None
    if not low <= number <= high:
        raise ServiceError(message)
    return number


def _clean_set(data: dict, issuing_unit: Unit) -> dict:
    name = " ".join(_text(data.get("name"), 255, _("The name is too long.")).split())
    if not name:
        raise ServiceError(_("Enter the name of the criteria set."))
    rule = data.get("rule") or Rule.MEAN
    if rule not in Rule.values:
        raise ServiceError(_("Choose how the council's scores are combined."))
    trim = _integer(
        data.get("trim", 1), _("The number of scores dropped at each end is between 0 and 5."), 0, 5
    )
    recognition = _decimal(
        data.get("recognition_threshold"),
        _("The threshold for recognition is a score between 0 and 100."),
        Decimal(0),
        Decimal(100),
    )
    typical = _decimal(
        data.get("typical_threshold"),
        _("The threshold for typical is a score between 0 and 100."),
        Decimal(0),
        Decimal(100),
    )
    if typical < recognition:
        raise ServiceError(_("The threshold for typical cannot be lower than the threshold for recognition."))
    campaign = data.get("campaign")
    if campaign is not None and not issuing_unit.path.startswith(campaign.issuing_unit.path):
        raise ServiceError(_("The campaign was not launched for this unit."))
    return {
        "name": name,
        "description": _text(data.get("description"), MAX_TEXT),
        "campaign": campaign,
        "rule": rule,
        "trim": trim,
        "recognition_threshold": recognition,
        "typical_threshold": typical,
    }


def _clean_criteria(rows) -> list[dict]:
    rows = list(rows or [])
    if not rows:
        raise ServiceError(_("A criteria set needs at least one criterion."))
    if len(rows) > MAX_CRITERIA:
        raise ServiceError(_("A criteria set has at most %(n)s criteria.") % {"n": MAX_CRITERIA})
    cleaned = []
    for number, row in enumerate(rows, start=1):
        where = {"n": number}
        title = " ".join(
            _text(row.get("title"), 300, _("Criterion %(n)s: the title is too long.") % where).split()
        )
        if not title:
            raise ServiceError(_("Criterion %(n)s: enter its title.") % where)
        kind = row.get("kind")
        if kind not in CriterionKind.values:
            raise ServiceError(_("Criterion %(n)s: choose how it is scored.") % where)
        low = Decimal(0) if kind == CriterionKind.PASS_FAIL else CENT
        max_points = _decimal(
            row.get("max_points", 0 if kind == CriterionKind.PASS_FAIL else None),
            _("Criterion %(n)s: the maximum points are a number from %(low)s to 1000.")
            % {**where, "low": "0" if kind == CriterionKind.PASS_FAIL else "0,01"},
            low,
            Decimal(1000),
        )
        weight = _decimal(
            row.get("weight", 1),
            _("Criterion %(n)s: the weight is a number from 0,01 to 100.") % where,
            CENT,
            Decimal(100),
        )
        mandatory = bool(row.get("mandatory"))
        if mandatory and kind != CriterionKind.PASS_FAIL:
            raise ServiceError(_("Criterion %(n)s: only a pass-or-fail criterion can be mandatory.") % where)
        cleaned.append(
            {
                "id": row.get("id"),
                "title": title,
                "guidance": _text(row.get("guidance"), MAX_TEXT),
                "kind": kind,
                "max_points": max_points,
                "weight": weight,
                "mandatory": mandatory,
            }
        )
    if sum(1 for c in cleaned if c["kind"] == CriterionKind.SATISFACTION) > 1:
        raise ServiceError(_("A criteria set has at most one satisfaction criterion."))
    if sum(c["weight"] * c["max_points"] for c in cleaned) <= 0:
        raise ServiceError(_("At least one criterion must carry points."))
    return cleaned


# ================================================================================================
# Criteria sets
# ================================================================================================


def _add_criteria(criteria_set: CriteriaSet, rows: list[dict], actor, reason: str) -> None:
    for position, row in enumerate(rows, start=1):
        criterion = Criterion(
            criteria_set=criteria_set, position=position, **{k: row[k] for k in CRITERION_FIELDS}
        )
        with_reason(criterion, reason, by=actor)
        criterion.save()


@transaction.atomic
def create_set_from_template(
    issuing_unit: Unit, template: str, *, actor, holder: str | None = None, campaign=None, name: str = ""
) -> CriteriaSet:
    """A new criteria set of `issuing_unit` with the criteria of a ready-made template."""
    require(actor, "appraisal.manage", issuing_unit)
    preset = TEMPLATES.get(template)
    if preset is None:
        raise ServiceError(_("Unknown template."))
    if not issuing_unit.active:
        raise ServiceError(_("Criteria are issued by units in force."))
    holder = holder or preset.holder
    if holder not in Holder.values:
        raise ServiceError(_("Choose whether the set is for collective models or individual exemplars."))
    data = _clean_set(
        {
            "name": name or preset.name,
            "description": f"{preset.description}\n\nNguồn: {preset.source}.",
            "campaign": campaign,
            "rule": preset.rule,
            "trim": 1,
            "recognition_threshold": preset.recognition_threshold,
            "typical_threshold": preset.typical_threshold,
        },
        issuing_unit,
    )
    rows = _clean_criteria(
        [
            {
                "title": c.title,
                "guidance": c.guidance,
                "kind": c.kind,
                "max_points": c.max_points,
                "weight": c.weight,
                "mandatory": c.mandatory,
            }
            for c in preset.criteria
        ]
    )
    criteria_set = CriteriaSet(
        issuing_unit=issuing_unit, holder=holder, template=template, created_by=actor, **data
    )
    reason = _("Created from the template “%(name)s”") % {"name": preset.name}
    with_reason(criteria_set, reason, by=actor)
    criteria_set.save()
    _add_criteria(criteria_set, rows, actor, reason)
    return criteria_set


def _same(criteria_set: CriteriaSet, data: dict, existing: list[Criterion], rows: list[dict]) -> bool:
    if any(getattr(criteria_set, key) != value for key, value in data.items()):
        return False
    if len(existing) != len(rows):
        return False
    return all(
        (row.get("id") in (None, criterion.pk))
        and all(getattr(criterion, key) == row[key] for key in CRITERION_FIELDS)
        for criterion, row in zip(existing, rows, strict=True)
    )


@transaction.atomic
def edit_set(
    criteria_set: CriteriaSet, data: dict, criteria, *, actor, reason: str = ""
) -> tuple[CriteriaSet, bool]:
    """Change a set's criteria, rule, thresholds or texts. While no round has started scoring
    with it, it changes in place; once in use it is never changed: a new version is created,
    linked to this one, and rounds still being prepared move to it (recorded in their log).
    Returns the set that holds the new content and whether it is a new version."""
    require(actor, "appraisal.manage", criteria_set)
    criteria_set = (
        CriteriaSet.objects.select_for_update(of=("self",))
        .select_related("issuing_unit")
        .get(pk=criteria_set.pk)
    )
    if not criteria_set.is_current:
        raise ServiceError(_("This version has been replaced by a newer one: edit the latest version."))
    data = _clean_set(
        {**{k: getattr(criteria_set, k) for k in SET_FIELDS}, **data}, criteria_set.issuing_unit
    )
    rows = _clean_criteria(criteria)
    existing = list(criteria_set.criteria.order_by("position", "id"))
    if _same(criteria_set, data, existing, rows):
        return criteria_set, False
    reason = _text(reason, 2000) or _("Criteria changed")
    if not set_in_use(criteria_set):
        _edit_in_place(criteria_set, data, existing, rows, actor, reason)
        return criteria_set, False
    new = CriteriaSet(
        issuing_unit=criteria_set.issuing_unit,
        holder=criteria_set.holder,
        template=criteria_set.template,
        version=criteria_set.version + 1,
        previous=criteria_set,
        created_by=actor,
        **data,
    )
    with_reason(new, reason, by=actor)
    new.save()
    _add_criteria(new, rows, actor, reason)
    criteria_set.superseded_at = timezone.now()
    with_reason(criteria_set, _("Replaced by version %(v)s") % {"v": new.version}, by=actor)
    criteria_set.save()
    for round_ in AppraisalRound.objects.select_for_update(of=("self",)).filter(
        Q(collective_set=criteria_set) | Q(individual_set=criteria_set), status=RoundStatus.DRAFT
    ):
        field = "individual_set" if round_.individual_set_id == criteria_set.pk else "collective_set"
        setattr(round_, field, new)
        message = _("The round now uses version %(v)s of “%(name)s”.") % {"v": new.version, "name": new.name}
        with_reason(round_, message, by=actor)
        round_.save()
        _log(round_, "criteria_updated", actor, comment=message)
    return new, True


def _edit_in_place(criteria_set, data, existing, rows, actor, reason) -> None:
    for key, value in data.items():
        setattr(criteria_set, key, value)
    with_reason(criteria_set, reason, by=actor)
    criteria_set.save()
    by_id = {c.pk: c for c in existing}
    kept = set()
    for position, row in enumerate(rows, start=1):
        criterion = by_id.get(row.get("id")) if row.get("id") not in kept else None
        if criterion is None:
            criterion = Criterion(criteria_set=criteria_set)
        else:
            kept.add(criterion.pk)
        values = {"position": position, **{k: row[k] for k in CRITERION_FIELDS}}
        if criterion.pk is None or any(getattr(criterion, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(criterion, key, value)
            with_reason(criterion, reason, by=actor)
            criterion.save()
    for criterion in existing:
        if criterion.pk not in kept:
            with_reason(criterion, reason, by=actor)
            criterion.delete()


def versions(criteria_set: CriteriaSet) -> list[CriteriaSet]:
    """Every version of a set, newest first (one query per version; sets have few)."""
    first = criteria_set
    while first.previous_id:
        first = CriteriaSet.objects.select_related("previous").get(pk=first.previous_id)
    chain = [first]
    while True:
        following = CriteriaSet.objects.filter(previous=chain[-1]).first()
        if following is None:
            break
        chain.append(following)
    return list(reversed(chain))


# ================================================================================================
# Rounds
# ================================================================================================


def _log(round_, action, actor, *, comment="", candidate=None, member=None, subject="", status=None):
    previous, target = status if status else ("", "")
    RoundEvent.objects.create(
        round=round_,
        action=action,
        actor=actor,
        comment=comment,
        candidate=candidate,
        member=member,
        subject=subject[:300],
        from_status=previous,
        to_status=target,
    )


def _lock(round_: AppraisalRound) -> AppraisalRound:
    return (
        AppraisalRound.objects.select_for_update(of=("self",))
        .select_related("unit", "collective_set", "individual_set")
        .get(pk=round_.pk)
    )


def _check_set(criteria_set: CriteriaSet | None, holder: str, unit: Unit, campaign) -> None:
    if criteria_set is None:
        return
    if criteria_set.holder != holder:
        if holder == Holder.INDIVIDUAL:
            raise ServiceError(_("Choose a set for individual exemplars as the criteria for individuals."))
        raise ServiceError(_("Choose a set for collective models as the criteria for collectives."))
    if not criteria_set.is_current:
        raise ServiceError(
            _("“%(name)s” has been replaced by a newer version: choose the latest.") % {"name": criteria_set}
        )
    if not unit.path.startswith(criteria_set.issuing_unit.path):
        raise ServiceError(
            _("“%(name)s” was issued by %(issuer)s, which does not steer %(unit)s.")
            % {"name": criteria_set, "issuer": criteria_set.issuing_unit, "unit": unit}
        )
    if criteria_set.campaign_id and criteria_set.campaign_id != getattr(campaign, "pk", None):
        raise ServiceError(
            _("“%(name)s” belongs to the campaign %(campaign)s.")
            % {"name": criteria_set, "campaign": criteria_set.campaign}
        )


def _clean_round(unit: Unit, data: dict) -> dict:
    """The checked header of a round of `unit`: name, year, campaign, criteria sets, note."""
    name = " ".join(_text(data.get("name"), 255, _("The name is too long.")).split())
    if not name:
        raise ServiceError(_("Enter the name of the round."))
    year = _integer(data.get("year"), _("Enter a year between 2000 and 2100."), 2000, 2100)
    campaign: Campaign | None = data.get("campaign")
    if campaign is not None:
        if not unit.path.startswith(campaign.issuing_unit.path):
            raise ServiceError(_("The campaign was not launched for this unit."))
        if not campaign.start_date.year <= year <= campaign.end_date.year:
            raise ServiceError(
                _("The year %(year)s is outside the campaign %(campaign)s.")
                % {"year": year, "campaign": campaign}
            )
    collective, individual = data.get("collective_set"), data.get("individual_set")
    if collective is None and individual is None:
        raise ServiceError(_("Choose the criteria for collective models, for individual exemplars, or both."))
    _check_set(collective, Holder.COLLECTIVE, unit, campaign)
    _check_set(individual, Holder.INDIVIDUAL, unit, campaign)
    return {
        "name": name,
        "year": year,
        "campaign": campaign,
        "collective_set": collective,
        "individual_set": individual,
        "note": _text(data.get("note"), MAX_TEXT),
    }


@transaction.atomic
def create_round(unit: Unit, data: dict, *, actor) -> AppraisalRound:
    """A draft round of `unit` (the level whose standing agency appraises) for a year."""
    require(actor, "appraisal.manage", unit)
    if not unit.active:
        raise ServiceError(_("Rounds are opened by units in force."))
    round_ = AppraisalRound(unit=unit, created_by=actor, **_clean_round(unit, data))
    with_reason(round_, _("Round created"), by=actor)
    round_.save()
    _log(round_, "create", actor, status=("", RoundStatus.DRAFT))
    return round_


EDITABLE_FIELDS = ("name", "year", "campaign", "collective_set", "individual_set", "note")


@transaction.atomic
def edit_round(round_: AppraisalRound, data: dict, *, actor) -> AppraisalRound:
    """Rename a draft round or change its year, campaign, criteria sets or note. Once scoring is
    open the header no longer changes: the members score against it."""
    require(actor, "appraisal.manage", round_)
    round_ = _lock(round_)
    _require_status(round_, {RoundStatus.DRAFT}, _("Only a draft round can be changed."))
    cleaned = _clean_round(round_.unit, {**{f: getattr(round_, f) for f in EDITABLE_FIELDS}, **data})
    holders = set(round_.candidates.values_list("initiative__holder", flat=True))
    if Holder.COLLECTIVE in holders and cleaned["collective_set"] is None:
        raise ServiceError(_("The round has collective candidates: it needs criteria for collective models."))
    if Holder.INDIVIDUAL in holders and cleaned["individual_set"] is None:
        raise ServiceError(
            _("The round has individual candidates: it needs criteria for individual exemplars.")
        )
    changed = [f for f in EDITABLE_FIELDS if getattr(round_, f) != cleaned[f]]
    if not changed:
        return round_
    for name in changed:
        setattr(round_, name, cleaned[name])
    labels = ", ".join(str(AppraisalRound._meta.get_field(name).verbose_name) for name in changed)
    message = _("Changed: %(fields)s") % {"fields": labels}
    with_reason(round_, message, by=actor)
    round_.save()
    _log(round_, "edit", actor, comment=message)
    return round_


def allowed_transitions(round_: AppraisalRound, user) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if round_.status in t.sources and can(user, t.permission, round_)]


def _status_label(round_: AppraisalRound) -> str:
    return round_.get_status_display().lower()


def _require_status(round_: AppraisalRound, allowed, message: str) -> None:
    if round_.status not in allowed:
        raise ServiceError(message % {"status": _status_label(round_)})


@transaction.atomic
def transition(round_: AppraisalRound, action: str, *, actor, comment: str = "") -> AppraisalRound:
    """Apply one lifecycle action (workflow.TRANSITIONS) or refuse it and change nothing."""
    rule = TRANSITIONS.get(action)
    if rule is None:
        raise ServiceError(_("Unknown action “%(action)s”.") % {"action": action})
    round_ = _lock(round_)
    if not can(actor, rule.permission, round_):
        raise PermissionDenied(_("You do not have permission to do this here."))
    if round_.status not in rule.sources:
        raise ServiceError(
            _("“%(action)s” is not possible while the round is %(status)s.")
            % {"action": rule.label, "status": _status_label(round_)}
        )
    comment = _text(comment, 2000)
    if rule.needs_comment and not comment:
        raise ServiceError(_("Give a reason for “%(action)s”.") % {"action": rule.label})
    now = timezone.now()
    if action == "open":
        _check_ready(round_)
        round_.opened_at = now
    elif action == "close":
        _fix_results(round_, actor)
        round_.closed_at = now
    previous = round_.status
    round_.status, round_.status_changed_at = rule.target, now
    with_reason(round_, comment or str(rule.label), by=actor)
    round_.save()
    _log(round_, action, actor, comment=comment, status=(previous, rule.target))
    return round_


def _check_ready(round_: AppraisalRound) -> None:
    if not round_.candidates.filter(withdrawn_at__isnull=True).exists():
        raise ServiceError(_("Add the candidates before opening scoring."))
    positions = set(round_.council.values_list("position", flat=True))
    if Position.CHAIR not in positions:
        raise ServiceError(_("Appoint the chair of the council before opening scoring."))


def _fix_results(round_: AppraisalRound, actor) -> None:
    """Compute the results and store them on the candidates; refuse while one cannot be scored."""
    candidates = list(
        round_.candidates.filter(withdrawn_at__isnull=True).select_related("initiative__owner_unit")
    )
    results = compute_results(round_, candidates)
    for items in results.values():
        for result in items:
            if result.survey_missing:
                raise ServiceError(
                    _("Enter the satisfaction survey of “%(name)s” before closing the round.")
                    % {"name": result.candidate.initiative.name}
                )
            if not result.scored:
                raise ServiceError(
                    _("“%(name)s” has no submitted scorecard yet: wait for the council, or withdraw it.")
                    % {"name": result.candidate.initiative.name}
                )
    for items in results.values():
        for result in items:
            candidate = result.candidate
            candidate.overall, candidate.rank = result.overall, result.rank
            candidate.recommended, candidate.typical = result.recommended, result.typical
            candidate.counted = result.counted
            with_reason(candidate, _("Result of the round"), by=actor)
            candidate.save()


# --- candidates ---------------------------------------------------------------------------------


def _candidate_refusal(round_: AppraisalRound, initiative: Initiative) -> str | None:
    """Why `initiative` cannot be added to the round (None: it can)."""
    if initiative.status != Status.PROPOSED:
        return _("Only models proposed for recognition are appraised.")
    if not Initiative.objects.filter(within_q(round_.unit), pk=initiative.pk).exists():
        return _("“%(name)s” does not belong to %(unit)s or the units under it.") % {
            "name": initiative.name,
            "unit": round_.unit,
        }
    if round_.set_id_for(initiative.holder) is None:
        if initiative.holder == Holder.INDIVIDUAL:
            return _("The round has no criteria for individual exemplars.")
        return _("The round has no criteria for collective models.")
    if not eligible_initiatives(round_).filter(pk=initiative.pk).exists():
        return _("“%(name)s” is already a candidate of this round or of another one.") % {
            "name": initiative.name
        }
    return None


def _add(round_: AppraisalRound, initiative: Initiative, actor) -> Candidate:
    candidate = Candidate(round=round_, initiative=initiative, added_by=actor)
    with_reason(candidate, _("Added as a candidate"), by=actor)
    candidate.save()
    return candidate


@transaction.atomic
def add_candidate(round_: AppraisalRound, initiative: Initiative, *, actor) -> Candidate:
    round_ = _lock(round_)
    require(actor, "appraisal.manage", round_)
    _require_status(
        round_, PREPARING, _("Candidates are chosen while the round is prepared, not while it is %(status)s.")
    )
    refusal = _candidate_refusal(round_, initiative)
    if refusal:
        raise ServiceError(refusal)
    candidate = _add(round_, initiative, actor)
    _log(round_, "add_candidate", actor, candidate=candidate, subject=initiative.name)
    return candidate


@transaction.atomic
def gather_candidates(round_: AppraisalRound, *, actor) -> list[Candidate]:
    """Add every model proposed for recognition in the round's subtree that is not taken."""
    round_ = _lock(round_)
    require(actor, "appraisal.manage", round_)
    _require_status(
        round_, PREPARING, _("Candidates are chosen while the round is prepared, not while it is %(status)s.")
    )
    found = list(eligible_initiatives(round_).order_by("owner_unit__path", "name_folded", "pk"))
    if not found:
        raise ServiceError(_("No other model proposed for recognition in this subtree can be added."))
    added = [_add(round_, initiative, actor) for initiative in found]
    _log(round_, "gather", actor, comment=_("%(n)s candidates added") % {"n": len(added)})
    return added


@transaction.atomic
def remove_candidate(candidate: Candidate, *, actor) -> None:
    round_ = _lock(candidate.round)
    require(actor, "appraisal.manage", round_)
    _require_status(
        round_, PREPARING, _("Candidates are chosen while the round is prepared, not while it is %(status)s.")
    )
    name = candidate.initiative.name
    with_reason(candidate, _("Removed from the candidates"), by=actor)
    candidate.delete()
    _log(round_, "remove_candidate", actor, subject=name)


@transaction.atomic
def withdraw_candidate(candidate: Candidate, *, actor, reason: str) -> Candidate:
    """Take a candidate out of a round being scored (it is kept, with the reason, and not ranked)."""
    round_ = _lock(candidate.round)
    require(actor, "appraisal.manage", round_)
    _require_status(
        round_,
        frozenset({RoundStatus.SCORING}),
        _("A candidate is withdrawn while the round is scoring, not while it is %(status)s."),
    )
    candidate = (
        Candidate.objects.select_for_update(of=("self",)).select_related("initiative").get(pk=candidate.pk)
    )
    if not candidate.active:
        raise ServiceError(_("This candidate has already been withdrawn."))
    reason = _text(reason, 2000)
    if not reason:
        raise ServiceError(_("Give the reason for withdrawing the candidate."))
    candidate.withdrawn_at, candidate.withdraw_reason = timezone.now(), reason
    with_reason(candidate, reason, by=actor)
    candidate.save()
    _log(round_, "withdraw", actor, comment=reason, candidate=candidate, subject=candidate.initiative.name)
    return candidate


def has_satisfaction(round_: AppraisalRound, holder: str) -> bool:
    set_id = round_.set_id_for(holder)
    return (
        bool(set_id)
        and Criterion.objects.filter(criteria_set_id=set_id, kind=CriterionKind.SATISFACTION).exists()
    )


@transaction.atomic
def record_survey(candidate: Candidate, *, actor, surveyed, satisfied_share) -> Candidate:
    """The people's satisfaction with a candidate: how many were surveyed, the share satisfied (%)."""
    round_ = _lock(candidate.round)
    require(actor, "appraisal.manage", round_)
    _require_status(round_, SURVEYING, _("Surveys are entered before the round closes; it is %(status)s."))
    candidate = (
        Candidate.objects.select_for_update(of=("self",)).select_related("initiative").get(pk=candidate.pk)
    )
    if not candidate.active:
        raise ServiceError(_("This candidate has been withdrawn."))
    if not has_satisfaction(round_, candidate.initiative.holder):
        raise ServiceError(_("The criteria of this candidate have no satisfaction criterion."))
    surveyed = _integer(
        surveyed, _("The number of people surveyed is a whole number of at least 1."), 1, MAX_SURVEYED
    )
    share = _decimal(
        satisfied_share, _("The share satisfied is a percentage between 0 and 100."), Decimal(0), Decimal(100)
    )
    if (candidate.surveyed, candidate.satisfied_share) == (surveyed, share):
        return candidate
    candidate.surveyed, candidate.satisfied_share = surveyed, share
    message = _("Satisfaction survey: %(n)s people, %(share)s%% satisfied") % {
        "n": surveyed,
        "share": scoring.plain(share),
    }
    with_reason(candidate, message, by=actor)
    candidate.save()
    _log(round_, "survey", actor, comment=message, candidate=candidate, subject=candidate.initiative.name)
    return candidate


# --- the council ---------------------------------------------------------------------------------


@transaction.atomic
def appoint(round_: AppraisalRound, user, position: str, *, actor) -> CouncilMember:
    round_ = _lock(round_)
    require(actor, "appraisal.manage", round_)
    _require_status(
        round_,
        PREPARING,
        _("The council is appointed while the round is prepared, not while it is %(status)s."),
    )
    if position not in Position.values:
        raise ServiceError(_("Choose the position in the council."))
    if user is None or not user.is_active:
        raise ServiceError(_("Choose an active user."))
    if round_.council.filter(user=user).exists():
        raise ServiceError(_("%(name)s already sits on this council.") % {"name": user.get_username()})
    if position == Position.CHAIR and round_.council.filter(position=Position.CHAIR).exists():
        raise ServiceError(_("The council already has a chair."))
    if position in SCORING_POSITIONS and not can(user, "appraisal.score", round_):
        raise ServiceError(
            _(
                "%(name)s is not an appraisal council member of %(unit)s: "
                "ask the administrator for the role first."
            )
            % {"name": user.get_username(), "unit": round_.unit}
        )
    if position == Position.SECRETARY and not can(user, "appraisal.view", round_):
        raise ServiceError(
            _("%(name)s does not work in %(unit)s.") % {"name": user.get_username(), "unit": round_.unit}
        )
    member = CouncilMember(round=round_, user=user, position=position, appointed_by=actor)
    with_reason(member, _("Appointed to the council"), by=actor)
    member.save()
    _log(
        round_,
        "appoint",
        actor,
        member=member,
        subject=member.display_name,
        comment=str(member.get_position_display()),
    )
    return member


@transaction.atomic
def dismiss(member: CouncilMember, *, actor) -> None:
    round_ = _lock(member.round)
    require(actor, "appraisal.manage", round_)
    _require_status(
        round_,
        PREPARING,
        _("The council is appointed while the round is prepared, not while it is %(status)s."),
    )
    name = member.display_name
    with_reason(member, _("Removed from the council"), by=actor)
    member.delete()
    _log(round_, "dismiss", actor, subject=name)


# --- scorecards ----------------------------------------------------------------------------------


def _seat(round_: AppraisalRound, actor) -> CouncilMember:
    """The actor's scoring seat on the round's council, or a refusal."""
    member = None
    if actor is not None and actor.is_authenticated:
        member = round_.council.filter(user=actor).select_related("user").first()
    if member is None or not member.scores or not can(actor, "appraisal.score", round_):
        raise PermissionDenied(_("Only the members of this council score its candidates."))
    return member


def _open_card(
    candidate: Candidate, actor
) -> tuple[AppraisalRound, CouncilMember, Candidate, Scorecard | None]:
    round_ = _lock(candidate.round)
    member = _seat(round_, actor)
    _require_status(
        round_,
        frozenset({RoundStatus.SCORING}),
        _("Scorecards are filled in while the round is scoring; it is %(status)s."),
    )
    candidate = Candidate.objects.select_related("initiative__owner_unit").get(pk=candidate.pk)
    if not candidate.active:
        raise ServiceError(_("This candidate has been withdrawn."))
    card = (
        Scorecard.objects.select_for_update(of=("self",)).filter(candidate=candidate, member=member).first()
    )
    if card is not None and card.status == CardStatus.SUBMITTED:
        raise ServiceError(_("You have already submitted your scorecard for this candidate."))
    if card is not None and card.status == CardStatus.RECUSED:
        raise ServiceError(_("You have recused yourself from this candidate."))
    return round_, member, candidate, card


def member_criteria(round_: AppraisalRound, holder: str) -> list[Criterion]:
    set_id = round_.set_id_for(holder)
    return [
        c
        for c in Criterion.objects.filter(criteria_set_id=set_id).order_by("position", "id")
        if c.scored_by_members
    ]


def _clean_scores(criteria: list[Criterion], scores: dict) -> dict[int, tuple]:
    """criterion id -> (points, passed) for every member-scored criterion (None when blank)."""
    known = {c.pk: c for c in criteria}
    unknown = [key for key in scores if key not in known]
    if unknown:
        raise ServiceError(_("A score was given for a criterion that is not in this candidate's set."))
    cleaned = {}
    for criterion in criteria:
        value = scores.get(criterion.pk)
        if value is None or value == "":
            cleaned[criterion.pk] = (None, None)
        elif criterion.kind == CriterionKind.PASS_FAIL:
            if not isinstance(value, bool):
                raise ServiceError(
                    _("“%(title)s”: answer passed or not passed.") % {"title": criterion.title}
                )
            cleaned[criterion.pk] = (None, value)
        else:
            points = _decimal(
                value,
                _("“%(title)s”: the points are a number from 0 to %(max)s.")
                % {
                    "title": criterion.title,
                    "max": format(criterion.max_points.normalize(), "f").replace(".", ","),
                },
                Decimal(0),
                criterion.max_points,
            )
            cleaned[criterion.pk] = (points, None)
    return cleaned


@transaction.atomic
def save_scorecard(
    candidate: Candidate, *, actor, scores: dict, comment: str = "", submit: bool = False
) -> Scorecard:
    """A member's scores of one candidate (criterion id -> points, or True/False for a
    pass-or-fail criterion), saved as a draft or submitted. Submitted is final."""
    round_, member, candidate, card = _open_card(candidate, actor)
    criteria = member_criteria(round_, candidate.initiative.holder)
    cleaned = _clean_scores(criteria, scores or {})
    comment = _text(comment, MAX_TEXT)
    if submit and any(value == (None, None) for value in cleaned.values()):
        raise ServiceError(_("Score every criterion before submitting the scorecard."))
    if card is None:
        card = Scorecard(candidate=candidate, member=member)
    card.comment = comment
    if submit:
        card.status, card.submitted_at = CardStatus.SUBMITTED, timezone.now()
        card.flagged = member_conflicted(member, candidate)
    with_reason(card, _("Scorecard submitted") if submit else _("Scorecard saved as a draft"), by=actor)
    card.save()
    existing = {s.criterion_id: s for s in card.scores.all()}
    for criterion_id, (points, passed) in cleaned.items():
        score = existing.get(criterion_id)
        if points is None and passed is None:
            if score is not None:
                with_reason(score, _("Score cleared"), by=actor)
                score.delete()
            continue
        if score is None:
            score = Score(scorecard=card, criterion_id=criterion_id)
        elif (score.points, score.passed) == (points, passed):
            continue
        score.points, score.passed = points, passed
        with_reason(score, _("Scored"), by=actor)
        score.save()
    _log(
        round_,
        "submit" if submit else "save_draft",
        actor,
        candidate=candidate,
        member=member,
        subject=candidate.initiative.name,
    )
    return card


@transaction.atomic
def recuse(candidate: Candidate, *, actor, reason: str) -> Scorecard:
    """A member steps aside from one candidate, with the reason; their draft scores are dropped."""
    round_, member, candidate, card = _open_card(candidate, actor)
    reason = _text(reason, 2000)
    if not reason:
        raise ServiceError(_("Give the reason for recusing yourself."))
    if card is None:
        card = Scorecard(candidate=candidate, member=member)
    card.status, card.recusal_reason = CardStatus.RECUSED, reason
    card.flagged = member_conflicted(member, candidate)
    with_reason(card, reason, by=actor)
    card.save()
    for score in card.scores.all():
        with_reason(score, _("Recused"), by=actor)
        score.delete()
    _log(
        round_,
        "recuse",
        actor,
        comment=reason,
        candidate=candidate,
        member=member,
        subject=candidate.initiative.name,
    )
    return card
