"""Input of the reception and dialogue pages: validated here, written only by `services`."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.initiatives.forms import SELECT, TEXT, CountField, DayField, label_of
from danvan.reception import rules
from danvan.reception.models import (
    MAX_CITIZENS,
    AdHocReason,
    Commitment,
    Dialogue,
    DialogueIssue,
    Presider,
    ReceptionSchedule,
    ReceptionSession,
    SessionKind,
)
from danvan.reception.rules import HeadPosition
from danvan.reception.workflow import CommitmentStatus, SessionStatus

CHECK = {"class": "form-check-input"}


def _textarea(rows: int = 3):
    return forms.Textarea(attrs={**TEXT, "rows": rows})


def _count(label, help_text=""):
    return CountField(
        label=label,
        required=False,
        min_value=0,
        max_value=MAX_CITIZENS,
        help_text=help_text,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric"}),
    )


def _reason(required: bool = False):
    return forms.CharField(
        label=_("Reason for the change"),
        required=required,
        max_length=2000,
        widget=forms.TextInput(attrs={**TEXT, "autocomplete": "off"}),
    )


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class _Filters(forms.Form):
    def values(self) -> dict:
        """The filters that are valid (a bad one is ignored and shown as an error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {}) or {}
        return {key: value for key, value in data.items() if value not in (None, "", False)}


def _within_field():
    return UnitChoiceField(
        label=_("Unit and its subordinates"), queryset=None, required=False, widget=forms.Select(attrs=SELECT)
    )


def _year_field():
    return forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric", "placeholder": _("All")}),
    )


class SessionFilterForm(_Filters):
    within = _within_field()
    year = _year_field()
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All")), *SessionKind.choices],
        widget=forms.Select(attrs=SELECT),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *SessionStatus.choices],
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["within"].queryset = units


class DialogueFilterForm(_Filters):
    within = _within_field()
    year = _year_field()

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["within"].queryset = units


class ComplianceForm(_Filters):
    within = _within_field()
    period = forms.CharField(
        label=_("Period"),
        required=False,
        max_length=10,
        help_text=_("2026-04 (a month), 2026-Q2 (a quarter) or 2026 (a year)."),
        widget=forms.TextInput(attrs={**TEXT, "placeholder": "2026-04"}),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["within"].queryset = units


# --- schedules ------------------------------------------------------------------------------------


class ScheduleForm(forms.ModelForm):
    """A head's reception schedule (services check the rules and the permission)."""

    unit = UnitChoiceField(
        label=_("Unit"), queryset=None, empty_label=None, widget=forms.Select(attrs=SELECT)
    )
    weekdays = forms.MultipleChoiceField(
        label=_("Weekdays"),
        required=False,
        choices=rules.WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple(attrs=CHECK),
    )
    weeks_of_month = forms.MultipleChoiceField(
        label=_("Weeks of the month"),
        required=False,
        choices=rules.WEEK_OF_MONTH_CHOICES,
        widget=forms.CheckboxSelectMultiple(attrs=CHECK),
        help_text=_("None: every week. The 3rd: the third such weekday of the month."),
    )
    days_of_month = forms.CharField(
        label=_("Or days of the month"),
        required=False,
        max_length=100,
        help_text=_("e.g. 15, or 10, 25 — instead of weekdays."),
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric"}),
    )
    minimum_days = forms.IntegerField(
        label=label_of(ReceptionSchedule, "minimum_days"),
        required=False,
        min_value=0,
        max_value=31,
        help_text=_("Empty: the legal minimum of the position. It may only be raised."),
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric", "min": 0, "max": 31}),
    )
    valid_from = DayField(label=_("In force from"))
    valid_until = DayField(label=_("In force until"), required=False)

    class Meta:
        model = ReceptionSchedule
        fields = ["position", "person", "head_name", "head_title", "place", "note"]
        widgets = {
            "position": forms.Select(attrs=SELECT),
            "person": forms.Select(attrs=SELECT),
            "head_name": forms.TextInput(attrs={**TEXT, "autocomplete": "off"}),
            "head_title": forms.TextInput(attrs={**TEXT, "autocomplete": "off"}),
            "place": forms.TextInput(attrs=TEXT),
            "note": _textarea(2),
        }
        help_texts = {
            "head_title": _("e.g. Chair of the ward People's Committee"),
            "place": _("e.g. the citizen reception room of the ward People's Committee"),
        }

    def __init__(self, *args, units=(), unit_queryset=None, people=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].choices = [("", _("— choose the position —")), *HeadPosition.choices]
        self.fields["person"].queryset = people
        self.fields["person"].empty_label = _("— not in the list: enter the name below —")
        self.fields["person"].label_from_instance = lambda p: f"{p.full_name} — {p.position or p.unit.name}"
        if editing:
            del self.fields["unit"]
            self.fields["reason"] = _reason(required=True)
            instance = self.instance
            self.initial.update(
                {
                    "weekdays": [str(d) for d in rules.parse_numbers(instance.weekdays, 0, 6)],
                    "weeks_of_month": [str(w) for w in rules.parse_numbers(instance.weeks_of_month, 1, 4)],
                    "days_of_month": instance.days_of_month.replace(",", ", "),
                    "minimum_days": instance.minimum_days,
                    "valid_from": instance.valid_from,
                    "valid_until": instance.valid_until,
                }
            )
        else:
            self.fields["unit"].queryset = unit_queryset
            self.fields["unit"].widget.choices = [(u.pk, u.name) for u in units]

    def schedule_data(self) -> dict:
        data = self.cleaned_data
        return {
            "position": data["position"],
            "person": data.get("person"),
            "head_name": data.get("head_name", ""),
            "head_title": data.get("head_title", ""),
            "minimum_days": data.get("minimum_days"),
            "weekdays": ",".join(data.get("weekdays") or []),
            "weeks_of_month": ",".join(data.get("weeks_of_month") or []),
            "days_of_month": data.get("days_of_month", ""),
            "place": data.get("place", ""),
            "valid_from": data["valid_from"],
            "valid_until": data.get("valid_until"),
            "note": data.get("note", ""),
        }


# --- sessions -------------------------------------------------------------------------------------

ENTRY_CHOICES = [
    (SessionStatus.HELD, _("It was held")),
    (SessionStatus.NOT_HELD, _("It was not held")),
    (SessionStatus.PLANNED, _("It is planned")),
]


class SessionForm(forms.Form):
    """A session: of a schedule (periodic) or ad hoc, entered as held, not held or planned."""

    schedule = forms.ModelChoiceField(
        label=_("Schedule"), queryset=None, required=False, widget=forms.Select(attrs=SELECT)
    )
    unit = UnitChoiceField(label=_("Unit"), queryset=None, required=False, widget=forms.Select(attrs=SELECT))
    kind = forms.ChoiceField(
        label=label_of(ReceptionSession, "kind"),
        choices=SessionKind.choices,
        widget=forms.RadioSelect(attrs=CHECK),
    )
    ad_hoc_reason = forms.ChoiceField(
        label=label_of(ReceptionSession, "ad_hoc_reason"),
        required=False,
        choices=[("", "—"), *AdHocReason.choices],
        widget=forms.Select(attrs=SELECT),
    )
    held_on = DayField(label=label_of(ReceptionSession, "held_on"))
    status = forms.ChoiceField(
        label=_("The reception session"),
        choices=ENTRY_CHOICES,
        initial=SessionStatus.HELD,
        widget=forms.RadioSelect(attrs=CHECK),
    )
    presided_by = forms.ChoiceField(
        label=label_of(ReceptionSession, "presided_by"),
        required=False,
        choices=[("", "—"), *Presider.choices],
        widget=forms.Select(attrs=SELECT),
        help_text=_("Only a session presided by the head in person counts for compliance."),
    )
    presider_name = forms.CharField(
        label=label_of(ReceptionSession, "presider_name"),
        required=False,
        max_length=160,
        help_text=_("The deputy's name and title."),
        widget=forms.TextInput(attrs=TEXT),
    )
    citizens_count = _count(label_of(ReceptionSession, "citizens_count"))
    place = forms.CharField(
        label=label_of(ReceptionSession, "place"),
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs=TEXT),
    )
    notes = forms.CharField(label=_("Notes"), required=False, max_length=20_000, widget=_textarea(3))
    comment = forms.CharField(
        label=_("Reason it was not held"), required=False, max_length=5000, widget=_textarea(2)
    )

    def __init__(self, *args, schedules=None, units=(), unit_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schedule"].queryset = schedules
        self.fields["schedule"].label_from_instance = lambda s: f"{s.head} — {s.unit.name}"
        self.fields["schedule"].empty_label = _("— none (an ad hoc session of the unit below) —")
        self.fields["unit"].queryset = unit_queryset
        self.fields["unit"].widget.choices = [("", "—"), *((u.pk, u.name) for u in units)]

    def clean(self):
        data = super().clean()
        if data.get("kind") == SessionKind.SCHEDULED and not data.get("schedule"):
            self.add_error("schedule", _("A periodic session belongs to a schedule: choose it."))
        if not data.get("schedule") and not data.get("unit"):
            self.add_error("unit", _("Choose the schedule of the session, or the unit of an ad hoc session."))
        return data

    def session_data(self) -> dict:
        data = self.cleaned_data
        return {
            "ad_hoc_reason": data.get("ad_hoc_reason") or "",
            "held_on": data["held_on"],
            "place": data.get("place", ""),
            "presided_by": data.get("presided_by") or "",
            "presider_name": data.get("presider_name", ""),
            "citizens_count": data.get("citizens_count") or 0,
            "notes": data.get("notes", ""),
        }


class SessionEditForm(forms.ModelForm):
    held_on = DayField(label=label_of(ReceptionSession, "held_on"))
    citizens_count = _count(label_of(ReceptionSession, "citizens_count"))
    reason = _reason()

    class Meta:
        model = ReceptionSession
        fields = [
            "ad_hoc_reason",
            "held_on",
            "place",
            "presided_by",
            "presider_name",
            "citizens_count",
            "notes",
        ]
        widgets = {
            "ad_hoc_reason": forms.Select(attrs=SELECT),
            "place": forms.TextInput(attrs=TEXT),
            "presided_by": forms.Select(attrs=SELECT),
            "presider_name": forms.TextInput(attrs=TEXT),
            "notes": _textarea(4),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.kind != SessionKind.AD_HOC:
            del self.fields["ad_hoc_reason"]

    def session_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("reason", None)
        data["citizens_count"] = data.get("citizens_count") or 0
        return data


class SessionTransitionForm(forms.Form):
    comment = forms.CharField(required=False, max_length=5000, widget=_textarea(2))
    presided_by = forms.ChoiceField(required=False, choices=[("", "—"), *Presider.choices])
    presider_name = forms.CharField(required=False, max_length=160)
    citizens_count = CountField(required=False, min_value=0, max_value=MAX_CITIZENS)
    held_on = DayField(required=False)


# --- dialogues ------------------------------------------------------------------------------------


class DialogueForm(forms.ModelForm):
    organizer = UnitChoiceField(
        label=_("Organizing unit"), queryset=None, empty_label=None, widget=forms.Select(attrs=SELECT)
    )
    front = UnitChoiceField(
        label=label_of(Dialogue, "front"), queryset=None, required=False, widget=forms.Select(attrs=SELECT)
    )
    held_on = DayField(label=label_of(Dialogue, "held_on"))
    participants_count = _count(label_of(Dialogue, "participants_count"))

    class Meta:
        model = Dialogue
        fields = ["title", "place", "chaired_by", "participants", "summary"]
        widgets = {
            "title": forms.TextInput(attrs={**TEXT, "autocomplete": "off"}),
            "place": forms.TextInput(attrs=TEXT),
            "chaired_by": forms.TextInput(attrs=TEXT),
            "participants": _textarea(2),
            "summary": _textarea(4),
        }
        help_texts = {"title": _("e.g. Dialogue between the heads of the ward and the people, 2026")}

    def __init__(
        self,
        *args,
        organizers=(),
        organizer_queryset=None,
        fronts=(),
        front_queryset=None,
        editing=False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["front"].queryset = front_queryset
        self.fields["front"].widget.choices = [("", "—"), *((u.pk, u.name) for u in fronts)]
        if editing:
            del self.fields["organizer"]
            self.fields["reason"] = _reason()
            self.initial.update(
                {
                    "front": self.instance.front_id,
                    "held_on": self.instance.held_on,
                    "participants_count": self.instance.participants_count,
                }
            )
        else:
            self.fields["organizer"].queryset = organizer_queryset
            self.fields["organizer"].widget.choices = [(u.pk, u.name) for u in organizers]
            self.initial.setdefault("held_on", timezone.localdate())

    def dialogue_data(self) -> dict:
        data = self.cleaned_data
        return {
            "front": data.get("front"),
            "title": data["title"],
            "held_on": data["held_on"],
            "place": data.get("place", ""),
            "chaired_by": data.get("chaired_by", ""),
            "participants": data.get("participants", ""),
            "participants_count": data.get("participants_count") or 0,
            "summary": data.get("summary", ""),
        }


class IssueForm(forms.ModelForm):
    class Meta:
        model = DialogueIssue
        fields = ["raised_by", "content", "answer", "answered_by"]
        widgets = {
            "raised_by": forms.TextInput(attrs=TEXT),
            "content": _textarea(2),
            "answer": _textarea(2),
            "answered_by": forms.TextInput(attrs=TEXT),
        }


class CommitmentForm(forms.ModelForm):
    owner_unit = UnitChoiceField(
        label=label_of(Commitment, "owner_unit"),
        queryset=None,
        empty_label=None,
        widget=forms.Select(attrs=SELECT),
    )
    due_on = DayField(label=label_of(Commitment, "due_on"))

    class Meta:
        model = Commitment
        fields = ["content", "issue", "owner_person"]
        widgets = {
            "content": _textarea(2),
            "issue": forms.Select(attrs=SELECT),
            "owner_person": forms.TextInput(attrs=TEXT),
        }

    def __init__(self, *args, dialogue=None, owners=(), owner_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issue"].queryset = (
            dialogue.issues.all() if dialogue is not None else DialogueIssue.objects.none()
        )
        self.fields["issue"].label_from_instance = lambda i: i.content[:90]
        self.fields["issue"].empty_label = "—"
        self.fields["owner_unit"].queryset = owner_queryset
        self.fields["owner_unit"].widget.choices = [(u.pk, u.name) for u in owners]

    def commitment_data(self) -> dict:
        data = self.cleaned_data
        return {
            "content": data["content"],
            "issue": data.get("issue"),
            "owner_unit": data["owner_unit"],
            "owner_person": data.get("owner_person", ""),
            "due_on": data["due_on"],
        }


class FollowUpForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("progress", "progress"), ("complete", "complete"), ("reopen", "reopen")]
    )
    content = forms.CharField(
        label=_("What was done"), required=False, max_length=20_000, widget=_textarea(2)
    )
    happened_on = DayField(label=_("On"), required=False)


STATUS_STYLES = {
    SessionStatus.PLANNED: "text-bg-warning",
    SessionStatus.HELD: "text-bg-success",
    SessionStatus.NOT_HELD: "text-bg-secondary",
    CommitmentStatus.OPEN: "text-bg-warning",
    CommitmentStatus.DONE: "text-bg-success",
}
