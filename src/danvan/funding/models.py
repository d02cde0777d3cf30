"""Funding ("kinh phí") of the "Dân vận khéo" movement (R12: 002 §IV.3, 004 §2).

* `Allocation` — the money a unit is given for the movement in a year (dự toán, kinh phí được
  giao), by source: the State budget of its level, contributions raised (xã hội hóa), other;
* `Expenditure` — money a unit spent (chi) for a purpose: training, appraisal and commendation,
  support to models, communication, other. Support to a model is an expenditure of purpose
  "support to models" that names the model (an `initiatives.Initiative` of the unit's subtree).
  An expenditure may be charged to an allocation of the same unit and year, which it may not
  exceed.

Nothing is deleted: a mistaken row is voided with a reason (who, when, why), and every change is
in django-simple-history with its reason. Totals are the metrics of `funding/metrics.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core.text import fold
from danvan.initiatives.models import Initiative
from danvan.orgs.models import Unit

MONEY = {"max_digits": 15, "decimal_places": 0}


class Source(models.TextChoices):
    STATE_BUDGET = "state_budget", _("State budget of the level")
    SOCIALIZATION = "socialization", _("Contributions raised (socialization)")
    OTHER = "other", _("Other sources")


class Purpose(models.TextChoices):
    TRAINING = "training", _("Training")
    APPRAISAL = "appraisal", _("Appraisal and commendation")
    MODEL_SUPPORT = "model_support", _("Support to models")
    COMMUNICATION = "communication", _("Communication")
    OTHER = "other", _("Other")


class Voidable(models.Model):
    """A row is never deleted: it is voided, with who, when and why."""

    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voided by"),
    )
    void_reason = models.TextField(_("reason for voiding"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None

    @property
    def scope_unit(self) -> Unit:
        return self.unit


class Allocation(Voidable):
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="funding_allocations", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.STATE_BUDGET)
    amount = models.DecimalField(_("amount (VND)"), **MONEY, validators=[MinValueValidator(0)])
    decision_reference = models.CharField(
        _("decision"),
        max_length=255,
        blank=True,
        help_text=_("e.g. Quyết định số 123/QĐ-UBND ngày 10/01/2025 của UBND thành phố"),
    )
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("funding allocation")
        verbose_name_plural = _("funding allocations")
        ordering = ["-year", "source", "-id"]
        indexes = [models.Index(fields=["unit", "year"], name="funding_allocation_unit_year")]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="funding_allocation_amount_not_negative",
                violation_error_message=_("The amount must not be negative."),
            ),
            models.CheckConstraint(
                condition=Q(voided_at__isnull=True) | ~Q(void_reason=""),
                name="funding_allocation_void_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.year} — {self.unit}"


class Expenditure(Voidable):
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="funding_expenditures", verbose_name=_("unit")
    )
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount (VND)"), **MONEY, validators=[MinValueValidator(1)])
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_expenditures",
        verbose_name=_("model or exemplar supported"),
    )
    allocation = models.ForeignKey(
        Allocation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expenditures",
        verbose_name=_("charged to"),
    )
    description = models.TextField(_("description"))
    voucher_reference = models.CharField(
        _("voucher"), max_length=120, blank=True, help_text=_("Number of the payment voucher or invoice.")
    )
    search_folded = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["updated_at", "search_folded"])

    class Meta:
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditures")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["unit", "date"], name="funding_expenditure_unit_date"),
            models.Index(fields=["allocation", "voided_at"], name="funding_expenditure_charged"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="funding_expenditure_amount_positive",
                violation_error_message=_("The amount must be greater than zero."),
            ),
            models.CheckConstraint(
                condition=~Q(purpose="model_support") | Q(initiative__isnull=False),
                name="funding_support_names_a_model",
                violation_error_message=_("Choose the model or exemplar this money supports."),
            ),
            models.CheckConstraint(
                condition=Q(voided_at__isnull=True) | ~Q(void_reason=""),
                name="funding_expenditure_void_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.date:%d/%m/%Y} — {self.unit}"

    def save(self, *args, **kwargs):
        self.search_folded = fold(f"{self.description} {self.voucher_reference}")
        super().save(*args, **kwargs)
