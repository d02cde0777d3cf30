"""Input of the appraisal pages: validated here, written only by `services` (which checks again)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.appraisal.criteria_templates import TEMPLATES
from danvan.appraisal.models import AppraisalRound, Candidate, CriteriaSet, Criterion, CriterionKind, Rule
from danvan.appraisal.services import MAX_CRITERIA, MAX_SURVEYED
from danvan.appraisal.workflow import RoundStatus
from danvan.initiatives.forms import CountField, label_of
from danvan.initiatives.models import Holder
from danvan.orgs.models import Unit

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


def _textarea(rows: int = 3):
    return forms.Textarea(attrs={**TEXT, "rows": rows})


def decimal_field(label, *, low, high, required=True, help_text="", **kwargs):
    """A number with up to two decimals, typed with a comma or a point ("8,5" or "8.5")."""
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=low,
        max_value=high,
        max_digits=6,
        decimal_places=2,
        localize=True,
        help_text=help_text,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "decimal", "autocomplete": "off"}),
        **kwargs,
    )


# --- filters ----------------------------------------------------------------------------------


class SetFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name contains"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={**TEXT, "type": "search", "placeholder": _("with or without diacritics")}
        ),
    )
    holder = forms.ChoiceField(
        label=_("For"),
        required=False,
        choices=[("", _("All")), *Holder.choices],
        widget=forms.Select(attrs=SELECT),
    )
    versions = forms.ChoiceField(
        label=_("Versions"),
        required=False,
        choices=[("", _("Latest versions only")), ("all", _("All versions"))],
        widget=forms.Select(attrs=SELECT),
    )


class RoundFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name contains"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={**TEXT, "type": "search", "placeholder": _("with or without diacritics")}
        ),
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric"}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *RoundStatus.choices],
        widget=forms.Select(attrs=SELECT),
    )


# --- criteria sets -----------------------------------------------------------------------------


class SetFromTemplateForm(forms.Form):
    template = forms.ChoiceField(
        label=_("Template"),
        choices=[(t.code, t.name) for t in TEMPLATES.values()],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    issuing_unit = forms.ModelChoiceField(
        label=_("Issuing unit"), queryset=None, empty_label=None, widget=forms.Select(attrs=SELECT)
    )
    holder = forms.ChoiceField(
        label=_("For"),
        required=False,
        choices=[("", _("As in the template")), *Holder.choices],
        widget=forms.Select(attrs=SELECT),
    )
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=None,
        required=False,
        empty_label=_("All campaigns"),
        widget=forms.Select(attrs=SELECT),
    )
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=255,
        help_text=_("Leave empty to use the template's name."),
        widget=forms.TextInput(attrs=TEXT),
    )

    def __init__(self, *args, units=None, campaigns=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_unit"].queryset = units
        self.fields["campaign"].queryset = campaigns


class SetForm(forms.Form):
    name = forms.CharField(
        label=label_of(CriteriaSet, "name"), max_length=255, widget=forms.TextInput(attrs=TEXT)
    )
    description = forms.CharField(
        label=label_of(CriteriaSet, "description"), required=False, max_length=20000, widget=_textarea(3)
    )
    campaign = forms.ModelChoiceField(
        label=label_of(CriteriaSet, "campaign"),
        queryset=None,
        required=False,
        empty_label=_("All campaigns"),
        widget=forms.Select(attrs=SELECT),
    )
    rule = forms.ChoiceField(
        label=label_of(CriteriaSet, "rule"), choices=Rule.choices, widget=forms.Select(attrs=SELECT)
    )
    trim = forms.IntegerField(
        label=label_of(CriteriaSet, "trim"),
        min_value=0,
        max_value=5,
        help_text=CriteriaSet._meta.get_field("trim").help_text,
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric"}),
    )
    recognition_threshold = decimal_field(
        label_of(CriteriaSet, "recognition_threshold"),
        low=Decimal(0),
        high=Decimal(100),
        help_text=CriteriaSet._meta.get_field("recognition_threshold").help_text,
    )
    typical_threshold = decimal_field(
        label_of(CriteriaSet, "typical_threshold"),
        low=Decimal(0),
        high=Decimal(100),
        help_text=CriteriaSet._meta.get_field("typical_threshold").help_text,
    )
    reason = forms.CharField(
        label=_("Reason for the change"), required=False, max_length=2000, widget=forms.TextInput(attrs=TEXT)
    )

    def __init__(self, *args, campaigns=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns

    def clean(self):
        data = super().clean()
        low, high = data.get("recognition_threshold"), data.get("typical_threshold")
        if low is not None and high is not None and high < low:
            self.add_error(
                "typical_threshold",
                _("The threshold for typical cannot be lower than the threshold for recognition."),
            )
        return data


class CriterionForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(
        label=label_of(Criterion, "title"), max_length=300, widget=forms.TextInput(attrs=TEXT)
    )
    guidance = forms.CharField(label=label_of(Criterion, "guidance"), required=False, widget=_textarea(2))
    # initial values: an empty "new criterion" row left alone is unchanged, hence ignored
    kind = forms.ChoiceField(
        label=label_of(Criterion, "kind"),
        choices=CriterionKind.choices,
        initial=CriterionKind.POINTS,
        widget=forms.Select(attrs=SELECT),
    )
    max_points = decimal_field(label_of(Criterion, "max_points"), low=Decimal(0), high=Decimal(1000))
    weight = decimal_field(label_of(Criterion, "weight"), low=Decimal("0.01"), high=Decimal(100), initial=1)
    mandatory = forms.BooleanField(
        label=label_of(Criterion, "mandatory"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if data.get("mandatory") and kind and kind != CriterionKind.PASS_FAIL:
            self.add_error("mandatory", _("Only a pass-or-fail criterion can be mandatory."))
        if kind and kind != CriterionKind.PASS_FAIL and data.get("max_points") == 0:
            self.add_error("max_points", _("A criterion scored in points needs a maximum above 0."))
        return data


CriteriaFormSet = forms.formset_factory(
    CriterionForm,
    extra=1,
    can_delete=True,
    can_order=True,
    max_num=MAX_CRITERIA,
    validate_max=True,
    min_num=1,
    validate_min=True,
)


def criteria_rows(formset) -> list[dict]:
    """The kept criteria of a valid formset, in the order chosen (then as listed)."""
    kept = [f for f in formset.ordered_forms] if formset.can_order else list(formset.forms)
    rows = []
    for form in kept:
        if not form.cleaned_data or form.cleaned_data.get("DELETE"):
            continue
        data = form.cleaned_data
        rows.append(
            {
                key: data.get(key)
                for key in ("id", "title", "guidance", "kind", "max_points", "weight", "mandatory")
            }
        )
    return rows


# --- rounds ----------------------------------------------------------------------------------------


class RoundForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=label_of(AppraisalRound, "unit"),
        queryset=None,
        empty_label=None,
        widget=forms.Select(attrs=SELECT),
    )
    name = forms.CharField(
        label=label_of(AppraisalRound, "name"), max_length=255, widget=forms.TextInput(attrs=TEXT)
    )
    year = forms.IntegerField(
        label=label_of(AppraisalRound, "year"),
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric"}),
    )
    campaign = forms.ModelChoiceField(
        label=label_of(AppraisalRound, "campaign"),
        queryset=None,
        required=False,
        empty_label="—",
        widget=forms.Select(attrs=SELECT),
    )
    collective_set = forms.ModelChoiceField(
        label=label_of(AppraisalRound, "collective_set"),
        queryset=None,
        required=False,
        empty_label="—",
        widget=forms.Select(attrs=SELECT),
    )
    individual_set = forms.ModelChoiceField(
        label=label_of(AppraisalRound, "individual_set"),
        queryset=None,
        required=False,
        empty_label="—",
        widget=forms.Select(attrs=SELECT),
    )
    note = forms.CharField(
        label=label_of(AppraisalRound, "note"), required=False, max_length=20000, widget=_textarea(2)
    )

    def __init__(self, *args, units=None, campaigns=None, sets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["campaign"].queryset = campaigns
        self.fields["collective_set"].queryset = sets.filter(holder=Holder.COLLECTIVE)
        self.fields["individual_set"].queryset = sets.filter(holder=Holder.INDIVIDUAL)

    def clean(self):
        data = super().clean()
        if not data.get("collective_set") and not data.get("individual_set"):
            raise forms.ValidationError(
                _("Choose the criteria for collective models, for individual exemplars, or both.")
            )
        return data


class RoundEditForm(RoundForm):
    """The header of a draft round; its unit does not change."""

    def __init__(self, *args, campaigns=None, sets=None, **kwargs):
        super().__init__(*args, units=Unit.objects.none(), campaigns=campaigns, sets=sets, **kwargs)
        del self.fields["unit"]


class SurveyForm(forms.Form):
    surveyed = CountField(
        label=label_of(Candidate, "surveyed"),
        min_value=1,
        max_value=MAX_SURVEYED,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric"}),
    )
    satisfied_share = decimal_field(label_of(Candidate, "satisfied_share"), low=Decimal(0), high=Decimal(100))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.TextInput(attrs=TEXT))


class AppointForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=None, widget=forms.Select(attrs=SELECT))
    position = forms.ChoiceField(label=_("Position"), choices=(), widget=forms.Select(attrs=SELECT))

    def __init__(self, *args, users=None, **kwargs):
        from danvan.appraisal.workflow import Position

        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["user"].label_from_instance = lambda u: (
            f"{u.person.full_name} ({u.get_username()})" if hasattr(u, "person") else u.get_username()
        )
        self.fields["position"].choices = Position.choices


PASS_CHOICES = [("", "—"), ("yes", _("Passed")), ("no", _("Not passed"))]


class ScorecardForm(forms.Form):
    """One field per criterion the member scores (`c<id>`), and the comment."""

    comment = forms.CharField(label=_("Comment"), required=False, max_length=20000, widget=_textarea(3))

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = [c for c in criteria if c.scored_by_members]
        for criterion in self.criteria:
            name = f"c{criterion.pk}"
            if criterion.kind == CriterionKind.PASS_FAIL:
                self.fields[name] = forms.ChoiceField(
                    label=criterion.title,
                    required=False,
                    choices=PASS_CHOICES,
                    widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                )
            else:
                self.fields[name] = decimal_field(
                    criterion.title, low=Decimal(0), high=criterion.max_points, required=False
                )
            self.fields[name].criterion = criterion

    def criterion_fields(self):
        return [self[f"c{c.pk}"] for c in self.criteria]

    def scores(self) -> dict:
        """criterion id -> points, True/False, or None (blank)."""
        result = {}
        for criterion in self.criteria:
            value = self.cleaned_data.get(f"c{criterion.pk}")
            if criterion.kind == CriterionKind.PASS_FAIL:
                result[criterion.pk] = {"yes": True, "no": False}.get(value)
            else:
                result[criterion.pk] = value
        return result
