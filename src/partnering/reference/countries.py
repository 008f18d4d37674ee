"""ISO 3166-1 countries, from pycountry, named in the language of the page: pycountry ships
the iso-codes project's gettext catalogues (domain iso3166-1) for French, Spanish and
Portuguese among others. Codes are looked up by their English names (imports, checks)."""

import gettext
import unicodedata
from functools import cache

import pycountry
from django.utils.translation import get_language


@cache
def country_names() -> dict[str, str]:
    """Code → English name."""
    return {c.alpha_2: getattr(c, "common_name", c.name) for c in pycountry.countries}


def _language() -> str:
    return (get_language() or "en").split("-")[0]


@cache
def localised_names(language: str) -> dict[str, str]:
    """Code → name in `language`; the English name where the catalogue has none."""
    english = country_names()
    if language == "en":
        return english
    try:
        catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR,
                                        languages=[language])
    except OSError:
        return english
    return {code: catalogue.gettext(name) for code, name in english.items()}


def _sort_key(item: tuple[str, str]) -> str:
    """Alphabetical whatever the accents: É sorts with E."""
    decomposed = unicodedata.normalize("NFKD", item[1].casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _choices(language: str) -> list[tuple[str, str]]:
    return sorted(localised_names(language).items(), key=_sort_key)


def country_choices() -> list[tuple[str, str]]:
    """(code, name) in the active language, sorted by name."""
    return _choices(_language())


def country_name(code: str) -> str:
    return localised_names(_language()).get(code or "", code or "")


def is_country(code: str) -> bool:
    return code in country_names()
