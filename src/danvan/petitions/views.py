"""The officers' petition pages: the list (with its Excel export), recording a received petition,
a petition with its deadline, actions, log and files, the denouncer's identity on request, and
the statutory deadline rules in force.

Views read through `services` and the permission policy and write only through `services`. A
denunciation's identity is never part of a list, an export or the detail page as first shown:
the allowed people ask for it, say why, and the showing is recorded."""

from __future__ import annotations

import io
from datetime import timedelta
from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.history import history_entries
from danvan.core.permissions import can, can_anywhere, scope_q
from danvan.core.services import ServiceError
from danvan.core.text import fold
from danvan.core.views import fail, form_errors
from danvan.orgs.choices import within_choices
from danvan.orgs.models import Unit
from danvan.petitions import deadlines, services
from danvan.petitions.deadlines import Kind, Step
from danvan.petitions.forms import (
    DUE_SOON,
    FLAGS,
    OVERDUE,
    ActionForm,
    AttachmentForm,
    FilterForm,
    IdentityForm,
    PetitionForm,
    area_choices,
)
from danvan.petitions.models import HotSpot, HotSpotStatus, Petition, PetitionAttachment, RefusalGround, Topic
from danvan.petitions.workflow import ACTIONS, OPEN, PetitionStatus

PAGE_SIZE = 25
KIND_ORDER = {value: i for i, value in enumerate(Kind.values)}
STEP_ORDER = {value: i for i, value in enumerate(Step.values)}
EXPORT_LIMIT = 10000
VIEW, RECORD = services.VIEW, services.RECORD


def _petition_or_404(user, pk: int) -> Petition:
    petition = (
        services.visible_petitions(user)
        .select_related("unit__area", "area", "handler__person", "duplicate_of", "reception_session")
        .filter(pk=pk)
        .first()
    )
    if petition is None:
        raise Http404
    return petition


def _filtered(request):
    """The petitions the list shows (and the export writes), and the filter form."""
    user = request.user
    current = request.current_unit or None
    selected = None
    if request.GET.get("within", "").isdigit():
        selected = Unit.objects.filter(pk=request.GET["within"]).filter(scope_q(user, VIEW, "path")).first()
    units = within_choices(user, current, selected, VIEW)
    form = FilterForm(request.GET or None, units=units)
    qs = services.visible_petitions(user)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    within = filters.get("within") or current
    if within is not None:
        qs = qs.filter(unit__path__startswith=within.path)
    today = timezone.localdate()
    if filters.get("q"):
        qs = qs.filter(search__contains=fold(filters["q"]))
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    status = filters.get("status")
    if status == "open":
        qs = qs.filter(status__in=OPEN)
    elif status:
        qs = qs.filter(status=status)
    if filters.get("deadline") == OVERDUE:
        qs = qs.overdue(today)
    elif filters.get("deadline") == DUE_SOON:
        qs = qs.filter(status__in=OPEN, due_on__gte=today, due_on__lte=today + timedelta(days=3))
    if filters.get("flag") in dict(FLAGS):
        qs = qs.filter(**{filters["flag"]: True})
    if filters.get("mine"):
        qs = qs.filter(handler=user)
    qs = qs.select_related("unit", "area", "handler").order_by("-received_on", "-pk")
    return qs, form, within, bool(filters and any(filters.values()))


@login_required
def petition_list(request):
    if not can_anywhere(request.user, VIEW):
        raise PermissionDenied
    qs, form, within, filtered = _filtered(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for item in page:
        item.who = services.petitioner_summary(item)
        item.left = item.days_left(today)
        item.late = -item.left if item.left is not None and item.left < 0 else 0
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "petitions/list.html",
        {
            "nav": "petitions",
            "page": page,
            "form": form,
            "within": within,
            "filtered": filtered,
            "query": query.urlencode(),
            "can_record": can_anywhere(request.user, RECORD),
        },
    )


@login_required
def petition_export(request):
    """The filtered list as an Excel workbook — never a petitioner of a denunciation."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    if not can_anywhere(request.user, VIEW):
        raise PermissionDenied
    qs, _form, within, _filtered_flag = _filtered(request)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Petitions")[:31]
    headers = [
        _("Tracking code"),
        _("Received on"),
        _("Kind"),
        _("Topic"),
        _("Subject"),
        _("Petitioners"),
        _("Competent unit"),
        _("Status"),
        _("Due on"),
        _("Resolved on"),
        _("Flags"),
    ]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for p in qs[:EXPORT_LIMIT]:
        sheet.append(
            [
                p.code,
                p.received_on,
                p.get_kind_display(),
                p.get_topic_display(),
                p.subject,
                services.petitioner_summary(p),
                p.unit.name,
                p.get_status_display(),
                p.due_on,
                p.resolved_on,
                ", ".join(p.flags),
            ]
        )
    for row in sheet.iter_rows(min_row=2):
        for index in (1, 8, 9):
            row[index].number_format = "DD/MM/YYYY"
    widths = [14, 12, 14, 22, 50, 30, 40, 22, 12, 12, 24]
    for i, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + i)].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="don-thu.xlsx"'
    return response


def _units_for_record(user, current):
    """The competent units an officer may choose when recording: People's Committees in force
    where they may record."""
    qs = (
        Unit.objects.active()
        .filter(scope_q(user, RECORD, "path"))
        .filter(unit_type__code="peoples_committee")
    )
    return list(qs.order_by("path")[:200])


def _recent_sessions(user, today):
    """Citizen reception sessions of the last 60 days in the units the user may record for."""
    from danvan.reception.models import ReceptionSession

    return list(
        ReceptionSession.objects.filter(scope_q(user, RECORD, "unit__path"))
        .filter(held_on__gte=today - timedelta(days=60), held_on__lte=today)
        .exclude(status="not_held")
        .select_related("unit")
        .order_by("-held_on", "-pk")[:50]
    )


@login_required
def petition_new(request):
    if not can_anywhere(request.user, RECORD):
        raise PermissionDenied
    current = request.current_unit or None
    areas = area_choices(current)
    units = _units_for_record(request.user, current)
    sessions = _recent_sessions(request.user, timezone.localdate())
    duplicates = []
    if request.method == "POST":
        form = PetitionForm(request.POST, request.FILES, areas=areas, units=units, sessions=sessions)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("others", "confirm_duplicate")}
            data["petitioners"] = form.petitioners()
            if data.get("unit"):
                data["unit"] = next((u for u in units if u.pk == data["unit"]), None) or -1
            if data.get("reception_session"):
                data["reception_session"] = next(s for s in sessions if s.pk == data["reception_session"])
                data["channel"] = "reception"
            else:
                data.pop("reception_session", None)
            try:
                petition = services.record_petition(
                    data,
                    actor=request.user,
                    files=request.FILES.getlist("files"),
                    confirm_duplicate=form.cleaned_data.get("confirm_duplicate"),
                )
            except ServiceError as exc:
                fail(request, exc)
                duplicates = services.find_duplicates(data["petitioners"], data.get("subject", ""))
            else:
                messages.success(
                    request,
                    _("Petition %(code)s recorded; it is due on %(date)s.")
                    % {
                        "code": petition.code,
                        "date": petition.due_on.strftime("%d/%m/%Y") if petition.due_on else "—",
                    },
                )
                return redirect(petition)
        else:
            messages.error(request, form_errors(form))
    else:
        initial = {"received_on": timezone.localdate()}
        if current is not None and current.area_id in dict(areas):
            initial["area"] = current.area_id
        chosen = next((s for s in sessions if str(s.pk) == request.GET.get("session")), None)
        if chosen is not None:
            initial.update(reception_session=chosen.pk, channel="reception", received_on=chosen.held_on)
        form = PetitionForm(initial=initial, areas=areas, units=units, sessions=sessions)
    return render(
        request,
        "petitions/new.html",
        {"nav": "petitions", "form": form, "duplicates": duplicates, "flags": FLAGS},
    )


def _detail_context(request, petition: Petition, *, identity=None) -> dict:
    user = request.user
    today = timezone.localdate()
    actions = services.allowed_actions(petition, user)
    current = services.current_deadline(petition)
    see_identity = services.can_see_identity(user, petition)
    shown = identity
    if not petition.is_denunciation and see_identity:
        shown = list(petition.petitioners or [])
    context = {
        "nav": "petitions",
        "petition": petition,
        "today": today,
        "left": petition.days_left(today),
        "late": max(0, -(petition.days_left(today) or 0)),
        "deadline": current,
        "deadline_text": deadlines.describe(current) if current else "",
        "other_deadlines": [
            {"label": Step(d.step).label, "due_on": d.due_on, "text": deadlines.describe(d)}
            for d in services.other_deadlines(petition)
        ],
        "actions": actions,
        "action_form": ActionForm(),
        "events": petition.events.select_related("actor__person", "unit").order_by("at", "pk"),
        "identity": shown,
        "see_identity": see_identity,
        "identity_form": IdentityForm(),
        "identity_views": petition.identity_views.select_related("user__person")[:50]
        if petition.is_denunciation and see_identity
        else [],
        "attachments": petition.attachments.all() if services.can_open_attachments(user, petition) else None,
        "attachment_count": petition.attachments.count(),
        "can_attach": can(user, RECORD, petition)
        and (not petition.is_denunciation or see_identity)
        and petition.is_open,
        "handlers": list(services.handlers_for(petition).select_related("person"))
        if any(a.action == "assign" for a in actions)
        else [],
        "transfer_units": _units_for_record(user, None)
        if any(a.action == "transfer" for a in actions)
        else [],
        "grounds": RefusalGround.choices,
        "all_actions": ACTIONS,
        "statuses": PetitionStatus.choices,
        "topics": Topic.choices,
        "flags": FLAGS,
        "history": history_entries(petition),
        "hot_spot": HotSpot.objects.filter(area=petition.area_id, status=HotSpotStatus.ACTIVE).first(),
        "can_declare_hot_spot": can_anywhere(user, "petitions.hotspot"),
    }
    return context


@login_required
def petition_detail(request, pk: int):
    petition = _petition_or_404(request.user, pk)
    return render(request, "petitions/detail.html", _detail_context(request, petition))


@login_required
@require_POST
def petition_identity(request, pk: int):
    """Show a denouncer's identity to someone allowed, after they say why (the showing is logged)."""
    petition = _petition_or_404(request.user, pk)
    form = IdentityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why you need to see the denouncer's identity."))
        return redirect(petition)
    people = services.reveal_identity(petition, request.user, purpose=form.cleaned_data["purpose"])
    response = render(request, "petitions/detail.html", _detail_context(request, petition, identity=people))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def petition_act(request, pk: int, action: str):
    petition = _petition_or_404(request.user, pk)
    if action not in ACTIONS:
        raise Http404
    form = ActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(petition)
    try:
        services.transition(
            petition,
            action,
            actor=request.user,
            comment=form.cleaned_data.get("comment", ""),
            reply=form.cleaned_data.get("reply", ""),
            data=form.data_for(action),
        )
    except ServiceError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": ACTIONS[action].label})
    return redirect(petition)


@login_required
@require_POST
def attachment_add(request, pk: int):
    petition = _petition_or_404(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(petition)
    try:
        services.attach(petition, form.cleaned_data["file"], actor=request.user)
    except ServiceError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("File attached."))
    return redirect(petition)


@login_required
def attachment_download(request, pk: int):
    attachment = PetitionAttachment.objects.select_related("petition__unit").filter(pk=pk).first()
    if attachment is None or not can(request.user, VIEW, attachment.petition):
        raise Http404
    if not services.can_open_attachments(request.user, attachment.petition):
        raise PermissionDenied
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def rules(request):
    """The statutory deadline rule sets, the one in force today first."""
    if not can_anywhere(request.user, VIEW):
        raise PermissionDenied
    today = timezone.localdate()
    sets = sorted(deadlines.rule_sets(), key=lambda s: s.valid_from, reverse=True)
    rows = []
    for rule_set in sets:
        rows.append(
            {
                "set": rule_set,
                "in_force": rule_set.valid_from <= today
                and (rule_set.valid_until is None or today <= rule_set.valid_until),
                "rules": [
                    SimpleNamespace(
                        **vars(rule), kind_label=Kind(rule.kind).label, step_label=Step(rule.step).label
                    )
                    for rule in sorted(
                        rule_set.rules.values(), key=lambda r: (KIND_ORDER[r.kind], STEP_ORDER[r.step])
                    )
                ],
            }
        )
    return render(request, "petitions/rules.html", {"nav": "petitions", "rows": rows, "today": today})
