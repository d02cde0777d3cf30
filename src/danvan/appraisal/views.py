"""Pages of appraisal: criteria sets (list, page, create from a template, edit — a new version
when in use) and rounds (list, page, a member's scorecard for one candidate, results). Views read
through the permission policy and `services`' reading rules and write only through `services`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.appraisal import services
from danvan.appraisal.criteria_templates import TEMPLATES
from danvan.appraisal.forms import (
    AppointForm,
    CriteriaFormSet,
    ReasonForm,
    RoundEditForm,
    RoundFilterForm,
    RoundForm,
    ScorecardForm,
    SetFilterForm,
    SetForm,
    SetFromTemplateForm,
    SurveyForm,
    criteria_rows,
)
from danvan.appraisal.labels import event_label
from danvan.appraisal.models import AppraisalRound, Candidate, CouncilMember, CriteriaSet, Scorecard
from danvan.appraisal.workflow import PREPARING, SCORING_POSITIONS, TRANSITIONS, CardStatus, RoundStatus
from danvan.core.history import history_entries
from danvan.core.permissions import can, scope_q
from danvan.core.services import ServiceError
from danvan.core.views import fail as _fail
from danvan.core.views import form_errors as _form_errors
from danvan.initiatives.models import Holder
from danvan.initiatives.services import visible_initiatives
from danvan.orgs.models import Campaign, Unit

PAGE_SIZE = 30
ELIGIBLE_SHOWN = 300  # models offered in the "add a candidate" select


def _current(request) -> Unit | None:
    unit = request.current_unit
    return unit if unit else None


def _managed_units(request):
    """The current unit and its direct subordinates, where the user may run appraisals."""
    current = _current(request)
    if current is None:
        return Unit.objects.none()
    return (
        Unit.objects.filter(scope_q(request.user, "appraisal.manage", "path"))
        .active()
        .filter(Q(pk=current.pk) | Q(path__startswith=current.path, depth=current.depth + 1))
        .order_by("depth", "name_sort")
    )


def _campaigns_above(unit: Unit | None):
    """Campaigns launched by the unit or a unit above it (those that apply to it)."""
    if unit is None:
        return Campaign.objects.none()
    paths = [unit.path[:i] for i in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    return Campaign.objects.filter(issuing_unit__path__in=paths).order_by("-start_date", "name")


# --- criteria sets ---------------------------------------------------------------------------


def _set_or_404(user, set_id: int) -> CriteriaSet:
    criteria_set = (
        services.visible_sets(user)
        .select_related("issuing_unit", "campaign", "previous", "created_by__person")
        .filter(pk=set_id)
        .first()
    )
    if criteria_set is None:
        raise Http404
    return criteria_set


@login_required
def set_list(request):
    form = SetFilterForm(request.GET or None)
    filters = form.cleaned_data if request.GET and form.is_valid() else {}
    qs = services.visible_sets(request.user)
    if filters.get("versions") != "all":
        qs = qs.current()
    if filters.get("holder"):
        qs = qs.filter(holder=filters["holder"])
    if filters.get("q"):
        qs = qs.search(filters["q"]).order_by("search_rank", "-created_at", "-pk")
    else:
        qs = qs.order_by("-created_at", "-pk")
    qs = qs.select_related("issuing_unit", "campaign").annotate(criteria_count=Count("criteria"))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "nav": "appraisal",
        "form": form,
        "page": page,
        "can_create": _managed_units(request).exists(),
    }
    return render(request, "appraisal/set_list.html", context)


@login_required
def set_new(request):
    units = _managed_units(request)
    if not units.exists():
        raise PermissionDenied
    current = _current(request)
    form = SetFromTemplateForm(
        request.POST or None,
        units=units,
        campaigns=_campaigns_above(current),
        initial={"issuing_unit": current.pk if current else None, "template": "province_common"},
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                criteria_set = services.create_set_from_template(
                    data["issuing_unit"],
                    data["template"],
                    actor=request.user,
                    holder=data["holder"] or None,
                    campaign=data["campaign"],
                    name=data["name"],
                )
            except ServiceError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("The criteria set has been created: check and adjust it."))
                return redirect("appraisal:set", criteria_set.pk)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    context = {"nav": "appraisal", "form": form, "templates": list(TEMPLATES.values())}
    return render(request, "appraisal/set_new.html", context)


@login_required
def set_detail(request, set_id: int):
    criteria_set = _set_or_404(request.user, set_id)
    criteria = list(criteria_set.criteria.order_by("position", "id"))
    rounds = list(
        services.visible_rounds(request.user)
        .filter(Q(collective_set=criteria_set) | Q(individual_set=criteria_set))
        .select_related("unit")
        .order_by("-year", "-pk")
    )
    context = {
        "nav": "appraisal",
        "set": criteria_set,
        "criteria": criteria,
        "maximum": services.scoring.weighted_maximum(criteria),
        "versions": services.versions(criteria_set),
        "rounds": rounds,
        "in_use": services.set_in_use(criteria_set),
        "can_edit": criteria_set.is_current and can(request.user, "appraisal.manage", criteria_set),
        "history": history_entries(criteria_set, limit=100),
    }
    return render(request, "appraisal/set_detail.html", context)


@login_required
def set_edit(request, set_id: int):
    criteria_set = _set_or_404(request.user, set_id)
    if not can(request.user, "appraisal.manage", criteria_set):
        raise PermissionDenied
    if not criteria_set.is_current:
        messages.error(request, _("This version has been replaced by a newer one: edit the latest version."))
        return redirect("appraisal:set", criteria_set.pk)
    criteria = list(criteria_set.criteria.order_by("position", "id"))
    campaigns = _campaigns_above(criteria_set.issuing_unit)
    initial = {
        "name": criteria_set.name,
        "description": criteria_set.description,
        "campaign": criteria_set.campaign_id,
        "rule": criteria_set.rule,
        "trim": criteria_set.trim,
        "recognition_threshold": criteria_set.recognition_threshold,
        "typical_threshold": criteria_set.typical_threshold,
    }
    rows = [
        {
            "id": c.pk,
            "title": c.title,
            "guidance": c.guidance,
            "kind": c.kind,
            "max_points": c.max_points,
            "weight": c.weight,
            "mandatory": c.mandatory,
            "ORDER": index,
        }
        for index, c in enumerate(criteria, start=1)
    ]
    form = SetForm(request.POST or None, campaigns=campaigns, initial=initial)
    formset = CriteriaFormSet(request.POST or None, initial=rows, prefix="criteria")
    in_use = services.set_in_use(criteria_set)
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "reason"}
            try:
                result, created = services.edit_set(
                    criteria_set,
                    data,
                    criteria_rows(formset),
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ServiceError as exc:
                _fail(request, exc)
            else:
                if created:
                    messages.success(
                        request,
                        _(
                            "The set is in use, so version %(v)s has been created; "
                            "rounds already scoring keep their version."
                        )
                        % {"v": result.version},
                    )
                else:
                    messages.success(request, _("The changes have been saved."))
                return redirect("appraisal:set", result.pk)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    context = {"nav": "appraisal", "set": criteria_set, "form": form, "formset": formset, "in_use": in_use}
    return render(request, "appraisal/set_edit.html", context)


# --- rounds -----------------------------------------------------------------------------------


def _round_or_404(user, round_id: int) -> AppraisalRound:
    round_ = (
        services.visible_rounds(user)
        .select_related("unit", "campaign", "collective_set", "individual_set", "created_by__person")
        .filter(pk=round_id)
        .first()
    )
    if round_ is None:
        raise Http404
    return round_


def _candidate_or_404(round_: AppraisalRound, candidate_id: int) -> Candidate:
    candidate = (
        Candidate.objects.filter(round=round_, pk=candidate_id)
        .select_related("initiative__owner_unit", "initiative__field")
        .first()
    )
    if candidate is None:
        raise Http404
    candidate.round = round_
    return candidate


@login_required
def round_list(request):
    user = request.user
    form = RoundFilterForm(request.GET or None)
    filters = form.cleaned_data if request.GET and form.is_valid() else {}
    seat = CouncilMember.objects.filter(round=OuterRef("pk"), user=user).values("position")[:1]
    qs = (
        services.visible_rounds(user)
        .select_related("unit")
        .annotate(
            candidate_count=Count(
                "candidates", filter=Q(candidates__withdrawn_at__isnull=True), distinct=True
            ),
            council_count=Count("council", distinct=True),
            my_position=Subquery(seat),
        )
        .order_by("-year", "-created_at", "-pk")
    )
    if filters.get("year"):
        qs = qs.filter(year=filters["year"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("q"):
        qs = qs.search(filters["q"]).order_by("search_rank", "-year", "-created_at", "-pk")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "nav": "appraisal",
        "form": form,
        "page": page,
        "can_create": _managed_units(request).exists(),
        "filtered": bool(filters and any(filters.values())),
    }
    return render(request, "appraisal/round_list.html", context)


@login_required
def round_new(request):
    units = _managed_units(request)
    if not units.exists():
        raise PermissionDenied
    data = request.POST if request.method == "POST" else request.GET
    raw = str(data.get("unit") or "")
    unit = units.filter(pk=int(raw)).first() if raw.isdigit() else None
    current = _current(request)
    unit = unit or units.filter(pk=current.pk).first() or units.first()
    this_year = timezone.localdate().year
    sets = (
        services.offered_sets(unit)
        .select_related("issuing_unit")
        .order_by("-issuing_unit__depth", "name_folded")
    )
    first = {
        holder: sets.filter(holder=holder).values_list("pk", flat=True).first() for holder in Holder.values
    }
    form = RoundForm(
        request.POST or None,
        units=units,
        campaigns=_campaigns_above(unit),
        sets=sets,
        initial={
            "collective_set": first[Holder.COLLECTIVE],
            "individual_set": first[Holder.INDIVIDUAL],
            "unit": unit.pk,
            "year": this_year,
            "name": _("Appraisal of “Skillful Mass Mobilization” models and exemplars, %(year)s")
            % {"year": this_year},
        },
    )
    if request.method == "POST":
        if form.is_valid():
            fields = dict(form.cleaned_data)
            chosen = fields.pop("unit")
            try:
                round_ = services.create_round(chosen, fields, actor=request.user)
            except ServiceError as exc:
                _fail(request, exc)
            else:
                messages.success(
                    request, _("The round has been created: gather the candidates and appoint the council.")
                )
                return redirect("appraisal:round", round_.pk)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    return render(request, "appraisal/round_new.html", {"nav": "appraisal", "form": form})


@login_required
def round_edit(request, round_id: int):
    """Rename a draft round, or change its year, campaign, criteria sets or note."""
    round_ = _round_or_404(request.user, round_id)
    if not services.access(request.user, round_).manage:
        raise PermissionDenied
    if round_.status != RoundStatus.DRAFT:
        messages.error(request, _("Only a draft round can be changed."))
        return redirect("appraisal:round", round_.pk)
    sets = (
        services.offered_sets(round_.unit)
        .select_related("issuing_unit")
        .order_by("-issuing_unit__depth", "name_folded")
    )
    initial = {name: getattr(round_, name) for name in services.EDITABLE_FIELDS}
    form = RoundEditForm(
        request.POST or None, campaigns=_campaigns_above(round_.unit), sets=sets, initial=initial
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.edit_round(round_, form.cleaned_data, actor=request.user)
            except ServiceError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("The round has been saved."))
                return redirect("appraisal:round", round_.pk)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
    return render(request, "appraisal/round_edit.html", {"nav": "appraisal", "form": form, "round": round_})


def _appointable_users(round_: AppraisalRound):
    """Users holding a grant on the round's unit or above it, not yet on the council."""
    unit = round_.unit
    paths = [unit.path[:i] for i in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    return (
        get_user_model()
        .objects.filter(is_active=True, grants__revoked_at__isnull=True, grants__unit__path__in=paths)
        .exclude(appraisal_seats__round=round_)
        .select_related("person")
        .distinct()
        .order_by("username")
    )


def _round_context(request, round_: AppraisalRound) -> dict:
    user = request.user
    acc = services.access(user, round_)
    candidates = list(
        round_.candidates.select_related("initiative__owner_unit").order_by(
            "initiative__holder", "initiative__owner_unit__path", "initiative__name_folded", "pk"
        )
    )
    council = list(round_.council.select_related("user__person").order_by("position", "pk"))
    members = {m.pk: m for m in council}
    counts = services.progress(round_)
    flags = services.conflicts(round_)
    recused = set(
        Scorecard.objects.filter(candidate__round=round_, status=CardStatus.RECUSED).values_list(
            "candidate_id", "member_id"
        )
    )
    mine = {}
    if acc.member:
        mine = {
            c.candidate_id: c for c in Scorecard.objects.filter(candidate__round=round_, member=acc.member)
        }
    visible = set(
        visible_initiatives(user)
        .filter(pk__in=[c.initiative_id for c in candidates])
        .values_list("pk", flat=True)
    )
    surveyed_holders = {h for h in Holder.values if services.has_satisfaction(round_, h)}
    scoring_members = sum(1 for m in council if m.position in SCORING_POSITIONS)
    published = services.results_visible(round_)
    for candidate in candidates:
        candidate.progress = counts.get(candidate.pk) or services.Progress(scoring_members)
        candidate.flagged_members = [
            members[m]
            for c, m in sorted(flags)
            if c == candidate.pk and (c, m) not in recused and m in members
        ]
        candidate.my_card = mine.get(candidate.pk)
        candidate.visible = candidate.initiative_id in visible
        candidate.surveyed_here = candidate.initiative.holder in surveyed_holders
        candidate.show_result = published and candidate.active
    for member in council:
        member.flagged_on = sum(1 for c, m in flags if m == member.pk and (c, m) not in recused)
    events = list(round_.events.select_related("actor__person"))
    for event in events:
        event.label = event_label(event.action)
    context = {
        "nav": "appraisal",
        "round": round_,
        "acc": acc,
        "candidates": candidates,
        "active_count": sum(1 for c in candidates if c.active),
        "council": council,
        "events": events,
        "history": history_entries(round_, limit=100),
        "actions": services.allowed_transitions(round_, user),
        "preparing": round_.status in PREPARING,
        "published": published,
        "survey_form": SurveyForm(),
        "reason_form": ReasonForm(),
    }
    if acc.manage and round_.status in PREPARING:
        context["eligible"] = list(
            services.eligible_initiatives(round_)
            .select_related("owner_unit")
            .order_by("owner_unit__path", "name_folded")[:ELIGIBLE_SHOWN]
        )
        context["appoint_form"] = AppointForm(users=_appointable_users(round_))
    return context


@login_required
def round_detail(request, round_id: int):
    round_ = _round_or_404(request.user, round_id)
    return render(request, "appraisal/round_detail.html", _round_context(request, round_))


def _back(round_: AppraisalRound, anchor: str = ""):
    response = redirect("appraisal:round", round_.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _manager_round(request, round_id: int) -> AppraisalRound:
    round_ = _round_or_404(request.user, round_id)
    if not can(request.user, "appraisal.manage", round_):
        raise PermissionDenied
    return round_


@login_required
@require_POST
def round_transition(request, round_id: int):
    round_ = _round_or_404(request.user, round_id)
    rule = TRANSITIONS.get(request.POST.get("action", ""))
    if rule is None:
        messages.error(request, _("Unknown action."))
        return _back(round_)
    if not can(request.user, rule.permission, round_):
        raise PermissionDenied
    try:
        services.transition(round_, rule.action, actor=request.user, comment=request.POST.get("comment", ""))
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": rule.label})
    return _back(round_)


@login_required
@require_POST
def round_gather(request, round_id: int):
    round_ = _manager_round(request, round_id)
    try:
        added = services.gather_candidates(round_, actor=request.user)
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("%(n)s candidates added.") % {"n": len(added)})
    return _back(round_, "candidates")


@login_required
@require_POST
def candidate_add(request, round_id: int):
    from danvan.initiatives.models import Initiative

    round_ = _manager_round(request, round_id)
    raw = request.POST.get("initiative") or ""
    initiative = Initiative.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    if initiative is None:
        messages.error(request, _("Choose a model to add."))
        return _back(round_, "candidates")
    try:
        services.add_candidate(round_, initiative, actor=request.user)
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The candidate has been added."))
    return _back(round_, "candidates")


@login_required
@require_POST
def candidate_remove(request, round_id: int, candidate_id: int):
    round_ = _manager_round(request, round_id)
    try:
        services.remove_candidate(_candidate_or_404(round_, candidate_id), actor=request.user)
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The candidate has been removed."))
    return _back(round_, "candidates")


@login_required
@require_POST
def candidate_withdraw(request, round_id: int, candidate_id: int):
    round_ = _manager_round(request, round_id)
    candidate = _candidate_or_404(round_, candidate_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for withdrawing the candidate."))
        return _back(round_, "candidates")
    try:
        services.withdraw_candidate(candidate, actor=request.user, reason=form.cleaned_data["reason"])
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The candidate has been withdrawn."))
    return _back(round_, "candidates")


@login_required
@require_POST
def candidate_survey(request, round_id: int, candidate_id: int):
    round_ = _manager_round(request, round_id)
    candidate = _candidate_or_404(round_, candidate_id)
    form = SurveyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: %(errors)s") % {"errors": _form_errors(form)})
        return _back(round_, "candidates")
    try:
        services.record_survey(candidate, actor=request.user, **form.cleaned_data)
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The satisfaction survey has been saved."))
    return _back(round_, "candidates")


@login_required
@require_POST
def council_appoint(request, round_id: int):
    round_ = _manager_round(request, round_id)
    form = AppointForm(request.POST, users=get_user_model().objects.filter(is_active=True))
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: %(errors)s") % {"errors": _form_errors(form)})
        return _back(round_, "council")
    try:
        services.appoint(round_, form.cleaned_data["user"], form.cleaned_data["position"], actor=request.user)
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The council member has been appointed."))
    return _back(round_, "council")


@login_required
@require_POST
def council_dismiss(request, round_id: int, member_id: int):
    round_ = _manager_round(request, round_id)
    member = round_.council.select_related("user__person").filter(pk=member_id).first()
    if member is None:
        raise Http404
    try:
        services.dismiss(member, actor=request.user)
    except ServiceError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The member has been removed from the council."))
    return _back(round_, "council")


# --- a candidate: the member's scorecard ------------------------------------------------------


def _card_matrix(criteria, cards) -> list[tuple]:
    """(criterion, [score of each card]) rows for the council's cards side by side."""
    values = {card.pk: {s.criterion_id: s for s in card.scores.all()} for card in cards}
    return [(c, [values[card.pk].get(c.pk) for card in cards]) for c in criteria]


def _candidate_context(request, round_, candidate, form=None) -> dict:
    acc = services.access(request.user, round_)
    set_id = round_.set_id_for(candidate.initiative.holder)
    criteria = services.criteria_of(round_).get(set_id, [])
    my_card = None
    if acc.member:
        my_card = (
            Scorecard.objects.filter(candidate=candidate, member=acc.member)
            .prefetch_related("scores")
            .first()
        )
    can_score = (
        acc.score
        and round_.status == RoundStatus.SCORING
        and candidate.active
        and (my_card is None or my_card.status == CardStatus.DRAFT)
    )
    if can_score and form is None:
        initial = {"comment": my_card.comment if my_card else ""}
        for score in my_card.scores.all() if my_card else []:
            if score.passed is not None:
                initial[f"c{score.criterion_id}"] = "yes" if score.passed else "no"
            else:
                initial[f"c{score.criterion_id}"] = score.points
        form = ScorecardForm(initial=initial, criteria=criteria)
    show_cards = services.cards_visible(acc, round_, my_card)
    cards = []
    if show_cards:
        cards = list(
            Scorecard.objects.filter(candidate=candidate)
            .exclude(status=CardStatus.DRAFT)
            .select_related("member__user__person")
            .prefetch_related("scores")
            .order_by("member__position", "member_id")
        )
    counts = services.progress(round_).get(candidate.pk) or services.Progress(
        round_.council.filter(position__in=SCORING_POSITIONS).count()
    )
    my_values = {s.criterion_id: s for s in my_card.scores.all()} if my_card else {}
    return {
        "nav": "appraisal",
        "round": round_,
        "candidate": candidate,
        "initiative": candidate.initiative,
        "initiative_visible": visible_initiatives(request.user).filter(pk=candidate.initiative_id).exists(),
        "acc": acc,
        "criteria": criteria,
        "criteria_set": round_.set_for(candidate.initiative.holder),
        "my_card": my_card,
        "my_rows": [(c, my_values.get(c.pk)) for c in criteria],
        "form": form if can_score else None,
        "form_rows": [(c, form[f"c{c.pk}"] if c.scored_by_members else None) for c in criteria]
        if can_score
        else [],
        "can_score": can_score,
        "flagged": bool(acc.member) and services.member_conflicted(acc.member, candidate),
        "show_cards": show_cards,
        "cards": cards,
        "matrix": _card_matrix([c for c in criteria if c.scored_by_members], cards),
        "progress": counts,
        "hidden_message": _hidden_message(round_, acc),
        "reason_form": ReasonForm(),
    }


def _hidden_message(round_, acc) -> str:
    if round_.status == RoundStatus.SCORING and acc.score:
        return _("The other members' scores are shown after you submit your own scorecard.")
    return _("Scores are shown when the round is closed.")


@login_required
def candidate_page(request, round_id: int, candidate_id: int):
    round_ = _round_or_404(request.user, round_id)
    candidate = _candidate_or_404(round_, candidate_id)
    if request.method == "POST":
        acc = services.access(request.user, round_)
        if not acc.score:
            raise PermissionDenied
        criteria = services.criteria_of(round_).get(round_.set_id_for(candidate.initiative.holder), [])
        form = ScorecardForm(request.POST, criteria=criteria)
        submit = request.POST.get("submit") == "submit"
        if form.is_valid():
            try:
                services.save_scorecard(
                    candidate,
                    actor=request.user,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                    submit=submit,
                )
            except ServiceError as exc:
                _fail(request, exc)
                form.add_error(None, " ".join(exc.messages))
            else:
                if submit:
                    messages.success(request, _("Your scorecard has been submitted."))
                else:
                    messages.success(request, _("Your scores have been saved as a draft."))
                return redirect("appraisal:candidate", round_.pk, candidate.pk)
        else:
            messages.error(request, _("Nothing was saved: check the fields marked in red."))
        return render(
            request, "appraisal/candidate.html", _candidate_context(request, round_, candidate, form)
        )
    return render(request, "appraisal/candidate.html", _candidate_context(request, round_, candidate))


@login_required
@require_POST
def candidate_recuse(request, round_id: int, candidate_id: int):
    round_ = _round_or_404(request.user, round_id)
    candidate = _candidate_or_404(round_, candidate_id)
    if not services.access(request.user, round_).score:
        raise PermissionDenied
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for recusing yourself."))
    else:
        try:
            services.recuse(candidate, actor=request.user, reason=form.cleaned_data["reason"])
        except ServiceError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("You have recused yourself from this candidate."))
    return redirect("appraisal:candidate", round_.pk, candidate.pk)


# --- results ---------------------------------------------------------------------------------


@login_required
def round_results(request, round_id: int):
    round_ = _round_or_404(request.user, round_id)
    groups = []
    if services.results_visible(round_):
        criteria = services.criteria_of(round_)
        sets = {s.pk: s for s in (round_.collective_set, round_.individual_set) if s is not None}
        visible = set(
            visible_initiatives(request.user).filter(appraisals__round=round_).values_list("pk", flat=True)
        )
        for set_id, items in services.compute_results(round_).items():
            groups.append(
                {
                    "set": sets[set_id],
                    "criteria": criteria[set_id],
                    "items": items,
                    "proposed": sum(1 for r in items if r.recommended),
                    "typical": sum(1 for r in items if r.typical),
                }
            )
        groups.sort(key=lambda g: g["set"].holder)
    else:
        visible = set()
    context = {
        "nav": "appraisal",
        "round": round_,
        "groups": groups,
        "published": services.results_visible(round_),
        "visible": visible,
    }
    return render(request, "appraisal/results.html", context)


@login_required
def home(request):
    return redirect("appraisal:rounds")


urlpatterns = [
    path("", home, name="home"),
    path("criteria/", set_list, name="sets"),
    path("criteria/new/", set_new, name="set_new"),
    path("criteria/<int:set_id>/", set_detail, name="set"),
    path("criteria/<int:set_id>/edit/", set_edit, name="set_edit"),
    path("rounds/", round_list, name="rounds"),
    path("rounds/new/", round_new, name="round_new"),
    path("rounds/<int:round_id>/", round_detail, name="round"),
    path("rounds/<int:round_id>/edit/", round_edit, name="round_edit"),
    path("rounds/<int:round_id>/transition/", round_transition, name="transition"),
    path("rounds/<int:round_id>/gather/", round_gather, name="gather"),
    path("rounds/<int:round_id>/candidates/add/", candidate_add, name="candidate_add"),
    path("rounds/<int:round_id>/candidates/<int:candidate_id>/", candidate_page, name="candidate"),
    path(
        "rounds/<int:round_id>/candidates/<int:candidate_id>/remove/",
        candidate_remove,
        name="candidate_remove",
    ),
    path(
        "rounds/<int:round_id>/candidates/<int:candidate_id>/withdraw/",
        candidate_withdraw,
        name="candidate_withdraw",
    ),
    path(
        "rounds/<int:round_id>/candidates/<int:candidate_id>/survey/",
        candidate_survey,
        name="candidate_survey",
    ),
    path(
        "rounds/<int:round_id>/candidates/<int:candidate_id>/recuse/",
        candidate_recuse,
        name="candidate_recuse",
    ),
    path("rounds/<int:round_id>/council/", council_appoint, name="appoint"),
    path("rounds/<int:round_id>/council/<int:member_id>/remove/", council_dismiss, name="dismiss"),
    path("rounds/<int:round_id>/results/", round_results, name="results"),
]
