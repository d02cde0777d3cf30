"""Units offered in the selects of list pages."""

from __future__ import annotations

from danvan.core.permissions import scope_q
from danvan.orgs.models import Unit


def within_choices(user, current: Unit | None, selected: Unit | None, action: str) -> list[Unit]:
    """The units a list's `within` filter offers: the current unit, its direct subordinates in
    force where the user may do `action`, and the unit already chosen (wherever it is)."""
    units: list[Unit] = []
    if current is not None:
        units.append(current)
        units += list(
            Unit.objects.filter(path__startswith=current.path, depth=current.depth + 1)
            .filter(scope_q(user, action, "path"))
            .active()
            .order_by("name_sort")
        )
    if selected is not None and all(u.pk != selected.pk for u in units):
        units.append(selected)
    return units
