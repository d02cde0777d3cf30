"""Models ("mô hình") and exemplars ("điển hình") of the "Dân vận khéo" movement.

One table, `Initiative`, holds both (docs/decisions/0003): an exemplar is an initiative of kind
`exemplar`, a village self-management model one of kind `self_management`. A model lives across
years, so each year has its own `InitiativeYear` (plan, results, evaluation). Every lifecycle
step is a `TransitionRecord`; every change of any row is in django-simple-history.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core.models import SearchableQuerySet
from danvan.core.text import fold
from danvan.geo.models import Area
from danvan.initiatives.workflow import Status
from danvan.orgs.models import Campaign, Unit


class Field(models.Model):
    """Lĩnh vực: economy; culture–society; defence–security; political system; extendable."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    """A managed list of topics (party building, land clearance, digital transformation, …)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=160)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Kind(models.TextChoices):
    MODEL = "model", _("Model")
    SELF_MANAGEMENT = "self_management", _("Village self-management model")
    EXEMPLAR = "exemplar", _("Exemplar")


class Holder(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")
    INDIVIDUAL = "individual", _("Individual")


class InitiativeQuerySet(SearchableQuerySet):
    def within(self, unit: Unit):
        return self.filter(owner_unit__path__startswith=unit.path)


class Initiative(models.Model):
    # who and what
    owner_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("owner unit")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MODEL)
    holder = models.CharField(_("held by"), max_length=12, choices=Holder.choices, default=Holder.COLLECTIVE)
    holder_name = models.CharField(
        _("name of the person or collective"),
        max_length=200,
        blank=True,
        help_text=_("For an individual exemplar: the person's full name."),
    )
    name = models.CharField(_("name of the model"), max_length=300)
    name_folded = models.CharField(max_length=300, db_index=True, editable=False)
    field = models.ForeignKey(
        Field, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("field")
    )
    topics = models.ManyToManyField(Topic, related_name="initiatives", blank=True, verbose_name=_("topics"))
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("campaign"),
    )
    year = models.PositiveSmallIntegerField(
        _("year of registration"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    # the registration form (DOMAIN §1, ten items)
    situation = models.TextField(_("situation and reason"), blank=True)
    goals = models.TextField(_("goals and evaluation criteria"), blank=True)
    content = models.TextField(_("content and method"), blank=True)
    beneficiaries = models.TextField(_("area and beneficiaries"), blank=True)
    forces = models.TextField(
        _("forces"),
        blank=True,
        help_text=_("Lead, cooperating and participating units or people, with roles."),
    )
    funding_planned = models.DecimalField(
        _("planned funding (VND)"),
        max_digits=15,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    facilities = models.TextField(_("facilities"), blank=True)
    workdays_planned = models.PositiveIntegerField(_("planned workdays"), null=True, blank=True)
    contributions_planned = models.DecimalField(
        _("planned contributions raised (VND)"),
        max_digits=15,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    milestones = models.TextField(_("milestones"), blank=True)
    evaluation_date = models.DateField(_("evaluation point"), null=True, blank=True)
    outputs = models.TextField(_("verifiable outputs"), blank=True)
    sustainability = models.TextField(_("sustainability and replicability"), blank=True)
    # where
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("area"),
    )
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[MinValueValidator(8), MaxValueValidator(24)]
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[MinValueValidator(102), MaxValueValidator(118)]
    )
    # lifecycle
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    recognized_level = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recognized at the level of"),
    )
    recognized_on = models.DateField(_("recognized on"), null=True, blank=True)
    replicated_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replicas",
        verbose_name=_("replicated from"),
    )
    # quality guard: a fingerprint of the folded name and content, equal for near-identical copies
    fingerprint = models.CharField(max_length=40, db_index=True, editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = InitiativeQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["name_folded", "fingerprint", "updated_at"], m2m_fields=[topics]
    )

    class Meta:
        verbose_name = _("model or exemplar")
        verbose_name_plural = _("models and exemplars")
        ordering = ["-year", "name"]
        indexes = [
            models.Index(fields=["status", "year"], name="initiative_status_year"),
            models.Index(fields=["owner_unit", "year"], name="initiative_owner_year"),
            # the models recognized in a period under a subtree: looked up unit by unit
            models.Index(fields=["owner_unit", "recognized_on"], name="initiative_owner_recognized"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="recognized") | Q(recognized_level__isnull=False),
                name="initiative_recognized_has_level",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.fill_derived()
        super().save(*args, **kwargs)

    def fill_derived(self) -> None:
        """The stored search and duplicate-check columns (also for rows created in bulk)."""
        from danvan.initiatives.similarity import fingerprint

        self.name_folded = fold(self.name)
        self.fingerprint = fingerprint(self.name, self.content)

    @property
    def scope_unit(self) -> Unit:
        return self.owner_unit


class Evaluation(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent (typical)")
    GOOD = "good", _("Effective")
    FAIR = "fair", _("Partly effective")
    WEAK = "weak", _("Not effective")


class InitiativeYear(models.Model):
    """The movement re-evaluates every model every year."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    plan = models.TextField(_("plan for the year"), blank=True)
    results = models.TextField(_("results of the year"), blank=True)
    evaluation = models.CharField(_("evaluation"), max_length=12, choices=Evaluation.choices, blank=True)
    evaluation_note = models.TextField(_("evaluation note"), blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    evaluated_at = models.DateTimeField(_("evaluated at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("yearly record")
        verbose_name_plural = _("yearly records")
        ordering = ["initiative", "-year"]
        constraints = [models.UniqueConstraint(fields=["initiative", "year"], name="initiative_year_unique")]

    def __str__(self) -> str:
        return f"{self.initiative} · {self.year}"

    @property
    def scope_unit(self) -> Unit:
        return self.initiative.owner_unit


class TransitionRecord(models.Model):
    """The explicit lifecycle log: who moved the initiative from which state to which, when, why."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)
    # for carry-overs and recognitions: the unit concerned
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("lifecycle step")
        verbose_name_plural = _("lifecycle steps")
        ordering = ["initiative", "at", "id"]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.from_status} → {self.to_status}"


class ProgressUpdate(models.Model):
    """A dated report of what the model achieved, with numbers (they add up in figures)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="progress_updates")
    reported_on = models.DateField(_("date"), default=timezone.localdate)
    narrative = models.TextField(_("what was done"))
    people_reached = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    households_benefiting = models.PositiveIntegerField(_("households benefiting"), null=True, blank=True)
    money_mobilized = models.DecimalField(
        _("money mobilized (VND)"),
        max_digits=15,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    workdays_mobilized = models.PositiveIntegerField(_("workdays mobilized"), null=True, blank=True)
    land_donated_m2 = models.DecimalField(
        _("land donated (m²)"),
        max_digits=12,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-reported_on", "-id"]
        # a model's latest update, one index probe (the dashboards' models not updated for 90 days)
        indexes = [models.Index(fields=["initiative", "reported_on"], name="progress_initiative_date")]

    def __str__(self) -> str:
        return f"{self.initiative} · {self.reported_on}"

    @property
    def scope_unit(self) -> Unit:
        return self.initiative.owner_unit

    @property
    def has_results(self) -> bool:
        return any(
            value
            for value in (
                self.people_reached,
                self.households_benefiting,
                self.money_mobilized,
                self.workdays_mobilized,
                self.land_donated_m2,
            )
        )


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    PDF = "pdf", _("PDF document")
    DOCX = "docx", _("Word document")
    XLSX = "xlsx", _("Excel workbook")


def evidence_path(instance, filename: str) -> str:
    return f"evidence/{instance.initiative_id}/{timezone.now():%Y/%m}/{filename}"


class Evidence(models.Model):
    """A file proving what a progress update says; its type is checked by content, not by name."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="evidence")
    progress_update = models.ForeignKey(
        ProgressUpdate, on_delete=models.SET_NULL, null=True, blank=True, related_name="evidence"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=EvidenceKind.choices)
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255)
    thumbnail = models.ImageField(
        _("thumbnail"), upload_to=evidence_path, max_length=255, null=True, blank=True
    )
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def scope_unit(self) -> Unit:
        return self.initiative.owner_unit
