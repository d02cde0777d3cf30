"""The life of a periodic report, as data, in one place (DHIS2's data approval is the model).

A unit's report is drafted, submitted to the unit that asked for it, and accepted, or returned
with comments and submitted again. Submitting freezes what the report says (its snapshot);
accepting locks it for good. The asking unit's own summary report ("báo cáo tổng hợp"), which
rolls up its reporters' accepted reports, has no one above it in the regime: its standing agency
issues it directly.

Preparing a report needs `reports.prepare` on the reporting unit; returning, accepting and
issuing need `reports.review` on the unit that asked for the report (the regime's issuing unit).
Services apply these rules; pages, the API and the tests read them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.workflow import Transition, table


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")


S = ReportStatus
PREPARE = "reports.prepare"
REVIEW = "reports.review"

TRANSITIONS: dict[str, Transition] = table(
    Transition("submit", _("Submit the report"), frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED, PREPARE),
    Transition(
        "return",
        _("Return for revision"),
        frozenset({S.SUBMITTED}),
        S.RETURNED,
        REVIEW,
        needs_comment=True,
        style="warning",
    ),
    Transition(
        "accept", _("Accept the report"), frozenset({S.SUBMITTED}), S.ACCEPTED, REVIEW, style="success"
    ),
    # the asking unit's own summary report
    Transition(
        "issue", _("Issue the summary report"), frozenset({S.DRAFT}), S.ACCEPTED, REVIEW, style="success"
    ),
)

# the actions of a reporter's report and of the summary report
REPORTER_ACTIONS = frozenset({"submit", "return", "accept"})
SUMMARY_ACTIONS = frozenset({"issue"})

# a report can be written while it is a draft or has been returned; a submitted one waits for the
# review, an accepted one is final
EDITABLE = frozenset({S.DRAFT, S.RETURNED})
# the report's figures are frozen (its snapshot) in these states
FROZEN = frozenset({S.SUBMITTED, S.ACCEPTED})

LOG_LABELS = {
    "create": _("Report opened"),
    "correct": _("Figure corrected"),
    "uncorrect": _("Correction removed"),
}


def available(status: str, *, summary: bool) -> list[Transition]:
    actions = SUMMARY_ACTIONS if summary else REPORTER_ACTIONS
    return [t for t in TRANSITIONS.values() if status in t.sources and t.action in actions]


def action_label(action: str) -> str:
    rule = TRANSITIONS.get(action)
    return str(rule.label if rule else LOG_LABELS.get(action, action))
