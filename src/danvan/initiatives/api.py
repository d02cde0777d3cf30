"""The HTTP API of models and exemplars ("mô hình", "điển hình") under /api/v1/initiatives.

Thin: reads go through `services.visible_initiatives` (an initiative the caller may not see does
not exist for them: 404), every write calls one service function (which checks permissions: 403,
and refuses bad state changes: 400). Invalid input is a 422 that names the parameter.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.db.models import Sum
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status as Reply
from pydantic import AfterValidator
from pydantic import Field as Param

from danvan.core.api import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, Page, paginate
from danvan.core.api import invalid as _invalid
from danvan.core.api import no_nul as _no_nul
from danvan.core.history import history_entries
from danvan.core.permissions import can, visible_units
from danvan.core.services import ServiceError
from danvan.geo.models import Area
from danvan.initiatives import queries, services
from danvan.initiatives.models import (
    Evidence,
    Field,
    Holder,
    Initiative,
    Kind,
    ProgressUpdate,
    Topic,
    TransitionRecord,
)
from danvan.initiatives.queries import LOG_LABELS
from danvan.initiatives.workflow import TRANSITIONS, Status
from danvan.orgs.api import HistoryEntry
from danvan.orgs.models import Campaign, Unit

router = Router(tags=["initiatives"])

MAX_INT = 2**31 - 1  # PositiveIntegerField on every database
MAX_MONEY = 10**15 - 1  # DecimalField(max_digits=15, decimal_places=0)


Code = Annotated[str, Param(pattern=r"^[-a-zA-Z0-9_]+$", max_length=40)]
Text = Annotated[str, Param(max_length=20000), AfterValidator(_no_nul)]
Name = Annotated[str, Param(min_length=1, max_length=300), AfterValidator(_no_nul)]
HolderName = Annotated[str, Param(max_length=200), AfterValidator(_no_nul)]
Money = Annotated[int, Param(ge=0, le=MAX_MONEY)]
Number = Annotated[int, Param(ge=0, le=MAX_INT)]
Id = Annotated[int, Param(ge=1, le=MAX_ID)]
Year = Annotated[int, Param(ge=2000, le=2100)]
Latitude = Annotated[float, Param(ge=8, le=24)]
Longitude = Annotated[float, Param(ge=102, le=118)]
Land = Annotated[Decimal, Param(ge=0, max_digits=12, decimal_places=1)]


def action_label(action: str) -> str:
    rule = TRANSITIONS.get(action)
    return str(rule.label if rule else LOG_LABELS.get(action, action))


# --- output -------------------------------------------------------------------------------------


class Ref(Schema):
    id: int
    name: str


class CodeRef(Schema):
    code: str
    name: str


class InitiativeOut(Schema):
    id: int
    name: str
    kind: Kind
    kind_label: str
    holder: Holder
    holder_label: str
    holder_name: str
    owner_unit: Ref
    field: CodeRef
    topics: list[CodeRef]
    campaign: Ref | None
    year: int
    status: Status
    status_label: str
    recognized_level: Ref | None
    recognized_on: date | None
    replicated_from_id: int | None
    area: Ref | None
    start_date: date | None
    evaluation_date: date | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_holder_label(obj) -> str:
        return obj.get_holder_display()

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class ActionOut(Schema):
    action: str
    label: str
    needs_comment: bool
    needs_level: bool
    levels: list[Ref] = Param(description="for a recognition: the units at whose level it may be made")


class Totals(Schema):
    people_reached: int
    households_benefiting: int
    money_mobilized: int
    workdays_mobilized: int
    land_donated_m2: float


class YearOut(Schema):
    year: int
    plan: str
    results: str
    evaluation: str
    evaluation_label: str
    evaluation_note: str
    evaluated_at: datetime | None

    @staticmethod
    def resolve_evaluation_label(obj) -> str:
        return obj.get_evaluation_display()


class InitiativeDetail(InitiativeOut):
    situation: str
    goals: str
    content: str
    beneficiaries: str
    forces: str
    funding_planned: int | None
    facilities: str
    workdays_planned: int | None
    contributions_planned: int | None
    milestones: str
    outputs: str
    sustainability: str
    latitude: float | None
    longitude: float | None
    created_by: str | None
    can_edit: bool
    allowed_actions: list[ActionOut]
    totals: Totals
    years: list[YearOut]

    @staticmethod
    def resolve_created_by(obj) -> str | None:
        return obj.created_by.get_username() if obj.created_by else None

    @staticmethod
    def resolve_years(obj):
        return obj.years_out

    @staticmethod
    def resolve_funding_planned(obj) -> int | None:
        return None if obj.funding_planned is None else int(obj.funding_planned)

    @staticmethod
    def resolve_contributions_planned(obj) -> int | None:
        return None if obj.contributions_planned is None else int(obj.contributions_planned)


class TransitionResult(Schema):
    id: int
    status: Status
    status_label: str
    recognized_level: Ref | None
    recognized_on: date | None
    allowed_actions: list[ActionOut]

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class StepOut(Schema):
    action: str
    action_label: str
    from_status: str
    from_label: str
    to_status: str
    to_label: str
    actor: str
    actor_name: str
    at: datetime
    comment: str
    unit: Ref | None


class HistoryOut(Schema):
    transitions: list[StepOut] = Param(description="the lifecycle log, oldest first")
    changes: list[HistoryEntry] = Param(description="every change of the registration, newest first")


class EvidenceOut(Schema):
    id: int
    kind: str
    kind_label: str
    original_name: str
    size: int
    caption: str
    progress_update_id: int | None
    uploaded_by: str | None
    uploaded_at: datetime
    url: str = Param(description="the permission-checked download address")
    has_thumbnail: bool
    thumbnail_url: str | None

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_uploaded_by(obj) -> str | None:
        return obj.uploaded_by.get_username() if obj.uploaded_by else None

    @staticmethod
    def resolve_has_thumbnail(obj) -> bool:
        return bool(obj.thumbnail)

    @staticmethod
    def resolve_thumbnail_url(obj) -> str | None:
        return f"{obj.url}?size=thumb" if obj.thumbnail else None


class ProgressOut(Schema):
    id: int
    reported_on: date
    narrative: str
    people_reached: int | None
    households_benefiting: int | None
    money_mobilized: int | None
    workdays_mobilized: int | None
    land_donated_m2: float | None
    created_by: str | None
    created_at: datetime
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_created_by(obj) -> str | None:
        return obj.created_by.get_username() if obj.created_by else None

    @staticmethod
    def resolve_evidence(obj):
        return obj.evidence_out

    @staticmethod
    def resolve_money_mobilized(obj) -> int | None:
        return None if obj.money_mobilized is None else int(obj.money_mobilized)


class LineageNode(Schema):
    visible: bool = Param(description="false: a model the caller may not open; only where and when")
    id: int | None
    name: str | None
    status: str | None
    status_label: str | None
    owner_unit: str
    year: int
    depth: int
    replicated_from_id: int | None
    created_at: datetime
    created_by: str | None


class LineageOut(Schema):
    root: LineageNode
    items: list[LineageNode]


# --- input --------------------------------------------------------------------------------------


class InitiativeFilters(Schema):
    within: Id | None = Param(
        None,
        description="a unit id: that unit and its whole subtree, with the former units they succeeded",
    )
    field: Code | None = Param(None, description="a field code (GET /initiatives/fields)")
    topic: Code | None = Param(None, description="a topic code (GET /initiatives/topics)")
    kind: Kind | None = None
    holder: Holder | None = None
    status: Status | None = None
    year: Year | None = None
    campaign: Id | None = None
    q: str | None = Param(None, description="diacritics-insensitive search in the name")
    metric: str | None = Param(
        None,
        description="a metric code (GET /metrics): only the models behind that figure for `within` "
        "in the period [`start`, `end`]",
    )
    start: date | None = None
    end: date | None = None


class PageParams(Schema):
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


class ListParams(InitiativeFilters, PageParams):
    pass


class InitiativeIn(Schema):
    owner_unit: Id
    name: Name
    kind: Kind = Kind.MODEL
    holder: Holder = Holder.COLLECTIVE
    holder_name: HolderName = ""
    field: Code
    topics: list[Code] = Param(default_factory=list, max_length=30)
    campaign: Id | None = None
    year: Year
    situation: Text = ""
    goals: Text = ""
    content: Text = ""
    beneficiaries: Text = ""
    forces: Text = ""
    funding_planned: Money | None = None
    facilities: Text = ""
    workdays_planned: Number | None = None
    contributions_planned: Money | None = None
    start_date: date | None = None
    milestones: Text = ""
    evaluation_date: date | None = None
    outputs: Text = ""
    sustainability: Text = ""
    area: Id | None = None
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    submit: bool = Param(False, description="register at once instead of keeping a draft")


class InitiativePatch(Schema):
    """Only the fields sent change. Text fields may be emptied ("") but not set to null."""

    # a non-optional type with a None default: omitted is fine, an explicit null is a 422
    name: Name = None
    kind: Kind = None
    holder: Holder = None
    holder_name: HolderName = None
    field: Code = None
    topics: list[Code] = Param(None, max_length=30)
    campaign: Id | None = None
    year: Year = None
    situation: Text = None
    goals: Text = None
    content: Text = None
    beneficiaries: Text = None
    forces: Text = None
    funding_planned: Money | None = None
    facilities: Text = None
    workdays_planned: Number | None = None
    contributions_planned: Money | None = None
    start_date: date | None = None
    milestones: Text = None
    evaluation_date: date | None = None
    outputs: Text = None
    sustainability: Text = None
    area: Id | None = None
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    reason: Text = Param("", description="why the registration changes (kept in the history)")


class TransitionIn(Schema):
    action: Annotated[str, Param(pattern=r"^[a-z_]+$", max_length=30)]
    comment: Text = ""
    level: Id | None = Param(None, description="for a recognition: the unit at whose level")
    on: date | None = Param(None, description="for a recognition: the date of its decision (default today)")


class ProgressIn(Schema):
    reported_on: date | None = None
    narrative: Annotated[str, Param(min_length=1, max_length=20000), AfterValidator(_no_nul)]
    people_reached: Number | None = None
    households_benefiting: Number | None = None
    money_mobilized: Money | None = None
    workdays_mobilized: Number | None = None
    land_donated_m2: Land | None = None


class ReplicateIn(Schema):
    unit: Id
    year: Year | None = None
    comment: Text = ""


# --- helpers ------------------------------------------------------------------------------------

LIST_RELATED = ("owner_unit", "field", "campaign", "recognized_level", "area")


def filter_initiatives(user, filters: InitiativeFilters):
    """The initiatives `user` may see, narrowed by the list filters (the API and the XLSX export)."""
    root = None
    if filters.within is not None:
        root = visible_units(user).filter(pk=filters.within).first()
        if root is None:
            raise Http404
    if filters.metric:
        from danvan.metrics import registry

        try:
            counted = registry.get(filters.metric)
        except KeyError:
            counted = None
        if counted is None or not counted.initiative:
            raise ServiceError(_("Unknown metric: %(code)s.") % {"code": filters.metric})
        if root is None:
            raise ServiceError(_("Give the unit (within) whose figure to list."))
    return queries.filter_initiatives(
        user,
        root,
        q=filters.q or "",
        field__code=filters.field,
        topics__code=filters.topic,  # codes are unique: no duplicate rows
        kind=filters.kind,
        holder=filters.holder,
        status=filters.status,
        year=filters.year,
        campaign_id=filters.campaign,
        metric=filters.metric or "",
        start=filters.start,
        end=filters.end,
    )


def _visible(request, initiative_id: int) -> Initiative:
    initiative = (
        services.visible_initiatives(request.user)
        .select_related(*LIST_RELATED, "created_by")
        .prefetch_related("topics")
        .filter(pk=initiative_id)
        .first()
    )
    if initiative is None:
        raise Http404
    return initiative


def _visible_unit(request, unit_id: int) -> Unit:
    unit = visible_units(request.user).filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


def _actions(initiative: Initiative, user) -> list[dict]:
    actions = []
    for rule in services.allowed_transitions(initiative, user):
        levels = services.recognition_levels(initiative, user) if rule.needs_level else []
        actions.append(
            {
                "action": rule.action,
                "label": str(rule.label),
                "needs_comment": rule.needs_comment,
                "needs_level": rule.needs_level,
                "levels": levels,
            }
        )
    return actions


def _detail(request, initiative: Initiative) -> Initiative:
    user = request.user
    initiative.can_edit = initiative.status in services.EDITABLE_STATES and can(
        user, "initiative.change", initiative
    )
    initiative.allowed_actions = _actions(initiative, user)
    sums = initiative.progress_updates.aggregate(
        people_reached=Sum("people_reached"),
        households_benefiting=Sum("households_benefiting"),
        money_mobilized=Sum("money_mobilized"),
        workdays_mobilized=Sum("workdays_mobilized"),
        land_donated_m2=Sum("land_donated_m2"),
    )
    initiative.totals = {key: int(value or 0) for key, value in sums.items()}
    initiative.totals["land_donated_m2"] = float(sums["land_donated_m2"] or 0)
    initiative.years_out = list(initiative.years.all())
    return initiative


def _registration_data(payload: dict, current: Initiative | None = None) -> tuple[dict, list[Topic] | None]:
    """Turn codes and ids of a create/patch body into objects; unknown ones are a 422. Fields and
    topics no longer in use are refused, except those the initiative already has."""
    data = dict(payload)
    topics = None
    if "field" in data:
        field = Field.objects.filter(code=data["field"]).first()
        if field is None or not (field.active or (current and current.field_id == field.pk)):
            raise _invalid("body", "field", _("Unknown field."))
        data["field"] = field
    if "topics" in data:
        codes = list(dict.fromkeys(data.pop("topics")))
        kept = {t.pk for t in current.topics.all()} if current else set()
        topics = [t for t in Topic.objects.filter(code__in=codes) if t.active or t.pk in kept]
        unknown = sorted(set(codes) - {t.code for t in topics})
        if unknown:
            raise _invalid("body", "topics", _("Unknown topics: %(codes)s.") % {"codes": ", ".join(unknown)})
    if data.get("campaign") is not None:
        campaign = Campaign.objects.filter(pk=data["campaign"]).first()
        if campaign is None:
            raise _invalid("body", "campaign", _("Unknown campaign."))
        data["campaign"] = campaign
    if data.get("area") is not None:
        area = Area.objects.filter(pk=data["area"]).first()
        if area is None:
            raise _invalid("body", "area", _("Unknown area."))
        data["area"] = area
    for key in ("funding_planned", "contributions_planned"):
        if data.get(key) is not None:
            data[key] = Decimal(data[key])
    return data, topics


def _evidence_out(request, evidence: Evidence) -> Evidence:
    evidence.url = request.build_absolute_uri(reverse("initiatives:evidence", args=[evidence.pk]))
    return evidence


def _progress_out(request, update: ProgressUpdate) -> ProgressUpdate:
    update.evidence_out = [_evidence_out(request, e) for e in update.evidence.all()]
    return update


# --- reference lists ----------------------------------------------------------------------------


@router.get("/fields", response=Page[CodeRef], summary="Danh mục lĩnh vực")
def list_fields(request):
    items = list(Field.objects.filter(active=True))
    return {"count": len(items), "items": items}


@router.get("/topics", response=Page[CodeRef], summary="Danh mục chủ đề")
def list_topics(request):
    items = list(Topic.objects.filter(active=True))
    return {"count": len(items), "items": items}


# --- initiatives --------------------------------------------------------------------------------


@router.get("", response=Page[InitiativeOut], summary="Danh sách mô hình, điển hình")
def list_initiatives(request, params: Query[ListParams]):
    """Models and exemplars of the units the caller may see (their subtrees and the former units
    those succeeded), newest year first; `q` ranks the best name matches first."""
    qs = filter_initiatives(request.user, params).select_related(*LIST_RELATED).prefetch_related("topics")
    count, items = paginate(qs, params.limit, params.offset)
    return {"count": count, "items": items}


@router.post("", response={201: InitiativeDetail}, summary="Đăng ký mô hình, điển hình")
def create_initiative(request, payload: InitiativeIn):
    """Creates a draft of the owner unit (or registers it at once with `submit`); needs the right
    to change models in that unit."""
    owner = _visible_unit(request, payload.owner_unit)
    body = payload.dict()
    submit = body.pop("submit")
    body.pop("owner_unit")
    data, topics = _registration_data(body)
    initiative = services.register_initiative(
        owner, data, actor=request.user, topics=topics or (), submit=submit
    )
    return Reply(201, _detail(request, _visible(request, initiative.pk)))


@router.get("/{initiative_id}", response=InitiativeDetail, summary="Chi tiết mô hình, điển hình")
def get_initiative(request, initiative_id: int):
    return _detail(request, _visible(request, initiative_id))


@router.patch("/{initiative_id}", response=InitiativeDetail, summary="Sửa thông tin đăng ký")
def update_initiative(request, initiative_id: int, payload: InitiativePatch):
    initiative = _visible(request, initiative_id)
    body = payload.dict(exclude_unset=True)
    reason = body.pop("reason", "")
    data, topics = _registration_data(body, initiative)
    services.update_initiative(initiative, data, actor=request.user, topics=topics, reason=reason)
    return _detail(request, _visible(request, initiative_id))


@router.post("/{initiative_id}/transitions", response=TransitionResult, summary="Chuyển trạng thái")
def transition(request, initiative_id: int, payload: TransitionIn):
    """Applies one lifecycle action; the answer has the new status and the actions now allowed."""
    initiative = _visible(request, initiative_id)
    level = None
    if payload.level is not None:
        level = Unit.objects.filter(pk=payload.level).first()
        if level is None:
            raise _invalid("body", "level", _("Unknown unit."))
    initiative = services.transition(
        initiative, payload.action, actor=request.user, comment=payload.comment, level=level, on=payload.on
    )
    initiative = _visible(request, initiative_id)
    initiative.allowed_actions = _actions(initiative, request.user)
    return initiative


@router.get("/{initiative_id}/history", response=HistoryOut, summary="Lịch sử của mô hình")
def history(request, initiative_id: int):
    """The lifecycle log (who moved it, when, why) and every change of its registration."""
    initiative = _visible(request, initiative_id)
    labels = dict(Status.choices)
    steps = []
    for record in TransitionRecord.objects.filter(initiative=initiative).select_related(
        "actor__person", "unit"
    ):
        person = getattr(record.actor, "person", None)
        steps.append(
            {
                "action": record.action,
                "action_label": action_label(record.action),
                "from_status": record.from_status,
                "from_label": str(labels.get(record.from_status, "")),
                "to_status": record.to_status,
                "to_label": str(labels.get(record.to_status, "")),
                "actor": record.actor.get_username(),
                "actor_name": person.full_name if person else record.actor.get_full_name(),
                "at": record.at,
                "comment": record.comment,
                "unit": record.unit,
            }
        )
    return {"transitions": steps, "changes": history_entries(initiative)}


@router.get("/{initiative_id}/progress", response=Page[ProgressOut], summary="Các lần cập nhật tiến độ")
def list_progress(request, initiative_id: int, params: Query[PageParams]):
    """Newest first, with the evidence attached to each update."""
    initiative = _visible(request, initiative_id)
    updates = (
        initiative.progress_updates.select_related("created_by")
        .prefetch_related("evidence__uploaded_by")
        .order_by("-reported_on", "-pk")
    )
    count, items = paginate(updates, params.limit, params.offset)
    return {"count": count, "items": [_progress_out(request, u) for u in items]}


@router.post("/{initiative_id}/progress", response={201: ProgressOut}, summary="Cập nhật tiến độ, kết quả")
def add_progress(request, initiative_id: int, payload: ProgressIn):
    """A dated update with numbers; photos and documents are uploaded to `/evidence`."""
    initiative = _visible(request, initiative_id)
    update = services.add_progress(initiative, payload.dict(), actor=request.user)
    return Reply(201, _progress_out(request, update))


@router.get("/{initiative_id}/evidence", response=Page[EvidenceOut], summary="Tệp minh chứng")
def list_evidence(request, initiative_id: int, params: Query[PageParams]):
    """Newest first."""
    initiative = _visible(request, initiative_id)
    files = initiative.evidence.select_related("uploaded_by").order_by("-uploaded_at", "-pk")
    count, items = paginate(files, params.limit, params.offset)
    return {"count": count, "items": [_evidence_out(request, e) for e in items]}


@router.post("/{initiative_id}/evidence", response={201: EvidenceOut}, summary="Tải lên tệp minh chứng")
def upload_evidence(
    request,
    initiative_id: int,
    file: File[UploadedFile],
    caption: Form[str] = "",
    progress_update: Form[int | None] = None,
):
    """Multipart upload: a photo (JPEG, PNG, WebP), PDF, DOCX or XLSX of at most 10 MB, its type
    checked by content; optionally attached to one of the model's progress updates."""
    initiative = _visible(request, initiative_id)
    if "\x00" in caption or len(caption) > 255:
        raise _invalid("form", "caption", _("The caption is too long or contains invalid characters."))
    update = None
    if progress_update is not None:
        update = ProgressUpdate.objects.filter(pk=progress_update, initiative=initiative).first()
        if update is None:
            raise _invalid("form", "progress_update", _("Unknown progress update of this model."))
    # a file name is data from the client: no control characters reach the storage
    file.name = "".join(ch for ch in (file.name or "") if ch.isprintable()) or "file"
    evidence = services.add_evidence(initiative, file, actor=request.user, caption=caption, update=update)
    return Reply(201, _evidence_out(request, evidence))


@router.post("/{initiative_id}/replicate", response={201: InitiativeDetail}, summary="Nhân rộng mô hình")
def replicate(request, initiative_id: int, payload: ReplicateIn):
    """Creates a model of `unit` linked to this (recognized) one."""
    source = _visible(request, initiative_id)
    target = _visible_unit(request, payload.unit)
    replica = services.replicate(
        source, target, actor=request.user, year=payload.year, comment=payload.comment
    )
    return Reply(201, _detail(request, _visible(request, replica.pk)))


@router.get("/{initiative_id}/lineage", response=LineageOut, summary="Quá trình nhân rộng")
def lineage(request, initiative_id: int):
    """Where the model spread from and to, when and by whom. Models in units the caller may not
    open appear with their unit and year only."""
    initiative = _visible(request, initiative_id)
    root, tree = services.lineage(initiative)
    root = Initiative.objects.select_related("owner_unit", "created_by").get(pk=root.pk)
    ids = [root.pk, *(node.pk for node, _depth in tree)]
    seen = set(services.visible_initiatives(request.user).filter(pk__in=ids).values_list("pk", flat=True))

    def node(item: Initiative, depth: int) -> dict:
        visible = item.pk in seen
        return {
            "visible": visible,
            "id": item.pk if visible else None,
            "name": item.name if visible else None,
            "status": item.status if visible else None,
            "status_label": item.get_status_display() if visible else None,
            "owner_unit": item.owner_unit.name,
            "year": item.year,
            "depth": depth,
            "replicated_from_id": item.replicated_from_id if visible else None,
            "created_at": item.created_at,
            "created_by": item.created_by.get_username() if visible and item.created_by else None,
        }

    return {"root": node(root, 0), "items": [node(item, depth) for item, depth in tree]}
