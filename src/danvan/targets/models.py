"""Targets ("chỉ tiêu") leaders set for a period, and the scorecards that rank units (R5, R6).

* `Target` — set by an issuing unit (the standing agency of a level) for a period of years,
  optionally within a campaign, of one of four kinds (`TargetKind`): coverage (every unit of a type
  has at least k of a metric), threshold (a metric over the subtree compared with a number), rate
  (a share units report with evidence: `RateReport`) and milestone (units reaching a standard:
  `MilestoneRecord`). How a target is evaluated lives in `evaluation.py`; the metrics it reads are
  those of the registry (`danvan.metrics.registry`), never a count of its own.
* `ScorecardScheme` and `ScorecardItem` — a transparent annual score of the units under a unit,
  from named metrics with weights (`scorecards.py` computes it).

Every table has django-simple-history; who set, changed or withdrew what, when and why is kept.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core.models import SearchableQuerySet
from danvan.core.text import fold
from danvan.orgs.models import Campaign, Unit, UnitType

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_COUNT = 10_000_000  # reported numbers (members, organizations): more is a typing error


class TargetKind(models.TextChoices):
    COVERAGE = "coverage", _("Coverage: every unit of a type")
    THRESHOLD = "threshold", _("Threshold on a metric")
    RATE = "rate", _("Rate reported by units")
    MILESTONE = "milestone", _("Units reaching a standard")


# kinds whose actual value and goal are shares, in per cent
SHARE_KINDS = frozenset({TargetKind.COVERAGE, TargetKind.RATE})
# kinds that read a metric of the registry
METRIC_KINDS = frozenset({TargetKind.COVERAGE, TargetKind.THRESHOLD})


class Comparison(models.TextChoices):
    AT_LEAST = "gte", _("at least")
    MORE_THAN = "gt", _("more than")
    AT_MOST = "lte", _("at most")
    LESS_THAN = "lt", _("less than")


SYMBOLS = {"gte": "≥", "gt": ">", "lte": "≤", "lt": "<"}
UPPER_BOUNDS = frozenset({Comparison.AT_MOST, Comparison.LESS_THAN})


def compare(actual, comparison: str, goal) -> bool:
    """Does `actual` satisfy "`comparison` `goal`"? No value (None) satisfies nothing."""
    if actual is None:
        return False
    actual, goal = Decimal(str(actual)), Decimal(str(goal))
    return {
        Comparison.AT_LEAST: actual >= goal,
        Comparison.MORE_THAN: actual > goal,
        Comparison.AT_MOST: actual <= goal,
        Comparison.LESS_THAN: actual < goal,
    }[comparison]


class TargetQuerySet(SearchableQuerySet):
    search_field = "title_folded"

    def in_force(self):
        return self.filter(withdrawn_at__isnull=True)

    def covering(self, year: int):
        """Targets whose period includes `year`."""
        return self.filter(start_year__lte=year, end_year__gte=year)

    def applicable_to(self, unit: Unit):
        """Targets issued by the unit or one of its ancestors: those that apply to its subtree."""
        return self.filter(issuing_unit__path__in=[*unit.ancestor_paths(), unit.path])


class Target(models.Model):
    issuing_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="targets", verbose_name=_("issuing unit")
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("campaign"),
    )
    title = models.CharField(
        _("target"),
        max_length=500,
        help_text=_(
            "As the leaders wrote it, e.g. “100% of villages build at least 1 self-management model”."
        ),
    )
    title_folded = models.CharField(max_length=500, db_index=True, editable=False)
    basis = models.CharField(
        _("basis"),
        max_length=300,
        blank=True,
        help_text=_("The document that sets it, e.g. Resolution 05-NQ/TU, section II.2.2."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=TargetKind.choices)
    start_year = models.PositiveSmallIntegerField(
        _("from year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("to year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    metric_code = models.CharField(
        _("metric"), max_length=80, blank=True, help_text=_("For coverage and threshold targets.")
    )
    unit_type = models.ForeignKey(
        UnitType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("type of unit"),
        help_text=_(
            "Coverage: the units that must each reach the minimum. Rate: the units that report. "
            "Milestone: the units that may be recorded."
        ),
    )
    per_unit_minimum = models.PositiveIntegerField(
        _("minimum per unit"),
        default=1,
        validators=[MaxValueValidator(MAX_COUNT)],
        help_text=_("Coverage: how much of the metric each unit must have (e.g. 1 model)."),
    )
    comparison = models.CharField(
        _("comparison"), max_length=3, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    goal = models.DecimalField(
        _("goal"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("A share in per cent for coverage and rate targets; a number otherwise."),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = TargetQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["title_folded", "updated_at"])

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["-end_year", "-start_year", "pk"]
        indexes = [models.Index(fields=["issuing_unit", "end_year"], name="target_unit_year")]
        constraints = [
            models.CheckConstraint(condition=Q(end_year__gte=F("start_year")), name="target_years"),
            models.CheckConstraint(condition=Q(goal__gte=0), name="target_goal_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.title_folded = fold(self.title)
        super().save(*args, **kwargs)

    @property
    def scope_unit(self) -> Unit:
        return self.issuing_unit

    @property
    def start(self) -> date:
        return date(self.start_year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.end_year, 12, 31)

    @property
    def period_label(self) -> str:
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year}"

    @property
    def is_share(self) -> bool:
        return self.kind in SHARE_KINDS

    @property
    def in_force(self) -> bool:
        return self.withdrawn_at is None

    @property
    def metric(self):
        """The registry's metric the target reads (coverage, threshold), or None."""
        from danvan.metrics import registry

        if not self.metric_code:
            return None
        try:
            return registry.get(self.metric_code)
        except KeyError:
            return None

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.comparison]

    def goal_text(self) -> str:
        """ "≥ 100%", "> 20", "≤ 0": the goal as leaders read it."""
        from danvan.charts.numbers import format_number

        suffix = "%" if self.is_share else ""
        return f"{self.symbol} {format_number(self.goal)}{suffix}"


def evidence_path(instance, filename: str) -> str:
    return f"targets/{instance.target_id}/{timezone.now():%Y/%m}/{filename}"


class RateReport(models.Model):
    """A unit's share for a period: `numerator` of `denominator` (e.g. 1.840 of 2.390 members took
    part in activities), with the evidence. The latest period of each unit counts (evaluation.py)."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="rate_reports", verbose_name=_("unit")
    )
    period_end = models.DateField(_("end of the period"), help_text=_("The last day of the period reported."))
    period_label = models.CharField(_("period"), max_length=60)
    numerator = models.PositiveIntegerField(
        _("number reaching it"), validators=[MaxValueValidator(MAX_COUNT)]
    )
    denominator = models.PositiveIntegerField(
        _("total number"), validators=[MinValueValidator(1), MaxValueValidator(MAX_COUNT)]
    )
    note = models.TextField(_("note"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, max_length=255, blank=True)
    evidence_kind = models.CharField(max_length=10, blank=True, editable=False)
    evidence_name = models.CharField(_("file name"), max_length=255, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rate report")
        verbose_name_plural = _("rate reports")
        ordering = ["-period_end", "unit__name_sort", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["target", "unit", "period_end"], name="rate_report_once"),
            models.CheckConstraint(condition=Q(numerator__lte=F("denominator")), name="rate_report_share"),
            models.CheckConstraint(condition=Q(denominator__gte=1), name="rate_report_denominator"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.period_label}: {self.numerator}/{self.denominator}"

    @property
    def scope_unit(self) -> Unit:
        return self.unit

    @property
    def rate(self) -> Decimal:
        return share(self.numerator, self.denominator)


class MilestoneRecord(models.Model):
    """A unit (or something within it: a street) reached the target's standard on a day, e.g.
    "Xã Tam Thanh: xã nông thôn mới kiểu mẫu, Quyết định 1234/QĐ-UBND ngày 20/12/2023"."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="milestones")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="milestones", verbose_name=_("unit")
    )
    subject = models.CharField(
        _("what reached it"),
        max_length=255,
        blank=True,
        help_text=_("When not the unit itself, e.g. the name of a civilized street."),
    )
    reached_on = models.DateField(_("reached on"))
    evidence_note = models.TextField(
        _("evidence"), blank=True, help_text=_("The recognizing decision: number, date, who signed.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone reached")
        verbose_name_plural = _("milestones reached")
        ordering = ["-reached_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["target", "unit", "subject"], name="milestone_once"),
        ]

    def __str__(self) -> str:
        return f"{self.subject or self.unit} · {self.reached_on:%d/%m/%Y}"

    @property
    def scope_unit(self) -> Unit:
        return self.unit


def share(numerator, denominator) -> Decimal | None:
    """numerator / denominator in per cent, to one decimal (None without a denominator)."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"))


# --- scorecards ----------------------------------------------------------------------------------

TARGETS_MET = "targets.share_met"  # the special item: share of the targets met


class Scoring(models.TextChoices):
    RELATIVE = "relative", _("Relative to the best unit")
    NORM = "norm", _("Against a norm")


class ScorecardScheme(models.Model):
    """How the units directly under `issuing_unit` (of `unit_type`, if given) are scored for a
    year: a weighted sum of points, one item per named metric."""

    issuing_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="scorecard_schemes", verbose_name=_("issuing unit")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    name = models.CharField(_("name"), max_length=255)
    unit_type = models.ForeignKey(
        UnitType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("units ranked"),
        help_text=_(
            "Only the units of this type directly under the issuing unit (e.g. ward Party committees)."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scorecard scheme")
        verbose_name_plural = _("scorecard schemes")
        ordering = ["-year", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["issuing_unit", "year", "name"], name="scorecard_scheme_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    @property
    def scope_unit(self) -> Unit:
        return self.issuing_unit

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 12, 31)


class ScorecardItem(models.Model):
    scheme = models.ForeignKey(ScorecardScheme, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    source = models.CharField(
        _("metric"), max_length=80, help_text=_("A metric of the registry, or the share of targets met.")
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(1000))],
    )
    scoring = models.CharField(_("points"), max_length=10, choices=Scoring.choices, default=Scoring.RELATIVE)
    norm = models.DecimalField(
        _("norm"),
        max_digits=17,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("The value that earns full points, when scored against a norm."),
    )
    higher_is_better = models.BooleanField(_("higher is better"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scorecard item")
        verbose_name_plural = _("scorecard items")
        ordering = ["scheme", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "source"], name="scorecard_item_once"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="scorecard_item_weight"),
        ]

    def __str__(self) -> str:
        return f"{self.source} × {self.weight}"

    @property
    def scope_unit(self) -> Unit:
        return self.scheme.issuing_unit
