"""Reading hot spots ("điểm nóng") and checking a declaration, for the pages, the API and
`services.declare_hot_spot` (which writes them).

A hot spot is declared for a commune or ward in force (the area) by a unit responsible for it —
the area must lie under the unit's own area: a ward's units declare their ward, the city's any of
its communes and wards — and may list the petitions about that area that made it one. Only one
episode of an area is active at a time; the cleared ones are its history.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext as _

from danvan.core.permissions import can_anywhere, granted_paths, is_system_admin, scope_q
from danvan.core.services import ServiceError
from danvan.geo.models import Area, AreaLevel, Era
from danvan.orgs.models import Unit
from danvan.petitions.models import HotSpot, HotSpotStatus, Petition
from danvan.petitions.workflow import OPEN

VIEW = "petitions.view"
DECLARE = "petitions.hotspot"
MAX_LINKED = 200


def visible_hot_spots(user):
    """The hot spots whose responsible unit lies in the user's subtrees for `petitions.view`."""
    return HotSpot.objects.filter(scope_q(user, VIEW, "unit__path"))


def active_first(queryset):
    """Active episodes first, then the cleared ones; the latest declared first in each."""
    return queryset.annotate(
        _cleared=Case(
            When(status=HotSpotStatus.ACTIVE, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    ).order_by("_cleared", "-declared_on", "-pk")


def declaring_units(user, on: date | None = None):
    """The units in force in which the user may declare and clear hot spots."""
    return Unit.objects.active(on).filter(scope_q(user, DECLARE, "path"))


def can_declare(user) -> bool:
    return can_anywhere(user, DECLARE)


def _roots(user, current: Unit | None, on: date | None) -> list[Unit]:
    """The top units of the user's hot spot rights (for a system administrator: the current unit,
    else the top-level units)."""
    if is_system_admin(user):
        if current is not None:
            return [current]
        return list(Unit.objects.active(on).filter(depth=1).select_related("area"))
    return list(Unit.objects.active(on).filter(path__in=granted_paths(user, DECLARE)).select_related("area"))


def declarable_areas(user, current: Unit | None = None, on: date | None = None):
    """The communes and wards in force the user may declare a hot spot for: those under the areas
    of the units of their rights."""
    roots = _roots(user, current, on)
    if not roots:
        return Area.objects.none()
    q = Q()
    for base in {_base_area(unit).path for unit in roots}:
        q |= Q(path__startswith=base)
    return Area.objects.filter(q, level=AreaLevel.COMMUNE, era=Era.CURRENT).active(on).order_by("name_sort")


def responsible_units(user, area: Area | None, on: date | None = None):
    """The units in force that may be made responsible for a hot spot of `area` by the user: of
    that commune or above it (by their area), in the user's rights: the commune's own units first
    (its Party committee, then the units under it), then those of the levels above."""
    if area is None:
        return Unit.objects.none()
    paths = [area.path[:i] for i in range(len(area.path), 0, -Area.steplen)]
    return (
        declaring_units(user, on).filter(area__path__in=paths).order_by("-area__depth", "depth", "name_sort")
    )


def _base_area(unit: Unit) -> Area:
    """The area whose communes a unit may declare: its own, or the commune of a village's unit."""
    area = unit.area
    if area.level == AreaLevel.VILLAGE and area.depth > 1:
        return area.parent_area()
    return area


def areas_under(unit: Unit, on: date | None = None):
    """The communes and wards in force under the unit's area: the areas it may declare."""
    base = _base_area(unit)
    return (
        Area.objects.filter(path__startswith=base.path, level=AreaLevel.COMMUNE, era=Era.CURRENT)
        .active(on)
        .order_by("name_sort")
    )


def check_area(area: Area, unit: Unit, on: date) -> None:
    """ServiceError unless `area` is a commune or ward in force under `unit`, itself in force."""
    if not unit.is_active(on):
        raise ServiceError(_("Choose a responsible unit in force today."))
    if area is None or area.level != AreaLevel.COMMUNE or area.is_legacy or not area.is_active(on):
        raise ServiceError(_("Choose a commune or ward in force today."))
    if not area.path.startswith(_base_area(unit).path):
        raise ServiceError(
            _("%(area)s is not within the area of %(unit)s.") % {"area": area.name, "unit": unit.name}
        )


def linkable(user, area: Area, petitions: Iterable) -> list[Petition]:
    """The petitions (objects or ids) to link to a hot spot of `area`: each must be one the user
    may see, about that area (or a village of it); ServiceError naming any that is not."""
    wanted = []
    for item in petitions or ():
        pk = getattr(item, "pk", item)
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            raise ServiceError(_("Choose petitions about this area.")) from None
        if pk not in wanted:
            wanted.append(pk)
    if not wanted:
        return []
    if len(wanted) > MAX_LINKED:
        raise ServiceError(_("At most %(n)s petitions can be linked.") % {"n": MAX_LINKED})
    from danvan.petitions.services import visible_petitions

    found = list(
        visible_petitions(user).filter(pk__in=wanted, area__path__startswith=area.path).order_by("pk")
    )
    missing = sorted(set(wanted) - {p.pk for p in found})
    if missing:
        raise ServiceError(
            _("These petitions are not about %(area)s or are not yours to see: %(ids)s.")
            % {"area": area.name, "ids": ", ".join(str(pk) for pk in missing)}
        )
    return found


def petitions_of(user, area: Area, limit: int = 100):
    """The petitions the user may see about the area (open ones first): what a declaration may link."""
    from danvan.petitions.services import visible_petitions

    return (
        visible_petitions(user)
        .filter(area__path__startswith=area.path)
        .annotate(
            _closed=Case(
                When(status__in=list(OPEN), then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("_closed", "-received_on", "-pk")[:limit]
    )
