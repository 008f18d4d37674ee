"""Lists read as plain rows: one query for the page, one per attached relation.

List endpoints and directory pages serve 50 rows at a time from tables of 100,000; building
model instances and running Django's prefetch machinery for them cost more than the SQL.
`Rows` reads `.values()` dicts and attaches many-to-many columns with one query each, and
still behaves like a queryset for pagination (slicing, `count()`)."""

from collections import defaultdict
from collections.abc import Callable

from django.db.models import QuerySet


class Rows:
    def __init__(self, queryset: QuerySet, fields: list[str],
                 attach: tuple[Callable[[list[dict]], None], ...] = ()):
        self.queryset = queryset
        self.fields = fields
        self.attach = attach

    def all(self) -> "Rows":
        return self

    def count(self) -> int:
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


def attach_many(through: QuerySet, owner: str, value: str, name: str):
    """An attacher adding `name`: the list of `value` for each row, read from `through`."""

    def attach(rows: list[dict]) -> None:
        by_owner = defaultdict(list)
        ids = [row["id"] for row in rows]
        if ids:
            for owner_id, item in (through.filter(**{f"{owner}__in": ids})
                                   .order_by(value).values_list(owner, value)):
                by_owner[owner_id].append(item)
        for row in rows:
            row[name] = by_owner[row["id"]]

    return attach
