"""Input of the targets and scorecard pages: validated here, written only by `services`."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.initiatives.forms import SELECT, TEXT, CountField, DayField, label_of
from danvan.metrics import registry
from danvan.orgs.models import UnitType
from danvan.targets.models import (
    MAX_COUNT,
    MAX_YEAR,
    MIN_YEAR,
    Comparison,
    MilestoneRecord,
    Scoring,
    Target,
    TargetKind,
)
from danvan.targets.services import TARGET_FIELDS, item_sources, period_end, period_label
from danvan.targets.status import Status

ITEM_ROWS = 8  # item rows on the scorecard form
UNITS_SHOWN = 500  # units offered in a select


class NumberField(forms.Field):
    """A number typed as Vietnamese write it: "70", "70,5", "1.000", "1.000,5"."""

    default_error_messages = {"invalid": _("Enter a number, e.g. 70 or 70,5.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={**TEXT, "inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        text = re.sub(r"\s|%", "", str(value or ""))
        if not text:
            return None
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
            text = text.replace(".", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not number.is_finite():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            text = f"{value.normalize():f}"
            return text.replace(".", ",")
        return value


def _year(label, initial=None, required=True):
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        initial=initial,
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric", "min": MIN_YEAR, "max": MAX_YEAR}),
    )


def metric_choices(empty=True):
    choices = [(m.code, f"{m.label} ({m.code})") for m in registry.all_metrics()]
    return [("", _("— choose a metric —")), *choices] if empty else choices


class TargetForm(forms.Form):
    title = forms.CharField(
        label=label_of(Target, "title"),
        max_length=500,
        help_text=Target._meta.get_field("title").help_text,
        widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
    )
    basis = forms.CharField(
        label=label_of(Target, "basis"),
        required=False,
        max_length=300,
        help_text=Target._meta.get_field("basis").help_text,
        widget=forms.TextInput(attrs=TEXT),
    )
    kind = forms.ChoiceField(label=label_of(Target, "kind"), widget=forms.Select(attrs=SELECT))
    start_year = _year(label_of(Target, "start_year"))
    end_year = _year(label_of(Target, "end_year"))
    campaign = forms.ModelChoiceField(
        label=label_of(Target, "campaign"), queryset=None, required=False, widget=forms.Select(attrs=SELECT)
    )
    metric_code = forms.ChoiceField(
        label=label_of(Target, "metric_code"),
        required=False,
        help_text=Target._meta.get_field("metric_code").help_text,
        widget=forms.Select(attrs=SELECT),
    )
    unit_type = forms.ModelChoiceField(
        label=label_of(Target, "unit_type"),
        queryset=UnitType.objects.all(),
        required=False,
        help_text=Target._meta.get_field("unit_type").help_text,
        widget=forms.Select(attrs=SELECT),
    )
    per_unit_minimum = CountField(
        label=label_of(Target, "per_unit_minimum"),
        required=False,
        min_value=1,
        max_value=MAX_COUNT,
        help_text=Target._meta.get_field("per_unit_minimum").help_text,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric"}),
    )
    comparison = forms.ChoiceField(
        label=label_of(Target, "comparison"), choices=Comparison.choices, widget=forms.Select(attrs=SELECT)
    )
    goal = NumberField(label=label_of(Target, "goal"), help_text=Target._meta.get_field("goal").help_text)

    def __init__(self, *args, campaigns=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("— choose the kind —")), *TargetKind.choices]
        self.fields["metric_code"].choices = metric_choices()
        self.fields["campaign"].queryset = campaigns
        self.fields["campaign"].empty_label = _("— none —")
        self.fields["unit_type"].empty_label = _("— none —")
        self.fields["comparison"].choices = [
            (value, f"{symbol} ({label})")
            for (value, label), symbol in zip(Comparison.choices, ("≥", ">", "≤", "<"), strict=True)
        ]

    def clean(self):
        data = super().clean()
        if data.get("start_year") and not data.get("end_year"):
            data["end_year"] = data["start_year"]
        if not data.get("per_unit_minimum"):
            data["per_unit_minimum"] = 1
        return data

    def target_data(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in TARGET_FIELDS}

    @staticmethod
    def initial_for(target: Target) -> dict:
        initial = {key: getattr(target, key) for key in TARGET_FIELDS}
        initial["campaign"] = target.campaign_id
        initial["unit_type"] = target.unit_type_id
        return initial


class NewTargetForm(TargetForm):
    issuing_unit = forms.ModelChoiceField(
        label=_("Issuing unit"), queryset=None, empty_label=None, widget=forms.Select(attrs=SELECT)
    )

    def __init__(self, *args, units=(), unit_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_unit"].queryset = unit_queryset
        self.fields["issuing_unit"].widget.choices = [(u.pk, u.name) for u in units]
        self.order_fields(["issuing_unit"])


class EditTargetForm(TargetForm):
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={**TEXT, "placeholder": _("Why is this change made?")}),
    )


class ReasonForm(forms.Form):
    comment = forms.CharField(required=False, max_length=2000)


class FilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Seen from"), queryset=None, required=False, widget=forms.Select(attrs=SELECT)
    )
    year = _year(_("Year"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All")), *TargetKind.choices],
        widget=forms.Select(attrs=SELECT),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *Status.choices],
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["year"].widget.attrs["placeholder"] = _("All")

    def values(self) -> dict:
        """The filters that are valid (a bad one is ignored and shown as an error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {}) or {}
        return {key: value for key, value in data.items() if value not in (None, "")}


class RateReportForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Reporting unit"), queryset=None, empty_label=None, widget=forms.Select(attrs=SELECT)
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, widget=forms.Select(attrs=SELECT))
    period = forms.ChoiceField(
        label=_("Period"),
        choices=(),
        widget=forms.Select(attrs=SELECT),
    )
    numerator = CountField(
        label=_("Number reaching it"),
        min_value=0,
        max_value=MAX_COUNT,
        help_text=_("e.g. members who took part in activities"),
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric"}),
    )
    denominator = CountField(
        label=_("Total number"),
        min_value=1,
        max_value=MAX_COUNT,
        help_text=_("e.g. all members"),
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric"}),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={**TEXT, "rows": 3})
    )
    evidence = forms.FileField(
        label=_("Evidence (optional)"),
        required=False,
        help_text=_("A photo, PDF, Word or Excel file of at most 10 MB: the minutes, the summary table…"),
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ".jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx"}
        ),
    )

    PERIOD_CHOICES = (
        ("year", _("The whole year")),
        ("m9", _("Nine months")),
        ("h1", _("First half of the year")),
        ("q1", _("First quarter")),
    )

    def __init__(self, *args, units=(), unit_queryset=None, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_queryset
        self.fields["unit"].widget.choices = [(u.pk, u.name) for u in units]
        self.fields["year"].choices = [(year, year) for year in years]
        self.fields["period"].choices = self.PERIOD_CHOICES

    def clean(self):
        data = super().clean()
        numerator, denominator = data.get("numerator"), data.get("denominator")
        if numerator is not None and denominator and numerator > denominator:
            self.add_error("numerator", _("It cannot exceed the total number."))
        return data

    def report_data(self) -> dict:
        data = self.cleaned_data
        year, period = data["year"], data["period"]
        return {
            "period_end": period_end(year, period),
            "period_label": period_label(year, period),
            "numerator": data["numerator"],
            "denominator": data["denominator"],
            "note": data.get("note") or "",
        }


class MilestoneForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=None, empty_label=None, widget=forms.Select(attrs=SELECT)
    )
    subject = forms.CharField(
        label=label_of(MilestoneRecord, "subject"),
        required=False,
        max_length=255,
        help_text=MilestoneRecord._meta.get_field("subject").help_text,
        widget=forms.TextInput(attrs=TEXT),
    )
    reached_on = DayField(label=label_of(MilestoneRecord, "reached_on"))
    evidence_note = forms.CharField(
        label=label_of(MilestoneRecord, "evidence_note"),
        required=False,
        max_length=5000,
        help_text=MilestoneRecord._meta.get_field("evidence_note").help_text,
        widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
    )

    def __init__(self, *args, units=(), unit_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_queryset
        self.fields["unit"].widget.choices = [
            (u.pk, u.name + ("" if u.is_active() else f" ({_('former')})")) for u in units
        ]

    def milestone_data(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in ("subject", "reached_on", "evidence_note")}


# --- scorecards ---------------------------------------------------------------------------------


class SchemeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255, widget=forms.TextInput(attrs=TEXT))
    year = _year(_("Year"), initial=lambda: timezone.localdate().year)
    unit_type = forms.ModelChoiceField(
        label=_("Units ranked"),
        queryset=UnitType.objects.all(),
        required=False,
        help_text=_("Only the units of this type directly under the issuing unit; all of them if empty."),
        widget=forms.Select(attrs=SELECT),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={**TEXT, "rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_type"].empty_label = _("— all units —")

    def scheme_data(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in ("name", "year", "unit_type", "description")}


class NewSchemeForm(SchemeForm):
    issuing_unit = forms.ModelChoiceField(
        label=_("Issuing unit"), queryset=None, empty_label=None, widget=forms.Select(attrs=SELECT)
    )

    def __init__(self, *args, units=(), unit_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_unit"].queryset = unit_queryset
        self.fields["issuing_unit"].widget.choices = [(u.pk, u.name) for u in units]
        self.order_fields(["issuing_unit"])


class EditSchemeForm(SchemeForm):
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={**TEXT, "placeholder": _("Why is this change made?")}),
    )


class ItemForm(forms.Form):
    source = forms.ChoiceField(label=_("Metric"), required=False, widget=forms.Select(attrs=SELECT))
    weight = NumberField(label=_("Weight"), required=False)
    scoring = forms.ChoiceField(
        label=_("Points"), choices=Scoring.choices, required=False, widget=forms.Select(attrs=SELECT)
    )
    norm = NumberField(label=_("Norm"), required=False)
    higher_is_better = forms.TypedChoiceField(
        label=_("Better when"),
        choices=[("1", _("higher")), ("0", _("lower"))],
        coerce=lambda value: value == "1",
        required=False,
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", _("— none —")), *item_sources()]

    def item(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("source"):
            return None
        return {
            "source": data["source"],
            "weight": data.get("weight"),
            "scoring": data.get("scoring") or Scoring.RELATIVE,
            "norm": data.get("norm"),
            "higher_is_better": data.get("higher_is_better", True) is not False,
        }


ItemFormSet = forms.formset_factory(ItemForm, extra=0, max_num=ITEM_ROWS, absolute_max=ITEM_ROWS)


def item_formset(data=None, items=()):
    """The item rows of the scorecard form: the scheme's items, then empty rows up to ITEM_ROWS."""
    initial = [
        {
            "source": item.source,
            "weight": item.weight,
            "scoring": item.scoring,
            "norm": item.norm,
            "higher_is_better": "1" if item.higher_is_better else "0",
        }
        for item in items
    ]
    initial += [{"scoring": Scoring.RELATIVE, "higher_is_better": "1"}] * (ITEM_ROWS - len(initial))
    return ItemFormSet(data, initial=initial, prefix="items")
