"""Every write users trigger on targets and scorecards: one function per action, transactional,
permission-checked, recorded in the history with who, when and why. Bad input raises
`ServiceError` with a Vietnamese message and changes nothing.

* Targets and scorecard schemes are set by the standing agency of a level (`targets.manage` on the
  issuing unit); a target is withdrawn rather than deleted.
* A unit's officers report its rate (`targets.report` on the reporting unit); a report for a period
  already reported corrects it (the history keeps the figures it replaced).
* Milestones are recorded by a standing agency over the unit (`targets.manage` on the unit or on the
  target's issuing unit).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.core.permissions import can, granted_paths, is_system_admin, require, scope_q, visible_units
from danvan.core.services import ServiceError, with_reason
from danvan.initiatives import evidence
from danvan.metrics import registry
from danvan.orgs.models import Campaign, Unit, UnitSuccession, UnitType
from danvan.targets.models import (
    MAX_COUNT,
    MAX_YEAR,
    METRIC_KINDS,
    MIN_YEAR,
    TARGETS_MET,
    UPPER_BOUNDS,
    Comparison,
    MilestoneRecord,
    RateReport,
    ScorecardItem,
    ScorecardScheme,
    Scoring,
    Target,
    TargetKind,
)

VIEW, MANAGE, REPORT = "targets.view", "targets.manage", "targets.report"
MAX_SPAN = 10  # years of one target's period
MAX_ITEMS = 12
TARGET_FIELDS = (
    "title",
    "basis",
    "kind",
    "start_year",
    "end_year",
    "campaign",
    "metric_code",
    "unit_type",
    "per_unit_minimum",
    "comparison",
    "goal",
)

# the periods a rate is reported for: (code, last day's month and day, label)
PERIODS = {
    "q1": ((3, 31), "Quý I năm %(year)s"),
    "h1": ((6, 30), "6 tháng đầu năm %(year)s"),
    "m9": ((9, 30), "9 tháng năm %(year)s"),
    "year": ((12, 31), "Năm %(year)s"),
}


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _line(value) -> str:
    return " ".join(str(value or "").split())


# --- reading ----------------------------------------------------------------------------------


def _above_or_inside(user, qs):
    """Rows issued by a unit above one of the user's units (they apply to it) or inside their
    subtrees (and by the former units those succeeded)."""
    if is_system_admin(user):
        return qs
    paths = granted_paths(user, VIEW)
    if not paths:
        return qs.none()
    above = {path[: i * Unit.steplen] for path in paths for i in range(1, len(path) // Unit.steplen + 1)}
    return qs.filter(
        Q(issuing_unit__path__in=above) | Q(issuing_unit__in=visible_units(user, VIEW).values("pk"))
    )


def visible_targets(user):
    """Targets that apply to a unit the user may see, or were issued inside their subtrees."""
    return _above_or_inside(user, Target.objects.all())


def visible_schemes(user):
    """Scorecard schemes issued above or inside the user's subtrees (as targets)."""
    return _above_or_inside(user, ScorecardScheme.objects.all())


def in_scope(unit: Unit, root: Unit) -> bool:
    """Is `unit` in `root`'s subtree, or a former unit whose work continues there?"""
    return unit.path.startswith(root.path) or unit.pk in registry.former_units(root)


def viewpoints(user, target: Target):
    """The units a user may see the target from: visible units of the issuing unit's subtree."""
    return visible_units(user, VIEW).filter(path__startswith=target.issuing_unit.path)


def default_viewpoint(user, target: Target) -> Unit | None:
    """The issuing unit if the user may see it, else their shallowest unit under it."""
    return viewpoints(user, target).order_by("depth", "name_sort").first()


# --- targets ----------------------------------------------------------------------------------


def _year(value, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_YEAR <= value <= MAX_YEAR:
        raise ServiceError(
            _("%(label)s must be a year from %(min)s to %(max)s.")
            % {"label": label, "min": MIN_YEAR, "max": MAX_YEAR}
        )
    return value


def _decimal(value, message: str) -> Decimal:
    try:
        number = Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError, TypeError):
        raise ServiceError(message) from None
    if not number.is_finite():
        raise ServiceError(message)
    return number


def _campaign_fits(campaign: Campaign, unit: Unit) -> bool:
    """A campaign launched by the unit, a unit above it, or a former unit they succeeded."""
    chain = [*unit.ancestor_paths(), unit.path]
    if campaign.issuing_unit.path in chain:
        return True
    return UnitSuccession.objects.filter(
        predecessor=campaign.issuing_unit, successor__path__in=chain
    ).exists()


def _clean_target(data: dict, issuing_unit: Unit, current: Target | None = None) -> dict:
    """The target fields of `data`, normalized and checked together with what the target already
    has (an edit may send only some fields); fields a kind does not use are cleared."""

    def value(key, default=None):
        if key in data:
            return data[key]
        return getattr(current, key, default) if current is not None else default

    title = _line(value("title"))
    if not title:
        raise ServiceError(_("Enter the target as the leaders wrote it."))
    if len(title) > 500:
        raise ServiceError(_("The target is too long (at most 500 characters)."))
    basis = _line(value("basis", ""))[:300]
    kind = value("kind")
    if kind not in TargetKind.values:
        raise ServiceError(_("Choose the kind of target."))
    start_year = _year(value("start_year"), _("The first year"))
    end_year = _year(value("end_year", start_year), _("The last year"))
    if end_year < start_year:
        raise ServiceError(_("The last year must not be before the first year."))
    if end_year - start_year >= MAX_SPAN:
        raise ServiceError(_("A target's period is at most %(n)s years.") % {"n": MAX_SPAN})
    comparison = value("comparison") or Comparison.AT_LEAST
    if comparison not in Comparison.values:
        raise ServiceError(_("Choose how the actual value is compared with the goal."))
    if value("goal") in (None, ""):
        raise ServiceError(_("Enter the goal."))
    goal = _decimal(value("goal"), _("The goal must be a number."))
    if goal < 0:
        raise ServiceError(_("The goal must not be negative."))
    if kind in (TargetKind.COVERAGE, TargetKind.RATE) and goal > 100:
        raise ServiceError(_("The goal of a coverage or rate target is a share: at most 100%."))
    if goal >= Decimal("1e12"):
        raise ServiceError(_("The goal is too large."))
    goal = goal.quantize(Decimal("0.01"))

    metric_code = (value("metric_code") or "").strip() if kind in METRIC_KINDS else ""
    if kind in METRIC_KINDS:
        if not metric_code:
            raise ServiceError(_("Choose the metric the target is measured by."))
        try:
            registry.get(metric_code)
        except KeyError:
            raise ServiceError(_("Unknown metric: %(code)s.") % {"code": metric_code}) from None
    unit_type = value("unit_type") if kind != TargetKind.THRESHOLD else None
    if unit_type is not None and not isinstance(unit_type, UnitType):
        raise ServiceError(_("Unknown type of unit."))
    if kind == TargetKind.COVERAGE and unit_type is None:
        raise ServiceError(_("Choose the type of the units that must each reach the minimum."))
    minimum = value("per_unit_minimum", 1) if kind == TargetKind.COVERAGE else 1
    if isinstance(minimum, bool) or not isinstance(minimum, int) or not 1 <= minimum <= MAX_COUNT:
        raise ServiceError(_("The minimum per unit must be a whole number of at least 1."))
    if kind == TargetKind.MILESTONE and comparison in UPPER_BOUNDS:
        raise ServiceError(
            _("A milestone counts units reaching a standard: its goal is a lower bound (≥ or >).")
        )
    if kind == TargetKind.COVERAGE and comparison in UPPER_BOUNDS:
        raise ServiceError(_("A coverage target is a lower bound on the share of units (≥ or >)."))

    campaign = value("campaign")
    if campaign is not None:
        if not isinstance(campaign, Campaign) or not _campaign_fits(campaign, issuing_unit):
            raise ServiceError(_("The campaign was not launched for this unit."))
        if campaign.start_date.year > end_year or campaign.end_date.year < start_year:
            raise ServiceError(
                _("The period %(period)s is outside the campaign %(campaign)s.")
                % {"period": f"{start_year}–{end_year}", "campaign": campaign}
            )
    if (
        current is not None
        and kind != current.kind
        and (current.reports.exists() or current.milestones.exists())
    ):
        raise ServiceError(
            _("Reports or milestones are recorded for this target: its kind can no longer change.")
        )
    return {
        "title": title,
        "basis": basis,
        "kind": kind,
        "start_year": start_year,
        "end_year": end_year,
        "campaign": campaign,
        "metric_code": metric_code,
        "unit_type": unit_type,
        "per_unit_minimum": minimum,
        "comparison": comparison,
        "goal": goal,
    }


@transaction.atomic
def create_target(issuing_unit: Unit, data: dict, *, actor) -> Target:
    require(actor, MANAGE, issuing_unit)
    if not issuing_unit.is_active():
        raise ServiceError(
            _("%(unit)s is no longer in force: it sets no new targets.") % {"unit": issuing_unit}
        )
    cleaned = _clean_target(data, issuing_unit)
    target = Target(issuing_unit=issuing_unit, created_by=actor, **cleaned)
    with_reason(target, _("Target set"), by=actor)
    target.save()
    return target


@transaction.atomic
def update_target(target: Target, data: dict, *, actor, reason: str = "") -> Target:
    require(actor, MANAGE, target)
    target = Target.objects.select_for_update(of=("self",)).select_related("issuing_unit").get(pk=target.pk)
    if not target.in_force:
        raise ServiceError(_("A withdrawn target takes no changes: restore it first."))
    cleaned = _clean_target(data, target.issuing_unit, target)
    changed = [key for key, new in cleaned.items() if getattr(target, key) != new]
    if changed:
        for key in changed:
            setattr(target, key, cleaned[key])
        with_reason(target, _line(reason) or _("Target changed"), by=actor)
        target.save()
    return target


TRANSITIONS = {"withdraw": _("Withdraw the target"), "restore": _("Restore the target")}


@transaction.atomic
def transition(target: Target, action: str, *, actor, comment: str = "") -> Target:
    """`withdraw` (with the reason: it no longer counts anywhere) or `restore` it."""
    if action not in TRANSITIONS:
        raise ServiceError(_("Unknown action “%(action)s”.") % {"action": action})
    require(actor, MANAGE, target)
    target = Target.objects.select_for_update().get(pk=target.pk)
    comment = _line(comment)
    if action == "withdraw":
        if not target.in_force:
            raise ServiceError(_("The target is already withdrawn."))
        if not comment:
            raise ServiceError(_("Give the reason for withdrawing the target."))
        target.withdrawn_at = timezone.now()
    else:
        if target.in_force:
            raise ServiceError(_("The target is in force."))
        target.withdrawn_at = None
    with_reason(target, comment or str(TRANSITIONS[action]), by=actor)
    target.save()
    return target


def allowed_actions(target: Target, user) -> list[str]:
    if not can(user, MANAGE, target):
        return []
    return ["withdraw"] if target.in_force else ["restore"]


# --- rate reports ---------------------------------------------------------------------------------


def period_end(year: int, period: str) -> date:
    (month, day), _label = PERIODS[period]
    return date(year, month, day)


def period_label(year: int, period: str) -> str:
    return PERIODS[period][1] % {"year": year}


def reporting_units(user, target: Target, within: Unit | None = None):
    """Units in force the user may report the target's rate for (of the target's type, if any)."""
    qs = Unit.objects.filter(path__startswith=(within or target.issuing_unit).path).filter(
        scope_q(user, REPORT, "path")
    )
    if target.unit_type_id:
        qs = qs.filter(unit_type_id=target.unit_type_id)
    return qs.active()


def _check_in_target(target: Target, unit: Unit, wrong_type: str) -> None:
    if not in_scope(unit, target.issuing_unit):
        raise ServiceError(_("%(unit)s is not covered by this target.") % {"unit": unit})
    if target.unit_type_id and unit.unit_type_id != target.unit_type_id:
        raise ServiceError(wrong_type % {"type": target.unit_type})


@transaction.atomic
def report_rate(target: Target, unit: Unit, data: dict, *, actor, upload=None) -> tuple[RateReport, bool]:
    """Record `unit`'s share for a period (`period_end`, `period_label`, `numerator`, `denominator`,
    `note`; an optional evidence file). A period already reported is corrected. (report, created)."""
    require(actor, REPORT, unit)
    target = (
        Target.objects.select_for_update(of=("self",))
        .select_related("issuing_unit", "unit_type")
        .get(pk=target.pk)
    )
    if target.kind != TargetKind.RATE:
        raise ServiceError(_("Only rate targets take reports."))
    if not target.in_force:
        raise ServiceError(_("The target is withdrawn: it takes no reports."))
    _check_in_target(target, unit, _("Only units of type “%(type)s” report for this target."))
    end = data.get("period_end")
    if not isinstance(end, date):
        raise ServiceError(_("Choose the period reported."))
    if not target.start <= end <= target.end:
        raise ServiceError(
            _("The period reported must end within the target's period %(period)s.")
            % {"period": target.period_label}
        )
    if end.year > timezone.localdate().year:
        raise ServiceError(_("A period of a coming year cannot be reported yet."))
    if not unit.is_active(end):
        raise ServiceError(_("%(unit)s was not in force on %(date)s.") % {"unit": unit, "date": _day(end)})
    numerator, denominator = data.get("numerator"), data.get("denominator")
    for number in (numerator, denominator):
        if isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= MAX_COUNT:
            raise ServiceError(_("The numbers reported must be whole numbers from 0 to 10.000.000."))
    if denominator < 1:
        raise ServiceError(_("The total number must be at least 1."))
    if numerator > denominator:
        raise ServiceError(
            _("The number reaching it (%(n)s) cannot exceed the total number (%(d)s).")
            % {"n": numerator, "d": denominator}
        )
    label = _line(data.get("period_label")) or f"{_('until')} {_day(end)}"
    note = str(data.get("note") or "").strip()[:5000]
    checked = evidence.check(upload) if upload is not None else None
    report = RateReport.objects.filter(target=target, unit=unit, period_end=end).first()
    created = report is None
    if created:
        report = RateReport(target=target, unit=unit, period_end=end)
    report.period_label = label[:60]
    report.numerator, report.denominator, report.note = numerator, denominator, note
    report.reported_by, report.reported_at = actor, timezone.now()
    if checked is not None:
        _keep_evidence(report, upload, checked)
    with_reason(report, _("Rate reported") if created else _("Rate report corrected"), by=actor)
    report.save()
    return report, created


def _keep_evidence(report: RateReport, upload, checked: tuple[str, bytes]) -> None:
    kind, content = checked
    name = "".join(ch for ch in (upload.name or "") if ch.isprintable())
    name = name.replace("/", "_").replace("\\", "_")[-120:] or "evidence"
    report.evidence.save(name, ContentFile(content), save=False)
    report.evidence_kind, report.evidence_name = str(kind), name


@transaction.atomic
def attach_evidence(report: RateReport, upload, *, actor) -> RateReport:
    """Attach (or replace) the evidence of a report: photos, PDF, DOCX, XLSX, checked by content."""
    require(actor, REPORT, report.unit)
    report = RateReport.objects.select_for_update(of=("self",)).select_related("target").get(pk=report.pk)
    if not report.target.in_force:
        raise ServiceError(_("The target is withdrawn: it takes no reports."))
    _keep_evidence(report, upload, evidence.check(upload))
    with_reason(report, _("Evidence attached"), by=actor)
    report.save()
    return report


# --- milestones -------------------------------------------------------------------------------------


def may_record_milestones(user, target: Target, unit: Unit | None = None) -> bool:
    if can(user, MANAGE, target):
        return True
    return unit is not None and can(user, MANAGE, unit)


@transaction.atomic
def record_milestone(target: Target, unit: Unit, data: dict, *, actor) -> MilestoneRecord:
    """Record that `unit` (or `subject` within it: a street) reached the standard on `reached_on`."""
    if not may_record_milestones(actor, target, unit):
        raise PermissionDenied(_("You do not have permission to do this here."))
    target = (
        Target.objects.select_for_update(of=("self",))
        .select_related("issuing_unit", "unit_type")
        .get(pk=target.pk)
    )
    if target.kind != TargetKind.MILESTONE:
        raise ServiceError(_("Only milestone targets take milestones."))
    if not target.in_force:
        raise ServiceError(_("The target is withdrawn: it takes no milestones."))
    _check_in_target(target, unit, _("Only units of type “%(type)s” are recorded for this target."))
    reached_on = data.get("reached_on")
    if not isinstance(reached_on, date):
        raise ServiceError(_("Enter the day the standard was reached."))
    if not target.start <= reached_on <= target.end:
        raise ServiceError(
            _("The day must fall within the target's period %(period)s.") % {"period": target.period_label}
        )
    if reached_on > timezone.localdate():
        raise ServiceError(_("The day the standard was reached cannot be in the future."))
    if not unit.is_active(reached_on):
        raise ServiceError(
            _("%(unit)s was not in force on %(date)s.") % {"unit": unit, "date": _day(reached_on)}
        )
    subject = _line(data.get("subject"))[:255]
    if MilestoneRecord.objects.filter(target=target, unit=unit, subject=subject).exists():
        raise ServiceError(_("%(what)s is already recorded for this target.") % {"what": subject or unit})
    record = MilestoneRecord(
        target=target,
        unit=unit,
        subject=subject,
        reached_on=reached_on,
        evidence_note=str(data.get("evidence_note") or "").strip()[:5000],
        recorded_by=actor,
    )
    with_reason(record, _("Milestone recorded"), by=actor)
    record.save()
    return record


@transaction.atomic
def remove_milestone(record: MilestoneRecord, *, actor, reason: str = "") -> None:
    if not may_record_milestones(actor, record.target, record.unit):
        raise PermissionDenied(_("You do not have permission to do this here."))
    reason = _line(reason)
    if not reason:
        raise ServiceError(_("Give the reason for removing the milestone."))
    with_reason(record, reason, by=actor)
    record.delete()


# --- scorecard schemes ----------------------------------------------------------------------------


def item_sources() -> list[tuple[str, str]]:
    """(code, label) of what a scorecard item may score: every metric, and the targets met."""
    return [
        (TARGETS_MET, _("share of targets met")),
        *((m.code, str(m.label)) for m in registry.all_metrics()),
    ]


def _clean_scheme(data: dict, issuing_unit: Unit, current: ScorecardScheme | None = None) -> dict:
    def value(key, default=None):
        return data[key] if key in data else getattr(current, key, default)

    name = _line(value("name"))
    if not name:
        raise ServiceError(_("Enter the name of the scorecard."))
    year = _year(value("year"), _("The year"))
    unit_type = value("unit_type")
    if unit_type is not None and not isinstance(unit_type, UnitType):
        raise ServiceError(_("Unknown type of unit."))
    clash = ScorecardScheme.objects.filter(issuing_unit=issuing_unit, year=year, name=name)
    if current is not None:
        clash = clash.exclude(pk=current.pk)
    if clash.exists():
        raise ServiceError(
            _("%(unit)s already has a scorecard of that name for %(year)s.")
            % {"unit": issuing_unit, "year": year}
        )
    return {
        "name": name[:255],
        "year": year,
        "unit_type": unit_type,
        "description": str(value("description", "") or "").strip()[:5000],
    }


def _clean_items(items: list[dict]) -> list[dict]:
    known = dict(item_sources())
    if not items:
        raise ServiceError(_("A scorecard needs at least one item."))
    if len(items) > MAX_ITEMS:
        raise ServiceError(_("A scorecard has at most %(n)s items.") % {"n": MAX_ITEMS})
    cleaned, seen = [], set()
    for position, item in enumerate(items, start=1):
        source = (item.get("source") or "").strip()
        if source not in known:
            raise ServiceError(_("Unknown metric: %(code)s.") % {"code": source or "—"})
        if source in seen:
            raise ServiceError(_("“%(item)s” is listed twice.") % {"item": known[source]})
        seen.add(source)
        weight = _decimal(
            item.get("weight"), _("The weight of “%(item)s” must be a number.") % {"item": known[source]}
        )
        if not Decimal("0.01") <= weight <= 1000:
            raise ServiceError(
                _("The weight of “%(item)s” must be from 0,01 to 1.000.") % {"item": known[source]}
            )
        scoring = item.get("scoring") or Scoring.RELATIVE
        if scoring not in Scoring.values:
            raise ServiceError(_("Choose how “%(item)s” becomes points.") % {"item": known[source]})
        norm = item.get("norm")
        higher = item.get("higher_is_better", True) is not False
        if scoring == Scoring.NORM:
            if norm in (None, ""):
                raise ServiceError(_("Enter the norm of “%(item)s”.") % {"item": known[source]})
            norm = _decimal(norm, _("The norm of “%(item)s” must be a number.") % {"item": known[source]})
            if norm < 0 or (higher and norm == 0) or norm >= Decimal("1e15"):
                raise ServiceError(_("The norm of “%(item)s” must be more than 0.") % {"item": known[source]})
            norm = norm.quantize(Decimal("0.01"))
        else:
            norm = None
        cleaned.append(
            {
                "position": position,
                "source": source,
                "weight": weight.quantize(Decimal("0.01")),
                "scoring": scoring,
                "norm": norm,
                "higher_is_better": higher,
            }
        )
    return cleaned


def _write_items(scheme: ScorecardScheme, items: list[dict], *, actor, reason: str) -> None:
    for old in scheme.items.all():
        with_reason(old, reason, by=actor)
        old.delete()
    for item in items:
        row = ScorecardItem(scheme=scheme, **item)
        with_reason(row, reason, by=actor)
        row.save()


@transaction.atomic
def create_scheme(issuing_unit: Unit, data: dict, items: list[dict], *, actor) -> ScorecardScheme:
    require(actor, MANAGE, issuing_unit)
    cleaned = _clean_scheme(data, issuing_unit)
    items = _clean_items(items)
    scheme = ScorecardScheme(issuing_unit=issuing_unit, created_by=actor, **cleaned)
    with_reason(scheme, _("Scorecard set"), by=actor)
    scheme.save()
    _write_items(scheme, items, actor=actor, reason=_("Scorecard set"))
    return scheme


@transaction.atomic
def update_scheme(
    scheme: ScorecardScheme, data: dict, items: list[dict] | None, *, actor, reason: str = ""
) -> ScorecardScheme:
    """Change the scheme; `items`, when given, replace its items."""
    require(actor, MANAGE, scheme)
    scheme = (
        ScorecardScheme.objects.select_for_update(of=("self",))
        .select_related("issuing_unit")
        .get(pk=scheme.pk)
    )
    cleaned = _clean_scheme(data, scheme.issuing_unit, scheme)
    items = _clean_items(items) if items is not None else None
    reason = _line(reason) or _("Scorecard changed")
    changed = [key for key, new in cleaned.items() if getattr(scheme, key) != new]
    if changed:
        for key in changed:
            setattr(scheme, key, cleaned[key])
        with_reason(scheme, reason, by=actor)
        scheme.save()
    if items is not None:
        current = [
            {
                k: getattr(item, k)
                for k in ("position", "source", "weight", "scoring", "norm", "higher_is_better")
            }
            for item in scheme.items.all()
        ]
        if current != items:
            _write_items(scheme, items, actor=actor, reason=reason)
    return scheme
