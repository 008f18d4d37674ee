"""Querysets whose SQL is written once per process and run again with other ids.

A signed-in page runs a dozen small queries of the same shape on every request ("the
brokers of partnership N", "what ties user U to partnership N"). Building and compiling such
a queryset through the ORM costs ten times more CPU than running it. `Prepared` builds the
queryset once, with stand-in values for its arguments, compiles it, notes where each
stand-in landed among the SQL parameters, and from then on only swaps the real values in;
rows still come back through Django's own iterables (model instances, values(), converters,
select_related and prefetch_related all work as with the plain queryset).

The rule for a builder: the query's shape may depend on nothing but the `key` it is
prepared under; its arguments (ids, dates) may only be compared with, never branched on.
Nothing that changes over time (today's date, a setting read at request time) may be read
inside the builder: pass it as an argument."""

import copy
import datetime
import threading
from collections.abc import Callable, Hashable

import orjson
from django.conf import settings
from django.db import connections
from django.db.models import JSONField, QuerySet

# Stand-ins no real id, date or text equals; one per argument position.
_INT_BASE = 1_987_654_300
_DATE_BASE = datetime.date(1111, 1, 1)
_MAX_ARGUMENTS = 8
# Named, not imported: importing a backend's module here would load it for every database.
_SQLITE_DATETIME = ("django.db.backends.sqlite3.operations",
                    "DatabaseOperations.convert_datetimefield_value")


def _stand_in(kind: type, position: int):
    if kind is datetime.date:
        return _DATE_BASE + datetime.timedelta(days=position)
    if kind is str:
        return f"\x1fprepared argument {position}\x1f"
    return _INT_BASE + position


class _Compiled:
    def __init__(self, queryset: QuerySet, stand_ins: list):
        self.queryset = queryset
        self.compiler = queryset.query.get_compiler(queryset.db)
        self.sql, params = self.compiler.as_sql()
        self.params = list(params)
        self.slots = []  # (index in params, argument position, as text)
        for index, value in enumerate(params):
            for position, stand_in in enumerate(stand_ins):
                if value == stand_in or (type(stand_in) is datetime.date
                                         and value == stand_in.isoformat()):
                    self.slots.append((index, position, isinstance(value, str)))
        fields = [column[0] for column in self.compiler.select[:self.compiler.col_count]]
        self.converters = _with_fast_json(self.compiler.get_converters(fields))
        missing = set(range(len(stand_ins))) - {position for _, position, _ in self.slots}
        if missing:
            raise ValueError(f"arguments {sorted(missing)} are not parameters of the query")

    def queryset_for(self, arguments: tuple) -> QuerySet:
        params = list(self.params)
        for index, position, as_text in self.slots:
            value = arguments[position]
            params[index] = value.isoformat() if as_text and type(value) is datetime.date \
                else value
        compiler = copy.copy(self.compiler)
        # Connections belong to one thread: run on this thread's own.
        compiler.connection = connections[self.queryset.db]
        sql, params = self.sql, tuple(params)
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        compiler.get_converters = lambda expressions: self.converters
        queryset = self.queryset._chain()
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return queryset


def _with_fast_json(converters: dict) -> dict:
    """The ORM's converters, with orjson decoding JSON columns (a 50-row list of
    organisations decodes 200 JSON lists; the standard library's decoder was a sixth of the
    request) and SQLite's timestamps read without looking settings up for each value (a
    tenth of a 50-row list). What these refuse is handed to Django's own converter."""
    return {position: ([_fast_datetime(_fast_json(function)) for function in functions],
                       expression)
            for position, (functions, expression) in converters.items()}


def _fast_datetime(function):
    """SQLite's `convert_datetimefield_value` for a UTC connection with USE_TZ: the text
    Django wrote ("2026-12-07 18:34:50.123456") parsed by `datetime.fromisoformat` and made
    aware in UTC, as Django's converter does."""
    method = getattr(function, "__func__", None)
    if not (method is not None and method.__qualname__ == _SQLITE_DATETIME[1]
            and method.__module__ == _SQLITE_DATETIME[0] and settings.USE_TZ
            and function.__self__.connection.timezone_name == "UTC"):
        return function
    parse, utc = datetime.datetime.fromisoformat, datetime.UTC

    def from_db_value(value, expression, connection):
        if type(value) is str:
            try:
                parsed = parse(value)
            except ValueError:
                return function(value, expression, connection)
            return parsed.replace(tzinfo=utc) if parsed.tzinfo is None else parsed
        return function(value, expression, connection)

    return from_db_value


def _fast_json(function):
    field = getattr(function, "__self__", None)
    if not (isinstance(field, JSONField) and field.decoder is None
            and getattr(function, "__func__", None) is JSONField.from_db_value):
        return function

    def from_db_value(value, expression, connection):
        if type(value) is str:
            try:
                return orjson.loads(value)
            except orjson.JSONDecodeError:
                pass
        return function(value, expression, connection)

    return from_db_value


class Prepared:
    """`Prepared(build, int, int)` and then `prepared(key, 3, 14)`: the queryset
    `build(3, 14)` (of the shape prepared under `key`) as a list, its SQL compiled once per
    key and database. Arguments are ints (ids), dates or strings compared for equality
    (`field=value`, never `__icontains`), as declared."""

    def __init__(self, build: Callable[..., QuerySet], *kinds: type):
        if len(kinds) > _MAX_ARGUMENTS:
            raise ValueError("too many arguments")
        self.build = build
        self.kinds = kinds
        self.compiled: dict[Hashable, _Compiled] = {}
        self.lock = threading.Lock()

    def __call__(self, key: Hashable, *arguments) -> list:
        """The rows. Only iterating is prepared: the queryset itself is never handed out,
        since chaining it (`.count()`, `.filter()`) would run the prepared SQL instead."""
        if len(arguments) != len(self.kinds):
            raise TypeError(f"{len(self.kinds)} arguments expected")
        for value, kind in zip(arguments, self.kinds, strict=True):
            if type(value) is not kind:
                raise TypeError(f"{value!r} is not a {kind.__name__}")
        return list(self._compiled(key).queryset_for(arguments))

    def _compiled(self, key: Hashable) -> _Compiled:
        full_key = (key, connections["default"].vendor)
        compiled = self.compiled.get(full_key)
        if compiled is None:
            stand_ins = [_stand_in(kind, n) for n, kind in enumerate(self.kinds)]
            with self.lock:
                compiled = self.compiled.get(full_key) or _Compiled(
                    self.build(key, *stand_ins), stand_ins)
                self.compiled[full_key] = compiled
        return compiled
