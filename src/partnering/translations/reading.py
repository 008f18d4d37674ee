"""What a reader is shown: each field in the reader's language when a translation exists,
else the original. `prefetch` loads the translations of every record on a page in one query;
a record not prefetched loads its own on first use (one query), and none is needed when the
page is in the record's own language."""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from partnering.translations.languages import active_language, base, site_language
from partnering.translations.models import ContentTranslation, source_hash
from partnering.translations.registry import KINDS, kind_of

CACHE = "_content_translations"


@dataclass(frozen=True, slots=True)
class Stored:
    """What a page needs of a stored translation (read as plain values: a list of 50 rows
    costs a third of what model instances would)."""

    field: str
    text: str
    source_hash: str
    translator_name: str

    def is_outdated(self, original: str) -> bool:
        return self.source_hash != source_hash(original)


@dataclass(frozen=True)
class Shown:
    """One field as shown: its text, the language of that text, and the translation used
    (None when the original is shown)."""

    text: str
    language: str
    original_language: str
    translation: Stored | None = None
    outdated: bool = False

    @property
    def is_translation(self) -> bool:
        return self.translation is not None

    def __str__(self) -> str:
        return self.text


def _get(record, name: str, default=None):
    if isinstance(record, dict):
        return record.get(name, default)
    return getattr(record, name, default)


def _original_language(record) -> str:
    return base(_get(record, "language")) or site_language()


def _kind(record, kind: str | None):
    """`kind` names the kind of rows (dicts); a model instance knows its own."""
    return KINDS[kind] if kind and isinstance(record, dict) else kind_of(record)


def _remember(record, language: str, found: dict) -> None:
    if isinstance(record, dict):
        record[CACHE] = (language, found)
    else:
        setattr(record, CACHE, (language, found))


def prefetch(records, kind: str | None = None, language: str | None = None) -> None:
    """Load, in one query, the translations into `language` (the reader's) of every record
    that is not written in it. Records may be model instances or rows (dicts with an `id` and
    a `language`, then `kind` names their kind, or the item is a `(row, kind)` pair)."""
    language = base(language) or active_language()
    wanted = defaultdict(list)
    for item in records:
        # A page showing records of several kinds passes them together: (row, kind) for rows.
        record, its_kind = item if isinstance(item, tuple) else (item, kind)
        cached = _get(record, CACHE)
        if cached is not None and cached[0] == language:
            continue  # loaded already (the page title asked first)
        _remember(record, language, {})
        if _original_language(record) != language:
            wanted[_kind(record, its_kind).model].append(record)
    if not wanted:
        return
    condition = Q()
    for model, rows in wanted.items():
        condition |= Q(content_type=ContentType.objects.get_for_model(model),
                       object_id__in=[_get(r, "pk", None) or _get(r, "id") for r in rows])
    found = defaultdict(dict)
    for type_id, object_id, *values in ContentTranslation.objects.filter(
            condition, language=language).values_list(
            "content_type_id", "object_id", "field", "text", "source_hash", "translator_name"):
        found[(type_id, object_id)][values[0]] = Stored(*values)
    for model, rows in wanted.items():
        type_id = ContentType.objects.get_for_model(model).pk
        for record in rows:
            pk = _get(record, "pk", None) or _get(record, "id")
            _remember(record, language, found.get((type_id, pk), {}))


def _translations(record, kind: str | None, language: str) -> dict:
    cached = _get(record, CACHE)
    if cached is None or cached[0] != language:
        prefetch([record], kind, language)
        cached = _get(record, CACHE)
    return cached[1]


def shown(record, field: str, *, kind: str | None = None, language: str | None = None,
          original: bool = False) -> Shown:
    """The field as the reader gets it."""
    text = _get(record, field) or ""
    source = _original_language(record)
    language = base(language) or active_language()
    if original or source == language:
        return Shown(text, source, source)
    translation = _translations(record, kind, language).get(field)
    if translation is None:
        return Shown(text, source, source)
    # A page may show the record changed for display (IATI narratives): judge the original.
    written = (_get(record, "originals", None) or {}).get(field, text)
    return Shown(translation.text, language, source, translation,
                 outdated=translation.is_outdated(written))


def shown_fields(record, *, kind: str | None = None, language: str | None = None,
                 original: bool = False) -> list[Shown]:
    return [shown(record, name, kind=kind, language=language, original=original)
            for name in _kind(record, kind).fields]
