"""The unit a user is currently working in (chosen with the unit switcher)."""

from django.utils.functional import SimpleLazyObject

from danvan.core.permissions import grants_of, is_system_admin

SESSION_KEY = "danvan_current_unit"


def switchable_units(user):
    """The units the user holds grants on, shallowest first (the unit switcher's choices)."""
    from danvan.orgs.models import Unit

    cached = getattr(user, "_danvan_switchable", None)
    if cached is not None:
        return cached
    unit_ids = {g.unit_id for g in grants_of(user)}
    qs = Unit.objects.select_related("unit_type", "area")
    if not unit_ids and is_system_admin(user):
        units = list(qs.filter(depth=1).active().order_by("name_sort"))
    else:
        units = list(qs.filter(pk__in=unit_ids).order_by("depth", "name_sort"))
    user._danvan_switchable = units
    return units


def resolve_current_unit(request):
    user = request.user
    if not user.is_authenticated:
        return None
    choices = switchable_units(user)
    if not choices:
        return None
    wanted = request.session.get(SESSION_KEY)
    return next((u for u in choices if u.pk == wanted), choices[0])


def set_current_unit(request, unit) -> None:
    request.session[SESSION_KEY] = unit.pk


def lazy_current_unit(request):
    return SimpleLazyObject(lambda: resolve_current_unit(request))
