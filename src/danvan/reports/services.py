"""Every write users (and `danvan tick`) trigger on reports: one function per action,
transactional, permission-checked, recorded with who, when and why. Bad input raises
`ServiceError` with a Vietnamese message and changes nothing.

Regimes and periods are managed by the asking unit's standing agency (`reports.manage` on the
regime's issuing unit); a report is written by its unit's officers (`reports.prepare`) and
returned, accepted or issued by the asking unit (`reports.review`, see `workflow`).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from danvan.core import periods
from danvan.core.periods import PeriodError, ReportType
from danvan.core.permissions import EDITORS, STANDING, can, require, visible_units
from danvan.core.services import ServiceError, with_reason
from danvan.metrics import rollups
from danvan.orgs.models import Unit, UnitType
from danvan.reports import figures
from danvan.reports.models import NARRATIVE_FIELDS, Correction, Period, Regime, Report, ReportEvent
from danvan.reports.workflow import (
    EDITABLE,
    PREPARE,
    REPORTER_ACTIONS,
    REVIEW,
    SUMMARY_ACTIONS,
    TRANSITIONS,
    ReportStatus,
    Transition,
    available,
)

MANAGE = "reports.manage"
VIEW = "reports.view"

HEADER_FIELDS = (
    "number",
    "issuer_code",
    "dated_on",
    "superior_heading",
    "issuer_heading",
    "signer_authority",
    "signer_position",
    "signer_name",
    "recipients",
)
EDITABLE_FIELDS = HEADER_FIELDS + NARRATIVE_FIELDS
MAX_LENGTHS = {
    "issuer_code": 30,
    "superior_heading": 255,
    "issuer_heading": 255,
    "signer_authority": 120,
    "signer_position": 160,
    "signer_name": 160,
    "recipients": 3000,
}
MAX_TEXT = 50_000  # characters of one narrative section
MAX_VALUE = Decimal("1e17")


# --- reading ----------------------------------------------------------------------------------------


def visible_reports(user):
    """Reports of the units the user may see (their subtrees and the former units they succeeded)."""
    return Report.objects.filter(unit__in=visible_units(user).values("pk"))


def visible_periods(user):
    """Periods of the regimes whose asking unit the user may see, or in which a unit of theirs reports."""
    units = visible_units(user).values("pk")
    return Period.objects.filter(Q(regime__issuing_unit__in=units) | Q(reports__unit__in=units)).distinct()


def visible_regimes(user):
    return Regime.objects.filter(issuing_unit__in=visible_units(user).values("pk"))


def reviewing_unit(report: Report) -> Unit:
    return report.period.regime.issuing_unit


def permission_unit(report: Report, rule: Transition) -> Unit:
    """Preparing is checked on the reporting unit, reviewing on the unit that asked for it."""
    return reviewing_unit(report) if rule.permission == REVIEW else report.unit


def allowed_transitions(report: Report, user) -> list[Transition]:
    """The actions this user may take on this report now (for buttons and the API)."""
    return [
        t
        for t in available(report.status, summary=report.is_summary)
        if can(user, t.permission, permission_unit(report, t))
    ]


def can_prepare(report: Report, user) -> bool:
    return report.status in EDITABLE and can(user, PREPARE, report.unit)


def can_review(report: Report, user) -> bool:
    return can(user, REVIEW, reviewing_unit(report))


def children_reports(report: Report):
    """The reports submitted to this report's unit for the same period: the reporters of the
    period when this is the summary report, or of the unit's own regime of the same type, year and
    number (a ward rolling up its villages' reports before reporting to the city)."""
    period = report.period
    return (
        Report.objects.filter(
            period__regime__issuing_unit=report.unit,
            period__report_type=period.report_type,
            period__year=period.year,
            period__number=period.number,
            is_summary=False,
        )
        .exclude(pk=report.pk)
        .select_related("unit", "period")
        .order_by("unit__name_sort", "pk")
    )


def rollup(report: Report, *, today: date | None = None) -> dict | None:
    """The reports of the units under this one for the same period: status, dates and their
    figures (from their frozen, corrected snapshots), with the totals of the accepted ones and the
    list of those missing. None when nobody reports to this unit."""
    today = today or timezone.localdate()
    children = list(children_reports(report))
    if not children:
        return None
    rows = []
    totals = {code: 0 for code in figures.ROLLUP_CODES}
    accepted = 0
    for child in children:
        values = {}
        if child.snapshot:
            values = {code: figures.value_of(child.snapshot, code) for code in figures.ROLLUP_CODES}
        if child.status == ReportStatus.ACCEPTED:
            accepted += 1
            for code in figures.ROLLUP_CODES:
                totals[code] += values.get(code) or 0
        rows.append(
            {
                "report": child.pk,
                "unit": child.unit.name,
                "status": child.status,
                "status_label": str(ReportStatus(child.status).label),
                "submitted_on": child.first_submitted_on.isoformat() if child.first_submitted_on else None,
                "due_on": child.period.due_on.isoformat(),
                "late": _late(child, today),
                "values": values,
            }
        )
    return {
        "codes": list(figures.ROLLUP_CODES),
        "labels": {code: figures._sentence(str(_metric_label(code))) for code in figures.ROLLUP_CODES},
        "rows": rows,
        "expected": len(children),
        "accepted": accepted,
        "missing": [
            row["unit"]
            for row in rows
            if row["status"] not in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
        ],
        "totals": totals,
    }


def _metric_label(code: str):
    from django.utils import translation

    from danvan.metrics import registry

    with translation.override("vi"):
        return str(registry.get(code).label)


def _late(report: Report, today: date) -> bool:
    if report.first_submitted_on is not None:
        return report.first_submitted_on > report.period.due_on
    return today > report.period.due_on


def live_data(report: Report, *, today: date | None = None) -> dict:
    """What the report says now, from live data: the figures over the unit's subtree and the
    period's window, the roll-up of the reports under it, the corrections applied."""
    period = report.period
    data = figures.compute(report.unit, period.start, period.end, today=today)
    data["rollup"] = rollup(report, today=today)
    return figures.apply_corrections(data, report.corrections.all())


def report_data(report: Report, *, today: date | None = None) -> dict:
    """The frozen snapshot of a submitted or accepted report, else the live figures."""
    if report.is_frozen and report.snapshot:
        return report.snapshot
    return live_data(report, today=today)


def changes_since_frozen(report: Report) -> list[dict]:
    """The figures whose live value now differs from what the report froze (empty for drafts)."""
    if not (report.is_frozen and report.snapshot):
        return []
    period = report.period
    live = figures.compute(report.unit, period.start, period.end)
    return figures.differences(report.snapshot, live)


def late_q(today: date) -> Q:
    """The reports that are late on `today` (`Report.is_late` as a filter): sent after their due
    date, or never sent and past it; summary reports are never late."""
    return Q(is_summary=False) & (
        Q(first_submitted_on__gt=F("period__due_on"))
        | Q(first_submitted_on__isnull=True, period__due_on__lt=today)
    )


def rates(period_ids, *, today: date | None = None) -> dict[int, dict]:
    """{period id: reporting rates} for many periods in one query: expected reporters, submitted
    (at least once), on time, late, missing (never submitted), accepted, returned."""
    today = today or timezone.localdate()
    rows = (
        Report.objects.filter(period_id__in=list(period_ids), is_summary=False)
        .values("period_id", "period__due_on")
        .annotate(
            expected=Count("pk"),
            submitted=Count("pk", filter=Q(first_submitted_on__isnull=False)),
            on_time=Count("pk", filter=Q(first_submitted_on__lte=F("period__due_on"))),
            accepted=Count("pk", filter=Q(status=ReportStatus.ACCEPTED)),
            returned=Count("pk", filter=Q(status=ReportStatus.RETURNED)),
        )
        .order_by()
    )
    result = {}
    for row in rows:
        expected, submitted, on_time = row["expected"], row["submitted"], row["on_time"]
        missing = expected - submitted
        result[row["period_id"]] = {
            "expected": expected,
            "submitted": submitted,
            "on_time": on_time,
            "late": submitted - on_time,
            "missing": missing,
            "overdue": missing if today > row["period__due_on"] else 0,
            "accepted": row["accepted"],
            "returned": row["returned"],
            "submitted_rate": _share(submitted, expected),
            "on_time_rate": _share(on_time, expected),
        }
    return result


EMPTY_RATES = {
    "expected": 0,
    "submitted": 0,
    "on_time": 0,
    "late": 0,
    "missing": 0,
    "overdue": 0,
    "accepted": 0,
    "returned": 0,
    "submitted_rate": None,
    "on_time_rate": None,
}


def rates_seen_by(user, periods, *, today: date | None = None) -> dict[int, dict | None]:
    """{period id: reporting rates} for the periods whose asking unit the user may see (the whole
    period is theirs to follow); None for the others — a ward reporting to the city sees its own
    report in the city's period, not how the other wards are doing. Two queries for any number of
    periods."""
    periods = list(periods)
    issuers = {p.regime.issuing_unit_id for p in periods}
    seen = set(visible_units(user).filter(pk__in=issuers).values_list("pk", flat=True)) if issuers else set()
    found = rates([p.pk for p in periods if p.regime.issuing_unit_id in seen], today=today)
    return {
        p.pk: found.get(p.pk, dict(EMPTY_RATES)) if p.regime.issuing_unit_id in seen else None
        for p in periods
    }


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


# --- regimes and periods ----------------------------------------------------------------------------


def _clean_regime(data: dict) -> dict:
    name = " ".join(str(data.get("name") or "").split())
    if not name:
        raise ServiceError(_("Enter the name of the reporting regime."))
    if len(name) > 255:
        raise ServiceError(_("The name is too long (at most 255 characters)."))
    report_type = data.get("report_type")
    if report_type not in ReportType.values:
        raise ServiceError(_("Choose the report type."))
    cutoff = data.get("cutoff_day")
    if cutoff in ("", None):
        cutoff = None
    working, day = data.get("due_working_days"), data.get("due_day_of_month")
    working = None if working in ("", None) else working
    day = None if day in ("", None) else day
    try:
        cutoff = None if cutoff is None else int(cutoff)
        working = None if working is None else int(working)
        day = None if day is None else int(day)
        if working is None and day is None:
            working = 2
        periods.Regime(
            name=name, cutoff_day=cutoff, due=periods.DueRule(working_days=working, day_of_month=day)
        )
    except (TypeError, ValueError) as exc:
        if isinstance(exc, PeriodError):
            raise ServiceError(str(exc)) from None
        raise ServiceError(_("Enter whole numbers for the cut-off day and the due rule.")) from None
    types = list(data.get("reporter_types") or [])
    if not types:
        raise ServiceError(_("Choose the types of units that report."))
    basis = " ".join(str(data.get("basis") or "").split())
    if len(basis) > 255:
        raise ServiceError(_("The basis is too long (at most 255 characters)."))
    return {
        "name": name,
        "report_type": report_type,
        "cutoff_day": cutoff,
        "due_working_days": working,
        "due_day_of_month": day,
        "basis": basis,
        "reporter_types": [t if isinstance(t, UnitType) else UnitType.objects.get(pk=t) for t in types],
    }


@transaction.atomic
def create_regime(issuing_unit: Unit, data: dict, *, actor, reason: str = "") -> Regime:
    require(actor, MANAGE, issuing_unit)
    clean = _clean_regime(data)
    types = clean.pop("reporter_types")
    regime = Regime(issuing_unit=issuing_unit, created_by=actor, **clean)
    with_reason(regime, reason or _("Reporting regime set"), by=actor)
    regime.save()
    regime.reporter_types.set(types)
    return regime


@transaction.atomic
def update_regime(regime: Regime, data: dict, *, actor, reason: str) -> Regime:
    """Change a regime; periods already opened keep their windows and due dates."""
    require(actor, MANAGE, regime)
    if not (reason or "").strip():
        raise ServiceError(_("Give a reason for the change."))
    clean = _clean_regime({**_regime_values(regime), **data})
    types = clean.pop("reporter_types")
    if clean["report_type"] != regime.report_type and regime.periods.exists():
        raise ServiceError(_("The report type cannot change once a period has been opened."))
    for key, value in clean.items():
        setattr(regime, key, value)
    if "active" in data:
        regime.active = bool(data["active"])
    with_reason(regime, reason.strip(), by=actor)
    regime.save()
    regime.reporter_types.set(types)
    return regime


def _regime_values(regime: Regime) -> dict:
    return {
        "name": regime.name,
        "report_type": regime.report_type,
        "cutoff_day": regime.cutoff_day,
        "due_working_days": regime.due_working_days,
        "due_day_of_month": regime.due_day_of_month,
        "basis": regime.basis,
        "reporter_types": list(regime.reporter_types.all()),
    }


@transaction.atomic
def open_period(
    regime: Regime,
    *,
    actor=None,
    year: int | None = None,
    number: int | None = None,
    start: date | None = None,
    end: date | None = None,
    label: str = "",
    due_on: date | None = None,
    reason: str = "",
) -> Period:
    """Open one period of a regime and create the reports it expects: one draft per reporter in
    force at the end of the window, and the asking unit's summary report.

    A periodic regime computes the window from its rule (`year`, `number`); reviews and ad hoc
    reports take `start`, `end` and `label`. The due date follows the regime's rule unless given."""
    if actor is not None:
        require(actor, MANAGE, regime)
    if not regime.active:
        raise ServiceError(_("This reporting regime is no longer in force."))
    try:
        if regime.is_periodic:
            if year is None:
                raise ServiceError(_("Enter the year of the period."))
            window = regime.rule.window(regime.report_type, int(year), int(number or 1))
        else:
            if start is None or end is None:
                raise ServiceError(_("Enter the first and the last day of the period's data."))
            label = " ".join((label or "").split())
            if not label:
                raise ServiceError(_("Enter the name of the period, e.g. “Sơ kết 3 năm 2023”."))
            window = periods.Period.custom(ReportType(regime.report_type), start, end, label[:160])
    except PeriodError as exc:
        raise ServiceError(str(exc)) from None
    if regime.is_periodic:
        period_number = window.number
    else:
        top = (
            regime.periods.filter(year=window.year)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        period_number = (top or 0) + 1
    if regime.periods.filter(year=window.year, number=period_number).exists():
        raise ServiceError(_("%(period)s has already been opened.") % {"period": window.label})
    due = due_on or regime.rule.due_date(window)
    if due < window.end:
        raise ServiceError(_("The due date cannot be before the end of the period's data."))
    period = Period(
        regime=regime,
        report_type=regime.report_type,
        year=window.year,
        number=period_number,
        start=window.start,
        end=window.end,
        label=window.label,
        due_on=due,
        opened_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    why = reason or _("Period opened")
    with_reason(period, why, by=actor)
    period.save()
    reporters = list(regime.reporters(window.end).values_list("pk", flat=True))
    reports = [Report(period=period, unit_id=unit_id) for unit_id in reporters]
    reports.append(Report(period=period, unit_id=regime.issuing_unit_id, is_summary=True))
    user = actor if getattr(actor, "is_authenticated", False) else None
    created = bulk_create_with_history(reports, Report, default_user=user, default_change_reason=why)
    if created and created[0].pk is None:  # databases that do not return keys from bulk inserts
        created = list(Report.objects.filter(period=period))
    ReportEvent.objects.bulk_create(
        [
            ReportEvent(report=r, action="create", to_status=ReportStatus.DRAFT, actor=user, comment=why)
            for r in created
        ]
    )
    rollups.touch({r.unit_id for r in reports})  # bulk inserts send no signal
    return period


def ensure_current_periods(today: date) -> list[Period]:
    """Open, for every periodic regime in force, the period whose window holds `today` (what
    `danvan tick` does each day); returns the periods it opened."""
    opened = []
    for regime in Regime.objects.filter(active=True).select_related("issuing_unit"):
        if not regime.is_periodic:
            continue
        window = regime.rule.current_period(regime.report_type, today)
        if window is None or regime.periods.filter(year=window.year, number=window.number).exists():
            continue
        opened.append(
            open_period(regime, year=window.year, number=window.number, reason=_("Opened by the scheduler"))
        )
    return opened


# --- writing a report ---------------------------------------------------------------------------------


def _locked(pk: int) -> Report:
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("period__regime__issuing_unit", "unit")
        .get(pk=pk)
    )


def _require_editable(report: Report) -> None:
    if report.status not in EDITABLE:
        raise ServiceError(
            _("The report is %(status)s: it can no longer be changed.")
            % {"status": report.get_status_display().lower()}
        )


@transaction.atomic
def update_report(report: Report, data: dict, *, actor, reason: str = "") -> Report:
    """Write the report's header, signature and narrative sections (drafts and returned reports)."""
    require(actor, PREPARE, report.unit)
    report = _locked(report.pk)
    _require_editable(report)
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ServiceError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    for name, value in data.items():
        if name == "number":
            value = _clean_number(value)
        elif name == "dated_on":
            value = _clean_date(value)
        else:
            value = "" if value is None else str(value)
            value = (
                value.strip() if name in NARRATIVE_FIELDS or name == "recipients" else " ".join(value.split())
            )
            limit = MAX_LENGTHS.get(name, MAX_TEXT)
            if len(value) > limit:
                raise ServiceError(
                    _("“%(field)s” is too long (at most %(limit)s characters).")
                    % {"field": Report._meta.get_field(name).verbose_name, "limit": limit}
                )
            if name == "issuer_code" and value and not value.replace("-", "").isalnum():
                raise ServiceError(_("The issuer abbreviation is written in letters and digits, e.g. ĐU."))
        setattr(report, name, value)
    if report.number is not None and report.issuer_code:
        clash = (
            Report.objects.filter(
                unit=report.unit,
                number=report.number,
                issuer_code=report.issuer_code,
                dated_on__year=(report.dated_on or timezone.localdate()).year,
            )
            .exclude(pk=report.pk)
            .exists()
        )
        if clash:
            raise ServiceError(
                _("Another report of this unit already has the number %(symbol)s this year.")
                % {"symbol": report.symbol}
            )
    with_reason(report, (reason or "").strip() or _("Report written"), by=actor)
    report.save()
    return report


VIETNAMESE_GROUPED = re.compile(r"\d{1,3}(\.\d{3})+(,\d+)?")  # 1.234.567 or 1.234,5
ENGLISH_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")  # 1,234,567 or 1,234.5


def parse_number(value) -> Decimal | None:
    """A figure as an officer types it: "1.234" and "1.234,5" the Vietnamese way (dots between
    thousands, a decimal comma), "1,234.5" the English way, "2,5" or "2.5", or a plain number;
    None when it is not a number."""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    text = "".join(str(value or "").split())
    if VIETNAMESE_GROUPED.fullmatch(text):
        text = text.replace(".", "").replace(",", ".")
    elif ENGLISH_GROUPED.fullmatch(text):
        text = text.replace(",", "")
    elif text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _clean_number(value) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ServiceError(_("The number of the report is a whole number, e.g. 15.")) from None
    if not 1 <= number <= 99999:
        raise ServiceError(_("The number of the report is between 1 and 99999."))
    return number


def _clean_date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise ServiceError(_("Enter the date of the report as dd/mm/yyyy.")) from None
    if not date(2000, 1, 1) <= value <= date(2100, 12, 31):
        raise ServiceError(_("The date of the report must fall between 2000 and 2100."))
    return value


@transaction.atomic
def correct(report: Report, key: str, value, *, actor, reason: str) -> Correction:
    """Correct one computed figure, with a written reason shown beside it."""
    require(actor, PREPARE, report.unit)
    report = _locked(report.pk)
    _require_editable(report)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("Give the reason for the correction: it is shown beside the figure."))
    if len(reason) > 2000:
        raise ServiceError(_("The reason is too long (at most 2000 characters)."))
    number = parse_number(value)
    if number is None:
        raise ServiceError(_("Enter the corrected figure as a number."))
    if not number.is_finite() or number < 0 or number >= MAX_VALUE:
        raise ServiceError(_("A corrected figure is a number from 0 upwards."))
    live = figures.compute(report.unit, report.period.start, report.period.end)
    keys = figures.figure_keys(live)
    if key not in keys:
        raise ServiceError(_("This report has no figure “%(key)s”.") % {"key": key})
    computed = Decimal(str(keys[key]["value"]))
    correction = report.corrections.filter(key=key).first() or Correction(report=report, key=key)
    correction.computed = computed
    correction.value = number
    correction.reason = reason
    correction.created_by = actor
    correction.created_at = timezone.now()
    with_reason(correction, reason, by=actor)
    correction.save()
    _log(
        report,
        "correct",
        report.status,
        report.status,
        actor=actor,
        comment=f"{keys[key]['label']}: {figures.plain(computed)} → {figures.plain(number)}. {reason}",
    )
    return correction


@transaction.atomic
def remove_correction(report: Report, key: str, *, actor, reason: str) -> None:
    require(actor, PREPARE, report.unit)
    report = _locked(report.pk)
    _require_editable(report)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("Give a reason for removing the correction."))
    correction = report.corrections.filter(key=key).first()
    if correction is None:
        raise ServiceError(_("This figure has not been corrected."))
    with_reason(correction, reason, by=actor)
    correction.delete()
    _log(report, "uncorrect", report.status, report.status, actor=actor, comment=f"{key}: {reason}")


@transaction.atomic
def transition(report: Report, action: str, *, actor, comment: str = "", today: date | None = None) -> Report:
    """Apply one action of workflow.TRANSITIONS or refuse it and change nothing.

    Submitting (and issuing a summary report) freezes the figures as they are now, corrections
    applied, into the report's snapshot: later changes of the data never alter it. Returning
    unfreezes it (the returned snapshot stays in the log); accepting keeps what was submitted."""
    rule = TRANSITIONS.get(action)
    if rule is None:
        raise ServiceError(_("Unknown action “%(action)s”.") % {"action": action})
    report = _locked(report.pk)
    if action not in (SUMMARY_ACTIONS if report.is_summary else REPORTER_ACTIONS):
        raise ServiceError(_("“%(action)s” does not apply to this report.") % {"action": rule.label})
    if report.status not in rule.sources:
        raise ServiceError(
            _("“%(action)s” is not possible while the report is %(status)s.")
            % {"action": rule.label, "status": report.get_status_display().lower()}
        )
    if not can(actor, rule.permission, permission_unit(report, rule)):
        raise PermissionDenied(_("You do not have permission to do this here."))
    comment = (comment or "").strip()
    if rule.needs_comment and not comment:
        raise ServiceError(_("Give a reason for “%(action)s”.") % {"action": rule.label})
    if len(comment) > 5000:
        raise ServiceError(_("The comment is too long (at most 5000 characters)."))
    today = today or timezone.localdate()
    now = timezone.now()
    snapshot = None
    if action in ("submit", "issue"):
        if not report.results.strip():
            raise ServiceError(_("Write the results achieved before submitting the report."))
        snapshot = live_data(report, today=today)
        report.snapshot = snapshot
        report.snapshot_at = now
        report.submitted_at = now
        if report.first_submitted_on is None:
            report.first_submitted_on = today
        if report.dated_on is None:
            report.dated_on = today
    if action in ("accept", "issue"):
        report.accepted_at = now
    if action == "return":
        report.snapshot = None
        report.snapshot_at = None
    previous = report.status
    report.status = rule.target
    report.status_changed_at = now
    with_reason(report, comment or str(rule.label), by=actor)
    report.save()
    event = _log(report, action, previous, rule.target, actor=actor, comment=comment, snapshot=snapshot)
    transaction.on_commit(lambda: _notify(report, event, actor))
    return report


def _log(report, action, from_status, to_status, *, actor, comment="", snapshot=None) -> ReportEvent:
    return ReportEvent.objects.create(
        report=report,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        comment=comment,
        snapshot=snapshot,
    )


def _notify(report: Report, event: ReportEvent, actor) -> None:
    """Tell the other side: the asking unit's standing agency of a submission, the reporting
    unit's officers of a return or an acceptance."""
    from django.urls import reverse

    from danvan.notifications.services import notify, users_granted

    url = reverse("reports:detail", args=[report.pk])
    period = report.period
    action = event.action
    if action == "submit":
        recipients = users_granted(period.regime.issuing_unit, STANDING)
        subject = _("%(unit)s submitted its report %(period)s") % {
            "unit": report.unit.name,
            "period": period.label,
        }
    elif action == "return":
        recipients = users_granted(report.unit, EDITORS)
        subject = _("Your report %(period)s was returned for revision") % {"period": period.label}
    elif action == "accept":
        recipients = users_granted(report.unit, EDITORS)
        subject = _("Your report %(period)s was accepted") % {"period": period.label}
    else:
        return
    recipients = [user for user in recipients if user.pk != getattr(actor, "pk", None)]
    notify(recipients, f"reports.{action}:{event.pk}", subject, body=event.comment, url=url, unit=report.unit)
