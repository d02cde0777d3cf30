"""Pages of training sessions: the list with its totals, a new session, the session's page and
its actions (held, cancelled, attendance, attendees, materials), editing, the XLSX export.
Views read through the permission policy and write only through `services`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.history import history_entries
from danvan.core.lazy import lazy_module
from danvan.core.permissions import can, can_see_unit, scope_q, visible_units
from danvan.core.services import ServiceError
from danvan.core.text import search_terms
from danvan.core.views import fail as _fail
from danvan.core.views import form_errors as _form_errors
from danvan.orgs.choices import within_choices
from danvan.orgs.models import Person, Unit
from danvan.training import materials, queries, services
from danvan.training.forms import (
    AttendeeForm,
    EditSessionForm,
    FilterForm,
    MaterialForm,
    NewSessionForm,
    TransitionForm,
    count_name,
)
from danvan.training.models import Attendee, AttendeeGroup, Material, MaterialKind, TrainingSession
from danvan.training.workflow import EDITABLE, TRANSITIONS, action_label

xlsx = lazy_module("danvan.training.xlsx")  # builds documents: loaded by the first request that does

PAGE_SIZE = 25
PEOPLE_SHOWN = 50  # people offered in the attendee select before (or after) a name search
CHANGE = services.CHANGE


def _current(request) -> Unit | None:
    unit = request.current_unit
    return unit if unit else None


def _session_or_404(user, session_id: int) -> TrainingSession:
    """A session the user may see; any other does not exist for them (404)."""
    session = (
        services.visible_sessions(user)
        .select_related("organizer__unit_type", "organizer__area", "campaign", "created_by__person")
        .filter(pk=session_id)
        .first()
    )
    if session is None:
        raise Http404
    return session


def _back(session: TrainingSession, anchor: str = ""):
    response = redirect("training:detail", session.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


# --- the list -------------------------------------------------------------------------------------


def _within_choices(user, current: Unit | None, selected: Unit | None) -> list[Unit]:
    return within_choices(user, current, selected, "training.view")


def filtered_sessions(request):
    """The list's query for the request's filters: (form, valid filters, subtree unit, queryset)."""
    user = request.user
    current = _current(request)
    form = FilterForm(request.GET or None, units=visible_units(user))
    filters = form.values() if request.GET else {}
    within = filters.get("within") or current
    form.fields["within"].widget.choices = [(u.pk, u.name) for u in _within_choices(user, current, within)]
    if within is not None and not request.GET.get("within"):
        form.initial["within"] = within.pk
    qs = queries.filter_sessions(
        user,
        within,
        q=filters.get("q") or "",
        year=filters.get("year"),
        topic=filters.get("topic"),
        level=filters.get("level"),
        status=filters.get("status"),
    )
    return form, filters, within, qs


@login_required
def session_list(request):
    form, filters, within, qs = filtered_sessions(request)
    page = Paginator(qs.select_related("organizer"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "nav": "training",
        "form": form,
        "page": page,
        "within": within,
        "filtered": bool(set(filters) - {"within"}),
        "more_filtered": bool(set(filters) & {"topic", "level"}),
        "totals": queries.totals(qs),
        "can_create": bool(_organizer_choices(request)),
    }
    return render(request, "training/list.html", context)


@login_required
def export(request):
    """The filtered list as an XLSX workbook (the rows the user may see, nothing more)."""
    form, filters, within, qs = filtered_sessions(request)
    content = xlsx.export_workbook(
        qs,
        user=request.user,
        filters_text=xlsx.describe(form, filters, within),
        totals=queries.totals(qs),
    )
    response = HttpResponse(content, content_type=xlsx.XLSX_TYPE)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="tap-huan-dan-van-{stamp}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- a new session ------------------------------------------------------------------------------


def _organizer_queryset(user):
    """Every unit where the user may organize sessions (the services check the date)."""
    return Unit.objects.filter(scope_q(user, CHANGE, "path"))


def _organizer_choices(request) -> list[Unit]:
    """The current unit and its direct subordinates in force, where the user may organize sessions."""
    current = _current(request)
    if current is None:
        return []
    units = (
        _organizer_queryset(request.user)
        .filter(Q(pk=current.pk) | Q(path__startswith=current.path, depth=current.depth + 1))
        .active()
        .order_by("depth", "name_sort")
    )
    return list(units)


def _chosen_organizer(request, data, choices: list[Unit]) -> Unit:
    """The organizer asked for (by id), checked against the policy; else the first choice."""
    raw = (data.get("organizer") or "").strip()
    if not raw:
        if not choices:
            raise PermissionDenied
        return choices[0]
    try:
        unit = Unit.objects.get(pk=int(raw))
    except (ValueError, Unit.DoesNotExist):
        raise Http404 from None
    if not can(request.user, CHANGE, unit):
        if not can_see_unit(request.user, unit):
            raise Http404
        raise PermissionDenied
    if all(u.pk != unit.pk for u in choices):
        choices.append(unit)
    return unit


@login_required
def session_new(request):
    choices = _organizer_choices(request)
    data = request.POST if request.method == "POST" else request.GET
    if not choices and not data.get("organizer"):
        raise PermissionDenied
    organizer = _chosen_organizer(request, data, choices)
    form = NewSessionForm(
        request.POST or None,
        organizers=choices,
        organizer_queryset=_organizer_queryset(request.user),
        initial={"organizer": organizer.pk, "held_on": timezone.localdate()},
    )
    if request.method == "POST":
        if form.is_valid():
            held = request.POST.get("submit") == "held"
            try:
                session = services.create_session(
                    form.cleaned_data["organizer"],
                    form.session_data(),
                    actor=request.user,
                    counts=form.counts(),
                    held=held,
                )
            except ServiceError as exc:
                _fail(request, exc)
            else:
                if held:
                    messages.success(request, _("The session has been recorded as held."))
                else:
                    messages.success(request, _("The session has been planned."))
                return redirect("training:detail", session.pk)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    return render(request, "training/form.html", {"nav": "training", "form": form})


# --- the session's page ----------------------------------------------------------------------------


def _visible_people(user):
    """Every person the user may list as an attendee (those they may see)."""
    return Person.objects.filter(scope_q(user, "person.view", "unit__path"))


def _people_choices(session: TrainingSession, user, q: str = "") -> list[Person]:
    """A short list for the attendee select: people found by name, or those of the organizer's
    subtree before any search."""
    people = _visible_people(user).select_related("unit")
    terms = search_terms(q)
    if terms:
        for term in terms:
            people = people.filter(name_folded__contains=term)
    else:
        people = people.filter(unit__path__startswith=session.organizer.path)
    return list(people.order_by("full_name", "pk")[:PEOPLE_SHOWN])


def _detail_context(request, session: TrainingSession, **forms) -> dict:
    user = request.user
    may_change = can(user, CHANGE, session) and session.status in EDITABLE
    counts = {row.group: row for row in session.counts.all()}
    attendees = list(session.attendees.select_related("person"))
    named: dict[str, int] = {}
    for attendee in attendees:
        named[attendee.group] = named.get(attendee.group, 0) + 1
    attendance = [
        (label, counts[group].count if group in counts else None, named.get(group, 0))
        for group, label in AttendeeGroup.choices
    ]
    events = list(session.events.select_related("actor__person"))
    for event in events:
        event.label = action_label(event.action)
    files = list(session.materials.select_related("uploaded_by__person"))
    context = {
        "nav": "training",
        "session": session,
        "attendance": attendance,
        "has_attendance": bool(counts or attendees),
        "attendees": attendees,
        "files": files,
        "events": events,
        "cancel_reason": next((e.comment for e in reversed(events) if e.action == "cancel"), ""),
        "history": history_entries(session, limit=100),
        "actions": services.allowed_transitions(session, user),
        "can_edit": may_change,
        "today": timezone.localdate(),
        "open_panel": forms.pop("open_panel", ""),
    }
    if may_change:
        form = forms.get("attendee_form") or AttendeeForm(people=_visible_people(user))
        form.fields["person"].widget.choices = _person_options(_people_choices(session, user))
        context["attendee_form"] = form
        context["material_form"] = forms.get("material_form") or MaterialForm()
    return context


@login_required
def session_detail(request, session_id: int):
    session = _session_or_404(request.user, session_id)
    return render(request, "training/detail.html", _detail_context(request, session))


@login_required
def session_edit(request, session_id: int):
    session = _session_or_404(request.user, session_id)
    if not can(request.user, CHANGE, session):
        raise PermissionDenied
    if session.status not in EDITABLE:
        messages.error(request, _("A cancelled session takes no changes."))
        return _back(session)
    initial = {key: getattr(session, key) for key in services.SESSION_FIELDS}
    initial["campaign"] = session.campaign_id
    initial.update({count_name(row.group): row.count for row in session.counts.all()})
    form = EditSessionForm(request.POST or None, organizers=[session.organizer], initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_session(
                    session,
                    form.session_data(),
                    actor=request.user,
                    counts=form.counts(),
                    reason=form.cleaned_data["reason"],
                )
            except ServiceError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("The changes have been saved."))
                return _back(session)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    context = {"nav": "training", "form": form, "session": session}
    return render(request, "training/form.html", context)


@login_required
@require_POST
def session_transition(request, session_id: int):
    session = _session_or_404(request.user, session_id)
    rule = TRANSITIONS.get(request.POST.get("action", ""))
    if rule is None:
        messages.error(request, _("Unknown action."))
        return _back(session)
    if not can(request.user, rule.permission, session):
        raise PermissionDenied
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was done: %(errors)s") % {"errors": _form_errors(form)})
        return _back(session)
    try:
        services.transition(
            session,
            rule.action,
            actor=request.user,
            comment=form.cleaned_data["comment"],
            held_on=form.cleaned_data["held_on"],
        )
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": rule.label})
    return _back(session)


@login_required
@require_POST
def attendee_add(request, session_id: int):
    session = _session_or_404(request.user, session_id)
    if not can(request.user, CHANGE, session):
        raise PermissionDenied
    form = AttendeeForm(request.POST, people=_visible_people(request.user))
    if form.is_valid():
        try:
            services.add_attendee(session, form.attendee_data(), actor=request.user)
        except ServiceError as exc:
            _fail(request, exc)
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, _("The attendee has been listed."))
            return _back(session, "attendees")
    else:
        messages.error(request, _("Nothing was saved: check the fields marked in red."))
    context = _detail_context(request, session, attendee_form=form, open_panel="attendee")
    return render(request, "training/detail.html", context)


def _person_options(people: list[Person]) -> list[tuple]:
    return [("", _("— not in the system: enter the name —"))] + [
        (p.pk, f"{p.full_name} · {p.unit.name}") for p in people
    ]


@login_required
def people_options(request, session_id: int):
    """The <option>s of the attendee select for a name search (htmx)."""
    session = _session_or_404(request.user, session_id)
    if not can(request.user, CHANGE, session):
        raise PermissionDenied
    q = (request.GET.get("q") or "").strip()[:100]
    chosen = request.GET.get("person") or ""
    context = {
        "options": _person_options(_people_choices(session, request.user, q)),
        "selected": chosen,
        "nobody": bool(q),
    }
    return render(request, "training/_people_options.html", context)


@login_required
@require_POST
def attendee_remove(request, session_id: int, attendee_id: int):
    session = _session_or_404(request.user, session_id)
    attendee = Attendee.objects.filter(pk=attendee_id, session=session).first()
    if attendee is None:
        raise Http404
    if not can(request.user, CHANGE, session):
        raise PermissionDenied
    try:
        services.remove_attendee(attendee, actor=request.user)
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(
            request, _("%(name)s has been removed from the attendees.") % {"name": attendee.full_name}
        )
    return _back(session, "attendees")


@login_required
@require_POST
def material_add(request, session_id: int):
    session = _session_or_404(request.user, session_id)
    if not can(request.user, CHANGE, session):
        raise PermissionDenied
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_material(
                session, form.cleaned_data["file"], actor=request.user, title=form.cleaned_data["title"]
            )
        except ServiceError as exc:
            _fail(request, exc)
            form.add_error("file", " ".join(exc.messages))
        else:
            messages.success(request, _("The file has been uploaded."))
            return _back(session, "materials")
    else:
        messages.error(request, _("Nothing was saved: %(errors)s") % {"errors": _form_errors(form)})
    context = _detail_context(request, session, material_form=form, open_panel="material")
    return render(request, "training/detail.html", context)


@login_required
@require_POST
def material_remove(request, session_id: int, material_id: int):
    session = _session_or_404(request.user, session_id)
    material = Material.objects.filter(pk=material_id, session=session).first()
    if material is None:
        raise Http404
    if not can(request.user, CHANGE, session):
        raise PermissionDenied
    try:
        services.remove_material(material, actor=request.user)
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The file has been removed from the session."))
    return _back(session, "materials")


@login_required
def material_file(request, material_id: int):
    """Stream a material (or its thumbnail) to a user who may see its session."""
    material = Material.objects.filter(pk=material_id).first()
    if (
        material is None
        or not services.visible_sessions(request.user).filter(pk=material.session_id).exists()
    ):
        raise Http404
    thumb = request.GET.get("size") == "thumb" and bool(material.thumbnail)
    stored = material.thumbnail if thumb else material.file
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    head = handle.read(16)
    handle.seek(0)
    content_type = "image/jpeg" if thumb else materials.content_type(material.kind, head)
    inline = material.kind in (MaterialKind.PHOTO, MaterialKind.PDF)
    name = material.original_name
    if thumb:
        name = f"{name.rsplit('.', 1)[0]}-thumb.jpg"
    response = FileResponse(handle, content_type=content_type, as_attachment=not inline, filename=name)
    response["Cache-Control"] = "private, max-age=3600"
    return response


urlpatterns = [
    path("", session_list, name="list"),
    path("export.xlsx", export, name="export"),
    path("new/", session_new, name="new"),
    path("materials/<int:material_id>/", material_file, name="material"),
    path("<int:session_id>/", session_detail, name="detail"),
    path("<int:session_id>/edit/", session_edit, name="edit"),
    path("<int:session_id>/transition/", session_transition, name="transition"),
    path("<int:session_id>/attendees/", attendee_add, name="attendee_add"),
    path("<int:session_id>/people/", people_options, name="people"),
    path("<int:session_id>/attendees/<int:attendee_id>/remove/", attendee_remove, name="attendee_remove"),
    path("<int:session_id>/materials/", material_add, name="material_add"),
    path("<int:session_id>/materials/<int:material_id>/remove/", material_remove, name="material_remove"),
]
