"""Appraisal ("thẩm định") of proposed models and exemplars by a council, against criteria.

* `CriteriaSet` — the criteria a unit issues (for a campaign, for collective models or for
  individual exemplars), with the aggregation rule and the thresholds for recognition and for
  "typical". A set that a round has started scoring with is frozen: editing it makes a new
  version (`previous` links the versions), and the round keeps the one it used.
* `AppraisalRound` — the standing agency of a level appraises the candidates proposed in its
  subtree for a year; its lifecycle is `workflow.TRANSITIONS`.
* `Candidate` — a proposed initiative in a round, with its satisfaction survey and, once the
  round is closed, its result (overall score, rank, recommended for recognition, typical).
* `CouncilMember`, `Scorecard`, `Score` — who appraises, and each member's scores per criterion.
* `RoundEvent` — the explicit log: every accepted action on a round, by whom, when, why.

Every table but the log is in django-simple-history.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from danvan.appraisal.workflow import CardStatus, Position, RoundStatus
from danvan.core.models import SearchableQuerySet
from danvan.core.text import fold
from danvan.initiatives.models import Holder, Initiative
from danvan.orgs.models import Campaign, Unit

HUNDRED = Decimal(100)


class Rule(models.TextChoices):
    """How the council members' scores of one criterion become the candidate's score."""

    MEAN = "mean", _("Mean")
    TRIMMED_MEAN = "trimmed_mean", _("Trimmed mean (highest and lowest dropped)")
    MEDIAN = "median", _("Median")


class CriterionKind(models.TextChoices):
    POINTS = "points", _("Points up to a maximum")
    PASS_FAIL = "pass_fail", _("Pass or fail")
    SATISFACTION = "satisfaction", _("People's satisfaction (share satisfied)")


class CriteriaSetQuerySet(SearchableQuerySet):
    def current(self):
        return self.filter(superseded_at__isnull=True)


class CriteriaSet(models.Model):
    issuing_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="criteria_sets",
        verbose_name=pgettext_lazy("criteria set", "issuing unit"),
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="criteria_sets",
        verbose_name=_("campaign"),
    )
    holder = models.CharField(_("for"), max_length=12, choices=Holder.choices)
    name = models.CharField(_("name"), max_length=255)
    name_folded = models.CharField(max_length=255, db_index=True, editable=False)
    description = models.TextField(_("description"), blank=True)
    template = models.CharField(_("created from template"), max_length=40, blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
        verbose_name=_("previous version"),
    )
    superseded_at = models.DateTimeField(_("replaced by a newer version on"), null=True, blank=True)
    rule = models.CharField(_("aggregation rule"), max_length=20, choices=Rule.choices, default=Rule.MEAN)
    trim = models.PositiveSmallIntegerField(
        _("scores dropped at each end"),
        default=1,
        validators=[MaxValueValidator(5)],
        help_text=_("For the trimmed mean: how many highest and how many lowest scores are dropped."),
    )
    recognition_threshold = models.DecimalField(
        _("threshold for recognition"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Overall score (out of 100) a candidate needs to be proposed for recognition."),
    )
    typical_threshold = models.DecimalField(
        _("threshold for typical"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Overall score (out of 100) a recognized candidate needs to be marked typical."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CriteriaSetQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["name_folded", "updated_at"])

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recognition_threshold__gte=0, recognition_threshold__lte=100)
                & Q(typical_threshold__gte=F("recognition_threshold"), typical_threshold__lte=100),
                name="criteria_set_thresholds",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})" if self.version > 1 else self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)

    @property
    def scope_unit(self) -> Unit:
        return self.issuing_unit

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None


class Criterion(models.Model):
    """One criterion: scored in points up to `max_points`, passed or failed (a pass earns
    `max_points`, possibly 0 for a pure condition), or derived from the satisfaction survey."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("criterion"), max_length=300)
    guidance = models.TextField(_("guidance"), blank=True)
    kind = models.CharField(_("scoring"), max_length=20, choices=CriterionKind.choices)
    max_points = models.DecimalField(
        _("maximum points"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(10),
        validators=[MinValueValidator(0), MaxValueValidator(1000)],
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(100)],
    )
    mandatory = models.BooleanField(
        _("must be passed"),
        default=False,
        help_text=_("A pass-or-fail condition that a majority of the council must find met."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["criteria_set", "position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_unit(self) -> Unit:
        return self.criteria_set.issuing_unit

    @property
    def scored_by_members(self) -> bool:
        return self.kind != CriterionKind.SATISFACTION


class RoundQuerySet(SearchableQuerySet):
    def within(self, unit: Unit):
        return self.filter(unit__path__startswith=unit.path)


class AppraisalRound(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="appraisal_rounds", verbose_name=_("appraising unit")
    )
    name = models.CharField(_("name"), max_length=255)
    name_folded = models.CharField(max_length=255, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appraisal_rounds",
        verbose_name=_("campaign"),
    )
    collective_set = models.ForeignKey(
        CriteriaSet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="collective_rounds",
        verbose_name=_("criteria for collective models"),
    )
    individual_set = models.ForeignKey(
        CriteriaSet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="individual_rounds",
        verbose_name=_("criteria for individual exemplars"),
    )
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    opened_at = models.DateTimeField(_("scoring opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RoundQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["name_folded", "updated_at"])

    class Meta:
        verbose_name = _("appraisal round")
        verbose_name_plural = _("appraisal rounds")
        ordering = ["-year", "-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "year"], name="appraisal_round_unit_year")]
        constraints = [
            models.CheckConstraint(
                condition=Q(collective_set__isnull=False) | Q(individual_set__isnull=False),
                name="appraisal_round_has_criteria",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)

    @property
    def scope_unit(self) -> Unit:
        return self.unit

    def set_for(self, holder: str) -> CriteriaSet | None:
        return self.individual_set if holder == Holder.INDIVIDUAL else self.collective_set

    def set_id_for(self, holder: str) -> int | None:
        return self.individual_set_id if holder == Holder.INDIVIDUAL else self.collective_set_id


class Candidate(models.Model):
    round = models.ForeignKey(AppraisalRound, on_delete=models.CASCADE, related_name="candidates")
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="appraisals", verbose_name=_("model or exemplar")
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)
    # the people's satisfaction, the input of a satisfaction criterion (R3: "the yardstick")
    surveyed = models.PositiveIntegerField(
        _("people surveyed"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    satisfied_share = models.DecimalField(
        _("share satisfied (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdraw_reason = models.TextField(_("reason for withdrawal"), blank=True)
    # the result, fixed when the round closes (the proposal list decisions are built on)
    overall = models.DecimalField(_("overall score"), max_digits=5, decimal_places=2, null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    recommended = models.BooleanField(_("proposed for recognition"), default=False)
    typical = models.BooleanField(_("typical"), default=False)
    counted = models.PositiveSmallIntegerField(_("scorecards counted"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["round", "rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "initiative"], name="appraisal_candidate_unique"),
            models.CheckConstraint(
                condition=Q(typical=False) | Q(recommended=True), name="appraisal_typical_is_recommended"
            ),
        ]

    def __str__(self) -> str:
        return str(self.initiative)

    @property
    def scope_unit(self) -> Unit:
        return self.round.unit

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class CouncilMember(models.Model):
    round = models.ForeignKey(AppraisalRound, on_delete=models.CASCADE, related_name="council")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appraisal_seats"
    )
    position = models.CharField(_("position"), max_length=12, choices=Position.choices)
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    appointed_at = models.DateTimeField(_("appointed at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["round", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="appraisal_member_unique"),
            models.UniqueConstraint(
                fields=["round"], condition=Q(position="chair"), name="appraisal_one_chair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.get_position_display()})"

    @property
    def display_name(self) -> str:
        person = getattr(self.user, "person", None)
        return person.full_name if person else (self.user.get_full_name() or self.user.get_username())

    @property
    def scope_unit(self) -> Unit:
        return self.round.unit

    @property
    def scores(self) -> bool:
        from danvan.appraisal.workflow import SCORING_POSITIONS

        return self.position in SCORING_POSITIONS


class Scorecard(models.Model):
    """One member's appraisal of one candidate: hidden from the other members until they submit
    their own, and from the standing agency until the round closes."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scorecards")
    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="scorecards")
    status = models.CharField(
        _("status"), max_length=12, choices=CardStatus.choices, default=CardStatus.DRAFT
    )
    comment = models.TextField(_("comment"), blank=True)
    recusal_reason = models.TextField(_("reason for recusal"), blank=True)
    # the conflict flag as it stood when the card was submitted or the member recused
    flagged = models.BooleanField(_("member belongs to the candidate's unit"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        ordering = ["candidate", "member"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "member"], name="appraisal_scorecard_unique")
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.candidate}"

    @property
    def scope_unit(self) -> Unit:
        return self.candidate.round.unit


class Score(models.Model):
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "criterion"], name="appraisal_score_unique")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points if self.passed is None else self.passed}"


class RoundEvent(models.Model):
    """The round's log: one row per accepted action (lifecycle steps, candidates, council,
    scorecards). A scorecard's row says who submitted, never what they scored."""

    round = models.ForeignKey(AppraisalRound, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from"), max_length=20, choices=RoundStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=RoundStatus.choices, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)
    candidate = models.ForeignKey(
        Candidate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    member = models.ForeignKey(
        CouncilMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(_("concerning"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("round log entry")
        verbose_name_plural = _("round log entries")
        ordering = ["round", "at", "id"]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.action}"
