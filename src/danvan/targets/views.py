"""Pages of targets and scorecards: the targets of a unit (actual against goal, status), a target's
page with its drill-down, reports, milestones and history, setting and changing targets, reporting
a rate, recording milestones; scorecard schemes, the ranking and one unit's breakdown.

A target is seen from a unit (`?unit=`, default the current unit, or the issuing unit on its page):
its value is over that unit's subtree. Views read through the permission policy and write only
through `services`."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Length
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.history import history_entries
from danvan.core.permissions import can, can_see_unit, scope_q, visible_units
from danvan.core.services import ServiceError
from danvan.core.views import fail as _fail
from danvan.metrics import registry
from danvan.orgs.choices import within_choices
from danvan.orgs.models import Campaign, Unit
from danvan.targets import evaluation, scorecards, services
from danvan.targets.forms import (
    EditSchemeForm,
    EditTargetForm,
    FilterForm,
    MilestoneForm,
    NewSchemeForm,
    NewTargetForm,
    RateReportForm,
    ReasonForm,
    item_formset,
)
from danvan.targets.models import (
    MilestoneRecord,
    RateReport,
    ScorecardScheme,
    Target,
    TargetKind,
)
from danvan.targets.status import STYLES, Status

PAGE_SIZE = 25
ROWS_PAGE = 50
UNITS_SHOWN = 500  # units offered in a select
VIEW, MANAGE, REPORT = services.VIEW, services.MANAGE, services.REPORT
EVIDENCE_TYPES = {
    "photo": "image/jpeg",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _current(request) -> Unit | None:
    unit = request.current_unit
    return unit if unit else None


def _number(raw) -> int | None:
    try:
        value = int(str(raw or "").strip())
    except ValueError:
        return None
    return value if 0 < value < 2**63 else None


def _paged(request, items, param: str, size: int = ROWS_PAGE):
    """A page of `items` read from `?<param>=`, with the addresses of its neighbours."""
    page = Paginator(items, size).get_page(request.GET.get(param))

    def url(number):
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}"

    page.prev_url = url(page.previous_page_number()) if page.has_previous() else ""
    page.next_url = url(page.next_page_number()) if page.has_next() else ""
    return page


# --- the targets of a unit -------------------------------------------------------------------------


def _unit_choices(user, current: Unit | None, selected: Unit | None) -> list[Unit]:
    return within_choices(user, current, selected, VIEW)


def _running_first(today):
    return Case(When(end_year__gte=today.year, then=Value(0)), default=Value(1), output_field=IntegerField())


def applicable_targets(unit: Unit, today, *, year=None, kind=None, withdrawn=False):
    """The targets that apply to `unit` (issued by it or above it), running ones first."""
    qs = Target.objects.applicable_to(unit).filter(start_year__lte=today.year)
    qs = qs.filter(withdrawn_at__isnull=not withdrawn)
    if year:
        qs = qs.covering(year)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("issuing_unit", "unit_type", "campaign").order_by(
        _running_first(today), Length("issuing_unit__path"), "-end_year", "kind", "pk"
    )


@login_required
def target_list(request):
    user = request.user
    current = _current(request)
    form = FilterForm(request.GET or None, units=visible_units(user, VIEW))
    filters = form.values() if request.GET else {}
    unit = filters.get("unit") or current
    form.fields["unit"].widget.choices = [(u.pk, u.name) for u in _unit_choices(user, current, unit)]
    if unit is not None and not request.GET.get("unit"):
        form.initial["unit"] = unit.pk
    withdrawn = request.GET.get("withdrawn") == "1"
    today = timezone.localdate()
    page, rows = None, []
    if unit is not None:
        qs = applicable_targets(
            unit, today, year=filters.get("year"), kind=filters.get("kind"), withdrawn=withdrawn
        )
        if filters.get("status"):
            rows = [r for r in evaluation.results(unit, today, targets=qs) if r.status == filters["status"]]
            page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
            rows = list(page.object_list)
        else:
            page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
            rows = evaluation.results(unit, today, targets=page.object_list)
    context = {
        "nav": "targets",
        "form": form,
        "unit": unit,
        "page": page,
        "rows": rows,
        "today": today,
        "withdrawn": withdrawn,
        "filtered": bool(set(filters) - {"unit"}) or withdrawn,
        "can_create": bool(_issuer_choices(request)),
    }
    return render(request, "targets/list.html", context)


# --- a target's page ---------------------------------------------------------------------------------


def _target_or_404(user, target_id: int) -> Target:
    target = (
        services.visible_targets(user)
        .select_related("issuing_unit__unit_type", "unit_type", "campaign", "created_by__person")
        .filter(pk=target_id)
        .first()
    )
    if target is None:
        raise Http404
    return target


def _viewpoint(request, target: Target) -> Unit:
    """`?unit=` (a unit of the target's subtree the user may see) or the default one."""
    raw = request.GET.get("unit")
    if raw:
        wanted = _number(raw)
        unit = services.viewpoints(request.user, target).filter(pk=wanted).first() if wanted else None
    else:
        unit = services.default_viewpoint(request.user, target)
    if unit is None:
        raise Http404
    return unit


def _chain(user, target: Target, unit: Unit) -> list[Unit]:
    """The units from the issuing unit down to the viewpoint that the user may see."""
    paths = [p for p in [*unit.ancestor_paths(), unit.path] if p.startswith(target.issuing_unit.path)]
    return list(visible_units(user, VIEW).filter(path__in=paths).order_by("depth"))


def _milestone_units(user, target: Target):
    """(units offered, queryset accepted) for recording a milestone of the target."""
    scope = Q(path__startswith=target.issuing_unit.path) | Q(
        pk__in=list(registry.former_units(target.issuing_unit))
    )
    qs = Unit.objects.filter(scope)
    if target.unit_type_id:
        qs = qs.filter(unit_type_id=target.unit_type_id)
    if not can(user, MANAGE, target):
        qs = qs.filter(scope_q(user, MANAGE, "path"))
    if target.unit_type_id:  # "communes reaching the standard": not the issuing unit itself
        qs = qs.exclude(pk=target.issuing_unit_id)
    offered = list(qs.order_by("depth", "name_sort")[:UNITS_SHOWN])
    return offered, qs


def _detail_context(request, target: Target, unit: Unit, **forms) -> dict:
    user = request.user
    today = timezone.localdate()
    result = evaluation.evaluate(target, unit, today, drill=True)
    children = result.children or []
    if any(row.met is not None for row in children):  # each child has a goal: those short first
        children = sorted(children, key=lambda r: (not r.short, r.unit.name_sort or ""))
    for row in children:
        row.status = evaluation.row_status(result, row)
        row.style = STYLES.get(row.status, "secondary")
        row.status_label = Status(row.status).label if row.status else ""
    context = {
        "nav": "targets",
        "target": target,
        "unit": unit,
        "result": result,
        "chain": _chain(user, target, unit),
        "children": _paged(request, children, "page"),
        "short_count": sum(1 for r in children if r.short),
        "units_short": _paged(request, result.units_short or [], "short")
        if result.units_short is not None
        else None,
        "not_reported": _paged(request, result.not_reported or [], "missing")
        if result.not_reported is not None
        else None,
        "history": history_entries(target, limit=100),
        "can_manage": can(user, MANAGE, target),
        "actions": services.allowed_actions(target, user),
        "today": today,
        "open_panel": forms.pop("open_panel", ""),
    }
    if target.end_year > target.start_year and today.year >= target.start_year:
        context["by_year"] = evaluation.by_year(target, unit, today)
    if target.kind == TargetKind.RATE:
        page = _paged(request, result.reports or [], "reports")
        found = RateReport.objects.select_related("unit", "reported_by__person").in_bulk(
            [row["id"] for row in page.object_list]
        )
        page.rows = [found[row["id"]] for row in page.object_list if row["id"] in found]
        context["reports"] = page
        context["can_report"] = target.in_force and services.reporting_units(user, target).exists()
    if target.kind == TargetKind.MILESTONE:
        records = evaluation.milestone_records(target, unit, today).select_related(
            "unit", "recorded_by__person"
        )
        context["records"] = _paged(request, records.order_by("-reached_on", "pk"), "records")
        offered, accepted = _milestone_units(user, target)
        may_record = target.in_force and bool(offered)
        context["can_record"] = may_record
        if may_record:
            context["milestone_form"] = forms.get("milestone_form") or MilestoneForm(
                units=offered, unit_queryset=accepted
            )
        context["record_removable"] = services.may_record_milestones(user, target)
    return context


@login_required
def target_detail(request, target_id: int):
    target = _target_or_404(request.user, target_id)
    unit = _viewpoint(request, target)
    return render(request, "targets/detail.html", _detail_context(request, target, unit))


def _back(target: Target, unit: Unit | None = None, anchor: str = ""):
    url = reverse("targets:detail", args=[target.pk])
    if unit is not None and unit.pk != target.issuing_unit_id:
        url += f"?unit={unit.pk}"
    return redirect(url + (f"#{anchor}" if anchor else ""))


# --- setting and changing targets ---------------------------------------------------------------


def _issuer_queryset(user):
    return Unit.objects.filter(scope_q(user, MANAGE, "path"))


def _issuer_choices(request) -> list[Unit]:
    """The current unit and its direct subordinates in force where the user may set targets."""
    current = _current(request)
    if current is None:
        return []
    units = (
        _issuer_queryset(request.user)
        .filter(Q(pk=current.pk) | Q(path__startswith=current.path, depth=current.depth + 1))
        .active()
        .order_by("depth", "name_sort")
    )
    return list(units)


def _campaigns_for(units: list[Unit]):
    paths = {p for unit in units for p in [*unit.ancestor_paths(), unit.path]}
    return (
        Campaign.objects.filter(
            Q(issuing_unit__path__in=paths) | Q(issuing_unit__successor_links__successor__path__in=paths)
        )
        .distinct()
        .order_by("-start_date", "name")
    )


def _chosen_unit(request, data, choices: list[Unit], field: str) -> Unit:
    """The unit asked for (by id), checked against the policy; else the first choice."""
    raw = (data.get(field) or "").strip()
    if not raw:
        if not choices:
            raise PermissionDenied
        return choices[0]
    unit = Unit.objects.filter(pk=_number(raw) or 0).first()
    if unit is None:
        raise Http404
    if not can(request.user, MANAGE, unit):
        if not can_see_unit(request.user, unit):
            raise Http404
        raise PermissionDenied
    if all(u.pk != unit.pk for u in choices):
        choices.append(unit)
    return unit


@login_required
def target_new(request):
    choices = _issuer_choices(request)
    data = request.POST if request.method == "POST" else request.GET
    if not choices and not data.get("issuing_unit"):
        raise PermissionDenied
    issuer = _chosen_unit(request, data, choices, "issuing_unit")
    year = timezone.localdate().year
    form = NewTargetForm(
        request.POST or None,
        units=choices,
        unit_queryset=_issuer_queryset(request.user),
        campaigns=_campaigns_for(choices),
        initial={"issuing_unit": issuer.pk, "start_year": year, "end_year": year, "per_unit_minimum": 1},
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                target = services.create_target(
                    form.cleaned_data["issuing_unit"], form.target_data(), actor=request.user
                )
            except ServiceError as exc:
                _fail(request, exc)
                form.add_error(None, " ".join(exc.messages))
            else:
                messages.success(request, _("The target has been set."))
                return redirect("targets:detail", target.pk)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    return render(request, "targets/form.html", {"nav": "targets", "form": form})


@login_required
def target_edit(request, target_id: int):
    target = _target_or_404(request.user, target_id)
    if not can(request.user, MANAGE, target):
        raise PermissionDenied
    if not target.in_force:
        messages.error(request, _("A withdrawn target takes no changes: restore it first."))
        return _back(target)
    form = EditTargetForm(
        request.POST or None,
        campaigns=_campaigns_for([target.issuing_unit]),
        initial=EditTargetForm.initial_for(target),
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_target(
                    target, form.target_data(), actor=request.user, reason=form.cleaned_data["reason"]
                )
            except ServiceError as exc:
                _fail(request, exc)
                form.add_error(None, " ".join(exc.messages))
            else:
                messages.success(request, _("The changes have been saved."))
                return _back(target)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    return render(request, "targets/form.html", {"nav": "targets", "form": form, "target": target})


@login_required
@require_POST
def target_transition(request, target_id: int):
    target = _target_or_404(request.user, target_id)
    action = request.POST.get("action", "")
    if action not in services.TRANSITIONS:
        messages.error(request, _("Unknown action."))
        return _back(target)
    if not can(request.user, MANAGE, target):
        raise PermissionDenied
    form = ReasonForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        services.transition(target, action, actor=request.user, comment=comment)
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": services.TRANSITIONS[action]})
    return _back(target)


# --- rates and milestones --------------------------------------------------------------------------


@login_required
def report_new(request, target_id: int):
    """A unit officer reports the rate of their unit for a period (a second report of the same
    period corrects the first)."""
    target = _target_or_404(request.user, target_id)
    if target.kind != TargetKind.RATE:
        raise Http404
    units = list(services.reporting_units(request.user, target).order_by("depth", "name_sort")[:500])
    if not units:
        raise PermissionDenied
    if not target.in_force:
        messages.error(request, _("The target is withdrawn: it takes no reports."))
        return _back(target)
    today = timezone.localdate()
    years = list(range(min(target.end_year, today.year), target.start_year - 1, -1))
    initial = {"year": years[0] if years else None, "period": "year"}
    wanted = _number(request.GET.get("unit"))
    if wanted and any(u.pk == wanted for u in units):
        initial["unit"] = wanted
    form = RateReportForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        unit_queryset=services.reporting_units(request.user, target),
        years=years,
        initial=initial,
    )
    if request.method == "POST":
        if form.is_valid():
            unit = form.cleaned_data["unit"]
            try:
                report, created = services.report_rate(
                    target,
                    unit,
                    form.report_data(),
                    actor=request.user,
                    upload=form.cleaned_data.get("evidence"),
                )
            except ServiceError as exc:
                _fail(request, exc)
                form.add_error(None, " ".join(exc.messages))
            else:
                if created:
                    messages.success(request, _("The report of %(unit)s has been recorded.") % {"unit": unit})
                else:
                    messages.success(
                        request, _("The report of %(unit)s has been corrected.") % {"unit": unit}
                    )
                return _back(
                    target, unit if unit.path.startswith(target.issuing_unit.path) else None, "reports"
                )
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    context = {"nav": "targets", "form": form, "target": target, "years": years}
    return render(request, "targets/report_form.html", context)


@login_required
def report_evidence(request, report_id: int):
    """The evidence of a report, to a user who may see the reporting unit."""
    report = RateReport.objects.select_related("unit").filter(pk=report_id).first()
    if report is None or not report.evidence or not can_see_unit(request.user, report.unit):
        raise Http404
    try:
        handle = report.evidence.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    head = handle.read(16)
    handle.seek(0)
    content_type = EVIDENCE_TYPES.get(report.evidence_kind, "application/octet-stream")
    if report.evidence_kind == "photo" and head.startswith(b"\x89PNG"):
        content_type = "image/png"
    elif report.evidence_kind == "photo" and head[8:12] == b"WEBP":
        content_type = "image/webp"
    inline = report.evidence_kind in ("photo", "pdf")
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=not inline,
        filename=report.evidence_name or "evidence",
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def milestone_add(request, target_id: int):
    target = _target_or_404(request.user, target_id)
    if target.kind != TargetKind.MILESTONE:
        raise Http404
    offered, accepted = _milestone_units(request.user, target)
    if not offered:
        raise PermissionDenied
    form = MilestoneForm(request.POST, units=offered, unit_queryset=accepted)
    if form.is_valid():
        try:
            services.record_milestone(
                target, form.cleaned_data["unit"], form.milestone_data(), actor=request.user
            )
        except ServiceError as exc:
            _fail(request, exc)
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, _("The milestone has been recorded."))
            return _back(target, None, "milestones")
    else:
        messages.error(request, _("Nothing was saved: check the fields marked in red."))
    unit = services.default_viewpoint(request.user, target)
    context = _detail_context(request, target, unit, milestone_form=form, open_panel="milestone")
    return render(request, "targets/detail.html", context)


@login_required
@require_POST
def milestone_remove(request, target_id: int, record_id: int):
    target = _target_or_404(request.user, target_id)
    record = (
        MilestoneRecord.objects.select_related("unit", "target").filter(pk=record_id, target=target).first()
    )
    if record is None:
        raise Http404
    if not services.may_record_milestones(request.user, target, record.unit):
        raise PermissionDenied
    form = ReasonForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        services.remove_milestone(record, actor=request.user, reason=comment)
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The milestone has been removed."))
    return _back(target, None, "milestones")


# --- scorecards -------------------------------------------------------------------------------------


def _scheme_or_404(user, scheme_id: int) -> ScorecardScheme:
    scheme = (
        services.visible_schemes(user)
        .select_related("issuing_unit", "unit_type", "created_by__person")
        .filter(pk=scheme_id)
        .first()
    )
    if scheme is None:
        raise Http404
    return scheme


@login_required
def scheme_list(request):
    user = request.user
    schemes = (
        services.visible_schemes(user)
        .select_related("issuing_unit", "unit_type")
        .order_by("-year", Length("issuing_unit__path"), "name", "pk")
    )
    page = Paginator(schemes, PAGE_SIZE).get_page(request.GET.get("page"))
    own = _own_units(request)
    for scheme in page:
        # the user's own units this scheme ranks: a link to each one's breakdown
        scheme.my_units = [
            unit
            for unit in own
            if unit.path.startswith(scheme.issuing_unit.path)
            and unit.depth == scheme.issuing_unit.depth + 1
            and scheme.unit_type_id in (None, unit.unit_type_id)
        ]
        scheme.can_rank = can(user, VIEW, scheme.issuing_unit)
    context = {"nav": "targets", "page": page, "can_create": bool(_issuer_choices(request))}
    return render(request, "targets/schemes.html", context)


def _own_units(request) -> list[Unit]:
    from danvan.accounts.current import switchable_units

    return switchable_units(request.user)


def _scheme_form(request, scheme: ScorecardScheme | None):
    choices = _issuer_choices(request) if scheme is None else []
    if scheme is None:
        data = request.POST if request.method == "POST" else request.GET
        if not choices and not data.get("issuing_unit"):
            raise PermissionDenied
        issuer = _chosen_unit(request, data, choices, "issuing_unit")
        form = NewSchemeForm(
            request.POST or None,
            units=choices,
            unit_queryset=_issuer_queryset(request.user),
            initial={"issuing_unit": issuer.pk, "year": timezone.localdate().year},
        )
        items = item_formset(request.POST or None)
    else:
        form = EditSchemeForm(
            request.POST or None,
            initial={
                "name": scheme.name,
                "year": scheme.year,
                "unit_type": scheme.unit_type_id,
                "description": scheme.description,
            },
        )
        items = item_formset(request.POST or None, list(scheme.items.all()))
    if request.method == "POST":
        if form.is_valid() and items.is_valid():
            rows = [item for item in (f.item() for f in items) if item]
            try:
                if scheme is None:
                    scheme = services.create_scheme(
                        form.cleaned_data["issuing_unit"], form.scheme_data(), rows, actor=request.user
                    )
                    messages.success(request, _("The scorecard has been set."))
                else:
                    services.update_scheme(
                        scheme,
                        form.scheme_data(),
                        rows,
                        actor=request.user,
                        reason=form.cleaned_data["reason"],
                    )
                    messages.success(request, _("The changes have been saved."))
            except ServiceError as exc:
                _fail(request, exc)
                form.add_error(None, " ".join(exc.messages))
            else:
                return redirect("targets:scheme", scheme.pk)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    context = {"nav": "targets", "form": form, "items": items, "scheme": scheme}
    return render(request, "targets/scheme_form.html", context)


@login_required
def scheme_new(request):
    return _scheme_form(request, None)


@login_required
def scheme_edit(request, scheme_id: int):
    scheme = _scheme_or_404(request.user, scheme_id)
    if not can(request.user, MANAGE, scheme):
        raise PermissionDenied
    return _scheme_form(request, scheme)


@login_required
def scheme_detail(request, scheme_id: int):
    """The ranking of the units under the scheme's unit (or under `?parent=` in its subtree)."""
    scheme = _scheme_or_404(request.user, scheme_id)
    parent = scheme.issuing_unit
    wanted = _number(request.GET.get("parent"))
    if wanted:
        parent = visible_units(request.user, VIEW).filter(pk=wanted, path__startswith=parent.path).first()
        if parent is None:
            raise Http404
    if not can(request.user, VIEW, parent):
        raise PermissionDenied
    result = scorecards.ranking(scheme, parent)
    items = list(scheme.items.all())
    for item in items:
        item.label = scorecards.label_of(item.source)
    context = {
        "nav": "targets",
        "scheme": scheme,
        "parent": parent,
        "ranking": result,
        "items": items,
        "page": _paged(request, result.rows, "page"),
        "can_manage": can(request.user, MANAGE, scheme),
        "history": history_entries(scheme, limit=50),
    }
    return render(request, "targets/ranking.html", context)


@login_required
def scheme_unit(request, scheme_id: int, unit_id: int):
    """One unit's breakdown: each item's value, the basis it is compared with, points, weight."""
    scheme = _scheme_or_404(request.user, scheme_id)
    unit = Unit.objects.select_related("unit_type").filter(pk=unit_id).first()
    if unit is None or not can(request.user, VIEW, unit):
        raise Http404
    try:
        row, result = scorecards.scorecard(scheme, unit)
    except LookupError:
        raise Http404 from None
    context = {
        "nav": "targets",
        "scheme": scheme,
        "unit": unit,
        "row": row,
        "ranking": result,
        "can_rank": can(request.user, VIEW, result.parent),
        "metrics_query": urlencode(
            {"unit": unit.pk, "from": scheme.start.isoformat(), "to": scheme.end.isoformat()}
        ),
    }
    return render(request, "targets/scorecard.html", context)


urlpatterns = [
    path("", target_list, name="list"),
    path("new/", target_new, name="new"),
    path("<int:target_id>/", target_detail, name="detail"),
    path("<int:target_id>/edit/", target_edit, name="edit"),
    path("<int:target_id>/transition/", target_transition, name="transition"),
    path("<int:target_id>/reports/new/", report_new, name="report"),
    path("reports/<int:report_id>/evidence/", report_evidence, name="evidence"),
    path("<int:target_id>/milestones/", milestone_add, name="milestone_add"),
    path("<int:target_id>/milestones/<int:record_id>/remove/", milestone_remove, name="milestone_remove"),
    path("scorecards/", scheme_list, name="schemes"),
    path("scorecards/new/", scheme_new, name="scheme_new"),
    path("scorecards/<int:scheme_id>/", scheme_detail, name="scheme"),
    path("scorecards/<int:scheme_id>/edit/", scheme_edit, name="scheme_edit"),
    path("scorecards/<int:scheme_id>/units/<int:unit_id>/", scheme_unit, name="scheme_unit"),
]
