"""Pages of periodic reports: the reports a user may see, the periods with their reporting rates,
the regimes (what a unit asks of the units under it) and opening their periods, a report with its
figures, roll-up, review and log, writing it and correcting its figures.

Views read through the permission policy and the services' queries, and write only through
`services`; the export to DOCX, XLSX and PDF lives in `export_views`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.history import history_entries
from danvan.core.permissions import can, scope_q, visible_units
from danvan.core.services import ServiceError
from danvan.core.views import fail as _fail
from danvan.core.views import form_errors as _form_errors
from danvan.orgs.choices import within_choices
from danvan.orgs.models import Unit
from danvan.reports import figures, services
from danvan.reports.forms import (
    MISSING,
    CorrectionForm,
    FilterForm,
    OpenPeriodForm,
    PeriodFilterForm,
    PeriodListFilterForm,
    RegimeForm,
    ReportForm,
    TransitionForm,
)
from danvan.reports.models import NARRATIVE_FIELDS, Period, Regime, Report
from danvan.reports.workflow import EDITABLE, PREPARE, TRANSITIONS, ReportStatus, action_label
from danvan.targets.status import STYLES

PAGE_SIZE = 25
ROWS_PAGE = 50  # reports of a period, rows of a roll-up
APPENDIX_SHOWN = 50  # rows of an appendix shown on the page (the documents have them all)
PERIOD_LABELS = 40  # recent periods offered in the list's period filter
VIEW, MANAGE = services.VIEW, services.MANAGE
RATE_KEYS = ("submitted", "on_time", "late", "missing", "accepted", "returned")
EMPTY_RATES = services.EMPTY_RATES


def _current(request) -> Unit | None:
    unit = request.current_unit
    return unit if unit else None


def _paged(request, items, param: str = "page", size: int = ROWS_PAGE):
    """A page of `items` read from `?<param>=`, with the addresses of its neighbours (the other
    parameters of the request kept)."""
    page = Paginator(items, size).get_page(request.GET.get(param))

    def url(number):
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}"

    page.prev_url = url(page.previous_page_number()) if page.has_previous() else ""
    page.next_url = url(page.next_page_number()) if page.has_next() else ""
    return page


def _filter_reports(qs, filters: dict, today):
    status = filters.get("status")
    if status == MISSING:
        qs = qs.filter(first_submitted_on__isnull=True)
    elif status:
        qs = qs.filter(status=status)
    if filters.get("late"):
        qs = qs.filter(services.late_q(today))
    return qs


def with_rates(rates: dict) -> dict:
    """A period's rates with the share of the expected reports beside each count."""
    expected = rates["expected"]
    shares = {
        f"{key}_share": (round(100 * rates[key] / expected, 1) if expected else None) for key in RATE_KEYS
    }
    return {**rates, **shares}


def _report_or_404(user, pk: int) -> Report:
    """A report the user may see; any other does not exist for them (404)."""
    report = (
        services.visible_reports(user)
        .select_related("period__regime__issuing_unit", "unit__unit_type")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    return report


def _period_or_404(user, pk: int) -> Period:
    period = services.visible_periods(user).select_related("regime__issuing_unit").filter(pk=pk).first()
    if period is None:
        raise Http404
    return period


def _regime_or_404(user, pk: int) -> Regime:
    regime = (
        services.visible_regimes(user)
        .select_related("issuing_unit", "created_by__person")
        .prefetch_related("reporter_types")
        .filter(pk=pk)
        .first()
    )
    if regime is None:
        raise Http404
    return regime


def _tabs(tab: str) -> dict:
    return {"nav": "reports", "tab": tab}


# --- the reports a user may see ---------------------------------------------------------------------


def _period_labels(user) -> list[str]:
    """The names of the most recent periods the user may see (for the period filter)."""
    labels: list[str] = []
    for label in services.visible_periods(user).order_by("-end").values_list("label", flat=True)[:400]:
        if label not in labels:
            labels.append(label)
        if len(labels) >= PERIOD_LABELS:
            break
    return labels


@login_required
def report_list(request):
    user = request.user
    current = _current(request)
    today = timezone.localdate()
    form = FilterForm(request.GET or None, units=visible_units(user), periods=_period_labels(user))
    filters = form.values() if request.GET else {}
    within = filters.get("within") or current
    form.fields["within"].widget.choices = [
        (u.pk, u.name) for u in within_choices(user, current, within, VIEW)
    ]
    if within is not None and not request.GET.get("within"):
        form.initial["within"] = within.pk
    qs = services.visible_reports(user)
    if within is not None:
        qs = qs.filter(unit__path__startswith=within.path)
    if filters.get("report_type"):
        qs = qs.filter(period__report_type=filters["report_type"])
    if filters.get("year"):
        qs = qs.filter(period__year=filters["year"])
    if filters.get("period"):
        qs = qs.filter(period__label=filters["period"])
    qs = _filter_reports(qs, filters, today)
    qs = qs.select_related("unit", "period__regime").order_by(
        "-period__end", "-period__due_on", "period_id", "-is_summary", "unit__name_sort", "pk"
    )
    context = {
        **_tabs("reports"),
        "form": form,
        "page": _paged(request, qs, size=PAGE_SIZE),
        "within": within,
        "filtered": bool(set(filters) - {"within"}),
        "today": today,
    }
    return render(request, "reports/list.html", context)


# --- periods ---------------------------------------------------------------------------------------


def _attach_rates(user, periods) -> None:
    periods = list(periods)
    found = services.rates_seen_by(user, periods)
    for period in periods:
        period.sees_all = found[period.pk] is not None
        period.rates = with_rates(found[period.pk] or services.EMPTY_RATES)


@login_required
def period_list(request):
    user = request.user
    form = PeriodListFilterForm(request.GET or None)
    filters = form.values() if request.GET else {}
    qs = services.visible_periods(user).select_related("regime__issuing_unit")
    if filters.get("report_type"):
        qs = qs.filter(report_type=filters["report_type"])
    if filters.get("year"):
        qs = qs.filter(year=filters["year"])
    page = _paged(request, qs.order_by("-end", "-due_on", "regime_id", "pk"), size=PAGE_SIZE)
    _attach_rates(user, page.object_list)
    context = {**_tabs("periods"), "form": form, "page": page, "filtered": bool(filters)}
    return render(request, "reports/periods.html", context)


@login_required
def period_detail(request, pk: int):
    user = request.user
    period = _period_or_404(user, pk)
    today = timezone.localdate()
    rates = services.rates_seen_by(user, [period])[period.pk]
    sees_all = rates is not None
    form = PeriodFilterForm(request.GET or None)
    filters = form.values() if request.GET else {}
    visible = services.visible_reports(user).filter(period=period)
    reports = _filter_reports(visible.filter(is_summary=False), filters, today)
    reports = reports.select_related("unit", "period").order_by("unit__name_sort", "pk")
    summary = visible.filter(is_summary=True).select_related("unit", "period").first()
    context = {
        **_tabs("periods"),
        "period": period,
        "regime": period.regime,
        "sees_all": sees_all,
        "rates": with_rates(rates) if sees_all else None,
        "form": form,
        "filtered": bool(filters),
        "reports": _paged(request, reports),
        "summary": summary,
        "today": today,
    }
    return render(request, "reports/period.html", context)


# --- regimes ---------------------------------------------------------------------------------------


def _issuer_choices(request) -> list[Unit]:
    """The current unit and its direct subordinates in force where the user may set regimes."""
    current = _current(request)
    if current is None:
        return []
    units = (
        Unit.objects.filter(scope_q(request.user, MANAGE, "path"))
        .filter(Q(pk=current.pk) | Q(path__startswith=current.path, depth=current.depth + 1))
        .active()
        .order_by("depth", "name_sort")
    )
    return list(units)


@login_required
def regime_list(request):
    user = request.user
    qs = (
        services.visible_regimes(user)
        .select_related("issuing_unit")
        .prefetch_related("reporter_types")
        .annotate(period_count=Count("periods"))
        .order_by("-active", "issuing_unit__path", "report_type", "name", "pk")
    )
    context = {
        **_tabs("regimes"),
        "page": _paged(request, qs, size=PAGE_SIZE),
        "can_create": bool(_issuer_choices(request)),
    }
    return render(request, "reports/regimes.html", context)


@login_required
def regime_new(request):
    choices = _issuer_choices(request)
    if not choices:
        raise PermissionDenied
    issuers = Unit.objects.filter(scope_q(request.user, MANAGE, "path"))
    form = RegimeForm(request.POST or None, issuers=issuers, initial={"issuing_unit": choices[0].pk})
    form.fields["issuing_unit"].widget.choices = [(u.pk, u.name) for u in choices]
    if request.method == "POST":
        if form.is_valid():
            try:
                regime = services.create_regime(
                    form.cleaned_data["issuing_unit"], form.regime_data(), actor=request.user
                )
            except ServiceError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("The reporting regime has been set."))
                return redirect("reports:regime", regime.pk)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    return render(request, "reports/regime_form.html", {**_tabs("regimes"), "form": form})


def _regime_context(request, regime: Regime, open_form=None) -> dict:
    user = request.user
    may_manage = can(user, MANAGE, regime)
    page = _paged(request, regime.periods.select_related("regime__issuing_unit").order_by("-end", "-pk"))
    _attach_rates(user, page.object_list)
    context = {
        **_tabs("regimes"),
        "regime": regime,
        "periods": page,
        "can_manage": may_manage,
        "history": history_entries(regime, limit=50),
    }
    if may_manage and regime.active:
        context["open_form"] = open_form or OpenPeriodForm(regime=regime, initial=_next_period(regime))
    return context


def _next_period(regime: Regime) -> dict:
    """What the open-period form suggests: the current period of a periodic regime, or the one
    after it once it is open."""
    today = timezone.localdate()
    if not regime.is_periodic:
        return {}
    window = regime.rule.current_period(regime.report_type, today)
    if window is None:
        return {"year": today.year}
    year, number = window.year, window.number
    count = len(regime.rule.periods(regime.report_type, year))
    if regime.periods.filter(year=year, number=number).exists():
        year, number = (year, number + 1) if number < count else (year + 1, 1)
    return {"year": year, "number": number}


@login_required
def regime_detail(request, pk: int):
    regime = _regime_or_404(request.user, pk)
    return render(request, "reports/regime.html", _regime_context(request, regime))


@login_required
def regime_edit(request, pk: int):
    regime = _regime_or_404(request.user, pk)
    if not can(request.user, MANAGE, regime):
        raise PermissionDenied
    form = RegimeForm(request.POST or None, instance=regime, editing=True, initial={"active": regime.active})
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_regime(
                    regime, form.regime_data(), actor=request.user, reason=form.cleaned_data["reason"]
                )
            except ServiceError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("The changes have been saved."))
                return redirect("reports:regime", regime.pk)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    return render(request, "reports/regime_form.html", {**_tabs("regimes"), "form": form, "regime": regime})


@login_required
@require_POST
def period_open(request, pk: int):
    regime = _regime_or_404(request.user, pk)
    if not can(request.user, MANAGE, regime):
        raise PermissionDenied
    form = OpenPeriodForm(request.POST, regime=regime)
    if form.is_valid():
        try:
            period = services.open_period(regime, actor=request.user, **form.period_data())
        except ServiceError as exc:
            _fail(request, exc)
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(period)s has been opened: %(count)s units are asked to report.")
                % {"period": period.label, "count": period.reports.filter(is_summary=False).count()},
            )
            return redirect("reports:period", period.pk)
    else:
        messages.error(request, _("Nothing was opened: %(errors)s") % {"errors": _form_errors(form)})
    return render(request, "reports/regime.html", _regime_context(request, regime, open_form=form))


# --- a report --------------------------------------------------------------------------------------


def _sections(data: dict) -> list[dict]:
    """The figures grouped by section, in the order of the report."""
    groups: dict[str, dict] = {}
    for item in data.get("figures", []):
        key = item.get("section", "")
        if key not in groups:
            groups[key] = {"key": key, "title": figures.SECTIONS.get(key, key), "figures": []}
        groups[key]["figures"].append(item)
    return list(groups.values())


def _appendices(data: dict) -> list[dict]:
    result = []
    for key, (title, headers) in figures.APPENDIX_HEADERS.items():
        appendix = (data.get("appendices") or {}).get(key) or {"total": 0, "rows": []}
        rows = appendix.get("rows") or []
        result.append(
            {
                "key": key,
                "title": title,
                "headers": headers,
                "total": appendix.get("total", len(rows)),
                "rows": rows[:APPENDIX_SHOWN],
                "more": max(appendix.get("total", len(rows)) - APPENDIX_SHOWN, 0),
            }
        )
    return result


def _targets(data: dict) -> list[dict]:
    return [{**row, "style": STYLES.get(row.get("status"), "secondary")} for row in data.get("targets") or []]


def _narrative(report: Report) -> list[tuple[str, str, str]]:
    return [
        (name, Report._meta.get_field(name).verbose_name, getattr(report, name)) for name in NARRATIVE_FIELDS
    ]


def _status_label(status: str, summary: bool = False) -> str:
    if summary and status == ReportStatus.ACCEPTED:
        return _("Issued")  # the summary report is issued, not accepted by anyone
    return str(ReportStatus(status).label) if status in ReportStatus.values else ""


def _return_comment(events) -> str:
    """The comment of the latest return (shown while the report waits for its revision)."""
    for event in reversed(events):
        if event.action == "return":
            return event.comment
    return ""


@login_required
def report_detail(request, pk: int):
    user = request.user
    report = _report_or_404(user, pk)
    data = services.report_data(report)
    rollup = data.get("rollup")
    events = list(report.events.select_related("actor__person"))
    for event in events:
        event.label = action_label(event.action)
        event.from_label = _status_label(event.from_status, report.is_summary)
        event.to_label = _status_label(event.to_status, report.is_summary)
    context = {
        "nav": "reports",
        "report": report,
        "period": report.period,
        "data": data,
        "sections": _sections(data),
        "breakdowns": data.get("breakdowns") or [],
        "targets": _targets(data),
        "appendices": _appendices(data),
        "rollup": rollup,
        "rollup_rows": _paged(request, rollup["rows"], "rollup") if rollup else None,
        "narrative": _narrative(report),
        "has_narrative": any(getattr(report, name) for name in NARRATIVE_FIELDS),
        "changes": services.changes_since_frozen(report),
        "events": events,
        "return_comment": _return_comment(events) if report.status == ReportStatus.RETURNED else "",
        "actions": services.allowed_transitions(report, user),
        "can_edit": services.can_prepare(report, user),
        "summary": None
        if report.is_summary
        else services.visible_reports(user).filter(period=report.period, is_summary=True).first(),
        "today": timezone.localdate(),
    }
    return render(request, "reports/detail.html", context)


def _require_prepare(request, report: Report) -> None:
    if not can(request.user, PREPARE, report.unit):
        raise PermissionDenied


def _not_editable(request, report: Report):
    messages.error(
        request,
        _("The report is %(status)s: it can no longer be changed.")
        % {"status": report.get_status_display().lower()},
    )
    return redirect("reports:detail", report.pk)


def _correction_rows(report: Report) -> tuple[list[dict], list[dict]]:
    """The figures and breakdowns of the report as it stands now (corrections applied)."""
    data = services.live_data(report)
    return _sections(data), data.get("breakdowns") or []


@login_required
def report_edit(request, pk: int):
    report = _report_or_404(request.user, pk)
    _require_prepare(request, report)
    if report.status not in EDITABLE:
        return _not_editable(request, report)
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_report(
                    report, form.report_data(), actor=request.user, reason=form.cleaned_data["reason"]
                )
            except ServiceError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("The report has been saved."))
                return redirect("reports:detail", report.pk)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    sections, breakdowns = _correction_rows(report)
    context = {
        "nav": "reports",
        "report": report,
        "period": report.period,
        "form": form,
        "sections": sections,
        "breakdowns": breakdowns,
    }
    return render(request, "reports/edit.html", context)


@login_required
@require_POST
def report_correct(request, pk: int):
    """Correct one figure (value and reason), or remove its correction (with a reason)."""
    report = _report_or_404(request.user, pk)
    _require_prepare(request, report)
    if report.status not in EDITABLE:
        return _not_editable(request, report)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": _form_errors(form)})
    else:
        key, reason = form.cleaned_data["key"], form.cleaned_data["reason"]
        try:
            if form.cleaned_data["remove"]:
                services.remove_correction(report, key, actor=request.user, reason=reason)
            else:
                services.correct(report, key, form.cleaned_data["value"], actor=request.user, reason=reason)
        except ServiceError as exc:
            _fail(request, exc)
        else:
            if form.cleaned_data["remove"]:
                messages.success(request, _("The correction has been removed."))
            else:
                messages.success(request, _("The figure has been corrected."))
    return redirect(reverse("reports:edit", args=[report.pk]) + "#figures")


@login_required
@require_POST
def report_transition(request, pk: int):
    report = _report_or_404(request.user, pk)
    rule = TRANSITIONS.get(request.POST.get("action", ""))
    if rule is None:
        messages.error(request, _("Unknown action."))
        return redirect("reports:detail", report.pk)
    if not can(request.user, rule.permission, services.permission_unit(report, rule)):
        raise PermissionDenied
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was done: %(errors)s") % {"errors": _form_errors(form)})
        return redirect("reports:detail", report.pk)
    try:
        services.transition(report, rule.action, actor=request.user, comment=form.cleaned_data["comment"])
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": rule.label})
    return redirect("reports:detail", report.pk)


urlpatterns = [
    path("", report_list, name="list"),
    path("periods/", period_list, name="periods"),
    path("periods/<int:pk>/", period_detail, name="period"),
    path("regimes/", regime_list, name="regimes"),
    path("regimes/new/", regime_new, name="regime_new"),
    path("regimes/<int:pk>/", regime_detail, name="regime"),
    path("regimes/<int:pk>/edit/", regime_edit, name="regime_edit"),
    path("regimes/<int:pk>/open/", period_open, name="period_open"),
    path("<int:pk>/", report_detail, name="detail"),
    path("<int:pk>/edit/", report_edit, name="edit"),
    path("<int:pk>/corrections/", report_correct, name="correct"),
    path("<int:pk>/transition/", report_transition, name="transition"),
]
