"""The hot spot pages (under /petitions/hot-spots/): the hot spots of the user's units (active
first, the cleared ones with their dates), one episode with the area's other episodes and the
history of changes, declaring one and clearing it.

Seeing needs `petitions.view` on the responsible unit, declaring and clearing `petitions.hotspot`;
views read through `hotspots` and the permission policy and write only through `services`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.history import history_entries
from danvan.core.permissions import can, scope_q
from danvan.core.services import ServiceError
from danvan.core.text import fold
from danvan.core.views import fail, form_errors
from danvan.orgs.choices import within_choices
from danvan.orgs.models import Unit
from danvan.petitions import hotspots, services
from danvan.petitions.hotspot_forms import ClearForm, DeclareForm, FilterForm
from danvan.petitions.models import HotSpot, HotSpotStatus

PAGE_SIZE = 25
HISTORY_LIMIT = 100


def _spot_or_404(user, pk: int) -> HotSpot:
    spot = hotspots.visible_hot_spots(user).select_related("area", "unit", "created_by").filter(pk=pk).first()
    if spot is None:
        raise Http404
    return spot


@login_required
def hotspot_list(request):
    user = request.user
    current = request.current_unit or None
    selected = None
    if request.GET.get("within", "").isdigit():
        selected = (
            Unit.objects.filter(pk=request.GET["within"]).filter(scope_q(user, hotspots.VIEW, "path")).first()
        )
    units = within_choices(user, current, selected, hotspots.VIEW)
    form = FilterForm(
        request.GET or None,
        units=units,
        within_queryset=Unit.objects.filter(scope_q(user, hotspots.VIEW, "path")),
    )
    filters = form.values() if request.GET else {}
    within = filters.get("within") or current
    if within is not None and not request.GET.get("within"):
        form.initial["within"] = within.pk
    qs = hotspots.visible_hot_spots(user)
    if within is not None:
        qs = qs.filter(unit__path__startswith=within.path)
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("q"):
        qs = qs.filter(area__name_folded__contains=fold(filters["q"]))
    qs = hotspots.active_first(qs.select_related("area", "unit").annotate(petition_count=Count("petitions")))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "nav": "petitions",
        "form": form,
        "page": page,
        "within": within,
        "query": query.urlencode(),
        "filtered": bool(set(filters) - {"within"}),
        "can_declare": hotspots.can_declare(user),
        "active_count": hotspots.visible_hot_spots(user)
        .filter(status=HotSpotStatus.ACTIVE)
        .filter(**({"unit__path__startswith": within.path} if within is not None else {}))
        .count(),
    }
    return render(request, "petitions/hotspots/list.html", context)


def _pk(data, name: str) -> int | None:
    raw = str(data.get(name) or "")
    return int(raw) if raw.isdigit() and len(raw) < 19 else None


@login_required
def hotspot_new(request):
    user = request.user
    if not hotspots.can_declare(user):
        raise PermissionDenied
    today = timezone.localdate()
    current = request.current_unit or None
    areas = hotspots.declarable_areas(user, current, today)
    data = request.POST if request.method == "POST" else request.GET
    area_pk = _pk(data, "area")
    area = areas.filter(pk=area_pk).first() if area_pk else None
    units = hotspots.responsible_units(user, area, today)
    unit_list = list(units.select_related("area", "unit_type")) if area is not None else []
    petitions = list(hotspots.petitions_of(user, area)) if area is not None else []
    initial = {}
    if area is not None:
        initial["area"] = area.pk
        # the People's Committee of the commune when the user may choose it, else the nearest unit
        preferred = next(
            (u for u in unit_list if u.area_id == area.pk and u.unit_type.code == "peoples_committee"), None
        )
        chosen = preferred or (unit_list[0] if unit_list else None)
        if chosen is not None:
            initial["unit"] = chosen.pk
        wanted = {int(v) for v in request.GET.getlist("petitions") if v.isdigit() and len(v) < 19}
        initial["petitions"] = [p.pk for p in petitions if p.pk in wanted]
    bound = request.method == "POST" and not request.POST.get("refresh")
    form = DeclareForm(
        request.POST if bound else None,
        initial=initial,
        areas=areas,
        units=units,
        petitions=petitions,
    )
    if bound:
        if form.is_valid():
            data = form.cleaned_data
            try:
                spot = services.declare_hot_spot(
                    data["area"], data["unit"], reason=data["reason"], actor=user, petitions=data["petitions"]
                )
            except ServiceError as exc:
                form.add_error(None, " ".join(exc.messages))
                messages.error(
                    request, _("Nothing was saved: %(errors)s") % {"errors": " ".join(exc.messages)}
                )
            else:
                messages.success(
                    request, _("%(area)s has been marked as a hot spot.") % {"area": spot.area.name}
                )
                return redirect("petitions:hotspot_detail", spot.pk)
        else:
            messages.error(request, _("Nothing was saved: %(errors)s") % {"errors": form_errors(form)})
    elif request.method == "POST":  # "show the lists of this commune" without JavaScript
        form = DeclareForm(
            initial={**initial, "reason": request.POST.get("reason", "")},
            areas=areas,
            units=units,
            petitions=petitions,
        )
    context = {
        "nav": "petitions",
        "form": form,
        "area": area,
        "has_units": bool(unit_list),
    }
    return render(request, "petitions/hotspots/new.html", context)


@login_required
def hotspot_detail(request, pk: int):
    user = request.user
    spot = _spot_or_404(user, pk)
    episodes = list(
        hotspots.active_first(
            hotspots.visible_hot_spots(user).filter(area=spot.area).select_related("unit")
        ).annotate(petition_count=Count("petitions"))
    )
    linked = spot.petitions.select_related("unit").order_by("-received_on", "-pk")
    visible = list(linked.filter(pk__in=services.visible_petitions(user).values("pk")))
    may_clear = spot.status == HotSpotStatus.ACTIVE and can(user, hotspots.DECLARE, spot)
    context = {
        "nav": "petitions",
        "spot": spot,
        "episodes": episodes,
        "petitions": visible,
        "hidden_petitions": linked.count() - len(visible),
        "history": history_entries(spot, limit=HISTORY_LIMIT),
        "clear_form": ClearForm() if may_clear else None,
        "may_declare_again": spot.status == HotSpotStatus.CLEARED
        and not any(e.status == HotSpotStatus.ACTIVE for e in episodes)
        and hotspots.can_declare(user),
    }
    return render(request, "petitions/hotspots/detail.html", context)


@login_required
@require_POST
def hotspot_clear(request, pk: int):
    user = request.user
    spot = _spot_or_404(user, pk)
    if not can(user, hotspots.DECLARE, spot):
        raise PermissionDenied
    form = ClearForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": form_errors(form)})
        return redirect("petitions:hotspot_detail", spot.pk)
    try:
        services.clear_hot_spot(spot, reason=form.cleaned_data["reason"], actor=user)
    except ServiceError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("%(area)s is no longer a hot spot.") % {"area": spot.area.name})
    return redirect("petitions:hotspot_detail", spot.pk)
