from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from pydantic import Field

from danvan.core.api import DEFAULT_LIMIT, MAX_LIMIT, Page, paginate
from danvan.core.models import today
from danvan.geo.models import Area, AreaLevel, Era

router = Router(tags=["areas"])


class AreaRef(Schema):
    id: int
    name: str
    level: AreaLevel


class SuccessionRef(AreaRef):
    is_default: bool


class AreaOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    level: AreaLevel
    kind: str
    kind_label: str
    era: Era
    active: bool
    valid_from: date | None
    valid_until: date | None
    latitude: float | None
    longitude: float | None
    area_km2: float | None
    depth: int
    children_count: int

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_children_count(obj) -> int:
        return obj.numchild


class AreaDetail(AreaOut):
    parent: AreaRef | None
    ancestors: list[AreaRef]
    successors: list[SuccessionRef]
    predecessors: list[SuccessionRef]


class AreaFilters(Schema):
    level: AreaLevel | None = None
    active: bool | None = None
    parent: int | None = None
    q: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0)


@router.get("", response=Page[AreaOut], summary="Danh sách địa bàn hành chính")
def list_areas(request, filters: Query[AreaFilters]):
    """Provinces, (former) districts, communes and villages; reference data every user may read."""
    qs = Area.objects.all()
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.active is True:
        qs = qs.active(today())
    elif filters.active is False:
        qs = qs.inactive(today())
    if filters.parent is not None:
        parent = get_object_or_404(Area, pk=filters.parent)
        qs = qs.filter(path__startswith=parent.path, depth=parent.depth + 1)
    if filters.q:
        qs = qs.search(filters.q).order_by("search_rank", "depth", "name_sort")
    count, items = paginate(qs, filters.limit, filters.offset)
    return {"count": count, "items": items}


@router.get("/{area_id}", response=AreaDetail, summary="Chi tiết địa bàn")
def get_area(request, area_id: int):
    area = get_object_or_404(Area, pk=area_id)
    area.ancestors = area.ancestors()
    area.parent = area.ancestors[-1] if area.ancestors else None
    area.successors = [
        {
            "id": link.successor_id,
            "name": link.successor.name,
            "level": link.successor.level,
            "is_default": link.is_default,
        }
        for link in area.successor_links.select_related("successor").order_by(
            "-is_default", "successor__name_sort"
        )
    ]
    area.predecessors = [
        {
            "id": link.predecessor_id,
            "name": link.predecessor.name,
            "level": link.predecessor.level,
            "is_default": link.is_default,
        }
        for link in area.predecessor_links.select_related("predecessor").order_by("predecessor__name_sort")
    ]
    return area
