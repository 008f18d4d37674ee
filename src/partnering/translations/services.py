"""Adding and revising translations: one function per user action, in a transaction, with an
audit event per field (`translation.added`, `translation.revised`)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnering.audit.services import record
from partnering.guards import require
from partnering.partnerships.access import access_for
from partnering.partnerships.models import Partnership
from partnering.translations.languages import base, language_name, validate_language
from partnering.translations.models import ContentTranslation, source_hash
from partnering.translations.registry import kind_of, partnership_id_of


def translator_name(actor) -> str:
    if actor is None or not actor.is_authenticated:
        return ""
    person = getattr(actor, "person", None)
    return getattr(person, "name", "") or actor.get_full_name() or actor.get_username()


def _check(actor, obj, language: str, texts: dict):
    kind = kind_of(obj)
    if kind is None:
        raise ValidationError(_("This cannot be translated."))
    partnership = Partnership.objects.get(pk=partnership_id_of(kind, obj))
    require(getattr(access_for(actor, partnership), f"can_{kind.need}"))
    validate_language(language)
    if language == obj.language:
        raise ValidationError({"language": _(
            "The original is written in %(language)s: choose another language.")
            % {"language": language_name(language)}})
    unknown = sorted(set(texts) - set(kind.fields))
    if unknown:
        raise ValidationError(_("These fields cannot be translated: %(fields)s.")
                              % {"fields": ", ".join(unknown)})
    for name, text in texts.items():
        limit = kind.max_length(name)
        if limit and len(text) > limit:
            raise ValidationError({name: _("At most %(limit)s characters.") % {"limit": limit}})
    return kind, partnership


@transaction.atomic
def save_translations(actor, obj, *, language: str, texts: dict[str, str]) -> list:
    """Add or revise the translation of each field in `texts` into `language`; a blank text
    leaves that field as it was. Returns the translations written."""
    language = base(language)
    texts = {name: (text or "").strip() for name, text in texts.items()}
    kind, partnership = _check(actor, obj, language, texts)
    content_type = ContentType.objects.get_for_model(kind.model)
    existing = {t.field: t for t in ContentTranslation.objects.select_for_update().filter(
        content_type=content_type, object_id=obj.pk, language=language)}
    written = []
    for name, text in texts.items():
        if not text:
            continue
        translation = _write(actor, obj, name, text, existing.get(name),
                             content_type=content_type, language=language,
                             partnership_id=partnership.pk)
        if translation is not None:
            written.append(translation)
    return written


def _write(actor, obj, name, text, translation, *, content_type, language, partnership_id):
    original = getattr(obj, name) or ""
    fingerprint = source_hash(original)
    if translation is not None and translation.text == text and \
            translation.source_hash == fingerprint:
        return None
    before = translation.text if translation is not None else None
    if translation is None:
        translation = ContentTranslation(content_type=content_type, object_id=obj.pk,
                                         field=name, language=language)
    translation.text = text
    translation.source_hash, translation.source_language = fingerprint, obj.language
    translation.translator = actor if actor is not None and actor.is_authenticated else None
    translation.translator_name = translator_name(actor)[:200]
    translation.full_clean(exclude=["content_type", "translator"])
    translation.save()
    action = "translation.added" if before is None else "translation.revised"
    record(actor, action, translation, partnership_id=partnership_id,
           changes={"field": [None, name], "language": [None, language],
                    "text": [before, text]},
           summary=f"{name} of “{str(obj)[:120]}” in {language}")
    return translation


@transaction.atomic
def set_original_language(actor, obj, language: str):
    """Say which language the original is written in (a correction of the record)."""
    from partnering.audit.services import save_audited

    kind = kind_of(obj)
    partnership = Partnership.objects.get(pk=partnership_id_of(kind, obj))
    require(getattr(access_for(actor, partnership), f"can_{kind.need}"))
    return save_audited(actor, obj, {"language": base(language)}, fields=["language"],
                        partnership_id=partnership.pk)
