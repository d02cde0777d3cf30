from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.permissions import visible_units
from danvan.core.services import ServiceError
from danvan.geo.forms import VillageForm
from danvan.geo.models import Area, AreaLevel, Era
from danvan.orgs.services import add_village, can_add_village

PAGE_SIZE = 50


@login_required
def directory(request):
    """Search areas and units (with or without diacritics) and browse provinces."""
    q = (request.GET.get("q") or "").strip()
    context = {"nav": "directory", "q": q}
    if q:
        context["areas"] = list(
            Area.objects.search(q).order_by("search_rank", "era", "depth", "name_sort")[:30]
        )
        units = (
            visible_units(request.user)
            .search(q)
            .select_related("unit_type", "area")
            .order_by("search_rank", "depth", "name_sort")
        )
        context["units"] = list(units[:30])
        context["units_more"] = units.count() > 30 if len(context["units"]) == 30 else False
    else:
        show_legacy = request.GET.get("era") == Era.LEGACY
        context["show_legacy"] = show_legacy
        context["provinces"] = Area.objects.filter(
            level=AreaLevel.PROVINCE, era=Era.LEGACY if show_legacy else Era.CURRENT
        ).order_by("name_sort")
    template = "geo/_search_results.html" if request.htmx and q else "geo/directory.html"
    return render(request, template, context)


@login_required
def area_detail(request, area_id: int):
    area = get_object_or_404(Area, pk=area_id)
    children = Area.objects.get_children(area).order_by("name_sort")
    child_q = (request.GET.get("q") or "").strip()
    if child_q:
        children = children.search(child_q)
    page = Paginator(children, PAGE_SIZE).get_page(request.GET.get("page"))
    units = (
        visible_units(request.user)
        .filter(area=area)
        .select_related("unit_type")
        .order_by("unit_type__sort_order", "name_sort")
    )
    context = {
        "nav": "directory",
        "area": area,
        "ancestors": area.ancestors(),
        "page": page,
        "child_q": child_q,
        "successors": area.successor_links.select_related("successor").order_by(
            "-is_default", "successor__name_sort"
        ),
        "predecessors": area.predecessor_links.select_related("predecessor").order_by(
            "predecessor__name_sort"
        ),
        "units": units[:100],
        "can_add_village": can_add_village(request.user, area),
        "village_form": VillageForm(),
    }
    return render(request, "geo/area_detail.html", context)


@login_required
@require_POST
def area_add_village(request, area_id: int):
    area = get_object_or_404(Area, pk=area_id)
    form = VillageForm(request.POST)
    if form.is_valid():
        try:
            village = add_village(
                area, name=form.cleaned_data["name"], kind=form.cleaned_data["kind"], actor=request.user
            )
        except ServiceError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(name)s has been added.") % {"name": village.name})
    else:
        messages.error(request, _("Check the village's kind and name."))
    return redirect("geo:area", area.pk)
