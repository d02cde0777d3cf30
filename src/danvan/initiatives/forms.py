"""Input of the pages of models and exemplars: validated here, written only by `services`."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from danvan.initiatives.models import (
    Evaluation,
    Field,
    Holder,
    Initiative,
    InitiativeYear,
    Kind,
    ProgressUpdate,
    Topic,
)
from danvan.initiatives.services import REGISTRATION_FIELDS
from danvan.initiatives.workflow import Status

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}
DATE_FORMAT = "%d/%m/%Y"
EVIDENCE_SLOTS = 4  # file inputs (each with a caption) on the progress form
MAX_AMOUNT = Decimal("999999999999999")  # 15 digits, as the model columns


def label_of(model, name: str):
    """The model's own name for a field, capitalized: one translation for the model and its forms."""
    return capfirst(model._meta.get_field(name).verbose_name)


def _textarea(rows: int = 3, **attrs):
    return forms.Textarea(attrs={**TEXT, "rows": rows, **attrs})


def group_thousands(value) -> str:
    """1500000 -> "1.500.000" (Vietnamese money is written with dots between thousands)."""
    if value in (None, ""):
        return ""
    try:
        number = int(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return str(value)
    return f"{number:,}".replace(",", ".")


class MoneyInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__(attrs={**TEXT, "inputmode": "numeric", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, (int, Decimal)):
            return group_thousands(value)
        return super().format_value(value)


class MoneyField(forms.Field):
    """An amount in đồng, typed as offices write it: "1.500.000", "1 500 000 đ", "2000000"."""

    widget = MoneyInput
    default_error_messages = {
        "invalid": _("Enter an amount in đồng, for example 1.500.000."),
        "too_big": _("The amount is too large."),
    }
    _noise = re.compile(r"[\s.,_]|vnđ|vnd|đồng|đ|₫", re.IGNORECASE)

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        digits = self._noise.sub("", value)
        if not digits.isdigit():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        amount = Decimal(digits)
        if amount > MAX_AMOUNT:
            raise forms.ValidationError(self.error_messages["too_big"], code="too_big")
        return amount


class DayField(forms.DateField):
    """A date shown and typed dd/mm/yyyy."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.DateInput(
                format=DATE_FORMAT, attrs={**TEXT, "placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
            ),
        )
        kwargs.setdefault("error_messages", {"invalid": _("Enter a date as dd/mm/yyyy, e.g. 15/03/2026.")})
        super().__init__(**kwargs)


class CountField(forms.IntegerField):
    """A whole number, typed with or without dots between thousands ("1.200")."""

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[\s.]", "", value)
        return super().to_python(value)


def _count_field(label, required=False):
    return CountField(
        label=label,
        required=required,
        min_value=0,
        max_value=2_000_000_000,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric"}),
    )


def _year_field(label=None, initial=None):
    return forms.IntegerField(
        label=label or _("Year"),
        min_value=2000,
        max_value=2100,
        initial=initial or timezone.localdate().year,
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric", "min": 2000, "max": 2100}),
    )


# --- the registration form ---------------------------------------------------------------------

# the sections of a registration form as offices fill it in (DOMAIN §1, ten items)
SECTIONS = [
    (
        _("General information"),
        ["name", "kind", "holder", "holder_name", "field", "topics", "campaign", "year"],
    ),
    (_("Situation and reason"), ["situation"]),
    (_("Goals and evaluation criteria"), ["goals"]),
    (_("Content and method"), ["content"]),
    (_("Area and beneficiaries"), ["beneficiaries", "area", "latitude", "longitude"]),
    (_("Forces"), ["forces"]),
    (_("Resources"), ["funding_planned", "facilities", "workdays_planned", "contributions_planned"]),
    (_("Timeline"), ["start_date", "milestones", "evaluation_date"]),
    (_("Verifiable outputs"), ["outputs"]),
    (_("Sustainability and replicability"), ["sustainability"]),
]


class InitiativeForm(forms.ModelForm):
    """Every registration field of a model or exemplar; campaigns and areas follow the owner unit."""

    funding_planned = MoneyField(label=label_of(Initiative, "funding_planned"), required=False)
    contributions_planned = MoneyField(label=label_of(Initiative, "contributions_planned"), required=False)
    start_date = DayField(label=label_of(Initiative, "start_date"), required=False)
    evaluation_date = DayField(label=label_of(Initiative, "evaluation_date"), required=False)
    latitude = forms.FloatField(
        label=label_of(Initiative, "latitude"),
        required=False,
        localize=True,
        validators=[MinValueValidator(8), MaxValueValidator(24)],
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "decimal"}),
    )
    longitude = forms.FloatField(
        label=label_of(Initiative, "longitude"),
        required=False,
        localize=True,
        validators=[MinValueValidator(102), MaxValueValidator(118)],
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "decimal"}),
    )

    class Meta:
        model = Initiative
        fields = [*REGISTRATION_FIELDS, "topics"]
        widgets = {
            "name": forms.TextInput(attrs={**TEXT, "autocomplete": "off"}),
            "holder_name": forms.TextInput(attrs=TEXT),
            "kind": forms.Select(attrs=SELECT),
            "holder": forms.Select(attrs=SELECT),
            "field": forms.Select(attrs=SELECT),
            "campaign": forms.Select(attrs=SELECT),
            "area": forms.Select(attrs=SELECT),
            "year": forms.NumberInput(attrs={**TEXT, "inputmode": "numeric", "min": 2000, "max": 2100}),
            "topics": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            "situation": _textarea(4),
            "goals": _textarea(4),
            "content": _textarea(5),
            "beneficiaries": _textarea(3),
            "forces": _textarea(3),
            "facilities": _textarea(2),
            "workdays_planned": forms.NumberInput(attrs={**TEXT, "inputmode": "numeric", "min": 0}),
            "milestones": _textarea(3),
            "outputs": _textarea(3),
            "sustainability": _textarea(3),
        }
        help_texts = {
            "goals": _("What the model should achieve, and how its results will be judged."),
            "outputs": _("Results that can be checked: numbers, works, documents, photos."),
            "milestones": _("The main steps and when they happen."),
        }

    def __init__(self, *args, owner=None, keep_area=None, **kwargs):
        from django.db.models import Q

        from danvan.geo.models import Area
        from danvan.orgs.models import Campaign

        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["field"].queryset = Field.objects.filter(active=True)
        self.fields["topics"].queryset = Topic.objects.filter(active=True)
        self.fields["topics"].required = False
        self.fields["year"].initial = timezone.localdate().year
        self.fields["kind"].choices = Kind.choices
        self.fields["holder"].choices = Holder.choices
        if owner is not None:
            self.fields["campaign"].queryset = Campaign.objects.filter(
                issuing_unit__path__in=[*owner.ancestor_paths(), owner.path]
            ).order_by("-start_date", "name")
            areas = Area.objects.filter(path__startswith=owner.area.path).active()
            if keep_area:  # a former area stays selectable on the model that has it
                areas = Area.objects.filter(Q(pk__in=areas.values("pk")) | Q(pk=keep_area))
            self.fields["area"].queryset = areas.order_by("depth", "name_sort")
        else:
            self.fields["campaign"].queryset = Campaign.objects.none()
            self.fields["area"].queryset = Area.objects.none()
        self.fields["campaign"].empty_label = _("— none —")
        self.fields["area"].empty_label = _("— the owner unit's area —")
        self.fields["field"].empty_label = _("— choose a field —")

    def clean(self):
        data = super().clean()
        if data.get("holder") == Holder.INDIVIDUAL and not (data.get("holder_name") or "").strip():
            self.add_error("holder_name", _("Enter the name of the person for an individual exemplar."))
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Enter both the latitude and the longitude, or neither."))
        return data

    def registration_data(self) -> tuple[dict, list]:
        data = {k: self.cleaned_data.get(k) for k in REGISTRATION_FIELDS}
        for key in ("name", "holder_name", *TEXT_SECTIONS):
            data[key] = (data.get(key) or "").strip()
        return data, list(self.cleaned_data.get("topics") or [])

    def sections(self):
        """(title, [bound fields], whether the title already names the only field) as on paper."""
        out = []
        for title, names in SECTIONS:
            fields = [self[name] for name in names if name in self.fields]
            out.append((title, fields, len(fields) == 1))
        return out


TEXT_SECTIONS = (
    "situation",
    "goals",
    "content",
    "beneficiaries",
    "forces",
    "facilities",
    "milestones",
    "outputs",
    "sustainability",
)


class RegistrationForm(InitiativeForm):
    owner_unit = forms.ModelChoiceField(
        label=_("Owner unit"),
        queryset=None,
        empty_label=None,
        widget=forms.Select(attrs=SELECT),
        help_text=_("The unit that builds the model and reports on it."),
    )

    def __init__(self, *args, owners=(), owner_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["owner_unit"]
        field.queryset = owner_queryset
        field.widget.choices = [(u.pk, u.name) for u in owners]


class EditForm(InitiativeForm):
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={**TEXT, "placeholder": _("Why is this change made?")}),
    )


# --- the list ------------------------------------------------------------------------------


class FilterForm(forms.Form):
    within = forms.ModelChoiceField(
        label=_("Unit and its subordinates"), queryset=None, required=False, widget=forms.Select(attrs=SELECT)
    )
    q = forms.CharField(
        label=_("Name contains"),
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
    field = forms.ModelChoiceField(
        label=_("Field"),
        queryset=None,
        required=False,
        widget=forms.Select(attrs=SELECT),
        empty_label=_("All"),
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=None,
        required=False,
        widget=forms.Select(attrs=SELECT),
        empty_label=_("All"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All")), *Kind.choices],
        widget=forms.Select(attrs=SELECT),
    )
    holder = forms.ChoiceField(
        label=_("Held by"),
        required=False,
        choices=[("", _("All")), *Holder.choices],
        widget=forms.Select(attrs=SELECT),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *Status.choices],
        widget=forms.Select(attrs=SELECT),
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric", "placeholder": _("All")}),
    )
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=None,
        required=False,
        widget=forms.Select(attrs=SELECT),
        empty_label=_("All"),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-year", _("Year (newest first)")),
            ("year", _("Year (oldest first)")),
            ("name", _("Name (A–Z)")),
            ("-name", _("Name (Z–A)")),
            ("status", _("Status (lifecycle order)")),
            ("-status", _("Status (reverse order)")),
            ("-changed", _("Last change (newest first)")),
            ("changed", _("Last change (oldest first)")),
        ],
        widget=forms.Select(attrs=SELECT),
    )

    # the list behind a figure of a dashboard or report: the rows of one metric in a period
    metric = forms.ChoiceField(required=False, widget=forms.HiddenInput)
    start = forms.DateField(required=False, widget=forms.HiddenInput, input_formats=["%Y-%m-%d"])
    end = forms.DateField(required=False, widget=forms.HiddenInput, input_formats=["%Y-%m-%d"])

    def __init__(self, *args, units=None, unit_choices=(), campaigns=None, **kwargs):
        from danvan.metrics import registry

        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = [
            ("", ""),
            *((m.code, m.label) for m in registry.all_metrics() if m.initiative),
        ]
        self.fields["within"].queryset = units
        self.fields["within"].widget.choices = [(u.pk, u.name) for u in unit_choices]
        self.fields["field"].queryset = Field.objects.all()
        self.fields["topic"].queryset = Topic.objects.all()
        self.fields["campaign"].queryset = campaigns

    def values(self) -> dict:
        """The filters that are valid (a bad one is ignored and shown as an error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {}) or {}
        return {k: v for k, v in data.items() if v not in (None, "")}


# --- actions on one initiative ---------------------------------------------------------------


class ProgressForm(forms.Form):
    reported_on = DayField(label=label_of(ProgressUpdate, "reported_on"), initial=timezone.localdate)
    narrative = forms.CharField(label=label_of(ProgressUpdate, "narrative"), widget=_textarea(4))
    people_reached = _count_field(label_of(ProgressUpdate, "people_reached"))
    households_benefiting = _count_field(label_of(ProgressUpdate, "households_benefiting"))
    money_mobilized = MoneyField(label=label_of(ProgressUpdate, "money_mobilized"), required=False)
    workdays_mobilized = _count_field(label_of(ProgressUpdate, "workdays_mobilized"))
    land_donated_m2 = forms.DecimalField(
        label=label_of(ProgressUpdate, "land_donated_m2"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=1,
        localize=True,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "decimal"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, EVIDENCE_SLOTS + 1):
            self.fields[f"file_{i}"] = forms.FileField(
                label=_("File %(n)s") % {"n": i},
                required=False,
                widget=forms.ClearableFileInput(
                    attrs={"class": "form-control", "accept": ".jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx"}
                ),
            )
            self.fields[f"caption_{i}"] = forms.CharField(
                label=_("Caption of file %(n)s") % {"n": i},
                required=False,
                max_length=255,
                widget=forms.TextInput(attrs={**TEXT, "placeholder": _("What the file shows")}),
            )

    def number_fields(self):
        names = [
            "people_reached",
            "households_benefiting",
            "money_mobilized",
            "workdays_mobilized",
            "land_donated_m2",
        ]
        return [self[n] for n in names]

    def evidence_slots(self):
        return [(i, self[f"file_{i}"], self[f"caption_{i}"]) for i in range(1, EVIDENCE_SLOTS + 1)]

    def progress_data(self) -> dict:
        keys = ("reported_on", "narrative", *[f.name for f in self.number_fields()])
        return {k: self.cleaned_data.get(k) for k in keys}

    def uploads(self) -> tuple[list, list]:
        files, captions = [], []
        for i in range(1, EVIDENCE_SLOTS + 1):
            upload = self.cleaned_data.get(f"file_{i}")
            if upload:
                files.append(upload)
                captions.append((self.cleaned_data.get(f"caption_{i}") or "").strip())
        return files, captions


class ReplicateForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Unit that will build the model"),
        queryset=None,
        widget=forms.Select(attrs={**SELECT, "id": "replicate-target"}),
        error_messages={"invalid_choice": _("Choose a unit where you may register models.")},
    )
    year = _year_field()
    comment = forms.CharField(label=_("Comment"), required=False, max_length=1000, widget=_textarea(2))

    def __init__(self, *args, targets=None, target_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets
        self.fields["target"].widget.choices = [("", _("— choose a unit —"))] + [
            (u.pk, u.name) for u in target_choices
        ]


class YearPlanForm(forms.Form):
    year = _year_field()
    plan = forms.CharField(label=label_of(InitiativeYear, "plan"), required=False, widget=_textarea(3))
    results = forms.CharField(label=label_of(InitiativeYear, "results"), required=False, widget=_textarea(3))


class EvaluationForm(forms.Form):
    year = _year_field()
    evaluation = forms.ChoiceField(
        label=label_of(InitiativeYear, "evaluation"),
        choices=[("", "—"), *Evaluation.choices],
        widget=forms.Select(attrs=SELECT),
    )
    note = forms.CharField(
        label=label_of(InitiativeYear, "evaluation_note"), required=False, widget=_textarea(2)
    )


class CarryOverForm(forms.Form):
    successor = forms.ModelChoiceField(
        label=_("Successor unit"), queryset=None, empty_label=None, widget=forms.Select(attrs=SELECT)
    )
    comment = forms.CharField(label=_("Comment"), required=False, max_length=1000, widget=_textarea(2))

    def __init__(self, *args, successors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = successors


class CopiesForm(forms.Form):
    year = _year_field()
