"""The one permission policy of danvan.

A grant is (user, role, unit) and covers the unit's whole subtree. Every page, API endpoint and
queryset asks this module, never the grant table directly:

* ``can(user, action, obj)`` — may this user do this action on this object?
* ``scope_q(user, action, path_field)`` — a filter selecting the objects they may act on;
* ``visible_units(user)`` — the units (and their former predecessors) the user may see.

Objects are placed in the tree by the unit that owns them: a ``Unit`` is its own scope; any
other object exposes ``scope_unit``. Django superusers are system administrators everywhere.
The grants of a user are read once per request and cached on the user object.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    STANDING_AGENCY_OFFICER = "standing_agency_officer", _("Standing-agency officer")
    UNIT_OFFICER = "unit_officer", _("Unit officer")
    COUNCIL_MEMBER = "council_member", _("Appraisal council member")
    LEADER = "leader", _("Leader")
    PETITION_HANDLER = "petition_handler", _("Petition handler")


ALL_ROLES = frozenset(Role)
EDITORS = frozenset({Role.SYSTEM_ADMIN, Role.STANDING_AGENCY_OFFICER, Role.UNIT_OFFICER})
STANDING = frozenset({Role.SYSTEM_ADMIN, Role.STANDING_AGENCY_OFFICER})

# action -> the roles whose grants allow it (within the granted unit's subtree)
ACTIONS: dict[str, frozenset[Role]] = {
    "unit.view": ALL_ROLES,
    "unit.change": STANDING,
    "unit.add_child": STANDING,
    "area.add_village": EDITORS,
    "person.view": ALL_ROLES,
    "person.change": EDITORS,
    "steering.change": STANDING,
    "campaign.change": STANDING,
    "pilot.change": STANDING,
    "initiative.view": ALL_ROLES,
    "initiative.change": EDITORS,
    "initiative.review": STANDING,
    # appraisal: the standing agency of a level runs rounds and criteria sets; council members score
    "appraisal.view": ALL_ROLES,
    "appraisal.manage": STANDING,
    "appraisal.score": frozenset({Role.SYSTEM_ADMIN, Role.COUNCIL_MEMBER}),
    # funding: a unit's officers record what it spends; the money a unit is given (allocations) is
    # recorded by the standing agency of a level above it, or its own, and by administrators
    "funding.view": ALL_ROLES,
    "funding.change": EDITORS,
    "funding.allocate": STANDING,
    # training (R10): a unit plans and records the sessions it organizes
    "training.view": ALL_ROLES,
    "training.change": EDITORS,
    # targets and scorecards (R5): the standing agency of a level sets them and records milestones;
    # a unit's officers report its rates; everyone sees the targets that apply to their units
    "targets.view": ALL_ROLES,
    "targets.manage": STANDING,
    "targets.report": EDITORS,
    # periodic reports (R6): a unit's officers write its report; the standing agency of the unit
    # that asks for reports sets the regimes, opens periods, returns and accepts the reports
    "reports.view": ALL_ROLES,
    "reports.prepare": EDITORS,
    "reports.review": STANDING,
    "reports.manage": STANDING,
    # citizens' petitions (R8): officers record what they receive; handlers of the competent unit
    # accept, refuse, forward and resolve; leaders assign denunciations and, with the assigned
    # handler, are the only ones who see a denouncer's identity (`petitions.decide`, which no
    # system-administrator bypass reaches: see danvan.petitions.services.can_see_identity)
    "petitions.view": frozenset(
        {
            Role.SYSTEM_ADMIN,
            Role.STANDING_AGENCY_OFFICER,
            Role.UNIT_OFFICER,
            Role.LEADER,
            Role.PETITION_HANDLER,
        }
    ),
    "petitions.record": frozenset(
        {
            Role.SYSTEM_ADMIN,
            Role.STANDING_AGENCY_OFFICER,
            Role.UNIT_OFFICER,
            Role.LEADER,
            Role.PETITION_HANDLER,
        }
    ),
    "petitions.handle": frozenset({Role.SYSTEM_ADMIN, Role.LEADER, Role.PETITION_HANDLER}),
    "petitions.assign": frozenset({Role.SYSTEM_ADMIN, Role.LEADER, Role.PETITION_HANDLER}),
    "petitions.decide": frozenset({Role.LEADER}),
    "petitions.hotspot": frozenset({Role.SYSTEM_ADMIN, Role.STANDING_AGENCY_OFFICER, Role.LEADER}),
    # citizen reception and dialogues (#7): the heads' schedules, sessions, dialogues, commitments
    "reception.view": ALL_ROLES,
    "reception.manage": frozenset(
        {
            Role.SYSTEM_ADMIN,
            Role.STANDING_AGENCY_OFFICER,
            Role.UNIT_OFFICER,
            Role.LEADER,
            Role.PETITION_HANDLER,
        }
    ),
    "user.manage": frozenset({Role.SYSTEM_ADMIN}),
    "grant.manage": frozenset({Role.SYSTEM_ADMIN}),
}


class UnknownAction(KeyError):
    pass


@dataclass(frozen=True)
class GrantView:
    role: str
    unit_id: int
    path: str


def _roles_for(action: str) -> frozenset[Role]:
    try:
        return ACTIONS[action]
    except KeyError as exc:
        raise UnknownAction(action) from exc


def is_system_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def grants_of(user) -> list[GrantView]:
    """The user's active grants, read once per user object (one query)."""
    if not (user and user.is_authenticated and user.is_active):
        return []
    cached = getattr(user, "_danvan_grants", None)
    if cached is None:
        from danvan.orgs.models import Grant

        cached = [
            GrantView(role, unit_id, path)
            for role, unit_id, path in Grant.objects.active()
            .filter(user=user)
            .values_list("role", "unit_id", "unit__path")
        ]
        user._danvan_grants = cached
    return cached


def forget_grants(user) -> None:
    """Drop the per-object cache after the user's grants changed."""
    if hasattr(user, "_danvan_grants"):
        del user._danvan_grants


def granted_paths(user, action: str) -> list[str]:
    """Unit paths whose subtrees the user may perform `action` in, without nested duplicates."""
    roles = _roles_for(action)
    paths = sorted({g.path for g in grants_of(user) if g.role in roles})
    minimal: list[str] = []
    for path in paths:  # sorted, so an ancestor comes before its descendants
        if not any(path.startswith(kept) for kept in minimal):
            minimal.append(path)
    return minimal


def scope_path(obj) -> str:
    """The unit path that owns an object."""
    from danvan.orgs.models import Unit

    if isinstance(obj, Unit):
        return obj.path
    unit = obj.scope_unit
    return unit.path if unit is not None else ""


def can(user, action: str, obj) -> bool:
    """May `user` perform `action` on `obj` (a unit or an object with `scope_unit`)?"""
    _roles_for(action)
    if is_system_admin(user):
        return True
    path = scope_path(obj)
    return bool(path) and any(path.startswith(p) for p in granted_paths(user, action))


def require(user, action: str, obj) -> None:
    if not can(user, action, obj):
        raise PermissionDenied(_("You do not have permission to do this here."))


def can_anywhere(user, action: str) -> bool:
    """May the user perform `action` somewhere (e.g. to show a menu entry)?"""
    return is_system_admin(user) or bool(granted_paths(user, action))


def scope_q(user, action: str, path_field: str = "path") -> Q:
    """A filter for the objects whose owning unit path lies in the user's subtrees for `action`."""
    if is_system_admin(user):
        return Q()
    paths = granted_paths(user, action)
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for path in paths:
        q |= Q(**{f"{path_field}__startswith": path})
    return q


def visible_units(user, action: str = "unit.view", queryset=None):
    """Units in the user's subtrees, plus the former units they succeeded (their history)."""
    from danvan.orgs.models import Unit, UnitSuccession

    qs = Unit.objects.all() if queryset is None else queryset
    if is_system_admin(user):
        return qs
    paths = granted_paths(user, action)
    if not paths:
        return qs.none()
    inside = scope_q(user, action, "path")
    # the former units are read first (once per request and action): an `OR EXISTS (…)` kept the
    # planners from using the path's index range, so every look-up scanned all units
    cache = user.__dict__.setdefault("_danvan_former_units", {})
    if action not in cache:
        cache[action] = sorted(
            set(
                UnitSuccession.objects.filter(scope_q(user, action, "successor__path")).values_list(
                    "predecessor", flat=True
                )
            )
        )
    former = cache[action]
    return qs.filter(inside | Q(pk__in=former)) if former else qs.filter(inside)


def can_see_unit(user, unit) -> bool:
    """May the user open this unit (in their subtrees, or a former unit they succeeded)?"""
    if can(user, "unit.view", unit):
        return True
    return visible_units(user).filter(pk=unit.pk).exists()
