"""Pages of the movement's funding: the summary of a unit and a year, allocations, spending,
support to models. Views read through the permission policy and `queries`, and write only
through `services`.

The unit shown is the current unit, or `?within=<id>` of a unit the user may see (the summary's
rows of subordinate units link there, and so do the dashboards); the forms record for `?unit=<id>`."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.history import history_entries
from danvan.core.lazy import lazy_module
from danvan.core.permissions import can, scope_q, visible_units
from danvan.core.services import ServiceError
from danvan.funding import queries, services
from danvan.funding.forms import (
    AllocationEditForm,
    AllocationFilterForm,
    AllocationForm,
    ExpenditureEditForm,
    ExpenditureFilterForm,
    ExpenditureForm,
    SummaryForm,
    VoidForm,
)
from danvan.funding.models import Allocation, Expenditure, Purpose
from danvan.initiatives.models import Initiative
from danvan.initiatives.services import visible_initiatives
from danvan.initiatives.workflow import Status
from danvan.orgs.models import Unit

xlsx = lazy_module("danvan.funding.xlsx")  # builds documents: loaded by the first request that does

PAGE_SIZE = 25
MODELS_OFFERED = 300  # models listed in a select (any model of the subtree is accepted by id)
VIEW, CHANGE, ALLOCATE = services.VIEW, services.CHANGE, services.ALLOCATE


def _number(raw: str | None) -> int | None:
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 19 else None


def _unit(request) -> Unit | None:
    """The unit whose funding is shown: `?within=` (one the user may see) or the current unit."""
    wanted = _number(request.GET.get("within"))
    if wanted is not None:
        unit = visible_units(request.user, VIEW).filter(pk=wanted).first()
        if unit is None:
            raise Http404
        return unit
    current = request.current_unit
    return current if current else None


def _frame(request, unit: Unit | None, tab: str, year: int | None = None, **extra) -> dict:
    """What every funding page shows around its content: the unit, its parent, the tabs."""
    user = request.user
    parent = None
    if unit is not None and unit.depth > 1:
        parent = visible_units(user, VIEW).filter(path=unit.path[: -Unit.steplen]).first()
    current = request.current_unit
    query = {"within": unit.pk} if unit is not None and unit.pk != (current.pk if current else None) else {}
    keep = {**query, **({"year": year} if year else {})}
    return {
        "nav": "funding",
        "tab": tab,
        "tab_query": f"?{urlencode(keep)}" if keep else "",
        "unit": unit,
        "parent": parent,
        "year": year,
        "can_spend": unit is not None and can(user, CHANGE, unit),
        "can_allocate": unit is not None and can(user, ALLOCATE, unit),
        **extra,
    }


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


# --- the summary -----------------------------------------------------------------------------------


@login_required
def summary(request):
    unit = _unit(request)
    form = SummaryForm(request.GET or None)
    year = form.values().get("year") or timezone.localdate().year
    context = _frame(request, unit, "summary", year, form=form)
    if unit is not None:
        context["summary"] = data = queries.summary(request.user, unit, year)
        # subordinate units with nothing recorded are listed apart (a city has a hundred communes)
        context["rows"] = [r for r in data["children"] if r.own or r.allocated or r.spent]
        context["idle"] = [r for r in data["children"] if not (r.own or r.allocated or r.spent)]
        context["models"] = queries.attach_initiatives(
            queries.supported_models(unit, year)[:10], request.user
        )
    return render(request, "funding/summary.html", context)


# --- allocations -----------------------------------------------------------------------------------


@login_required
def allocation_list(request):
    unit = _unit(request)
    form = AllocationFilterForm(request.GET or None)
    filters = form.values() if request.GET else {}
    qs = queries.filter_allocations(request.user, unit, **filters)
    page = _page(request, qs.select_related(*queries.ALLOCATION_RELATED))
    context = _frame(
        request,
        unit,
        "allocations",
        filters.get("year"),
        form=form,
        page=page,
        total=queries.total_allocated(qs),
        filtered=bool(filters),
    )
    return render(request, "funding/allocations.html", context)


def _writable_units(request, action: str) -> list[Unit]:
    """The current unit and its direct subordinates in force where the user may do `action`, and
    the unit asked for with `unit=` (a former unit too: its records are entered afterwards)."""
    current = request.current_unit
    wanted = _number((request.POST or request.GET).get("unit"))
    condition = Q(pk__in=[])
    if current:
        condition |= Q(pk=current.pk) | Q(path__startswith=current.path, depth=current.depth + 1)
    if wanted is not None:
        condition |= Q(pk=wanted)
    units = (
        Unit.objects.filter(condition)
        .filter(scope_q(request.user, action, "path"))
        .select_related("area")
        .order_by("depth", "name_sort")
    )
    return [u for u in units if u.active or u.pk == wanted]


def _chosen(request, units: list[Unit], initiative: Initiative | None = None) -> Unit:
    wanted = _number((request.POST or request.GET).get("unit"))
    if wanted is not None:
        unit = next((u for u in units if u.pk == wanted), None)
        if unit is None:
            raise PermissionDenied
        return unit
    if initiative is not None:
        # the deepest unit offered that holds the model
        holders = [u for u in units if initiative.owner_unit.path.startswith(u.path)]
        if holders:
            return max(holders, key=lambda u: u.depth)
    return units[0]


def _service_error(form, exc: ServiceError) -> None:
    form.add_error(None, " ".join(exc.messages))


@login_required
def allocation_new(request):
    units = _writable_units(request, ALLOCATE)
    if not units:
        raise PermissionDenied
    unit = _chosen(request, units)
    form = AllocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            allocation = services.create_allocation(unit, form.cleaned_data, actor=request.user)
        except ServiceError as exc:
            _service_error(form, exc)
        else:
            messages.success(request, _("The allocation has been recorded."))
            return redirect("funding:allocation", allocation.pk)
    context = _frame(request, unit, "allocations", form=form, units=units, editing=None)
    return render(request, "funding/allocation_form.html", context)


def _allocation_or_404(user, allocation_id: int) -> Allocation:
    allocation = (
        queries.with_charged(services.visible_allocations(user))
        .select_related("unit", "created_by", "voided_by")
        .filter(pk=allocation_id)
        .first()
    )
    if allocation is None:
        raise Http404
    return allocation


@login_required
def allocation_detail(request, allocation_id: int):
    allocation = _allocation_or_404(request.user, allocation_id)
    rows = allocation.expenditures.select_related("initiative").order_by("-date", "-pk")
    context = _frame(
        request,
        allocation.unit,
        "allocations",
        allocation=allocation,
        expenditures=list(rows[:50]),
        more=rows.count() > 50,
        may_change=can(request.user, ALLOCATE, allocation),
        void_form=VoidForm(),
        history=history_entries(allocation, limit=100),
    )
    return render(request, "funding/allocation_detail.html", context)


@login_required
def allocation_edit(request, allocation_id: int):
    allocation = _allocation_or_404(request.user, allocation_id)
    if not can(request.user, ALLOCATE, allocation):
        raise PermissionDenied
    if allocation.is_void:
        messages.error(request, _("A voided allocation cannot be changed."))
        return redirect("funding:allocation", allocation.pk)
    form = AllocationEditForm(request.POST or None, instance=Allocation.objects.get(pk=allocation.pk))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "reason"}
        try:
            services.update_allocation(
                allocation, data, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ServiceError as exc:
            _service_error(form, exc)
        else:
            messages.success(request, _("The allocation has been changed."))
            return redirect("funding:allocation", allocation.pk)
    context = _frame(request, allocation.unit, "allocations", form=form, editing=allocation)
    return render(request, "funding/allocation_form.html", context)


@login_required
@require_POST
def allocation_void(request, allocation_id: int):
    allocation = _allocation_or_404(request.user, allocation_id)
    if not can(request.user, ALLOCATE, allocation):
        raise PermissionDenied
    form = VoidForm(request.POST)
    try:
        if not form.is_valid():
            raise ServiceError(_("Give the reason for voiding it."))
        services.void_allocation(allocation, actor=request.user, reason=form.cleaned_data["reason"])
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The allocation has been voided."))
    return redirect("funding:allocation", allocation.pk)


# --- spending --------------------------------------------------------------------------------------


def filtered_expenditures(request):
    """The spending list's query for the request's filters, for the page and the export."""
    unit = _unit(request)
    scope = queries.filter_expenditures(request.user, unit)
    models = Initiative.objects.filter(pk__in=scope.values("initiative")).order_by("name_folded")[
        :MODELS_OFFERED
    ]
    form = ExpenditureFilterForm(request.GET or None, models=models)
    filters = form.values() if request.GET else {}
    qs = queries.filter_expenditures(
        request.user,
        unit,
        year=filters.get("year"),
        purpose=filters.get("purpose"),
        initiative=filters.get("model"),
        allocation=filters.get("allocation"),
        q=filters.get("q", ""),
        status=filters.get("status"),
    )
    return unit, form, filters, qs


@login_required
def expenditure_list(request):
    unit, form, filters, qs = filtered_expenditures(request)
    page = _page(request, qs.select_related(*queries.EXPENDITURE_RELATED))
    context = _frame(
        request,
        unit,
        "expenditures",
        filters.get("year"),
        form=form,
        page=page,
        total=queries.total_spent(qs),
        filtered=bool(filters),
    )
    return render(request, "funding/expenditures.html", context)


def _describe(form, filters: dict) -> str:
    """ "Năm: 2026; Mục đích chi: Hỗ trợ mô hình" — the filters of an export, as people read them."""
    parts = []
    for key, value in filters.items():
        field = form.fields.get(key)
        if field is None or key == "allocation":
            continue
        shown = dict(getattr(field, "choices", ())).get(value, value)
        parts.append(f"{field.label}: {shown}")
    return "; ".join(str(part) for part in parts)


@login_required
def expenditure_export(request):
    unit, form, filters, qs = filtered_expenditures(request)
    content = xlsx.expenditures_workbook(
        qs, user=request.user, unit=unit, filters_text=_describe(form, filters)
    )
    response = HttpResponse(content, content_type=xlsx.XLSX_TYPE)
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="chi-kinh-phi-dan-van-kheo-{stamp}.xlsx"'
    return response


def _initiative_choices(unit: Unit, selected: Initiative | None = None):
    """(every model the unit may support, the first ones offered in the select)."""
    qs = Initiative.objects.within(unit).exclude(status=Status.DRAFT)
    shown = list(qs.select_related("owner_unit").order_by("-year", "name_folded")[:MODELS_OFFERED])
    if selected is not None and all(m.pk != selected.pk for m in shown):
        shown.insert(0, selected)
    return qs, shown


@login_required
def expenditure_new(request):
    units = _writable_units(request, CHANGE)
    if not units:
        raise PermissionDenied
    model = None
    wanted_model = _number((request.POST or request.GET).get("initiative"))
    if wanted_model is not None:
        model = visible_initiatives(request.user).select_related("owner_unit").filter(pk=wanted_model).first()
    unit = _chosen(request, units, model)
    initiatives, shown = _initiative_choices(
        unit, model if model and model.owner_unit.path.startswith(unit.path) else None
    )
    initial = {}
    if model is not None and model.owner_unit.path.startswith(unit.path):
        initial = {"initiative": model.pk, "purpose": Purpose.MODEL_SUPPORT}
    form = ExpenditureForm(
        request.POST or None,
        initial=initial,
        initiatives=initiatives,
        shown_initiatives=shown,
        allocations=queries.allocations_for_form(unit),
    )
    if request.method == "POST" and form.is_valid():
        try:
            expenditure = services.create_expenditure(unit, form.cleaned_data, actor=request.user)
        except ServiceError as exc:
            _service_error(form, exc)
        else:
            messages.success(request, _("The spending has been recorded."))
            return redirect("funding:expenditure", expenditure.pk)
    context = _frame(request, unit, "expenditures", form=form, units=units, editing=None, model=model)
    return render(request, "funding/expenditure_form.html", context)


def _expenditure_or_404(user, expenditure_id: int) -> Expenditure:
    expenditure = (
        services.visible_expenditures(user)
        .select_related("unit", "initiative__owner_unit", "allocation", "created_by", "voided_by")
        .filter(pk=expenditure_id)
        .first()
    )
    if expenditure is None:
        raise Http404
    return expenditure


@login_required
def expenditure_detail(request, expenditure_id: int):
    expenditure = _expenditure_or_404(request.user, expenditure_id)
    user = request.user
    context = _frame(
        request,
        expenditure.unit,
        "expenditures",
        expenditure=expenditure,
        may_change=can(user, CHANGE, expenditure),
        may_open_initiative=bool(expenditure.initiative_id)
        and visible_initiatives(user).filter(pk=expenditure.initiative_id).exists(),
        may_open_allocation=bool(expenditure.allocation_id)
        and services.visible_allocations(user).filter(pk=expenditure.allocation_id).exists(),
        void_form=VoidForm(),
        history=history_entries(expenditure, limit=100),
    )
    return render(request, "funding/expenditure_detail.html", context)


@login_required
def expenditure_edit(request, expenditure_id: int):
    expenditure = _expenditure_or_404(request.user, expenditure_id)
    if not can(request.user, CHANGE, expenditure):
        raise PermissionDenied
    if expenditure.is_void:
        messages.error(request, _("A voided expenditure cannot be changed."))
        return redirect("funding:expenditure", expenditure.pk)
    unit = expenditure.unit
    initiatives, shown = _initiative_choices(unit, expenditure.initiative)
    if expenditure.initiative_id:
        # a model carried over elsewhere since keeps the support recorded for it
        initiatives = initiatives | Initiative.objects.filter(pk=expenditure.initiative_id)
    form = ExpenditureEditForm(
        request.POST or None,
        instance=Expenditure.objects.get(pk=expenditure.pk),
        initiatives=initiatives,
        shown_initiatives=shown,
        allocations=queries.allocations_for_form(unit, include=expenditure.allocation),
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "reason"}
        try:
            services.update_expenditure(
                expenditure, data, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ServiceError as exc:
            _service_error(form, exc)
        else:
            messages.success(request, _("The spending has been changed."))
            return redirect("funding:expenditure", expenditure.pk)
    context = _frame(request, unit, "expenditures", form=form, editing=expenditure)
    return render(request, "funding/expenditure_form.html", context)


@login_required
@require_POST
def expenditure_void(request, expenditure_id: int):
    expenditure = _expenditure_or_404(request.user, expenditure_id)
    if not can(request.user, CHANGE, expenditure):
        raise PermissionDenied
    form = VoidForm(request.POST)
    try:
        if not form.is_valid():
            raise ServiceError(_("Give the reason for voiding it."))
        services.void_expenditure(expenditure, actor=request.user, reason=form.cleaned_data["reason"])
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The spending has been voided."))
    return redirect("funding:expenditure", expenditure.pk)


# --- support to models -----------------------------------------------------------------------------


@login_required
def model_support(request):
    unit = _unit(request)
    form = SummaryForm(request.GET or None)
    year = form.values().get("year")
    page = None
    if unit is not None:
        page = _page(request, queries.supported_models(unit, year))
        page.object_list = queries.attach_initiatives(page.object_list, request.user)
    context = _frame(request, unit, "models", year, form=form, page=page)
    return render(request, "funding/models.html", context)


urlpatterns = [
    path("", summary, name="summary"),
    path("allocations/", allocation_list, name="allocations"),
    path("allocations/new/", allocation_new, name="allocation_new"),
    path("allocations/<int:allocation_id>/", allocation_detail, name="allocation"),
    path("allocations/<int:allocation_id>/edit/", allocation_edit, name="allocation_edit"),
    path("allocations/<int:allocation_id>/void/", allocation_void, name="allocation_void"),
    path("expenditures/", expenditure_list, name="expenditures"),
    path("expenditures/export.xlsx", expenditure_export, name="export"),
    path("expenditures/new/", expenditure_new, name="expenditure_new"),
    path("expenditures/<int:expenditure_id>/", expenditure_detail, name="expenditure"),
    path("expenditures/<int:expenditure_id>/edit/", expenditure_edit, name="expenditure_edit"),
    path("expenditures/<int:expenditure_id>/void/", expenditure_void, name="expenditure_void"),
    path("models/", model_support, name="models"),
]
