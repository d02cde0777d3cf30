"""Scorecards: a transparent annual score of the units directly under a unit, and their ranking.

Each item of a scheme reads one named metric of the registry for the scheme's year (or the share
of the targets met) and turns its value into a fraction of the item's weight:

* **relative to the best unit** — value ÷ the best value among the units ranked (the highest; or,
  when lower is better, the lowest ÷ value); nobody earns points for an item everyone has at 0;
* **against a norm** — value ÷ norm, capped at 1 (when lower is better: 1 up to the norm, then
  norm ÷ value).

points = weight × fraction (two decimals); score = Σ points, out of Σ weights. Units with the same
score share a rank (1, 2, 2, 4). Values come from `values_by_child` — one query per metric for all
the units, never one per unit — so a unit's breakdown shows exactly the registry's value.

The share of targets met counts, for each unit, the targets issued by the scheme's unit or above it
for the year that have a status of their own there (coverage, rates, upper bounds; a lower-bound
total is shared, not met by each unit), and among them those met — the same evaluation as the
targets pages, made once for all the units (evaluation.evaluate with its drill-down).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.metrics import registry
from danvan.orgs.models import Unit
from danvan.targets import evaluation, links
from danvan.targets.models import TARGETS_MET, ScorecardItem, ScorecardScheme, Scoring, Target, share

ZERO, ONE, CENT = Decimal(0), Decimal(1), Decimal("0.01")


@dataclass
class ItemScore:
    item: ScorecardItem
    label: str
    value: Decimal | int | None
    basis: Decimal | int | None  # the best unit's value, or the norm
    fraction: Decimal
    points: Decimal
    note: str = ""  # e.g. "3 of 4 targets met"
    list_url: str = ""

    @property
    def weight(self) -> Decimal:
        return self.item.weight


@dataclass
class UnitScore:
    unit: Unit
    items: list[ItemScore] = field(default_factory=list)
    score: Decimal = ZERO
    rank: int = 0


@dataclass
class Ranking:
    scheme: ScorecardScheme
    parent: Unit
    on: date
    rows: list[UnitScore]
    max_score: Decimal
    targets: list = field(default_factory=list)  # the targets counted (evaluated at the parent)

    def row_for(self, unit: Unit) -> UnitScore | None:
        return next((row for row in self.rows if row.unit.pk == unit.pk), None)


def label_of(source: str) -> str:
    if source == TARGETS_MET:
        return _("share of targets met")
    try:
        return str(registry.get(source).label)
    except KeyError:
        return source


def fraction(value, scoring: str, basis, higher_is_better: bool = True) -> Decimal:
    """The share of an item's weight a value earns (0–1); see the module's rules."""
    if value is None or basis is None:
        return ZERO
    value, basis = Decimal(str(value)), Decimal(str(basis))
    if scoring == Scoring.RELATIVE:
        if higher_is_better:
            return min(value / basis, ONE) if basis > 0 else ZERO
        if value <= basis:
            return ONE
        return basis / value
    if higher_is_better:
        return min(value / basis, ONE) if basis > 0 else ZERO
    if value <= basis:
        return ONE
    return basis / value


def _basis(item: ScorecardItem, values: list) -> Decimal | int | None:
    if item.scoring == Scoring.NORM:
        return item.norm
    present = [v for v in values if v is not None]
    if not present:
        return None
    return max(present) if item.higher_is_better else min(present)


def ranked_units(scheme: ScorecardScheme, parent: Unit, on: date) -> list[Unit]:
    """The units scored: in force, directly under `parent`, of the scheme's type if it has one."""
    qs = Unit.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).select_related("unit_type")
    if scheme.unit_type_id:
        qs = qs.filter(unit_type_id=scheme.unit_type_id)
    return [unit for unit in qs.order_by("name_sort") if unit.is_active(on)]


def _targets_met(scheme: ScorecardScheme, parent: Unit, units: list[Unit], on: date):
    """({unit id: (met, counted)}, evaluated targets) for the targets of the scheme's year."""
    targets = (
        Target.objects.in_force()
        .applicable_to(parent)
        .covering(scheme.year)
        .select_related("issuing_unit", "unit_type")
        .order_by("pk")
    )
    counts = {unit.id: [0, 0] for unit in units}
    evaluated = []
    for target in targets:
        result = evaluation.evaluate(target, parent, on, drill=True)
        evaluated.append(result)
        # a child without a status of its own (a shared lower-bound total) does not count
        for row in result.children or []:
            if row.unit.id in counts and row.met is not None:
                counts[row.unit.id][1] += 1
                counts[row.unit.id][0] += bool(row.met)
    return counts, evaluated


def ranking(scheme: ScorecardScheme, parent: Unit | None = None, *, on: date | None = None) -> Ranking:
    """Score and rank the units directly under `parent` (default: the scheme's unit)."""
    parent = parent or scheme.issuing_unit
    today = on or timezone.localdate()
    cut = min(today, scheme.end)
    units = ranked_units(scheme, parent, cut)
    items = list(scheme.items.all())
    columns: dict[int, dict[int, tuple]] = {}  # item id -> unit id -> (value, note, url)
    evaluated = []
    for item in items:
        if item.source == TARGETS_MET:
            counts, evaluated = _targets_met(scheme, parent, units, cut)
            columns[item.id] = {
                unit_id: (
                    share(met, counted) if counted else None,
                    _("%(met)s of %(counted)s targets met") % {"met": met, "counted": counted}
                    if counted
                    else _("no target of its own"),
                    "",
                )
                for unit_id, (met, counted) in counts.items()
            }
            continue
        metric = registry.get(item.source)
        by_child = metric.values_by_child(parent, scheme.start, scheme.end)
        columns[item.id] = {
            unit.id: (
                by_child.get(unit.path, 0),
                "",
                links.metric_url(metric, unit, scheme.start, scheme.end),
            )
            for unit in units
        }
    rows = []
    bases = {item.id: _basis(item, [columns[item.id][u.id][0] for u in units]) for item in items}
    for unit in units:
        row = UnitScore(unit)
        for item in items:
            value, note, url = columns[item.id][unit.id]
            basis = bases[item.id]
            part = fraction(value, item.scoring, basis, item.higher_is_better)
            points = (item.weight * part).quantize(CENT)
            row.items.append(ItemScore(item, label_of(item.source), value, basis, part, points, note, url))
            row.score += points
        rows.append(row)
    rows.sort(key=lambda r: (-r.score, r.unit.name_sort))
    for index, row in enumerate(rows):
        same = index and rows[index - 1].score == row.score
        row.rank = rows[index - 1].rank if same else index + 1
    return Ranking(scheme, parent, cut, rows, sum((i.weight for i in items), ZERO), evaluated)


def scorecard(scheme: ScorecardScheme, unit: Unit, *, on: date | None = None) -> tuple[UnitScore, Ranking]:
    """The breakdown of one unit's score: its row in the ranking of its siblings (their values
    set the best of each relative item). Raises LookupError if the scheme does not score it."""
    if not unit.path.startswith(scheme.issuing_unit.path) or unit.depth <= scheme.issuing_unit.depth:
        raise LookupError(unit)
    parent = Unit.objects.get(path=unit.path[: -Unit.steplen])
    result = ranking(scheme, parent, on=on)
    row = result.row_for(unit)
    if row is None:
        raise LookupError(unit)
    return row, result
