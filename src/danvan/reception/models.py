"""Citizen reception by heads ("tiếp công dân") and dialogues with the people ("đối thoại")
(issue #7 points 6 and 7; DOMAIN.md §4 and §5).

* `ReceptionSchedule` — a head's periodic reception: who (a person of the unit, or a name and
  title), the head's position, which gives the legal minimum (`rules`), the regular day, the place
  and the dates it is in force;
* `ReceptionSession` — one reception: on a schedule's day or ad hoc (complex and mass cases), held
  or not held (why), presided by the head in person or a deputy, the citizens received; the
  petitions received at it point to it (`petitions.Petition.reception_session`);
* `ReceptionSessionEvent` — who entered, held or recorded a session as not held, when and why;
* `Dialogue` — a dialogue conference of a People's Committee with the people, the Front
  co-organizing; `DialogueIssue` — what the people raised and the answer given;
* `Commitment` — what was promised, by which unit and whom, by when; open or done;
* `CommitmentFollowUp` — the commitment's log: who did what, when (progress, done, reopened).

Every table but the two logs has django-simple-history.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core.models import Validity, ValidityQuerySet
from danvan.orgs.models import Person, Unit
from danvan.reception import rules
from danvan.reception.rules import Frequency, HeadPosition, RegularDay
from danvan.reception.workflow import CommitmentStatus, SessionStatus

MAX_CITIZENS = 100_000  # citizens at one session or dialogue: more is a typing error


class ReceptionSchedule(Validity):
    """A head's periodic citizen reception ("lịch tiếp công dân định kỳ")."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reception_schedules", verbose_name=_("unit")
    )
    position = models.CharField(_("head's position"), max_length=30, choices=HeadPosition.choices)
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reception_schedules",
        verbose_name=_("head"),
        help_text=_("A person of the unit; or give the name and title below."),
    )
    head_name = models.CharField(_("head's name"), max_length=160, blank=True)
    head_title = models.CharField(_("head's title"), max_length=160, blank=True)
    minimum_days = models.PositiveSmallIntegerField(
        _("minimum reception days"),
        help_text=_("Per week or per month, as the position's legal minimum; it may only be raised."),
    )
    weekdays = models.CharField(_("weekdays"), max_length=20, blank=True)  # "3": Thursday (0 = Monday)
    weeks_of_month = models.CharField(_("weeks of the month"), max_length=20, blank=True)  # "": every week
    days_of_month = models.CharField(_("days of the month"), max_length=100, blank=True)
    place = models.CharField(_("venue"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ValidityQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("reception schedule")
        verbose_name_plural = _("reception schedules")
        ordering = ["unit__path", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="reception_schedule_dates",
            ),
        ]
        indexes = [models.Index(fields=["unit", "valid_from"], name="reception_schedule_unit")]

    def __str__(self) -> str:
        return f"{self.head} — {self.unit}"

    @property
    def scope_unit(self) -> Unit:
        return self.unit

    @property
    def head(self) -> str:
        """The head's name (the person's, or the name given)."""
        if self.person_id is not None:
            return self.person.full_name
        return self.head_name

    @property
    def head_position(self) -> str:
        """The head's title as written on the schedule, or the position's name."""
        if self.head_title:
            return self.head_title
        if self.person_id is not None and self.person.position:
            return self.person.position
        return str(self.get_position_display())

    @property
    def legal(self) -> rules.LegalMinimum:
        return rules.legal_minimum(self.position, self.valid_from)

    @property
    def per(self) -> str:
        return self.legal.per

    @property
    def per_week(self) -> bool:
        return self.per == Frequency.WEEK

    @property
    def minimum_text(self) -> str:
        return rules.describe_minimum(self.minimum_days, self.per)

    @property
    def legal_text(self) -> str:
        return rules.describe_minimum(self.legal.days, self.legal.per)

    @property
    def regular_day(self) -> RegularDay:
        return RegularDay.of(self.weekdays, self.weeks_of_month, self.days_of_month)

    @property
    def regular_day_text(self) -> str:
        try:
            return self.regular_day.describe()
        except rules.PatternError:
            return ""


class SessionKind(models.TextChoices):
    SCHEDULED = "scheduled", _("Periodic (on the schedule)")
    AD_HOC = "ad_hoc", _("Ad hoc")


class AdHocReason(models.TextChoices):
    """Why a head received citizens outside the schedule (Luật Tiếp công dân, Art. 18(3))."""

    COMPLEX = "complex", _("Acute or complex case, or one involving several agencies")
    MASS = "mass", _("Mass case (many people)")
    SERIOUS = "serious", _("Risk of serious harm or of a threat to security and order")
    OTHER = "other", _("Other")


class Presider(models.TextChoices):
    HEAD = "head", _("The head in person")
    DEPUTY = "deputy", _("A deputy, authorized by the head")


class ReceptionSessionQuerySet(models.QuerySet):
    def held(self):
        return self.filter(status=SessionStatus.HELD)

    def counted(self):
        """The sessions compliance counts: held on the schedule by the head in person."""
        return self.filter(COUNTS_FOR_COMPLIANCE)


class ReceptionSession(models.Model):
    """One citizen reception of a head (or of their deputy)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reception_sessions", verbose_name=_("unit")
    )
    schedule = models.ForeignKey(
        ReceptionSchedule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("schedule"),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=SessionKind.choices, default=SessionKind.SCHEDULED
    )
    ad_hoc_reason = models.CharField(
        _("reason for an ad hoc session"), max_length=10, choices=AdHocReason.choices, blank=True
    )
    held_on = models.DateField(_("date"), help_text=_("The day it is planned for, or was held on."))
    place = models.CharField(_("venue"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    presided_by = models.CharField(_("presided by"), max_length=10, choices=Presider.choices, blank=True)
    presider_name = models.CharField(
        _("name of who presided"), max_length=160, blank=True, help_text=_("The deputy's name and title.")
    )
    citizens_count = models.PositiveIntegerField(_("citizens received"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    not_held_reason = models.TextField(_("reason it was not held"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ReceptionSessionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("reception session")
        verbose_name_plural = _("reception sessions")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "held_on"],
                condition=Q(kind="scheduled"),
                name="reception_one_session_a_day",
            ),
            models.CheckConstraint(
                condition=~Q(kind="scheduled") | Q(schedule__isnull=False),
                name="reception_scheduled_has_schedule",
            ),
            models.CheckConstraint(
                condition=Q(citizens_count__lte=MAX_CITIZENS), name="reception_citizens_count"
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "held_on"], name="reception_session_unit"),
            models.Index(fields=["status", "held_on"], name="reception_session_status"),
            models.Index(fields=["schedule", "held_on"], name="reception_session_schedule"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.held_on:%d/%m/%Y}"

    @property
    def scope_unit(self) -> Unit:
        return self.unit

    @property
    def head(self) -> str:
        return self.schedule.head if self.schedule_id is not None else ""

    @property
    def counts_for_compliance(self) -> bool:
        return (
            self.status == SessionStatus.HELD
            and self.kind == SessionKind.SCHEDULED
            and self.presided_by == Presider.HEAD
        )

    @property
    def presided_text(self) -> str:
        if not self.presided_by:
            return ""
        label = str(self.get_presided_by_display())
        if self.presider_name:
            return f"{label}: {self.presider_name}"
        if self.presided_by == Presider.HEAD and self.head:
            return f"{label}: {self.head}"
        return label


# the one rule of what compliance counts (the metric `reception.head_days_held` uses it)
COUNTS_FOR_COMPLIANCE = Q(status=SessionStatus.HELD, kind=SessionKind.SCHEDULED, presided_by=Presider.HEAD)


class ReceptionSessionEvent(models.Model):
    """Who entered, held, or recorded a session as not held, when and why."""

    session = models.ForeignKey(ReceptionSession, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["session", "at"], name="reception_event_session")]

    def __str__(self) -> str:
        return f"{self.action} — {self.session_id}"


class Dialogue(models.Model):
    """A dialogue conference between the heads of the Party committee and the government and the
    people ("hội nghị đối thoại"), organized by a People's Committee with the Front (Luật Thực
    hiện dân chủ ở cơ sở 2022, Art. 32: at least once a year in each commune)."""

    organizer = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="dialogues", verbose_name=_("organizing unit")
    )
    front = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="co_organized_dialogues",
        verbose_name=_("Front co-organizing"),
    )
    title = models.CharField(_("title of the conference"), max_length=300)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("venue"), max_length=255, blank=True)
    chaired_by = models.CharField(
        _("chaired by"), max_length=300, blank=True, help_text=_("Names and titles of who chaired.")
    )
    participants = models.TextField(
        _("participants"),
        blank=True,
        help_text=_("Who took part: leaders, agencies, the people of which blocks."),
    )
    participants_count = models.PositiveIntegerField(_("number of participants"), default=0)
    summary = models.TextField(_("summary of the conference"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participants_count__lte=MAX_CITIZENS), name="reception_dialogue_participants"
            )
        ]
        indexes = [models.Index(fields=["organizer", "held_on"], name="reception_dialogue_organizer")]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_unit(self) -> Unit:
        return self.organizer


class DialogueIssue(models.Model):
    """What the people raised at a dialogue, and the answer given there."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="issues")
    raised_by = models.CharField(
        _("raised by"), max_length=300, blank=True, help_text=_("e.g. Mr Nguyễn Văn A, An Thổ block")
    )
    content = models.TextField(_("issue raised"))
    answer = models.TextField(_("answer given"), blank=True)
    answered_by = models.CharField(_("answered by"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("issue raised")
        verbose_name_plural = _("issues raised")
        ordering = ["dialogue", "pk"]

    def __str__(self) -> str:
        return self.content[:80]

    @property
    def scope_unit(self) -> Unit:
        return self.dialogue.organizer


class Commitment(models.Model):
    """What was promised at a dialogue: the unit that owns it, by whom, by when."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="commitments")
    issue = models.ForeignKey(
        DialogueIssue,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("in answer to"),
    )
    content = models.TextField(_("commitment"))
    owner_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reception_commitments", verbose_name=_("unit in charge")
    )
    owner_person = models.CharField(
        _("person in charge"),
        max_length=200,
        blank=True,
        help_text=_("Name and title of who answers for it."),
    )
    due_on = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=CommitmentStatus.choices, default=CommitmentStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", done_on__isnull=False) | Q(status="open", done_on__isnull=True),
                name="reception_commitment_done_on",
            )
        ]
        indexes = [
            models.Index(fields=["status", "due_on"], name="reception_commitment_due"),
            models.Index(fields=["owner_unit", "status"], name="reception_commitment_owner"),
        ]

    def __str__(self) -> str:
        return self.content[:80]

    @property
    def scope_unit(self) -> Unit:
        return self.dialogue.organizer

    def is_overdue(self, today: date | None = None) -> bool:
        """Still open after its due date."""
        return self.status == CommitmentStatus.OPEN and self.due_on < (today or timezone.localdate())

    @property
    def overdue(self) -> bool:
        return self.is_overdue()


def overdue_q(today: date) -> Q:
    """`Commitment.is_overdue` as a filter."""
    return Q(status=CommitmentStatus.OPEN, due_on__lt=today)


class CommitmentFollowUp(models.Model):
    """One step of a commitment's follow-up: who, when, what was done (the commitment's log)."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="follow_ups")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    happened_on = models.DateField(_("date"), help_text=_("The day the work was done."))
    content = models.TextField(_("what was done"))

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["commitment", "at"], name="reception_followup_at")]

    def __str__(self) -> str:
        return f"{self.action} — {self.commitment_id}"
