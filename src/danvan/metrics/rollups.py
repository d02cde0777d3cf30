"""Stored figures of a unit's subtree (rollups), kept exact by the writes (issue #8).

A province's dashboard counts tens of thousands of rows, the country's hundreds of thousands: some
eighty aggregates per page. The figures do not change between two writes under the province, so
they are stored, per unit path and figure (``Rollup``), and read in two queries.

The invariant that keeps a stored figure exact:

- every write to a row a metric counts draws a new random stamp (``RollupStamp``) for the row's
  unit and every unit above it, and, for a former unit, for its default successor and the units
  above that (their figures count the former unit's rows, ``registry.former_units``). The
  metrics' own models are watched by signals (save, delete), and each app declares with
  :func:`watch` the other models its metrics read through (a decision's status, a period's due
  date); services that write in bulk, where no signal fires, call :func:`touch` themselves;
- a figure is stored with the stamp its unit had *before* it was computed and the day it was
  computed, and used only while both still hold. A write that lands during the computation has
  already drawn (or will draw, once written) a new stamp, so the figure computed from the older
  rows is never used after it; a figure that depends on the day ("overdue", "not updated for
  90 days") lasts at most that day.

The stamps are drawn after the write (post_save) or, for a delete, inside the delete's
transaction, so no reader can store a figure under a stamp that outlives the rows it counted.
Loaders that write with ``QuerySet.update`` or raw SQL (the demo, ``gen_data``) call
:func:`reset`, which forgets every stored figure.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import DatabaseError, transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save, pre_delete

from danvan.metrics.models import Rollup, RollupStamp

logger = logging.getLogger(__name__)

STEPLEN = 4  # orgs.Unit.steplen: the length of one level of a materialized path


# --- the writers' side ----------------------------------------------------------------------------
def touch(unit_ids: Iterable[int | None]) -> None:
    """A row counted for these units changed: the figures of every subtree holding them are stale."""
    from danvan.orgs.models import Unit, UnitSuccession

    ids = {unit_id for unit_id in unit_ids if unit_id is not None}
    if not ids:
        return
    rows = list(Unit.objects.filter(pk__in=ids).values_list("path", "valid_until"))
    paths = {path for path, _valid_until in rows}
    if any(valid_until is not None for _path, valid_until in rows):
        paths |= set(
            UnitSuccession.objects.filter(predecessor_id__in=ids, is_default=True).values_list(
                "successor__path", flat=True
            )
        )
    touch_paths(paths)


def touch_paths(paths: Iterable[str]) -> None:
    """New stamps for these unit paths and every path above them, in one statement."""
    targets = sorted({path[:end] for path in paths for end in range(STEPLEN, len(path) + 1, STEPLEN)})
    if not targets:
        return
    RollupStamp.objects.bulk_create(
        [RollupStamp(path=path, stamp=_new_stamp()) for path in targets],
        update_conflicts=True,
        unique_fields=["path"],
        update_fields=["stamp"],
    )


def reset() -> None:
    """Forget every stored figure (after a load that wrote around the models' signals)."""
    Rollup.objects.all().delete()


def _new_stamp() -> int:
    return secrets.randbelow(2**62) + 1  # never 0, the stamp of a unit nothing was written under


# --- the readers' side ----------------------------------------------------------------------------
class Figures:
    """The stored figures of one unit's subtree, for today.

    ``Figures(unit, on)`` reads the unit's stamp and every figure stored under it (two queries);
    ``get(key, compute)`` returns a stored figure or computes it; ``save()`` stores the figures
    computed meanwhile, in one statement. A key names the figure and everything it depends on
    besides the unit and the day (the metric, the period, the dimension)."""

    def __init__(self, unit, on: date, *, stamp: int | None = None, stored: dict | None = None):
        self.path = unit.path
        self.on = on
        if stamp is None:  # read here (``many`` reads them for many units at once)
            stamp = _stamp(self.path)
            stored = dict(
                Rollup.objects.filter(path=self.path, stamp=stamp, computed_on=on).values_list("key", "value")
            )
        self.stamp = stamp
        self.stored = stored or {}
        self.fresh: dict[str, Any] = {}

    @classmethod
    def many(cls, units, on: date) -> dict[str, Figures]:
        """{path: Figures} for many units in two queries (the country's provinces)."""
        units = list(units)
        paths = [unit.path for unit in units]
        stamps = dict(RollupStamp.objects.filter(path__in=paths).values_list("path", "stamp"))
        cells: dict[str, dict] = {path: {} for path in paths}
        for path, key, stamp, value in Rollup.objects.filter(path__in=paths, computed_on=on).values_list(
            "path", "key", "stamp", "value"
        ):
            if stamp == stamps.get(path, 0):
                cells[path][key] = value
        return {
            unit.path: cls(unit, on, stamp=stamps.get(unit.path, 0), stored=cells[unit.path])
            for unit in units
        }

    @staticmethod
    def save_many(stores: Iterable[Figures]) -> None:
        """Store what each of them computed, in one statement."""
        stores = [store for store in stores if store.fresh]
        if not stores:
            return
        rows = [row for store in stores for row in store._rows()]
        _store(rows, ", ".join(store.path for store in stores))
        for store in stores:
            store.stored.update(store.fresh)
            store.fresh = {}

    def get(self, key: str, compute: Callable[[], Any]) -> Any:
        if key in self.stored:
            return decode(self.stored[key])
        value = compute()
        self.fresh[key] = encode(value)
        return value

    def save(self) -> None:
        Figures.save_many([self])

    def _rows(self) -> list[Rollup]:
        return [
            Rollup(path=self.path, key=key, stamp=self.stamp, computed_on=self.on, value=value)
            for key, value in self.fresh.items()
        ]


def _store(rows: list[Rollup], what: str) -> None:
    try:
        with transaction.atomic():
            Rollup.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["path", "key"],
                update_fields=["stamp", "computed_on", "value"],
            )
    except DatabaseError:  # e.g. a read-only replica: the figures are computed again next time
        logger.warning("rollups of %s not stored", what, exc_info=True)


def stored(store: Figures | None, key: str, compute: Callable[[], Any]) -> Any:
    """A figure from a unit's stored figures when a store is given, else computed."""
    return store.get(key, compute) if store is not None else compute()


def _stamp(path: str) -> int:
    return RollupStamp.objects.filter(path=path).values_list("stamp", flat=True).first() or 0


def encode(value: Any) -> Any:
    """A figure as JSON: numbers (Decimal kept exact), and mappings and lists of them; mapping keys
    are kept with their type (ids, codes, paths, None) as [key, value] pairs."""
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, Decimal):
        return {"d": str(value)}
    if isinstance(value, dict):
        return {"m": [[_key(key), encode(item)] for key, item in value.items()]}
    if isinstance(value, list | tuple):
        return {"l": [encode(item) for item in value]}
    raise TypeError(f"a rollup cannot store {type(value).__name__}")


def decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "d" in value:
            return Decimal(value["d"])
        if "m" in value:
            return {key: decode(item) for key, item in value["m"]}
        return [decode(item) for item in value["l"]]
    return value


def _key(key: Any) -> Any:
    if key is None or isinstance(key, int | str):
        return key
    raise TypeError(f"a rollup cannot store a key of type {type(key).__name__}")


# --- what the writes touch -------------------------------------------------------------------------
_WATCHED: dict[str, set[str]] = {}


def watch(model: str, *lookups: str) -> None:
    """Writes to ``model`` ("app_label.ModelName") change the figures of the units these lookups
    lead to from one of its rows ("unit", "initiative__owner_unit", "entries__proposal__proposing_unit";
    "pk" for a unit itself). Declared by each app in its metrics.py beside its metrics; the metrics'
    own models are watched through their ``unit_field`` without being declared."""
    _WATCHED.setdefault(model, set()).update(lookups)


def connect() -> None:
    """Connect the signals of every watched model (the metrics app's ready(), once)."""
    from danvan.metrics import registry

    for metric in registry.all_metrics():
        watch(metric.model, metric.unit_field)
    # a unit's type (the breakdown by type of owning unit), its end (its rows then count for its
    # successor) and the successions themselves
    watch("orgs.Unit", "pk")
    watch("orgs.UnitSuccession", "predecessor", "successor")
    for label, lookups in _WATCHED.items():
        model = apps.get_model(label)
        _Watcher(model, tuple(sorted(lookups))).connect()


class _Watcher:
    def __init__(self, model: type[Model], lookups: tuple[str, ...]):
        self.model = model
        # a lookup that is the row's own foreign key (or the row itself) is read from the instance,
        # with the value it was loaded with (a model moved to another unit stales both); the others
        # are followed in the database
        self.direct = {}
        self.nested = []
        for lookup in lookups:
            if lookup == "pk":
                self.direct[lookup] = "pk"
                continue
            field = None if "__" in lookup else model._meta.get_field(lookup)
            if field is not None and field.many_to_one:
                self.direct[lookup] = field.attname
            else:
                self.nested.append(lookup)
        self.uid = f"rollups:{model._meta.label}"

    def connect(self) -> None:
        if any(attname != "pk" for attname in self.direct.values()):
            post_init.connect(self.loaded, sender=self.model, dispatch_uid=self.uid, weak=False)
        post_save.connect(self.saved, sender=self.model, dispatch_uid=self.uid, weak=False)
        pre_delete.connect(self.deleting, sender=self.model, dispatch_uid=self.uid, weak=False)
        post_delete.connect(self.deleted, sender=self.model, dispatch_uid=self.uid, weak=False)

    def _direct(self, instance) -> set:
        return {getattr(instance, attname) for attname in self.direct.values()}

    def _nested(self, pk) -> set:
        units: set = set()
        for lookup in self.nested:
            units.update(self.model._default_manager.filter(pk=pk).values_list(lookup, flat=True))
        return units

    def loaded(self, sender, instance, **kwargs) -> None:
        instance.__dict__["_rollup_units"] = {
            instance.__dict__.get(attname) for attname in self.direct.values() if attname != "pk"
        }

    def saved(self, sender, instance, raw=False, **kwargs) -> None:
        units = (
            self._direct(instance) | instance.__dict__.get("_rollup_units", set()) | self._nested(instance.pk)
        )
        touch(units)
        self.loaded(sender, instance)

    def deleting(self, sender, instance, **kwargs) -> None:
        instance.__dict__["_rollup_deleted"] = self._direct(instance) | self._nested(instance.pk)

    def deleted(self, sender, instance, **kwargs) -> None:
        touch(instance.__dict__.pop("_rollup_deleted", set()) | instance.__dict__.get("_rollup_units", set()))


def watch_m2m(model: str, field: str, lookup: str) -> None:
    """Adding or removing the ``field`` links of a ``model`` row (a model's topics) changes the
    figures of the unit ``lookup`` leads to from the row."""
    model_class = apps.get_model(model)
    through = getattr(model_class, field).through

    def changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
        if not reverse and action in ("post_add", "post_remove", "post_clear"):
            rows = [instance.pk]
        elif reverse and action in ("post_add", "post_remove"):
            rows = list(pk_set or ())
        elif reverse and action == "pre_clear":  # the other side cleared: every row still linked to it
            rows = list(model_class._default_manager.filter(**{field: instance}).values_list("pk", flat=True))
        else:
            return
        touch(model_class._default_manager.filter(pk__in=rows).values_list(lookup, flat=True))

    m2m_changed.connect(changed, sender=through, dispatch_uid=f"rollups:{model}.{field}", weak=False)
