from django.conf import settings

from danvan.accounts.current import switchable_units
from danvan.core.permissions import can


def shell(request):
    """What the layout needs: the current unit, its path (breadcrumbs) and the switcher."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)}
    unit = getattr(request, "current_unit", None)
    unit = unit if unit else None
    return {
        "current_unit": unit,
        "current_unit_path": (unit.ancestors() + [unit]) if unit else [],
        "switchable_units": switchable_units(user),
        "can_manage_users": bool(unit) and can(user, "user.manage", unit),
    }
