"""The movement's decisions: recognizing models and exemplars, and commending collectives and
individuals (docs/decisions/0005).

* `AwardForm` — the catalogue of award forms of a province (giấy khen, bằng khen…), each granted
  by one kind of body at one level;
* `Proposal` — a unit proposes a collective or an individual for an award form, for a model or
  exemplar, a campaign or an event;
* `Decision` — a recognition or commendation decision (number and symbol, date, issuing level and
  body, signer), with its `DecisionEntry` list: models and exemplars it recognizes (each may be
  typical and proposed for commendation — the funnel), or proposals it grants;
* `DecisionEvent` — the explicit log of who created, issued or revoked a decision, when and why.

Every table has django-simple-history.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.awards.workflow import DecisionKind, DecisionStatus, ProposalStatus
from danvan.core.text import fold
from danvan.geo.models import AreaLevel
from danvan.initiatives.models import Holder, Initiative, TransitionRecord
from danvan.orgs.models import Campaign, Unit, UnitType


class AwardGrade(models.TextChoices):
    CERTIFICATE = "certificate", _("Certificate of merit (giấy khen)")
    HIGHER_CERTIFICATE = "higher_certificate", _("Higher certificate of merit (bằng khen)")


class Recipients(models.TextChoices):
    BOTH = "both", _("Collectives and individuals")
    COLLECTIVE = "collective", _("Collectives only")
    INDIVIDUAL = "individual", _("Individuals only")


class AwardForm(models.Model):
    """One award form of a province's catalogue and the body that grants it: the unit type and
    the level (province or commune) of the granting body, e.g. "Bằng khen của Chủ tịch UBND
    thành phố" is granted by a People's Committee at province level."""

    province = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="award_forms",
        verbose_name=_("province"),
        help_text=_("The province's top unit, whose catalogue this is."),
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=255)
    grade = models.CharField(_("grade"), max_length=20, choices=AwardGrade.choices)
    issuer_type = models.ForeignKey(
        UnitType, on_delete=models.PROTECT, related_name="+", verbose_name=_("granted by a unit of type")
    )
    level = models.CharField(
        _("at the level of"),
        max_length=10,
        choices=[(AreaLevel.PROVINCE, _("Province")), (AreaLevel.COMMUNE, _("Commune"))],
    )
    recipients = models.CharField(
        _("for"), max_length=12, choices=Recipients.choices, default=Recipients.BOTH
    )
    basis = models.CharField(
        _("legal basis"),
        max_length=255,
        blank=True,
        help_text=_("e.g. the province's regulation on commendation in the movement"),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award form")
        verbose_name_plural = _("award forms")
        ordering = ["province", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["province", "code"], name="award_form_unique_code")]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_unit(self) -> Unit:
        return self.province

    def accepts(self, holder: str) -> bool:
        return self.recipients == Recipients.BOTH or self.recipients == holder


class Proposal(models.Model):
    """A unit proposes a collective or an individual for commendation (đề nghị khen thưởng)."""

    proposing_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="award_proposals", verbose_name=_("proposed by")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    award_form = models.ForeignKey(
        AwardForm, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("award form proposed")
    )
    holder = models.CharField(
        _("recipient"), max_length=12, choices=Holder.choices, default=Holder.COLLECTIVE
    )
    recipient_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("collective (unit)"),
    )
    recipient_name = models.CharField(_("name of the collective or person"), max_length=255)
    recipient_position = models.CharField(
        _("position and unit"),
        max_length=255,
        blank=True,
        help_text=_("For an individual: their position and unit."),
    )
    name_folded = models.CharField(max_length=255, db_index=True, editable=False)
    # what it is for: a model or exemplar, a campaign, or an event (at least one)
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_proposals",
        verbose_name=_("model or exemplar"),
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_proposals",
        verbose_name=_("campaign"),
    )
    occasion = models.CharField(
        _("event"),
        max_length=255,
        blank=True,
        help_text=_("e.g. a conference honoring models, or an anniversary"),
    )
    occasion_date = models.DateField(_("date of the event"), null=True, blank=True)
    achievements = models.TextField(_("achievements"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    status_reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords(excluded_fields=["name_folded"])

    class Meta:
        verbose_name = _("commendation proposal")
        verbose_name_plural = _("commendation proposals")
        ordering = ["-year", "-created_at", "-id"]
        indexes = [models.Index(fields=["proposing_unit", "year"], name="award_proposal_unit_year")]
        constraints = [
            models.CheckConstraint(
                condition=Q(initiative__isnull=False) | Q(campaign__isnull=False) | ~Q(occasion=""),
                name="award_proposal_has_a_reason",
            )
        ]

    def __str__(self) -> str:
        return self.recipient_name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.recipient_name)
        super().save(*args, **kwargs)

    @property
    def scope_unit(self) -> Unit:
        return self.proposing_unit


class DecisionQuerySet(models.QuerySet):
    def within(self, unit: Unit):
        return self.filter(issuing_unit__path__startswith=unit.path)


class Decision(models.Model):
    """A recognition or commendation decision (quyết định) and what its document says."""

    kind = models.CharField(_("kind"), max_length=14, choices=DecisionKind.choices)
    # the level whose authority the decision exercises ("theo thẩm quyền"): models are recognized
    # at this unit's level, and everything listed lies in its subtree
    issuing_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("level")
    )
    # the body in whose name the document is issued and numbered: the level itself, its standing
    # agency or another of its own bodies (e.g. its People's Committee for the chair's bằng khen)
    issuing_body = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("issuing body")
    )
    number = models.PositiveIntegerField(
        _("number"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(99999)]
    )
    issuer_code = models.CharField(
        _("issuer abbreviation"), max_length=30, help_text=_("After the slash of the symbol: 12-QĐ/BTGDV")
    )
    date = models.DateField(_("date"))
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    subject = models.CharField(_("subject"), max_length=500)
    superior_heading = models.CharField(_("superior body (header)"), max_length=255, blank=True)
    issuer_heading = models.CharField(_("issuing body (header)"), max_length=255)
    bases = models.TextField(_("bases"), blank=True, help_text=_("One “Căn cứ …” per line."))
    citation = models.TextField(
        _("achievements cited"),
        blank=True,
        help_text=_("Commendations: “for outstanding achievements in …”"),
    )
    executors = models.CharField(
        _("who implements it"), max_length=500, blank=True, help_text=_("The last article's addressees.")
    )
    signer_authority = models.CharField(
        _("signature authority"), max_length=120, blank=True, help_text=_("e.g. K/T TRƯỞNG BAN")
    )
    signer_position = models.CharField(_("signer's position"), max_length=160)
    signer_name = models.CharField(_("signer's name"), max_length=160)
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One per line."))
    archive = models.CharField(_("archived at"), max_length=160, default="Văn phòng")
    award_form = models.ForeignKey(
        AwardForm,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("award form"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    revoke_reason = models.TextField(_("reason for revocation"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DecisionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "year"])

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-date", "-number", "-id"]
        indexes = [
            models.Index(fields=["issuing_unit", "year"], name="award_decision_unit_year"),
            models.Index(fields=["status", "year"], name="award_decision_status_year"),
        ]
        constraints = [
            # a number is given once per issuing body and year, whatever becomes of the decision
            models.UniqueConstraint(
                fields=["issuing_body", "year", "number"],
                condition=Q(number__isnull=False),
                name="award_decision_unique_number",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(number__isnull=False), name="award_decision_numbered"
            ),
            models.CheckConstraint(
                condition=Q(kind="recognition") | Q(award_form__isnull=False),
                name="award_commendation_has_form",
            ),
        ]

    def __str__(self) -> str:
        return self.symbol or str(_("Draft decision"))

    def save(self, *args, **kwargs):
        self.year = self.date.year
        super().save(*args, **kwargs)

    @property
    def scope_unit(self) -> Unit:
        return self.issuing_unit

    @property
    def symbol(self) -> str:
        """ "12-QĐ/BTGDV" (empty while a draft has no number)."""
        from danvan.documents.party_format import HD36, document_symbol

        if self.number is None:
            return ""
        return document_symbol(self.number, HD36.abbreviation("QUYẾT ĐỊNH"), self.issuer_code)

    @property
    def is_recognition(self) -> bool:
        return self.kind == DecisionKind.RECOGNITION


class DecisionEntry(models.Model):
    """One line of a decision's list: a model or exemplar it recognizes, or a proposal it grants."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="entries")
    position = models.PositiveSmallIntegerField(_("no."), default=0)
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decision_entries",
        verbose_name=_("model or exemplar"),
    )
    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decision_entries",
        verbose_name=_("proposal"),
    )
    # the funnel (DOMAIN §1, Chợ Đồn): recognized → typical → proposed for commendation
    typical = models.BooleanField(_("typical"), default=False)
    proposed = models.BooleanField(_("proposed for commendation"), default=False)
    # the lifecycle step that recognized the model when the decision was issued
    recognition = models.ForeignKey(
        TransitionRecord, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision entry")
        verbose_name_plural = _("decision entries")
        ordering = ["decision", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "initiative"], name="award_entry_unique_initiative"),
            models.UniqueConstraint(fields=["decision", "proposal"], name="award_entry_unique_proposal"),
            models.CheckConstraint(
                condition=Q(initiative__isnull=False) | Q(proposal__isnull=False),
                name="award_entry_has_subject",
            ),
            models.CheckConstraint(condition=Q(proposed=False) | Q(typical=True), name="award_entry_funnel"),
        ]

    def __str__(self) -> str:
        return str(self.initiative or self.proposal)

    @property
    def scope_unit(self) -> Unit:
        return self.decision.issuing_unit


class DecisionEvent(models.Model):
    """The decision's lifecycle log: who created, issued or revoked it, when, why."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=10, choices=DecisionStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=10, choices=DecisionStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision step")
        verbose_name_plural = _("decision steps")
        ordering = ["decision", "at", "id"]

    def __str__(self) -> str:
        return f"{self.decision_id}: {self.action}"
