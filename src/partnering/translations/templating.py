"""The template side: `translated(obj, "title")` in place of `{{ obj.title }}`, the marker
beside translated content, and `prefetch_translations(rows, kind)` at the top of a list.

`?original=1` on any page shows the originals."""

from django.urls import reverse
from django.utils.translation import gettext as _
from jinja2 import pass_context
from markupsafe import Markup, escape

from partnering.translations.languages import active_language, direction, language_name
from partnering.translations.reading import _kind, prefetch, shown, shown_fields
from partnering.visitors import person


def wants_original(context) -> bool:
    request = context.get("request")
    return bool(request is not None and request.GET.get("original") == "1")


def _wrapped(text: str, language: str) -> Markup:
    """The text, marked with its language when the page is in another one."""
    if language == active_language():
        return escape(text)
    dir_attribute = Markup(' dir="rtl"') if direction(language) == "rtl" else ""
    return Markup('<span lang="{}"{}>{}</span>').format(language, dir_attribute, text)


@pass_context
def translated(context, record, field: str, kind: str | None = None) -> Markup:
    """The field in the reader's language when translated, else the original."""
    item = shown(record, field, kind=kind, original=wants_original(context))
    return _wrapped(item.text, item.language)


@pass_context
def translated_text(context, record, field: str, kind: str | None = None) -> str:
    """The same as plain text (for a page title or an attribute)."""
    return shown(record, field, kind=kind, original=wants_original(context)).text


@pass_context
def content_lang(context, record, kind: str | None = None) -> Markup:
    """` lang="bs"` for an element holding a whole record in another language."""
    items = shown_fields(record, kind=kind, original=wants_original(context))
    language = next((i.language for i in items if i.text), active_language())
    if language == active_language():
        return Markup("")
    rtl = Markup(' dir="rtl"') if direction(language) == "rtl" else ""
    return Markup(' lang="{}"{}').format(language, rtl)


def prefetch_translations(records, kind: str | None = None) -> str:
    prefetch(records, kind)
    return ""


def _link(request, original: bool) -> str:
    query = request.GET.copy()
    query.pop("original", None)
    if original:
        query["original"] = "1"
    encoded = query.urlencode()
    return request.path + (f"?{encoded}" if encoded else "")


@pass_context
def translation_marker(context, record, kind: str | None = None) -> Markup:
    """"Translated from Bosnian by Amra Hadžić · Show original", or "Original"."""
    request = context.get("request")
    original = wants_original(context)
    items = shown_fields(record, kind=kind, original=original)
    used = [i for i in items if i.is_translation]
    source = items[0].original_language if items else active_language()
    parts = [_said(used, source, original, request)]
    if any(i.outdated for i in used):
        parts.append(Markup('<strong class="warn">{}</strong>').format(
            _("The original changed since this translation.")))
    if request is not None and request.user.is_authenticated and record is not None:
        target = reverse(f"translate_{_kind(record, kind).name}", args=[
                                            record["id"] if isinstance(record, dict)
                                            else record.pk])
        parts.append(Markup('<a href="{}">{}</a>').format(target, _("Translate")))
    return Markup('<p class="translation-marker">{}</p>').format(Markup(" · ").join(parts))


def _said(used, source: str, original: bool, request) -> Markup:
    if used:
        names = sorted({person(i.translation.translator_name, "") for i in used} - {""})
        language = language_name(source)
        said = (_("Translated from %(language)s by %(translator)s")
                % {"language": language, "translator": ", ".join(names)} if names
                else _("Translated from %(language)s") % {"language": language})
        if request is None:
            return escape(said)
        return Markup('{} · <a href="{}">{}</a>').format(said, _link(request, True),
                                                          _("Show original"))
    if original and request is not None and source != active_language():
        return Markup('{} · <a href="{}">{}</a>').format(
            _("Original (%(language)s)") % {"language": language_name(source)},
            _link(request, False), _("Show the translation"))
    if source != active_language():
        return escape(_("Original (%(language)s)") % {"language": language_name(source)})
    return escape(_("Original"))


def translated_languages(record, kind: str | None = None) -> list[tuple[str, str]]:
    """(code, name) of every language the record has a translation in (one query)."""
    from django.contrib.contenttypes.models import ContentType

    from partnering.translations.models import ContentTranslation

    model = _kind(record, kind).model
    pk = record["id"] if isinstance(record, dict) else record.pk
    codes = ContentTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=pk,
    ).values_list("language", flat=True).distinct()
    return sorted(((code, language_name(code)) for code in set(codes)),
                  key=lambda pair: pair[1].casefold())


def agreement_exports(partnership, version) -> Markup:
    """Links to the version's DOCX and PDF in each language it is translated into."""
    links = []
    base_url = f"/api/v1/partnerships/{partnership.pk}/agreement/versions/{version.number}"
    for code, name in translated_languages(version):
        links.append(Markup('<a href="{}.docx?lang={}">{}</a> · <a href="{}.pdf?lang={}">{}</a>')
                     .format(base_url, code, _("Word (%(language)s)") % {"language": name},
                             base_url, code, _("PDF (%(language)s)") % {"language": name}))
    if not links:
        return Markup("")
    return Markup('<p class="translated-exports">{} {}</p>').format(
        _("In other languages:"), Markup(" · ").join(links))


def template_globals() -> dict:
    return {"translated": translated, "translated_text": translated_text,
            "translated_languages": translated_languages,
            "agreement_exports": agreement_exports,
            "translation_marker": translation_marker, "content_lang": content_lang,
            "prefetch_translations": prefetch_translations}
