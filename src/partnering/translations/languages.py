"""Languages of content: ISO 639-1 codes (any language, not only the interface's), their
names in the reader's language (Babel's CLDR data) and their writing direction."""

from functools import lru_cache

import pycountry
from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 8
# Written right to left (ISO 639-1), whatever Babel knows.
RTL = {"ar", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"}


def base(code: str | None) -> str:
    """"pt-br" → "pt"; "" for nothing."""
    return (code or "").strip().lower().replace("_", "-").split("-")[0]


def active_language() -> str:
    """The language of the interface now (the author's, in a request), else the site's."""
    return base(translation.get_language()) or base(settings.LANGUAGE_CODE)


def site_language() -> str:
    return base(settings.LANGUAGE_CODE)


@lru_cache(maxsize=512)
def is_language(code: str) -> bool:
    return len(code) == 2 and code.isalpha() and code.islower() and \
        pycountry.languages.get(alpha_2=code) is not None


def validate_language(value: str) -> None:
    if not is_language(value or ""):
        raise ValidationError(_("“%(value)s” is not an ISO 639-1 language code (e.g. en, "
                                "fr, bs)."), params={"value": value}, code="unknown_language")


@lru_cache(maxsize=2048)
def _name(code: str, reader: str) -> str:
    try:
        name = Locale.parse(reader).languages.get(code)
    except (UnknownLocaleError, ValueError):
        name = None
    if name:
        return name
    language = pycountry.languages.get(alpha_2=code)
    return language.name if language is not None else code


def language_name(code: str, reader: str | None = None) -> str:
    """The language's name in the reader's language ("Bosnian", "bosniaque")."""
    return _name(code, base(reader) or active_language())


def direction(code: str) -> str:
    return "rtl" if base(code) in RTL else "ltr"


def choices(reader: str | None = None) -> list[tuple[str, str]]:
    """Every ISO 639-1 language, by name in the reader's language."""
    codes = [lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")]
    named = ((code, language_name(code, reader)) for code in codes)
    return sorted(((code, name[:1].upper() + name[1:]) for code, name in named),
                  key=lambda pair: pair[1].casefold())


def language_field():
    """The `language` field of a translatable record: the language it was written in."""
    from django.db import models

    return models.CharField(
        _("language"), max_length=MAX_LENGTH, default=active_language,
        validators=[validate_language],
        help_text=_("The language this was written in (ISO 639-1, e.g. en, fr, bs)."))
