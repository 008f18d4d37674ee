"""Lists read as plain rows: one query for the page, one per attached relation.

List endpoints and directory pages serve 50 rows at a time from tables of 100,000; building
model instances and running Django's prefetch machinery for them cost more than the SQL.
`Rows` reads `.values()` dicts and attaches many-to-many columns with one query each, and
still behaves like a queryset for pagination (slicing, `count()`)."""

from collections import defaultdict
from collections.abc import Callable

from django.db import connection
from django.db.models import QuerySet
from django.utils import translation


class Rows:
    def __init__(self, queryset: QuerySet, fields: list[str],
                 attach: tuple[Callable[[list[dict]], None], ...] = (), *,
                 remember_count: bool = False):
        self.queryset = queryset
        self.fields = fields
        self.attach = attach
        self.remember_count = remember_count

    def all(self) -> "Rows":
        return self

    def count(self) -> int:
        if self.remember_count:
            return remembered_count(self.queryset)
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("Rows are read a page at a time")
        rows = list(self.queryset.values(*self.fields)[key])
        for attach in self.attach:
            attach(rows)
        return rows

    def __iter__(self):
        return iter(self[:])


class FirstPageRows(Rows):
    """Rows of an unfiltered list whose first page is read with prepared SQL.

    `first_page(limit)` reads rows [0:limit] (a `Prepared` query: nothing is built or
    compiled per request); any other page builds the queryset with `build()`. The count is
    remembered under `count_key` (which must name everything the list depends on)."""

    def __init__(self, build: Callable[[], QuerySet], fields: list[str],
                 attach: tuple[Callable[[list[dict]], None], ...], *,
                 first_page: Callable[[int], list[dict]], count_key: tuple):
        super().__init__(None, fields, attach)
        self.build = build
        self.first_page = first_page
        self.count_key = count_key

    def count(self) -> int:
        return remembered(self.count_key, lambda: self.build().count())

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("Rows are read a page at a time")
        if key.start in (None, 0) and key.step is None and isinstance(key.stop, int) \
                and 0 < key.stop <= MAX_PREPARED_PAGE:
            rows = self.first_page(key.stop)
        else:
            rows = list(self.build().values(*self.fields)[key])
        for attach in self.attach:
            attach(rows)
        return rows


MAX_PREPARED_PAGE = 200  # one prepared query per page size up to this


class Labels:
    """Labels (of choices, phases, sectors) as plain text in the reader's language, made
    once per language and process: a 50-row list translated two lazy labels a row, a
    sixth of a JSON list's CPU. `Labels(lambda: {code: lazy label})`; `labels()` is the
    dict for the active language (read-only to callers)."""

    def __init__(self, source: Callable[[], dict]):
        self.source = source
        self.by_language: dict[str, dict] = {}

    def __call__(self) -> dict:
        language = translation.get_language() or ""
        known = self.by_language.get(language)
        if known is None:
            known = {key: (value if type(value) in (str, int, tuple) else str(value))
                     for key, value in self.source().items()}
            self.by_language[language] = known
        return known


def attach_many(through: QuerySet, owner: str, value: str, name: str):
    """An attacher adding `name`: the list of `value` for each row, read from `through`.

    `value` is `<foreign key of through>__<column of its target>`. The SQL is written once
    (a join of two tables, ordered by the value) and run with the page's ids: compiling the
    same queryset for every request cost more than running it."""
    sql = []

    def attach(rows: list[dict]) -> None:
        by_owner = defaultdict(list)
        ids = [row["id"] for row in rows]
        if ids:
            if not sql:
                sql.append(_many_sql(through.model, owner, value))
            for owner_id, item in fetch(sql[0].format(ids=placeholders(ids)), ids):
                by_owner[owner_id].append(item)
        for row in rows:
            row[name] = by_owner[row["id"]]

    return attach


def _many_sql(through, owner: str, value: str) -> str:
    quote = connection.ops.quote_name
    link_name, column_name = value.split("__")
    link = through._meta.get_field(link_name)
    target = link.related_model._meta
    owner_column = through._meta.get_field(owner.removesuffix("_id")).column
    column = target.get_field(column_name).column
    table, joined = quote(through._meta.db_table), quote(target.db_table)
    return (f"SELECT {table}.{quote(owner_column)}, {joined}.{quote(column)} FROM {table} "  # noqa: S608
            f"INNER JOIN {joined} ON {table}.{quote(link.column)} = "
            f"{joined}.{quote(target.pk.column)} "
            f"WHERE {table}.{quote(owner_column)} IN ({{ids}}) "
            f"ORDER BY {joined}.{quote(column)} ASC")


def placeholders(values: list) -> str:
    return ", ".join(["%s"] * len(values))


def fetch(sql: str, params: list) -> list[tuple]:
    """Rows of one prepared statement (for the small fixed queries of a list page)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


_COUNTS: dict[tuple, tuple[int, int]] = {}
_MAX_COUNTS = 2000


def remembered_count(queryset: QuerySet) -> int:
    """`queryset.count()`, remembered by this process until the data changes (the latest
    audit record moves with every write, as for the kept visitor pages): counting 100,000
    organisations for a list's pager cost more than reading its 50 rows. The key is the
    query's own SQL and parameters, so every user and filter has its own count. Inside a
    transaction (which may hold writes of its own) the count is always made afresh."""
    if connection.in_atomic_block:
        return queryset.count()
    sql, params = queryset.query.sql_with_params()
    return remembered((queryset.db, sql, repr(params)), queryset.count)


def remembered(key: tuple, count: Callable[[], int]) -> int:
    """`count()`, remembered under `key` until the data changes (as `remembered_count`), for
    a caller that names its count without compiling the query."""
    from partnering.pagecache import data_version

    if connection.in_atomic_block:
        return count()
    version = data_version()
    known = _COUNTS.get(key)
    if known is not None and known[0] == version:
        return known[1]
    if len(_COUNTS) >= _MAX_COUNTS:
        _COUNTS.clear()
    value = count()
    _COUNTS[key] = (version, value)
    return value
