"""Input of the hot spot pages: validated here, written only by `services`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.orgs.models import Unit
from danvan.petitions.models import HotSpotStatus
from danvan.petitions.services import MAX_TEXT

SELECT = {"class": "form-select"}
TEXT = {"class": "form-control"}
CHECK = {"class": "form-check-input"}


class FilterForm(forms.Form):
    within = forms.ModelChoiceField(
        label=_("Unit and its subordinates"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *HotSpotStatus.choices],
        widget=forms.Select(attrs=SELECT),
    )
    q = forms.CharField(
        label=_("Commune or ward"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={**TEXT, "type": "search", "placeholder": _("Name, with or without accents")}
        ),
    )

    def __init__(self, *args, units=None, within_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if within_queryset is not None:
            self.fields["within"].queryset = within_queryset
        self.fields["within"].widget.choices = [(u.pk, u.name) for u in units or ()]

    def values(self) -> dict:
        """The valid filters (a bad one is ignored and shown as an error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {}) or {}
        return {key: value for key, value in data.items() if value not in (None, "")}


class DeclareForm(forms.Form):
    """Declare a hot spot: the commune or ward, the unit responsible for it, why, and the petitions
    about it."""

    area = forms.ModelChoiceField(
        label=_("Commune or ward"),
        queryset=None,
        widget=forms.Select(attrs=SELECT),
        error_messages={"invalid_choice": _("Choose a commune or ward in force in your units' areas.")},
    )
    unit = forms.ModelChoiceField(
        label=_("Responsible unit"),
        queryset=None,
        widget=forms.Select(attrs=SELECT),
        help_text=_("A unit of that commune or ward, or above it, in which you may declare hot spots."),
        error_messages={"invalid_choice": _("Choose a unit responsible for this commune or ward.")},
    )
    reason = forms.CharField(
        label=_("Why it is a hot spot"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={**TEXT, "rows": 5}),
        help_text=_(
            "What is happening: mass or protracted complaints, gatherings, risk to security and order."
        ),
    )
    petitions = forms.TypedMultipleChoiceField(
        label=_("Petitions about this area"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECK),
        help_text=_("The petitions that made it a hot spot (optional)."),
    )

    def __init__(self, *args, areas, units, petitions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["area"].empty_label = _("— choose —")
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = _("— choose —")
        self.fields["petitions"].choices = [
            (p.pk, f"{p.code} · {p.get_kind_display()} · {p.subject} ({p.get_status_display().lower()})")
            for p in petitions
        ]


class ClearForm(forms.Form):
    reason = forms.CharField(
        label=_("How it was resolved"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={**TEXT, "rows": 4}),
        help_text=_("What was done and why the area is no longer a hot spot."),
    )
