"""Django's SQLite backend, turning each SQL text's `%s` placeholders into SQLite's `?`
once per process rather than on every query (issue #16).

Django rewrites the text with a regular expression on every execute: on a signed-in page,
whose dozen queries are the same texts on every request (SQL written once, prepared.py),
that cost a tenth of a millisecond or more. The rewritten text depends on the text alone,
so it is kept, for a bounded number of texts; queries with named parameters are rewritten
as before. Everything else is Django's SQLite backend."""

from functools import lru_cache

from django.db.backends.sqlite3 import base


@lru_cache(maxsize=2048)
def _qmark(query: str) -> str:
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


class SQLiteCursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query, *, param_names=None):
        if param_names is None:
            return _qmark(query)
        return super().convert_query(query, param_names=param_names)


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name=None):
        return self.connection.cursor(factory=SQLiteCursorWrapper)
