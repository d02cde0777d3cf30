"""The hot spot API, mounted at /api/v1/petitions/hot-spots (before the petitions router, so that
"hot-spots" is never read as a petition id).

* `GET /petitions/hot-spots` (filters `within`, `status`, `area`; active first), `GET /{id}`,
  `GET /{id}/history`;
* `POST /petitions/hot-spots` — declare (`area`, `unit`, `reason`, `petitions`);
* `POST /petitions/hot-spots/{id}/clear` — clear (`reason`).

Thin: reads go through `hotspots.visible_hot_spots` (a hot spot the caller may not see does not
exist for them: 404); writes call `services.declare_hot_spot` and `services.clear_hot_spot`, which
check `petitions.hotspot` (403) and refuse bad input with a Vietnamese `detail` (400). Linked
petitions are listed by code, kind, subject and status — never who lodged them — and only those
the caller may see."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.responses import Status as Reply
from pydantic import AfterValidator
from pydantic import Field as Param

from danvan.core.api import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, Page, paginate
from danvan.core.api import invalid as _invalid
from danvan.core.api import no_nul as _no_nul
from danvan.core.history import history_entries
from danvan.core.permissions import can, visible_units
from danvan.geo.models import Area
from danvan.orgs.api import HistoryEntry
from danvan.orgs.models import Unit
from danvan.petitions import hotspots, services
from danvan.petitions.models import HotSpot, HotSpotStatus

router = Router(tags=["Điểm nóng"])


Id = Annotated[int, Param(ge=1, le=MAX_ID)]
Text = Annotated[str, Param(max_length=services.MAX_TEXT), AfterValidator(_no_nul)]


class Ref(Schema):
    id: int
    name: str


class PetitionRef(Schema):
    id: int
    code: str
    kind: str
    subject: str
    status: str
    unit: Ref


class HotSpotOut(Schema):
    id: int
    area: Ref = Param(description="the commune or ward")
    unit: Ref = Param(description="the responsible unit")
    status: HotSpotStatus
    status_label: str
    declared_on: dt.date
    reason: str
    cleared_on: dt.date | None
    cleared_reason: str
    petition_count: int = Param(
        description="petitions linked (including those of units the caller may not see)"
    )
    can_clear: bool


class HotSpotDetail(HotSpotOut):
    petitions: list[PetitionRef] = Param(description="the linked petitions the caller may see")
    episodes: list[HotSpotOut] = Param(description="every episode of the same area the caller may see")


class HotSpotFilters(Schema):
    within: Id | None = Param(None, description="a unit: hot spots it or a unit under it is responsible for")
    status: HotSpotStatus | None = None
    area: Id | None = Param(None, description="a commune or ward: its episodes")
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0, le=MAX_ID)


class DeclareIn(Schema):
    area: Id = Param(description="a commune or ward in force within the responsible unit's area")
    unit: Id = Param(description="the responsible unit")
    reason: Text = Param(description="why it is a hot spot")
    petitions: list[Id] = Param(default_factory=list, max_length=hotspots.MAX_LINKED)


class ClearIn(Schema):
    reason: Text = Param(description="how it was resolved")


class HistoryOut(Schema):
    changes: list[HistoryEntry]


def _ref(obj) -> dict:
    return {"id": obj.pk, "name": obj.name}


def _out(request, spot: HotSpot) -> dict:
    return {
        "id": spot.pk,
        "area": _ref(spot.area),
        "unit": _ref(spot.unit),
        "status": spot.status,
        "status_label": spot.get_status_display(),
        "declared_on": spot.declared_on,
        "reason": spot.reason,
        "cleared_on": spot.cleared_on,
        "cleared_reason": spot.cleared_reason,
        "petition_count": getattr(spot, "petition_count", 0),
        "can_clear": spot.status == HotSpotStatus.ACTIVE and can(request.user, hotspots.DECLARE, spot),
    }


def _spots(user):
    return (
        hotspots.visible_hot_spots(user)
        .select_related("area", "unit")
        .annotate(petition_count=Count("petitions"))
    )


def _spot(request, spot_id: int) -> HotSpot:
    if not 1 <= spot_id <= MAX_ID:
        raise Http404
    spot = _spots(request.user).filter(pk=spot_id).first()
    if spot is None:
        raise Http404
    return spot


def _detail(request, spot: HotSpot) -> dict:
    user = request.user
    petitions = (
        spot.petitions.filter(pk__in=services.visible_petitions(user).values("pk"))
        .select_related("unit")
        .order_by("-received_on", "-pk")
    )
    episodes = hotspots.active_first(_spots(user).filter(area_id=spot.area_id))
    return {
        **_out(request, spot),
        "petitions": [
            {
                "id": p.pk,
                "code": p.code,
                "kind": p.kind,
                "subject": p.subject,
                "status": p.status,
                "unit": _ref(p.unit),
            }
            for p in petitions
        ],
        "episodes": [_out(request, e) for e in episodes],
    }


@router.get("", response=Page[HotSpotOut], summary="Danh sách điểm nóng")
def list_hot_spots(request, params: Query[HotSpotFilters]):
    """Hot spots whose responsible unit the caller may see; active ones first, then the cleared
    ones, the latest declared first."""
    qs = _spots(request.user)
    if params.within is not None:
        within = visible_units(request.user, hotspots.VIEW).filter(pk=params.within).first()
        if within is None:
            raise Http404
        qs = qs.filter(unit__path__startswith=within.path)
    if params.status is not None:
        qs = qs.filter(status=params.status)
    if params.area is not None:
        qs = qs.filter(area_id=params.area)
    count, items = paginate(hotspots.active_first(qs), params.limit, params.offset)
    return {"count": count, "items": [_out(request, s) for s in items]}


@router.post("", response={201: HotSpotDetail}, summary="Công bố điểm nóng")
def declare(request, payload: DeclareIn):
    """Declares a commune or ward a hot spot (one active episode per area), with the unit
    responsible for it — the area must lie within the unit's area — and, optionally, the petitions
    about that area that made it one."""
    area = Area.objects.filter(pk=payload.area).first()
    if area is None:
        raise _invalid("body", "area", _("Choose a commune or ward in force today."))
    unit = Unit.objects.filter(pk=payload.unit).first()  # the service checks the right to declare in it
    if unit is None:
        raise _invalid("body", "unit", _("Choose a unit in which you may declare hot spots."))
    spot = services.declare_hot_spot(
        area, unit, reason=payload.reason, actor=request.user, petitions=payload.petitions
    )
    return Reply(201, _detail(request, _spot(request, spot.pk)))


@router.get("/{spot_id}", response=HotSpotDetail, summary="Một điểm nóng")
def get_hot_spot(request, spot_id: int):
    """The episode, the linked petitions the caller may see, and every episode of its area."""
    return _detail(request, _spot(request, spot_id))


@router.post("/{spot_id}/clear", response=HotSpotDetail, summary="Gỡ điểm nóng")
def clear(request, spot_id: int, payload: ClearIn):
    """Clears an active hot spot, saying how it was resolved."""
    spot = _spot(request, spot_id)
    services.clear_hot_spot(spot, reason=payload.reason, actor=request.user)
    return _detail(request, _spot(request, spot_id))


@router.get("/{spot_id}/history", response=HistoryOut, summary="Lịch sử của điểm nóng")
def history(request, spot_id: int):
    """Who declared, changed and cleared the episode, when and why."""
    return {"changes": history_entries(_spot(request, spot_id))}
