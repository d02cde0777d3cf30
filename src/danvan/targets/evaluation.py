"""Evaluating a target for a unit of its issuing unit's subtree, as of a day.

`evaluate(target, unit, on)` gives the actual value against the goal and a status; with
`drill=True`, also the drill-down: the child units (each with its own value and whether it falls
short), and for coverage the units of the type that fall short, for rates the reporting units below
the goal and those that have not reported. Every count is read through the metrics registry
(`Metric.value_for`, `values_by_child`, `values_for_units`) — the figures of coverage and threshold
targets are those of the registered metrics, and the reports and milestones of a target are counted
with the registry's `Metric` too, so the rule for former units (their history counts for their
default successor) is the same everywhere. The number of queries does not depend on the number of
units: a handful per target.

Which period is measured:
* coverage, threshold, milestone: from 1 January of the first year to the end of the period, or to
  `on` while the period runs;
* rate: each unit's latest report for a period ending in the target's period and in a year up to
  `on`'s (an annual report for the running year counts during that year).
Which units are counted: those in force at the end of the period, or on `on` while it runs.

A lower-bound total (a threshold "≥ N", a milestone count) viewed from a unit below the issuing
unit is that unit's contribution to the common goal: it has a value and a progress, not a status of
its own. Coverage, rates and upper bounds ("no hot spot") apply to every part of the subtree, so
they have a status at every level.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.metrics.registry import Metric
from danvan.metrics.rollups import reads, stored
from danvan.orgs.models import Unit, UnitSuccession
from danvan.targets import links
from danvan.targets.models import (
    UPPER_BOUNDS,
    RateReport,
    Target,
    TargetKind,
    compare,
    share,
)
from danvan.targets.status import Status, elapsed_share, progress_of, status_of

UNIT_FIELDS = (
    "id",
    "path",
    "depth",
    "name",
    "name_sort",
    "valid_from",
    "valid_until",
    "unit_type_id",
    "area_id",
)


@dataclass
class Row:
    """One unit of a drill-down."""

    unit: Unit
    actual: Decimal | int | None
    numerator: int | None = None
    denominator: int | None = None
    met: bool | None = None  # None: no goal of its own (a contribution, or nothing to measure)
    short: bool = False
    reported: bool | None = None  # rates: whether a report counts for it
    period_label: str = ""  # rates: the period of the report counted
    list_url: str = ""  # the list behind its value
    drill_url: str = ""  # the target seen from it


@dataclass
class TargetResult:
    target: Target
    unit: Unit  # the viewpoint: the value is over its subtree
    on: date
    start: date
    end: date
    measured_to: date  # the period measured is [start, measured_to]
    as_of: date  # the day units are counted in force
    over: bool
    elapsed: Decimal
    actual: Decimal | int | None
    numerator: int | None = None  # coverage: units reaching it; rate: Σ numerators
    denominator: int | None = None  # coverage: units of the type; rate: Σ denominators
    applicable: bool = True
    contribution: bool = False
    met: bool | None = None
    progress: Decimal = Decimal(0)
    status: str | None = None
    list_url: str = ""
    children: list[Row] | None = None
    units_short: list[Row] | None = None
    not_reported: list[Row] | None = None
    reporters: int | None = None  # rates: units expected to report
    reports: list[dict] | None = None  # rates: the reports counted (id, unit, period, numbers)

    @property
    def goal(self) -> Decimal:
        return self.target.goal

    @property
    def title(self) -> str:
        return self.target.title

    @property
    def goal_text(self) -> str:
        """ "≥ 100%", "> 20": the goal as leaders read it."""
        return self.target.goal_text()

    @property
    def actual_text(self) -> str:
        """ "72,5%", "19", "—": the actual value as the pages show it."""
        from danvan.charts.numbers import format_number

        if self.actual is None:
            return "—"
        return f"{format_number(self.actual)}%" if self.is_share else format_number(self.actual)

    @property
    def url(self) -> str:
        """The target's page seen from this unit."""
        return _drill_url(self.target, self.unit)

    @property
    def comparison(self) -> str:
        return self.target.comparison

    @property
    def is_share(self) -> bool:
        return self.target.is_share

    @property
    def style(self) -> str:
        """The Bootstrap colour of its status badge."""
        from danvan.targets.status import STYLES

        return STYLES.get(self.status, "secondary")

    @property
    def status_label(self) -> str:
        if not self.applicable:
            return str(_("Not applicable"))
        if self.status is None:
            return str(_("Contribution"))
        return str(Status(self.status).label)

    @property
    def percent(self) -> int:
        """Progress towards the goal, 0–100, for the progress bar."""
        return int((self.progress * 100).to_integral_value())

    @property
    def goal_percent(self) -> int:
        """Where the goal sits on a 0–100 bar of the actual value (shares), else 100."""
        if self.is_share:
            return int(min(self.goal, Decimal(100)))
        return 100

    @property
    def bar_percent(self) -> int:
        """The actual value on the bar: the share itself for shares, progress otherwise."""
        if self.is_share:
            return int(min(Decimal(self.actual or 0), Decimal(100)))
        return self.percent


def _period(target: Target, on: date) -> tuple[date, date, date, bool]:
    """(measured_to, as_of, rate cut-off, over) of a target as of `on`."""
    end = target.end
    measured_to = min(end, on)  # before the start: an empty period, nothing counted
    as_of = min(end, on)
    over = on > end
    return measured_to, as_of, min(end, date(on.year, 12, 31)), over


def _units(**lookups):
    return Unit.objects.filter(**lookups).only(*UNIT_FIELDS)


@dataclass(frozen=True)
class _Light:
    """A unit as values_for_units needs it (id and path), without loading the row."""

    id: int
    path: str


def _children(unit: Unit, as_of: date, keep: set[str] = frozenset()) -> list[Unit]:
    """The unit's direct subordinates in force on `as_of`, and former ones in `keep` (paths)."""
    rows = _units(path__startswith=unit.path, depth=unit.depth + 1).order_by("name_sort")
    return [child for child in rows if child.is_active(as_of) or child.path in keep]


def _prefix(unit: Unit, path: str) -> str:
    return path[: len(unit.path) + Unit.steplen]


def _drill_url(target: Target, unit: Unit) -> str:
    return reverse("targets:detail", args=[target.pk]) + f"?unit={unit.pk}"


def evaluate(target: Target, unit: Unit, on: date, *, drill: bool = False, store=None) -> TargetResult:
    """The target seen from `unit` (the issuing unit or a unit of its subtree) as of `on`. With
    `store` (the unit's stored figures, ``metrics.rollups.Figures`` for `on`), the counts a
    coverage or threshold target reads come from it when nothing changed under the unit."""
    measured_to, as_of, cutoff, over = _period(target, on)
    result = TargetResult(
        target=target,
        unit=unit,
        on=on,
        start=target.start,
        end=target.end,
        measured_to=measured_to,
        as_of=as_of,
        over=over,
        elapsed=elapsed_share(target.start, target.end, on),
        actual=None,
    )
    if target.kind == TargetKind.COVERAGE:
        _coverage(result, drill, store)
    elif target.kind == TargetKind.THRESHOLD:
        _threshold(result, drill, store)
    elif target.kind == TargetKind.RATE:
        _rate(result, cutoff, drill)
    else:
        _milestone(result, drill)
    return _judge(result)


def _judge(result: TargetResult) -> TargetResult:
    target = result.target
    result.contribution = (
        target.kind in (TargetKind.THRESHOLD, TargetKind.MILESTONE)
        and target.comparison not in UPPER_BOUNDS
        and result.unit.pk != target.issuing_unit_id
    )
    if not result.applicable:
        result.met, result.status, result.progress = None, None, Decimal(0)
        return result
    met = compare(result.actual, target.comparison, target.goal)
    result.progress = progress_of(result.actual, target.comparison, target.goal, met)
    if result.contribution:
        result.met, result.status = None, None
    else:
        result.met = met
        result.status = status_of(met=met, progress=result.progress, elapsed=result.elapsed, over=result.over)
    return result


def row_status(result: TargetResult, row: Row) -> str | None:
    """The status a child row would have as a viewpoint of its own (the same rule)."""
    if row.met is None:
        return None
    progress = progress_of(row.actual, result.target.comparison, result.target.goal, row.met)
    return status_of(met=row.met, progress=progress, elapsed=result.elapsed, over=result.over)


# --- coverage ----------------------------------------------------------------------------------


def _coverage(result: TargetResult, drill: bool, store=None) -> None:
    """Share of the units of the type (in force) whose metric reaches the minimum."""
    target, unit = result.target, result.unit
    metric = target.metric
    if metric is None:  # a metric no longer defined: nothing can be measured
        result.applicable = False
        return
    result.list_url = links.metric_url(metric, unit, result.start, result.measured_to)
    if not drill:
        # the key holds everything the counts depend on besides the rows and units under `unit`
        key = ":".join(
            str(part)
            for part in (
                "coverage",
                metric.code,
                target.unit_type_id,
                target.issuing_unit_id,
                target.per_unit_minimum,
                result.start,
                result.measured_to,
                result.as_of,
            )
        )
        # the units of the type are read too: ALL, which every figure reads
        reached, total = stored(store, key, lambda: _coverage_counts(result), reads(metric))
        result.numerator, result.denominator = reached, total
        result.actual = share(reached, total)
        result.applicable = bool(total)
        return
    typed = list(_typed(target, unit).active(result.as_of))  # the drill-down names them
    values = metric.values_for_units(typed, result.start, result.measured_to) if typed else {}
    minimum = target.per_unit_minimum
    meeting = {u.id for u in typed if values[u.id] >= minimum}
    result.numerator, result.denominator = len(meeting), len(typed)
    result.actual = share(len(meeting), len(typed))
    result.applicable = bool(typed)
    result.units_short = [
        Row(
            u,
            values[u.id],
            met=False,
            short=True,
            list_url=links.metric_url(metric, u, result.start, result.measured_to),
        )
        for u in typed
        if u.id not in meeting
    ]
    by_child: dict[str, list[int]] = {}
    for u in typed:
        if len(u.path) > len(unit.path):
            counts = by_child.setdefault(_prefix(unit, u.path), [0, 0])
            counts[0] += u.id in meeting
            counts[1] += 1
    rows = []
    for child in _children(unit, result.as_of, set(by_child)):
        if child.path not in by_child:
            continue
        reached, total = by_child[child.path]
        actual = share(reached, total)
        met = compare(actual, target.comparison, target.goal)
        rows.append(
            Row(
                child,
                actual,
                reached,
                total,
                met=met,
                short=not met,
                list_url=links.metric_url(metric, child, result.start, result.measured_to),
                drill_url=_drill_url(target, child),
            )
        )
    result.children = rows


# --- threshold ---------------------------------------------------------------------------------


def _coverage_counts(result: TargetResult) -> list[int]:
    """[units reaching the minimum, units of the type]: a whole country's villages may be asked
    for, so light rows."""
    target, unit, metric = result.target, result.unit, result.target.metric
    typed = [_Light(*row) for row in _typed(target, unit).active(result.as_of).values_list("id", "path")]
    values = metric.values_for_units(typed, result.start, result.measured_to) if typed else {}
    return [sum(1 for u in typed if values[u.id] >= target.per_unit_minimum), len(typed)]


def _threshold(result: TargetResult, drill: bool, store=None) -> None:
    target, unit = result.target, result.unit
    metric = target.metric
    if metric is None:
        result.applicable = False
        return
    start, end = result.start, result.measured_to
    result.actual = stored(
        store,
        f"window:{metric.code}:{start}:{end}",
        lambda: metric.value_for(unit, start, end),
        reads(metric),
    )
    result.list_url = links.metric_url(metric, unit, result.start, result.measured_to)
    if drill:
        by_child = metric.values_by_child(unit, result.start, result.measured_to)
        result.children = _count_rows(
            result, by_child, lambda child: links.metric_url(metric, child, result.start, result.measured_to)
        )


def _count_rows(result: TargetResult, by_child: dict, list_url) -> list[Row]:
    """Rows of a count (threshold, milestone) by child: an upper bound applies to each child (one
    breaking it falls short); under a lower bound a child has no goal of its own: its value is its
    contribution, biggest first."""
    target, unit = result.target, result.unit
    upper = target.comparison in UPPER_BOUNDS
    rows = []
    for child in _children(unit, result.as_of, {path for path, value in by_child.items() if value}):
        value = by_child.get(child.path, 0)
        met = compare(value, target.comparison, target.goal) if upper else None
        rows.append(
            Row(
                child,
                value,
                met=met,
                short=not met if upper else False,
                list_url=list_url(child),
                drill_url=_drill_url(target, child),
            )
        )
    if not upper:
        rows.sort(key=lambda row: -row.actual)
    return rows


# --- rate --------------------------------------------------------------------------------------


def report_metric(target: Target, cutoff: date) -> Metric:
    """The target's reports as a registry Metric (not registered: it belongs to this target): the
    latest report of each unit for a period ending by `cutoff`, placed by the registry's rule."""
    newer = RateReport.objects.filter(
        target=OuterRef("target"),
        unit=OuterRef("unit"),
        period_end__gt=OuterRef("period_end"),
        period_end__lte=cutoff,
    )
    return Metric(
        code="targets.rate_reports",
        label=_("rate reports"),
        definition=_("The latest report of each unit for the target."),
        model="targets.RateReport",
        unit_field="unit",
        date_field="period_end",
        filter=Q(target=target) & ~Q(Exists(newer)),
    )


def _rate(result: TargetResult, cutoff: date, drill: bool) -> None:
    """Σ numerators / Σ denominators of the latest report of each reporting unit.

    A former unit's reports stand for its default successor until the successor reports a later
    (or the same) period: merged communes reported in 2023, the ward they formed in 2025."""
    target, unit = result.target, result.unit
    metric = report_metric(target, cutoff)
    rows = metric.rows_within(unit, result.start, cutoff)
    reports = list(
        rows.values(
            "id",
            "unit_id",
            "unit__path",
            "unit__name",
            "numerator",
            "denominator",
            "period_label",
            "period_end",
        )
    )
    successors = dict(
        UnitSuccession.objects.filter(is_default=True, predecessor__in=rows.values("unit")).values_list(
            "predecessor_id", "successor__path"
        )
    )
    latest: dict[str, date] = {}
    for report in reports:  # the path a report counts under: its unit's, or its successor's
        successor = successors.get(report["unit_id"])
        report["path"] = successor if successor and successor.startswith(unit.path) else report["unit__path"]
        latest[report["path"]] = max(latest.get(report["path"], report["period_end"]), report["period_end"])
    reports = [r for r in reports if r["period_end"] == latest[r["path"]]]
    reports.sort(key=lambda r: (r["unit__name"], r["id"]))
    result.reports = reports
    numerator = sum(r["numerator"] for r in reports)
    denominator = sum(r["denominator"] for r in reports)
    result.numerator, result.denominator = numerator, denominator
    result.actual = share(numerator, denominator)
    result.list_url = _drill_url(target, unit) + "#reports"
    expected = None
    if target.unit_type_id:
        if drill:
            expected = list(_typed(target, unit).active(result.as_of))
            result.applicable = bool(expected or reports)
        else:
            result.applicable = bool(reports) or _typed(target, unit).active(result.as_of).exists()
    if not drill:
        return
    result.units_short = [
        Row(
            Unit(id=r["unit_id"], path=r["unit__path"], name=r["unit__name"]),
            share(r["numerator"], r["denominator"]),
            r["numerator"],
            r["denominator"],
            met=False,
            short=True,
            reported=True,
            period_label=r["period_label"],
        )
        for r in reports
        if not compare(share(r["numerator"], r["denominator"]), target.comparison, target.goal)
    ]
    result.units_short.sort(key=lambda row: (row.actual, row.unit.name))
    by_child: dict[str, list[int]] = {}
    for r in reports:
        if len(r["path"]) > len(unit.path):
            sums = by_child.setdefault(_prefix(unit, r["path"]), [0, 0])
            sums[0] += r["numerator"]
            sums[1] += r["denominator"]
    children = _children(unit, result.as_of, set(by_child))
    if expected is None:  # no type: each subordinate unit (or the unit itself) is expected to report
        expected = children or [unit]
        reported = {u.path for u in expected if any(r["path"].startswith(u.path) for r in reports)}
    else:
        reported = {r["path"] for r in reports}
    result.reporters = len(expected)
    result.not_reported = [
        Row(u, None, reported=False, short=True, drill_url=_drill_url(target, u))
        for u in expected
        if u.path not in reported
    ]
    expected_by_child = {_prefix(unit, u.path) for u in expected if len(u.path) > len(unit.path)}
    rows = []
    for child in children:
        sums = by_child.get(child.path)
        if sums is None and target.unit_type_id and child.path not in expected_by_child:
            continue  # nothing to report there
        actual = share(*sums) if sums else None
        met = compare(actual, target.comparison, target.goal)
        rows.append(
            Row(
                child,
                actual,
                *(sums or (None, None)),
                met=met,
                short=not met,
                reported=sums is not None,
                drill_url=_drill_url(target, child),
            )
        )
    result.children = rows


def _typed(target: Target, unit: Unit):
    """The units of the target's type in `unit`'s subtree, the issuing unit itself excepted (a
    province's target for "every commune" does not count the province)."""
    return (
        _units(path__startswith=unit.path, unit_type_id=target.unit_type_id)
        .exclude(pk=target.issuing_unit_id)
        .order_by("name_sort")
    )


# --- milestone ---------------------------------------------------------------------------------


def milestone_metric(target: Target) -> Metric:
    """The target's milestone records as a registry Metric (not registered)."""
    return Metric(
        code="targets.milestones",
        label=_("milestones reached"),
        definition=_("Units (or streets, …) recorded as reaching the target's standard."),
        model="targets.MilestoneRecord",
        unit_field="unit",
        date_field="reached_on",
        filter=Q(target=target),
    )


def _milestone(result: TargetResult, drill: bool) -> None:
    target, unit = result.target, result.unit
    metric = milestone_metric(target)
    result.actual = metric.value_for(unit, result.start, result.measured_to)
    result.list_url = _drill_url(target, unit) + "#milestones"
    if drill:
        by_child = metric.values_by_child(unit, result.start, result.measured_to)
        result.children = _count_rows(
            result, by_child, lambda child: _drill_url(target, child) + "#milestones"
        )


def milestone_records(target: Target, unit: Unit, on: date):
    """The records behind a milestone target's value for `unit` (its subtree, former units)."""
    measured_to, _as_of, _cutoff, _over = _period(target, on)
    return milestone_metric(target).rows_within(unit, target.start, measured_to)


# --- many targets --------------------------------------------------------------------------------


def results(unit: Unit, on: date, *, year: int | None = None, targets=None, store=None) -> list[TargetResult]:
    """Targets that apply to `unit` — issued by it or its ancestors, in force, started by `on`
    (of `year` only, if given) — evaluated for its subtree: a constant number of queries per target.
    Running targets first, then the latest periods."""
    if targets is None:
        targets = Target.objects.in_force().applicable_to(unit).filter(start_year__lte=on.year)
        if year:
            targets = targets.covering(year)
        targets = targets.select_related("issuing_unit", "unit_type", "campaign").order_by(
            Length("issuing_unit__path"), "-end_year", "kind", "pk"
        )
    evaluated = [evaluate(target, unit, on, store=store) for target in targets]
    evaluated.sort(key=lambda r: (r.over, -r.target.end_year))
    return evaluated


def by_year(target: Target, unit: Unit, today: date) -> list[TargetResult]:
    """The target as it stood at the end of each year of its period so far (a multi-year target's
    progress), oldest first."""
    last = min(target.end_year, today.year)
    return [
        evaluate(target, unit, min(date(year, 12, 31), today)) for year in range(target.start_year, last + 1)
    ]
