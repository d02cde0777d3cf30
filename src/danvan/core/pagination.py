"""Pages of a list whose total comes with the rows: one query instead of two.

A list page shows its rows and how many there are. Django's ``Paginator`` counts first (``SELECT
COUNT(*)`` over the filtered rows), then reads the page: over a province's models with a text
search, each of the two reads every name of the subtree. Here the total is a window over the
same rows (``COUNT(*) OVER ()``), read with the page. It falls back to counting apart when the
window cannot say it: a page past the end or an empty list (no row to carry it), rows made
distinct (the window counts before DISTINCT), or a list that is not a queryset of models.
"""

from __future__ import annotations

from django.core.paginator import PageNotAnInteger, Paginator
from django.db.models import Count, QuerySet, Window

TOTAL = "listed_total"  # the annotation carrying the total on each row


def counted_slice(items, offset: int, limit: int) -> tuple[int | None, list]:
    """(the total, the rows [offset, offset + limit)) read together; the total is None when the
    rows cannot carry it (see the module), and the rows then are not read either."""
    if not _windowable(items) or limit <= 0:
        return None, []
    rows = list(items.annotate(**{TOTAL: Window(Count("*"))})[offset : offset + limit])
    if not rows:
        return None, []
    return getattr(rows[0], TOTAL), rows


def _windowable(items) -> bool:
    if not isinstance(items, QuerySet):
        return False
    query = items.query
    return not (query.distinct or query.combinator or query.is_sliced or query.values_select)


class CountingPaginator(Paginator):
    """A ``Paginator`` (same pages, same errors) that counts in the query reading the page."""

    def page(self, number):
        found = self._counted_page(number)
        return found if found is not None else super().page(number)

    def get_page(self, number):
        try:
            found = self._counted_page(number)
        except PageNotAnInteger:
            found = self._counted_page(1)
        return found if found is not None else super().get_page(number)

    def _counted_page(self, number):
        number = _integer(number, self)
        if number < 1 or self.orphans or "count" in self.__dict__:
            return None
        total, rows = counted_slice(self.object_list, (number - 1) * self.per_page, self.per_page)
        if total is None:
            return None
        self.__dict__["count"] = total  # Paginator.count is a cached property
        return self._get_page(rows, number, self)


def _integer(number, paginator: Paginator) -> int:
    """The page number as ``Paginator.validate_number`` reads it, without counting."""
    try:
        if isinstance(number, float) and not number.is_integer():
            raise ValueError
        return int(number)
    except (TypeError, ValueError):
        raise PageNotAnInteger(paginator.error_messages["invalid_page"]) from None
