"""An agreement version's export in a chosen language (`?lang=bs`): each section in that
language where it is translated, with a note of the translator; the original otherwise."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from partnering.translations.languages import active_language, base, is_language, language_name
from partnering.translations.models import ContentTranslation
from partnering.visitors import person


def export_language(raw: str | None) -> str:
    """The language asked for ("" for the original's); a ValidationError for a code that
    names no language."""
    language = base(raw)
    if language and not is_language(language):
        raise ValidationError(_("“%(value)s” is not an ISO 639-1 language code (e.g. en, "
                                "fr, bs).") % {"value": raw})
    return language


def _notes_language(language: str) -> str:
    """Headings and notes in the export's language when the interface speaks it."""
    shipped = {code for code, _name in settings.LANGUAGES}
    return language if language in shipped else active_language()


def export_translation(language: str):
    """The interface language to build and write an export in: the export's own when the
    interface speaks it (every heading and note then reads in it), else the reader's."""
    return translation.override(_notes_language(language) if language else active_language())


def in_language(doc, version, language: str):
    """`doc` (exports.document) with the version's translations into `language`; build it
    and write the file inside `export_translation(language)`."""
    from partnering.agreements.exports import clean
    from partnering.agreements.models import SECTIONS

    if not language or language == version.language:
        return doc
    rows = {t.field: t for t in ContentTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(version), object_id=version.pk,
        language=language)}
    source = language_name(version.language)
    if "title" in rows:
        doc.title = clean(rows["title"].text)
    sections = []
    for (name, title, _help), (_heading, text) in zip(SECTIONS, doc.sections, strict=True):
        row = rows.get(name)
        if row is not None:
            text = f"{clean(row.text)}\n\n{_note(row, source, getattr(version, name))}"
        sections.append((str(title), text))
    doc.sections = sections
    doc.status_note += " " + _(
        "Sections in %(language)s where translated; the others in %(source)s, the "
        "original.") % {"language": language_name(language), "source": source}
    return doc


def _note(row, source: str, original: str) -> str:
    translator = person(row.translator_name, "")
    if translator:
        said = _("Translated from %(language)s by %(translator)s") % {
            "language": source, "translator": translator}
    else:
        said = _("Translated from %(language)s") % {"language": source}
    if row.is_outdated(original):
        said += "; " + _("The original changed since this translation.")
    return f"({said})"
