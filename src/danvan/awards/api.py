"""The HTTP API of decisions, commendation proposals and the award catalogue under /api/v1/awards.

Thin: reads go through `services.visible_decisions` / `visible_proposals` (what the caller may not
see does not exist for them: 404), every write calls one service function (which checks
permissions: 403, and refuses bad input or a state change: 400). Invalid input is a 422 naming
the parameter. Documents are downloads: the decision as DOCX, a certificate as PDF.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.responses import Status as Reply
from pydantic import AfterValidator
from pydantic import Field as Param

from danvan.awards import queries, services
from danvan.awards.models import AwardForm, AwardGrade, Decision, DecisionEntry, Proposal, Recipients
from danvan.awards.workflow import DecisionKind, DecisionStatus, ProposalStatus
from danvan.core.api import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, Page, paginate
from danvan.core.api import invalid as _invalid
from danvan.core.api import no_nul as _no_nul
from danvan.core.history import history_entries
from danvan.core.lazy import lazy_module
from danvan.core.permissions import can, granted_paths, is_system_admin, visible_units
from danvan.documents import media
from danvan.initiatives.models import Holder, Initiative
from danvan.initiatives.services import visible_initiatives
from danvan.orgs.api import HistoryEntry
from danvan.orgs.models import Campaign, Unit, UnitType

documents = lazy_module("danvan.awards.documents")  # builds documents: loaded by the first request that does

router = Router(tags=["awards"])


Id = Annotated[int, Param(ge=1, le=MAX_ID)]
Year = Annotated[int, Param(ge=2000, le=2100)]
Number = Annotated[int, Param(ge=1, le=99999)]
Line = Annotated[str, Param(max_length=500), AfterValidator(_no_nul)]
Text = Annotated[str, Param(max_length=5000), AfterValidator(_no_nul)]
Ids = Annotated[list[Id], Param(max_length=500)]


def _binary(media_type: str) -> dict:
    return {
        "responses": {
            200: {
                "description": "OK",
                "content": {media_type: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }


# --- output -------------------------------------------------------------------------------------


class Ref(Schema):
    id: int
    name: str


class AwardFormOut(Schema):
    id: int
    province: Ref
    code: str
    name: str
    grade: AwardGrade
    grade_label: str
    issuer_type: str = Param(description="the unit type code of the granting body")
    issuer_type_name: str
    level: str = Param(description="`province` or `commune`: the level of the granting body")
    recipients: Recipients
    basis: str
    sort_order: int
    active: bool

    @staticmethod
    def resolve_grade_label(obj) -> str:
        return obj.get_grade_display()

    @staticmethod
    def resolve_issuer_type(obj) -> str:
        return obj.issuer_type.code

    @staticmethod
    def resolve_issuer_type_name(obj) -> str:
        return obj.issuer_type.name


class ActionOut(Schema):
    action: str
    label: str
    needs_comment: bool


class DecisionOut(Schema):
    id: int
    kind: DecisionKind
    kind_label: str
    symbol: str = Param(description='"12-QĐ/BTGDV"; empty while a draft has no number')
    number: int | None
    issuer_code: str
    date: dt.date
    year: int
    subject: str
    issuing_unit: Ref = Param(description="the level whose authority the decision exercises")
    issuing_body: Ref = Param(description="the body in whose name it is issued and numbered")
    award_form: Ref | None
    status: DecisionStatus
    status_label: str
    entry_count: int
    typical_count: int

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class EntryOut(Schema):
    id: int
    position: int
    initiative: Ref | None
    owner_unit: Ref | None
    proposal_id: int | None
    recipient: str | None
    typical: bool
    proposed: bool = Param(description="proposed for commendation (typical ones only)")
    certificate_url: str | None = Param(description="the certificate (PDF) of a recognized model")

    @staticmethod
    def resolve_owner_unit(obj):
        return obj.initiative.owner_unit if obj.initiative_id else None

    @staticmethod
    def resolve_recipient(obj) -> str | None:
        return obj.proposal.recipient_name if obj.proposal_id else None


class DecisionDetail(DecisionOut):
    superior_heading: str
    issuer_heading: str
    bases: str
    citation: str
    executors: str
    signer_authority: str
    signer_position: str
    signer_name: str
    recipients: str
    archive: str
    revoke_reason: str
    created_at: dt.datetime
    entries: list[EntryOut]
    allowed_actions: list[ActionOut]
    document_url: str = Param(description="the decision as DOCX in the Party document format")

    @staticmethod
    def resolve_entries(obj):
        return obj.entries_out


class EventOut(Schema):
    action: str
    from_status: str
    to_status: str
    actor: str
    at: dt.datetime
    comment: str


class EntryChange(Schema):
    at: dt.datetime
    user: str | None
    subject: str
    reason: str | None


class DecisionHistory(Schema):
    events: list[EventOut] = Param(description="created, issued, revoked: who, when, why (oldest first)")
    changes: list[HistoryEntry] = Param(description="every change of the header, newest first")
    entries: list[EntryChange] = Param(
        description="what was put on the list, removed or marked, newest first"
    )


class FunnelOut(Schema):
    unit: Ref
    year: int
    recognized: int
    typical: int
    proposed: int = Param(description="typical ones proposed for commendation")
    commended: int = Param(description="collectives and individuals granted an award by an issued decision")


class ProposalOut(Schema):
    id: int
    proposing_unit: Ref
    year: int
    award_form: Ref
    holder: Holder
    recipient_unit: Ref | None
    recipient_name: str
    recipient_position: str
    initiative: Ref | None
    campaign: Ref | None
    occasion: str
    occasion_date: dt.date | None
    achievements: str
    status: ProposalStatus
    status_label: str
    status_reason: str
    created_at: dt.datetime

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class ProposalDetail(ProposalOut):
    allowed_actions: list[ActionOut]


# --- input --------------------------------------------------------------------------------------


class DecisionFilters(Schema):
    within: Id | None = Param(None, description="a unit id: decisions issued at it or below it")
    kind: DecisionKind | None = None
    year: Year | None = None
    status: DecisionStatus | None = None
    q: Annotated[str, Param(max_length=200), AfterValidator(_no_nul)] | None = Param(
        None, description="a number (12 or 12-QĐ/BTGDV) or words of the subject"
    )
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


class HeaderIn(Schema):
    """Header fields of a draft; only those sent change."""

    issuing_body: Id = None
    award_form: Id = None
    number: Number | None = None
    issuer_code: Annotated[str, Param(max_length=30), AfterValidator(_no_nul)] = None
    date: dt.date = None
    subject: Line = None
    superior_heading: Line = None
    issuer_heading: Line = None
    bases: Text = None
    citation: Text = None
    executors: Line = None
    signer_authority: Line = None
    signer_position: Line = None
    signer_name: Line = None
    recipients: Text = None
    archive: Line = None


class DecisionIn(HeaderIn):
    kind: DecisionKind
    level: Id = Param(description="the unit whose authority the decision exercises")


class DecisionPatch(HeaderIn):
    reason: Line = Param("", description="why the header changes (kept in the history)")


class EntriesIn(Schema):
    initiatives: Ids = Param(default_factory=list, description="recognition: models and exemplars")
    typical: Ids = Param(
        default_factory=list, description="recognition: those of `initiatives` that are typical"
    )
    proposals: Ids = Param(default_factory=list, description="commendation: submitted proposals")


class MarkIn(Schema):
    typical: bool
    proposed: bool = False
    reason: Line = ""


class TransitionIn(Schema):
    action: Annotated[str, Param(pattern=r"^[a-z_]+$", max_length=30)]
    comment: Text = ""


class FunnelParams(Schema):
    within: Id
    year: Year


class ProposalFilters(Schema):
    within: Id | None = None
    year: Year | None = None
    status: ProposalStatus | None = None
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


class ProposalIn(Schema):
    proposing_unit: Id
    year: Year
    award_form: Id
    holder: Holder = Holder.COLLECTIVE
    recipient_unit: Id | None = None
    recipient_name: Annotated[str, Param(max_length=255), AfterValidator(_no_nul)] = ""
    recipient_position: Annotated[str, Param(max_length=255), AfterValidator(_no_nul)] = ""
    initiative: Id | None = None
    campaign: Id | None = None
    occasion: Annotated[str, Param(max_length=255), AfterValidator(_no_nul)] = ""
    occasion_date: dt.date | None = None
    achievements: Text = ""


class FormFilters(Schema):
    within: Id | None = Param(None, description="a unit id: the catalogue of its province")
    active: bool | None = None


class AwardFormIn(Schema):
    province: Id = Param(description="the province's top unit")
    name: Annotated[str, Param(min_length=1, max_length=255), AfterValidator(_no_nul)]
    grade: AwardGrade
    issuer_type: Annotated[str, Param(pattern=r"^[-a-z0-9_]+$", max_length=60)]
    level: Annotated[str, Param(pattern=r"^(province|commune)$")]
    recipients: Recipients = Recipients.BOTH
    basis: Line = ""
    sort_order: Annotated[int, Param(ge=0, le=32767)] = 100
    active: bool = True


class AwardFormPatch(Schema):
    name: Annotated[str, Param(min_length=1, max_length=255), AfterValidator(_no_nul)] = None
    grade: AwardGrade = None
    issuer_type: Annotated[str, Param(pattern=r"^[-a-z0-9_]+$", max_length=60)] = None
    level: Annotated[str, Param(pattern=r"^(province|commune)$")] = None
    recipients: Recipients = None
    basis: Line = None
    sort_order: Annotated[int, Param(ge=0, le=32767)] = None
    active: bool = None
    reason: Line = ""


# --- helpers ------------------------------------------------------------------------------------


def _visible_unit(request, unit_id: int, name: str = "within") -> Unit:
    unit = visible_units(request.user).filter(pk=unit_id).select_related("area", "unit_type").first()
    if unit is None:
        raise Http404
    return unit


def _decision(request, decision_id: int) -> Decision:
    decision = (
        queries.filter_decisions(request.user)
        .select_related(
            *queries.LIST_RELATED, "issuing_unit__area", "issuing_body__area", "issuing_body__unit_type"
        )
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:
        raise Http404
    return decision


def _actions(rules) -> list[dict]:
    return [{"action": t.action, "label": str(t.label), "needs_comment": t.needs_comment} for t in rules]


def _entry_out(request, entry: DecisionEntry, decision: Decision, openable: set[int], may_review: bool):
    entry.certificate_url = None
    if (
        decision.status == DecisionStatus.ISSUED
        and entry.initiative_id
        and (may_review or entry.initiative_id in openable)
    ):
        entry.certificate_url = request.build_absolute_uri(
            reverse("api:certificate", args=[decision.pk, entry.pk])
        )
    return entry


def _detail(request, decision_id: int) -> Decision:
    decision = _decision(request, decision_id)
    entries = list(
        decision.entries.select_related("initiative__owner_unit", "proposal").order_by("position", "id")
    )
    may_review = can(request.user, services.REVIEW, decision)
    openable = set(
        visible_initiatives(request.user)
        .filter(pk__in=[e.initiative_id for e in entries if e.initiative_id])
        .values_list("pk", flat=True)
    )
    decision.entries_out = [_entry_out(request, e, decision, openable, may_review) for e in entries]
    decision.allowed_actions = _actions(services.allowed_transitions(decision, request.user))
    decision.document_url = request.build_absolute_uri(reverse("api:decision_document", args=[decision.pk]))
    return decision


def _header(request, body: dict, level: Unit) -> dict:
    """Turn ids of a header body into objects; unknown ones are a 422."""
    data = dict(body)
    if "issuing_body" in data:
        unit = Unit.objects.filter(pk=data["issuing_body"]).select_related("area", "unit_type").first()
        if unit is None:
            raise _invalid("body", "issuing_body", _("Unknown unit."))
        data["issuing_body"] = unit
    if "award_form" in data:
        form = AwardForm.objects.filter(pk=data["award_form"]).select_related("issuer_type").first()
        if form is None:
            raise _invalid("body", "award_form", _("Unknown award form."))
        data["award_form"] = form
    return data


# --- decisions ----------------------------------------------------------------------------------


@router.get("/decisions", response=Page[DecisionOut], summary="Danh sách quyết định công nhận, khen thưởng")
def list_decisions(request, params: Query[DecisionFilters]):
    """Decisions of the levels the caller may see, and issued decisions listing a model, exemplar or
    proposal of theirs; newest first."""
    within = _visible_unit(request, params.within) if params.within is not None else None
    qs = queries.filter_decisions(
        request.user, within, q=params.q or "", kind=params.kind, year=params.year, status=params.status
    ).select_related(*queries.LIST_RELATED)
    count, items = paginate(qs, params.limit, params.offset)
    return {"count": count, "items": items}


@router.post("/decisions", response={201: DecisionDetail}, summary="Tạo dự thảo quyết định")
def create_decision(request, payload: DecisionIn):
    """A draft at the authority of `level` (needs the standing agency's right there). Header fields
    not sent take their defaults (the issuing body's last decision, the level's standing agency)."""
    level = _visible_unit(request, payload.level, "level")
    body = payload.dict(exclude_unset=True)
    kind = body.pop("kind")
    body.pop("level")
    decision = services.create_decision(kind, level, _header(request, body, level), actor=request.user)
    return Reply(201, _detail(request, decision.pk))


@router.get("/decisions/{decision_id}", response=DecisionDetail, summary="Chi tiết quyết định")
def get_decision(request, decision_id: int):
    return _detail(request, decision_id)


@router.patch("/decisions/{decision_id}", response=DecisionDetail, summary="Sửa dự thảo quyết định")
def update_decision(request, decision_id: int, payload: DecisionPatch):
    decision = _decision(request, decision_id)
    body = payload.dict(exclude_unset=True)
    reason = body.pop("reason", "")
    services.update_decision(
        decision, _header(request, body, decision.issuing_unit), actor=request.user, reason=reason
    )
    return _detail(request, decision_id)


@router.post("/decisions/{decision_id}/entries", response={201: list[EntryOut]}, summary="Thêm vào danh sách")
def add_entries(request, decision_id: int, payload: EntriesIn):
    """Recognition: `initiatives` (models proposed for recognition in the level's subtree), with
    `typical` among them. Commendation: `proposals` (submitted, of the level's subtree). All or none."""
    decision = _decision(request, decision_id)
    if decision.is_recognition:
        order = {pk: i for i, pk in enumerate(dict.fromkeys(payload.initiatives))}
        found = sorted(Initiative.objects.filter(pk__in=payload.initiatives), key=lambda m: order[m.pk])
        if len(found) != len(order):
            raise _invalid("body", "initiatives", _("Unknown model or exemplar."))
        added = services.add_initiatives(
            decision, found, actor=request.user, typical=set(payload.typical) & set(payload.initiatives)
        )
    else:
        order = {pk: i for i, pk in enumerate(dict.fromkeys(payload.proposals))}
        found = sorted(Proposal.objects.filter(pk__in=payload.proposals), key=lambda p: order[p.pk])
        if len(found) != len(order):
            raise _invalid("body", "proposals", _("Unknown proposal."))
        added = services.add_proposals(decision, found, actor=request.user)
    detail = _detail(request, decision_id)
    ids = {e.pk for e in added}
    return Reply(201, [e for e in detail.entries_out if e.pk in ids])


def _entry(request, decision_id: int, entry_id: int) -> tuple[Decision, DecisionEntry]:
    decision = _decision(request, decision_id)
    entry = DecisionEntry.objects.filter(pk=entry_id, decision=decision).first()
    if entry is None:
        raise Http404
    entry.decision = decision
    return decision, entry


@router.patch(
    "/decisions/{decision_id}/entries/{entry_id}",
    response=EntryOut,
    summary="Đánh dấu tiêu biểu, đề nghị khen",
)
def mark_entry(request, decision_id: int, entry_id: int, payload: MarkIn):
    """The funnel: `typical`, and `proposed` for commendation (a typical one only)."""
    _unused, entry = _entry(request, decision_id, entry_id)
    services.mark_entry(
        entry, actor=request.user, typical=payload.typical, proposed=payload.proposed, reason=payload.reason
    )
    detail = _detail(request, decision_id)
    return next(e for e in detail.entries_out if e.pk == entry_id)


@router.delete(
    "/decisions/{decision_id}/entries/{entry_id}", response={204: None}, summary="Bỏ khỏi danh sách"
)
def remove_entry(request, decision_id: int, entry_id: int):
    _unused, entry = _entry(request, decision_id, entry_id)
    services.remove_entry(entry, actor=request.user)
    return Reply(204, None)


@router.post(
    "/decisions/{decision_id}/transitions", response=DecisionDetail, summary="Ban hành, thu hồi quyết định"
)
def transition(request, decision_id: int, payload: TransitionIn):
    """`issue` (recognizes every listed model at the level on the decision's date, or grants every
    listed proposal — all or none) or `revoke` (with a `comment`: nothing is lost)."""
    decision = _decision(request, decision_id)
    services.transition(decision, payload.action, actor=request.user, comment=payload.comment)
    return _detail(request, decision_id)


@router.get("/decisions/{decision_id}/history", response=DecisionHistory, summary="Lịch sử của quyết định")
def history(request, decision_id: int):
    decision = _decision(request, decision_id)
    events = [
        {
            "action": e.action,
            "from_status": e.from_status,
            "to_status": e.to_status,
            "actor": e.actor.get_username(),
            "at": e.at,
            "comment": e.comment,
        }
        for e in decision.events.select_related("actor")
    ]
    records = (
        DecisionEntry.history.filter(decision_id=decision.pk)
        .select_related("history_user", "initiative", "proposal")
        .order_by("-history_date", "-history_id")[:500]
    )
    entries = [
        {
            "at": r.history_date,
            "user": r.history_user.get_username() if r.history_user else None,
            "subject": str(r.initiative or r.proposal or ""),
            "reason": r.history_change_reason,
        }
        for r in records
    ]
    return {"events": events, "changes": history_entries(decision), "entries": entries}


@router.get(
    "/decisions/{decision_id}/document",
    url_name="decision_document",
    summary="Tải quyết định (DOCX)",
    openapi_extra=_binary(media.DOCX),
)
def document(request, decision_id: int):
    """The decision with its annexed list in the Party document format (a draft prints "Số …")."""
    decision = _decision(request, decision_id)
    response = HttpResponse(documents.decision_docx(decision), content_type=media.DOCX)
    response["Content-Disposition"] = f'attachment; filename="{documents.docx_filename(decision)}"'
    return response


@router.get(
    "/decisions/{decision_id}/entries/{entry_id}/certificate",
    url_name="certificate",
    summary="Giấy chứng nhận mô hình, điển hình (PDF)",
    openapi_extra=_binary("application/pdf"),
)
def certificate(request, decision_id: int, entry_id: int):
    """The printable certificate of a model or exemplar an issued decision recognized."""
    from danvan.awards.views import certificate_entry_or_404

    entry = certificate_entry_or_404(request.user, entry_id)
    if entry.decision_id != decision_id:
        raise Http404
    response = HttpResponse(documents.certificate_pdf(entry), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{documents.certificate_filename(entry)}"'
    return response


@router.get("/funnel", response=FunnelOut, summary="Công nhận → tiêu biểu → đề nghị khen thưởng")
def funnel(request, params: Query[FunnelParams]):
    """Models and exemplars of `within`'s subtree recognized by issued decisions of `year`, how many
    are typical and how many of those proposed for commendation; and how many collectives and
    individuals were commended."""
    unit = _visible_unit(request, params.within)
    counts = queries.funnel(unit, params.year)
    return {"unit": unit, "year": params.year, **counts, "commended": queries.commended(unit, params.year)}


# --- proposals ------------------------------------------------------------------------------------

PROPOSAL_RELATED = ("proposing_unit", "award_form", "recipient_unit", "initiative", "campaign")


def _proposal(request, proposal_id: int) -> Proposal:
    proposal = (
        services.visible_proposals(request.user)
        .select_related(*PROPOSAL_RELATED)
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None:
        raise Http404
    proposal.allowed_actions = _actions(services.allowed_proposal_transitions(proposal, request.user))
    return proposal


@router.get("/proposals", response=Page[ProposalOut], summary="Danh sách đề nghị khen thưởng")
def list_proposals(request, params: Query[ProposalFilters]):
    within = _visible_unit(request, params.within) if params.within is not None else None
    qs = queries.filter_proposals(request.user, within, year=params.year, status=params.status)
    count, items = paginate(qs.select_related(*PROPOSAL_RELATED), params.limit, params.offset)
    return {"count": count, "items": items}


@router.post("/proposals", response={201: ProposalDetail}, summary="Đề nghị khen thưởng")
def create_proposal(request, payload: ProposalIn):
    """A unit proposes one of its collectives or people for an award form of its province's
    catalogue, for a model or exemplar, a campaign or an event (at least one)."""
    unit = _visible_unit(request, payload.proposing_unit, "proposing_unit")
    data = payload.dict()
    data.pop("proposing_unit")
    lookups = {
        "award_form": AwardForm.objects.select_related("issuer_type"),
        "recipient_unit": Unit.objects.all(),
        "initiative": Initiative.objects.select_related("owner_unit"),
        "campaign": Campaign.objects.select_related("issuing_unit"),
    }
    for key, qs in lookups.items():
        if data.get(key) is not None:
            found = qs.filter(pk=data[key]).first()
            if found is None:
                raise _invalid("body", key, _("Unknown value."))
            data[key] = found
    proposal = services.create_proposal(unit, data, actor=request.user)
    return Reply(201, _proposal(request, proposal.pk))


@router.get("/proposals/{proposal_id}", response=ProposalDetail, summary="Chi tiết đề nghị khen thưởng")
def get_proposal(request, proposal_id: int):
    return _proposal(request, proposal_id)


@router.post(
    "/proposals/{proposal_id}/transitions", response=ProposalDetail, summary="Rút, không chấp thuận đề nghị"
)
def proposal_transition(request, proposal_id: int, payload: TransitionIn):
    """`withdraw` (by the proposing unit) or `decline` (by the standing agency), with a `comment`."""
    proposal = _proposal(request, proposal_id)
    services.proposal_transition(proposal, payload.action, actor=request.user, comment=payload.comment)
    return _proposal(request, proposal_id)


@router.get("/proposals/{proposal_id}/history", response=list[HistoryEntry], summary="Lịch sử của đề nghị")
def proposal_history(request, proposal_id: int):
    return history_entries(_proposal(request, proposal_id))


# --- the award catalogue ------------------------------------------------------------------------------


@router.get("/forms", response=Page[AwardFormOut], summary="Danh mục hình thức khen thưởng")
def list_forms(request, params: Query[FormFilters]):
    """The catalogue of the province of `within`, or of the provinces the caller works in."""
    qs = AwardForm.objects.select_related("province", "issuer_type")
    if params.within is not None:
        qs = qs.filter(province=services.province_of(_visible_unit(request, params.within)))
    elif not is_system_admin(request.user):
        roots = {path[: Unit.steplen] for path in granted_paths(request.user, "unit.view")}
        qs = qs.filter(province__path__in=roots)
    if params.active is not None:
        qs = qs.filter(active=params.active)
    items = list(qs.order_by("province__name_sort", "sort_order", "name"))
    return {"count": len(items), "items": items}


def _form_data(body: dict) -> dict:
    if body.get("issuer_type") is not None:
        unit_type = UnitType.objects.filter(code=body["issuer_type"]).first()
        if unit_type is None:
            raise _invalid("body", "issuer_type", _("Unknown unit type."))
        body["issuer_type"] = unit_type
    return body


@router.post("/forms", response={201: AwardFormOut}, summary="Thêm hình thức khen thưởng")
def create_form(request, payload: AwardFormIn):
    province = _visible_unit(request, payload.province, "province")
    body = _form_data(payload.dict())
    body.pop("province")
    form = services.save_award_form(province, body, actor=request.user)
    return Reply(201, AwardForm.objects.select_related("province", "issuer_type").get(pk=form.pk))


@router.patch("/forms/{form_id}", response=AwardFormOut, summary="Sửa hình thức khen thưởng")
def update_form(request, form_id: int, payload: AwardFormPatch):
    form = AwardForm.objects.select_related("province").filter(pk=form_id).first()
    if form is None or not visible_units(request.user).filter(pk=form.province_id).exists():
        raise Http404
    body = _form_data(payload.dict(exclude_unset=True))
    reason = body.pop("reason", "")
    services.save_award_form(form.province, body, actor=request.user, form=form, reason=reason)
    return AwardForm.objects.select_related("province", "issuer_type").get(pk=form_id)
