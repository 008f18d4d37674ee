"""IATI narratives in several languages, mapped onto content translations.

Import: the narrative in the activity's language (or the first one) is the original, and its
language the partnership's; every other narrative of the title and of the general
description (type 1) becomes a translation of the title and the problem statement, made by
the import (no translator). A re-import revises the translations it made; those a member
wrote or revised are kept.

Export: one `<narrative xml:lang="…">` per translation, after the original's."""

from django.contrib.contenttypes.models import ContentType

from partnering.translations.languages import base, is_language, site_language
from partnering.translations.models import ContentTranslation, source_hash

# IATI element → the partnership field it holds.
FIELDS = {"title": "title", "description": "problem_statement"}
LIMITS = {"title": 200, "problem_statement": 20_000}


def original_language(texts: dict, activity_language: str) -> str:
    """The language of the narrative taken as the original."""
    language = base(activity_language)
    if language not in texts:
        language = base(next(iter(texts), ""))
    return language if is_language(language) else site_language()


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _wanted(partnership, narratives: dict[str, dict]) -> dict[tuple[str, str], str]:
    """(field, language) → text of every narrative that is not in the original's language."""
    wanted = {}
    for name, texts in narratives.items():
        for language, text in texts.items():
            language = base(language)
            if text and is_language(language) and language != partnership.language:
                wanted[(name, language)] = _shorten(text, LIMITS[name])
    return wanted


def imported_translations(partnership, narratives: dict[str, dict]) -> list:
    """The translations of a new partnership (its plain values: a registry.bulk.NewRow),
    unsaved (the import inserts them in bulk). `narratives` maps a field ("title",
    "problem_statement") to {language: text}."""
    content_type = ContentType.objects.get_for_model(partnership.model)
    return [ContentTranslation(
        content_type=content_type, object_id=partnership.pk, field=name, language=language,
        text=text, source_language=partnership.language,
        source_hash=source_hash(getattr(partnership, name)))
        for (name, language), text in _wanted(partnership, narratives).items()]


def sync_imported(partnership, narratives: dict[str, dict]) -> int:
    """On a re-import: add the new narratives' translations and revise those the import
    made; a member's own translations are kept. Returns how many were written."""
    content_type = ContentType.objects.get_for_model(partnership)
    existing = {(t.field, t.language): t for t in ContentTranslation.objects.filter(
        content_type=content_type, object_id=partnership.pk)}
    written = 0
    for (name, language), text in _wanted(partnership, narratives).items():
        fingerprint = source_hash(getattr(partnership, name))
        row = existing.get((name, language))
        if row is not None and (row.translator_id is not None or row.translator_name or
                                (row.text, row.source_hash) == (text, fingerprint)):
            continue
        ContentTranslation.objects.update_or_create(
            content_type=content_type, object_id=partnership.pk, field=name,
            language=language, defaults={"text": text, "source_hash": fingerprint,
                                         "source_language": partnership.language})
        written += 1
    return written


def translations_of(partnership) -> dict[str, dict[str, str]]:
    """field → {language: text} of the partnership's translations (one query)."""
    found: dict[str, dict[str, str]] = {}
    for name, language, text in ContentTranslation.objects.filter(
            content_type=ContentType.objects.get_for_model(partnership),
            object_id=partnership.pk, field__in=list(LIMITS)).order_by(
            "language").values_list("field", "language", "text"):
        found.setdefault(name, {})[language] = text
    return found


def with_translations(texts: dict, translations: dict[str, str], language: str) -> dict:
    """`texts` ({language: text}, the original's first) with the translations added; a
    translation replaces a stored narrative in its language."""
    merged = dict(texts)
    for other, text in translations.items():
        if other != language:
            merged[other] = text
    return merged
