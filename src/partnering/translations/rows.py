"""Translations attached to list rows (partnering.rows) with SQL written once.

`reading.prefetch` builds and compiles an ORM query per page (a tenth of the partnerships
list's CPU); a list of rows of one kind needs the same query every time, with other ids.
`attach_translations(kind)` is an attacher that loads, in one query, the translations into
the reader's language of every row not written in it and leaves them where `prefetch` does,
so the template's `prefetch_translations` finds them loaded and `translated()` reads them."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType

from partnering.rows import fetch, placeholders
from partnering.translations.languages import active_language
from partnering.translations.models import ContentTranslation
from partnering.translations.reading import Stored, _original_language, _remember
from partnering.translations.registry import KINDS

_TABLE = ContentTranslation._meta.db_table
_SQL = (f"SELECT object_id, field, text, source_hash, translator_name FROM {_TABLE} "  # noqa: S608
        "WHERE content_type_id = %s AND language = %s AND object_id IN ({ids})")


def attach_translations(kind: str):
    def attach(rows: list[dict]) -> None:
        language = active_language()
        wanted = []
        for row in rows:
            _remember(row, language, {})
            if _original_language(row) != language:
                wanted.append(row)
        if not wanted:
            return
        type_id = ContentType.objects.get_for_model(KINDS[kind].model).pk
        ids = [row["id"] for row in wanted]
        found = defaultdict(dict)
        for object_id, *values in fetch(_SQL.format(ids=placeholders(ids)),
                                        [type_id, language, *ids]):
            found[object_id][values[0]] = Stored(*values)
        for row in wanted:
            _remember(row, language, found.get(row["id"], {}))

    return attach
