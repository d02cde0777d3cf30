"""Reading decisions: the one filtered list (pages and API) and the one definition of the funnel
recognized → typical → proposed for commendation (DOMAIN §1, the Chợ Đồn figures)."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Max, Q

from danvan.awards.models import DecisionEntry
from danvan.awards.services import visible_decisions, visible_proposals
from danvan.awards.workflow import DecisionKind, DecisionStatus
from danvan.metrics import registry as metrics
from danvan.orgs.models import Unit, UnitSuccession

LIST_RELATED = ("issuing_unit", "issuing_body", "award_form")


def _owned_within(unit: Unit, prefix: str) -> Q:
    """Owned in `unit`'s subtree or by a former unit its units succeeded (their history)."""
    predecessors = UnitSuccession.objects.filter(successor__path__startswith=unit.path).values("predecessor")
    return Q(**{f"{prefix}__path__startswith": unit.path}) | Q(**{f"{prefix}__in": predecessors})


def filter_decisions(user, within: Unit | None = None, *, q: str = "", **lookups):
    """The decisions `user` may see issued in `within`'s subtree, narrowed by exact `lookups`
    (kind, year, status; empty values ignored) and by `q` (number and symbol, or subject),
    newest first, with the counts of their lists."""
    qs = visible_decisions(user)
    if within is not None:
        qs = qs.filter(issuing_unit__path__startswith=within.path)
    lookups = {key: value for key, value in lookups.items() if value not in (None, "")}
    if lookups:
        qs = qs.filter(**lookups)
    q = (q or "").strip()
    if q:
        head, _sep, _rest = q.partition("-")
        condition = Q(subject__icontains=q)
        if head.isdigit():
            condition |= Q(number=int(head))
        qs = qs.filter(condition)
    return qs.annotate(
        entry_count=Count("entries", distinct=True),
        typical_count=Count("entries", filter=Q(entries__typical=True), distinct=True),
    ).order_by("-date", "-number", "-pk")


def filter_proposals(user, within: Unit | None = None, **lookups):
    qs = visible_proposals(user)
    if within is not None:
        qs = qs.filter(proposing_unit__path__startswith=within.path)
    lookups = {key: value for key, value in lookups.items() if value not in (None, "")}
    return qs.filter(**lookups).order_by("-year", "-created_at", "-pk")


def _recognitions(unit: Unit):
    """Entries of issued recognition decisions listing a model of `unit`'s subtree."""
    return DecisionEntry.objects.filter(
        decision__kind=DecisionKind.RECOGNITION,
        decision__status=DecisionStatus.ISSUED,
        initiative__isnull=False,
    ).filter(_owned_within(unit, "initiative__owner_unit"))


def latest_year(unit: Unit) -> int | None:
    """The latest year in which issued decisions recognized models of `unit`'s subtree."""
    return _recognitions(unit).aggregate(year=Max("decision__year"))["year"]


# recognized: every recognition by the competent level, whether its decision was issued here or
# recorded from paper on the model's page (the same figure as the dashboards'); typical and
# proposed: the marks of issued recognition decisions
FUNNEL = (
    ("recognized", "initiatives.recognized"),
    ("typical", "awards.typical"),
    ("proposed", "awards.proposed"),
)


def funnel(unit: Unit, year: int) -> dict[str, int]:
    """How many models and exemplars of `unit`'s subtree were recognized in `year`, how many of
    them issued decisions mark typical, and how many of those they propose for commendation: the
    registered metrics, so the funnel, the dashboards and the reports never disagree.

    "Recognized" counts every recognition by the competent level, whether its decision was issued
    here or recorded from a paper decision on the model's page; a model no longer recognized (a
    revoked decision sends it to consolidation) no longer counts."""
    start, end = year_bounds(year)
    return {key: metrics.get(code).value_for(unit, start, end) for key, code in FUNNEL}


FUNNEL = (
    ("recognized", "initiatives.recognized"),
    ("typical", "awards.typical"),
    ("proposed", "awards.proposed"),
)


def commended(unit: Unit, year: int) -> int:
    """Collectives and individuals of `unit`'s subtree granted an award by an issued decision of `year`."""
    return metrics.get("awards.commended").value_for(unit, *year_bounds(year))


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)
