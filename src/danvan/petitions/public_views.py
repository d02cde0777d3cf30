"""The public pages of petitions, for citizens without an account (issue #7 points 1, 8):

* "Gửi đơn" — the petition form (`submit`), then a confirmation with the tracking code and the
  date by which the competent authority answers (`sent`);
* "Tra cứu" — the tracking-code form (`track`) and the status page (`status`): kind, subject,
  dates, status, the current due date and the public events and replies — never the petitioners,
  officers' names, internal comments or files; once resolved the citizen confirms it (closed) or
  reopens it with an explanation (`feedback`).

Abuse resistance: Django's CSRF protection on every form, a honeypot field, size limits (forms),
a quota of petitions per client address (`services.public_quota_left`, per hour and per day)
and a rate of tracking-code look-ups per address (`public_forms.lookup_allowed`). Writes go
through `services` only."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy
from django.views.decorators.http import require_GET, require_POST

from danvan.core.services import ServiceError
from danvan.petitions import services
from danvan.petitions.models import Petition, normalize_code
from danvan.petitions.public_forms import (
    MAX_PEOPLE,
    FeedbackForm,
    PetitionForm,
    TrackForm,
    check_contact,
    communes_of,
    lookup_allowed,
    person_formset,
    source_of,
)
from danvan.petitions.workflow import PetitionStatus

SENT_KEY = "petitions.sent"  # the session remembers the code just sent, for the confirmation page
S = PetitionStatus
# the states as the citizen reads them (their own context: the officers' words may differ)
STATUS_LABELS = {
    S.RECEIVED: pgettext_lazy("public petition status", "Received"),
    S.ACCEPTED: pgettext_lazy("public petition status", "Accepted for resolution"),
    S.RESOLVED: pgettext_lazy("public petition status", "Resolved"),
    S.CLOSED: pgettext_lazy("public petition status", "Closed"),
    S.REFUSED: pgettext_lazy("public petition status", "Not accepted"),
    S.FORWARDED: pgettext_lazy("public petition status", "Forwarded to another body"),
}


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, "")) if status else ""


# --- what the citizen may see ----------------------------------------------------------------------


def public_view(petition: Petition) -> dict:
    """Everything the public side shows of a petition (the pages and the API): no petitioner, no
    officer, no internal comment, no file."""
    open_ = petition.is_open
    deadline = services.current_deadline(petition) if open_ else None
    events = []
    for event in services.public_events(petition):
        if event.by_citizen and event.action == "confirm":
            what = _("You confirmed that the problem was resolved.")
        elif event.by_citizen and event.action == "reopen":
            what = _("You said that the problem was not resolved; the petition was reopened.")
        else:
            what = ""
        events.append(
            {
                "date": timezone.localdate(event.at),
                "status": event.to_status,
                "status_label": status_label(event.to_status),
                "reply": event.reply,
                "note": what,
            }
        )
    return {
        "code": petition.code,
        "kind": petition.kind,
        "kind_label": petition.get_kind_display(),
        "topic": petition.topic,
        "topic_label": petition.get_topic_display(),
        "subject": petition.subject,
        "status": petition.status,
        "status_label": status_label(petition.status),
        "received_on": petition.received_on,
        "due_on": petition.due_on if open_ else None,
        "deadline": describe(deadline),
        "unit": petition.unit.name,
        "resolved_on": petition.resolved_on,
        "awaiting_feedback": petition.status == PetitionStatus.RESOLVED,
        "satisfied": petition.satisfied,
        "events": events,
    }


def describe(deadline) -> str:
    """The current step's legal time in plain words ("10 working days from 02/03/2026"), without
    the officers' notes on the rule set."""
    if deadline is None:
        return ""
    values = {"days": deadline.days, "start": deadline.start.strftime("%d/%m/%Y")}
    if deadline.working:
        text = ngettext(
            "%(days)s working day from %(start)s", "%(days)s working days from %(start)s", deadline.days
        )
    else:
        text = ngettext("%(days)s day from %(start)s", "%(days)s days from %(start)s", deadline.days)
    return text % values


def find(code: str) -> Petition | None:
    """The petition with this tracking code (any spelling `normalize_code` accepts), or None."""
    code = normalize_code(code)
    if not code:
        return None
    return Petition.objects.select_related("unit").filter(code=code).first()


# --- pages -----------------------------------------------------------------------------------------


TABS = {"submit.html": "submit", "sent.html": "submit", "index.html": ""}


def _render(request, template: str, context: dict | None = None, *, status: int = 200):
    context = {"tab": TABS.get(template, "track"), **(context or {})}
    return render(request, f"petitions/public/{template}", context, status=status)


@require_GET
def index(request):
    return _render(request, "index.html", {"track_form": TrackForm()})


def _initial_people(data) -> list[dict]:
    """The petitioners' rows as typed (to show the form again without judging it)."""
    rows = []
    try:
        total = min(int(data.get("person-TOTAL_FORMS", 1)), MAX_PEOPLE)
    except (TypeError, ValueError):
        total = 1
    for i in range(max(total, 1)):
        rows.append(
            {f: data.get(f"person-{i}-{f}", "") for f in ("name", "phone", "email", "address", "id_number")}
        )
    return rows


def _redisplay(request, *, add_person: bool = False):
    """Show the form again as typed, without errors: after choosing the province (without
    JavaScript) or asking for another petitioner's row."""
    fields = ("kind", "topic", "subject", "content", "province", "area", "location")
    initial = {name: request.POST.get(name, "") for name in fields}
    rows = _initial_people(request.POST)
    if add_person and len(rows) < MAX_PEOPLE:
        rows.append({})
    form = PetitionForm(initial=initial)
    people = person_formset(initial=rows, extra=max(len(rows) - 1, 0))
    return _render(request, "submit.html", {"form": form, "people": people, "redisplayed": True})


def submit(request):
    """ "Gửi đơn": the public petition form."""
    if request.method != "POST":
        return _render(request, "submit.html", {"form": PetitionForm(), "people": person_formset()})
    if "pick_province" in request.POST:
        return _redisplay(request)
    if "add_person" in request.POST:
        return _redisplay(request, add_person=True)

    source = source_of(request)
    form = PetitionForm(request.POST, request.FILES)
    people = person_formset(request.POST)
    if not services.public_quota_left(source):
        return _render(
            request,
            "submit.html",
            {
                "form": form,
                "people": people,
                "error": _(
                    "Too many petitions were sent from this connection recently. "
                    "Please try again later, or hand in your petition at the citizen reception office."
                ),
            },
            status=429,
        )
    valid = [form.is_valid(), people.is_valid()]
    if form.is_robot:
        return _render(
            request,
            "submit.html",
            {
                "form": PetitionForm(),
                "people": person_formset(),
                "error": _("The petition could not be sent."),
            },
            status=400,
        )
    error = ""
    if all(valid):
        try:
            petitioners = people.people()
            check_contact(petitioners)
            petition = services.record_petition(
                form.data_for_service(petitioners),
                public=True,
                source=source,
                files=form.cleaned_data["files"],
            )
        except ServiceError as exc:
            error = " ".join(exc.messages)
        else:
            request.session[SENT_KEY] = petition.code
            return redirect("public_petitions:sent")
    return _render(request, "submit.html", {"form": form, "people": people, "error": error})


@require_GET
def communes(request):
    """The commune choices of a province (htmx swaps them into the form's select)."""
    return _render(request, "_communes.html", {"communes": communes_of(request.GET.get("province"))})


@require_GET
def sent(request):
    """The confirmation after sending: the tracking code and the first due date."""
    code = request.session.get(SENT_KEY)
    petition = find(code) if code else None
    if petition is None:
        return redirect("public_petitions:submit")
    return _render(request, "sent.html", {"petition": petition, "view": public_view(petition)})


@require_GET
def track(request):
    """ "Tra cứu": enter the tracking code."""
    if "code" not in request.GET:
        return _render(request, "track.html", {"form": TrackForm()})
    form = TrackForm(request.GET)
    if not form.is_valid():
        return _render(request, "track.html", {"form": form}, status=400)
    return redirect("public_petitions:status", code=form.cleaned_data["code"])


def _limited(request):
    return _render(
        request,
        "limited.html",
        {"message": _("Too many look-ups from this connection. Please wait a minute and try again.")},
        status=429,
    )


def _not_found(request, code: str):
    return _render(
        request, "not_found.html", {"code": code, "form": TrackForm(initial={"code": code})}, status=404
    )


@require_GET
def status(request, code: str):
    """The status page of one petition, by its tracking code."""
    if not lookup_allowed(source_of(request)):
        return _limited(request)
    petition = find(code)
    if petition is None:
        return _not_found(request, code)
    if petition.code != code:
        return redirect("public_petitions:status", code=petition.code)
    return _render(
        request,
        "status.html",
        {"petition": petition, "view": public_view(petition), "feedback_form": FeedbackForm()},
    )


@require_POST
def feedback(request, code: str):
    """The citizen answers "has it been resolved?": confirm (closed) or reopen (with why)."""
    if not lookup_allowed(source_of(request)):
        return _limited(request)
    petition = find(code)
    if petition is None:
        return _not_found(request, code)
    form = FeedbackForm(request.POST)
    target = reverse("public_petitions:status", args=[petition.code])
    if not form.is_valid():
        messages.error(request, _("Choose whether the problem was resolved."))
        return redirect(target)
    answer = form.cleaned_data["answer"]
    try:
        services.citizen_action(petition, answer, explanation=form.cleaned_data["explanation"])
    except ServiceError as exc:
        return _render(
            request,
            "status.html",
            {
                "petition": petition,
                "view": public_view(petition),
                "feedback_form": form,
                "error": " ".join(exc.messages),
            },
            status=400,
        )
    if answer == "confirm":
        messages.success(request, _("Thank you. The petition is closed."))
    else:
        messages.success(
            request, _("Thank you. The petition was reopened; the competent unit will examine it again.")
        )
    return redirect(target)
