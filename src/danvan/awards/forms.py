"""Input of the decision pages: validated here, written only by `services`."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.awards.models import AwardForm, AwardGrade, Decision, Proposal, Recipients
from danvan.awards.workflow import DecisionKind, DecisionStatus, ProposalStatus
from danvan.geo.models import AreaLevel
from danvan.initiatives.forms import DayField, label_of
from danvan.initiatives.models import Holder

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


def _textarea(rows: int = 3):
    return forms.Textarea(attrs={**TEXT, "rows": rows})


def _year(label=None, required=False, initial=None):
    return forms.IntegerField(
        label=label or _("Year"),
        required=required,
        min_value=2000,
        max_value=2100,
        initial=initial,
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric", "placeholder": _("All")}),
    )


class FilterForm(forms.Form):
    q = forms.CharField(
        label=_("Number or subject"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={**TEXT, "type": "search", "autocomplete": "off"}),
    )
    within = forms.ModelChoiceField(
        label=_("Issued in"),
        queryset=None,
        required=False,
        empty_label=_("All units I see"),
        widget=forms.Select(attrs=SELECT),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All")), *DecisionKind.choices],
        widget=forms.Select(attrs=SELECT),
    )
    year = _year()
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *DecisionStatus.choices],
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args, units=None, unit_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["within"].queryset = units
        self.fields["within"].widget.choices = [
            ("", _("All units I see")),
            *((u.pk, u.name) for u in unit_choices),
        ]

    def values(self) -> dict:
        """The filters that are valid (a bad one is ignored and shown as an error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {}) or {}
        return {k: v for k, v in data.items() if v not in (None, "")}


class NewDecisionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=DecisionKind.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    level = forms.ModelChoiceField(
        label=pgettext_lazy("decision", "At the level of"),
        queryset=None,
        widget=forms.Select(attrs=SELECT),
        help_text=_("The unit whose authority the decision exercises: everything it lists lies under it."),
    )
    award_form = forms.ModelChoiceField(
        label=_("Award form (commendation)"),
        queryset=None,
        required=False,
        widget=forms.Select(attrs=SELECT),
        empty_label=_("— choose for a commendation —"),
    )
    date = DayField(label=_("Date of the decision"), initial=timezone.localdate)

    def __init__(self, *args, levels=(), forms_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = self.level_queryset = levels
        self.fields["award_form"].queryset = forms_qs if forms_qs is not None else AwardForm.objects.none()

    def clean(self):
        data = super().clean()
        if data.get("kind") == DecisionKind.COMMENDATION and not data.get("award_form"):
            self.add_error("award_form", _("Choose the award form the decision grants."))
        return data


class DecisionForm(forms.ModelForm):
    """The header of a draft decision, as its document prints it."""

    date = DayField(label=label_of(Decision, "date"))
    reason = forms.CharField(
        label=_("Why (kept in the history)"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs=TEXT),
    )

    class Meta:
        model = Decision
        fields = [
            "issuing_body",
            "number",
            "issuer_code",
            "date",
            "award_form",
            "subject",
            "superior_heading",
            "issuer_heading",
            "bases",
            "citation",
            "executors",
            "signer_authority",
            "signer_position",
            "signer_name",
            "recipients",
            "archive",
        ]
        widgets = {
            "issuing_body": forms.Select(attrs=SELECT),
            "award_form": forms.Select(attrs=SELECT),
            "number": forms.NumberInput(attrs={**TEXT, "inputmode": "numeric", "min": 1}),
            "issuer_code": forms.TextInput(attrs={**TEXT, "autocapitalize": "characters"}),
            "subject": _textarea(2),
            "superior_heading": forms.TextInput(attrs=TEXT),
            "issuer_heading": forms.TextInput(attrs=TEXT),
            "bases": _textarea(4),
            "citation": _textarea(2),
            "executors": forms.TextInput(attrs=TEXT),
            "signer_authority": forms.TextInput(attrs={**TEXT, "placeholder": "K/T TRƯỞNG BAN"}),
            "signer_position": forms.TextInput(attrs={**TEXT, "placeholder": "PHÓ TRƯỞNG BAN"}),
            "signer_name": forms.TextInput(attrs=TEXT),
            "recipients": _textarea(4),
            "archive": forms.TextInput(attrs=TEXT),
        }

    def __init__(self, *args, bodies=(), forms_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [u.pk for u in bodies]
        self.fields["issuing_body"].queryset = self.fields["issuing_body"].queryset.filter(pk__in=ids)
        self.fields["issuing_body"].widget.choices = [(u.pk, u.name) for u in bodies]
        self.fields["issuing_body"].empty_label = None
        self.fields["number"].required = False
        for name in ("signer_position", "signer_name"):
            self.fields[name].required = False  # required to issue, not to save a draft
        if self.instance.kind == DecisionKind.RECOGNITION:
            del self.fields["award_form"]
            del self.fields["citation"]
        else:
            self.fields["award_form"].queryset = (
                forms_qs if forms_qs is not None else AwardForm.objects.none()
            )
            self.fields["award_form"].empty_label = None

    def header_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "reason"}


class MarkForm(forms.Form):
    typical = forms.BooleanField(required=False)
    proposed = forms.BooleanField(required=False)


class ProposalForm(forms.ModelForm):
    occasion_date = DayField(label=label_of(Proposal, "occasion_date"), required=False)

    class Meta:
        model = Proposal
        fields = [
            "year",
            "award_form",
            "holder",
            "recipient_unit",
            "recipient_name",
            "recipient_position",
            "initiative",
            "campaign",
            "occasion",
            "occasion_date",
            "achievements",
        ]
        widgets = {
            "year": forms.NumberInput(attrs={**TEXT, "inputmode": "numeric", "min": 2000, "max": 2100}),
            "award_form": forms.Select(attrs=SELECT),
            "holder": forms.RadioSelect(attrs={"class": "form-check-input"}),
            "recipient_unit": forms.Select(attrs=SELECT),
            "recipient_name": forms.TextInput(attrs=TEXT),
            "recipient_position": forms.TextInput(attrs=TEXT),
            "initiative": forms.Select(attrs=SELECT),
            "campaign": forms.Select(attrs=SELECT),
            "occasion": forms.TextInput(attrs={**TEXT, "list": "occasions"}),
            "achievements": _textarea(4),
        }

    def __init__(self, *args, award_forms=None, units=None, initiatives=None, campaigns=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_form"].queryset = award_forms
        self.fields["award_form"].empty_label = _("— choose —")
        self.fields["recipient_unit"].queryset = units
        self.fields["recipient_unit"].required = False
        self.fields["recipient_unit"].empty_label = _("— an individual, or a collective not listed —")
        self.fields["recipient_name"].required = False
        self.fields["initiative"].queryset = initiatives
        self.fields["initiative"].empty_label = _("— none —")
        self.fields["campaign"].queryset = campaigns
        self.fields["campaign"].empty_label = _("— none —")
        self.fields["holder"].choices = Holder.choices


class ProposalFilterForm(forms.Form):
    year = _year()
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *ProposalStatus.choices],
        widget=forms.Select(attrs=SELECT),
    )

    def values(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {}) or {}
        return {k: v for k, v in data.items() if v not in (None, "")}


class AwardFormForm(forms.ModelForm):
    class Meta:
        model = AwardForm
        fields = ["name", "grade", "issuer_type", "level", "recipients", "basis", "sort_order", "active"]
        widgets = {
            "name": forms.TextInput(attrs=TEXT),
            "grade": forms.Select(attrs=SELECT),
            "issuer_type": forms.Select(attrs=SELECT),
            "level": forms.Select(attrs=SELECT),
            "recipients": forms.Select(attrs=SELECT),
            "basis": forms.TextInput(attrs=TEXT),
            "sort_order": forms.NumberInput(attrs={**TEXT, "min": 0}),
            "active": forms.CheckboxInput(attrs={"class": "form-check-input"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = AwardGrade.choices
        self.fields["recipients"].choices = Recipients.choices
        self.fields["level"].choices = [
            (AreaLevel.PROVINCE, _("Province")),
            (AreaLevel.COMMUNE, _("Commune")),
        ]
