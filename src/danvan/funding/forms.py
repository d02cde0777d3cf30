"""Input of the funding pages: validated here, written only by `services` (which has the rules)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.funding.models import Allocation, Expenditure, Purpose, Source
from danvan.funding.money import vnd
from danvan.funding.queries import IN_FORCE_STATUS, VOID_STATUS
from danvan.initiatives.forms import SELECT, TEXT, DayField, MoneyField, label_of

STATUS_CHOICES = [("", _("All")), (IN_FORCE_STATUS, _("In force")), (VOID_STATUS, _("Voided"))]


def _year_field(required=False, initial=None):
    return forms.IntegerField(
        label=_("Year"),
        required=required,
        min_value=2000,
        max_value=2100,
        initial=initial,
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric", "placeholder": _("All")}),
    )


def _textarea(rows: int = 3):
    return forms.Textarea(attrs={**TEXT, "rows": rows})


class _Filters(forms.Form):
    def values(self) -> dict:
        """The filters that are valid (a bad one is ignored and shown as an error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {}) or {}
        return {k: v for k, v in data.items() if v not in (None, "")}


class SummaryForm(_Filters):
    year = _year_field()


class AllocationFilterForm(_Filters):
    year = _year_field()
    source = forms.ChoiceField(
        label=_("Source"),
        required=False,
        choices=[("", _("All")), *Source.choices],
        widget=forms.Select(attrs=SELECT),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=STATUS_CHOICES, widget=forms.Select(attrs=SELECT)
    )


class ExpenditureFilterForm(_Filters):
    q = forms.CharField(
        label=_("Description, voucher or model"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={**TEXT, "type": "search", "autocomplete": "off"}),
    )
    year = _year_field()
    purpose = forms.ChoiceField(
        label=_("Purpose"),
        required=False,
        choices=[("", _("All")), *Purpose.choices],
        widget=forms.Select(attrs=SELECT),
    )
    model = forms.TypedChoiceField(
        label=_("Model or exemplar"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.Select(attrs=SELECT),
    )
    allocation = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=STATUS_CHOICES, widget=forms.Select(attrs=SELECT)
    )

    def __init__(self, *args, models=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", _("All")), *((m.pk, m.name) for m in models)]


class ReasonMixin(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=1000,
        widget=forms.TextInput(attrs=TEXT),
        help_text=_("Kept in the history with your name and the time."),
    )


class AllocationForm(forms.ModelForm):
    amount = MoneyField(label=label_of(Allocation, "amount"))

    class Meta:
        model = Allocation
        fields = ["year", "source", "amount", "decision_reference", "note"]
        widgets = {
            "year": forms.NumberInput(attrs={**TEXT, "inputmode": "numeric", "min": 2000, "max": 2100}),
            "source": forms.Select(attrs=SELECT),
            "decision_reference": forms.TextInput(attrs=TEXT),
            "note": _textarea(2),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = Source.choices
        self.fields["year"].initial = self.fields["year"].initial or timezone.localdate().year


class AllocationEditForm(AllocationForm, ReasonMixin):
    pass


class AllocationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        left = getattr(obj, "remaining", obj.amount)
        return _("%(source)s %(year)s — %(amount)s (%(left)s left)") % {
            "source": obj.get_source_display(),
            "year": obj.year,
            "amount": vnd(obj.amount),
            "left": vnd(left),
        }


def _model_label(model) -> str:
    return f"{model.name} ({model.owner_unit.name}, {model.year})"


class ExpenditureForm(forms.ModelForm):
    date = DayField(label=label_of(Expenditure, "date"), initial=timezone.localdate)
    amount = MoneyField(label=label_of(Expenditure, "amount"))
    allocation = AllocationChoiceField(
        label=label_of(Expenditure, "allocation"),
        queryset=Allocation.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
        help_text=_("The allocation of the same year this spending is paid from, if any."),
    )

    class Meta:
        model = Expenditure
        fields = ["date", "amount", "purpose", "initiative", "allocation", "description", "voucher_reference"]
        widgets = {
            "purpose": forms.Select(attrs=SELECT),
            "initiative": forms.Select(attrs=SELECT),
            "description": _textarea(3),
            "voucher_reference": forms.TextInput(attrs=TEXT),
        }

    def __init__(self, *args, initiatives=None, shown_initiatives=(), allocations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = [("", _("— choose —")), *Purpose.choices]
        # any model of the subtree is accepted; the first ones are offered (a city has thousands)
        field = self.fields["initiative"]
        field.queryset = initiatives if initiatives is not None else field.queryset.none()
        field.empty_label = _("— none —")
        field.widget.choices = [
            ("", field.empty_label),
            *((m.pk, _model_label(m)) for m in shown_initiatives),
        ]
        self.fields["initiative"].help_text = _("Required for support to models.")
        # the choices are the list already read, with what is left of each (no second query)
        self.fields["allocation"].queryset = Allocation.objects.filter(pk__in=[a.pk for a in allocations])
        self.fields["allocation"].empty_label = _("— not charged to an allocation —")
        self.fields["allocation"].widget.choices = [
            ("", self.fields["allocation"].empty_label),
            *((a.pk, self.fields["allocation"].label_from_instance(a)) for a in allocations),
        ]


class ExpenditureEditForm(ExpenditureForm, ReasonMixin):
    pass


class VoidForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for voiding"), max_length=1000, widget=forms.TextInput(attrs=TEXT)
    )
