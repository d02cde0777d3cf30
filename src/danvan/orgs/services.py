"""Every write users trigger on areas, units, people, grants, committees and pilots.

One function per action: transactional, permission-checked, recorded in history with who and why.
Views and the API call these; they never write to the database directly.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.permissions import Role, forget_grants, granted_paths, is_system_admin, require
from danvan.core.services import ServiceError, with_reason
from danvan.core.text import fold
from danvan.geo.models import VILLAGE_KINDS, Area, AreaLevel, Era
from danvan.orgs.models import (
    POSITION_ORDER,
    Campaign,
    CommitteePosition,
    Grant,
    Person,
    Pilot,
    SteeringCommittee,
    SteeringCommitteeMember,
    Unit,
    UnitSuccession,
)


def position_rank(position: str) -> int:
    return POSITION_ORDER.get(position, len(POSITION_ORDER))


User = get_user_model()


# --- villages ------------------------------------------------------------------------------


def is_current_commune(area: Area) -> bool:
    return area.level == AreaLevel.COMMUNE and area.era == Era.CURRENT and area.is_active()


def can_add_village(user, commune: Area) -> bool:
    """A village may be added under a current commune by an editor of a unit located there
    (or at its province)."""
    if not is_current_commune(commune):
        return False
    if is_system_admin(user):
        return True
    paths = granted_paths(user, "area.add_village")
    if not paths:
        return False
    area_paths = Unit.objects.filter(path__in=paths).values_list("area__path", flat=True)
    return any(commune.path.startswith(p) for p in area_paths)


@transaction.atomic
def add_village(commune: Area, *, name: str, kind: str, actor, reason: str = "") -> Area:
    if not is_current_commune(commune):
        raise ServiceError(_("Villages can be added only to a commune, ward or special zone in force."))
    if not can_add_village(actor, commune):
        raise PermissionDenied(_("You may not add villages to this commune."))
    name = " ".join((name or "").split())
    if kind not in VILLAGE_KINDS:
        raise ServiceError(_("Choose the kind of village or residential group."))
    if not name:
        raise ServiceError(_("Enter the name of the village or residential group."))
    kind_label = dict(Area._meta.get_field("kind").choices)[kind]
    full_name = name if fold(name).startswith(fold(kind_label)) else f"{kind_label} {name}"
    if Area.objects.get_children(commune).filter(name_folded=fold(full_name)).exists():
        raise ServiceError(
            _("%(name)s already exists in %(commune)s.") % {"name": full_name, "commune": commune}
        )
    village = Area(
        era=Era.CURRENT,
        level=AreaLevel.VILLAGE,
        kind=kind,
        name=full_name,
        short_name=full_name[len(kind_label) + 1 :] if full_name.startswith(kind_label + " ") else full_name,
        valid_from=timezone.localdate(),
        created_by=actor,
    )
    with_reason(village, reason or _("Village added"), by=actor)
    return Area.objects.add_child(commune, instance=village)


# --- units -----------------------------------------------------------------------------------


@transaction.atomic
def add_unit(
    parent: Unit, *, name: str, unit_type, area: Area, actor, short_name: str = "", reason: str = ""
) -> Unit:
    require(actor, "unit.add_child", parent)
    name = " ".join((name or "").split())
    if not name:
        raise ServiceError(_("Enter the unit's name."))
    if not area.path.startswith(parent.area.path):
        raise ServiceError(_("A unit's area must lie within its parent unit's area."))
    if Unit.objects.get_children(parent).filter(name_folded=fold(name)).exists():
        raise ServiceError(_("%(name)s already exists under %(parent)s.") % {"name": name, "parent": parent})
    unit = Unit(
        name=name, short_name=short_name, unit_type=unit_type, area=area, valid_from=timezone.localdate()
    )
    with_reason(unit, reason or _("Unit added"), by=actor)
    return Unit.objects.add_child(parent, instance=unit)


UNIT_EDITABLE_FIELDS = ("name", "short_name", "address", "phone", "email", "note")


@transaction.atomic
def update_unit(actor, unit: Unit, *, reason: str = "", **changes) -> Unit:
    """Change a unit's name or contact details (not its place in the tree)."""
    require(actor, "unit.change", unit)
    unknown = set(changes) - set(UNIT_EDITABLE_FIELDS)
    if unknown:
        raise ServiceError(
            _("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(unknown)}
        )
    if "name" in changes:
        changes["name"] = " ".join((changes["name"] or "").split())
        if not changes["name"]:
            raise ServiceError(_("Enter the unit's name."))
        siblings = Unit.objects.filter(path__startswith=unit.path[: -Unit.steplen], depth=unit.depth)
        if siblings.exclude(pk=unit.pk).filter(name_folded=fold(changes["name"])).exists():
            raise ServiceError(
                _("Another unit at this level is already named %(name)s.") % {"name": changes["name"]}
            )
    changed = [field for field, value in changes.items() if getattr(unit, field) != value]
    if not changed:
        return unit
    for field in changed:
        setattr(unit, field, changes[field])
    with_reason(unit, reason or _("Unit details changed"), by=actor)
    unit.save()
    return unit


@transaction.atomic
def close_unit(actor, unit: Unit, *, valid_until, reason: str, successor: Unit | None = None) -> int:
    """End a unit (dissolved or merged into `successor`) together with its subordinate units, which
    cannot outlive it. Nothing is deleted: the units keep their history. Returns how many units
    were closed."""
    require(actor, "unit.change", unit)
    if not (reason or "").strip():
        raise ServiceError(_("Give a reason for ending the unit."))
    if unit.valid_until is not None:
        raise ServiceError(_("This unit has already ended."))
    if unit.valid_from and valid_until < unit.valid_from:
        raise ServiceError(_("A unit cannot end before it began."))
    if successor is not None:
        if successor.pk == unit.pk or successor.path.startswith(unit.path):
            raise ServiceError(_("A unit cannot be merged into itself or one of its subordinate units."))
        if not successor.is_active(valid_until + timedelta(days=1)):
            raise ServiceError(_("The successor must be in force after the end date."))
        require(actor, "unit.view", successor)
    closing = list(Unit.objects.filter(path__startswith=unit.path, valid_until__isnull=True))
    for node in closing:
        node.valid_until = valid_until
        with_reason(node, reason, by=actor)
        node.save(update_fields=["valid_until"])
    if successor is not None:
        link = UnitSuccession(
            predecessor=unit,
            successor=successor,
            is_default=True,
            effective_on=valid_until + timedelta(days=1),
            note=reason[:255],
        )
        with_reason(link, reason, by=actor)
        link.save()
    return len(closing)


# --- users and grants ------------------------------------------------------------------------


def _check_grantable(actor, unit: Unit, role: str) -> None:
    require(actor, "grant.manage", unit)
    if role not in Role.values:
        raise ServiceError(_("Unknown role."))
    # a subtree administrator may appoint administrators only strictly below their own grant
    below_own = any(unit.path.startswith(p) and unit.path != p for p in granted_paths(actor, "grant.manage"))
    if role == Role.SYSTEM_ADMIN and not is_system_admin(actor) and not below_own:
        raise ServiceError(_("You may appoint administrators only for units below your own."))


@transaction.atomic
def add_grant(actor, *, user, role: str, unit: Unit, reason: str = "") -> Grant:
    _check_grantable(actor, unit, role)
    if Grant.objects.active().filter(user=user, role=role, unit=unit).exists():
        raise ServiceError(_("%(user)s already holds this role in %(unit)s.") % {"user": user, "unit": unit})
    grant = Grant(user=user, role=role, unit=unit, granted_by=actor)
    with_reason(grant, reason or _("Role granted"), by=actor)
    grant.save()
    forget_grants(user)
    return grant


@transaction.atomic
def revoke_grant(actor, grant: Grant, *, reason: str) -> Grant:
    require(actor, "grant.manage", grant.unit)
    if grant.revoked_at:
        raise ServiceError(_("This role has already been revoked."))
    if not (reason or "").strip():
        raise ServiceError(_("Give a reason for revoking the role."))
    if grant.user_id == actor.pk and grant.role == Role.SYSTEM_ADMIN and not is_system_admin(actor):
        raise ServiceError(_("You cannot revoke your own administrator role."))
    grant.revoked_at = timezone.now()
    grant.revoked_by = actor
    with_reason(grant, reason, by=actor)
    grant.save()
    forget_grants(grant.user)
    return grant


@transaction.atomic
def create_user(
    actor,
    *,
    username: str,
    full_name: str,
    password: str,
    unit: Unit,
    role: str,
    position: str = "",
    email: str = "",
    reason: str = "",
):
    """Create a login account for a person of `unit`, with a first role there."""
    _check_grantable(actor, unit, role)
    username = (username or "").strip()
    if not username or not full_name.strip():
        raise ServiceError(_("Enter a user name and the person's full name."))
    if User.objects.filter(username__iexact=username).exists():
        raise ServiceError(_("The user name %(name)s is taken.") % {"name": username})
    user = User(username=username, email=email)
    try:
        validate_password(password, user)
    except Exception as exc:  # django.core.exceptions.ValidationError
        raise ServiceError(list(getattr(exc, "messages", [str(exc)]))) from exc
    parts = full_name.strip().split()
    user.first_name, user.last_name = parts[-1], " ".join(parts[:-1])
    user.set_password(password)
    try:
        user.save()
    except IntegrityError as exc:
        raise ServiceError(_("The user name %(name)s is taken.") % {"name": username}) from exc
    person = Person(full_name=full_name.strip(), unit=unit, position=position, email=email, user=user)
    with_reason(person, reason or _("Account created"), by=actor)
    person.save()
    add_grant(actor, user=user, role=role, unit=unit, reason=reason or _("Account created"))
    return user


def users_in_subtree(unit: Unit):
    """Accounts that hold an active grant inside the unit's subtree, or belong to a unit there."""
    from django.db.models import Q

    return (
        User.objects.filter(
            Q(grants__unit__path__startswith=unit.path, grants__revoked_at__isnull=True)
            | Q(person__unit__path__startswith=unit.path)
        )
        .distinct()
        .order_by("username")
    )


# --- steering committees ---------------------------------------------------------------------


@transaction.atomic
def create_steering_committee(
    actor,
    *,
    unit: Unit,
    name: str,
    standing_agency: Unit | None,
    decision_number: str = "",
    established_on=None,
    reason: str = "",
) -> SteeringCommittee:
    require(actor, "steering.change", unit)
    name = " ".join((name or "").split())
    if not name:
        raise ServiceError(_("Enter the committee's name."))
    if standing_agency is not None and not standing_agency.path.startswith(unit.path):
        raise ServiceError(_("The standing agency must be a unit within %(unit)s.") % {"unit": unit})
    committee = SteeringCommittee(
        unit=unit,
        name=name,
        standing_agency=standing_agency,
        decision_number=decision_number,
        established_on=established_on,
    )
    with_reason(committee, reason or _("Steering committee established"), by=actor)
    committee.save()
    return committee


@transaction.atomic
def add_committee_member(
    actor, committee: SteeringCommittee, *, person: Person, position: str, title: str = "", reason: str = ""
) -> SteeringCommitteeMember:
    require(actor, "steering.change", committee.unit)
    if position not in CommitteePosition.values:
        raise ServiceError(_("Choose the member's position."))
    if not person.unit.path.startswith(committee.unit.path):
        # members come from the committee's own level: never a person of an unrelated unit
        raise ServiceError(
            _("%(person)s does not belong to %(unit)s.") % {"person": person, "unit": committee.unit}
        )
    if committee.members.filter(person=person).exists():
        raise ServiceError(_("%(person)s is already a member.") % {"person": person})
    if (
        position == CommitteePosition.HEAD
        and committee.members.filter(position=CommitteePosition.HEAD).exists()
    ):
        raise ServiceError(_("The committee already has a head; change the current head first."))
    member = SteeringCommitteeMember(committee=committee, person=person, position=position, title=title)
    with_reason(member, reason or _("Member added"), by=actor)
    member.save()
    return member


@transaction.atomic
def remove_committee_member(actor, member: SteeringCommitteeMember, *, reason: str) -> None:
    require(actor, "steering.change", member.committee.unit)
    if not (reason or "").strip():
        raise ServiceError(_("Give a reason for removing the member."))
    with_reason(member, reason, by=actor)
    member.delete()


@transaction.atomic
def add_person(
    actor,
    *,
    unit: Unit,
    full_name: str,
    position: str = "",
    phone: str = "",
    email: str = "",
    reason: str = "",
) -> Person:
    require(actor, "person.change", unit)
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise ServiceError(_("Enter the person's full name."))
    person = Person(unit=unit, full_name=full_name, position=position, phone=phone, email=email)
    with_reason(person, reason or _("Person added"), by=actor)
    person.save()
    return person


# --- campaigns and pilots ----------------------------------------------------------------------


@transaction.atomic
def create_campaign(
    actor, *, issuing_unit: Unit, name: str, start_date, end_date, description: str = "", reason: str = ""
) -> Campaign:
    require(actor, "campaign.change", issuing_unit)
    if not (name or "").strip():
        raise ServiceError(_("Enter the campaign's name."))
    if end_date < start_date:
        raise ServiceError(_("The end date must not be before the start date."))
    campaign = Campaign(
        issuing_unit=issuing_unit,
        name=name.strip(),
        start_date=start_date,
        end_date=end_date,
        description=description,
    )
    with_reason(campaign, reason or _("Campaign launched"), by=actor)
    campaign.save()
    return campaign


@transaction.atomic
def designate_pilot(actor, *, campaign: Campaign, unit: Unit, note: str = "", reason: str = "") -> Pilot:
    require(actor, "pilot.change", campaign.issuing_unit)
    if not unit.path.startswith(campaign.issuing_unit.path):
        raise ServiceError(
            _("A pilot must be a unit within %(unit)s, which launched the campaign.")
            % {"unit": campaign.issuing_unit}
        )
    if Pilot.objects.filter(campaign=campaign, unit=unit).exists():
        raise ServiceError(_("%(unit)s is already a pilot of this campaign.") % {"unit": unit})
    pilot = Pilot(campaign=campaign, unit=unit, note=note)
    with_reason(pilot, reason or _("Pilot designated"), by=actor)
    pilot.save()
    return pilot


@transaction.atomic
def remove_pilot(actor, pilot: Pilot, *, reason: str) -> None:
    require(actor, "pilot.change", pilot.campaign.issuing_unit)
    if not (reason or "").strip():
        raise ServiceError(_("Give a reason for removing the pilot."))
    with_reason(pilot, reason, by=actor)
    pilot.delete()
