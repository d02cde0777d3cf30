"""Bulk loading: ids assigned here, rows written with `executemany`, materialized paths computed.

`bulk_create` spends most of its time compiling SQL for batches of a few dozen rows (SQLite allows
999 parameters a statement) and preparing each value through the field API; a load of millions
of rows does better to assign the primary keys itself, convert each column with a converter chosen
once per field, and hand the rows to the driver: `executemany` on SQLite, COPY on PostgreSQL.
The sequences of PostgreSQL are moved past the new ids afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection, models

CHUNK = 5000


# Django's own field classes whose value goes to the driver as it is (subclasses may not: an
# encrypted field, say, is converted through the field API)
PLAIN = (
    models.CharField,
    models.TextField,
    models.SlugField,
    models.EmailField,
    models.BooleanField,
    models.IntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.SmallIntegerField,
    models.BigIntegerField,
    models.AutoField,
    models.BigAutoField,
    models.FloatField,
)


def _converter(field) -> Callable:
    """A column converter chosen once per field: the value itself, the backend's adapter for dates
    and numbers, the field API for anything else."""
    ops = connection.ops
    if type(field) in PLAIN or isinstance(field, models.ForeignKey):
        return _same
    if type(field) is models.DateTimeField:
        return lambda v: ops.adapt_datetimefield_value(v) if isinstance(v, datetime) else v
    if type(field) is models.DateField:
        return lambda v: ops.adapt_datefield_value(v) if isinstance(v, date) else v
    if type(field) is models.DecimalField:
        digits, places = field.max_digits, field.decimal_places
        return lambda v: (
            ops.adapt_decimalfield_value(v, digits, places) if isinstance(v, Decimal | int) else v
        )
    return lambda v: field.get_db_prep_save(v, connection)


def _same(value):
    return value


def next_id(model) -> int:
    """The first id after the table's rows (for ids given by the generator)."""
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(model._meta.db_table)
        column = connection.ops.quote_name(model._meta.pk.column)
        cursor.execute(f"SELECT MAX({column}) FROM {table}")
        return (cursor.fetchone()[0] or 0) + 1


def insert(model, objects: Iterable, *, batch: int = CHUNK) -> list:
    """Insert model instances (never saved) and return them with their primary keys set; `batch`
    rows go to the driver at a time."""
    objects = list(objects)
    if not objects:
        return objects
    meta = model._meta
    fields = [f for f in meta.concrete_fields]
    converters = [_converter(f) for f in fields]
    pk_name = meta.pk.attname
    first = next_id(model)
    # auto_now fields left empty take the time of the load, as save() would; a time the generator
    # gives (when the row last changed in its story) is kept
    stamped = {
        f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    }
    relations = [f for f in fields if f.is_relation]
    rows = []
    for offset, obj in enumerate(objects):
        setattr(obj, pk_name, first + offset)
        for field in relations:  # an object assigned before it was inserted: take its id now
            if getattr(obj, field.attname) is None and field.is_cached(obj):
                related = field.get_cached_value(obj)
                if related is not None:
                    setattr(obj, field.attname, related.pk)
        for field in fields:
            if field.attname in stamped and getattr(obj, field.attname) is None:
                field.pre_save(obj, True)
        rows.append(
            tuple(convert(getattr(obj, f.attname)) for f, convert in zip(fields, converters, strict=True))
        )
        obj._state.adding = False
        obj._state.db = connection.alias
    _executemany(model, [f.column for f in fields], rows, batch)
    reset_sequence(model)
    return objects


def insert_rows(model, columns: list[str], rows: Iterable[tuple], *, batch: int = CHUNK) -> int:
    """Plain rows for link tables too large for model instances (`columns` are field names; no ids
    returned, the table's own id column fills itself)."""
    meta = model._meta
    return _executemany(model, [meta.get_field(c).column for c in columns], rows, batch)


def _executemany(model, columns: list[str], rows: Iterable[tuple], batch: int) -> int:
    """Write the rows: PostgreSQL's COPY (a statement a row with `executemany` is ten times
    slower there), SQLite's `executemany` in chunks of `batch` rows."""
    quote = connection.ops.quote_name
    table, names = quote(model._meta.db_table), ", ".join(quote(c) for c in columns)
    count = 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
    chunk: list[tuple] = []
    with connection.cursor() as cursor:
        for row in rows:
            chunk.append(row)
            if len(chunk) >= batch:
                cursor.executemany(sql, chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


def reset_sequence(model) -> None:
    """PostgreSQL: the table's id sequence goes on after the ids the generator gave."""
    statements = connection.ops.sequence_reset_sql(no_style(), [model])
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


class Tree:
    """Hands out treebeard materialized paths (`steplen` 4, base 36) for nodes added in bulk.

    `child_path(parent)` numbers a parent's children after those it already has and keeps the
    parent's `numchild` up to date in memory: build a whole subtree, then insert it (a
    materialized path has no parent key, so the order does not matter). `flush()` writes the new
    `numchild` of parents that were already stored."""

    def __init__(self, model):
        self.model = model
        self.next_index: dict[str, int] = {}
        self.touched: dict[int, object] = {}
        roots = model.objects.filter(depth=1).count()
        self.next_index[""] = roots + 1

    def child_path(self, parent) -> tuple[str, int]:
        key = parent.path if parent is not None else ""
        if key not in self.next_index:
            self.next_index[key] = parent.numchild + 1
        index = self.next_index[key]
        self.next_index[key] = index + 1
        if parent is not None:
            parent.numchild = index
            if parent.pk is not None:  # a stored node: its count is written by flush()
                self.touched[id(parent)] = parent
        depth = parent.depth + 1 if parent is not None else 1
        return self.model._get_path(key, depth, index), depth

    def place(self, node, parent) -> None:
        node.path, node.depth = self.child_path(parent)
        node.numchild = 0

    def flush(self) -> None:
        self.model.objects.bulk_update(list(self.touched.values()), ["numchild"], batch_size=2000)
        self.touched.clear()
