"""Labels of the round log (`RoundEvent.action`), shared by the pages and the API."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.appraisal.workflow import TRANSITIONS

EVENT_LABELS = {
    "create": _("Round created"),
    "edit": _("Round changed"),
    "add_candidate": _("Candidate added"),
    "gather": _("Candidates gathered"),
    "remove_candidate": _("Candidate removed"),
    "withdraw": _("Candidate withdrawn"),
    "survey": _("Satisfaction survey entered"),
    "appoint": _("Council member appointed"),
    "dismiss": _("Council member removed"),
    "save_draft": _("Scorecard saved as a draft"),
    "submit": _("Scorecard submitted"),
    "recuse": _("Member recused"),
    "criteria_updated": _("Criteria moved to a new version"),
}


def event_label(action: str) -> str:
    rule = TRANSITIONS.get(action)
    return str(rule.label if rule else EVENT_LABELS.get(action, action))
