"""Input of the report pages: validated here, written only by `services`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.periods import ReportType
from danvan.initiatives.forms import SELECT, TEXT, CountField, DayField, label_of
from danvan.orgs.models import UnitType
from danvan.reports.models import NARRATIVE_FIELDS, Regime, Report
from danvan.reports.workflow import ReportStatus

MISSING = "missing"  # a status filter: reports never submitted


def _textarea(rows: int = 3, **attrs):
    return forms.Textarea(attrs={**TEXT, "rows": rows, **attrs})


def _status_choices():
    return [("", _("All")), *ReportStatus.choices, (MISSING, _("Not yet submitted"))]


class _Filters(forms.Form):
    def values(self) -> dict:
        """The filters that are valid (a bad one is ignored and shown as an error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {}) or {}
        return {key: value for key, value in data.items() if value not in (None, "", False)}


class FilterForm(_Filters):
    """The filters of the list of reports."""

    within = forms.ModelChoiceField(
        label=_("Unit and its subordinates"), queryset=None, required=False, widget=forms.Select(attrs=SELECT)
    )
    report_type = forms.ChoiceField(
        label=_("Report type"),
        required=False,
        choices=[("", _("All")), *ReportType.choices],
        widget=forms.Select(attrs=SELECT),
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric", "placeholder": _("All")}),
    )
    period = forms.ChoiceField(
        label=_("Period"), required=False, choices=[], widget=forms.Select(attrs=SELECT)
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_status_choices, widget=forms.Select(attrs=SELECT)
    )
    late = forms.BooleanField(
        label=_("Late only"), required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )

    def __init__(self, *args, units=None, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["within"].queryset = units
        self.fields["period"].choices = [("", _("All")), *((label, label) for label in periods)]


class PeriodFilterForm(_Filters):
    """The filters of the reports listed on a period's page."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_status_choices, widget=forms.Select(attrs=SELECT)
    )
    late = forms.BooleanField(
        label=_("Late only"), required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )


class PeriodListFilterForm(_Filters):
    report_type = forms.ChoiceField(
        label=_("Report type"),
        required=False,
        choices=[("", _("All")), *ReportType.choices],
        widget=forms.Select(attrs=SELECT),
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric", "placeholder": _("All")}),
    )


class RegimeForm(forms.ModelForm):
    """What a unit asks of the units under it (services check the rules and the permission)."""

    reporter_types = forms.ModelMultipleChoiceField(
        label=_("Who reports"),
        queryset=UnitType.objects.order_by("sort_order", "name"),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("Units of these types in the asking unit's subtree each send a report."),
        error_messages={"required": _("Choose the types of units that report.")},
    )

    class Meta:
        model = Regime
        fields = [
            "name",
            "basis",
            "report_type",
            "cutoff_day",
            "due_working_days",
            "due_day_of_month",
            "reporter_types",
        ]
        widgets = {
            "name": forms.TextInput(attrs={**TEXT, "autocomplete": "off"}),
            "basis": forms.TextInput(attrs={**TEXT, "placeholder": _("e.g. Plan No. 15-KH/TU")}),
            "report_type": forms.Select(attrs=SELECT),
            "cutoff_day": forms.NumberInput(attrs={**TEXT, "inputmode": "numeric", "min": 1, "max": 28}),
            "due_working_days": forms.NumberInput(attrs={**TEXT, "inputmode": "numeric", "min": 0}),
            "due_day_of_month": forms.NumberInput(
                attrs={**TEXT, "inputmode": "numeric", "min": 1, "max": 28}
            ),
        }
        help_texts = {
            "name": _("e.g. Quarterly report on mass-mobilization work"),
            "due_working_days": _("Working days after the cut-off (2 if both are empty)."),
            "due_day_of_month": _("Or a fixed day of the month after the cut-off."),
        }

    def __init__(self, *args, issuers=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report_type"].choices = [("", _("— choose the report type —")), *ReportType.choices]
        if issuers is not None:
            field = forms.ModelChoiceField(
                label=_("Asking unit"),
                queryset=issuers,
                empty_label=None,
                widget=forms.Select(attrs=SELECT),
            )
            self.fields = {"issuing_unit": field, **self.fields}
        if editing:
            self.fields["active"] = forms.BooleanField(
                label=_("In force"),
                required=False,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
                help_text=_("No new period can be opened for a regime no longer in force."),
            )
            self.fields["reason"] = forms.CharField(
                label=_("Reason for the change"),
                max_length=500,
                widget=forms.TextInput(attrs={**TEXT, "placeholder": _("Why is this change made?")}),
                error_messages={"required": _("Give a reason for the change.")},
            )

    def _post_clean(self):
        pass  # the services build and check the regime, not the model form

    def regime_data(self) -> dict:
        data = {key: self.cleaned_data.get(key) for key in self.Meta.fields}
        if "active" in self.fields:
            data["active"] = self.cleaned_data.get("active", False)
        return data


def _number_field(label, top: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=top,
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric"}),
        error_messages={"required": _("Enter the number of the period (1 to %(top)s).") % {"top": top}},
    )


class OpenPeriodForm(forms.Form):
    """One period of a regime: a year and a number for periodic regimes, dates and a name for reviews."""

    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric"}),
    )
    number = forms.IntegerField(
        label=_("Quarter or month"),
        required=False,
        min_value=1,
        max_value=12,
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric"}),
    )
    start = DayField(label=_("Data from"), required=False)
    end = DayField(label=_("Data until"), required=False)
    label = forms.CharField(
        label=_("Name of the period"),
        required=False,
        max_length=160,
        widget=forms.TextInput(attrs={**TEXT, "placeholder": "Sơ kết 3 năm 2023–2026"}),
    )
    due_on = DayField(label=_("Due on"), required=False, help_text=_("Empty: from the regime's due rule."))

    def __init__(self, *args, regime: Regime, **kwargs):
        super().__init__(*args, **kwargs)
        self.regime = regime
        if regime.is_periodic:
            del self.fields["start"], self.fields["end"], self.fields["label"]
            self.fields["year"].required = True
            self.fields["year"].error_messages["required"] = _("Enter the year of the period.")
            if regime.report_type == ReportType.QUARTERLY:
                self.fields["number"] = _number_field(_("Quarter"), 4)
            elif regime.report_type == ReportType.MONTHLY:
                self.fields["number"] = _number_field(_("Month"), 12)
            else:
                del self.fields["number"]
        else:
            del self.fields["year"], self.fields["number"]
            for name in ("start", "end", "label"):
                self.fields[name].required = True

    def period_data(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}


REPORT_FIELDS = (
    "number",
    "issuer_code",
    "dated_on",
    "superior_heading",
    "issuer_heading",
    "signer_authority",
    "signer_position",
    "signer_name",
    "recipients",
    *NARRATIVE_FIELDS,
)


class ReportForm(forms.ModelForm):
    """The report's header, signature and narrative sections (services check them again)."""

    dated_on = DayField(label=label_of(Report, "dated_on"), required=False)
    number = CountField(
        label=label_of(Report, "number"),
        required=False,
        min_value=1,
        max_value=99999,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric"}),
    )
    reason = forms.CharField(
        label=_("Why (kept in the history)"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs=TEXT),
    )

    class Meta:
        model = Report
        fields = list(REPORT_FIELDS)
        widgets = {
            "issuer_code": forms.TextInput(
                attrs={**TEXT, "autocapitalize": "characters", "placeholder": "ĐU"}
            ),
            "superior_heading": forms.TextInput(attrs={**TEXT, "placeholder": "ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG"}),
            "issuer_heading": forms.TextInput(attrs={**TEXT, "placeholder": "ĐẢNG ỦY PHƯỜNG …"}),
            "signer_authority": forms.TextInput(attrs={**TEXT, "placeholder": "T/M BAN THƯỜNG VỤ"}),
            "signer_position": forms.TextInput(attrs={**TEXT, "placeholder": "BÍ THƯ"}),
            "signer_name": forms.TextInput(attrs=TEXT),
            "recipients": _textarea(3),
            "results": _textarea(8),
            "typical_models": _textarea(4),
            "shortcomings": _textarea(4),
            "causes": _textarea(3),
            "lessons": _textarea(3),
            "directions": _textarea(4),
            "proposals": _textarea(3),
        }

    def _post_clean(self):
        pass  # the services write the report

    def report_data(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in REPORT_FIELDS}


class CorrectionForm(forms.Form):
    key = forms.CharField(max_length=200)
    value = forms.CharField(label=_("Corrected figure"), required=False, max_length=40)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)
    remove = forms.BooleanField(required=False)


class TransitionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, max_length=5000)
