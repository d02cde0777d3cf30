"""Training of the people who do mass-mobilization work ("tập huấn, bồi dưỡng"), R10.

* `TrainingSession` — a session organized by a unit (its owner: permissions follow the unit's
  subtree) on a topic, on a date, planned then held or cancelled (`workflow`);
* `AttendanceCount` — how many people of a group attended (officers of the Party, of the
  government, of the Front and mass organizations, village officers, others);
* `Attendee` — a person attending by name, linked to `orgs.Person` when known;
* `Material` — a file of the session (lecture, slides, handout, photo), its type checked by content;
* `SessionEvent` — the explicit log of who planned, held or cancelled it, when and why.

The number of people trained is defined once, in `people_trained`, and kept on the session
(`people_count`) by the services so that the metric is a plain sum. Every table has
django-simple-history.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core.models import SearchableQuerySet
from danvan.core.text import fold
from danvan.geo.models import AreaLevel
from danvan.orgs.models import Campaign, Person, Unit, UnitCategory
from danvan.training.workflow import SessionStatus

MAX_ATTENDANCE = 100_000  # people of one group at one session: more is a typing error


class TrainingTopic(models.TextChoices):
    MODEL_METHOD = "model_method", _("Method of building “Skillful Mass Mobilization” models")
    SKILLS = "skills", _("Mass-mobilization skills")
    GRASSROOTS_DEMOCRACY = "grassroots_democracy", _("Grassroots democracy")
    CITIZEN_RECEPTION = "citizen_reception", _("Receiving citizens and handling petitions")
    DIGITAL = "digital_transformation", _("Digital transformation")
    OTHER = "other", _("Other")


class TrainingLevel(models.TextChoices):
    """The organizer's level, derived from the unit (`level_of`)."""

    PROVINCE = "province", _("Province level")
    DISTRICT = "district", _("District level (until 30/06/2025)")
    COMMUNE = "commune", _("Commune level")
    AGENCY = "agency", _("Agency or armed force")


class TrainingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    COMBINED = "combined", _("In person and online")


class AttendeeGroup(models.TextChoices):
    PARTY = "party", _("Party officers")
    GOVERNMENT = "government", _("Government officers")
    FRONT = "front_mass_orgs", _("Officers of the Front and mass organizations")
    VILLAGE = "village", _("Village officers")
    OTHER = "other", _("Others")


# the group of a person from the category of their unit
GROUP_OF_CATEGORY = {
    UnitCategory.PARTY: AttendeeGroup.PARTY,
    UnitCategory.GOVERNMENT: AttendeeGroup.GOVERNMENT,
    UnitCategory.FRONT: AttendeeGroup.FRONT,
    UnitCategory.MASS_ORG: AttendeeGroup.FRONT,
    UnitCategory.VILLAGE: AttendeeGroup.VILLAGE,
}

AGENCY_TYPES = frozenset({"state_agency"})


def level_of(unit: Unit) -> str:
    """The level a unit trains at: state agencies and the armed forces train their own people
    ("agency"); every other unit at the level of its area — a village unit's session is a
    grassroots (commune-level) one."""
    if unit.unit_type.code in AGENCY_TYPES or unit.unit_type.category == UnitCategory.ARMED_FORCES:
        return TrainingLevel.AGENCY
    level = unit.area.level
    if level == AreaLevel.PROVINCE:
        return TrainingLevel.PROVINCE
    if level == AreaLevel.DISTRICT:
        return TrainingLevel.DISTRICT
    return TrainingLevel.COMMUNE


def group_of(person: Person) -> str:
    return GROUP_OF_CATEGORY.get(person.unit.unit_type.category, AttendeeGroup.OTHER)


def people_trained(counts: Iterable[tuple[str, int]], named_groups: Iterable[str]) -> int:
    """THE number of people a session trained: for each group, the number reported for it, or
    the number of people named in it when more are named.

    Named attendees of a group are taken to be among the people counted for that group (a unit
    that reports "80 Party officers" and names 5 of them trained 80); names beyond the count, or
    in a group without a count, are added."""
    reported: dict[str, int] = {}
    for group, count in counts:
        reported[group] = reported.get(group, 0) + (count or 0)
    named: dict[str, int] = {}
    for group in named_groups:
        named[group] = named.get(group, 0) + 1
    return sum(max(reported.get(group, 0), named.get(group, 0)) for group in {*reported, *named})


class SessionQuerySet(SearchableQuerySet):
    search_field = "title_folded"

    def within(self, unit: Unit):
        return self.filter(organizer__path__startswith=unit.path)

    def held(self):
        return self.filter(status=SessionStatus.HELD)


class TrainingSession(models.Model):
    organizer = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="training_sessions", verbose_name=_("organizing unit")
    )
    title = models.CharField(_("session title"), max_length=300)
    title_folded = models.CharField(max_length=300, db_index=True, editable=False)
    topic = models.CharField(_("topic"), max_length=30, choices=TrainingTopic.choices)
    level = models.CharField(_("level"), max_length=10, choices=TrainingLevel.choices, editable=False)
    held_on = models.DateField(_("date"), help_text=_("The day it is planned for, or was held on."))
    ends_on = models.DateField(
        _("last day"), null=True, blank=True, help_text=_("For a session of several days.")
    )
    place = models.CharField(_("venue"), max_length=255, blank=True)
    trainers = models.CharField(
        _("trainers"), max_length=500, blank=True, help_text=_("Names and positions of the lecturers.")
    )
    format = models.CharField(
        _("format"), max_length=12, choices=TrainingFormat.choices, default=TrainingFormat.IN_PERSON
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_sessions",
        verbose_name=_("campaign"),
    )
    content = models.TextField(_("content"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    # people_trained() of its counts and attendees, kept by the services (the metric sums it)
    people_count = models.PositiveIntegerField(_("people trained"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SessionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["title_folded", "updated_at"])

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["status", "held_on"], name="training_status_date"),
            models.Index(fields=["organizer", "held_on"], name="training_organizer_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("held_on")), name="training_dates"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.title_folded = fold(self.title)
        self.level = level_of(self.organizer)
        super().save(*args, **kwargs)

    @property
    def scope_unit(self) -> Unit:
        return self.organizer

    def count_people(self) -> int:
        """people_trained() of what is recorded now (two small queries)."""
        counts = self.counts.values_list("group", "count")
        return people_trained(counts, self.attendees.values_list("group", flat=True))


class AttendanceCount(models.Model):
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="counts")
    group = models.CharField(_("group"), max_length=20, choices=AttendeeGroup.choices)
    count = models.PositiveIntegerField(_("number of people"), validators=[MaxValueValidator(MAX_ATTENDANCE)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance by group")
        verbose_name_plural = _("attendance by group")
        ordering = ["session", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "group"], name="training_count_unique")]

    def __str__(self) -> str:
        return f"{self.get_group_display()}: {self.count}"

    @property
    def scope_unit(self) -> Unit:
        return self.session.organizer


class Attendee(models.Model):
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="attendees")
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_attendances",
        verbose_name=_("person"),
    )
    full_name = models.CharField(_("full name"), max_length=160)
    name_folded = models.CharField(max_length=160, editable=False)
    position = models.CharField(_("position"), max_length=160, blank=True)
    unit_name = models.CharField(_("unit"), max_length=255, blank=True)
    group = models.CharField(_("group"), max_length=20, choices=AttendeeGroup.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    history = HistoricalRecords(excluded_fields=["name_folded"])

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["session", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"], condition=Q(person__isnull=False), name="training_attendee_once"
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.full_name)
        super().save(*args, **kwargs)

    @property
    def scope_unit(self) -> Unit:
        return self.session.organizer


class MaterialKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    PDF = "pdf", _("PDF document")
    DOCX = "docx", _("Word document")
    XLSX = "xlsx", _("Excel workbook")
    PPTX = "pptx", _("PowerPoint slides")


def material_path(instance, filename: str) -> str:
    return f"training/{instance.session_id}/{timezone.now():%Y/%m}/{filename}"


class Material(models.Model):
    """A file of the session: its type is decided by its content, never by its name."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("material title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=MaterialKind.choices)
    file = models.FileField(_("file"), upload_to=material_path, max_length=255)
    thumbnail = models.ImageField(
        _("thumbnail"), upload_to=material_path, max_length=255, null=True, blank=True
    )
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training material")
        verbose_name_plural = _("training materials")
        ordering = ["session", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_unit(self) -> Unit:
        return self.session.organizer


class SessionEvent(models.Model):
    """The session's log: who planned, held or cancelled it, when and why."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=10, choices=SessionStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=10, choices=SessionStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("session step")
        verbose_name_plural = _("session steps")
        ordering = ["session", "at", "id"]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.action}"
