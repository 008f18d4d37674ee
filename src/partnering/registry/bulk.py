"""Inserting many new rows of one model and reading their ids back, for the imports (a
registry import's organisations, an IATI file's partnerships, members, results and audit
events): what bulk_create does for a plain model — the same defaults, auto_now values and
database conversions, the ids set on the objects — with one multi-row
`INSERT … RETURNING id` per chunk built directly from the prepared values (Django spends
most of a large bulk_create assembling the statement field by field, row by row).

SQLite 3.35 or later returns the ids in the order of the rows, as bulk_create relies on
too. On PostgreSQL the rows go in with COPY, their ids drawn from the table's sequence
first with one query: Django's bulk_create there writes every value into the statement's
text on the client, each array of its UNNEST escaped element by element, which took most of
an IATI import's time. bulk_create is used for a model with a parent table, or a database
without RETURNING."""

import gc
import sqlite3
from contextlib import contextmanager
from datetime import date, datetime
from functools import cache

from django.db import connections, models, router
from django.utils import timezone

# Django's own field types whose value of the given Python type goes to the database as it
# is (their get_db_prep_save returns it unchanged on PostgreSQL and SQLite); None goes as
# NULL for each of them.
TEXT = (models.CharField, models.TextField, models.EmailField, models.URLField,
        models.SlugField)
INTEGER = (models.IntegerField, models.PositiveIntegerField, models.SmallIntegerField,
           models.PositiveSmallIntegerField, models.BigIntegerField, models.ForeignKey)
AS_IS = {**dict.fromkeys(TEXT, str), **dict.fromkeys(INTEGER, int),
         models.BooleanField: bool}


def insert_with_ids(model: type[models.Model], objects: list[models.Model],
                    batch: int = 500) -> None:
    if not objects:
        return
    connection = connections[router.db_for_write(model)]
    if connection.vendor == "postgresql" and not model._meta.parents:
        _copy_with_ids(connection, model, objects)
        return
    if (connection.vendor != "sqlite" or model._meta.parents
            or not connection.features.can_return_rows_from_bulk_insert):
        _bulk_create(model, objects, batch)
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    rows = prepared_rows(model, objects, connection)
    limit = _max_params(connection)
    per = max(1, min(batch, limit // max(len(fields), 1)))
    ids = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per):
            chunk = rows[start:start + per]
            cursor.execute(_sql(connection, model, fields, len(chunk)),
                           [value for row in chunk for value in row])
            ids.extend(row[0] for row in cursor.fetchall())
    _set_ids(model, objects, ids, connection)


def _set_ids(model, objects: list, ids: list[int], connection) -> None:
    attname = model._meta.pk.attname
    for obj, pk in zip(objects, ids, strict=True):
        if isinstance(obj, NewRow):
            obj.pk = pk
            continue
        setattr(obj, attname, pk)
        obj._state.adding, obj._state.db = False, connection.alias


def _bulk_create(model, objects: list, batch: int) -> None:
    """Django's bulk_create, NewRows made model instances first."""
    if objects and isinstance(objects[0], NewRow):
        instances = [model(**row.values) for row in objects]
        model.objects.bulk_create(instances, batch_size=batch)
        for row, instance in zip(objects, instances, strict=True):
            row.pk = instance.pk
        return
    model.objects.bulk_create(objects, batch_size=batch)


def _copy_with_ids(connection, model: type[models.Model], objects: list) -> None:
    pk = model._meta.pk
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    rows = prepared_rows(model, objects, connection)
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) "
                       "FROM generate_series(1, %s)",
                       [model._meta.db_table, pk.column, len(objects)])
        ids = sorted(row[0] for row in cursor.fetchall())
    copy_rows(connection, model, [pk, *fields],
              ([value, *row] for value, row in zip(ids, rows, strict=True)))
    _set_ids(model, objects, ids, connection)


def copy_rows(connection, model: type[models.Model], fields: list, rows) -> None:
    """Rows of prepared values into the model's table with one COPY (PostgreSQL)."""
    quote = connection.ops.quote_name
    sql = (f"COPY {quote(model._meta.db_table)} "
           f"({', '.join(quote(f.column) for f in fields)}) FROM STDIN")
    # Errors as Django's own cursor raises them (an IntegrityError, not psycopg's).
    with (connection.cursor() as cursor, connection.wrap_database_errors,
          cursor.cursor.copy(sql) as copy):
        for row in rows:
            copy.write_row(row)


def _max_params(connection) -> int:
    """How many parameters one statement may have: Django says 999 for SQLite, the limit
    of SQLite before 3.32; the library in use says its own (32,766 since)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        raw = connection.connection
        if hasattr(raw, "getlimit"):
            return raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return connection.features.max_query_params or 65535


class NewRow:
    """A new row as plain values by attribute name (`partnership_id`, not `partnership`),
    without a model instance: what an import makes by the thousand. Unset fields take their
    defaults as bulk_create gives them; `pk` is set once the row is inserted."""

    __slots__ = ("model", "values", "pk")

    def __init__(self, model: type[models.Model], **values):
        self.model, self.values, self.pk = model, values, None

    def __getattr__(self, name: str):
        """A value read as an instance's attribute (`row.partnership_id`, a field left out
        as its constant default): what receivers of an audit event read of a NewRow event."""
        if name in NewRow.__slots__:  # not set yet
            raise AttributeError(name)
        if name in self.values:
            return self.values[name]
        for _field, attname, missing, _plain in _plan(self.model):
            if attname == name and isinstance(missing, tuple):  # a constant default
                value = missing[1]  # a copy of {} or []: the one of the plan stays as it is
                return type(value)(value) if isinstance(value, dict | list) else value
        raise AttributeError(name)


NOW = object()  # a field filled with the moment of the insert (auto_now, auto_now_add)


def _missing(field):
    """How a field left out of a NewRow is filled: NOW, a constant (a constant default, an
    empty dict or list) or a function making the default."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return NOW
    if not field.has_default() or not callable(field.default):
        return ("constant", field.get_default())
    if field.default in (dict, list):
        return ("constant", field.default())
    return field.get_default


@cache
def _plan(model: type[models.Model]) -> list[tuple]:
    """For each field but the primary key: (field, attname, how a missing value is made,
    the plain Python type the database takes as it is or None)."""
    return [(f, f.attname, _missing(f), AS_IS.get(type(f)))
            for f in model._meta.concrete_fields if not f.primary_key]


def _fills(model: type[models.Model], connection) -> list[tuple]:
    """The plan with the values of missing fields prepared once, for one insert (the same
    moment for every row of it, as one statement of bulk_create gives); for a field whose
    values are not taken as they are, a dict of the values met in this insert, prepared
    (see prepared_values); and whether the field is JSON without an encoder of its own."""
    now, fills = timezone.now(), []
    for field, attname, missing, plain in _plan(model):
        kept = None if plain is not None else {}
        json = isinstance(field, models.JSONField) and field.encoder is None
        if missing is NOW or isinstance(missing, tuple):
            value = now if missing is NOW else missing[1]
            fills.append((field, attname, None, plain,
                          _prepare(field, plain, value, connection), kept, json))
        else:
            fills.append((field, attname, missing, plain, None, kept, json))
    return fills


def _prepare(field, plain, value, connection):
    if plain is None or (value is not None and type(value) is not plain):
        return field.get_db_prep_save(value, connection)
    return value


# Values prepared once per insert, kept by value: equal dates (or moments) are prepared
# alike, and an import repeats a few of them (a start date, a file's last-updated moment)
# in many rows. A JSON value is kept only while empty: the same for every row.
KEPT_BY_VALUE = {date, datetime}


def prepared_values(fills: list[tuple], values: dict, connection) -> list:
    """The values of a NewRow for the database, as `prepared` gives them for an object (a
    str of a subclass, a TextChoices member, goes as it is, as CharField prepares it)."""
    row = []
    for field, attname, make, plain, filled, kept, json in fills:
        if attname in values:
            value = values[attname]  # _prepare, inlined: called for every value of a file
            kind = type(value)
            if plain is not None:
                row.append(value if value is None or kind is plain
                           or (plain is str and isinstance(value, str))
                           else field.get_db_prep_save(value, connection))
            elif kind in KEPT_BY_VALUE:
                if value not in kept:
                    kept[value] = field.get_db_prep_save(value, connection)
                row.append(kept[value])
            elif json and (kind is dict or kind is list):
                row.append(_json(value, kind, kept, connection))
            else:
                row.append(field.get_db_prep_save(value, connection))
        elif make is None:
            row.append(filled)
        else:
            row.append(_prepare(field, plain, make(), connection))
    return row


def _json(value, kind: type, kept: dict, connection):
    """JSONField.get_db_prep_save of a dict or a list, without its steps (they change
    neither); an empty one prepared once per insert."""
    if value:
        return connection.ops.adapt_json_value(value, None)
    if kind not in kept:
        kept[kind] = connection.ops.adapt_json_value(value, None)
    return kept[kind]


def prepared_rows(model: type[models.Model], items: list, connection) -> list[list]:
    """The values of `items` (model instances or NewRows, not mixed) for the database."""
    if items and isinstance(items[0], NewRow):
        fills = _fills(model, connection)
        return [prepared_values(fills, item.values, connection) for item in items]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    for obj in items:
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
    return [prepared(fields, obj, connection) for obj in items]


def prepared(fields: list, obj: models.Model, connection) -> list:
    """The values of `obj` for the database, as bulk_create prepares them."""
    values = []
    for field in fields:
        value = field.pre_save(obj, True)
        plain = AS_IS.get(type(field))
        if plain is None or (value is not None and type(value) is not plain):
            value = field.get_db_prep_save(value, connection)
        values.append(value)
    return values


def _sql(connection, model, fields: list, count: int) -> str:
    quote = connection.ops.quote_name
    row = f"({', '.join(['%s'] * len(fields))})"
    # Table and column names from the model, quoted; the values are parameters.
    return (f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608
            f"({', '.join(quote(f.column) for f in fields)}) "
            f"VALUES {', '.join([row] * count)} RETURNING {quote(model._meta.pk.column)}")


def insert_values(model: type[models.Model], names: list[str], rows: list[tuple]) -> None:
    """Rows of plain values (ids, numbers, text the database takes as it is) for the fields
    `names`, with one executemany and no model instances: a many-to-many table's pairs."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    if connection.vendor == "postgresql":
        copy_rows(connection, model, [model._meta.get_field(name) for name in names], rows)
        return
    quote = connection.ops.quote_name
    columns = [model._meta.get_field(name).column for name in names]
    # Table and column names from the model, quoted; the values are parameters.
    sql = (f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608
           f"({', '.join(quote(column) for column in columns)}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


@contextmanager
def few_collections():
    """An import makes and drops hundreds of thousands of small objects, few of them in
    reference cycles: the cyclic garbage collector ran some 600 times in an IATI import of
    10 MB, an eighth of its time, and took a third of a registry import's, each full pass
    walking every object the process holds. Meanwhile what is there is set apart
    (gc.freeze) and a collection waits for 20 times as many new objects; cycles are still
    collected, memory stays flat."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], 1) * 20, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()
