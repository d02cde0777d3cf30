"""Input of the training pages: validated here, written only by `services`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.initiatives.forms import SELECT, TEXT, CountField, DayField, label_of
from danvan.orgs.models import Campaign
from danvan.training.materials import ACCEPT
from danvan.training.models import (
    MAX_ATTENDANCE,
    Attendee,
    AttendeeGroup,
    Material,
    TrainingLevel,
    TrainingSession,
    TrainingTopic,
)
from danvan.training.services import SESSION_FIELDS
from danvan.training.workflow import SessionStatus


def count_name(group: str) -> str:
    return f"count_{group}"


class SessionForm(forms.ModelForm):
    """What a session is, and how many people of each group attend(ed)."""

    held_on = DayField(
        label=label_of(TrainingSession, "held_on"),
        help_text=TrainingSession._meta.get_field("held_on").help_text,
    )
    ends_on = DayField(
        label=label_of(TrainingSession, "ends_on"),
        required=False,
        help_text=TrainingSession._meta.get_field("ends_on").help_text,
    )

    class Meta:
        model = TrainingSession
        fields = list(SESSION_FIELDS)
        widgets = {
            "title": forms.TextInput(attrs={**TEXT, "autocomplete": "off"}),
            "topic": forms.Select(attrs=SELECT),
            "place": forms.TextInput(attrs=TEXT),
            "trainers": forms.TextInput(attrs=TEXT),
            "format": forms.Select(attrs=SELECT),
            "campaign": forms.Select(attrs=SELECT),
            "content": forms.Textarea(attrs={**TEXT, "rows": 4}),
        }
        help_texts = {
            "title": _("e.g. Training on the method of building “Skillful Mass Mobilization” models, 2026")
        }

    def __init__(self, *args, organizers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("— choose a topic —")), *TrainingTopic.choices]
        # campaigns launched by an organizer offered or a unit above it (services check the pair)
        paths = {path for unit in organizers for path in [*unit.ancestor_paths(), unit.path]}
        self.fields["campaign"].queryset = Campaign.objects.filter(issuing_unit__path__in=paths).order_by(
            "-start_date", "name"
        )
        self.fields["campaign"].empty_label = _("— none —")
        for group, label in AttendeeGroup.choices:
            self.fields[count_name(group)] = CountField(
                label=label,
                required=False,
                min_value=0,
                max_value=MAX_ATTENDANCE,
                widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric"}),
            )

    def count_fields(self):
        return [self[count_name(group)] for group in AttendeeGroup.values]

    def session_data(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in SESSION_FIELDS}

    def counts(self) -> dict:
        return {group: self.cleaned_data.get(count_name(group)) for group in AttendeeGroup.values}


class NewSessionForm(SessionForm):
    organizer = forms.ModelChoiceField(
        label=_("Organizing unit"),
        queryset=None,
        empty_label=None,
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args, organizers=(), organizer_queryset=None, **kwargs):
        super().__init__(*args, organizers=organizers, **kwargs)
        field = self.fields["organizer"]
        field.queryset = organizer_queryset
        field.widget.choices = [(u.pk, u.name) for u in organizers]


class EditSessionForm(SessionForm):
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={**TEXT, "placeholder": _("Why is this change made?")}),
    )


class FilterForm(forms.Form):
    q = forms.CharField(
        label=_("Title contains"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={
                **TEXT,
                "type": "search",
                "placeholder": _("with or without diacritics"),
                "autocomplete": "off",
            }
        ),
    )
    within = forms.ModelChoiceField(
        label=_("Unit and its subordinates"), queryset=None, required=False, widget=forms.Select(attrs=SELECT)
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric", "placeholder": _("All")}),
    )
    topic = forms.ChoiceField(
        label=_("Topic"),
        required=False,
        choices=[("", _("All")), *TrainingTopic.choices],
        widget=forms.Select(attrs=SELECT),
    )
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("All")), *TrainingLevel.choices],
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

    def values(self) -> dict:
        """The filters that are valid (a bad one is ignored and shown as an error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {}) or {}
        return {key: value for key, value in data.items() if value not in (None, "")}


class AttendeeForm(forms.ModelForm):
    class Meta:
        model = Attendee
        fields = ["person", "full_name", "position", "unit_name", "group"]
        widgets = {
            "person": forms.Select(attrs=SELECT),
            "full_name": forms.TextInput(attrs={**TEXT, "autocomplete": "off"}),
            "position": forms.TextInput(attrs=TEXT),
            "unit_name": forms.TextInput(attrs=TEXT),
            "group": forms.Select(attrs=SELECT),
        }

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # what may be chosen; the view offers a short list
        self.fields["person"].label = _("Person known to the system")
        self.fields["full_name"].required = False
        self.fields["full_name"].help_text = _("Filled in from the person chosen above when left empty.")
        self.fields["group"].required = False
        self.fields["group"].choices = [("", _("— from the person's unit —")), *AttendeeGroup.choices]

    def clean(self):
        data = super().clean()
        if not data.get("person") and not (data.get("full_name") or "").strip():
            self.add_error("full_name", _("Enter the name of the attendee."))
        if not data.get("person") and not data.get("group"):
            self.add_error("group", _("Choose the group of the attendee."))
        return data

    def attendee_data(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in self.Meta.fields}


class MaterialForm(forms.Form):
    title = forms.CharField(
        label=label_of(Material, "title"),
        required=False,
        max_length=255,
        widget=forms.TextInput(
            attrs={**TEXT, "placeholder": _("e.g. Lecture slides; the file name if empty")}
        ),
    )
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ACCEPT}),
    )


class TransitionForm(forms.Form):
    comment = forms.CharField(required=False, max_length=2000)
    held_on = DayField(required=False)
