"""Every write users trigger on the movement's funding: one function per action, transactional,
permission-checked, recorded in the history with who, when and why.

Who may write (core.permissions.ACTIONS):

* ``funding.change`` (unit officers, standing agencies, administrators) — record, correct and void
  what a unit of their subtree spent;
* ``funding.allocate`` (standing agencies and administrators) — record, correct and void the
  money a unit of their subtree is given: the level that gives the budget records it.

The rules: amounts are whole đồng, spending > 0 and allocations ≥ 0; a unit records money only
for the time it was in force; support to a model names a model of the spending unit's subtree;
spending charged to an allocation belongs to the same unit and year, and the spending charged to
an allocation never exceeds it (the allocation row is locked while it is checked). A change needs
a reason; nothing is deleted: a row is voided, with its reason, and voided rows count nowhere.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.permissions import require, visible_units
from danvan.core.services import ServiceError, with_reason
from danvan.funding.metrics import SPENT
from danvan.funding.models import Allocation, Expenditure, Purpose, Source
from danvan.funding.money import clean_amount, vnd
from danvan.initiatives.models import Initiative
from danvan.initiatives.workflow import Status
from danvan.orgs.models import Unit

VIEW = "funding.view"
CHANGE = "funding.change"
ALLOCATE = "funding.allocate"

ALLOCATION_FIELDS = ("year", "source", "amount", "decision_reference", "note")
EXPENDITURE_FIELDS = (
    "date",
    "amount",
    "purpose",
    "initiative",
    "allocation",
    "description",
    "voucher_reference",
)
LIMITS = {"decision_reference": 255, "note": 2000, "description": 2000, "voucher_reference": 120}
REASON_LIMIT = 1000


# --- reading --------------------------------------------------------------------------------------


def visible_allocations(user):
    """Allocations of the units the user may see (their subtrees and the former units they succeeded)."""
    return Allocation.objects.filter(unit__in=visible_units(user, VIEW).values("pk"))


def visible_expenditures(user):
    """Spending of the units the user may see, and the support other levels gave to models the
    user may see (a ward sees what the city spent on its model)."""
    units = visible_units(user, VIEW).values("pk")
    return Expenditure.objects.filter(
        Q(unit__in=units) | Q(purpose=Purpose.MODEL_SUPPORT, initiative__owner_unit__in=units)
    )


def charged(allocation: Allocation, *, excluding: Expenditure | None = None):
    """The spending (not voided) charged to an allocation, as the metric `funding.spent` counts it."""
    rows = SPENT.rows().filter(allocation=allocation)
    if excluding is not None and excluding.pk:
        rows = rows.exclude(pk=excluding.pk)
    return rows.aggregate(value=SPENT.value)["value"] or 0


# --- cleaning -------------------------------------------------------------------------------------


def _text(data: dict, key: str, label: str, *, required: bool = False) -> str:
    value = data.get(key)
    value = "" if value is None else str(value).strip()
    if "\x00" in value:
        raise ServiceError(_("The text contains an invalid character."))
    if required and not value:
        raise ServiceError(_("Enter the %(field)s.") % {"field": label})
    if len(value) > LIMITS[key]:
        raise ServiceError(
            _("The %(field)s is too long (at most %(limit)s characters).")
            % {"field": label, "limit": LIMITS[key]}
        )
    return value


def _reason(reason: str | None, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(message)
    if "\x00" in reason:
        raise ServiceError(_("The text contains an invalid character."))
    if len(reason) > REASON_LIMIT:
        raise ServiceError(
            _("The reason is too long (at most %(limit)s characters).") % {"limit": REASON_LIMIT}
        )
    return reason


def _year(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 2000 <= value <= 2100:
        raise ServiceError(_("Enter a year between 2000 and 2100."))
    return value


def _day(value) -> date:
    if isinstance(value, datetime) or not isinstance(value, date) or not 2000 <= value.year <= 2100:
        raise ServiceError(_("Enter the date it was spent."))
    return value


def in_force_during(unit: Unit, year: int) -> bool:
    """Was the unit in force at some time in `year`?"""
    return (unit.valid_from is None or unit.valid_from.year <= year) and (
        unit.valid_until is None or unit.valid_until.year >= year
    )


def _clean_allocation(unit: Unit, data: dict) -> dict:
    clean = {
        "year": _year(data.get("year")),
        "amount": clean_amount(data.get("amount"), positive=False),
        "decision_reference": _text(data, "decision_reference", _("decision")),
        "note": _text(data, "note", _("note")),
    }
    source = data.get("source")
    if source not in Source.values:
        raise ServiceError(_("Choose the source of the funding."))
    clean["source"] = source
    if not in_force_during(unit, clean["year"]):
        raise ServiceError(
            _("%(unit)s was not in force in %(year)s.") % {"unit": unit.name, "year": clean["year"]}
        )
    return clean


def _clean_expenditure(unit: Unit, data: dict, current: Expenditure | None = None) -> dict:
    clean = {
        "date": _day(data.get("date")),
        "amount": clean_amount(data.get("amount"), positive=True),
        "description": _text(data, "description", _("description"), required=True),
        "voucher_reference": _text(data, "voucher_reference", _("voucher")),
    }
    purpose = data.get("purpose")
    if purpose not in Purpose.values:
        raise ServiceError(_("Choose what the money was spent on."))
    clean["purpose"] = purpose
    if not unit.is_active(clean["date"]):
        raise ServiceError(
            _("%(unit)s was not in force on %(date)s.")
            % {"unit": unit.name, "date": clean["date"].strftime("%d/%m/%Y")}
        )

    initiative = data.get("initiative")
    if initiative is not None and not isinstance(initiative, Initiative):
        raise ServiceError(_("Choose a model or exemplar."))
    # a model keeps the support recorded for it when it moves (carried over to a successor)
    unchanged = current is not None and initiative is not None and initiative.pk == current.initiative_id
    if initiative is not None and not unchanged:
        if not initiative.owner_unit.path.startswith(unit.path):
            raise ServiceError(
                _("“%(name)s” is not a model of %(unit)s or of a unit under it.")
                % {"name": initiative.name, "unit": unit.name}
            )
        if initiative.status == Status.DRAFT:
            raise ServiceError(
                _("“%(name)s” is still a draft: support goes to registered models.")
                % {"name": initiative.name}
            )
    if purpose == Purpose.MODEL_SUPPORT and initiative is None:
        raise ServiceError(_("Choose the model or exemplar this money supports."))
    clean["initiative"] = initiative

    allocation = data.get("allocation")
    if allocation is not None:
        if not isinstance(allocation, Allocation) or allocation.unit_id != unit.pk:
            raise ServiceError(_("Spending is charged to an allocation of the same unit."))
        if allocation.year != clean["date"].year:
            raise ServiceError(
                _("Spending of %(year)s is charged to an allocation of %(year)s.")
                % {"year": clean["date"].year}
            )
    clean["allocation"] = allocation
    return clean


def _check_within_allocation(expenditure: Expenditure) -> None:
    """Lock the allocation the spending is charged to, and refuse to exceed it."""
    if expenditure.allocation_id is None:
        return
    allocation = Allocation.objects.select_for_update(of=("self",)).get(pk=expenditure.allocation_id)
    if allocation.is_void:
        raise ServiceError(_("This allocation has been voided: charge the spending to another one."))
    already = charged(allocation, excluding=expenditure)
    if already + expenditure.amount > allocation.amount:
        left = max(allocation.amount - already, 0)
        raise ServiceError(
            _(
                "This spending would exceed the allocation “%(allocation)s”: %(allocated)s allocated, "
                "%(charged)s already charged, %(left)s left."
            )
            % {
                "allocation": allocation,
                "allocated": vnd(allocation.amount),
                "charged": vnd(already),
                "left": vnd(left),
            }
        )


def _apply(obj, clean: dict) -> list[str]:
    changed = [key for key, value in clean.items() if getattr(obj, key) != value]
    for key in changed:
        setattr(obj, key, clean[key])
    return changed


def _void(obj, *, actor, reason: str) -> None:
    obj.voided_at, obj.voided_by, obj.void_reason = timezone.now(), actor, reason
    with_reason(obj, reason, by=actor)
    obj.save()


# --- allocations ----------------------------------------------------------------------------------


@transaction.atomic
def create_allocation(unit: Unit, data: dict, *, actor) -> Allocation:
    """Record money a unit is given for the movement in a year."""
    require(actor, ALLOCATE, unit)
    clean = _clean_allocation(unit, {"source": Source.STATE_BUDGET, **data})
    allocation = Allocation(unit=unit, created_by=actor, **clean)
    with_reason(allocation, _("Allocation recorded"), by=actor)
    allocation.save()
    return allocation


@transaction.atomic
def update_allocation(allocation: Allocation, data: dict, *, actor, reason: str = "") -> Allocation:
    """Correct an allocation; it never falls below the spending already charged to it."""
    require(actor, ALLOCATE, allocation)
    allocation = (
        Allocation.objects.select_for_update(of=("self",)).select_related("unit").get(pk=allocation.pk)
    )
    if allocation.is_void:
        raise ServiceError(_("A voided allocation cannot be changed."))
    reason = _reason(reason, _("Give the reason for the change."))
    current = {key: getattr(allocation, key) for key in ALLOCATION_FIELDS}
    clean = _clean_allocation(allocation.unit, {**current, **{k: v for k, v in data.items() if k in current}})
    already = charged(allocation)
    if already and clean["year"] != allocation.year:
        raise ServiceError(
            _("Spending of %(year)s is charged to this allocation: its year cannot change.")
            % {"year": allocation.year}
        )
    if clean["amount"] < already:
        raise ServiceError(
            _("%(charged)s of spending is charged to this allocation: it cannot be less than that.")
            % {"charged": vnd(already)}
        )
    if _apply(allocation, clean):
        with_reason(allocation, reason, by=actor)
        allocation.save()
    return allocation


@transaction.atomic
def void_allocation(allocation: Allocation, *, actor, reason: str = "") -> Allocation:
    """Void a mistaken allocation; spending charged to it must be voided or moved first."""
    require(actor, ALLOCATE, allocation)
    allocation = (
        Allocation.objects.select_for_update(of=("self",)).select_related("unit").get(pk=allocation.pk)
    )
    if allocation.is_void:
        raise ServiceError(_("This allocation has already been voided."))
    reason = _reason(reason, _("Give the reason for voiding it."))
    if charged(allocation):
        raise ServiceError(_("Spending is charged to this allocation: void it or charge it elsewhere first."))
    _void(allocation, actor=actor, reason=reason)
    return allocation


# --- expenditures ---------------------------------------------------------------------------------


@transaction.atomic
def create_expenditure(unit: Unit, data: dict, *, actor) -> Expenditure:
    """Record money a unit spent on the movement (support to a model names the model)."""
    require(actor, CHANGE, unit)
    clean = _clean_expenditure(unit, data)
    expenditure = Expenditure(unit=unit, created_by=actor, **clean)
    _check_within_allocation(expenditure)
    with_reason(expenditure, _("Spending recorded"), by=actor)
    expenditure.save()
    return expenditure


@transaction.atomic
def update_expenditure(expenditure: Expenditure, data: dict, *, actor, reason: str = "") -> Expenditure:
    require(actor, CHANGE, expenditure)
    expenditure = (
        Expenditure.objects.select_for_update(of=("self",))
        .select_related("unit", "initiative", "allocation")
        .get(pk=expenditure.pk)
    )
    if expenditure.is_void:
        raise ServiceError(_("A voided expenditure cannot be changed."))
    reason = _reason(reason, _("Give the reason for the change."))
    current = {key: getattr(expenditure, key) for key in EXPENDITURE_FIELDS}
    merged = {**current, **{k: v for k, v in data.items() if k in current}}
    clean = _clean_expenditure(expenditure.unit, merged, current=expenditure)
    if _apply(expenditure, clean):
        _check_within_allocation(expenditure)
        with_reason(expenditure, reason, by=actor)
        expenditure.save()
    return expenditure


@transaction.atomic
def void_expenditure(expenditure: Expenditure, *, actor, reason: str = "") -> Expenditure:
    require(actor, CHANGE, expenditure)
    expenditure = (
        Expenditure.objects.select_for_update(of=("self",)).select_related("unit").get(pk=expenditure.pk)
    )
    if expenditure.is_void:
        raise ServiceError(_("This expenditure has already been voided."))
    reason = _reason(reason, _("Give the reason for voiding it."))
    _void(expenditure, actor=actor, reason=reason)
    return expenditure
