from django.conf import settings

from danvan.accounts.current import switchable_units
from danvan.core.permissions import can, can_anywhere, visible_units


def shell(request):
    """What the layout needs: the current unit, its path (breadcrumbs) and the switcher."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)}
    unit = getattr(request, "current_unit", None)
    unit = unit if unit else None
    path = []
    if unit:
        # ancestors are shown for orientation; only those the user may open are links
        path = unit.ancestors() + [unit]
        seen = set(visible_units(user).filter(path__in=[u.path for u in path]).values_list("pk", flat=True))
        for node in path:
            node.visible = node.pk in seen
    return {
        "current_unit": unit,
        "current_unit_path": path,
        "switchable_units": switchable_units(user),
        "can_manage_users": bool(unit) and can(user, "user.manage", unit),
        "can_see_petitions": can_anywhere(user, "petitions.view"),
    }
