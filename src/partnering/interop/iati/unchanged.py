"""Which activities of a file are unchanged since the last import, found while the file is
checked (xml.check_file's `unchanged`): a batch's identifiers and content hashes are looked
up with one query. An unchanged activity is neither validated again (it was valid when it
was imported from the same XML) nor parsed nor written; when every activity of a file is
unchanged, the import does not read the file a second time.

An identifier that comes twice in a file is left to the import itself: the first
occurrence may change what the second is compared with."""

from collections.abc import Callable

from django.db import connections, router

from partnering.interop.iati.xml import activity_key
from partnering.interop.models import IatiActivity


class UnchangedLookup:
    def __init__(self, digest: Callable):
        self.digest = digest
        self.found: dict[int, str] = {}  # activity number → identifier, of the unchanged
        self.seen: set[str] = set()
        self.twice: set[str] = set()

    def __call__(self, batch: list) -> set[int]:
        """The numbers of the batch's (number, element) that are unchanged."""
        keyed = [(number, activity_key(element), element) for number, element in batch]
        for _, key, _ in keyed:
            (self.twice if key in self.seen else self.seen).add(key)
        stored = stored_hashes([key for _, key, _ in keyed if key])
        found = {number: key for number, key, element in keyed
                 if key in stored and stored[key] == self.digest(element)}
        self.found.update(found)
        return set(found)

    def settle(self) -> set[int]:
        """The file's unchanged activities, but for those whose identifier comes twice."""
        return {number for number, key in self.found.items() if key not in self.twice}


def stored_hashes(keys: list[str]) -> dict[str, str]:
    """identifier → content hash of the activities imported before, in one plain query
    (the ORM's `__in` spends longer preparing 500 strings than the database answering)."""
    if not keys:
        return {}
    connection = connections[router.db_for_read(IatiActivity)]
    quote = connection.ops.quote_name
    # Table and column names from the model, quoted; the identifiers are parameters.
    sql = (f"SELECT {quote('iati_identifier')}, {quote('content_hash')} "  # noqa: S608
           f"FROM {quote(IatiActivity._meta.db_table)} "
           f"WHERE {quote('iati_identifier')} IN ({', '.join(['%s'] * len(keys))})")
    with connection.cursor() as cursor:
        cursor.execute(sql, keys)
        return dict(cursor.fetchall())
