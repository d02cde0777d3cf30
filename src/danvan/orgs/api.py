from datetime import date, datetime

from django.http import Http404
from ninja import Query, Router, Schema
from pydantic import Field

from danvan.core.api import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, Page, paginate
from danvan.core.models import today
from danvan.core.permissions import visible_units
from danvan.orgs.models import Unit, UnitCategory
from danvan.orgs.services import position_rank

router = Router(tags=["units"])


class Ref(Schema):
    id: int
    name: str


class UnitTypeOut(Schema):
    code: str
    name: str
    category: UnitCategory


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    kind: UnitCategory
    type: UnitTypeOut
    area: Ref
    parent_id: int | None
    depth: int
    children_count: int
    active: bool
    valid_from: date | None
    valid_until: date | None

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.unit_type.category

    @staticmethod
    def resolve_type(obj):
        return obj.unit_type

    @staticmethod
    def resolve_children_count(obj) -> int:
        return obj.numchild

    @staticmethod
    def resolve_parent_id(obj):
        return getattr(obj, "parent_id", None)


class SuccessionOut(Ref):
    is_default: bool
    effective_on: date


class CommitteeMemberOut(Schema):
    person: str
    position: str
    position_label: str
    title: str


class CommitteeOut(Schema):
    id: int
    name: str
    standing_agency: Ref | None
    decision_number: str
    established_on: date | None
    members: list[CommitteeMemberOut]


class UnitDetail(UnitOut):
    ancestors: list[Ref]
    successors: list[SuccessionOut]
    predecessors: list[SuccessionOut]
    steering_committees: list[CommitteeOut]
    pilot_of: list[Ref]

    @staticmethod
    def resolve_steering_committees(obj):
        # kept apart: `unit.steering_committees` is the reverse relation, which cannot be assigned
        return obj.committees_out


class HistoryEntry(Schema):
    at: datetime
    user: str | None
    action: str
    action_label: str
    reason: str | None
    changes: list[str]


class UnitFilters(Schema):
    within: int | None = None
    kind: str | None = Field(
        None,
        pattern=r"^[-a-zA-Z0-9_]+$",
        description="a category (party, government, front, mass_org, "
        "armed_forces, village) or a unit type code",
    )
    area: int | None = Field(None, ge=1, le=MAX_ID)
    active: bool | None = None
    q: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0)


def _visible_unit(request, unit_id: int) -> Unit:
    unit = visible_units(request.user).select_related("unit_type", "area").filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


def attach_parent_ids(units: list[Unit]) -> None:
    """Set `parent_id` on a page of units with one query."""
    parent_paths = {u.path[: -Unit.steplen] for u in units if u.depth > 1}
    ids = dict(Unit.objects.filter(path__in=parent_paths).values_list("path", "id"))
    for u in units:
        u.parent_id = ids.get(u.path[: -Unit.steplen]) if u.depth > 1 else None


@router.get("", response=Page[UnitOut], summary="Danh sách đơn vị")
def list_units(request, filters: Query[UnitFilters]):
    """Units the caller may see: their granted subtrees and the former units those succeeded."""
    qs = visible_units(request.user).select_related("unit_type", "area")
    if filters.within is not None:
        root = _visible_unit(request, filters.within)
        qs = qs.filter(path__startswith=root.path)
    if filters.kind:
        if filters.kind in UnitCategory.values:
            qs = qs.filter(unit_type__category=filters.kind)
        else:
            qs = qs.filter(unit_type__code=filters.kind)
    if filters.area is not None:
        qs = qs.filter(area_id=filters.area)
    if filters.active is True:
        qs = qs.active(today())
    elif filters.active is False:
        qs = qs.inactive(today())
    if filters.q:
        qs = qs.search(filters.q).order_by("search_rank", "depth", "name_sort")
    count, items = paginate(qs, filters.limit, filters.offset)
    attach_parent_ids(items)
    return {"count": count, "items": items}


@router.get("/{unit_id}", response=UnitDetail, summary="Chi tiết đơn vị")
def get_unit(request, unit_id: int):
    unit = _visible_unit(request, unit_id)
    visible_ids = set(
        visible_units(request.user).filter(path__in=unit.ancestor_paths()).values_list("id", flat=True)
    )
    unit.ancestors = [a for a in unit.ancestors() if a.id in visible_ids]
    attach_parent_ids([unit])
    unit.successors = [
        {
            "id": s.successor_id,
            "name": s.successor.name,
            "is_default": s.is_default,
            "effective_on": s.effective_on,
        }
        for s in unit.successor_links.select_related("successor")
    ]
    unit.predecessors = [
        {
            "id": s.predecessor_id,
            "name": s.predecessor.name,
            "is_default": s.is_default,
            "effective_on": s.effective_on,
        }
        for s in unit.predecessor_links.select_related("predecessor")
    ]
    unit.committees_out = [
        {
            "id": c.id,
            "name": c.name,
            "standing_agency": c.standing_agency,
            "decision_number": c.decision_number,
            "established_on": c.established_on,
            "members": [
                {
                    "person": m.person.full_name,
                    "position": m.position,
                    "position_label": m.get_position_display(),
                    "title": m.title,
                }
                for m in sorted(
                    c.members.all(), key=lambda m: (position_rank(m.position), m.person.full_name)
                )
            ],
        }
        for c in unit.steering_committees.select_related("standing_agency").prefetch_related(
            "members__person"
        )
    ]
    unit.pilot_of = [p.campaign for p in unit.pilots.select_related("campaign")]
    return unit


@router.get("/{unit_id}/history", response=list[HistoryEntry], summary="Lịch sử thay đổi của đơn vị")
def unit_history(request, unit_id: int):
    """Who changed the unit, when, and why (newest first)."""
    from danvan.core.history import history_entries

    unit = _visible_unit(request, unit_id)
    return history_entries(unit)
