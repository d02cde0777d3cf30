from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.permissions import Role
from danvan.orgs.models import CommitteePosition

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


class ReasonField(forms.CharField):
    def __init__(self, required=True, **kwargs):
        super().__init__(
            label=_("Reason"),
            required=required,
            max_length=500,
            widget=forms.TextInput(attrs={**TEXT, "placeholder": _("Why is this change made?")}),
            **kwargs,
        )


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=160, widget=forms.TextInput(attrs=TEXT))
    position = forms.CharField(
        label=_("Position"), max_length=160, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    phone = forms.CharField(
        label=_("Phone"), max_length=40, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    email = forms.EmailField(label=_("Email"), required=False, widget=forms.EmailInput(attrs=TEXT))


class SteeringCommitteeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255, widget=forms.TextInput(attrs=TEXT))
    standing_agency = forms.ModelChoiceField(
        label=_("Standing agency"), queryset=None, required=False, widget=forms.Select(attrs=SELECT)
    )
    decision_number = forms.CharField(
        label=_("Establishing decision (number and symbol)"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
    )
    established_on = forms.DateField(
        label=_("Established on"),
        required=False,
        widget=forms.DateInput(attrs={**TEXT, "placeholder": "dd/mm/yyyy"}),
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standing_agency"].queryset = agencies


class CommitteeMemberForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=None, widget=forms.Select(attrs=SELECT))
    position = forms.ChoiceField(
        label=_("Position in the committee"),
        choices=CommitteePosition.choices,
        widget=forms.Select(attrs=SELECT),
    )
    title = forms.CharField(
        label=_("Title"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT)
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class PilotForm(forms.Form):
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=None, widget=forms.Select(attrs=SELECT))
    note = forms.CharField(
        label=_("Note"), max_length=255, required=False, widget=forms.TextInput(attrs=TEXT)
    )

    def __init__(self, *args, campaigns=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns


class UserCreateForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=160, widget=forms.TextInput(attrs=TEXT))
    username = forms.CharField(
        label=_("User name"), max_length=150, widget=forms.TextInput(attrs={**TEXT, "autocomplete": "off"})
    )
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(attrs={**TEXT, "autocomplete": "new-password"}),
    )
    email = forms.EmailField(label=_("Email"), required=False, widget=forms.EmailInput(attrs=TEXT))
    position = forms.CharField(
        label=_("Position"), max_length=160, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, widget=forms.Select(attrs=SELECT))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, widget=forms.Select(attrs=SELECT))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class GrantForm(forms.Form):
    user = forms.ModelChoiceField(label=_("User"), queryset=None, widget=forms.Select(attrs=SELECT))
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, widget=forms.Select(attrs=SELECT))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, widget=forms.Select(attrs=SELECT))
    reason = ReasonField(required=False)

    def __init__(self, *args, users=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["unit"].queryset = units


class RevokeForm(forms.Form):
    reason = ReasonField()


class UnitForm(forms.Form):
    """A new subordinate unit."""

    name = forms.CharField(label=_("Name"), max_length=255, widget=forms.TextInput(attrs=TEXT))
    short_name = forms.CharField(
        label=_("Short name"), max_length=120, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    unit_type = forms.ModelChoiceField(label=_("Unit type"), queryset=None, widget=forms.Select(attrs=SELECT))
    area = forms.ModelChoiceField(label=_("Area"), queryset=None, widget=forms.Select(attrs=SELECT))

    def __init__(self, *args, areas=None, **kwargs):
        from danvan.orgs.models import UnitType

        super().__init__(*args, **kwargs)
        self.fields["unit_type"].queryset = UnitType.objects.all()
        self.fields["area"].queryset = areas


class UnitEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255, widget=forms.TextInput(attrs=TEXT))
    short_name = forms.CharField(
        label=_("Short name"), max_length=120, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    address = forms.CharField(
        label=_("Address"), max_length=255, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    phone = forms.CharField(
        label=_("Phone"), max_length=40, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    email = forms.EmailField(label=_("Email"), required=False, widget=forms.EmailInput(attrs=TEXT))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={**TEXT, "rows": 3}))
    reason = ReasonField(required=False)


class CloseUnitForm(forms.Form):
    valid_until = forms.DateField(
        label=_("Last day of activity"), widget=forms.DateInput(attrs={**TEXT, "placeholder": "dd/mm/yyyy"})
    )
    successor = forms.ModelChoiceField(
        label=_("Merged into (optional)"), queryset=None, required=False, widget=forms.Select(attrs=SELECT)
    )
    reason = ReasonField()

    def __init__(self, *args, successors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = successors
