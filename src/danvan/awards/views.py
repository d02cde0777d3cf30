"""Pages of decisions, commendation proposals and the award catalogue. Views read through the
permission policy and write only through `services`."""

from __future__ import annotations

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

from danvan.awards import queries, services
from danvan.awards.forms import (
    AwardFormForm,
    DecisionForm,
    FilterForm,
    MarkForm,
    NewDecisionForm,
    ProposalFilterForm,
    ProposalForm,
)
from danvan.awards.models import AwardForm, Decision, DecisionEntry, Proposal
from danvan.awards.workflow import (
    DECISION_TRANSITIONS,
    MARKABLE,
    PROPOSAL_TRANSITIONS,
    DecisionKind,
    DecisionStatus,
)
from danvan.core.history import history_entries
from danvan.core.lazy import lazy_module
from danvan.core.permissions import ACTIONS, can, grants_of, scope_q, visible_units
from danvan.core.services import ServiceError
from danvan.core.views import fail as _fail
from danvan.initiatives.models import Initiative
from danvan.initiatives.services import visible_initiatives
from danvan.initiatives.workflow import Status
from danvan.orgs.choices import within_choices
from danvan.orgs.models import Campaign, Unit

documents = lazy_module("danvan.awards.documents")  # builds documents: loaded by the first request that does

PAGE_SIZE = 25
CANDIDATES_SHOWN = 100
REVIEW = services.REVIEW


def _current(request) -> Unit | None:
    unit = request.current_unit
    return unit if unit else None


def _decision_or_404(user, decision_id: int) -> Decision:
    decision = (
        services.visible_decisions(user)
        .select_related(
            "issuing_unit__area",
            "issuing_unit__unit_type",
            "issuing_body__area",
            "issuing_body__unit_type",
            "award_form",
            "created_by__person",
        )
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:
        raise Http404
    return decision


def _back(decision: Decision, anchor: str = ""):
    response = redirect("awards:detail", decision.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _unit_choices(user, current: Unit | None, selected: Unit | None) -> list[Unit]:
    return within_choices(user, current, selected, "unit.view")


# --- decisions: the list -------------------------------------------------------------------------


@login_required
def decision_list(request):
    user = request.user
    current = _current(request)
    form = FilterForm(request.GET or None, units=visible_units(user))
    filters = form.values() if request.GET else {}
    within = filters.get("within")
    form.fields["within"].widget.choices = [
        ("", _("All units I see")),
        *((u.pk, u.name) for u in _unit_choices(user, current, within)),
    ]
    qs = queries.filter_decisions(
        user,
        within,
        q=filters.get("q", ""),
        kind=filters.get("kind"),
        year=filters.get("year"),
        status=filters.get("status"),
    ).select_related(*queries.LIST_RELATED)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    funnel_unit = within or current
    funnel_year = (
        filters.get("year") or (funnel_unit and queries.latest_year(funnel_unit)) or timezone.localdate().year
    )
    context = {
        "nav": "awards",
        "form": form,
        "page": page,
        "filtered": bool(filters),
        "can_decide": services.may_decide(user),
        "funnel_unit": funnel_unit,
        "funnel_year": funnel_year,
        "funnel": queries.funnel(funnel_unit, funnel_year) if funnel_unit else None,
    }
    return render(request, "awards/list.html", context)


# --- a new decision ------------------------------------------------------------------------------


def _levels(request, wanted: str = "") -> list[Unit]:
    """The levels offered: the units the user steers, and the current unit with its direct
    subordinates where they may decide (and the one asked for, when they may decide there)."""
    user = request.user
    allowed = services.decision_levels(user)
    current = _current(request)
    condition = Q(pk__in=[g.unit_id for g in grants_of(user) if g.role in ACTIONS[REVIEW]])
    if current is not None:
        condition |= Q(pk=current.pk) | Q(path__startswith=current.path, depth=current.depth + 1)
    if wanted.isdigit():
        condition |= Q(pk=int(wanted))
    return list(allowed.filter(condition).order_by("depth", "name_sort")[:200])


@login_required
def decision_new(request):
    if not services.may_decide(request.user):
        raise PermissionDenied
    raw_level = (request.POST or request.GET).get("level") or ""
    levels = _levels(request, raw_level)
    if not levels:
        raise PermissionDenied
    level_qs = services.decision_levels(request.user)
    chosen = next((u for u in levels if raw_level.isdigit() and u.pk == int(raw_level)), levels[0])
    forms_qs = services.catalogue(chosen)
    form = NewDecisionForm(
        request.POST or None,
        levels=level_qs,
        forms_qs=AwardForm.objects.filter(active=True, province__depth=1),
        initial={"kind": request.GET.get("kind") or DecisionKind.RECOGNITION, "level": chosen.pk},
    )
    form.fields["level"].widget.choices = [(u.pk, u.name) for u in levels]
    form.fields["award_form"].widget.choices = [
        ("", _("— choose for a commendation —")),
        *((f.pk, f.name) for f in forms_qs),
    ]
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            header = {"date": data["date"]}
            if data["kind"] == DecisionKind.COMMENDATION:
                header["award_form"] = data["award_form"]
                bodies = services.issuing_bodies(data["level"])
                body = next(
                    (
                        b
                        for b in bodies
                        if b.unit_type_id == data["award_form"].issuer_type_id
                        and b.area.level == data["award_form"].level
                    ),
                    None,
                )
                if body is not None:
                    header["issuing_body"] = body
            try:
                decision = services.create_decision(data["kind"], data["level"], header, actor=request.user)
            except ServiceError as exc:
                _fail(request, exc)
            else:
                messages.success(
                    request, _("The draft decision has been created: complete its header and list.")
                )
                return redirect("awards:edit", decision.pk)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    no_catalogue = not forms_qs.exists()
    context = {
        "nav": "awards",
        "form": form,
        "no_catalogue": no_catalogue,
        "province": services.province_of(chosen),
    }
    return render(request, "awards/new.html", context)


# --- a decision's page ---------------------------------------------------------------------------


def _entries(decision: Decision) -> list[DecisionEntry]:
    return list(
        decision.entries.select_related(
            "initiative__owner_unit",
            "initiative__field",
            "proposal__proposing_unit",
            "proposal__recipient_unit",
            "proposal__award_form",
            "proposal__initiative",
        ).order_by("position", "id")
    )


def _entry_history(decision: Decision, limit: int = 100) -> list[dict]:
    """Who put what on the list, took it off or marked it, when and why."""
    records = (
        DecisionEntry.history.filter(decision_id=decision.pk)
        .select_related("history_user", "initiative", "proposal")
        .order_by("-history_date", "-history_id")[:limit]
    )
    return [
        {
            "at": r.history_date,
            "user": r.history_user.get_username() if r.history_user else None,
            "subject": str(r.initiative or r.proposal or ""),
            "reason": r.history_change_reason,
        }
        for r in records
    ]


def _candidates(request, decision: Decision) -> dict:
    """What may be added to a draft's list: proposed models (or submitted proposals) of the level's
    subtree, found by name, or those of a closed appraisal round's proposal list."""
    q = (request.GET.get("q") or "").strip()[:100]
    level = decision.issuing_unit
    present = decision.entries.values("initiative_id" if decision.is_recognition else "proposal_id")
    context = {"q": q, "rounds": [], "round": None, "typical_ids": set()}
    if decision.is_recognition:
        qs = (
            Initiative.objects.filter(
                owner_unit__path__startswith=level.path, status=Status.PROPOSED, year__lte=decision.date.year
            )
            .exclude(pk__in=present)
            .select_related("owner_unit", "field")
        )
        rounds, chosen, listed = _appraisal_rounds(request, decision)
        context["rounds"], context["round"] = rounds, chosen
        if chosen is not None:
            qs = qs.filter(pk__in=list(listed))
            context["typical_ids"] = {pk for pk, is_typical in listed.items() if is_typical}
        if q:
            qs = qs.search(q).order_by("search_rank", "owner_unit__name_sort", "name_folded")
        else:
            qs = qs.order_by("owner_unit__name_sort", "name_folded")
    else:
        qs = (
            Proposal.objects.filter(status="submitted", proposing_unit__path__startswith=level.path)
            .exclude(pk__in=present)
            .select_related("proposing_unit", "award_form", "initiative")
        )
        if decision.award_form and decision.award_form.recipients != "both":
            qs = qs.filter(holder=decision.award_form.recipients)
        if q:
            from danvan.core.text import fold

            qs = qs.filter(name_folded__contains=fold(q))
        qs = qs.order_by("proposing_unit__name_sort", "recipient_name")
    items = list(qs[: CANDIDATES_SHOWN + 1])
    context["candidates"] = items[:CANDIDATES_SHOWN]
    context["more"] = len(items) > CANDIDATES_SHOWN
    return context


def _appraisal_rounds(request, decision: Decision):
    """Closed appraisal rounds of the level's subtree and, for the chosen one, its proposal list
    ({initiative id: typical}) — when the appraisal app offers them."""
    try:
        from danvan.appraisal import services as appraisal
        from danvan.appraisal.workflow import RoundStatus
    except ImportError:  # the appraisal app is optional for decisions
        return [], None, {}
    if not hasattr(appraisal, "proposal_list") or not hasattr(appraisal, "visible_rounds"):
        return [], None, {}
    rounds = list(
        appraisal.visible_rounds(request.user)
        .filter(status=RoundStatus.CLOSED, unit__path__startswith=decision.issuing_unit.path)
        .select_related("unit")
        .order_by("-year", "-closed_at")[:20]
    )
    raw = request.GET.get("round") or ""
    chosen = next((r for r in rounds if raw.isdigit() and r.pk == int(raw)), None)
    if chosen is None:
        return rounds, None, {}
    listed = {c.initiative_id: bool(getattr(c, "typical", False)) for c in appraisal.proposal_list(chosen)}
    return rounds, chosen, listed


def _detail_context(request, decision: Decision, **extra) -> dict:
    user = request.user
    entries = _entries(decision)
    may_review = can(user, REVIEW, decision)
    initiative_ids = [e.initiative_id for e in entries if e.initiative_id]
    openable = set(visible_initiatives(user).filter(pk__in=initiative_ids).values_list("pk", flat=True))
    is_draft = decision.status == DecisionStatus.DRAFT
    context = {
        "nav": "awards",
        "decision": decision,
        "entries": entries,
        "openable": openable,
        "may_review": may_review,
        "may_edit": may_review and is_draft,
        "may_mark": may_review and decision.is_recognition and decision.status in MARKABLE,
        "actions": services.allowed_transitions(decision, user),
        "events": list(decision.events.select_related("actor__person")),
        "history": history_entries(decision, limit=100),
        "entry_history": _entry_history(decision),
        "typical_count": sum(1 for e in entries if e.typical),
        "proposed_count": sum(1 for e in entries if e.proposed),
        "certificates": decision.is_recognition and decision.status == DecisionStatus.ISSUED,
        **extra,
    }
    context["history_count"] = len(context["history"]) + len(context["entry_history"])
    if context["may_edit"]:
        context.update(_candidates(request, decision))
    return context


@login_required
def decision_detail(request, decision_id: int):
    decision = _decision_or_404(request.user, decision_id)
    return render(request, "awards/detail.html", _detail_context(request, decision))


@login_required
def decision_candidates(request, decision_id: int):
    """The candidates panel of a draft (an htmx fragment: a search or a round was chosen)."""
    decision = _decision_or_404(request.user, decision_id)
    if not can(request.user, REVIEW, decision) or decision.status != DecisionStatus.DRAFT:
        raise PermissionDenied
    context = {"decision": decision, **_candidates(request, decision)}
    return render(request, "awards/_candidates.html", context)


@login_required
def decision_edit(request, decision_id: int):
    decision = _decision_or_404(request.user, decision_id)
    if not can(request.user, REVIEW, decision):
        raise PermissionDenied
    if decision.status != DecisionStatus.DRAFT:
        messages.error(request, _("Only a draft decision can be edited."))
        return _back(decision)
    bodies = services.issuing_bodies(decision.issuing_unit)
    form = DecisionForm(
        request.POST or None,
        instance=decision,
        bodies=bodies,
        forms_qs=services.catalogue(decision.issuing_unit),
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_decision(
                    Decision.objects.get(pk=decision.pk),
                    form.header_data(),
                    actor=request.user,
                    reason=form.cleaned_data.get("reason", ""),
                )
            except ServiceError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("The changes have been saved."))
                return _back(decision)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    suggestion = services.next_number(decision.issuing_body, decision.date.year)
    context = {"nav": "awards", "decision": decision, "form": form, "suggested_number": suggestion}
    return render(request, "awards/edit.html", context)


def _ids(values) -> list[int]:
    return [int(v) for v in values if str(v).isdigit()]


@login_required
@require_POST
def decision_add(request, decision_id: int):
    decision = _decision_or_404(request.user, decision_id)
    if not can(request.user, REVIEW, decision):
        raise PermissionDenied
    ids = _ids(request.POST.getlist("item"))
    try:
        if decision.is_recognition:
            chosen = sorted(Initiative.objects.filter(pk__in=ids), key=lambda m: ids.index(m.pk))
            typical = set(_ids(request.POST.getlist("typical"))) & set(ids)
            added = services.add_initiatives(decision, chosen, actor=request.user, typical=typical)
        else:
            added = services.add_proposals(
                decision, list(Proposal.objects.filter(pk__in=ids)), actor=request.user
            )
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("%(count)s added to the list.") % {"count": len(added)})
    return _back(decision, "entries")


def _entry_or_404(request, entry_id: int) -> DecisionEntry:
    entry = DecisionEntry.objects.filter(pk=entry_id).first()
    if entry is None:
        raise Http404
    entry.decision = _decision_or_404(request.user, entry.decision_id)
    return entry


@login_required
@require_POST
def entry_remove(request, entry_id: int):
    entry = _entry_or_404(request, entry_id)
    if not can(request.user, REVIEW, entry.decision):
        raise PermissionDenied
    try:
        services.remove_entry(entry, actor=request.user)
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Removed from the list."))
    return _back(entry.decision, "entries")


@login_required
@require_POST
def entry_mark(request, entry_id: int):
    entry = _entry_or_404(request, entry_id)
    if not can(request.user, REVIEW, entry.decision):
        raise PermissionDenied
    form = MarkForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        services.mark_entry(
            entry,
            actor=request.user,
            typical=data.get("typical", False),
            proposed=data.get("proposed", False),
            reason=(request.POST.get("reason") or "")[:500],
        )
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Saved."))
    return _back(entry.decision, f"entry-{entry.pk}")


@login_required
@require_POST
def decision_transition(request, decision_id: int):
    decision = _decision_or_404(request.user, decision_id)
    rule = DECISION_TRANSITIONS.get(request.POST.get("action", ""))
    if rule is None:
        messages.error(request, _("Unknown action."))
        return _back(decision)
    if not can(request.user, rule.permission, decision):
        raise PermissionDenied
    try:
        services.transition(
            decision, rule.action, actor=request.user, comment=request.POST.get("comment", "")
        )
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": rule.label})
    return _back(decision)


# --- documents -------------------------------------------------------------------------------------


@login_required
def decision_docx(request, decision_id: int):
    decision = _decision_or_404(request.user, decision_id)
    response = HttpResponse(documents.decision_docx(decision), content_type=documents.DOCX)
    response["Content-Disposition"] = f'attachment; filename="{documents.docx_filename(decision)}"'
    response["Cache-Control"] = "private, no-store"
    return response


def certificate_entry_or_404(user, entry_id: int) -> DecisionEntry:
    """An entry of an issued recognition decision whose model the user may open, or whose level
    they steer."""
    entry = (
        DecisionEntry.objects.select_related(
            "decision__issuing_unit__area",
            "decision__issuing_body__area",
            "decision__issuing_body__unit_type",
            "initiative__owner_unit",
        )
        .filter(pk=entry_id, initiative__isnull=False)
        .first()
    )
    if entry is None or not services.visible_decisions(user).filter(pk=entry.decision_id).exists():
        raise Http404
    if not (
        can(user, REVIEW, entry.decision) or visible_initiatives(user).filter(pk=entry.initiative_id).exists()
    ):
        raise Http404
    if entry.decision.status != DecisionStatus.ISSUED:
        raise Http404
    return entry


@login_required
def entry_certificate(request, entry_id: int):
    entry = certificate_entry_or_404(request.user, entry_id)
    response = HttpResponse(documents.certificate_pdf(entry), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{documents.certificate_filename(entry)}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- proposals -----------------------------------------------------------------------------------


def _proposing_units(request) -> list[Unit]:
    """The current unit and its direct subordinates in force, where the user may propose."""
    current = _current(request)
    if current is None:
        return []
    return list(
        Unit.objects.filter(Q(pk=current.pk) | Q(path__startswith=current.path, depth=current.depth + 1))
        .filter(scope_q(request.user, services.PROPOSE, "path"))
        .active()
        .select_related("area")
        .order_by("depth", "name_sort")
    )


@login_required
def proposal_list(request):
    user = request.user
    current = _current(request)
    form = ProposalFilterForm(request.GET or None)
    filters = form.values() if request.GET else {}
    qs = queries.filter_proposals(user, current, **filters).select_related(
        "proposing_unit", "award_form", "recipient_unit", "initiative"
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "nav": "awards",
        "form": form,
        "page": page,
        "unit": current,
        "can_propose": bool(_proposing_units(request)),
        "filtered": bool(filters),
    }
    return render(request, "awards/proposals.html", context)


@login_required
def proposal_new(request):
    units = _proposing_units(request)
    if not units:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else request.GET
    model = None
    if (request.GET.get("initiative") or "").isdigit():
        model = (
            visible_initiatives(request.user)
            .select_related("owner_unit")
            .filter(pk=int(request.GET["initiative"]))
            .first()
        )
    raw = data.get("proposing_unit") or ""
    if raw.isdigit():
        unit = next((u for u in units if u.pk == int(raw)), None)
        if unit is None:
            raise PermissionDenied
    elif model is not None:
        # the deepest unit offered that contains the model's owner
        holders = [u for u in units if model.owner_unit.path.startswith(u.path)]
        unit = max(holders, key=lambda u: u.depth) if holders else units[0]
    else:
        unit = units[0]
    initial = {"year": timezone.localdate().year, "holder": "collective"}
    if model is not None and model.owner_unit.path.startswith(unit.path):
        initial.update(
            initiative=model.pk,
            holder=model.holder,
            recipient_unit=model.owner_unit_id if model.holder == "collective" else None,
            recipient_name=model.holder_name if model.holder == "individual" else model.owner_unit.name,
        )
    ancestors = [unit.path[:i] for i in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    form = ProposalForm(
        request.POST or None,
        initial=initial,
        award_forms=services.catalogue(unit),
        units=Unit.objects.filter(path__startswith=unit.path, depth__lte=unit.depth + 2)
        .active()
        .order_by("depth", "name_sort"),
        initiatives=Initiative.objects.filter(owner_unit__path__startswith=unit.path)
        .exclude(status__in=[Status.DRAFT, Status.DISCONTINUED])
        .order_by("-year", "name_folded"),
        campaigns=Campaign.objects.filter(issuing_unit__path__in=ancestors),
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                proposal = services.create_proposal(unit, form.cleaned_data, actor=request.user)
            except ServiceError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("The proposal has been submitted."))
                return redirect("awards:proposal", proposal.pk)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    context = {"nav": "awards", "form": form, "unit": unit, "units": units}
    return render(request, "awards/proposal_form.html", context)


def _proposal_or_404(user, proposal_id: int) -> Proposal:
    proposal = (
        services.visible_proposals(user)
        .select_related(
            "proposing_unit", "award_form", "recipient_unit", "initiative", "campaign", "created_by__person"
        )
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


@login_required
def proposal_detail(request, proposal_id: int):
    proposal = _proposal_or_404(request.user, proposal_id)
    decisions = list(
        services.visible_decisions(request.user)
        .filter(entries__proposal=proposal)
        .select_related("award_form", "issuing_unit")
        .distinct()
    )
    context = {
        "nav": "awards",
        "proposal": proposal,
        "decisions": decisions,
        "actions": services.allowed_proposal_transitions(proposal, request.user),
        "history": history_entries(proposal, limit=100),
        "may_open_initiative": bool(proposal.initiative_id)
        and visible_initiatives(request.user).filter(pk=proposal.initiative_id).exists(),
    }
    return render(request, "awards/proposal_detail.html", context)


@login_required
@require_POST
def proposal_transition(request, proposal_id: int):
    proposal = _proposal_or_404(request.user, proposal_id)
    rule = PROPOSAL_TRANSITIONS.get(request.POST.get("action", ""))
    if rule is None:
        messages.error(request, _("Unknown action."))
        return redirect("awards:proposal", proposal.pk)
    if not can(request.user, rule.permission, proposal):
        raise PermissionDenied
    try:
        services.proposal_transition(
            proposal, rule.action, actor=request.user, comment=request.POST.get("comment", "")
        )
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": rule.label})
    return redirect("awards:proposal", proposal.pk)


# --- the award catalogue -------------------------------------------------------------------------------


def _province(request) -> Unit | None:
    current = _current(request)
    return services.province_of(current) if current is not None else None


@login_required
def catalogue(request):
    province = _province(request)
    if province is None:
        raise PermissionDenied
    may_manage = can(request.user, REVIEW, province)
    form = AwardFormForm(request.POST or None, initial={"sort_order": 100, "active": True})
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.save_award_form(province, form.cleaned_data, actor=request.user)
            except ServiceError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("The award form has been added to the catalogue."))
                return redirect("awards:catalogue")
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    forms_ = list(services.catalogue(province, active_only=False))
    context = {"nav": "awards", "province": province, "forms": forms_, "may_manage": may_manage, "form": form}
    return render(request, "awards/catalogue.html", context)


@login_required
@require_POST
def catalogue_adopt(request):
    province = _province(request)
    if province is None or not can(request.user, REVIEW, province):
        raise PermissionDenied
    try:
        created = services.adopt_default_catalogue(province, actor=request.user)
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("%(count)s award forms added to the catalogue.") % {"count": created})
    return redirect("awards:catalogue")


@login_required
def catalogue_edit(request, form_id: int):
    province = _province(request)
    award_form = AwardForm.objects.filter(pk=form_id).select_related("province").first()
    if award_form is None or province is None or award_form.province_id != province.pk:
        raise Http404
    if not can(request.user, REVIEW, province):
        raise PermissionDenied
    form = AwardFormForm(request.POST or None, instance=award_form)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.save_award_form(
                    province, form.cleaned_data, actor=request.user, form=AwardForm.objects.get(pk=form_id)
                )
            except ServiceError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("The changes have been saved."))
                return redirect("awards:catalogue")
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    context = {"nav": "awards", "province": province, "award_form": award_form, "form": form}
    return render(request, "awards/catalogue_form.html", context)


urlpatterns = [
    path("", decision_list, name="list"),
    path("new/", decision_new, name="new"),
    path("<int:decision_id>/", decision_detail, name="detail"),
    path("<int:decision_id>/edit/", decision_edit, name="edit"),
    path("<int:decision_id>/candidates/", decision_candidates, name="candidates"),
    path("<int:decision_id>/entries/", decision_add, name="add"),
    path("<int:decision_id>/transition/", decision_transition, name="transition"),
    path("<int:decision_id>/document.docx", decision_docx, name="docx"),
    path("entries/<int:entry_id>/remove/", entry_remove, name="entry_remove"),
    path("entries/<int:entry_id>/mark/", entry_mark, name="entry_mark"),
    path("entries/<int:entry_id>/certificate.pdf", entry_certificate, name="certificate"),
    path("proposals/", proposal_list, name="proposals"),
    path("proposals/new/", proposal_new, name="proposal_new"),
    path("proposals/<int:proposal_id>/", proposal_detail, name="proposal"),
    path("proposals/<int:proposal_id>/transition/", proposal_transition, name="proposal_transition"),
    path("catalogue/", catalogue, name="catalogue"),
    path("catalogue/adopt/", catalogue_adopt, name="catalogue_adopt"),
    path("catalogue/<int:form_id>/", catalogue_edit, name="catalogue_edit"),
]
