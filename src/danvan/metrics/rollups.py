"""Stored figures of a unit's subtree (rollups), kept exact by the writes (issue #8).

A province's dashboard counts tens of thousands of rows, the country's hundreds of thousands: some
eighty aggregates per page. The figures do not change between two writes under the province, so
they are stored, per unit path and figure (``Rollup``), and read in two queries.

The invariant that keeps a stored figure exact:

- a write draws new random stamps (``RollupStamp``) for the row's unit and every unit above it,
  and, for a former unit, for its default successor and the units above that (their figures
  count the former unit's rows, ``registry.former_units``). The metrics' own models are watched
  by signals (save, delete), and each app declares with :func:`watch` the other models its
  metrics read through (a decision's status, a period's due date); services that write in bulk,
  where no signal fires, call :func:`touch` themselves;
- the stamps are per *channel*: what the write changed. A row created, changed or deleted draws
  the channel of its model ("initiatives.Initiative"); a row changed or deleted also draws the
  channel of each field other metrics read through it ("initiatives.Initiative.field", the
  awards counters' breakdown), when that field changed; a many-to-many link draws the field's
  channel ("initiatives.Initiative.topics"); a unit, a succession and a bulk write draw
  :data:`ALL`, which every figure reads. Each figure reads the channels of the metric it comes
  from (:func:`reads`, derived from the metric's lookups), so a petition received, or a model
  registered, leaves the awards counters stored;
- a figure is stored with the stamps of its channels as they were *before* it was computed
  (folded into one number) and the day it was computed, and used only while both still hold. A
  write that lands during the computation has already drawn (or will draw, once written) a new
  stamp, so the figure computed from the older rows is never used after it; a figure that
  depends on the day ("overdue", "not updated for 90 days") lasts at most that day.

The stamps are drawn after the write (post_save) or, for a delete, inside the delete's
transaction, so no reader can store a figure under a stamp that outlives the rows it counted.
Loaders that write with ``QuerySet.update`` or raw SQL (the demo, ``gen_data``) call
:func:`reset`, which forgets every stored figure.
"""

from __future__ import annotations

import hashlib
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

_MISSING = object()
MISSING = _MISSING  # what Figures.lookup returns for a figure it does not hold

STEPLEN = 4  # orgs.Unit.steplen: the length of one level of a materialized path


# --- the writers' side ----------------------------------------------------------------------------
ALL = "*"  # the channel every figure reads: units, successions, writes in bulk


def touch(unit_ids: Iterable[int | None], channels: Iterable[str] = (ALL,)) -> None:
    """A row counted for these units changed: the figures of every subtree holding them that read
    one of these channels are stale (every figure, by default)."""
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
    touch_paths(paths, channels)


def touch_paths(paths: Iterable[str], channels: Iterable[str] = (ALL,)) -> None:
    """New stamps for these channels of these unit paths and every path above them, in one
    statement."""
    targets = sorted({path[:end] for path in paths for end in range(STEPLEN, len(path) + 1, STEPLEN)})
    channels = sorted(set(channels))
    if not targets or not channels:
        return
    RollupStamp.objects.bulk_create(
        [
            RollupStamp(path=path, channel=channel, stamp=_new_stamp())
            for path in targets
            for channel in channels
        ],
        update_conflicts=True,
        unique_fields=["path", "channel"],
        update_fields=["stamp"],
    )


def reset() -> None:
    """Forget every stored figure (after a load that wrote around the models' signals)."""
    Rollup.objects.all().delete()


def _new_stamp() -> int:
    return secrets.randbelow(2**62) + 1  # never 0, the stamp of a channel nothing was written to


# --- what a figure reads ----------------------------------------------------------------------------
def reads(metric) -> frozenset[str]:
    """The channels a metric's figures read, from its lookups: its own model's; for each field
    read through a foreign key on another model, that field's ("awards.Decision.status"); for a
    many-to-many field, the field's ("initiatives.Initiative.topics"); for rows reached back
    through a reverse relation, their model's; and :data:`ALL` (the units, their paths and types)."""
    cached = _READS.get(id(metric))
    if cached is not None and cached[0] is metric:
        return cached[1]
    channels = reads_of(metric.model, _lookups(metric))
    _READS[id(metric)] = (metric, channels)
    return channels


def _lookups(metric) -> list[str]:
    lookups = [metric.unit_field, metric.date_field or metric.year_field, *metric.dimensions.values()]
    if metric.initiative:
        lookups.append(metric.initiative)
    return lookups + _q_lookups(metric.filter, metric.code) + _expression_lookups(metric.value, metric.code)


_READS: dict[int, tuple[Any, frozenset[str]]] = {}


def reads_of(model_label: str, lookups: Iterable[str], references: dict | None = None) -> frozenset[str]:
    """The channels read by a query over ``model_label`` rows that uses these lookups. With
    ``references``, notes for each field read through other rows which rows read it, and how
    ({"initiatives.Initiative.field": {("awards.DecisionEntry", "initiative")}}; None for the way
    when it goes back through a reverse relation)."""
    from danvan.orgs.models import Unit

    root = apps.get_model(model_label)
    channels = {ALL, root._meta.label}
    for lookup in lookups:
        model = root
        owned = {root}  # models whose every write the channels cover (the rows and those reached back)
        way: list[str] | None = []  # the lookup from a root row to `model`
        for part in lookup.split("__"):
            if model is Unit:  # the tree itself: ALL
                break
            try:
                field = model._meta.get_field("id" if part == "pk" else part)
            except Exception:  # a transform or a lookup ("year", "gte", "isnull"): the end
                break
            if field.is_relation and field.auto_created and not field.concrete:  # a reverse relation
                model = field.related_model
                channels.add(model._meta.label)
                owned.add(model)
                way = None
                continue
            if model not in owned:  # a field read through other rows (a many-to-many one included)
                channel = f"{model._meta.label}.{field.name}"
                channels.add(channel)
                if references is not None:
                    references.setdefault(channel, set()).add(
                        (root._meta.label, "__".join(way) if way is not None else None)
                    )
            if not field.is_relation:
                break
            if way is not None:
                way.append(part)
            model = field.related_model
    return frozenset(channels)


def _q_lookups(condition, code: str) -> list[str]:
    from django.db.models import Q

    found = []
    for child in condition.children:
        if isinstance(child, Q):
            found += _q_lookups(child, code)
        elif isinstance(child, tuple):
            found.append(child[0])
        else:
            raise TypeError(f"metric {code}: the stored figures cannot tell what {child!r} reads")
    return found


def _expression_lookups(expression, code: str) -> list[str]:
    from django.db.models import F, Value

    if isinstance(expression, F):
        return [expression.name]
    if isinstance(expression, Value) or expression is None:
        return []
    if hasattr(expression, "query"):  # a subquery
        raise TypeError(f"metric {code}: the stored figures cannot tell what {expression!r} reads")
    found = []
    for source in expression.get_source_expressions():
        found += _expression_lookups(source, code)
    condition = getattr(expression, "filter", None)
    if condition is not None:
        found += _q_lookups(condition, code) if hasattr(condition, "children") else []
    return found


# --- the readers' side ----------------------------------------------------------------------------
class Figures:
    """The stored figures of one unit's subtree, for today.

    ``Figures(unit, on)`` reads the unit's stamps and every figure stored for it today (two
    queries); ``get(key, compute, channels)`` returns a stored figure whose channels kept their
    stamps, or computes it; ``save()`` stores the figures computed meanwhile, in one statement. A key
    names the figure and everything it depends on besides the unit and the day (the metric, the
    period, the dimension)."""

    def __init__(self, unit, on: date, *, stamps: dict | None = None, stored: dict | None = None):
        self.path = unit.path
        self.on = on
        if stamps is None:  # read here (``many`` reads them for many units at once)
            stamps = dict(RollupStamp.objects.filter(path=self.path).values_list("channel", "stamp"))
            stored = {
                key: (stamp, value)
                for key, stamp, value in Rollup.objects.filter(path=self.path, computed_on=on).values_list(
                    "key", "stamp", "value"
                )
            }
        self.stamps = stamps
        self.stored = stored or {}
        self.fresh: dict[str, tuple[int, Any]] = {}
        self._folded: dict[frozenset, int] = {}

    @classmethod
    def many(cls, units, on: date) -> dict[str, Figures]:
        """{path: Figures} for many units in two queries (the country's provinces)."""
        units = list(units)
        paths = [unit.path for unit in units]
        stamps: dict[str, dict] = {path: {} for path in paths}
        for path, channel, stamp in RollupStamp.objects.filter(path__in=paths).values_list(
            "path", "channel", "stamp"
        ):
            stamps[path][channel] = stamp
        cells: dict[str, dict] = {path: {} for path in paths}
        for path, key, stamp, value in Rollup.objects.filter(path__in=paths, computed_on=on).values_list(
            "path", "key", "stamp", "value"
        ):
            cells[path][key] = (stamp, value)
        return {unit.path: cls(unit, on, stamps=stamps[unit.path], stored=cells[unit.path]) for unit in units}

    @classmethod
    def composed(cls, whole, parts: list[str], on: date) -> Figures:
        """The stored figures of a whole made of these units' subtrees (the country of its
        provinces; ``whole`` has a path no unit has), in two queries. Its stamp of a channel folds
        every part's path and stamp of that channel: a write under any part changes it, and so
        does a part added or ended."""
        parts = sorted(parts)
        by_part: dict[str, dict[str, int]] = {path: {} for path in parts}
        for path, channel, stamp in RollupStamp.objects.filter(path__in=parts).values_list(
            "path", "channel", "stamp"
        ):
            by_part[path][channel] = stamp
        channels = {channel for stamps in by_part.values() for channel in stamps} | {ALL}
        stamps = {
            channel: _fold(f"{path}={by_part[path].get(channel, 0)}" for path in parts)
            for channel in channels
        }
        stored = {
            key: (stamp, value)
            for key, stamp, value in Rollup.objects.filter(path=whole.path, computed_on=on).values_list(
                "key", "stamp", "value"
            )
        }
        return cls(whole, on, stamps=stamps, stored=stored)

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

    def stamp(self, channels: frozenset[str]) -> int:
        """The stamps of these channels folded into one number (0 while nothing was written)."""
        folded = self._folded.get(channels)
        if folded is None:
            folded = _fold(f"{channel}={self.stamps.get(channel, 0)}" for channel in sorted(channels | {ALL}))
            self._folded[channels] = folded
        return folded

    def get(self, key: str, compute: Callable[[], Any], channels: frozenset[str]) -> Any:
        found = self.lookup(key, channels)
        if found is not _MISSING:
            return found
        value = compute()
        self.put(key, value, channels)
        return value

    def lookup(self, key: str, channels: frozenset[str]) -> Any:
        """The figure stored under ``key`` while its channels kept their stamps, else ``MISSING``
        (for a caller that computes several missing figures at once, then ``put``s them)."""
        cell = self.stored.get(key)
        if cell is not None and cell[0] == self.stamp(channels):
            return decode(cell[1])
        cell = self.fresh.get(key)
        if cell is not None and cell[0] == self.stamp(channels):
            return decode(cell[1])
        return _MISSING

    def put(self, key: str, value: Any, channels: frozenset[str]) -> None:
        """Store a figure computed from the rows, under the stamps read before it was computed."""
        self.fresh[key] = (self.stamp(channels), encode(value))

    def save(self) -> None:
        Figures.save_many([self])

    def _rows(self) -> list[Rollup]:
        return [
            Rollup(path=self.path, key=key, stamp=stamp, computed_on=self.on, value=value)
            for key, (stamp, value) in self.fresh.items()
        ]


def _fold(parts: Iterable[str]) -> int:
    """Stamps folded into one non-negative 63-bit number."""
    text = ";".join(parts)
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big") >> 1


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


def stored(store: Figures | None, key: str, compute: Callable[[], Any], channels: frozenset[str]) -> Any:
    """A figure from a unit's stored figures when a store is given, else computed. ``channels``:
    what it reads (:func:`reads` of its metric)."""
    return store.get(key, compute, channels) if store is not None else compute()


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
_READ_FIELDS: dict[str, set[str]] = {}  # {model label: the fields metrics read through its rows}


def watch(model: str, *lookups: str) -> None:
    """Writes to ``model`` ("app_label.ModelName") change the figures of the units these lookups
    lead to from one of its rows ("unit", "initiative__owner_unit", "entries__proposal__proposing_unit";
    "pk" for a unit itself). Declared by each app in its metrics.py beside its metrics; the metrics'
    own models are watched through their ``unit_field`` without being declared."""
    _WATCHED.setdefault(model, set()).update(lookups)


def connect() -> None:
    """Connect the signals of every watched model (the metrics app's ready(), once), after checking
    that every channel a metric reads is drawn by some watched model's writes."""
    from danvan.metrics import registry

    for metric in registry.all_metrics():
        watch(metric.model, metric.unit_field)
    # a unit's type (the breakdown by type of owning unit), its end (its rows then count for its
    # successor) and the successions themselves: they draw ALL
    watch("orgs.Unit", "pk")
    watch("orgs.UnitSuccession", "predecessor", "successor")
    read_fields, references = check_channels(registry.all_metrics())
    _READ_FIELDS.update(read_fields)
    _REFERENCES.update(references)
    for label, lookups in _WATCHED.items():
        model = apps.get_model(label)
        _Watcher(model, tuple(sorted(lookups)), sorted(_READ_FIELDS.get(label, ()))).connect()


_REFERENCES: dict[str, set[tuple[str, str | None]]] = {}  # see reads_of
_M2M_WATCHED: set[str] = set()  # "app.Model.field" of the links watch_m2m watches


def check_channels(metrics) -> tuple[dict[str, set[str]], dict[str, set]]:
    """Every channel these metrics read must be drawn by the writes of a watched model (else a
    figure would stay stored after its rows changed). Returns the fields read through each model
    ({"initiatives.Initiative": {"field", …}}) and which rows read each of them (see reads_of)."""
    from django.core.exceptions import ImproperlyConfigured

    read_fields: dict[str, set[str]] = {}
    references: dict[str, set] = {}
    for metric in metrics:
        for channel in reads_of(metric.model, _lookups(metric), references) - {ALL}:
            label, _dot, field = channel.rpartition(".") if channel.count(".") == 2 else (channel, "", "")
            if label not in _WATCHED or (field and channel not in _M2M_WATCHED and _is_m2m(label, field)):
                raise ImproperlyConfigured(
                    f"metric {metric.code} reads {channel}, but no write to {label} is watched: "
                    f"declare it with danvan.metrics.rollups.watch (or watch_m2m) in the app's metrics.py"
                )
            if field and not _is_m2m(label, field):
                read_fields.setdefault(label, set()).add(field)
    return read_fields, references


def _is_m2m(label: str, field: str) -> bool:
    return apps.get_model(label)._meta.get_field(field).many_to_many


def _read_through(channel: str, pks: list) -> bool:
    """Whether rows that read this field through others (``_REFERENCES``) point at any of these
    rows: a field of a model no decision lists yet changes no decision's counts."""
    for label, way in _REFERENCES.get(channel, ()):
        if way is None or apps.get_model(label)._default_manager.filter(**{f"{way}__in": pks}).exists():
            return True
    return False


class _Watcher:
    def __init__(self, model: type[Model], lookups: tuple[str, ...], read_fields: list[str]):
        from danvan.orgs.models import Unit, UnitSuccession

        self.model = model
        self.label = model._meta.label
        # a unit or a succession changes where every row counts: every figure reads ALL
        self.everything = model in (Unit, UnitSuccession)
        # the fields other metrics read through this model's rows: a change of one draws its channel
        self.read_fields = {name: model._meta.get_field(name).attname for name in read_fields}
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
        self.uid = f"rollups:{self.label}"

    def connect(self) -> None:
        if self.read_fields or any(attname != "pk" for attname in self.direct.values()):
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
        values = instance.__dict__
        values["_rollup_units"] = {values.get(attname) for attname in self.direct.values() if attname != "pk"}
        values["_rollup_seen"] = {
            attname: values.get(attname, _MISSING) for attname in self.read_fields.values()
        }

    def _channels(self, instance, created: bool) -> set[str]:
        """What the write changed: the model's rows, and each field read through them that changed
        (a field not loaded counts as changed)."""
        if self.everything:
            return {ALL}
        channels = {self.label}
        if not created:
            seen = instance.__dict__.get("_rollup_seen", {})
            for name, attname in self.read_fields.items():
                before = seen.get(attname, _MISSING)
                after = instance.__dict__.get(attname, _MISSING)
                if before is _MISSING or after is _MISSING or before != after:
                    channels.add(f"{self.label}.{name}")
            read = [channel for channel in channels - {self.label} if _read_through(channel, [instance.pk])]
            channels = {self.label, *read}
        return channels

    def saved(self, sender, instance, created=False, raw=False, **kwargs) -> None:
        units = (
            self._direct(instance) | instance.__dict__.get("_rollup_units", set()) | self._nested(instance.pk)
        )
        touch(units, self._channels(instance, created))
        self.loaded(sender, instance)

    def deleting(self, sender, instance, **kwargs) -> None:
        instance.__dict__["_rollup_deleted"] = self._direct(instance) | self._nested(instance.pk)

    def deleted(self, sender, instance, **kwargs) -> None:
        channels = (
            {ALL} if self.everything else {self.label} | {f"{self.label}.{name}" for name in self.read_fields}
        )
        touch(
            instance.__dict__.pop("_rollup_deleted", set()) | instance.__dict__.get("_rollup_units", set()),
            channels,
        )


def watch_m2m(model: str, field: str, lookup: str) -> None:
    """Adding or removing the ``field`` links of a ``model`` row (a model's topics) changes the
    figures of the unit ``lookup`` leads to from the row: it draws the row's model's channel, and
    the field's when other rows read the links through it."""
    model_class = apps.get_model(model)
    through = getattr(model_class, field).through
    label = model_class._meta.label
    _WATCHED.setdefault(model, set())
    _M2M_WATCHED.add(f"{label}.{field}")

    def changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
        if not reverse and action in ("post_add", "post_remove", "post_clear"):
            rows = [instance.pk]
        elif reverse and action in ("post_add", "post_remove"):
            rows = list(pk_set or ())
        elif reverse and action == "pre_clear":  # the other side cleared: every row still linked to it
            rows = list(model_class._default_manager.filter(**{field: instance}).values_list("pk", flat=True))
        else:
            return
        # the rows' own channel (their metrics count them by these links), and the link's for the
        # metrics reading it through other rows, when some row reads it (not for a new model's topics)
        channels = {label}
        if _read_through(f"{label}.{field}", rows):
            channels.add(f"{label}.{field}")
        touch(model_class._default_manager.filter(pk__in=rows).values_list(lookup, flat=True), channels)

    m2m_changed.connect(changed, sender=through, dispatch_uid=f"rollups:{model}.{field}", weak=False)
