"""Every write users trigger on decisions, commendation proposals and the award catalogue: one
function per action, transactional, permission-checked, recorded with who, when and why.

Authority ("theo thẩm quyền"): a decision exercises the authority of its level, the issuing unit.
The actor must hold the standing agency's right (`initiative.review`) on it, and everything a
decision lists lies in its subtree. Issuing a recognition decision recognizes each listed model
through `initiatives.services.transition(..., level=issuing unit, on=decision date)` and notes the
decision in the model's yearly record; all of them or none.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.awards.defaults import DEFAULT_AWARD_FORMS
from danvan.awards.models import (
    AwardForm,
    AwardGrade,
    Decision,
    DecisionEntry,
    DecisionEvent,
    Proposal,
    Recipients,
)
from danvan.awards.workflow import (
    DECISION_TRANSITIONS,
    EDITABLE,
    MARKABLE,
    PROPOSAL_TRANSITIONS,
    DecisionKind,
    DecisionStatus,
    ProposalStatus,
    Transition,
)
from danvan.core.permissions import can, require, visible_units
from danvan.core.services import ServiceError, with_reason
from danvan.documents.party_format import HD36
from danvan.geo.models import Area, AreaLevel
from danvan.initiatives import services as initiative_services
from danvan.initiatives.models import Evaluation, Holder, Initiative, InitiativeYear, TransitionRecord
from danvan.initiatives.workflow import RECOGNIZED_STATES, Status
from danvan.orgs.models import Campaign, SteeringCommittee, Unit, UnitType

REVIEW = "initiative.review"  # the standing agency's right: decide at a level
PROPOSE = "initiative.change"  # a unit's officers: propose their collectives and people

# the header fields a draft's form and the API may set
DECISION_FIELDS = (
    "issuing_body",
    "number",
    "issuer_code",
    "date",
    "subject",
    "superior_heading",
    "issuer_heading",
    "bases",
    "citation",
    "executors",
    "signer_authority",
    "signer_position",
    "signer_name",
    "recipients",
    "archive",
    "award_form",
)
TEXT_LIMITS = {
    "issuer_code": 30,
    "subject": 500,
    "superior_heading": 255,
    "issuer_heading": 255,
    "bases": 5000,
    "citation": 2000,
    "executors": 500,
    "signer_authority": 120,
    "signer_position": 160,
    "signer_name": 160,
    "recipients": 3000,
    "archive": 160,
}
ISSUER_CODE = re.compile(r"^[A-ZĐ0-9][A-ZĐ0-9-]{0,29}$")
AUTHORITY_PREFIXES = (HD36.on_behalf_of, HD36.signing_for, HD36.by_order_of, HD36.acting)
DEFAULT_CODES = {
    "propaganda_mobilization_dept": "BTGDV",
    "mobilization_dept": "BDV",
    "peoples_committee": "UBND",
    "fatherland_front": "MTTQ",
}


# --- reading ----------------------------------------------------------------------------------


def visible_decisions(user):
    """Decisions of the levels the user may see, and issued decisions that list a model,
    exemplar or proposal of theirs (a ward sees the city's decision recognizing its model)."""
    units = visible_units(user).values("pk")
    listed = DecisionEntry.objects.filter(decision=OuterRef("pk")).filter(
        Q(initiative__owner_unit__in=units) | Q(proposal__proposing_unit__in=units)
    )
    return Decision.objects.filter(
        Q(issuing_unit__in=units) | (~Q(status=DecisionStatus.DRAFT) & Q(Exists(listed)))
    )


def visible_proposals(user):
    return Proposal.objects.filter(proposing_unit__in=visible_units(user).values("pk"))


def province_of(unit: Unit) -> Unit:
    """The top unit of the unit's tree (its province's Party committee)."""
    if unit.depth == 1:
        return unit
    return Unit.objects.get(path=unit.path[: Unit.steplen])


def place_of(unit: Unit) -> str:
    """ "Đà Nẵng": the short name of the unit's province, as the date line of a document starts."""
    province = Area.objects.filter(path=unit.area.path[: Area.steplen]).only("short_name").first()
    return province.short_name if province else unit.area.short_name


def level_phrase(unit: Unit) -> str:
    """ "cấp thành phố", "cấp phường": the level a unit recognizes at, as documents write it."""
    return f"cấp {unit.area.get_kind_display().lower()}"


def catalogue(unit: Unit, *, active_only: bool = True):
    """The award forms of the unit's province."""
    forms = AwardForm.objects.filter(province=province_of(unit)).select_related("issuer_type")
    return forms.filter(active=True) if active_only else forms


def issuing_bodies(level: Unit) -> list[Unit]:
    """The bodies a level issues decisions through: itself and its own bodies in force (the
    children of the same area: its standing agency, People's Committee, Front…)."""
    children = (
        Unit.objects.filter(path__startswith=level.path, depth=level.depth + 1, area_id=level.area_id)
        .active()
        .select_related("unit_type", "area")
        .order_by("unit_type__sort_order", "name_sort")
    )
    return [level, *children]


def decision_levels(user):
    """Units in force where the user may issue decisions (their review grants' subtrees)."""
    from danvan.core.permissions import scope_q

    return Unit.objects.filter(scope_q(user, REVIEW, "path")).active().select_related("unit_type", "area")


def may_decide(user) -> bool:
    from danvan.core.permissions import can_anywhere

    return can_anywhere(user, REVIEW)


def in_subtree(level: Unit, unit: Unit | None) -> bool:
    return unit is not None and unit.path.startswith(level.path)


def next_number(body: Unit, year: int) -> int:
    top = Decision.objects.filter(issuing_body=body, year=year).aggregate(n=Max("number"))["n"]
    return (top or 0) + 1


def allowed_transitions(decision: Decision, user) -> list[Transition]:
    return [
        t
        for t in DECISION_TRANSITIONS.values()
        if decision.status in t.sources and can(user, t.permission, decision)
    ]


def allowed_proposal_transitions(proposal: Proposal, user) -> list[Transition]:
    return [
        t
        for t in PROPOSAL_TRANSITIONS.values()
        if proposal.status in t.sources and can(user, t.permission, proposal)
    ]


def issuer_name(decision: Decision) -> str:
    """The issuing body as running text names it."""
    return decision.issuing_body.name


def reference(decision: Decision) -> str:
    """ "Quyết định số 12-QĐ/BTGDV ngày 10/10/2025 của Ban …" for notes and comments."""
    return _("decision %(symbol)s of %(date)s of %(issuer)s") % {
        "symbol": decision.symbol,
        "date": date_format(decision.date, "SHORT_DATE_FORMAT"),
        "issuer": issuer_name(decision),
    }


# --- defaults for a new decision ------------------------------------------------------------------


def default_headings(body: Unit) -> tuple[str, str]:
    """(superior body, issuing body) of the document header: a Party committee names its Party
    organization above it ("ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG" / "ĐẢNG ỦY PHƯỜNG TAM KỲ"); any other body
    its parent ("THÀNH ỦY ĐÀ NẴNG" / "BAN TUYÊN GIÁO VÀ DÂN VẬN")."""
    parent = body.parent_unit()
    if body.unit_type.code == "party_committee":
        superior = f"Đảng bộ {(parent or body).area.name}"
    else:
        superior = parent.name if parent else ""
    heading = body.name
    if parent is not None and heading.lower().endswith(" " + parent.name.lower()):
        heading = heading[: -len(parent.name) - 1]
    return superior.upper(), heading.upper()


def default_issuer_code(body: Unit) -> str:
    code = body.unit_type.code
    if code == "party_committee":
        return "TU" if body.area.level == AreaLevel.PROVINCE else "ĐU"
    if code in DEFAULT_CODES:
        return DEFAULT_CODES[code]
    words = [w for w in body.name.split() if w[:1].isupper()]
    return "".join(w[0] for w in words[:5]).upper() or "ĐU"


def default_issuing_body(level: Unit) -> Unit:
    """The standing agency of the level's steering committee when it is one of the level's
    bodies, else the level itself."""
    bodies = issuing_bodies(level)
    committee = (
        SteeringCommittee.objects.filter(unit=level, dissolved_on__isnull=True)
        .exclude(standing_agency=None)
        .order_by("-established_on")
        .first()
    )
    if committee is not None:
        for body in bodies:
            if body.pk == committee.standing_agency_id:
                return body
    return level


def defaults(kind: str, level: Unit, body: Unit, on: date, award_form: AwardForm | None = None) -> dict:
    """What a new draft says unless told otherwise; the header, the signer and the recipients of
    the body's last decision of the same kind are offered again."""
    superior, heading = default_headings(body)
    year = on.year
    last = Decision.objects.filter(issuing_body=body, kind=kind).order_by("-date", "-id").first()
    if kind == DecisionKind.RECOGNITION:
        subject = f"công nhận mô hình, điển hình “Dân vận khéo” {level_phrase(level)} năm {year}"
        bases = "\n".join(
            [
                "- Căn cứ Quyết định số 23-QĐ/TW, ngày 30-7-2021 của Bộ Chính trị ban hành Quy chế "
                "công tác dân vận của hệ thống chính trị;",
                f"- Căn cứ chức năng, nhiệm vụ của {body.name};",
                f"- Xét đề nghị của Hội đồng thẩm định mô hình, điển hình “Dân vận khéo” năm {year},",
            ]
        )
        recipients = "Như Điều 3\nCác cơ quan, đơn vị có mô hình, điển hình được công nhận"
        citation = ""
    else:
        grade = (
            "Bằng khen" if award_form and award_form.grade == AwardGrade.HIGHER_CERTIFICATE else "Giấy khen"
        )
        subject = (
            f"tặng {grade} cho các tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua "
            f"“Dân vận khéo” năm {year}"
        )
        basis = award_form.basis if award_form and award_form.basis else "Luật Thi đua, khen thưởng năm 2022"
        bases = "\n".join(
            [f"- Căn cứ {basis};", "- Xét đề nghị của các cơ quan, đơn vị và thành tích đạt được,"]
        )
        recipients = "Như Điều 2\nCác tập thể, cá nhân có tên tại Điều 1"
        citation = "trong phong trào thi đua “Dân vận khéo”"
    values = {
        "issuer_code": default_issuer_code(body),
        "subject": subject,
        "superior_heading": superior,
        "issuer_heading": heading,
        "bases": bases,
        "citation": citation,
        "executors": "Văn phòng, các cơ quan, đơn vị liên quan",
        "signer_authority": "",
        "signer_position": "",
        "signer_name": "",
        "recipients": recipients,
        "archive": "Văn phòng",
    }
    if last is not None:
        # the bases name a year: only who signs, who receives and the header are offered again
        for key in (
            "issuer_code",
            "executors",
            "signer_authority",
            "signer_position",
            "signer_name",
        ):
            values[key] = getattr(last, key)
        values["recipients"], values["archive"] = last.recipients, last.archive
        values["superior_heading"], values["issuer_heading"] = last.superior_heading, last.issuer_heading
    return values


# --- checks -----------------------------------------------------------------------------------------


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    value = "" if value is None else str(value)
    if "\x00" in value:
        raise ServiceError(_("The text contains an invalid character."))
    value = value.strip() if key not in ("bases", "recipients", "citation") else value.strip("\n\r ")
    limit = TEXT_LIMITS.get(key)
    if limit and len(value) > limit:
        raise ServiceError(
            _("%(field)s is too long.") % {"field": Decision._meta.get_field(key).verbose_name}
        )
    return value


def _check_form(form: AwardForm | None, level: Unit, body: Unit) -> None:
    """A commendation decision grants one form of the province's catalogue, issued by a body of
    the form's type at the form's level."""
    if form is None:
        raise ServiceError(_("Choose the award form the decision grants."))
    if form.province_id != province_of(level).pk or not form.active:
        raise ServiceError(_("“%(form)s” is not in the award catalogue in use here.") % {"form": form})
    if form.issuer_type_id != body.unit_type_id or body.area.level != form.level:
        raise ServiceError(
            _("“%(form)s” is granted by a body of type “%(type)s” (%(level)s); %(body)s cannot grant it.")
            % {
                "form": form,
                "type": form.issuer_type.name,
                "level": form.get_level_display(),
                "body": body.name,
            }
        )


def _clean(data: dict, level: Unit, kind: str, current: Decision | None = None) -> dict:
    """The header fields sent, validated; only the keys present are returned."""
    data = {k: v for k, v in data.items() if k in DECISION_FIELDS}
    clean: dict = {}
    for key in TEXT_LIMITS:
        if key in data:
            clean[key] = _text(data, key)
    if "issuer_code" in clean:
        code = re.sub(r"\s+", "", clean["issuer_code"]).upper()
        if not ISSUER_CODE.match(code):
            raise ServiceError(
                _("The issuer abbreviation is written in capital letters and digits, e.g. BTGDV.")
            )
        clean["issuer_code"] = code
    if clean.get("signer_authority"):
        authority = " ".join(clean["signer_authority"].split()).upper()
        prefix, _sep, rest = authority.partition(" ")
        if prefix not in AUTHORITY_PREFIXES or not rest:
            raise ServiceError(
                _(
                    "The signature authority starts with %(prefixes)s and names the body or office, "
                    "e.g. K/T TRƯỞNG BAN."
                )
                % {"prefixes": ", ".join(AUTHORITY_PREFIXES)}
            )
        clean["signer_authority"] = authority
    for key in ("subject", "issuer_heading", "issuer_code"):
        if key in clean and not clean[key]:
            raise ServiceError(
                _("%(field)s must not be empty.") % {"field": Decision._meta.get_field(key).verbose_name}
            )
    if "date" in data:
        when = data["date"]
        if not isinstance(when, date) or not (2000 <= when.year <= 2100):
            raise ServiceError(_("Enter the date of the decision."))
        clean["date"] = when
    if "number" in data:
        number = data["number"]
        if number is not None and (not isinstance(number, int) or not 1 <= number <= 99999):
            raise ServiceError(_("The number of a decision is a whole number from 1 to 99999."))
        clean["number"] = number
    if "issuing_body" in data:
        body = data["issuing_body"]
        if body is None or body.pk not in {u.pk for u in issuing_bodies(level)}:
            raise ServiceError(
                _("A decision at the level of %(level)s is issued by it or by one of its own bodies.")
                % {"level": level.name}
            )
        clean["issuing_body"] = body
    if "award_form" in data:
        if kind == DecisionKind.COMMENDATION:
            clean["award_form"] = data["award_form"]
        elif data["award_form"] is not None:
            raise ServiceError(_("A recognition decision grants no award form."))
    return clean


def _check_number(decision: Decision) -> None:
    if decision.number is None:
        return
    taken = (
        Decision.objects.filter(
            issuing_body=decision.issuing_body, year=decision.date.year, number=decision.number
        )
        .exclude(pk=decision.pk)
        .first()
    )
    if taken is not None:
        raise ServiceError(
            _("Number %(number)s of %(year)s is already used by %(body)s (%(subject)s).")
            % {
                "number": decision.number,
                "year": decision.date.year,
                "body": decision.issuing_body.name,
                "subject": taken.subject,
            }
        )


def _save(decision: Decision, reason: str, actor) -> None:
    _check_number(decision)
    with_reason(decision, reason, by=actor)
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError:  # a concurrent decision took the number
        raise ServiceError(_("This number has just been used by another decision; choose another.")) from None


def _event(decision: Decision, action: str, previous: str, actor, comment: str = "") -> DecisionEvent:
    event = DecisionEvent(
        decision=decision,
        action=action,
        from_status=previous,
        to_status=decision.status,
        actor=actor,
        comment=comment,
    )
    with_reason(event, comment or action, by=actor)
    event.save()
    return event


def _lock(decision: Decision) -> Decision:
    return (
        Decision.objects.select_for_update(of=("self",))
        .select_related("issuing_unit__area", "issuing_body__unit_type", "issuing_body__area", "award_form")
        .get(pk=decision.pk)
    )


def _require_draft(decision: Decision) -> None:
    if decision.status not in EDITABLE:
        raise ServiceError(
            _("The decision is %(status)s: only a draft can be changed.")
            % {"status": decision.get_status_display().lower()}
        )


# --- decisions ----------------------------------------------------------------------------------


@transaction.atomic
def create_decision(kind: str, level: Unit, data: dict, *, actor) -> Decision:
    """A draft decision at `level`'s authority; blank header fields take the defaults."""
    if kind not in DecisionKind.values:
        raise ServiceError(_("Choose recognition or commendation."))
    require(actor, REVIEW, level)
    if not level.active:
        raise ServiceError(_("Decisions are issued by units in force."))
    data = dict(data)
    data.setdefault("issuing_body", default_issuing_body(level))
    data.setdefault("date", timezone.localdate())
    clean = _clean(data, level, kind)
    body = clean["issuing_body"]
    form = clean.get("award_form")
    if kind == DecisionKind.COMMENDATION:
        _check_form(form, level, body)
    values = defaults(kind, level, body, clean["date"], form)
    values.update({k: v for k, v in clean.items() if v not in ("", None) or k == "number"})
    decision = Decision(kind=kind, issuing_unit=level, created_by=actor, **values)
    _save(decision, _("Draft decision created"), actor)
    _event(decision, "create", "", actor)
    return decision


@transaction.atomic
def update_decision(decision: Decision, data: dict, *, actor, reason: str = "") -> Decision:
    require(actor, REVIEW, decision)
    decision = _lock(decision)
    _require_draft(decision)
    clean = _clean(data, decision.issuing_unit, decision.kind, decision)
    changed = [k for k, v in clean.items() if getattr(decision, k) != v]
    for key in changed:
        setattr(decision, key, clean[key])
    if decision.kind == DecisionKind.COMMENDATION and ({"award_form", "issuing_body"} & set(changed)):
        _check_form(decision.award_form, decision.issuing_unit, decision.issuing_body)
        mismatched = [e for e in _entries(decision) if not decision.award_form.accepts(e.proposal.holder)]
        if mismatched:
            raise ServiceError(
                _("“%(form)s” is not for %(who)s: remove them from the list first.")
                % {"form": decision.award_form, "who": ", ".join(str(e.proposal) for e in mismatched)}
            )
    if changed:
        _save(decision, reason or _("Draft decision changed"), actor)
    return decision


def _entries(decision: Decision) -> list[DecisionEntry]:
    return list(
        decision.entries.select_related(
            "initiative__owner_unit", "proposal__proposing_unit", "proposal__recipient_unit"
        )
    )


def _next_position(decision: Decision) -> int:
    return (decision.entries.aggregate(n=Max("position"))["n"] or 0) + 1


def _entry(decision: Decision, actor, **values) -> DecisionEntry:
    entry = DecisionEntry(decision=decision, position=_next_position(decision), **values)
    with_reason(entry, _("Added to the list"), by=actor)
    entry.save()
    return entry


def recognition_refusal(decision: Decision, initiative: Initiative) -> str | None:
    """Why a model cannot be on this recognition decision's list, or None."""
    level = decision.issuing_unit
    if not in_subtree(level, initiative.owner_unit):
        return _(
            "“%(name)s” of %(owner)s lies outside %(level)s: a unit recognizes only the models of its own "
            "subtree, at its own level."
        ) % {"name": initiative.name, "owner": initiative.owner_unit.name, "level": level.name}
    if initiative.status != Status.PROPOSED:
        return _("“%(name)s” is not proposed for recognition (it is %(status)s).") % {
            "name": initiative.name,
            "status": initiative.get_status_display().lower(),
        }
    if initiative.year > decision.date.year:
        return _("“%(name)s” was registered in %(year)s, after the year of the decision.") % {
            "name": initiative.name,
            "year": initiative.year,
        }
    return None


@transaction.atomic
def add_initiatives(decision: Decision, initiatives, *, actor, typical=()) -> list[DecisionEntry]:
    """Put models and exemplars on a draft recognition decision's list (all of them or none);
    those in `typical` (ids) are marked typical."""
    require(actor, REVIEW, decision)
    decision = _lock(decision)
    _require_draft(decision)
    if decision.kind != DecisionKind.RECOGNITION:
        raise ServiceError(_("A commendation decision lists proposals, not models."))
    ids = [i.pk for i in initiatives]
    if not ids:
        raise ServiceError(_("Choose at least one model or exemplar."))
    chosen = {i.pk: i for i in Initiative.objects.filter(pk__in=ids).select_related("owner_unit")}
    present = set(decision.entries.values_list("initiative_id", flat=True))
    refusals = [r for pk in dict.fromkeys(ids) if (r := recognition_refusal(decision, chosen[pk]))]
    if refusals:
        raise ServiceError(refusals)
    typical = set(typical)
    return [
        _entry(decision, actor, initiative=chosen[pk], typical=pk in typical)
        for pk in dict.fromkeys(ids)
        if pk not in present
    ]


def commendation_refusal(decision: Decision, proposal: Proposal) -> str | None:
    level = decision.issuing_unit
    if proposal.status != ProposalStatus.SUBMITTED:
        return _("The proposal for %(name)s is %(status)s.") % {
            "name": proposal.recipient_name,
            "status": proposal.get_status_display().lower(),
        }
    if not in_subtree(level, proposal.proposing_unit) or (
        proposal.recipient_unit_id and not in_subtree(level, proposal.recipient_unit)
    ):
        return _("%(name)s lies outside %(level)s: a unit commends only within its own subtree.") % {
            "name": proposal.recipient_name,
            "level": level.name,
        }
    if decision.award_form and not decision.award_form.accepts(proposal.holder):
        return _("“%(form)s” is not for %(who)s.") % {
            "form": decision.award_form,
            "who": proposal.get_holder_display().lower(),
        }
    return None


@transaction.atomic
def add_proposals(decision: Decision, proposals, *, actor) -> list[DecisionEntry]:
    """Put submitted proposals on a draft commendation decision's list (all of them or none)."""
    require(actor, REVIEW, decision)
    decision = _lock(decision)
    _require_draft(decision)
    if decision.kind != DecisionKind.COMMENDATION:
        raise ServiceError(_("A recognition decision lists models and exemplars, not proposals."))
    ids = [p.pk for p in proposals]
    if not ids:
        raise ServiceError(_("Choose at least one proposal."))
    chosen = {
        p.pk: p
        for p in Proposal.objects.filter(pk__in=ids).select_related("proposing_unit", "recipient_unit")
    }
    refusals = [r for pk in dict.fromkeys(ids) if (r := commendation_refusal(decision, chosen[pk]))]
    if refusals:
        raise ServiceError(refusals)
    present = set(decision.entries.values_list("proposal_id", flat=True))
    return [_entry(decision, actor, proposal=chosen[pk]) for pk in dict.fromkeys(ids) if pk not in present]


@transaction.atomic
def remove_entry(entry: DecisionEntry, *, actor) -> None:
    decision = entry.decision
    require(actor, REVIEW, decision)
    decision = _lock(decision)
    _require_draft(decision)
    entry = DecisionEntry.objects.get(pk=entry.pk)
    with_reason(entry, _("Removed from the list"), by=actor)
    entry.delete()
    # the list stays numbered 1, 2, 3…
    for position, rest in enumerate(decision.entries.order_by("position", "id"), start=1):
        if rest.position != position:
            rest.position = position
            with_reason(rest, _("Renumbered"), by=actor)
            rest.save(update_fields=["position"])


@transaction.atomic
def mark_entry(
    entry: DecisionEntry, *, actor, typical: bool, proposed: bool, reason: str = ""
) -> DecisionEntry:
    """The funnel: a recognized model may be typical, and a typical one proposed for commendation.
    On an issued decision the model's yearly record notes it."""
    decision = entry.decision
    require(actor, REVIEW, decision)
    decision = _lock(decision)
    if decision.status not in MARKABLE:
        raise ServiceError(
            _(
                "The decision is issued: its list, typical models included, is part of the signed "
                "document and no longer changes. Mark them in a new decision."
            )
        )
    if decision.kind != DecisionKind.RECOGNITION:
        raise ServiceError(_("Only the models of a recognition decision are marked typical."))
    if proposed and not typical:
        raise ServiceError(_("Only a typical model or exemplar is proposed for commendation."))
    entry = DecisionEntry.objects.select_related("initiative").get(pk=entry.pk)
    if (entry.typical, entry.proposed) == (typical, proposed):
        return entry
    was_typical = entry.typical
    entry.typical, entry.proposed = typical, proposed
    if typical and proposed:
        why = _("Typical, proposed for commendation")
    elif typical:
        why = _("Typical")
    else:
        why = _("Not typical")
    with_reason(entry, reason.strip() or why, by=actor)
    entry.save()
    if decision.status == DecisionStatus.ISSUED and typical != was_typical:
        line = (_("Typical model under %(ref)s.") if typical else _("No longer typical under %(ref)s.")) % {
            "ref": reference(decision)
        }
        _note_year(
            entry.initiative, decision.date.year, line, actor, Evaluation.EXCELLENT if typical else None
        )
    return entry


def _note_year(initiative: Initiative, year: int, line: str, actor, evaluation: str | None = None) -> None:
    """Append a line to the model's yearly record (nothing is overwritten but the evaluation)."""
    record = InitiativeYear.objects.select_for_update().filter(initiative=initiative, year=year).first()
    if record is None:
        record = InitiativeYear(initiative=initiative, year=year)
    record.evaluation_note = f"{record.evaluation_note}\n{line}".strip()
    if evaluation and record.evaluation != evaluation:
        record.evaluation = evaluation
        record.evaluated_by, record.evaluated_at = actor, timezone.now()
    with_reason(record, line, by=actor)
    record.save()


@transaction.atomic
def transition(decision: Decision, action: str, *, actor, comment: str = "") -> Decision:
    """Issue or revoke a decision (workflow.DECISION_TRANSITIONS), or refuse and change nothing."""
    rule = DECISION_TRANSITIONS.get(action)
    if rule is None:
        raise ServiceError(_("Unknown action “%(action)s”.") % {"action": action})
    decision = _lock(decision)
    if not can(actor, rule.permission, decision):
        raise PermissionDenied(_("You do not have permission to do this here."))
    if decision.status not in rule.sources:
        raise ServiceError(
            _("“%(action)s” is not possible while the decision is %(status)s.")
            % {"action": rule.label, "status": decision.get_status_display().lower()}
        )
    comment = (comment or "").strip()
    if rule.needs_comment and not comment:
        raise ServiceError(_("Give a reason for “%(action)s”.") % {"action": rule.label})
    if "\x00" in comment:
        raise ServiceError(_("The text contains an invalid character."))
    previous = decision.status
    if action == "issue":
        _issue(decision, actor, comment)
    else:
        _revoke(decision, actor, comment)
    decision.status = rule.target
    decision.status_changed_at = timezone.now()
    if action == "revoke":
        decision.revoke_reason = comment
    _save(decision, comment or str(rule.label), actor)
    _event(decision, action, previous, actor, comment)
    return decision


def _issue(decision: Decision, actor, comment: str) -> None:
    missing = [
        str(Decision._meta.get_field(key).verbose_name)
        for key in ("number", "issuer_code", "signer_position", "signer_name", "subject")
        if getattr(decision, key) in (None, "")
    ]
    if missing:
        raise ServiceError(_("Before issuing, fill in: %(fields)s.") % {"fields": ", ".join(missing)})
    if decision.date > timezone.localdate():
        raise ServiceError(_("A decision is issued on or after its date, not before it."))
    if not decision.issuing_unit.active:
        raise ServiceError(_("Decisions are issued by units in force."))
    _check_number(decision)
    entries = _entries(decision)
    if not entries:
        raise ServiceError(_("The decision's list is empty."))
    if decision.kind == DecisionKind.RECOGNITION:
        _recognize(decision, entries, actor)
    else:
        _check_form(decision.award_form, decision.issuing_unit, decision.issuing_body)
        _grant(decision, entries, actor)


def _recognize(decision: Decision, entries: list[DecisionEntry], actor) -> None:
    """Recognize every listed model at the decision's level and date, or none of them."""
    refusals = [r for e in entries if (r := recognition_refusal(decision, e.initiative))]
    if refusals:
        raise ServiceError(refusals)
    ref = reference(decision)
    for entry in entries:
        try:
            initiative = initiative_services.transition(
                entry.initiative,
                "recognize",
                actor=actor,
                comment=_("Recognized by %(ref)s") % {"ref": ref},
                level=decision.issuing_unit,
                on=decision.date,
            )
        except (ServiceError, PermissionDenied) as exc:
            raise ServiceError(
                _("“%(name)s” cannot be recognized: %(why)s")
                % {"name": entry.initiative.name, "why": " ".join(getattr(exc, "messages", [str(exc)]))}
            ) from exc
        entry.recognition = TransitionRecord.objects.filter(initiative=initiative, action="recognize").latest(
            "at", "id"
        )
        with_reason(entry, _("Recognized by %(ref)s") % {"ref": ref}, by=actor)
        entry.save(update_fields=["recognition"])
        line = _("Recognized at the level of %(level)s by %(ref)s.") % {
            "level": decision.issuing_unit.name,
            "ref": ref,
        }
        if entry.typical:
            typical = _("Typical model.")
            line = f"{line} {typical}"
        current = InitiativeYear.objects.filter(initiative=initiative, year=decision.date.year).first()
        if entry.typical:
            evaluation = Evaluation.EXCELLENT
        else:
            evaluation = None if current is not None and current.evaluation else Evaluation.GOOD
        _note_year(initiative, decision.date.year, line, actor, evaluation)


def _grant(decision: Decision, entries: list[DecisionEntry], actor) -> None:
    refusals = [r for e in entries if (r := commendation_refusal(decision, e.proposal))]
    if refusals:
        raise ServiceError(refusals)
    ref = reference(decision)
    for entry in entries:
        proposal = Proposal.objects.select_for_update().get(pk=entry.proposal_id)
        proposal.status, proposal.status_changed_at = ProposalStatus.GRANTED, timezone.now()
        proposal.status_reason = _("Granted %(form)s by %(ref)s") % {"form": decision.award_form, "ref": ref}
        with_reason(proposal, proposal.status_reason, by=actor)
        proposal.save()


def _revoke(decision: Decision, actor, comment: str) -> None:
    """Undo what the decision did, keeping every record: each model it recognized and that is still
    recognized by it goes to "being consolidated" (no longer counted as recognized; it can be
    proposed again), each proposal it granted is submitted again."""
    ref = reference(decision)
    why = _("%(ref)s was revoked: %(reason)s") % {"ref": ref, "reason": comment}
    for entry in _entries(decision):
        if entry.proposal_id:
            proposal = Proposal.objects.select_for_update().get(pk=entry.proposal_id)
            if proposal.status == ProposalStatus.GRANTED:
                proposal.status, proposal.status_changed_at = ProposalStatus.SUBMITTED, timezone.now()
                proposal.status_reason = why
                with_reason(proposal, why, by=actor)
                proposal.save()
            continue
        initiative = Initiative.objects.select_for_update().get(pk=entry.initiative_id)
        latest = (
            TransitionRecord.objects.filter(initiative=initiative, action="recognize")
            .order_by("-at", "-id")
            .first()
        )
        if (
            entry.recognition_id
            and latest
            and latest.pk == entry.recognition_id
            and initiative.status in RECOGNIZED_STATES
        ):
            initiative_services.transition(initiative, "consolidate", actor=actor, comment=why)
        _note_year(initiative, decision.date.year, why, actor)


# --- proposals ------------------------------------------------------------------------------------

PROPOSAL_FIELDS = (
    "year",
    "award_form",
    "holder",
    "recipient_unit",
    "recipient_name",
    "recipient_position",
    "initiative",
    "campaign",
    "occasion",
    "occasion_date",
    "achievements",
)


def _clean_proposal(unit: Unit, data: dict) -> dict:
    data = {k: v for k, v in data.items() if k in PROPOSAL_FIELDS}
    for key, limit in (
        ("recipient_name", 255),
        ("recipient_position", 255),
        ("occasion", 255),
        ("achievements", 5000),
    ):
        value = str(data.get(key) or "").strip()
        if "\x00" in value:
            raise ServiceError(_("The text contains an invalid character."))
        if len(value) > limit:
            raise ServiceError(
                _("%(field)s is too long.") % {"field": Proposal._meta.get_field(key).verbose_name}
            )
        data[key] = value
    year = data.get("year")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ServiceError(_("Enter the year of the proposal."))
    holder = data.get("holder") or Holder.COLLECTIVE
    if holder not in Holder.values:
        raise ServiceError(_("Choose a collective or an individual."))
    data["holder"] = holder
    recipient_unit = data.get("recipient_unit")
    if recipient_unit is not None and not in_subtree(unit, recipient_unit):
        raise ServiceError(
            _("%(unit)s proposes only its own collectives and people: %(recipient)s is not one of them.")
            % {"unit": unit.name, "recipient": recipient_unit.name}
        )
    if not data["recipient_name"]:
        if holder == Holder.COLLECTIVE and recipient_unit is not None:
            data["recipient_name"] = recipient_unit.name
        else:
            raise ServiceError(_("Enter the name of the collective or person proposed."))
    if holder == Holder.INDIVIDUAL and not data["recipient_position"]:
        raise ServiceError(_("Enter the position and unit of the person proposed."))
    form = data.get("award_form")
    if form is None or form.province_id != province_of(unit).pk or not form.active:
        raise ServiceError(_("Choose an award form of the catalogue in use here."))
    if not form.accepts(holder):
        raise ServiceError(
            _("“%(form)s” is not for %(who)s.") % {"form": form, "who": Holder(holder).label.lower()}
        )
    initiative = data.get("initiative")
    if initiative is not None and not in_subtree(unit, initiative.owner_unit):
        raise ServiceError(_("“%(name)s” is a model of another unit's subtree.") % {"name": initiative.name})
    campaign: Campaign | None = data.get("campaign")
    if campaign is not None and not unit.path.startswith(campaign.issuing_unit.path):
        raise ServiceError(_("The campaign was not launched for this unit."))
    if initiative is None and campaign is None and not data["occasion"]:
        raise ServiceError(_("Say what the proposal is for: a model or exemplar, a campaign or an event."))
    when = data.get("occasion_date")
    if when is not None and not (isinstance(when, date) and 2000 <= when.year <= 2100):
        raise ServiceError(_("Enter the date of the event."))
    return data


@transaction.atomic
def create_proposal(unit: Unit, data: dict, *, actor) -> Proposal:
    """A unit proposes one of its collectives or people for an award form."""
    require(actor, PROPOSE, unit)
    if not unit.active:
        raise ServiceError(_("Proposals are made by units in force."))
    clean = _clean_proposal(unit, data)
    proposal = Proposal(proposing_unit=unit, created_by=actor, **clean)
    with_reason(proposal, _("Proposal submitted"), by=actor)
    proposal.save()
    return proposal


@transaction.atomic
def proposal_transition(proposal: Proposal, action: str, *, actor, comment: str = "") -> Proposal:
    rule = PROPOSAL_TRANSITIONS.get(action)
    if rule is None:
        raise ServiceError(_("Unknown action “%(action)s”.") % {"action": action})
    # the proposal's row only, not its unit's (see initiatives.services.transition)
    proposal = (
        Proposal.objects.select_for_update(of=("self",)).select_related("proposing_unit").get(pk=proposal.pk)
    )
    if not can(actor, rule.permission, proposal):
        raise PermissionDenied(_("You do not have permission to do this here."))
    if proposal.status not in rule.sources:
        raise ServiceError(
            _("“%(action)s” is not possible while the proposal is %(status)s.")
            % {"action": rule.label, "status": proposal.get_status_display().lower()}
        )
    comment = (comment or "").strip()
    if rule.needs_comment and not comment:
        raise ServiceError(_("Give a reason for “%(action)s”.") % {"action": rule.label})
    if "\x00" in comment:
        raise ServiceError(_("The text contains an invalid character."))
    draft = (
        Decision.objects.filter(status=DecisionStatus.DRAFT, entries__proposal=proposal)
        .select_related("issuing_unit")
        .first()
    )
    if draft is not None:
        raise ServiceError(
            _("The proposal is on a draft decision of %(level)s: remove it from that list first.")
            % {"level": draft.issuing_unit.name}
        )
    proposal.status, proposal.status_changed_at, proposal.status_reason = rule.target, timezone.now(), comment
    with_reason(proposal, comment, by=actor)
    proposal.save()
    return proposal


# --- the award catalogue ------------------------------------------------------------------------------


def _require_province(province: Unit, actor) -> None:
    if province.depth != 1:
        raise ServiceError(_("The award catalogue belongs to a province's top unit."))
    require(actor, REVIEW, province)


@transaction.atomic
def adopt_default_catalogue(province: Unit, *, actor) -> int:
    """Copy the default award forms into the province's catalogue (those it lacks); how many."""
    _require_province(province, actor)
    types = {t.code: t for t in UnitType.objects.all()}
    have = set(AwardForm.objects.filter(province=province).values_list("code", flat=True))
    created = 0
    for order, (code, name, grade, type_code, level, recipients, basis) in enumerate(
        DEFAULT_AWARD_FORMS, start=1
    ):
        if code in have or type_code not in types:
            continue
        form = AwardForm(
            province=province,
            code=code,
            name=name,
            grade=grade,
            issuer_type=types[type_code],
            level=level,
            recipients=recipients,
            basis=basis,
            sort_order=order * 10,
        )
        with_reason(form, _("Default award catalogue adopted"), by=actor)
        form.save()
        created += 1
    return created


FORM_FIELDS = ("name", "grade", "issuer_type", "level", "recipients", "basis", "sort_order", "active")


@transaction.atomic
def save_award_form(
    province: Unit, data: dict, *, actor, form: AwardForm | None = None, reason: str = ""
) -> AwardForm:
    """Add a form to the province's catalogue, or change one; a form in use keeps its grantor."""
    _require_province(province, actor)
    if form is not None and form.province_id != province.pk:
        raise ServiceError(_("This award form belongs to another province."))
    data = {k: v for k, v in data.items() if k in FORM_FIELDS}
    name = " ".join(str(data.get("name", form.name if form else "")).split())
    if not name or "\x00" in name or len(name) > 255:
        raise ServiceError(_("Enter the name of the award form."))
    data["name"] = name
    for key, choices in (("grade", AwardGrade.values), ("recipients", Recipients.values)):
        if key in data and data[key] not in choices:
            raise ServiceError(
                _("Choose a valid value for %(field)s.")
                % {"field": AwardForm._meta.get_field(key).verbose_name}
            )
    if "level" in data and data["level"] not in (AreaLevel.PROVINCE, AreaLevel.COMMUNE):
        raise ServiceError(_("An award form is granted at province or commune level."))
    if form is None:
        for key in ("grade", "issuer_type", "level"):
            if not data.get(key):
                raise ServiceError(_("Choose the grade, the granting unit type and the level."))
        code = _slug(name)[:50] or "form"
        base, n = code, 2
        while AwardForm.objects.filter(province=province, code=code).exists():
            code, n = f"{base}_{n}", n + 1
        form = AwardForm(province=province, code=code)
    elif form.decisions.exclude(status=DecisionStatus.DRAFT).exists() and (
        ("issuer_type" in data and data["issuer_type"].pk != form.issuer_type_id)
        or ("level" in data and data["level"] != form.level)
    ):
        raise ServiceError(
            _("Decisions have granted this form: its granting body cannot change. Add a new form instead.")
        )
    for key, value in data.items():
        setattr(form, key, value)
    with_reason(form, reason or _("Award catalogue changed"), by=actor)
    form.save()
    return form


def _slug(text: str) -> str:
    from danvan.core.text import fold

    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")
