"""Input of the public side of petitions (no account): the petition form, its petitioners, the
tracking-code form and the citizen's answer; and the limits that keep the public side usable
under abuse (per-address quota of submissions, per-address rate of tracking-code look-ups).

Forms only validate; `services.record_petition` and `services.citizen_action` write."""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from danvan.core.models import today
from danvan.core.services import ServiceError
from danvan.geo.models import Area, AreaLevel, Era
from danvan.petitions import services
from danvan.petitions.deadlines import Kind
from danvan.petitions.models import Topic, normalize_code

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}
MAX_SUBJECT = 255
MAX_CONTENT = services.MAX_CONTENT  # 20 000 characters
MAX_LOCATION = 255
MAX_FILES = services.MAX_ATTACHMENTS  # 5
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_PEOPLE = 20  # petitioners on the public form (officers record larger mass petitions)
MAX_EXPLANATION = services.MAX_TEXT
LOOKUPS_PER_MINUTE = 20  # default of DANVAN_PUBLIC_LOOKUPS_PER_MINUTE

# what each kind means, in one line, for a citizen choosing it
KIND_HELP = {
    Kind.COMPLAINT: _(
        "You ask the authority to review an administrative decision or act that harms your rights."
    ),
    Kind.DENUNCIATION: _(
        "You report a violation of the law by an official, agency or organization; "
        "your identity is kept confidential."
    ),
    Kind.RECOMMENDATION: _("You propose how something should be done, changed or improved."),
    Kind.FEEDBACK: _("You tell the authorities about a problem or situation you have seen."),
}


# --- the client's address and the limits ----------------------------------------------------------


def client_address(request) -> str:
    """The client's address as the server sees it (REMOTE_ADDR). Behind a reverse proxy the
    deployment must set REMOTE_ADDR to the real client (e.g. gunicorn's --forwarded-allow-ips
    with the proxy's X-Forwarded-For, or the proxy's PROXY protocol); otherwise every citizen
    shares the proxy's address and its limits."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def source_of(request) -> str:
    """The hashed address a submission or a look-up is counted under."""
    return services.source_key(client_address(request))


def lookups_per_minute() -> int:
    return getattr(settings, "DANVAN_PUBLIC_LOOKUPS_PER_MINUTE", LOOKUPS_PER_MINUTE)


def lookup_allowed(source: str, *, now: float | None = None) -> bool:
    """Count one tracking-code look-up from `source`; False once it made more than
    `DANVAN_PUBLIC_LOOKUPS_PER_MINUTE` in the current minute. A code has 32^10 values, and this
    keeps guessing one hopeless. The counter lives in Django's cache: with several server
    processes the cache must be shared (e.g. Redis or the database cache) for the limit to be
    one per address rather than one per process."""
    minute = int((now if now is not None else time.time()) // 60)
    key = f"danvan.petitions.lookups:{source}:{minute}"
    if cache.add(key, 1, timeout=120):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=120)
            count = 1
    return count <= lookups_per_minute()


def check_contact(people: list[dict]) -> None:
    """The answer must be able to reach the petitioner: the first one gives an address, a phone
    number or an e-mail address besides their name (Luật Khiếu nại Art. 8, Luật Tố cáo Art. 23)."""
    first = people[0] if people else {}
    if not any(str(first.get(name) or "").strip() for name in ("address", "phone", "email")):
        raise ServiceError(
            gettext("Give your address, phone number or e-mail address, so that the answer can reach you.")
        )


# --- areas ----------------------------------------------------------------------------------------


def provinces():
    """The 34 provinces and centrally-run cities in force today."""
    return (
        Area.objects.active(today()).filter(level=AreaLevel.PROVINCE, era=Era.CURRENT).order_by("name_sort")
    )


def communes_of(province_id) -> list[Area]:
    """The communes, wards and special zones in force today in a province (none for a bad id)."""
    try:
        province = provinces().get(pk=int(province_id))
    except (TypeError, ValueError, OverflowError, Area.DoesNotExist):
        return []
    return list(
        Area.objects.active(today())
        .filter(
            level=AreaLevel.COMMUNE, era=Era.CURRENT, path__startswith=province.path, depth=province.depth + 1
        )
        .order_by("name_sort")
        .only("pk", "name")
    )


# --- the petition form ----------------------------------------------------------------------------


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Up to `MAX_FILES` files of at most 10 MB each (their type is checked by the service)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "form-control", "multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(_("At most %(n)s files can be attached.") % {"n": MAX_FILES})
        for upload in uploads:
            if getattr(upload, "size", 0) > MAX_FILE_BYTES:
                raise forms.ValidationError(
                    _("“%(name)s” is larger than 10 MB.") % {"name": getattr(upload, "name", "")}
                )
        return [super(MultipleFileField, self).clean(upload, initial) for upload in uploads]


class PetitionForm(forms.Form):
    """What a citizen writes: the kind, topic, subject and content, the place, and files. The
    petitioners come in `PersonFormSet`."""

    kind = forms.ChoiceField(label=_("Kind of petition"), choices=Kind.choices, widget=forms.RadioSelect)
    topic = forms.ChoiceField(
        label=_("Topic"), choices=Topic.choices, initial=Topic.OTHER, widget=forms.Select(attrs=SELECT)
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=MAX_SUBJECT,
        help_text=_("One line: what the petition is about."),
        widget=forms.TextInput(attrs={**TEXT, "maxlength": MAX_SUBJECT}),
    )
    content = forms.CharField(
        label=_("Content"),
        max_length=MAX_CONTENT,
        help_text=_("What happened, when and where, and what you ask for."),
        widget=forms.Textarea(attrs={**TEXT, "rows": 8, "maxlength": MAX_CONTENT}),
    )
    province = forms.ChoiceField(label=_("Province or city"), choices=(), widget=forms.Select(attrs=SELECT))
    area = forms.ChoiceField(
        label=_("Commune, ward or special zone"), choices=(), widget=forms.Select(attrs=SELECT)
    )
    location = forms.CharField(
        label=_("Where exactly"),
        max_length=MAX_LOCATION,
        required=False,
        help_text=_("Village, residential group, street or place the petition is about."),
        widget=forms.TextInput(attrs={**TEXT, "maxlength": MAX_LOCATION}),
    )
    files = MultipleFileField(
        label=_("Attached documents"),
        required=False,
        help_text=_("Up to 5 files of at most 10 MB each: photos (JPEG, PNG, WebP), PDF, Word or Excel."),
    )
    # a honeypot: hidden from people, filled in by robots that fill in every field
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control", "tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("— choose the province or city —"))] + [
            (str(p.pk), p.name) for p in provinces()
        ]
        province = self.data.get("province") if self.is_bound else self.initial.get("province")
        self.communes = communes_of(province) if province else []
        placeholder = _("— choose —") if self.communes else _("— choose the province first —")
        self.fields["area"].choices = [("", placeholder)] + [(str(a.pk), a.name) for a in self.communes]
        # with JavaScript, choosing the province loads its communes (htmx); without, a button does
        self.fields["province"].widget.attrs.update(
            {
                "hx-get": reverse("public_petitions:communes"),
                "hx-trigger": "change",
                "hx-target": "#id_area",
                "hx-swap": "innerHTML",
            }
        )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("The petition could not be sent."), code="honeypot")
        return ""

    @property
    def is_robot(self) -> bool:
        return self.has_error("website", code="honeypot")

    def data_for_service(self, people: list[dict]) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "topic": data["topic"],
            "subject": data["subject"],
            "content": data["content"],
            "location": data.get("location", ""),
            "area": int(data["area"]),
            "petitioners": people,
        }

    def kinds(self):
        """The kind radio buttons, each with its one-line explanation."""
        return [(radio, KIND_HELP[radio.data["value"]]) for radio in self["kind"]]


class PersonForm(forms.Form):
    name = forms.CharField(
        label=_("Full name"), max_length=120, widget=forms.TextInput(attrs={**TEXT, "autocomplete": "name"})
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={**TEXT, "autocomplete": "email"}),
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={**TEXT, "autocomplete": "street-address"}),
    )
    id_number = forms.CharField(
        label=_("ID card number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric"}),
    )


class _People(forms.BaseFormSet):
    """The petitioners: the first is required, the others are optional rows. No row counts as
    "initial", so an empty extra row is simply ignored."""

    def initial_form_count(self):
        return 0

    def people(self) -> list[dict]:
        return [
            {key: value for key, value in form.cleaned_data.items() if value}
            for form in self.forms
            if form.cleaned_data
        ]


_PersonFormSet = forms.formset_factory(
    PersonForm,
    formset=_People,
    extra=0,
    min_num=1,
    max_num=MAX_PEOPLE,
    absolute_max=MAX_PEOPLE,
    validate_min=True,
    validate_max=True,
)


def person_formset(data=None, *, initial=None, extra: int = 0):
    """The petitioners' rows (prefix "person"), bound to `data` or shown with `initial`."""
    formset_class = _PersonFormSet
    if extra:
        formset_class = type("PersonFormSet", (_PersonFormSet,), {"extra": extra})
    return formset_class(
        data,
        initial=initial,
        prefix="person",
        error_messages={
            "too_many_forms": _("At most %(n)s petitioners can be listed on this form.") % {"n": MAX_PEOPLE},
            "too_few_forms": _("Give the name of at least one petitioner."),
            "missing_management_form": _("The form is incomplete; please fill it in again."),
        },
    )


# --- tracking ------------------------------------------------------------------------------------


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                **TEXT,
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "placeholder": "K7QM-3XPA-92",
            }
        ),
    )

    def clean_code(self):
        code = normalize_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(
                _("A tracking code has 10 letters and digits, e.g. K7QM-3XPA-92. Check it and try again.")
            )
        return code


class FeedbackForm(forms.Form):
    """The citizen's answer to "has it been resolved?": confirm, or reopen with an explanation."""

    answer = forms.ChoiceField(choices=[("confirm", "confirm"), ("reopen", "reopen")])
    explanation = forms.CharField(
        label=_("What is still not resolved?"),
        max_length=MAX_EXPLANATION,
        required=False,
        widget=forms.Textarea(attrs={**TEXT, "rows": 4, "maxlength": MAX_EXPLANATION}),
    )
