from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.history import history_entries
from danvan.core.models import today
from danvan.core.permissions import Role, can, can_see_unit, grants_of, require, visible_units
from danvan.core.services import ServiceError
from danvan.core.text import fold
from danvan.core.views import fail as _fail
from danvan.core.views import form_errors as _form_errors
from danvan.orgs import services
from danvan.orgs.forms import (
    CloseUnitForm,
    CommitteeMemberForm,
    GrantForm,
    PersonForm,
    PilotForm,
    RevokeForm,
    SteeringCommitteeForm,
    UnitEditForm,
    UnitForm,
    UserCreateForm,
)
from danvan.orgs.models import (
    Campaign,
    Grant,
    Person,
    Pilot,
    SteeringCommittee,
    SteeringCommitteeMember,
    Unit,
    UnitCategory,
)

PAGE_SIZE = 50


def visible_unit_or_404(user, unit_id: int) -> Unit:
    unit = visible_units(user).select_related("unit_type", "area").filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


def seen_or_404(user, *units: Unit) -> None:
    """An object of units the user cannot see does not exist for them (404, as for the units)."""
    if not any(can_see_unit(user, unit) for unit in units):
        raise Http404


@login_required
def home(request):
    unit = request.current_unit or None
    context = {"nav": "home", "unit": unit, "my_grants": []}
    names = {}
    grants = grants_of(request.user)
    if grants:
        names = dict(Unit.objects.filter(pk__in={g.unit_id for g in grants}).values_list("id", "name"))
    labels = dict(Role.choices)
    context["my_grants"] = [(labels[g.role], g.unit_id, names.get(g.unit_id, "")) for g in grants]
    if unit:
        subtree = Unit.objects.filter(path__startswith=unit.path).exclude(pk=unit.pk).active(today())
        # order_by(): treebeard orders by path, which would split the GROUP BY into one row per unit
        by_category = dict(subtree.order_by().values_list("unit_type__category").annotate(n=Count("id")))
        context["category_counts"] = [
            (label, by_category.get(value, 0)) for value, label in UnitCategory.choices
        ]
        context["subtree_total"] = sum(by_category.values())
        context["children"] = Unit.objects.get_children(unit).select_related("unit_type").active(today())[:12]
        context["children_total"] = unit.numchild
        context["committees"] = (
            SteeringCommittee.objects.filter(unit__path__startswith=unit.path, dissolved_on__isnull=True)
            .select_related("unit", "standing_agency")
            .order_by("unit__depth", "name")[:5]
        )
        context["pilots"] = (
            Pilot.objects.filter(unit__path__startswith=unit.path)
            .select_related("unit", "campaign")
            .order_by("-campaign__start_date", "unit__name_sort")[:10]
        )
    return render(request, "orgs/home.html", context)


@login_required
def unit_detail(request, unit_id: int):
    unit = visible_unit_or_404(request.user, unit_id)
    in_scope = can(request.user, "unit.view", unit)
    visible_ancestor_ids = set(
        visible_units(request.user).filter(path__in=unit.ancestor_paths()).values_list("id", flat=True)
    )
    children = (
        Unit.objects.get_children(unit)
        .select_related("unit_type")
        .order_by("unit_type__sort_order", "name_sort")
    )
    page = Paginator(children, PAGE_SIZE).get_page(request.GET.get("page"))
    people = unit.people.select_related("user").order_by("full_name")
    committees = unit.steering_committees.select_related("standing_agency").prefetch_related(
        Prefetch("members", queryset=SteeringCommitteeMember.objects.select_related("person"))
    )
    committee_list = []
    for c in committees:
        members = sorted(
            c.members.all(), key=lambda m: (services.position_rank(m.position), m.person.full_name)
        )
        committee_list.append((c, members))
    can_steer = can(request.user, "steering.change", unit)
    context = {
        "nav": "unit",
        "unit": unit,
        "in_scope": in_scope,
        "ancestors": [a for a in unit.ancestors() if a.id in visible_ancestor_ids],
        "page": page,
        "people": people[:200],
        "people_total": people.count(),
        "committees": committee_list,
        "successors": unit.successor_links.select_related("successor"),
        "predecessors": unit.predecessor_links.select_related("predecessor"),
        "pilots": unit.pilots.select_related("campaign", "campaign__issuing_unit"),
        "campaigns": unit.campaigns.all(),
        "can_change_people": can(request.user, "person.change", unit),
        "can_steer": can_steer,
        "can_manage_users_here": can(request.user, "user.manage", unit),
        "person_form": PersonForm(),
    }
    if can_steer:
        context["committee_form"] = SteeringCommitteeForm(agencies=_agency_choices(unit))
        context["member_form"] = CommitteeMemberForm(people=_people_choices(unit))
    if can(request.user, "unit.add_child", unit) and unit.active:
        context["unit_form"] = UnitForm(areas=_child_area_choices(unit))
    if can(request.user, "unit.change", unit):
        context["can_change_unit"] = True
        if unit.active:
            context["close_form"] = CloseUnitForm(successors=_successor_choices(unit))
    pilot_campaigns = _pilot_campaigns(request.user, unit)
    if pilot_campaigns is not None:
        context["pilot_form"] = PilotForm(campaigns=pilot_campaigns)
    return render(request, "orgs/unit_detail.html", context)


def _child_area_choices(unit: Unit):
    """A subordinate unit sits in the parent's area or one directly below it (commune, village)."""
    from danvan.geo.models import Area

    area = unit.area
    return (
        Area.objects.filter(Q(pk=area.pk) | Q(path__startswith=area.path, depth=area.depth + 1))
        .active(today())
        .order_by("depth", "name_sort")
    )


def _successor_choices(unit: Unit):
    """Units a unit can merge into: its parent and the parent's other subordinate units in force."""
    if unit.depth == 1:
        return Unit.objects.filter(depth=1).exclude(pk=unit.pk).active(today()).order_by("name_sort")
    parent_path = unit.path[: -Unit.steplen]
    return (
        Unit.objects.filter(Q(path=parent_path) | Q(path__startswith=parent_path, depth=unit.depth))
        .exclude(pk=unit.pk)
        .active(today())
        .order_by("depth", "name_sort")
    )


def _agency_choices(unit: Unit):
    return Unit.objects.filter(
        path__startswith=unit.path, depth__lte=unit.depth + 1, unit_type__can_be_standing_agency=True
    ).order_by("path")


def _people_choices(unit: Unit):
    """People of the unit and its direct sub-units (committee members come from the level)."""
    return (
        Person.objects.filter(unit__path__startswith=unit.path, unit__depth__lte=unit.depth + 1)
        .select_related("unit")
        .order_by("full_name")
    )


def _pilot_campaigns(user, unit: Unit):
    """Campaigns launched above or at the unit that the user may designate pilots for."""
    campaigns = Campaign.objects.filter(
        issuing_unit__path__in=[*unit.ancestor_paths(), unit.path]
    ).select_related("issuing_unit")
    allowed = [c.pk for c in campaigns if can(user, "pilot.change", c.issuing_unit)]
    return Campaign.objects.filter(pk__in=allowed) if allowed else None


@login_required
def unit_history(request, unit_id: int):
    unit = visible_unit_or_404(request.user, unit_id)
    return render(
        request, "orgs/unit_history.html", {"nav": "unit", "unit": unit, "entries": history_entries(unit)}
    )


@login_required
@require_POST
def unit_add_child(request, unit_id: int):
    unit = visible_unit_or_404(request.user, unit_id)
    require(request.user, "unit.add_child", unit)
    form = UnitForm(request.POST, areas=_child_area_choices(unit))
    if not form.is_valid():
        messages.error(request, _("Check the unit's details: %(errors)s") % {"errors": _form_errors(form)})
        return redirect("orgs:unit", unit.pk)
    try:
        child = services.add_unit(unit, actor=request.user, **form.cleaned_data)
    except ServiceError as exc:
        _fail(request, exc)
        return redirect("orgs:unit", unit.pk)
    messages.success(request, _("%(name)s has been added.") % {"name": child.name})
    return redirect("orgs:unit", child.pk)


@login_required
def unit_edit(request, unit_id: int):
    unit = visible_unit_or_404(request.user, unit_id)
    require(request.user, "unit.change", unit)
    initial = {field: getattr(unit, field) for field in services.UNIT_EDITABLE_FIELDS}
    form = UnitEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            services.update_unit(request.user, unit, reason=reason, **data)
        except ServiceError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, _("The unit's details have been saved."))
            return redirect("orgs:unit", unit.pk)
    return render(request, "orgs/unit_edit.html", {"nav": "unit", "unit": unit, "form": form})


@login_required
@require_POST
def unit_close(request, unit_id: int):
    unit = visible_unit_or_404(request.user, unit_id)
    require(request.user, "unit.change", unit)
    form = CloseUnitForm(request.POST, successors=_successor_choices(unit))
    if not form.is_valid():
        messages.error(request, _("Check the end of the unit: %(errors)s") % {"errors": _form_errors(form)})
    else:
        try:
            count = services.close_unit(request.user, unit, **form.cleaned_data)
        except ServiceError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("%(count)s unit(s) ended; their history is kept.") % {"count": count})
    return redirect("orgs:unit", unit.pk)


@login_required
@require_POST
def unit_add_person(request, unit_id: int):
    unit = visible_unit_or_404(request.user, unit_id)
    require(request.user, "person.change", unit)
    form = PersonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the person's details: %(errors)s") % {"errors": _form_errors(form)})
    else:
        try:
            person = services.add_person(request.user, unit=unit, **form.cleaned_data)
        except ServiceError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("%(name)s has been added.") % {"name": person.full_name})
    return redirect("orgs:unit", unit.pk)


@login_required
@require_POST
def committee_add(request, unit_id: int):
    unit = visible_unit_or_404(request.user, unit_id)
    require(request.user, "steering.change", unit)
    form = SteeringCommitteeForm(request.POST, agencies=_agency_choices(unit))
    if not form.is_valid():
        messages.error(
            request, _("Check the committee's details: %(errors)s") % {"errors": _form_errors(form)}
        )
    else:
        try:
            services.create_steering_committee(request.user, unit=unit, **form.cleaned_data)
        except ServiceError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("The steering committee has been established."))
    return redirect("orgs:unit", unit.pk)


@login_required
@require_POST
def committee_add_member(request, committee_id: int):
    committee = get_object_or_404(SteeringCommittee.objects.select_related("unit"), pk=committee_id)
    seen_or_404(request.user, committee.unit)
    require(request.user, "steering.change", committee.unit)
    form = CommitteeMemberForm(request.POST, people=_people_choices(committee.unit))
    if not form.is_valid():
        messages.error(request, _("Check the member's details: %(errors)s") % {"errors": _form_errors(form)})
    else:
        try:
            services.add_committee_member(request.user, committee, **form.cleaned_data)
        except ServiceError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("The member has been added."))
    return redirect("orgs:unit", committee.unit_id)


@login_required
@require_POST
def committee_remove_member(request, member_id: int):
    member = get_object_or_404(
        SteeringCommitteeMember.objects.select_related("committee__unit"), pk=member_id
    )
    seen_or_404(request.user, member.committee.unit)
    require(request.user, "steering.change", member.committee.unit)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for removing the member."))
    else:
        try:
            services.remove_committee_member(request.user, member, reason=form.cleaned_data["reason"])
        except ServiceError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("The member has been removed."))
    return redirect("orgs:unit", member.committee.unit_id)


@login_required
@require_POST
def pilot_add(request, unit_id: int):
    unit = visible_unit_or_404(request.user, unit_id)
    campaigns = _pilot_campaigns(request.user, unit)
    if campaigns is None:
        raise PermissionDenied
    form = PilotForm(request.POST, campaigns=campaigns)
    if not form.is_valid():
        messages.error(request, _("Choose a campaign."))
    else:
        try:
            services.designate_pilot(request.user, unit=unit, **form.cleaned_data)
        except ServiceError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("%(unit)s is now a pilot of the campaign.") % {"unit": unit.name})
    return redirect("orgs:unit", unit.pk)


@login_required
@require_POST
def pilot_remove(request, pilot_id: int):
    pilot = get_object_or_404(Pilot.objects.select_related("campaign__issuing_unit", "unit"), pk=pilot_id)
    seen_or_404(request.user, pilot.unit, pilot.campaign.issuing_unit)
    require(request.user, "pilot.change", pilot.campaign.issuing_unit)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for removing the pilot."))
    else:
        services.remove_pilot(request.user, pilot, reason=form.cleaned_data["reason"])
        messages.success(request, _("The pilot has been removed."))
    return redirect("orgs:unit", pilot.unit_id)


# --- users and grants ------------------------------------------------------------------------


def _grantable_units(unit: Unit):
    """Roles are granted on the unit itself or one of its direct sub-units (go deeper from there)."""
    return (
        Unit.objects.filter(Q(pk=unit.pk) | Q(path__startswith=unit.path, depth=unit.depth + 1))
        .active(today())
        .order_by("path")
    )


@login_required
def users(request, unit_id: int):
    unit = visible_unit_or_404(request.user, unit_id)
    require(request.user, "user.manage", unit)
    q = (request.GET.get("q") or "").replace("\x00", "").strip()  # PostgreSQL refuses NUL
    accounts = services.users_in_subtree(unit).select_related("person", "person__unit")
    if q:
        accounts = accounts.filter(Q(username__icontains=q) | Q(person__name_folded__contains=fold(q)))
    page = Paginator(accounts, PAGE_SIZE).get_page(request.GET.get("page"))
    grants = (
        Grant.objects.active()
        .filter(user__in=[u.pk for u in page], unit__path__startswith=unit.path)
        .select_related("unit")
        .order_by("unit__path")
    )
    grants_by_user: dict[int, list[Grant]] = {}
    for g in grants:
        grants_by_user.setdefault(g.user_id, []).append(g)
    rows = [(u, grants_by_user.get(u.pk, [])) for u in page]
    context = {
        "nav": "users",
        "unit": unit,
        "page": page,
        "rows": rows,
        "q": q,
        "create_form": UserCreateForm(units=_grantable_units(unit)),
        "grant_form": GrantForm(users=accounts.order_by("username")[:500], units=_grantable_units(unit)),
        "revoke_form": RevokeForm(),
        "sub_units": Unit.objects.get_children(unit).active(today()).order_by("name_sort")[:200],
    }
    return render(request, "orgs/users.html", context)


@login_required
@require_POST
def user_create(request, unit_id: int):
    unit = visible_unit_or_404(request.user, unit_id)
    require(request.user, "user.manage", unit)
    form = UserCreateForm(request.POST, units=_grantable_units(unit))
    if not form.is_valid():
        messages.error(request, _("Check the account's details: %(errors)s") % {"errors": _form_errors(form)})
    else:
        try:
            user = services.create_user(request.user, **form.cleaned_data)
        except ServiceError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("The account %(name)s has been created.") % {"name": user.username})
    return redirect("orgs:users", unit.pk)


@login_required
@require_POST
def grant_add(request, unit_id: int):
    unit = visible_unit_or_404(request.user, unit_id)
    require(request.user, "grant.manage", unit)
    form = GrantForm(request.POST, users=services.users_in_subtree(unit), units=_grantable_units(unit))
    if not form.is_valid():
        messages.error(request, _("Check the role's details: %(errors)s") % {"errors": _form_errors(form)})
    else:
        try:
            services.add_grant(request.user, **form.cleaned_data)
        except ServiceError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("The role has been granted."))
    return redirect("orgs:users", unit.pk)


@login_required
@require_POST
def grant_revoke(request, grant_id: int):
    grant = get_object_or_404(Grant.objects.select_related("unit", "user"), pk=grant_id)
    seen_or_404(request.user, grant.unit)
    require(request.user, "grant.manage", grant.unit)
    form = RevokeForm(request.POST)
    back = request.POST.get("back_unit") or grant.unit_id
    if not form.is_valid():
        messages.error(request, _("Give a reason for revoking the role."))
    else:
        try:
            services.revoke_grant(request.user, grant, reason=form.cleaned_data["reason"])
        except ServiceError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("The role has been revoked."))
    try:
        back_unit = visible_unit_or_404(request.user, int(back))
    except (ValueError, Http404):
        back_unit = grant.unit
    return redirect("orgs:users", back_unit.pk)
