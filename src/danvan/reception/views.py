"""Pages of citizen reception and dialogues: the sessions (periodic and ad hoc) with their
petitions, the heads' schedules, the compliance of a subtree for a month, quarter or year, the
dialogues with their issues, commitments and follow-ups, and the communes with no dialogue yet
this year.

Views read through the permission policy and the services' queries, and write only through
`services`."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core import periods
from danvan.core.history import history_entries
from danvan.core.periods import PeriodError, ReportType
from danvan.core.permissions import ACTIONS, can, scope_q, visible_units
from danvan.core.services import ServiceError
from danvan.core.views import fail as _fail
from danvan.core.views import form_errors as _form_errors
from danvan.orgs.choices import within_choices
from danvan.orgs.models import Person, Unit, UnitCategory
from danvan.reception import compliance, metrics, rules, services
from danvan.reception.forms import (
    STATUS_STYLES,
    CommitmentForm,
    ComplianceForm,
    DialogueFilterForm,
    DialogueForm,
    FollowUpForm,
    IssueForm,
    ScheduleForm,
    SessionEditForm,
    SessionFilterForm,
    SessionForm,
    SessionTransitionForm,
)
from danvan.reception.models import (
    CommitmentFollowUp,
    Dialogue,
    ReceptionSchedule,
    ReceptionSession,
    SessionKind,
)
from danvan.reception.workflow import (
    COMMITMENT_TRANSITIONS,
    MANAGE,
    SESSION_EDITABLE,
    SESSION_TRANSITIONS,
    VIEW,
    CommitmentStatus,
    SessionStatus,
    commitment_action_label,
    session_action_label,
)

PAGE_SIZE = 25
UPCOMING = 6  # planned days shown on a schedule's page
UNRECORDED_WEEKS = 8  # past planned days without a record offered for entry
HEAD_CATEGORIES = (UnitCategory.GOVERNMENT, UnitCategory.PARTY)


def _current(request) -> Unit | None:
    unit = request.current_unit
    return unit if unit else None


def _paged(request, items, param: str = "page", size: int = PAGE_SIZE):
    page = Paginator(items, size).get_page(request.GET.get(param))

    def url(number):
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}"

    page.prev_url = url(page.previous_page_number()) if page.has_previous() else ""
    page.next_url = url(page.next_page_number()) if page.has_next() else ""
    return page


def _tabs(tab: str) -> dict:
    return {"nav": "reception", "tab": tab, "styles": STATUS_STYLES}


def _units_near(request, action: str, categories=None) -> list[Unit]:
    """The current unit and the units two levels under it, in force, where the user may do
    `action` (of the given categories): what the forms offer."""
    current = _current(request)
    if current is None:
        return []
    units = (
        Unit.objects.filter(path__startswith=current.path, depth__lte=current.depth + 2)
        .filter(scope_q(request.user, action, "path"))
        .active()
        .select_related("unit_type")
        .order_by("depth", "name_sort")
    )
    if categories:
        units = units.filter(unit_type__category__in=categories)
    return list(units)


def _managed_queryset(user):
    return Unit.objects.filter(scope_q(user, MANAGE, "path"))


def _within(request, form, filters) -> Unit | None:
    current = _current(request)
    within = filters.get("within") or current
    form.fields["within"].widget.choices = [
        (u.pk, u.name) for u in within_choices(request.user, current, within, VIEW)
    ]
    if within is not None and not request.GET.get("within"):
        form.initial["within"] = within.pk
    return within


# --- petitions received at a session ----------------------------------------------------------------


def _session_petitions(session: ReceptionSession, user=None) -> list:
    """The petitions received at the session (`petitions.Petition.reception_session`), by code, in
    one query; an empty list until the petitions app links them. With `user`, only those the user
    may see as petitions (`petitions.view` on their competent unit): who may see a session does
    not always see petitions."""
    related = getattr(session, "petitions", None)
    if related is None:
        return []
    petitions = related.all()
    if user is not None and "petitions.view" in ACTIONS:
        petitions = petitions.filter(scope_q(user, "petitions.view", "unit__path"))
    return list(petitions.order_by("code", "pk"))


# --- sessions ----------------------------------------------------------------------------------------


def _session_or_404(user, pk: int) -> ReceptionSession:
    session = (
        services.visible_sessions(user)
        .select_related("unit__unit_type", "schedule__person", "created_by__person")
        .filter(pk=pk)
        .first()
    )
    if session is None:
        raise Http404
    return session


@login_required
def session_list(request):
    user = request.user
    form = SessionFilterForm(request.GET or None, units=visible_units(user))
    filters = form.values() if request.GET else {}
    within = _within(request, form, filters)
    qs = services.visible_sessions(user)
    if within is not None:
        qs = qs.filter(unit__path__startswith=within.path)
    year = filters.get("year")
    if year:
        qs = qs.filter(held_on__year=year)
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    qs = qs.select_related("unit", "schedule__person").order_by("-held_on", "-pk")
    totals = []
    if within is not None:
        start, end = (date(year, 1, 1), date(year, 12, 31)) if year else (None, None)
        totals = [
            (metric, metric.value_for(within, start, end))
            for metric in (metrics.SESSIONS_HELD, metrics.HEAD_DAYS_HELD, metrics.CITIZENS_RECEIVED)
        ]
    context = {
        **_tabs("sessions"),
        "form": form,
        "page": _paged(request, qs),
        "within": within,
        "year": year,
        "totals": totals,
        "filtered": bool(set(filters) - {"within"}),
        "can_create": bool(_units_near(request, MANAGE, HEAD_CATEGORIES)),
    }
    return render(request, "reception/sessions.html", context)


def _session_form(request, data=None, initial=None):
    user = request.user
    units = _units_near(request, MANAGE, HEAD_CATEGORIES)
    schedules = (
        ReceptionSchedule.objects.filter(scope_q(user, MANAGE, "unit__path"))
        .active()
        .select_related("unit", "person")
        .order_by("unit__path", "pk")
    )
    return SessionForm(
        data,
        initial=initial,
        schedules=schedules,
        units=units,
        unit_queryset=_managed_queryset(user),
    )


@login_required
def session_new(request):
    initial = {"status": SessionStatus.HELD, "kind": SessionKind.SCHEDULED}
    schedule_id = request.GET.get("schedule", "")
    if schedule_id.isdigit():
        schedule = services.visible_schedules(request.user).filter(pk=int(schedule_id)).first()
        if schedule is not None:
            initial.update({"schedule": schedule.pk, "presided_by": "head", "place": schedule.place})
    else:
        initial["kind"] = SessionKind.AD_HOC
    try:
        day = parse_date(request.GET.get("date") or "")
    except ValueError:  # well formed but no such day (2026-02-30)
        day = None
    initial["held_on"] = day or timezone.localdate()
    form = _session_form(request, request.POST or None, initial)
    if not form.fields["schedule"].queryset.exists() and not form.fields["unit"].widget.choices[1:]:
        raise PermissionDenied
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                session = services.record_session(
                    data.get("unit"),
                    form.session_data(),
                    actor=request.user,
                    schedule=data.get("schedule"),
                    kind=data["kind"],
                    status=data["status"],
                    comment=data.get("comment", ""),
                )
            except ServiceError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("The session has been recorded."))
                return redirect("reception:session", session.pk)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    return render(request, "reception/session_form.html", {**_tabs("sessions"), "form": form})


@login_required
def session_detail(request, pk: int):
    user = request.user
    session = _session_or_404(user, pk)
    events = list(session.events.select_related("actor__person"))
    for event in events:
        event.label = session_action_label(event.action)
    context = {
        **_tabs("sessions"),
        "session": session,
        "petitions": _session_petitions(session, user),
        "events": events,
        "history": history_entries(session, limit=50),
        "actions": services.allowed_session_transitions(session, user),
        "can_edit": session.status in SESSION_EDITABLE and can(user, MANAGE, session.unit),
        "can_record_petition": session.status != "not_held" and can(user, "petitions.record", session.unit),
        "today": timezone.localdate(),
    }
    return render(request, "reception/session.html", context)


@login_required
def session_edit(request, pk: int):
    session = _session_or_404(request.user, pk)
    if not can(request.user, MANAGE, session.unit):
        raise PermissionDenied
    if session.status not in SESSION_EDITABLE:
        messages.error(request, _("A session recorded as not held takes no changes."))
        return redirect("reception:session", session.pk)
    form = SessionEditForm(request.POST or None, instance=session)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_session(
                    session,
                    form.session_data(),
                    actor=request.user,
                    reason=form.cleaned_data.get("reason", ""),
                )
            except ServiceError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("The changes have been saved."))
                return redirect("reception:session", session.pk)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
        session.refresh_from_db()
    return render(
        request, "reception/session_edit.html", {**_tabs("sessions"), "form": form, "session": session}
    )


@login_required
@require_POST
def session_transition(request, pk: int):
    session = _session_or_404(request.user, pk)
    rule = SESSION_TRANSITIONS.get(request.POST.get("action", ""))
    if rule is None:
        messages.error(request, _("Unknown action."))
        return redirect("reception:session", session.pk)
    if not can(request.user, rule.permission, session.unit):
        raise PermissionDenied
    form = SessionTransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was done: %(errors)s") % {"errors": _form_errors(form)})
        return redirect("reception:session", session.pk)
    data = form.cleaned_data
    try:
        services.transition_session(
            session,
            rule.action,
            actor=request.user,
            comment=data["comment"],
            presided_by=data["presided_by"] or None,
            presider_name=data["presider_name"] or None,
            citizens_count=data["citizens_count"],
            held_on=data["held_on"],
        )
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": rule.label})
    return redirect("reception:session", session.pk)


# --- schedules ---------------------------------------------------------------------------------------


def _schedule_or_404(user, pk: int) -> ReceptionSchedule:
    schedule = (
        services.visible_schedules(user)
        .select_related("unit__unit_type", "unit__area", "person", "created_by__person")
        .filter(pk=pk)
        .first()
    )
    if schedule is None:
        raise Http404
    return schedule


@login_required
def schedule_list(request):
    user = request.user
    form = DialogueFilterForm(request.GET or None, units=visible_units(user))  # within only
    del form.fields["year"]
    filters = form.values() if request.GET else {}
    within = _within(request, form, filters)
    qs = services.visible_schedules(user)
    if within is not None:
        qs = qs.filter(unit__path__startswith=within.path)
    qs = qs.select_related("unit", "person").order_by("unit__path", "position", "pk")
    context = {
        **_tabs("schedules"),
        "form": form,
        "page": _paged(request, qs),
        "within": within,
        "today": timezone.localdate(),
        "can_create": bool(_units_near(request, MANAGE, HEAD_CATEGORIES)),
    }
    return render(request, "reception/schedules.html", context)


def _people_for(units) -> object:
    return (
        Person.objects.filter(unit__in=[u.pk for u in units])
        .select_related("unit")
        .order_by("unit__path", "full_name")
    )


@login_required
def schedule_new(request):
    units = _units_near(request, MANAGE, HEAD_CATEGORIES)
    if not units:
        raise PermissionDenied
    form = ScheduleForm(
        request.POST or None,
        units=units,
        unit_queryset=_managed_queryset(request.user),
        people=_people_for(units),
        initial={"unit": units[0].pk, "valid_from": timezone.localdate()},
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                schedule = services.create_schedule(
                    form.cleaned_data["unit"], form.schedule_data(), actor=request.user
                )
            except ServiceError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("The reception schedule has been set."))
                return redirect("reception:schedule", schedule.pk)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    return render(
        request, "reception/schedule_form.html", {**_tabs("schedules"), "form": form, "minimums": _minimums()}
    )


def _minimums() -> list[dict]:
    """The positions and their legal minimums, for the form's help."""
    from danvan.reception.rules import HeadPosition, describe_minimum, legal_minimum

    rows = []
    for position in HeadPosition:
        rule = legal_minimum(position)
        rows.append(
            {
                "position": position.label,
                "minimum": describe_minimum(rule.days, rule.per),
                "basis": rule.basis,
            }
        )
    return rows


@login_required
def schedule_edit(request, pk: int):
    schedule = _schedule_or_404(request.user, pk)
    if not can(request.user, MANAGE, schedule.unit):
        raise PermissionDenied
    form = ScheduleForm(
        request.POST or None, instance=schedule, people=_people_for([schedule.unit]), editing=True
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_schedule(
                    schedule, form.schedule_data(), actor=request.user, reason=form.cleaned_data["reason"]
                )
            except ServiceError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("The changes have been saved."))
                return redirect("reception:schedule", schedule.pk)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
        schedule.refresh_from_db()
    context = {**_tabs("schedules"), "form": form, "schedule": schedule, "minimums": _minimums()}
    return render(request, "reception/schedule_form.html", context)


def _day_row(nominal: date, day: date) -> dict:
    return {"nominal": nominal, "day": day, "moved": nominal != day, "weekday": rules.WEEKDAYS[day.weekday()]}


def _schedule_days(schedule: ReceptionSchedule, today: date) -> tuple[list[dict], list[dict]]:
    """(upcoming planned days, recent planned days with no session recorded)."""
    try:
        pattern = schedule.regular_day
    except ValueError:
        return [], []
    start = max(today - timedelta(weeks=UNRECORDED_WEEKS), schedule.valid_from or today)
    end = today + timedelta(days=95)
    if schedule.valid_until is not None:
        end = min(end, schedule.valid_until)
    planned = pattern.planned_dates(start, end) if start <= end else []
    recorded = set(
        schedule.sessions.filter(kind=SessionKind.SCHEDULED, held_on__gte=start).values_list(
            "held_on", flat=True
        )
    )
    upcoming = [_day_row(n, d) for n, d in planned if d >= today][:UPCOMING]
    missing = [_day_row(n, d) for n, d in planned if d < today and d not in recorded and n not in recorded]
    return upcoming, missing[::-1]


@login_required
def schedule_detail(request, pk: int):
    user = request.user
    schedule = _schedule_or_404(user, pk)
    today = timezone.localdate()
    upcoming, missing = _schedule_days(schedule, today)
    windows = [
        periods.CALENDAR.window(ReportType.MONTHLY, today.year, today.month),
        periods.CALENDAR.current_period(ReportType.QUARTERLY, today),
        periods.CALENDAR.window(ReportType.ANNUAL, today.year),
    ]
    standing = [
        (w, compliance.period_code(w), compliance.schedule_compliance(schedule, w, today)) for w in windows
    ]
    sessions = schedule.sessions.select_related("unit").order_by("-held_on", "-pk")
    may_manage = can(user, MANAGE, schedule.unit)
    context = {
        **_tabs("schedules"),
        "schedule": schedule,
        "legal": schedule.legal,
        "upcoming": upcoming,
        "missing": missing if may_manage else [],
        "standing": standing,
        "sessions": _paged(request, sessions),
        "can_manage": may_manage,
        "history": history_entries(schedule, limit=50),
        "today": today,
    }
    return render(request, "reception/schedule.html", context)


# --- compliance -----------------------------------------------------------------------------------------


@login_required
def compliance_page(request):
    user = request.user
    today = timezone.localdate()
    form = ComplianceForm(request.GET or None, units=visible_units(user))
    filters = form.values() if request.GET else {}
    within = _within(request, form, filters)
    try:
        period = compliance.parse_period(filters.get("period"), today)
    except PeriodError as exc:
        messages.error(request, str(exc))
        period = compliance.parse_period("", today)
    form.initial["period"] = compliance.period_code(period)
    schedules = services.visible_schedules(user)
    if within is not None:
        schedules = schedules.filter(unit__path__startswith=within.path)
    result = compliance.table(schedules, period, today)
    ordered = (
        compliance.schedules_in_force(schedules, period)
        .select_related("unit", "person")
        .order_by("unit__path", "position", "pk")
    )
    page = _paged(request, ordered)
    for schedule in page.object_list:
        schedule.counts = result.counts.get(schedule.pk) or compliance.Counts()
    before, after = compliance.neighbours(period)
    query = request.GET.copy()
    query.pop("page", None)

    def link(code):
        if not code:
            return ""
        query["period"] = code
        return f"?{query.urlencode()}"

    context = {
        **_tabs("compliance"),
        "form": form,
        "within": within,
        "period": period,
        "result": result,
        "page": page,
        "before_url": link(before),
        "after_url": link(after),
        "today": today,
    }
    return render(request, "reception/compliance.html", context)


# --- dialogues ----------------------------------------------------------------------------------------


def _dialogue_or_404(user, pk: int) -> Dialogue:
    dialogue = (
        services.visible_dialogues(user)
        .select_related("organizer__unit_type", "organizer__area", "front", "created_by__person")
        .filter(pk=pk)
        .first()
    )
    if dialogue is None:
        raise Http404
    return dialogue


@login_required
def dialogue_list(request):
    user = request.user
    today = timezone.localdate()
    form = DialogueFilterForm(request.GET or None, units=visible_units(user))
    filters = form.values() if request.GET else {}
    within = _within(request, form, filters)
    qs = services.visible_dialogues(user)
    if within is not None:
        qs = qs.filter(organizer__path__startswith=within.path)
    year = filters.get("year")
    if year:
        qs = qs.filter(held_on__year=year)
    qs = (
        qs.select_related("organizer", "front")
        .annotate(
            issue_count=Count("issues", distinct=True),
            commitment_count=Count("commitments", distinct=True),
            open_count=Count(
                "commitments", filter=Q(commitments__status=CommitmentStatus.OPEN), distinct=True
            ),
            overdue_count=Count(
                "commitments",
                filter=Q(commitments__status=CommitmentStatus.OPEN, commitments__due_on__lt=today),
                distinct=True,
            ),
        )
        .order_by("-held_on", "-pk")
    )
    coverage_year = year or today.year
    without = None
    if within is not None:
        without = _paged(
            request,
            services.communes_without_dialogue(within, coverage_year, user=user).select_related("area"),
            param="cpage",
        )
    context = {
        **_tabs("dialogues"),
        "form": form,
        "page": _paged(request, qs),
        "within": within,
        "filtered": bool(set(filters) - {"within"}),
        "coverage_year": coverage_year,
        "without": without,
        "can_create": bool(_units_near(request, MANAGE, (UnitCategory.GOVERNMENT,))),
    }
    return render(request, "reception/dialogues.html", context)


def _beside(units) -> Q:
    """The units under the same parent as one of `units` (a commune's People's Committee, Front
    and police are siblings under its Party committee): the units a dialogue of theirs may name
    (`services._may_name`), seen or not."""
    condition = Q(pk__in=[])
    for unit in units:
        if unit.depth > 1:
            condition |= Q(path__startswith=unit.path[: -unit.steplen], depth=unit.depth)
    return condition


def _fronts_near(request, organizers) -> list[Unit]:
    """The Front committees a dialogue of one of `organizers` may name: those beside it, and those
    the user may see near their current unit."""
    near = Q(pk__in=[])
    current = _current(request)
    if current is not None:
        near = Q(path__startswith=current.path, depth__lte=current.depth + 2) & scope_q(
            request.user, "unit.view", "path"
        )
    fronts = Unit.objects.filter(unit_type__category=UnitCategory.FRONT).filter(_beside(organizers) | near)
    return list(fronts.active().order_by("depth", "name_sort")[:300])


def _owners_near(user, dialogue: Dialogue) -> list[Unit]:
    """The units a commitment is usually owned by: the organizer, the units beside it, and those
    under it the user may see."""
    organizer = dialogue.organizer
    below = Q(path__startswith=organizer.path, depth=organizer.depth + 1) & scope_q(user, "unit.view", "path")
    units = Unit.objects.filter(Q(pk=organizer.pk) | _beside([organizer]) | below).active()
    return list(units.order_by("depth", "name_sort")[:300])


@login_required
def dialogue_new(request):
    organizers = _units_near(request, MANAGE, (UnitCategory.GOVERNMENT,))
    if not organizers:
        raise PermissionDenied
    fronts = _fronts_near(request, organizers)
    form = DialogueForm(
        request.POST or None,
        organizers=organizers,
        organizer_queryset=_managed_queryset(request.user),
        fronts=fronts,
        front_queryset=Unit.objects.filter(unit_type__category=UnitCategory.FRONT),
        initial={"organizer": organizers[0].pk, "front": fronts[0].pk if fronts else None},
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                dialogue = services.create_dialogue(
                    form.cleaned_data["organizer"], form.dialogue_data(), actor=request.user
                )
            except ServiceError as exc:
                _fail(request, exc)
            else:
                messages.success(
                    request, _("The dialogue has been recorded: add the issues raised and the commitments.")
                )
                return redirect("reception:dialogue", dialogue.pk)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    return render(request, "reception/dialogue_form.html", {**_tabs("dialogues"), "form": form})


@login_required
def dialogue_edit(request, pk: int):
    dialogue = _dialogue_or_404(request.user, pk)
    if not can(request.user, MANAGE, dialogue.organizer):
        raise PermissionDenied
    fronts = _fronts_near(request, [dialogue.organizer])
    if dialogue.front is not None and all(f.pk != dialogue.front_id for f in fronts):
        fronts.append(dialogue.front)
    form = DialogueForm(
        request.POST or None,
        instance=dialogue,
        fronts=fronts,
        front_queryset=Unit.objects.filter(unit_type__category=UnitCategory.FRONT),
        editing=True,
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_dialogue(
                    dialogue,
                    form.dialogue_data(),
                    actor=request.user,
                    reason=form.cleaned_data.get("reason", ""),
                )
            except ServiceError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("The changes have been saved."))
                return redirect("reception:dialogue", dialogue.pk)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
        dialogue.refresh_from_db()
    return render(
        request, "reception/dialogue_form.html", {**_tabs("dialogues"), "form": form, "dialogue": dialogue}
    )


def _dialogue_context(request, dialogue: Dialogue, issue_form=None, commitment_form=None) -> dict:
    user = request.user
    today = timezone.localdate()
    may_manage = can(user, MANAGE, dialogue.organizer)
    commitments = list(
        dialogue.commitments.select_related("owner_unit", "issue", "dialogue__organizer")
        .prefetch_related(
            Prefetch(
                "follow_ups",
                queryset=CommitmentFollowUp.objects.select_related("actor__person").order_by("at", "id"),
            )
        )
        .order_by("due_on", "pk")
    )
    for commitment in commitments:
        commitment.late = commitment.is_overdue(today)
        commitment.actions = services.allowed_follow_ups(commitment, user)
        for step in commitment.follow_ups.all():
            step.label = commitment_action_label(step.action)
    owners = _owners_near(user, dialogue) if may_manage else []
    context = {
        **_tabs("dialogues"),
        "dialogue": dialogue,
        "issues": list(dialogue.issues.all()),
        "commitments": commitments,
        "open_count": sum(c.status == CommitmentStatus.OPEN for c in commitments),
        "overdue_count": sum(c.late for c in commitments),
        "can_manage": may_manage,
        "history": history_entries(dialogue, limit=50),
        "today": today,
        "transitions": COMMITMENT_TRANSITIONS,
    }
    if may_manage:
        context["issue_form"] = issue_form or IssueForm()
        context["commitment_form"] = commitment_form or CommitmentForm(
            dialogue=dialogue,
            owners=owners,
            owner_queryset=Unit.objects.all(),
            initial={"owner_unit": dialogue.organizer_id},
        )
    return context


@login_required
def dialogue_detail(request, pk: int):
    dialogue = _dialogue_or_404(request.user, pk)
    return render(request, "reception/dialogue.html", _dialogue_context(request, dialogue))


@login_required
@require_POST
def issue_add(request, pk: int):
    dialogue = _dialogue_or_404(request.user, pk)
    if not can(request.user, MANAGE, dialogue.organizer):
        raise PermissionDenied
    form = IssueForm(request.POST)
    if form.is_valid():
        try:
            services.add_issue(dialogue, form.cleaned_data, actor=request.user)
        except ServiceError as exc:
            _fail(request, exc)
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, _("The issue has been recorded."))
            return redirect(reverse("reception:dialogue", args=[dialogue.pk]) + "#issues")
    else:
        messages.error(request, _("Nothing was saved: %(errors)s") % {"errors": _form_errors(form)})
    return render(request, "reception/dialogue.html", _dialogue_context(request, dialogue, issue_form=form))


@login_required
@require_POST
def commitment_add(request, pk: int):
    dialogue = _dialogue_or_404(request.user, pk)
    if not can(request.user, MANAGE, dialogue.organizer):
        raise PermissionDenied
    form = CommitmentForm(
        request.POST,
        dialogue=dialogue,
        owners=_owners_near(request.user, dialogue),
        owner_queryset=Unit.objects.all(),
    )
    if form.is_valid():
        try:
            services.add_commitment(dialogue, form.commitment_data(), actor=request.user)
        except ServiceError as exc:
            _fail(request, exc)
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, _("The commitment has been recorded."))
            return redirect(reverse("reception:dialogue", args=[dialogue.pk]) + "#commitments")
    else:
        messages.error(request, _("Nothing was saved: %(errors)s") % {"errors": _form_errors(form)})
    return render(
        request, "reception/dialogue.html", _dialogue_context(request, dialogue, commitment_form=form)
    )


@login_required
@require_POST
def commitment_follow_up(request, pk: int):
    commitment = (
        services.visible_commitments(request.user)
        .select_related("dialogue__organizer", "owner_unit")
        .filter(pk=pk)
        .first()
    )
    if commitment is None:
        raise Http404
    back = reverse("reception:dialogue", args=[commitment.dialogue_id]) + f"#commitment-{commitment.pk}"
    if not services.can_follow_up(request.user, commitment):
        raise PermissionDenied
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: %(errors)s") % {"errors": _form_errors(form)})
        return redirect(back)
    data = form.cleaned_data
    try:
        services.follow_up(
            commitment,
            data["action"],
            actor=request.user,
            content=data["content"],
            happened_on=data["happened_on"],
        )
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The follow-up has been recorded."))
    return redirect(back)


urlpatterns = [
    path("", session_list, name="sessions"),
    path("sessions/new/", session_new, name="session_new"),
    path("sessions/<int:pk>/", session_detail, name="session"),
    path("sessions/<int:pk>/edit/", session_edit, name="session_edit"),
    path("sessions/<int:pk>/transition/", session_transition, name="session_transition"),
    path("schedules/", schedule_list, name="schedules"),
    path("schedules/new/", schedule_new, name="schedule_new"),
    path("schedules/<int:pk>/", schedule_detail, name="schedule"),
    path("schedules/<int:pk>/edit/", schedule_edit, name="schedule_edit"),
    path("compliance/", compliance_page, name="compliance"),
    path("dialogues/", dialogue_list, name="dialogues"),
    path("dialogues/new/", dialogue_new, name="dialogue_new"),
    path("dialogues/<int:pk>/", dialogue_detail, name="dialogue"),
    path("dialogues/<int:pk>/edit/", dialogue_edit, name="dialogue_edit"),
    path("dialogues/<int:pk>/issues/", issue_add, name="issue_add"),
    path("dialogues/<int:pk>/commitments/", commitment_add, name="commitment_add"),
    path("commitments/<int:pk>/follow-ups/", commitment_follow_up, name="follow_up"),
]
