"""Citizens' petitions (R8; seed 001 §4, seed 003 §III.2): complaints, denunciations,
recommendations and feedback, their handling under statutory deadlines, and hot spots.

* `Petition` — one petition ("đơn"), from one or many petitioners (a mass petition), with its
  competent unit, its state (`workflow`), the step it is in and that step's due date
  (`deadlines`), its flags (complex, remote area, mass, backlog, protracted) and its tracking code;
  the petitioners' identities are stored encrypted (`core.crypto`) and, for a denunciation, shown
  only to the assigned handler and the leaders above (Luật Tố cáo Art. 47);
* `PetitionEvent` — the log of who did what, when and why: the internal comment, and the reply
  the citizen sees on the tracking page;
* `IdentityView` — every time someone was shown a denouncer's identity;
* `PetitionAttachment` — the letters, photos and documents filed with it;
* `RoutingRule` — which unit is competent for a kind, topic and area;
* `HotSpot` — an area marked as a hot spot (mass complaints, unrest), with its history.

Every table but the two logs has django-simple-history (the identities are left out of history:
changes to them are logged as events, without the values).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core.crypto import EncryptedJSONField
from danvan.core.text import fold
from danvan.geo.models import Area
from danvan.orgs.models import Unit
from danvan.petitions.deadlines import Kind, Step
from danvan.petitions.workflow import FINISHED, OPEN, PetitionStatus

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
CODE_LENGTH = 10
MASS_PETITIONERS = 5  # "đông người": five or more people (TT 04/2021/TT-TTCP)


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalize_code(text: str) -> str:
    """ "k7qm 3xpa 92", "K7QM3XPA92" → "K7QM-3XPA-92" (or "" when it cannot be a code)."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    if len(raw) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in raw):
        return ""
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class Topic(models.TextChoices):
    LAND = "land", _("Land")
    COMPENSATION = "compensation", _("Compensation and site clearance")
    CONSTRUCTION = "construction", _("Construction and urban order")
    ENVIRONMENT = "environment", _("Environment")
    SOCIAL_POLICY = "social_policy", _("Social policies")
    PROCEDURES = "procedures", _("Administrative procedures")
    OFFICIALS = "officials", _("Conduct of officials")
    SECURITY = "security", _("Security and order")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    RECEPTION = "reception", _("At a citizen reception session")
    DIRECT = "direct", _("Handed in at the office")
    POST = "post", _("By post")
    FORWARDED = "forwarded", _("Forwarded by another body")
    ONLINE = "online", _("Online (public form)")


class RefusalGround(models.TextChoices):
    NOT_COMPETENT = "not_competent", _("Not within the unit's competence")
    OUT_OF_TIME = "out_of_time", _("The time limit for lodging it has passed")
    ALREADY_RESOLVED = "already_resolved", _("Already resolved and answered; nothing new")
    UNIDENTIFIED = "unidentified", _("The petitioner cannot be identified")
    NOT_ELIGIBLE = "not_eligible", _("The petitioner has no right to lodge it")
    WITHDRAWN = "withdrawn", _("Withdrawn by the petitioner")
    IN_COURT = "in_court", _("Already brought before a court")
    OTHER = "other", _("Other legal ground")


class PetitionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN)

    def overdue(self, today):
        return self.filter(status__in=OPEN, due_on__lt=today)

    def within(self, unit: Unit):
        return self.filter(unit__path__startswith=unit.path)


class Petition(models.Model):
    code = models.CharField(_("tracking code"), max_length=12, unique=True, default=new_code, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices, default=Topic.OTHER)
    subject = models.CharField(_("subject"), max_length=255)
    content = models.TextField(_("content"), max_length=20000)
    location = models.CharField(
        _("where"), max_length=255, blank=True, help_text=_("Village, street or place the petition is about.")
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="petitions", verbose_name=_("area"))
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="petitions", verbose_name=_("competent unit")
    )
    channel = models.CharField(_("how it was received"), max_length=12, choices=Channel.choices)
    forwarded_by = models.CharField(_("forwarded by"), max_length=255, blank=True)
    reception_session = models.ForeignKey(
        "reception.ReceptionSession",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("reception session"),
    )
    received_on = models.DateField(_("received on"))

    # who lodged it: [{"name", "id_number", "phone", "email", "address"}, …], encrypted
    petitioners = EncryptedJSONField(_("petitioners"), default=list)
    petitioner_count = models.PositiveIntegerField(_("number of petitioners"), default=1)

    status = models.CharField(
        _("status"), max_length=12, choices=PetitionStatus.choices, default=PetitionStatus.RECEIVED
    )
    instance_no = models.PositiveSmallIntegerField(_("instance"), default=1)  # a complaint's 1st or 2nd
    step = models.CharField(_("step"), max_length=16, choices=Step.choices, blank=True)
    step_started_on = models.DateField(_("step started on"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True, db_index=True)
    extensions = models.PositiveSmallIntegerField(_("extensions"), default=0)
    rule_set = models.CharField(_("deadline rules"), max_length=40, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions_handled",
        verbose_name=_("handler"),
    )

    is_complex = models.BooleanField(_("complex case"), default=False)
    is_remote = models.BooleanField(
        _("remote area"), default=False, help_text=_("Remote or hard-to-reach area: longer legal deadlines.")
    )
    is_mass = models.BooleanField(_("mass petition"), default=False)
    is_backlog = models.BooleanField(_("backlog case"), default=False)
    is_protracted = models.BooleanField(_("protracted case"), default=False)

    refusal_ground = models.CharField(
        _("ground for refusal"), max_length=20, choices=RefusalGround.choices, blank=True
    )
    forwarded_to = models.CharField(_("forwarded to"), max_length=255, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    resolution_number = models.CharField(_("decision number"), max_length=60, blank=True)
    resolution_date = models.DateField(_("decision date"), null=True, blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    resolved_on_time = models.BooleanField(_("resolved on time"), null=True, blank=True)
    reply = models.TextField(_("latest reply to the citizen"), blank=True)

    satisfied = models.BooleanField(_("citizen says it is resolved"), null=True, blank=True)
    feedback = models.TextField(_("citizen's feedback"), blank=True, max_length=5000)
    feedback_at = models.DateTimeField(_("feedback at"), null=True, blank=True)
    reopened = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    escalated_for = models.DateField(
        _("breach escalated for due date"), null=True, blank=True, editable=False
    )

    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("possible duplicate of"),
    )
    search = models.TextField(editable=False, blank=True)
    source = models.CharField(max_length=64, blank=True, editable=False, db_index=True)  # hashed address
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["petitioners", "search", "source"])
    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "status"], name="petition_unit_status"),
            models.Index(fields=["status", "due_on"], name="petition_status_due"),
            models.Index(fields=["received_on"], name="petition_received"),
            models.Index(fields=["area", "status"], name="petition_area_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(instance_no__in=[1, 2]), name="petition_instance_1_or_2"),
            models.CheckConstraint(condition=Q(petitioner_count__gte=1), name="petition_has_petitioner"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.subject}"

    def save(self, *args, **kwargs):
        self.search = fold(f"{self.code} {self.subject}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and ("code" in update_fields or "subject" in update_fields):
            kwargs["update_fields"] = {*update_fields, "search"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("petitions:detail", args=[self.pk])

    @property
    def scope_unit(self) -> Unit:
        return self.unit

    @property
    def is_denunciation(self) -> bool:
        return self.kind == Kind.DENUNCIATION

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_on is not None and self.due_on < today

    def days_left(self, today=None) -> int | None:
        if not self.is_open or self.due_on is None:
            return None
        today = today or timezone.localdate()
        return (self.due_on - today).days

    @property
    def flags(self) -> list[str]:
        names = [
            ("is_complex", _("complex")),
            ("is_remote", _("remote area")),
            ("is_mass", _("mass petition")),
            ("is_backlog", _("backlog")),
            ("is_protracted", _("protracted")),
        ]
        return [str(label) for field, label in names if getattr(self, field)]


class PetitionEvent(models.Model):
    """One action on a petition: who, when, the internal comment, and what the citizen is told."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=16)
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by_citizen = models.BooleanField(_("by the citizen"), default=False)
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("internal comment"), blank=True)
    reply = models.TextField(_("reply to the citizen"), blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)  # the step's due date after it
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("petition event")
        verbose_name_plural = _("petition events")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["petition", "at"], name="petition_event_at")]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.action}"

    @property
    def public(self) -> bool:
        """Shown on the tracking page: a status change or a reply (never the internal comment)."""
        return bool(self.reply) or (self.to_status != self.from_status and bool(self.to_status))


class PetitionerKey(models.Model):
    """A keyed hash of one petitioner's name and phone or ID number (a blind index): finds the open
    petitions of the same person without decrypting anything or storing the identity in clear."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="person_keys")
    key = models.CharField(max_length=32, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["petition", "key"], name="petitioner_key_once")]

    def __str__(self) -> str:
        return f"{self.petition_id}:{self.key[:6]}…"


class IdentityView(models.Model):
    """A denouncer's identity was shown to someone (Luật Tố cáo Art. 47: every access is recorded)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="identity_views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)
    purpose = models.CharField(_("purpose"), max_length=255)

    class Meta:
        verbose_name = _("view of a denouncer's identity")
        verbose_name_plural = _("views of denouncers' identities")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.user_id} {self.at:%Y-%m-%d %H:%M}"


def attachment_path(instance, filename: str) -> str:
    return f"petitions/{instance.petition_id}/{timezone.now():%Y/%m}/{secrets.token_hex(8)}-{filename}"


class PetitionAttachment(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=10)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def scope_unit(self) -> Unit:
        return self.petition.unit


class RoutingRule(models.Model):
    """Petitions of this kind and topic about this area (or any, when left empty) go to `unit`.

    The most specific rule wins: the deepest area, then a rule naming the kind and the topic over
    one that does not, then the lower priority number. Without a rule, a petition goes to the
    People's Committee of its commune (or of the nearest area above that has one)."""

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, blank=True)
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices, blank=True)
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("area")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("competent unit")
    )
    priority = models.PositiveSmallIntegerField(_("priority"), default=100)
    active = models.BooleanField(_("in force"), default=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["priority", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display() or '*'} / {self.get_topic_display() or '*'} → {self.unit}"

    @property
    def scope_unit(self) -> Unit:
        return self.unit


class HotSpotStatus(models.TextChoices):
    ACTIVE = "active", _("Hot spot")
    CLEARED = "cleared", _("Cleared")


class HotSpot(models.Model):
    """An area marked as a hot spot ("điểm nóng"): mass or protracted complaints, risk of unrest.

    One row per episode: declared, then cleared; an area's past episodes are its history."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="hot_spots", verbose_name=_("area"))
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="hot_spots", verbose_name=_("responsible unit")
    )
    status = models.CharField(
        _("status"), max_length=8, choices=HotSpotStatus.choices, default=HotSpotStatus.ACTIVE
    )
    declared_on = models.DateField(_("declared on"))
    reason = models.TextField(_("why"), max_length=5000)
    cleared_on = models.DateField(_("cleared on"), null=True, blank=True)
    cleared_reason = models.TextField(_("how it was resolved"), blank=True, max_length=5000)
    petitions = models.ManyToManyField(
        Petition, blank=True, related_name="hot_spots", verbose_name=_("petitions")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords(m2m_fields=[petitions])

    class Meta:
        verbose_name = _("hot spot")
        verbose_name_plural = _("hot spots")
        ordering = ["-declared_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["area"], condition=Q(status="active"), name="hotspot_one_active_per_area"
            ),
            models.CheckConstraint(
                condition=Q(status="active", cleared_on__isnull=True)
                | Q(status="cleared", cleared_on__isnull=False),
                name="hotspot_cleared_has_date",
            ),
        ]

    def __str__(self) -> str:
        return str(self.area)

    @property
    def scope_unit(self) -> Unit:
        return self.unit
