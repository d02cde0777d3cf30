"""Pages of models and exemplars: list, registration, the model's page and its actions, editing,
near-copies. Views read through the permission policy and write only through `services`."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, Sum
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from danvan.core.history import history_entries
from danvan.core.pagination import CountingPaginator
from danvan.core.permissions import can, can_see_unit, scope_q, visible_units
from danvan.core.services import ServiceError
from danvan.core.text import fold
from danvan.core.views import fail as _fail
from danvan.core.views import form_errors as _form_errors
from danvan.initiatives import services
from danvan.initiatives.forms import (
    CarryOverForm,
    CopiesForm,
    EditForm,
    EvaluationForm,
    FilterForm,
    ProgressForm,
    RegistrationForm,
    ReplicateForm,
    YearPlanForm,
    group_thousands,
)
from danvan.initiatives.models import Evidence, EvidenceKind, Initiative
from danvan.initiatives.queries import LOG_LABELS, filter_initiatives
from danvan.initiatives.workflow import REPLICATION_SOURCES, TRANSITIONS, Status
from danvan.orgs.choices import within_choices
from danvan.orgs.models import Campaign, Person, Unit

PAGE_SIZE = 50
TARGETS_SHOWN = 100  # units listed in the replication select before searching


def _current_unit(request) -> Unit | None:
    unit = request.current_unit
    return unit if unit else None


def _initiative_or_404(user, initiative_id: int) -> Initiative:
    """An initiative the user may see; any other does not exist for them (404)."""
    initiative = (
        services.visible_initiatives(user)
        .select_related(
            "owner_unit",
            "owner_unit__unit_type",
            "field",
            "campaign",
            "area",
            "recognized_level",
            "replicated_from__owner_unit",
            "created_by__person",
        )
        .filter(pk=initiative_id)
        .first()
    )
    if initiative is None:
        raise Http404
    return initiative


# --- the list -------------------------------------------------------------------------------


def _filter_units(user, current: Unit | None, selected: Unit | None) -> list[Unit]:
    return within_choices(user, current, selected, "initiative.view")


def filtered_initiatives(request):
    """The list page's query for the request's filters: (form, valid filters, subtree unit, sort,
    queryset in page order), for the page and for anything that must list the same models."""
    user = request.user
    current = _current_unit(request)
    campaigns = Campaign.objects.filter(issuing_unit__in=visible_units(user).values("pk")).order_by(
        "-start_date", "name"
    )
    form = FilterForm(request.GET or None, units=visible_units(user), campaigns=campaigns)
    filters = form.values() if request.GET else {}
    within = filters.get("within") or current
    form.fields["within"].widget.choices = [(u.pk, u.name) for u in _filter_units(user, current, within)]
    if within is not None and not request.GET.get("within"):
        form.initial["within"] = within.pk

    sort = filters.get("sort") or ""
    lookups = {key: filters.get(key) for key in ("field", "kind", "holder", "status", "year", "campaign")}
    qs = filter_initiatives(
        user,
        within,
        q=filters.get("q") or "",
        sort=sort,
        topics=filters.get("topic"),
        metric=filters.get("metric") or "",
        start=filters.get("start"),
        end=filters.get("end"),
        **lookups,
    )
    return form, filters, within, sort or "-year", qs


@login_required
def initiative_list(request):
    form, filters, within, sort, qs = filtered_initiatives(request)
    current = _current_unit(request)
    page = CountingPaginator(qs.select_related("owner_unit", "field"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    can_register = bool(_owner_choices(request))
    context = {
        "nav": "initiatives",
        "form": form,
        "more_filters": [form[name] for name in ("field", "topic", "kind", "holder", "campaign", "sort")],
        "page": page,
        "within": within,
        "sort": sort,
        "filtered": bool(set(filters) & {"field", "topic", "kind", "holder", "campaign", "sort"}),
        "metric": _metric_shown(filters),
        "can_register": can_register,
        "can_review": current is not None and can(request.user, "initiative.review", current),
    }
    return render(request, "initiatives/list.html", context)


def _metric_shown(filters: dict):
    """The figure the list stands behind, when it was opened from a dashboard or a report."""
    if not filters.get("metric"):
        return None
    from danvan.metrics import registry

    return {
        "metric": registry.get(filters["metric"]),
        "start": filters.get("start"),
        "end": filters.get("end"),
    }


# --- registration ------------------------------------------------------------------------------


def _owner_queryset(user):
    """Every unit in force where the user may register models."""
    return Unit.objects.filter(scope_q(user, "initiative.change", "path")).active()


def _owner_choices(request) -> list[Unit]:
    """The current unit and its direct subordinates, where the user may register models."""
    current = _current_unit(request)
    if current is None:
        return []
    units = (
        _owner_queryset(request.user)
        .filter(Q(pk=current.pk) | Q(path__startswith=current.path, depth=current.depth + 1))
        .select_related("area")
        .order_by("depth", "name_sort")
    )
    return list(units)


def _chosen_owner(request, data, choices: list[Unit]) -> Unit:
    """The owner unit asked for (by id), checked against the policy; else the first choice."""
    raw = (data.get("owner_unit") or "").strip()
    if not raw:
        if not choices:
            raise PermissionDenied
        return choices[0]
    try:
        unit = Unit.objects.select_related("area").get(pk=int(raw))
    except (ValueError, Unit.DoesNotExist):
        raise Http404 from None
    if not can(request.user, "initiative.change", unit) or not unit.active:
        if not can_see_unit(request.user, unit):
            raise Http404
        raise PermissionDenied
    if all(u.pk != unit.pk for u in choices):
        choices.append(unit)
    return unit


@login_required
def initiative_new(request):
    choices = _owner_choices(request)
    data = request.POST if request.method == "POST" else request.GET
    if not choices and not data.get("owner_unit"):
        raise PermissionDenied
    owner = _chosen_owner(request, data, choices)
    form = RegistrationForm(
        request.POST or None,
        owner=owner,
        owners=choices,
        owner_queryset=_owner_queryset(request.user),
        initial={"owner_unit": owner.pk},
    )
    if request.method == "GET" and request.htmx and data.get("owner_unit"):
        # the owner changed: only the campaign and area choices follow it
        return render(request, "initiatives/_owner_dependent.html", {"form": form})
    if request.method == "POST":
        if form.is_valid():
            fields, topics = form.registration_data()
            submit = request.POST.get("submit") == "register"
            try:
                initiative = services.register_initiative(
                    form.cleaned_data["owner_unit"], fields, actor=request.user, topics=topics, submit=submit
                )
            except ServiceError as exc:
                _fail(request, exc)
            else:
                if submit:
                    messages.success(request, _("The model has been registered."))
                else:
                    messages.success(request, _("The model has been saved as a draft."))
                return redirect("initiatives:detail", initiative.pk)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
        year = form.cleaned_data.get("year") if hasattr(form, "cleaned_data") else None
        similar_rows = _similar_rows(
            request.user,
            request.POST.get("name", "")[:300],
            request.POST.get("content", "")[:5000],
            owner,
            year or timezone.localdate().year,
        )
    else:
        similar_rows = []
    context = {"nav": "initiatives", "form": form, "owner": owner, "similar_rows": similar_rows}
    return render(request, "initiatives/form.html", context)


def _similar_rows(user, name: str, content: str, owner: Unit | None, year: int, exclude=None) -> list:
    """(percent alike, model, may the user open it) for the models like this one nearby."""
    if owner is None or len(fold(name)) < 4:
        return []
    results = services.similar_nearby(name, content, owner, year, exclude=exclude)
    visible = set(
        services.visible_initiatives(user)
        .filter(pk__in=[other.pk for _score, other in results])
        .values_list("pk", flat=True)
    )
    return [(round(score * 100), other, other.pk in visible) for score, other in results]


@login_required
def similar(request):
    """The quality guard: similar models already registered nearby (an htmx fragment)."""
    name = (request.GET.get("name") or "").strip()[:300]
    this_year = timezone.localdate().year
    try:
        owner = Unit.objects.filter(pk=int(request.GET.get("owner_unit") or 0)).first()
        year = int(request.GET.get("year") or this_year)
    except ValueError:
        owner, year = None, this_year
    owner = owner or _current_unit(request)
    if owner is not None and not can(request.user, "initiative.view", owner):
        raise PermissionDenied
    if not 2000 <= year <= 2100:
        year = this_year
    exclude = request.GET.get("exclude") or ""
    rows = _similar_rows(
        request.user,
        name,
        (request.GET.get("content") or "")[:5000],
        owner,
        year,
        exclude=int(exclude) if exclude.isdigit() else None,
    )
    return render(request, "initiatives/_similar.html", {"rows": rows, "name": name})


# --- the model's page ------------------------------------------------------------------------

STORY = [
    ("situation", gettext_lazy("Situation and reason")),
    ("goals", gettext_lazy("Goals and evaluation criteria")),
    ("content", gettext_lazy("Content and method")),
    ("beneficiaries", gettext_lazy("Area and beneficiaries")),
    ("forces", gettext_lazy("Forces")),
    ("facilities", gettext_lazy("Facilities")),
    ("milestones", gettext_lazy("Milestones")),
    ("outputs", gettext_lazy("Verifiable outputs")),
    ("sustainability", gettext_lazy("Sustainability and replicability")),
]
TOTALS = [
    "people_reached",
    "households_benefiting",
    "money_mobilized",
    "workdays_mobilized",
    "land_donated_m2",
]


def _replication_targets(request, initiative: Initiative, q: str = ""):
    """Units in force where the user may register models, other than the owner (all, for checking)."""
    return _owner_queryset(request.user).exclude(pk=initiative.owner_unit_id)


def _target_choices(request, initiative: Initiative, q: str = "") -> list[Unit]:
    """A short list for the select: the current unit's subtree (two levels), or a name search."""
    targets = _replication_targets(request, initiative)
    if q:
        targets = targets.search(q).order_by("search_rank", "depth", "name_sort")
    else:
        current = _current_unit(request)
        if current is None:
            return []
        targets = targets.filter(path__startswith=current.path, depth__lte=current.depth + 1).order_by(
            "depth", "name_sort"
        )
    return list(targets[:TARGETS_SHOWN])


def _successor_units(user, initiative: Initiative):
    owner = initiative.owner_unit
    if owner.active:
        return Unit.objects.none()
    ids = [
        link.successor_id
        for link in owner.successor_links.select_related("successor")
        if can(user, "initiative.change", link.successor) and link.successor.active
    ]
    return Unit.objects.filter(pk__in=ids).order_by("name_sort")


def _story(initiative: Initiative) -> list[tuple[str, str, str]]:
    """(field, title, text) of the registration's non-empty sections, in the order of the form."""
    return [
        (key, label, getattr(initiative, key))
        for key, label in STORY
        if (getattr(initiative, key) or "").strip()
    ]


def _log_label(record) -> str:
    rule = TRANSITIONS.get(record.action)
    return str(rule.label) if rule else str(LOG_LABELS.get(record.action, record.action))


def _detail_context(request, initiative: Initiative, **forms) -> dict:
    user = request.user
    may_change = can(user, "initiative.change", initiative)
    may_review = can(user, "initiative.review", initiative)
    updates = list(
        initiative.progress_updates.select_related("created_by__person").prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("uploaded_at", "id"))
        )
    )
    totals = initiative.progress_updates.aggregate(**{k: Sum(k) for k in TOTALS})
    evidence = list(initiative.evidence.order_by("-uploaded_at", "-id"))
    transitions = list(initiative.transitions.select_related("actor__person", "unit"))
    for record in transitions:
        record.label = _log_label(record)
    root, tree = services.lineage(initiative)
    lineage_ids = [root.pk, *[node.pk for node, _depth in tree]]
    creators = dict(
        Person.objects.filter(user_id__in={node.created_by_id for node, _depth in tree}).values_list(
            "user_id", "full_name"
        )
    )
    for node, _depth in tree:
        node.creator_name = creators.get(node.created_by_id) or (
            node.created_by.get_username() if node.created_by else ""
        )
    visible_ids = set(
        services.visible_initiatives(user).filter(pk__in=lineage_ids).values_list("pk", flat=True)
    )
    actions = services.allowed_transitions(initiative, user)
    levels = []
    if any(t.needs_level for t in actions):
        levels = services.recognition_levels(initiative, user)
    this_year = timezone.localdate().year
    context = {
        "nav": "initiatives",
        "initiative": initiative,
        "story": _story(initiative),
        "totals": totals,
        "money_total": group_thousands(totals["money_mobilized"]),
        "has_totals": any(v for v in totals.values()),
        "photos": [e for e in evidence if e.kind == EvidenceKind.PHOTO],
        "documents": [e for e in evidence if e.kind != EvidenceKind.PHOTO],
        "years": list(initiative.years.select_related("evaluated_by__person")),
        "updates": updates,
        "transitions": transitions,
        "history": history_entries(initiative, limit=100),
        "lineage_root": root,
        "lineage": tree,
        "lineage_visible": visible_ids,
        "actions": actions,
        "levels": levels,
        "can_edit": may_change and initiative.status in services.EDITABLE_STATES,
        "can_progress": may_change and initiative.status not in (Status.DRAFT, Status.DISCONTINUED),
        "can_plan": may_change and initiative.status != Status.DISCONTINUED,
        "can_evaluate": may_review and initiative.year <= this_year,
        "open_panel": forms.pop("open_panel", ""),
        "funding": group_thousands(initiative.funding_planned),
        "contributions": group_thousands(initiative.contributions_planned),
    }
    if context["can_progress"]:
        context["progress_form"] = forms.get("progress_form") or ProgressForm(
            initial={"reported_on": timezone.localdate()}
        )
    if context["can_plan"]:
        context["plan_form"] = forms.get("plan_form") or YearPlanForm(initial={"year": this_year})
    if context["can_evaluate"]:
        context["evaluation_form"] = forms.get("evaluation_form") or EvaluationForm(
            initial={"year": max(initiative.year, this_year - 1)}
        )
    if initiative.status in REPLICATION_SOURCES:
        choices = _target_choices(request, initiative)
        if choices or _replication_targets(request, initiative).exists():
            context["replicate_form"] = forms.get("replicate_form") or ReplicateForm(
                targets=_replication_targets(request, initiative),
                target_choices=choices,
                initial={"year": this_year},
            )
    successors = _successor_units(user, initiative)
    if not initiative.owner_unit.active and successors:
        context["carry_over_form"] = forms.get("carry_over_form") or CarryOverForm(successors=successors)
        context["successor_links"] = initiative.owner_unit.successor_links.select_related("successor")
    # the support the model received from every level (the funding app's read-only box)
    from danvan.funding.includes import initiative_support_context

    context.update(initiative_support_context(request, initiative))
    return context


@login_required
def initiative_detail(request, initiative_id: int):
    initiative = _initiative_or_404(request.user, initiative_id)
    return render(request, "initiatives/detail.html", _detail_context(request, initiative))


def _back(initiative: Initiative, anchor: str = ""):
    response = redirect("initiatives:detail", initiative.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@login_required
@require_POST
def initiative_transition(request, initiative_id: int):
    initiative = _initiative_or_404(request.user, initiative_id)
    rule = TRANSITIONS.get(request.POST.get("action", ""))
    if rule is None:
        messages.error(request, _("Unknown action."))
        return _back(initiative)
    if not can(request.user, rule.permission, initiative):
        raise PermissionDenied
    level = None
    if rule.needs_level and request.POST.get("level"):
        try:
            level = Unit.objects.get(pk=int(request.POST["level"]))
        except (ValueError, Unit.DoesNotExist):
            messages.error(request, _("Choose the level of recognition."))
            return _back(initiative)
    on = None
    if rule.needs_level and request.POST.get("on", "").strip():
        try:
            on = datetime.strptime(request.POST["on"].strip(), "%d/%m/%Y").date()
        except ValueError:
            messages.error(request, _("Enter the date of the decision as dd/mm/yyyy."))
            return _back(initiative)
    try:
        services.transition(
            initiative,
            rule.action,
            actor=request.user,
            comment=request.POST.get("comment", ""),
            level=level,
            on=on,
        )
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": rule.label})
    return _back(initiative)


@login_required
@require_POST
def initiative_progress(request, initiative_id: int):
    initiative = _initiative_or_404(request.user, initiative_id)
    if not can(request.user, "initiative.change", initiative):
        raise PermissionDenied
    form = ProgressForm(request.POST, request.FILES)
    if form.is_valid():
        files, captions = form.uploads()
        try:
            services.add_progress(
                initiative, form.progress_data(), actor=request.user, files=files, captions=captions
            )
        except ServiceError as exc:
            _fail(request, exc)
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, _("The progress update has been saved."))
            return _back(initiative, "progress")
    else:
        messages.error(request, _("Nothing was saved: check the progress report."))
    context = _detail_context(request, initiative, progress_form=form, open_panel="progress")
    return render(request, "initiatives/detail.html", context, status=200)


@login_required
@require_POST
def initiative_year(request, initiative_id: int):
    initiative = _initiative_or_404(request.user, initiative_id)
    if not can(request.user, "initiative.change", initiative):
        raise PermissionDenied
    form = YearPlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: %(errors)s") % {"errors": _form_errors(form)})
        return _back(initiative, "years")
    try:
        services.plan_year(initiative, actor=request.user, **form.cleaned_data)
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The plan and results of %(year)s have been saved.") % form.cleaned_data)
    return _back(initiative, "years")


@login_required
@require_POST
def initiative_evaluate(request, initiative_id: int):
    initiative = _initiative_or_404(request.user, initiative_id)
    if not can(request.user, "initiative.review", initiative):
        raise PermissionDenied
    form = EvaluationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: %(errors)s") % {"errors": _form_errors(form)})
        return _back(initiative, "years")
    data = form.cleaned_data
    try:
        services.evaluate_year(
            initiative, data["year"], actor=request.user, evaluation=data["evaluation"], note=data["note"]
        )
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The evaluation of %(year)s has been saved.") % data)
    return _back(initiative, "years")


@login_required
@require_POST
def initiative_replicate(request, initiative_id: int):
    initiative = _initiative_or_404(request.user, initiative_id)
    raw = request.POST.get("target") or ""
    if raw.isdigit():
        target = Unit.objects.filter(pk=int(raw)).first()
        if target is not None and not can(request.user, "initiative.change", target):
            raise PermissionDenied
    targets = _replication_targets(request, initiative)
    form = ReplicateForm(request.POST, targets=targets, target_choices=_target_choices(request, initiative))
    if not form.is_valid():
        messages.error(request, _("Nothing was done: %(errors)s") % {"errors": _form_errors(form)})
        return _back(initiative, "replicate")
    data = form.cleaned_data
    try:
        replica = services.replicate(
            initiative, data["target"], actor=request.user, year=data["year"], comment=data["comment"]
        )
    except ServiceError as exc:
        _fail(request, exc)
        return _back(initiative, "replicate")
    messages.success(
        request,
        _("The model has been replicated to %(unit)s as a draft: complete and register it.")
        % {"unit": data["target"].name},
    )
    return redirect("initiatives:detail", replica.pk)


@login_required
def replication_targets(request, initiative_id: int):
    """The <option>s of the replication select for a name search (htmx)."""
    initiative = _initiative_or_404(request.user, initiative_id)
    q = (request.GET.get("q") or "").strip()[:100]
    units = _target_choices(request, initiative, q)
    # a unit already chosen stays chosen when a slower search answers after the choice
    chosen = request.GET.get("target") or ""
    selected = int(chosen) if chosen.isdigit() and any(str(u.pk) == chosen for u in units) else None
    context = {"units": units, "q": q, "selected": selected}
    return render(request, "initiatives/_target_options.html", context)


@login_required
@require_POST
def initiative_carry_over(request, initiative_id: int):
    initiative = _initiative_or_404(request.user, initiative_id)
    owner = initiative.owner_unit
    raw = request.POST.get("successor") or ""
    link = owner.successor_links.select_related("successor").filter(successor_id=raw if raw.isdigit() else 0)
    link = link.first()
    if link is not None and not can(request.user, "initiative.change", link.successor):
        raise PermissionDenied
    form = CarryOverForm(request.POST, successors=_successor_units(request.user, initiative))
    if not form.is_valid():
        messages.error(request, _("Nothing was done: %(errors)s") % {"errors": _form_errors(form)})
        return _back(initiative)
    try:
        services.carry_over(
            initiative,
            form.cleaned_data["successor"],
            actor=request.user,
            comment=form.cleaned_data["comment"],
        )
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(
            request,
            _("The model now belongs to %(unit)s; its history is kept.")
            % {"unit": form.cleaned_data["successor"].name},
        )
    return _back(initiative)


@login_required
def initiative_edit(request, initiative_id: int):
    initiative = _initiative_or_404(request.user, initiative_id)
    if not can(request.user, "initiative.change", initiative):
        raise PermissionDenied
    if initiative.status not in services.EDITABLE_STATES:
        messages.error(
            request,
            _("A model that is %(status)s cannot be edited.")
            % {"status": initiative.get_status_display().lower()},
        )
        return _back(initiative)
    initial = {key: getattr(initiative, key) for key in services.REGISTRATION_FIELDS}
    for key in ("field", "campaign", "area"):
        initial[key] = getattr(initiative, f"{key}_id")
    initial["topics"] = list(initiative.topics.values_list("pk", flat=True))
    form = EditForm(
        request.POST or None, owner=initiative.owner_unit, initial=initial, keep_area=initiative.area_id
    )
    if request.method == "POST":
        if form.is_valid():
            fields, topics = form.registration_data()
            try:
                services.update_initiative(
                    initiative, fields, actor=request.user, topics=topics, reason=form.cleaned_data["reason"]
                )
            except ServiceError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("The changes have been saved."))
                return _back(initiative)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    context = {"nav": "initiatives", "form": form, "initiative": initiative, "owner": initiative.owner_unit}
    return render(request, "initiatives/form.html", context)


# --- evidence files ----------------------------------------------------------------------------

OFFICE = "application/vnd.openxmlformats-officedocument"
CONTENT_TYPES = {
    EvidenceKind.PDF: "application/pdf",
    EvidenceKind.DOCX: f"{OFFICE}.wordprocessingml.document",
    EvidenceKind.XLSX: f"{OFFICE}.spreadsheetml.sheet",
}


def _photo_type(head: bytes) -> str:
    if head.startswith(b"\x89PNG"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return "image/jpeg"


@login_required
def evidence_file(request, evidence_id: int):
    """Stream an evidence file (or its thumbnail) to a user who may see its model."""
    evidence = Evidence.objects.filter(pk=evidence_id).first()
    if (
        evidence is None
        or not services.visible_initiatives(request.user).filter(pk=evidence.initiative_id).exists()
    ):
        raise Http404
    thumb = request.GET.get("size") == "thumb" and bool(evidence.thumbnail)
    stored = evidence.thumbnail if thumb else evidence.file
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    head = handle.read(16)
    handle.seek(0)
    if thumb:
        content_type = "image/jpeg"
    elif evidence.kind == EvidenceKind.PHOTO:
        content_type = _photo_type(head)
    else:
        content_type = CONTENT_TYPES.get(evidence.kind, "application/octet-stream")
    inline = evidence.kind in (EvidenceKind.PHOTO, EvidenceKind.PDF)
    name = evidence.original_name
    if thumb:
        name = f"{name.rsplit('.', 1)[0]}-thumb.jpg"
    response = FileResponse(handle, content_type=content_type, as_attachment=not inline, filename=name)
    response["Cache-Control"] = "private, max-age=3600"
    return response


# --- near-identical copies -----------------------------------------------------------------------


@login_required
def near_copies(request):
    unit = _current_unit(request)
    if unit is None or not can(request.user, "initiative.review", unit):
        raise PermissionDenied
    form = CopiesForm(request.GET or None, initial={"year": timezone.localdate().year})
    year = form.cleaned_data["year"] if request.GET and form.is_valid() else timezone.localdate().year
    groups = services.near_copies(unit, year)
    context = {"nav": "initiatives", "form": form, "unit": unit, "year": year, "groups": groups}
    return render(request, "initiatives/copies.html", context)


urlpatterns = [
    path("", initiative_list, name="list"),
    path("new/", initiative_new, name="new"),
    path("similar/", similar, name="similar"),
    path("copies/", near_copies, name="copies"),
    path("evidence/<int:evidence_id>/", evidence_file, name="evidence"),
    path("<int:initiative_id>/", initiative_detail, name="detail"),
    path("<int:initiative_id>/edit/", initiative_edit, name="edit"),
    path("<int:initiative_id>/transition/", initiative_transition, name="transition"),
    path("<int:initiative_id>/progress/", initiative_progress, name="progress"),
    path("<int:initiative_id>/year/", initiative_year, name="year"),
    path("<int:initiative_id>/evaluate/", initiative_evaluate, name="evaluate"),
    path("<int:initiative_id>/replicate/", initiative_replicate, name="replicate"),
    path("<int:initiative_id>/replicate/targets/", replication_targets, name="replication_targets"),
    path("<int:initiative_id>/carry-over/", initiative_carry_over, name="carry_over"),
]
