"""Periodic reports up the hierarchy (R6; seed 003 §IV.3, seed 004 §4).

* `Regime` — what a unit asks of the units under it: a report type (quarterly, annual, review…),
  its cut-off day and due rule (`core.periods`), and who reports (unit types in its subtree);
* `Period` — one period of a regime: its data window, label and due date; opening it creates the
  expected reports (one per reporter, plus the asking unit's own summary report);
* `Report` — what one unit reports for one period: figures computed from the metrics registry
  (frozen into `snapshot` when submitted), narrative sections written by people, and the state of
  its review (`workflow`);
* `Correction` — a computed figure an officer corrected, with the written reason shown beside it;
* `ReportEvent` — the log of who opened, submitted, returned, accepted or corrected it, when and
  why, each submission with the snapshot it froze.

Every table but the event log has django-simple-history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core import periods
from danvan.core.periods import DueRule, ReportType
from danvan.orgs.models import Unit, UnitType
from danvan.reports.workflow import ReportStatus


class Regime(models.Model):
    """A reporting regime ("chế độ báo cáo") a unit sets for the units under it."""

    issuing_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reporting_regimes", verbose_name=_("asking unit")
    )
    name = models.CharField(_("name"), max_length=255)
    basis = models.CharField(
        _("basis"), max_length=255, blank=True, help_text=_("The plan or letter that asks for the reports.")
    )
    report_type = models.CharField(_("report type"), max_length=12, choices=ReportType.choices)
    # None: calendar periods (1st → last day of the month), else NĐ 09/2019-style cut-off (14)
    cutoff_day = models.PositiveSmallIntegerField(
        _("cut-off day"),
        null=True,
        blank=True,
        help_text=_("Data up to this day of the month (14 under NĐ 09/2019); empty for calendar periods."),
    )
    due_working_days = models.PositiveSmallIntegerField(_("due after (working days)"), null=True, blank=True)
    due_day_of_month = models.PositiveSmallIntegerField(_("due on day of month"), null=True, blank=True)
    reporter_types = models.ManyToManyField(
        UnitType, related_name="+", verbose_name=_("who reports"), help_text=_("Unit types that report.")
    )
    active = models.BooleanField(_("in force"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords(m2m_fields=[reporter_types])

    class Meta:
        verbose_name = _("reporting regime")
        verbose_name_plural = _("reporting regimes")
        ordering = ["issuing_unit__path", "report_type", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_working_days__isnull=True) | Q(due_day_of_month__isnull=True),
                name="reports_regime_one_due_rule",
            ),
            models.CheckConstraint(
                condition=Q(cutoff_day__isnull=True) | Q(cutoff_day__gte=1, cutoff_day__lte=28),
                name="reports_regime_cutoff_day",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_unit(self) -> Unit:
        return self.issuing_unit

    @property
    def is_periodic(self) -> bool:
        return self.report_type in periods.PERIODIC_TYPES

    @property
    def due_rule(self) -> DueRule:
        if self.due_day_of_month is not None:
            return DueRule(day_of_month=self.due_day_of_month)
        return DueRule(working_days=self.due_working_days if self.due_working_days is not None else 2)

    @property
    def rule(self) -> periods.Regime:
        return periods.Regime(name=self.name, cutoff_day=self.cutoff_day, due=self.due_rule)

    def reporters(self, on):
        """The units that report under this regime on a day: units in force of the chosen types
        in the asking unit's subtree (the asking unit itself writes the summary report)."""
        return (
            Unit.objects.active(on)
            .filter(path__startswith=self.issuing_unit.path, unit_type__in=self.reporter_types.all())
            .exclude(pk=self.issuing_unit_id)
            .order_by("name_sort")
        )


class Period(models.Model):
    """One period of a regime: the window of data its reports count, its label and due date."""

    regime = models.ForeignKey(Regime, on_delete=models.PROTECT, related_name="periods")
    report_type = models.CharField(_("report type"), max_length=12, choices=ReportType.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number"), default=1)  # quarter, month, or sequence
    start = models.DateField(_("data from"))
    end = models.DateField(_("data until"))
    label = models.CharField(_("period"), max_length=160)
    due_on = models.DateField(_("due on"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-end", "regime_id"]
        constraints = [
            models.UniqueConstraint(fields=["regime", "year", "number"], name="reports_period_unique"),
            models.CheckConstraint(condition=Q(start__lte=models.F("end")), name="reports_period_window"),
        ]
        indexes = [models.Index(fields=["due_on"], name="reports_period_due")]

    def __str__(self) -> str:
        return self.label

    @property
    def scope_unit(self) -> Unit:
        return self.regime.issuing_unit

    @property
    def window(self) -> periods.Period:
        return periods.Period(
            ReportType(self.report_type), self.year, self.number, self.start, self.end, self.label
        )


class Report(models.Model):
    """What one unit reports for one period."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reports", verbose_name=_("unit"))
    # the asking unit's own report, rolling up its reporters' accepted reports
    is_summary = models.BooleanField(_("summary report"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)

    # the document's header and signature ("Số 15-BC/ĐU")
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    issuer_code = models.CharField(_("issuer abbreviation"), max_length=30, blank=True)
    dated_on = models.DateField(_("date of the report"), null=True, blank=True)
    superior_heading = models.CharField(_("superior body (header)"), max_length=255, blank=True)
    issuer_heading = models.CharField(_("issuing body (header)"), max_length=255, blank=True)
    signer_authority = models.CharField(_("signature authority"), max_length=120, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=160, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=160, blank=True)
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One per line."))

    # narrative sections (DOMAIN §2)
    results = models.TextField(_("results achieved"), blank=True)
    typical_models = models.TextField(_("typical models"), blank=True)
    shortcomings = models.TextField(_("shortcomings and limitations"), blank=True)
    causes = models.TextField(_("causes"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    directions = models.TextField(_("directions and tasks for the next period"), blank=True)
    proposals = models.TextField(_("proposals and recommendations"), blank=True)

    # the figures frozen when the report was submitted (or issued): see reports.figures
    snapshot = models.JSONField(_("frozen figures"), null=True, blank=True, editable=False)
    snapshot_at = models.DateTimeField(_("figures frozen at"), null=True, blank=True, editable=False)
    first_submitted_on = models.DateField(_("first submitted on"), null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["snapshot", "updated_at"])

    class Meta:
        verbose_name = _("periodic report")
        verbose_name_plural = _("periodic reports")
        ordering = ["period", "-is_summary", "unit__name_sort"]
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="reports_report_unique"),
            models.UniqueConstraint(
                fields=["period"], condition=Q(is_summary=True), name="reports_one_summary_per_period"
            ),
        ]
        indexes = [
            models.Index(fields=["period", "status"], name="reports_report_period_status"),
            models.Index(fields=["unit", "period"], name="reports_report_unit_period"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period}"

    @property
    def scope_unit(self) -> Unit:
        return self.unit

    @property
    def symbol(self) -> str:
        """ "15-BC/ĐU" (empty while it has no number)."""
        from danvan.documents.party_format import HD36, document_symbol

        if self.number is None or not self.issuer_code:
            return ""
        return document_symbol(self.number, HD36.abbreviation("BÁO CÁO"), self.issuer_code)

    @property
    def is_frozen(self) -> bool:
        from danvan.reports.workflow import FROZEN

        return self.status in FROZEN

    @property
    def is_late(self) -> bool:
        """Submitted after its due date, or not yet submitted and past it. The asking unit's own
        summary report has no one to be late for."""
        if self.is_summary:
            return False
        if self.first_submitted_on is not None:
            return self.first_submitted_on > self.period.due_on
        return timezone.localdate() > self.period.due_on


NARRATIVE_FIELDS = (
    "results",
    "typical_models",
    "shortcomings",
    "causes",
    "lessons",
    "directions",
    "proposals",
)


class Correction(models.Model):
    """A computed figure corrected by an officer, with the reason shown beside it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="corrections")
    key = models.CharField(_("figure"), max_length=200)
    computed = models.DecimalField(_("computed value"), max_digits=20, decimal_places=2)
    value = models.DecimalField(_("corrected value"), max_digits=20, decimal_places=2)
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("corrected at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["key"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="reports_correction_unique")]

    def __str__(self) -> str:
        return self.key

    @property
    def scope_unit(self) -> Unit:
        return self.report.unit


class ReportEvent(models.Model):
    """Who did what to a report, when and why; a submission keeps the snapshot it froze."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(blank=True)
    snapshot = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["report", "at"], name="reports_event_report_at")]

    def __str__(self) -> str:
        return f"{self.action} — {self.report_id}"
