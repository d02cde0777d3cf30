from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.geo.models import VILLAGE_KINDS, AreaKind


class VillageForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k.value, k.label) for k in VILLAGE_KINDS],
        initial=AreaKind.VILLAGE,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=160,
        widget=forms.TextInput(
            attrs={"class": "form-control", "placeholder": _("e.g. Thôn 1, Tổ dân phố 5")}
        ),
    )
