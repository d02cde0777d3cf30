"""Reading training sessions: the one definition of a filtered list, shared by the list page, the
XLSX export and the API, and its totals through the registered metrics."""

from __future__ import annotations

from django.db.models import Q

from danvan.orgs.models import Unit, UnitSuccession
from danvan.training.metrics import LIST_TOTALS
from danvan.training.services import visible_sessions

ORDERING = ("-held_on", "-pk")


def within_q(unit: Unit) -> Q:
    """A unit's subtree, and the former units its units succeeded (their sessions are its history)."""
    predecessors = UnitSuccession.objects.filter(successor__path__startswith=unit.path).values("predecessor")
    return Q(organizer__path__startswith=unit.path) | Q(organizer__in=predecessors)


def filter_sessions(user, within: Unit | None = None, *, q: str = "", year: int | None = None, **lookups):
    """The sessions `user` may see in `within`'s subtree, held (or planned) in `year`, narrowed by
    exact `lookups` (topic=…, level=…, status=…, campaign_id=…; empty values are ignored) and the
    text `q` (diacritics-insensitive, in the title), newest first — best matches first when searching."""
    qs = visible_sessions(user)
    if within is not None:
        qs = qs.filter(within_q(within))
    if year:
        qs = qs.filter(held_on__year=year)
    lookups = {key: value for key, value in lookups.items() if value not in (None, "")}
    if lookups:
        qs = qs.filter(**lookups)
    if q:
        return qs.search(q).order_by("search_rank", *ORDERING)
    return qs.order_by(*ORDERING)


def totals(sessions) -> list[tuple[object, object]]:
    """(metric, value) of the list's totals over exactly these sessions: each metric's own
    definition (held only, …) applied to the rows listed — one query per metric."""
    ids = sessions.order_by().values("pk")
    return [
        (metric, metric.rows().filter(pk__in=ids).aggregate(value=metric.value)["value"] or 0)
        for metric in LIST_TOTALS
    ]
