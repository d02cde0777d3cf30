"""The HTTP API of appraisal ("thẩm định") under /api/v1/appraisal.

Thin, like the pages: reads go through `services.visible_sets` / `visible_rounds` (what the
caller may not see does not exist for them: 404); every write calls one service function (403
without the right, 400 for a refused change). The hidden-score rules are the pages' own:
`services.results_visible` and `services.cards_visible` decide, and a hidden answer is a 403
that says when it will be shown.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.responses import Status as Reply
from pydantic import AfterValidator
from pydantic import Field as Param

from danvan.appraisal import services
from danvan.appraisal.criteria_templates import TEMPLATES
from danvan.appraisal.labels import event_label
from danvan.appraisal.models import (
    AppraisalRound,
    Candidate,
    CouncilMember,
    CriteriaSet,
    CriterionKind,
    RoundEvent,
    Rule,
    Scorecard,
)
from danvan.appraisal.workflow import CardStatus, Position, RoundStatus
from danvan.core.api import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, Page, paginate
from danvan.core.api import invalid as _invalid
from danvan.core.api import no_nul as _no_nul
from danvan.core.history import history_entries
from danvan.core.permissions import visible_units
from danvan.initiatives.models import Holder, Initiative
from danvan.orgs.api import HistoryEntry
from danvan.orgs.models import Campaign

router = Router(tags=["appraisal"])


Id = Annotated[int, Param(ge=1, le=MAX_ID)]
Year = Annotated[int, Param(ge=2000, le=2100)]
Text = Annotated[str, Param(max_length=20000), AfterValidator(_no_nul)]
Reason = Annotated[str, Param(max_length=2000), AfterValidator(_no_nul)]
Name = Annotated[str, Param(min_length=1, max_length=255), AfterValidator(_no_nul)]
Title = Annotated[str, Param(min_length=1, max_length=300), AfterValidator(_no_nul)]
Code = Annotated[str, Param(pattern=r"^[a-z_]+$", max_length=40)]
Points = Annotated[Decimal, Param(ge=0, le=1000, max_digits=6, decimal_places=2)]
Weight = Annotated[Decimal, Param(ge=Decimal("0.01"), le=100, max_digits=5, decimal_places=2)]
Percent = Annotated[Decimal, Param(ge=0, le=100, max_digits=5, decimal_places=2)]


# --- output -------------------------------------------------------------------------------------


class Ref(Schema):
    id: int
    name: str


class SetRef(Schema):
    id: int
    name: str
    version: int


class CriterionOut(Schema):
    id: int
    position: int
    title: str
    guidance: str
    kind: CriterionKind
    kind_label: str
    max_points: float
    weight: float
    mandatory: bool

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()


class CriteriaSetOut(Schema):
    id: int
    name: str
    version: int
    is_current: bool
    holder: Holder
    holder_label: str
    issuing_unit: Ref
    campaign: Ref | None
    rule: Rule
    rule_label: str
    trim: int
    recognition_threshold: float
    typical_threshold: float
    template: str
    previous_id: int | None
    superseded_at: datetime | None
    created_at: datetime
    criteria_count: int

    @staticmethod
    def resolve_holder_label(obj) -> str:
        return obj.get_holder_display()

    @staticmethod
    def resolve_rule_label(obj) -> str:
        return obj.get_rule_display()


class CriteriaSetDetail(CriteriaSetOut):
    description: str
    criteria: list[CriterionOut]
    in_use: bool = Param(description="a round has started scoring with it: an edit makes a new version")
    can_edit: bool
    next_version_id: int | None

    @staticmethod
    def resolve_criteria(obj):
        return obj.criteria_out


class TemplateCriterionOut(Schema):
    title: str
    guidance: str
    kind: CriterionKind
    max_points: float
    weight: float
    mandatory: bool


class TemplateOut(Schema):
    code: str
    name: str
    holder: Holder
    source: str
    description: str
    recognition_threshold: float
    typical_threshold: float
    criteria: list[TemplateCriterionOut]


class ActionOut(Schema):
    action: str
    label: str
    needs_comment: bool


class RoundOut(Schema):
    id: int
    name: str
    year: int
    unit: Ref
    campaign: Ref | None
    status: RoundStatus
    status_label: str
    collective_set: SetRef | None
    individual_set: SetRef | None
    candidate_count: int
    council_count: int
    opened_at: datetime | None
    closed_at: datetime | None
    created_at: datetime

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class RoundDetail(RoundOut):
    note: str
    can_manage: bool
    my_position: Position | None = Param(description="the caller's seat on the council, if any")
    results_published: bool = Param(description="results and scores are shown once the round is closed")
    allowed_actions: list[ActionOut]


class ProgressOut(Schema):
    members: int
    submitted: int
    recused: int
    drafting: int
    pending: int


class ResultOut(Schema):
    overall: float | None
    rank: int | None
    recommended: bool
    typical: bool
    counted: int | None


class InitiativeRef(Schema):
    id: int
    name: str
    holder: Holder
    holder_name: str
    owner_unit: Ref


class CandidateOut(Schema):
    id: int
    initiative: InitiativeRef
    criteria_set_id: int | None
    surveyed: int | None
    satisfied_share: float | None
    withdrawn: bool
    withdraw_reason: str
    progress: ProgressOut = Param(description="counts only: values stay hidden until the round closes")
    flagged_members: list[int] = Param(
        description="council member ids who belong to the candidate's owning unit and have not recused"
    )
    result: ResultOut | None = Param(description="once the round is closed")


class MemberOut(Schema):
    id: int
    username: str
    name: str
    position: Position
    position_label: str
    appointed_at: datetime


class ScoreOut(Schema):
    criterion: int
    title: str
    kind: CriterionKind
    max_points: float
    points: float | None
    passed: bool | None


class ScorecardOut(Schema):
    candidate_id: int
    member_id: int
    member: str
    status: CardStatus | None = Param(description="null: not started")
    status_label: str
    comment: str
    recusal_reason: str
    flagged: bool = Param(description="the member belongs to the candidate's owning unit")
    submitted_at: datetime | None
    scores: list[ScoreOut]


class CriterionResultOut(Schema):
    criterion: int
    points: float | None
    passes: int
    count: int
    passed: bool | None


class RankedOut(Schema):
    candidate_id: int
    initiative: InitiativeRef
    rank: int | None
    overall: float | None
    recommended: bool
    typical: bool
    counted: int
    mandatory_failed: list[int]
    criteria: list[CriterionResultOut]


class ResultGroupOut(Schema):
    criteria_set: SetRef
    holder: Holder
    recognition_threshold: float
    typical_threshold: float
    criteria: list[CriterionOut]
    items: list[RankedOut]


class ResultsOut(Schema):
    round_id: int
    groups: list[ResultGroupOut]


class ProposalOut(Schema):
    candidate_id: int
    initiative: InitiativeRef
    rank: int | None
    overall: float
    typical: bool


class EventOut(Schema):
    action: str
    action_label: str
    from_status: str
    to_status: str
    actor: str
    actor_name: str
    at: datetime
    comment: str
    subject: str
    candidate_id: int | None


class HistoryOut(Schema):
    events: list[EventOut] = Param(description="every accepted action on the round, oldest first")
    changes: list[HistoryEntry] = Param(description="every change of the round's own record, newest first")


class Hidden(Schema):
    detail: str


# --- input --------------------------------------------------------------------------------------


class SetFilters(Schema):
    within: Id | None = Param(None, description="a unit id: sets issued by that unit and its subtree")
    holder: Holder | None = None
    current: bool | None = Param(None, description="true: only the latest version of each set")
    q: str | None = Param(None, max_length=200, description="diacritics-insensitive search in the name")
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


class SetFromTemplate(Schema):
    issuing_unit: Id
    template: Code = Param(description="a code of GET /appraisal/templates")
    holder: Holder | None = Param(None, description="by default the template's")
    campaign: Id | None = None
    name: Annotated[str, Param(max_length=255), AfterValidator(_no_nul)] = ""


class CriterionIn(Schema):
    id: Id | None = Param(
        None, description="an existing criterion of this set (kept in place while not in use)"
    )
    title: Title
    guidance: Text = ""
    kind: CriterionKind
    max_points: Points = Decimal(0)
    weight: Weight = Decimal(1)
    mandatory: bool = False


class SetEdit(Schema):
    name: Name
    description: Text = ""
    campaign: Id | None = None
    rule: Rule = Rule.MEAN
    trim: int = Param(1, ge=0, le=5)
    recognition_threshold: Percent
    typical_threshold: Percent
    criteria: list[CriterionIn] = Param(min_length=1, max_length=services.MAX_CRITERIA)
    reason: Reason = ""


class RoundFilters(Schema):
    within: Id | None = Param(None, description="a unit id: rounds of that unit and its subtree")
    year: Year | None = None
    status: RoundStatus | None = None
    q: str | None = Param(None, max_length=200)
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


class RoundIn(Schema):
    unit: Id
    name: Name
    year: Year
    campaign: Id | None = None
    collective_set: Id | None = None
    individual_set: Id | None = None
    note: Text = ""


class RoundPatch(Schema):
    """The header of a draft round: only the fields sent change."""

    name: Name | None = None
    year: Year | None = None
    campaign: Id | None = None
    collective_set: Id | None = None
    individual_set: Id | None = None
    note: Text | None = None


class TransitionIn(Schema):
    action: Annotated[str, Param(pattern=r"^[a-z_]+$", max_length=30)]
    comment: Reason = ""


class CandidateIn(Schema):
    initiative: Id


class WithdrawIn(Schema):
    reason: Reason


class SurveyIn(Schema):
    surveyed: int = Param(ge=1, le=services.MAX_SURVEYED)
    satisfied_share: Percent


class MemberIn(Schema):
    username: Annotated[str, Param(min_length=1, max_length=150), AfterValidator(_no_nul)]
    position: Position


class ScoreIn(Schema):
    criterion: Id
    points: Points | None = Param(None, description="for a criterion scored in points")
    passed: bool | None = Param(None, description="for a pass-or-fail criterion")


class ScorecardIn(Schema):
    scores: list[ScoreIn] = Param(default_factory=list, max_length=services.MAX_CRITERIA)
    comment: Text = ""
    submit: bool = Param(False, description="submit (final): every criterion must be scored")


class RecusalIn(Schema):
    reason: Reason


# --- helpers ------------------------------------------------------------------------------------

SET_RELATED = ("issuing_unit", "campaign")
ROUND_RELATED = ("unit", "campaign", "collective_set", "individual_set")


def _visible_unit(request, unit_id: int):
    unit = visible_units(request.user).filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


def _set(request, set_id: int) -> CriteriaSet:
    criteria_set = (
        services.visible_sets(request.user)
        .select_related(*SET_RELATED)
        .annotate(criteria_count=Count("criteria"))
        .filter(pk=set_id)
        .first()
    )
    if criteria_set is None:
        raise Http404
    return criteria_set


def _set_detail(request, criteria_set: CriteriaSet) -> CriteriaSet:
    from danvan.core.permissions import can

    criteria_set.criteria_out = list(criteria_set.criteria.order_by("position", "id"))
    criteria_set.in_use = services.set_in_use(criteria_set)
    criteria_set.can_edit = criteria_set.is_current and can(request.user, "appraisal.manage", criteria_set)
    following = CriteriaSet.objects.filter(previous=criteria_set).values_list("pk", flat=True).first()
    criteria_set.next_version_id = following
    return criteria_set


def _campaign(campaign_id: int | None):
    if campaign_id is None:
        return None
    campaign = Campaign.objects.select_related("issuing_unit").filter(pk=campaign_id).first()
    if campaign is None:
        raise _invalid("body", "campaign", _("Unknown campaign."))
    return campaign


def _rounds(user):
    return (
        services.visible_rounds(user)
        .select_related(*ROUND_RELATED)
        .annotate(
            candidate_count=Count(
                "candidates", filter=Q(candidates__withdrawn_at__isnull=True), distinct=True
            ),
            council_count=Count("council", distinct=True),
        )
        .order_by("-year", "-created_at", "-pk")
    )


def _round(request, round_id: int) -> AppraisalRound:
    round_ = _rounds(request.user).filter(pk=round_id).first()
    if round_ is None:
        raise Http404
    return round_


def _round_detail(request, round_: AppraisalRound) -> AppraisalRound:
    acc = services.access(request.user, round_)
    round_.can_manage = acc.manage
    round_.my_position = acc.member.position if acc.member else None
    round_.results_published = services.results_visible(round_)
    round_.allowed_actions = [
        {"action": t.action, "label": str(t.label), "needs_comment": t.needs_comment}
        for t in services.allowed_transitions(round_, request.user)
    ]
    return round_


def _candidate(round_: AppraisalRound, candidate_id: int) -> Candidate:
    candidate = (
        round_.candidates.select_related("initiative__owner_unit", "round").filter(pk=candidate_id).first()
    )
    if candidate is None:
        raise Http404
    candidate.round = round_
    return candidate


def _initiative_ref(initiative: Initiative) -> dict:
    return {
        "id": initiative.pk,
        "name": initiative.name,
        "holder": initiative.holder,
        "holder_name": initiative.holder_name,
        "owner_unit": initiative.owner_unit,
    }


def _candidates_out(round_: AppraisalRound, candidates: list[Candidate]) -> list[dict]:
    counts = services.progress(round_)
    members = round_.council.filter(position__in=("chair", "member")).count()
    flags = services.conflicts(round_)
    recused = set(
        Scorecard.objects.filter(candidate__round=round_, status=CardStatus.RECUSED).values_list(
            "candidate_id", "member_id"
        )
    )
    published = services.results_visible(round_)
    items = []
    for candidate in candidates:
        count = counts.get(candidate.pk) or services.Progress(members)
        items.append(
            {
                "id": candidate.pk,
                "initiative": _initiative_ref(candidate.initiative),
                "criteria_set_id": round_.set_id_for(candidate.initiative.holder),
                "surveyed": candidate.surveyed,
                "satisfied_share": candidate.satisfied_share,
                "withdrawn": not candidate.active,
                "withdraw_reason": candidate.withdraw_reason,
                "progress": {**count.__dict__, "pending": count.pending},
                "flagged_members": sorted(m for c, m in flags if c == candidate.pk and (c, m) not in recused),
                "result": (
                    {
                        "overall": candidate.overall,
                        "rank": candidate.rank,
                        "recommended": candidate.recommended,
                        "typical": candidate.typical,
                        "counted": candidate.counted,
                    }
                    if published and candidate.active
                    else None
                ),
            }
        )
    return items


def _card_out(
    round_, candidate: Candidate, member: CouncilMember, card: Scorecard | None, flagged: bool
) -> dict:
    criteria = services.member_criteria(round_, candidate.initiative.holder)
    values = {s.criterion_id: s for s in card.scores.all()} if card else {}
    return {
        "candidate_id": candidate.pk,
        "member_id": member.pk,
        "member": member.display_name,
        "status": card.status if card else None,
        "status_label": card.get_status_display() if card else _("Not started"),
        "comment": card.comment if card else "",
        "recusal_reason": card.recusal_reason if card else "",
        "flagged": card.flagged if card and card.status != CardStatus.DRAFT else flagged,
        "submitted_at": card.submitted_at if card else None,
        "scores": [
            {
                "criterion": c.pk,
                "title": c.title,
                "kind": c.kind,
                "max_points": c.max_points,
                "points": values[c.pk].points if c.pk in values else None,
                "passed": values[c.pk].passed if c.pk in values else None,
            }
            for c in criteria
        ],
    }


def _seat_or_403(request, round_: AppraisalRound) -> CouncilMember:
    acc = services.access(request.user, round_)
    if not acc.score:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return acc.member


# --- templates and criteria sets ----------------------------------------------------------------


@router.get("/templates", response=list[TemplateOut], summary="Bộ tiêu chí mẫu")
def list_templates(request):
    """The ready-made criteria (DOMAIN §1) from which a standing agency creates its own set."""
    return [
        {
            "code": t.code,
            "name": t.name,
            "holder": t.holder,
            "source": t.source,
            "description": t.description,
            "recognition_threshold": t.recognition_threshold,
            "typical_threshold": t.typical_threshold,
            "criteria": [c.__dict__ for c in t.criteria],
        }
        for t in TEMPLATES.values()
    ]


@router.get("/criteria-sets", response=Page[CriteriaSetOut], summary="Danh sách bộ tiêu chí")
def list_sets(request, params: Query[SetFilters]):
    """Sets issued in the caller's subtrees and above them (a province's criteria apply below)."""
    qs = services.visible_sets(request.user)
    if params.within is not None:
        qs = qs.filter(issuing_unit__path__startswith=_visible_unit(request, params.within).path)
    if params.holder:
        qs = qs.filter(holder=params.holder)
    if params.current is not None:
        qs = qs.filter(superseded_at__isnull=params.current)
    if params.q:
        qs = qs.search(params.q).order_by("search_rank", "-created_at", "-pk")
    else:
        qs = qs.order_by("-created_at", "-pk")
    qs = qs.select_related(*SET_RELATED).annotate(criteria_count=Count("criteria"))
    count, items = paginate(qs, params.limit, params.offset)
    return {"count": count, "items": items}


@router.post("/criteria-sets", response={201: CriteriaSetDetail}, summary="Tạo bộ tiêu chí từ mẫu")
def create_set(request, payload: SetFromTemplate):
    """Creates a set of `issuing_unit` from a template; needs the standing agency's right there."""
    unit = _visible_unit(request, payload.issuing_unit)
    if payload.template not in TEMPLATES:
        raise _invalid("body", "template", _("Unknown template."))
    criteria_set = services.create_set_from_template(
        unit,
        payload.template,
        actor=request.user,
        holder=payload.holder,
        campaign=_campaign(payload.campaign),
        name=payload.name,
    )
    return Reply(201, _set_detail(request, _set(request, criteria_set.pk)))


@router.get("/criteria-sets/{set_id}", response=CriteriaSetDetail, summary="Chi tiết bộ tiêu chí")
def get_set(request, set_id: int):
    return _set_detail(request, _set(request, set_id))


@router.put(
    "/criteria-sets/{set_id}",
    response={200: CriteriaSetDetail, 201: CriteriaSetDetail},
    summary="Sửa bộ tiêu chí (tạo phiên bản mới nếu đang dùng)",
)
def edit_set(request, set_id: int, payload: SetEdit):
    """Replaces the set's content. While no round has started scoring with it, the set changes
    in place (200); once in use, a new version is created and returned (201), linked to this one
    by `previous_id`, and rounds still being prepared move to it."""
    criteria_set = _set(request, set_id)
    body = payload.dict()
    criteria = body.pop("criteria")
    reason = body.pop("reason")
    body["campaign"] = _campaign(body["campaign"])
    result, created = services.edit_set(criteria_set, body, criteria, actor=request.user, reason=reason)
    return Reply(201 if created else 200, _set_detail(request, _set(request, result.pk)))


@router.get("/criteria-sets/{set_id}/versions", response=list[CriteriaSetOut], summary="Các phiên bản")
def set_versions(request, set_id: int):
    criteria_set = _set(request, set_id)
    ids = [s.pk for s in services.versions(criteria_set)]
    found = {
        s.pk: s
        for s in services.visible_sets(request.user)
        .filter(pk__in=ids)
        .select_related(*SET_RELATED)
        .annotate(criteria_count=Count("criteria"))
    }
    return [found[i] for i in ids if i in found]


@router.get("/criteria-sets/{set_id}/history", response=list[HistoryEntry], summary="Lịch sử bộ tiêu chí")
def set_history(request, set_id: int):
    return history_entries(_set(request, set_id))


# --- rounds ------------------------------------------------------------------------------------


@router.get("/rounds", response=Page[RoundOut], summary="Danh sách đợt thẩm định")
def list_rounds(request, params: Query[RoundFilters]):
    qs = _rounds(request.user)
    if params.within is not None:
        qs = qs.within(_visible_unit(request, params.within))
    if params.year is not None:
        qs = qs.filter(year=params.year)
    if params.status:
        qs = qs.filter(status=params.status)
    if params.q:
        qs = qs.search(params.q).order_by("search_rank", "-year", "-created_at", "-pk")
    count, items = paginate(qs, params.limit, params.offset)
    return {"count": count, "items": items}


@router.post("/rounds", response={201: RoundDetail}, summary="Mở đợt thẩm định (dự thảo)")
def create_round(request, payload: RoundIn):
    unit = _visible_unit(request, payload.unit)
    sets = {}
    for key in ("collective_set", "individual_set"):
        set_id = getattr(payload, key)
        if set_id is not None:
            found = services.visible_sets(request.user).filter(pk=set_id).first()
            if found is None:
                raise _invalid("body", key, _("Unknown criteria set."))
            sets[key] = found
    round_ = services.create_round(
        unit,
        {
            "name": payload.name,
            "year": payload.year,
            "campaign": _campaign(payload.campaign),
            "note": payload.note,
            **sets,
        },
        actor=request.user,
    )
    return Reply(201, _round_detail(request, _round(request, round_.pk)))


@router.get("/rounds/{round_id}", response=RoundDetail, summary="Chi tiết đợt thẩm định")
def get_round(request, round_id: int):
    return _round_detail(request, _round(request, round_id))


@router.patch("/rounds/{round_id}", response=RoundDetail, summary="Sửa đợt thẩm định (dự thảo)")
def edit_round(request, round_id: int, payload: RoundPatch):
    """Rename a draft round or change its year, campaign, criteria sets or note (send `null` for
    a set to drop it). Refused once scoring is open."""
    round_ = _round(request, round_id)
    sent = payload.dict(exclude_unset=True)
    data = {}
    for key, value in sent.items():
        if key in ("collective_set", "individual_set") and value is not None:
            found = services.visible_sets(request.user).filter(pk=value).first()
            if found is None:
                raise _invalid("body", key, _("Unknown criteria set."))
            value = found
        elif key == "campaign":
            value = _campaign(value)
        data[key] = value
    services.edit_round(round_, data, actor=request.user)
    return _round_detail(request, _round(request, round_.pk))


@router.post("/rounds/{round_id}/transitions", response=RoundDetail, summary="Chuyển trạng thái đợt")
def transition(request, round_id: int, payload: TransitionIn):
    """`open` (draft → scoring: candidates and a chair needed), `close` (scoring → closed: every
    candidate scored and surveyed; the results are fixed), `cancel` (with a comment)."""
    round_ = _round(request, round_id)
    services.transition(round_, payload.action, actor=request.user, comment=payload.comment)
    return _round_detail(request, _round(request, round_id))


@router.get("/rounds/{round_id}/history", response=HistoryOut, summary="Lịch sử đợt thẩm định")
def round_history(request, round_id: int):
    round_ = _round(request, round_id)
    events = []
    for event in RoundEvent.objects.filter(round=round_).select_related("actor__person"):
        person = getattr(event.actor, "person", None)
        events.append(
            {
                "action": event.action,
                "action_label": event_label(event.action),
                "from_status": event.from_status,
                "to_status": event.to_status,
                "actor": event.actor.get_username(),
                "actor_name": person.full_name if person else event.actor.get_full_name(),
                "at": event.at,
                "comment": event.comment,
                "subject": event.subject,
                "candidate_id": event.candidate_id,
            }
        )
    return {"events": events, "changes": history_entries(round_)}


# --- candidates ---------------------------------------------------------------------------------


def _candidate_rows(round_: AppraisalRound):
    return list(
        round_.candidates.select_related("initiative__owner_unit").order_by(
            "initiative__owner_unit__path", "initiative__name_folded", "pk"
        )
    )


@router.get("/rounds/{round_id}/candidates", response=list[CandidateOut], summary="Ứng viên của đợt")
def list_candidates(request, round_id: int):
    round_ = _round(request, round_id)
    return _candidates_out(round_, _candidate_rows(round_))


@router.post("/rounds/{round_id}/candidates", response={201: CandidateOut}, summary="Thêm ứng viên")
def add_candidate(request, round_id: int, payload: CandidateIn):
    round_ = _round(request, round_id)
    initiative = Initiative.objects.select_related("owner_unit").filter(pk=payload.initiative).first()
    if initiative is None:
        raise _invalid("body", "initiative", _("Unknown model."))
    candidate = services.add_candidate(round_, initiative, actor=request.user)
    return Reply(201, _candidates_out(round_, [_candidate(round_, candidate.pk)])[0])


@router.post(
    "/rounds/{round_id}/candidates/gather", response={201: list[CandidateOut]}, summary="Tập hợp ứng viên"
)
def gather(request, round_id: int):
    """Adds every model proposed for recognition in the round's subtree that is not taken."""
    round_ = _round(request, round_id)
    added = services.gather_candidates(round_, actor=request.user)
    rows = [c for c in _candidate_rows(round_) if c.pk in {a.pk for a in added}]
    return Reply(201, _candidates_out(round_, rows))


@router.delete("/rounds/{round_id}/candidates/{candidate_id}", response={204: None}, summary="Bỏ ứng viên")
def remove_candidate(request, round_id: int, candidate_id: int):
    round_ = _round(request, round_id)
    services.remove_candidate(_candidate(round_, candidate_id), actor=request.user)
    return Reply(204, None)


@router.post(
    "/rounds/{round_id}/candidates/{candidate_id}/withdraw", response=CandidateOut, summary="Rút ứng viên"
)
def withdraw(request, round_id: int, candidate_id: int, payload: WithdrawIn):
    round_ = _round(request, round_id)
    services.withdraw_candidate(_candidate(round_, candidate_id), actor=request.user, reason=payload.reason)
    return _candidates_out(round_, [_candidate(round_, candidate_id)])[0]


@router.put(
    "/rounds/{round_id}/candidates/{candidate_id}/survey",
    response=CandidateOut,
    summary="Kết quả khảo sát sự hài lòng",
)
def survey(request, round_id: int, candidate_id: int, payload: SurveyIn):
    """The people's satisfaction: number surveyed and share satisfied (%), the input of the
    satisfaction criterion."""
    round_ = _round(request, round_id)
    services.record_survey(
        _candidate(round_, candidate_id),
        actor=request.user,
        surveyed=payload.surveyed,
        satisfied_share=payload.satisfied_share,
    )
    return _candidates_out(round_, [_candidate(round_, candidate_id)])[0]


# --- the council -------------------------------------------------------------------------------


def _member_out(member: CouncilMember) -> dict:
    return {
        "id": member.pk,
        "username": member.user.get_username(),
        "name": member.display_name,
        "position": member.position,
        "position_label": member.get_position_display(),
        "appointed_at": member.appointed_at,
    }


@router.get("/rounds/{round_id}/council", response=list[MemberOut], summary="Hội đồng thẩm định")
def list_council(request, round_id: int):
    round_ = _round(request, round_id)
    return [_member_out(m) for m in round_.council.select_related("user__person").order_by("position", "pk")]


@router.post("/rounds/{round_id}/council", response={201: MemberOut}, summary="Cử thành viên hội đồng")
def appoint(request, round_id: int, payload: MemberIn):
    round_ = _round(request, round_id)
    user = get_user_model().objects.filter(username=payload.username).first()
    if user is None:
        raise _invalid("body", "username", _("Unknown user."))
    member = services.appoint(round_, user, payload.position, actor=request.user)
    return Reply(201, _member_out(member))


@router.delete(
    "/rounds/{round_id}/council/{member_id}", response={204: None}, summary="Bỏ thành viên hội đồng"
)
def dismiss(request, round_id: int, member_id: int):
    round_ = _round(request, round_id)
    member = round_.council.select_related("user").filter(pk=member_id).first()
    if member is None:
        raise Http404
    services.dismiss(member, actor=request.user)
    return Reply(204, None)


# --- scorecards --------------------------------------------------------------------------------


@router.get(
    "/rounds/{round_id}/candidates/{candidate_id}/scorecard",
    response=ScorecardOut,
    summary="Phiếu chấm của tôi",
)
def my_scorecard(request, round_id: int, candidate_id: int):
    """The caller's own scorecard for a candidate (a council member who scores)."""
    round_ = _round(request, round_id)
    candidate = _candidate(round_, candidate_id)
    member = _seat_or_403(request, round_)
    card = Scorecard.objects.filter(candidate=candidate, member=member).first()
    return _card_out(round_, candidate, member, card, services.member_conflicted(member, candidate))


@router.put(
    "/rounds/{round_id}/candidates/{candidate_id}/scorecard",
    response=ScorecardOut,
    summary="Chấm điểm (lưu nháp hoặc gửi)",
)
def put_scorecard(request, round_id: int, candidate_id: int, payload: ScorecardIn):
    """Replaces the caller's scores (criteria not sent are blank): `points` for a criterion in
    points, `passed` for a pass-or-fail one; satisfaction comes from the survey. `"submit": true`
    submits the card — final, and only then are the other members' cards shown to the caller."""
    round_ = _round(request, round_id)
    candidate = _candidate(round_, candidate_id)
    scores = {}
    for item in payload.scores:
        if item.criterion in scores:
            raise _invalid("body", "scores", _("Each criterion is scored once."))
        scores[item.criterion] = item.passed if item.passed is not None else item.points
    card = services.save_scorecard(
        candidate, actor=request.user, scores=scores, comment=payload.comment, submit=payload.submit
    )
    return _card_out(round_, candidate, card.member, card, card.flagged)


@router.post(
    "/rounds/{round_id}/candidates/{candidate_id}/recusal",
    response=ScorecardOut,
    summary="Xin không chấm (tránh xung đột lợi ích)",
)
def recusal(request, round_id: int, candidate_id: int, payload: RecusalIn):
    round_ = _round(request, round_id)
    candidate = _candidate(round_, candidate_id)
    card = services.recuse(candidate, actor=request.user, reason=payload.reason)
    return _card_out(round_, candidate, card.member, card, card.flagged)


@router.get(
    "/rounds/{round_id}/candidates/{candidate_id}/scorecards",
    response={200: list[ScorecardOut], 403: Hidden},
    summary="Các phiếu chấm của hội đồng",
)
def all_scorecards(request, round_id: int, candidate_id: int):
    """The council's submitted and recused cards for a candidate: shown to a member after they
    submit their own, and to the standing agency and the council once the round is closed."""
    round_ = _round(request, round_id)
    candidate = _candidate(round_, candidate_id)
    acc = services.access(request.user, round_)
    mine = Scorecard.objects.filter(candidate=candidate, member=acc.member).first() if acc.member else None
    if not services.cards_visible(acc, round_, mine):
        return Reply(403, {"detail": hidden_message(round_, acc)})
    cards = (
        Scorecard.objects.filter(candidate=candidate, status__in=(CardStatus.SUBMITTED, CardStatus.RECUSED))
        .select_related("member__user__person")
        .prefetch_related("scores")
        .order_by("member__position", "member_id")
    )
    return [_card_out(round_, candidate, card.member, card, card.flagged) for card in cards]


def hidden_message(round_: AppraisalRound, acc: services.Access) -> str:
    if round_.status == RoundStatus.SCORING and acc.score:
        return _("The other members' scores are shown after you submit your own scorecard.")
    return _("Scores are shown when the round is closed.")


@router.get(
    "/rounds/{round_id}/results", response={200: ResultsOut, 403: Hidden}, summary="Kết quả thẩm định"
)
def results(request, round_id: int):
    """Per criterion and overall, ranked per criteria set, with the thresholds applied — once
    the round is closed."""
    round_ = _round(request, round_id)
    if not services.results_visible(round_):
        return Reply(403, {"detail": _("Results are shown when the round is closed.")})
    criteria = services.criteria_of(round_)
    sets = {s.pk: s for s in (round_.collective_set, round_.individual_set) if s is not None}
    groups = []
    for set_id, items in services.compute_results(round_).items():
        criteria_set = sets[set_id]
        groups.append(
            {
                "criteria_set": criteria_set,
                "holder": criteria_set.holder,
                "recognition_threshold": criteria_set.recognition_threshold,
                "typical_threshold": criteria_set.typical_threshold,
                "criteria": criteria[set_id],
                "items": [
                    {
                        "candidate_id": r.candidate.pk,
                        "initiative": _initiative_ref(r.candidate.initiative),
                        "rank": r.rank,
                        "overall": r.overall,
                        "recommended": r.recommended,
                        "typical": r.typical,
                        "counted": r.counted,
                        "mandatory_failed": [c.pk for c in r.mandatory_failed],
                        "criteria": [
                            {
                                "criterion": c.criterion.pk,
                                "points": c.points,
                                "passes": c.passes,
                                "count": c.count,
                                "passed": c.passed,
                            }
                            for c in r.criteria
                        ],
                    }
                    for r in items
                ],
            }
        )
    groups.sort(key=lambda g: g["holder"])
    return {"round_id": round_.pk, "groups": groups}


@router.get(
    "/rounds/{round_id}/proposals",
    response={200: list[ProposalOut], 403: Hidden},
    summary="Danh sách đề nghị công nhận",
)
def proposals(request, round_id: int):
    """The closed round's proposal list — the candidates reaching the recognition threshold, best
    first, with `typical` — on which recognition decisions are built."""
    round_ = _round(request, round_id)
    if not services.results_visible(round_):
        return Reply(403, {"detail": _("Results are shown when the round is closed.")})
    return [
        {
            "candidate_id": c.pk,
            "initiative": _initiative_ref(c.initiative),
            "rank": c.rank,
            "overall": c.overall,
            "typical": c.typical,
        }
        for c in services.proposal_list(round_)
    ]
