"""Forms of the officers' petition pages (the public form is in `public_forms`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.geo.models import Area, AreaLevel, Era
from danvan.orgs.models import Unit
from danvan.petitions.deadlines import Kind
from danvan.petitions.models import Channel, RefusalGround, Topic
from danvan.petitions.workflow import PetitionStatus

SELECT = {"class": "form-select"}
TEXT = {"class": "form-control"}
CHECK = {"class": "form-check-input"}
OVERDUE, DUE_SOON = "overdue", "due_soon"
FLAGS = [
    ("is_complex", _("Complex case")),
    ("is_remote", _("Remote area")),
    ("is_mass", _("Mass petition")),
    ("is_backlog", _("Backlog case")),
    ("is_protracted", _("Protracted case")),
]


class FilterForm(forms.Form):
    within = forms.ModelChoiceField(
        label=_("Unit and its subordinates"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    q = forms.CharField(
        label=_("Code or subject"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={**TEXT, "placeholder": _("with or without diacritics"), "type": "search"}
        ),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All")), *Kind.choices],
        widget=forms.Select(attrs=SELECT),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("open", _("Being handled")), *PetitionStatus.choices],
        widget=forms.Select(attrs=SELECT),
    )
    deadline = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[("", _("All")), (OVERDUE, _("Overdue")), (DUE_SOON, _("Due within 3 days"))],
        widget=forms.Select(attrs=SELECT),
    )
    flag = forms.ChoiceField(
        label=_("Flag"), required=False, choices=[("", _("All")), *FLAGS], widget=forms.Select(attrs=SELECT)
    )
    mine = forms.BooleanField(
        label=_("Assigned to me"), required=False, widget=forms.CheckboxInput(attrs=CHECK)
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["within"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
        self.fields["within"].choices = [(u.pk, u.name) for u in units]


def area_choices(unit: Unit | None) -> list[tuple[int, str]]:
    """The province of the unit and its communes and wards in force (the areas a petition of this
    unit is about), by name."""
    if unit is None:
        return []
    area = unit.area
    province = (
        area
        if area.level == AreaLevel.PROVINCE
        else next((a for a in area.ancestors() if a.level == AreaLevel.PROVINCE), None)
    )
    if province is None:
        return [(area.pk, str(area))]
    communes = (
        Area.objects.filter(path__startswith=province.path, level=AreaLevel.COMMUNE, era=Era.CURRENT)
        .active()
        .order_by("name")
        .only("pk", "name")
    )
    return [(province.pk, province.name), *((a.pk, a.name) for a in communes)]


class PetitionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, widget=forms.Select(attrs=SELECT))
    topic = forms.ChoiceField(
        label=_("Topic"), choices=Topic.choices, initial=Topic.OTHER, widget=forms.Select(attrs=SELECT)
    )
    channel = forms.ChoiceField(
        label=_("How it was received"),
        choices=[c for c in Channel.choices if c[0] != Channel.ONLINE],
        initial=Channel.DIRECT,
        widget=forms.Select(attrs=SELECT),
    )
    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={**TEXT, "type": "date"}, format="%Y-%m-%d")
    )
    forwarded_by = forms.CharField(
        label=_("Forwarded by"), required=False, max_length=255, widget=forms.TextInput(attrs=TEXT)
    )
    subject = forms.CharField(label=_("Subject"), max_length=255, widget=forms.TextInput(attrs=TEXT))
    content = forms.CharField(
        label=_("Content"), max_length=20000, widget=forms.Textarea(attrs={**TEXT, "rows": 6})
    )
    area = forms.TypedChoiceField(
        label=_("Commune or ward"), coerce=int, choices=[], widget=forms.Select(attrs=SELECT)
    )
    location = forms.CharField(
        label=_("Where"), required=False, max_length=255, widget=forms.TextInput(attrs=TEXT)
    )
    unit = forms.TypedChoiceField(
        label=_("Competent unit"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[],
        widget=forms.Select(attrs=SELECT),
        help_text=_(
            "Left empty, the routing rules choose it (by default the People's Committee of the commune)."
        ),
    )
    reception_session = forms.TypedChoiceField(
        label=_("Reception session"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[],
        widget=forms.Select(attrs=SELECT),
        help_text=_("When it was received at a citizen reception session."),
    )
    name = forms.CharField(label=_("Full name"), max_length=120, widget=forms.TextInput(attrs=TEXT))
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "tel"}),
    )
    id_number = forms.CharField(
        label=_("ID number"), max_length=20, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    address = forms.CharField(
        label=_("Address"), max_length=255, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    email = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "email"}),
    )
    others = forms.CharField(
        label=_("Other petitioners (a joint or mass petition)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={**TEXT, "rows": 3}),
        help_text=_("One person per line: full name; phone; address."),
    )
    is_complex = forms.BooleanField(
        label=_("Complex case"), required=False, widget=forms.CheckboxInput(attrs=CHECK)
    )
    is_remote = forms.BooleanField(
        label=_("Remote area"), required=False, widget=forms.CheckboxInput(attrs=CHECK)
    )
    is_backlog = forms.BooleanField(
        label=_("Backlog case"), required=False, widget=forms.CheckboxInput(attrs=CHECK)
    )
    is_protracted = forms.BooleanField(
        label=_("Protracted case"), required=False, widget=forms.CheckboxInput(attrs=CHECK)
    )
    confirm_duplicate = forms.BooleanField(
        label=_("I checked: this is a new petition, not the same one again"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECK),
    )

    def __init__(self, *args, areas=(), units=(), sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", "—"), *areas]
        self.fields["reception_session"].choices = [
            ("", "—"),
            *((s.pk, f"{s.held_on:%d/%m/%Y} — {s.unit.name}") for s in sessions),
        ]
        self.fields["unit"].choices = [("", _("Route automatically")), *((u.pk, u.name) for u in units)]

    def petitioners(self) -> list[dict]:
        data = self.cleaned_data
        people = [{k: data.get(k, "") for k in ("name", "phone", "id_number", "address", "email")}]
        for line in (data.get("others") or "").splitlines():
            parts = [p.strip() for p in line.split(";")]
            if parts and parts[0]:
                people.append(
                    {
                        "name": parts[0],
                        "phone": parts[1] if len(parts) > 1 else "",
                        "address": "; ".join(parts[2:]),
                    }
                )
        return people


class ActionForm(forms.Form):
    """What an action needs: the fields shown depend on the action (see the detail page)."""

    comment = forms.CharField(
        label=_("Internal comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
    )
    reply = forms.CharField(
        label=_("Reply to the citizen"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={**TEXT, "rows": 3}),
    )
    handler = forms.IntegerField(required=False)
    unit = forms.IntegerField(required=False)
    forwarded_to = forms.CharField(required=False, max_length=255)
    ground = forms.ChoiceField(required=False, choices=[("", "—"), *RefusalGround.choices])
    resolution_number = forms.CharField(required=False, max_length=60)
    resolution_date = forms.DateField(required=False)
    kind = forms.ChoiceField(required=False, choices=[("", "—"), *Kind.choices])
    topic = forms.ChoiceField(required=False, choices=[("", "—"), *Topic.choices])
    is_complex = forms.BooleanField(required=False)
    is_remote = forms.BooleanField(required=False)
    is_mass = forms.BooleanField(required=False)
    is_backlog = forms.BooleanField(required=False)
    is_protracted = forms.BooleanField(required=False)
    late_accepted = forms.BooleanField(required=False)

    def data_for(self, action: str) -> dict:
        c = self.cleaned_data
        if action == "assign":
            return {"handler": c.get("handler")}
        if action in ("transfer", "appeal"):
            result = {"unit": c.get("unit")} if c.get("unit") else {}
            if action == "appeal":
                result["late_accepted"] = c.get("late_accepted")
            return result
        if action == "forward":
            return {"forwarded_to": c.get("forwarded_to")}
        if action == "refuse":
            return {"ground": c.get("ground")}
        if action == "resolve":
            return {
                "resolution_number": c.get("resolution_number"),
                "resolution_date": c.get("resolution_date"),
            }
        if action == "classify":
            result = {name: c.get(name) for name, _label in FLAGS}
            if c.get("kind"):
                result["kind"] = c["kind"]
            if c.get("topic"):
                result["topic"] = c["topic"]
            return result
        return {}


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))


class IdentityForm(forms.Form):
    purpose = forms.CharField(
        label=_("Why you need to see it"), max_length=255, widget=forms.TextInput(attrs=TEXT)
    )
