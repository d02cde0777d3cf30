"""Shared model building blocks."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def today() -> date:
    return timezone.localdate()


class ValidityQuerySet(models.QuerySet):
    def active(self, on: date | None = None):
        """Rows in force on a day (default today)."""
        on = on or today()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on),
            Q(valid_until__isnull=True) | Q(valid_until__gte=on),
        )

    def inactive(self, on: date | None = None):
        on = on or today()
        return self.filter(Q(valid_from__gt=on) | Q(valid_until__lt=on))


class Validity(models.Model):
    """Administrative units and organizations exist for a period: merged ones keep their history."""

    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        abstract = True

    def is_active(self, on: date | None = None) -> bool:
        on = on or today()
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_until is None or self.valid_until >= on
        )

    @property
    def active(self) -> bool:
        return self.is_active()


class PathField(models.CharField):
    """The materialized path of a tree (treebeard's `path`), compared byte by byte.

    "The subtree of a unit" is `path__startswith=unit.path` everywhere. As SQL `LIKE 'prefix%'`
    neither database uses the path's index for it (SQLite's LIKE folds case; PostgreSQL needs a
    pattern-ops index and a plain-text operand), so every subtree query scanned the whole table.
    Here `startswith` with a plain value is the range `path >= prefix AND path < next(prefix)`,
    which both use the unique index for; the column collates byte by byte ("C" on PostgreSQL,
    SQLite's default BINARY) so that the range holds in any database locale."""

    def db_parameters(self, connection):
        parameters = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            parameters["collation"] = "C"
        return parameters


@PathField.register_lookup
class PathStartsWith(models.lookups.StartsWith):
    def as_sql(self, compiler, connection):
        prefix = self.rhs
        if (
            not self.rhs_is_direct_value()
            or self.bilateral_transforms
            or not isinstance(prefix, str)
            or not prefix
        ):
            return super().as_sql(compiler, connection)
        # the column itself, without the `::text` cast PostgreSQL's pattern lookups put on it
        lhs, lhs_params = compiler.compile(self.lhs)
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return f"({lhs} >= %s AND {lhs} < %s)", [*lhs_params, prefix, *lhs_params, upper]


def tree_manager(queryset_class):
    """A treebeard MP manager whose querysets are `queryset_class` (treebeard hard-codes its own)."""
    from treebeard.mp_tree import MP_NodeManager

    class TreeManager(MP_NodeManager.from_queryset(queryset_class)):
        def get_queryset(self):
            return queryset_class(self.model, using=self._db).order_by("path")

    return TreeManager


class SearchableQuerySet(models.QuerySet):
    """Diacritics-insensitive search over a stored folded column (`name_folded`)."""

    search_field = "name_folded"

    def search(self, query: str):
        from django.db.models import Case, IntegerField, Value, When

        from danvan.core.text import fold, search_terms

        terms = search_terms(query)
        if not terms:  # still rank, so that callers may order by it
            return self.annotate(search_rank=Value(0, output_field=IntegerField()))
        qs = self
        for term in terms:
            qs = qs.filter(**{f"{self.search_field}__contains": term})
        phrase = fold(query)
        # the whole phrase first, then names starting with it, then the rest
        return qs.annotate(
            search_rank=Case(
                When(**{f"{self.search_field}__endswith": phrase}, then=Value(0)),
                When(**{f"{self.search_field}__contains": phrase}, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )


class CalendarDayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Day off")
    WORKING_DAY = "working_day", _("Make-up working day")


class CalendarDay(models.Model):
    """A day the Government moved: an extra day off, or a weekend day worked in exchange.

    The public holidays themselves come from the `holidays` package (see `danvan.core.calendar`);
    these rows record what it does not know yet, or gets wrong, as the arrangement for Tết and the
    swapped days are announced each year. A row overrides the package for its date."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=CalendarDayKind.choices)
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Tết holiday (moved), or: worked in exchange for 2 May"),
    )
    basis = models.CharField(
        _("legal basis"),
        max_length=200,
        blank=True,
        help_text=_("The announcement that set the day, e.g. Thông báo 6150/TB-BLĐTBXH"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"


def _calendar_changed(**kwargs):
    from django.db import transaction

    from danvan.core.calendar import clear_cache

    clear_cache()
    # a reader in another thread may load the old rows before this transaction commits
    transaction.on_commit(clear_cache)


models.signals.post_save.connect(_calendar_changed, sender=CalendarDay, dispatch_uid="calendar_day_saved")
models.signals.post_delete.connect(_calendar_changed, sender=CalendarDay, dispatch_uid="calendar_day_deleted")
