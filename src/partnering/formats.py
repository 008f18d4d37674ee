"""Dates, numbers and sums of money written the way the reader's language writes them
(issue 18): day and month in the language's order with its month names, its decimal and
grouping marks, its place for the currency sign. Babel's CLDR data, for the active language.

English is written as in the United Kingdom (the interface's English is British: "7 Dec
2026", "12,000.5", "€12,000"), with the three-letter month abbreviations ("Sep", not
"Sept")."""

import datetime
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from babel.numbers import format_currency, format_decimal, get_currency_symbol
from django.conf import settings
from django.utils import timezone, translation

ENGLISH = "en_GB"
# English dates: day, short month, year, as the pages always wrote them.
ENGLISH_DATE = "d MMM y"


@lru_cache(maxsize=64)
def _locale(language: str) -> Locale:
    if not language or language.split("-")[0] == "en":
        return Locale.parse(ENGLISH)
    try:
        return Locale.parse(translation.to_locale(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(ENGLISH)


def active_locale() -> Locale:
    """The Babel locale of the active language (the site's when none is active)."""
    return _locale(translation.get_language() or settings.LANGUAGE_CODE)


def _local(value):
    if getattr(value, "tzinfo", None) is not None:
        return timezone.localtime(value)
    return value


def local_date(value, style: str = "medium") -> str:
    """A date (or a moment's date, in the site's time zone): "7 Dec 2026", "7 déc. 2026",
    "7 dic 2026", "7 de dez. de 2026"."""
    if value is None or value == "":
        return ""
    value = _local(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    return _date(value, style, active_locale())


@lru_cache(maxsize=1)
def _english_months() -> Locale:
    """Plain English's locale, parsed once: Babel parses a locale given by name on every call
    (a third of a millisecond per date on a page that writes twenty-five of them)."""
    return Locale.parse("en")


@lru_cache(maxsize=8192)
def _date(value: datetime.date, style: str, locale: Locale) -> str:
    # As _datetime: a day is written once per process, style and language.
    if locale.language == "en" and style == "medium":
        return format_date(value, ENGLISH_DATE, locale=_english_months())
    return format_date(value, style, locale=locale)


def local_datetime(value) -> str:
    """A moment, to the minute, in the site's time zone: "7 Dec 2026, 09:05"."""
    if value is None or value == "":
        return ""
    value = _local(value)
    # What is written depends on the wall clock to the minute and the language only.
    return _datetime(value.replace(second=0, microsecond=0, tzinfo=None), active_locale())


@lru_cache(maxsize=8192)
def _datetime(value: datetime.datetime, locale: Locale) -> str:
    # Babel takes 50 µs a moment; a page writes the same few (its events' times) on every
    # request, so each is written once per process and language.
    pattern = str(locale.datetime_formats["medium"]).replace("'", "")
    return pattern.format(format_time(value, "short", locale=locale),
                          _date(value.date(), "medium", locale))


def number(value, digits: int | None = None, signed: bool = False) -> str:
    """A number with the language's marks; `digits`: exactly that many decimals (default:
    as many as it has, up to three); `signed`: "+" before a positive one (a change).
    None and "" give "—"."""
    if value is None or value == "":
        return "—"
    pattern = None
    if digits is not None:
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
    if signed:
        pattern = pattern or "#,##0.###"
        pattern = f"+{pattern};-{pattern}"
    return _number(type(value), value, pattern, active_locale())


@lru_cache(maxsize=8192)
def _number(_kind: type, value, pattern: str | None, locale: Locale) -> str:
    # Babel takes about 20 µs a number and a chart writes hundreds, most of them the same
    # few counts: each is written once per process (the kind in the key keeps 1, 1.0 and
    # True apart).
    return format_decimal(value, format=pattern, locale=locale)


def money(amount, currency: str = "") -> str:
    """A sum with its currency (an ISO 4217 code), where and how the language writes it:
    "€12,000", "12 000 €", "US$ 1.500,50". Whole sums are written without decimals; with
    no currency, the number alone (at most two decimals)."""
    if amount is None or amount == "":
        return "—"
    locale = active_locale()
    whole = _is_whole(amount)
    if not currency:
        return format_decimal(amount, format="#,##0" if whole else "#,##0.00", locale=locale)
    pattern = locale.currency_formats["standard"].pattern
    if whole:
        pattern = pattern.replace("#,##0.00", "#,##0")
    text = format_currency(amount, currency, format=pattern, locale=locale,
                           currency_digits=not whole)
    return _spaced(text, get_currency_symbol(currency, locale=locale))


def _spaced(text: str, symbol: str) -> str:
    """CLDR's currency spacing, which Babel leaves out: a symbol that ends (or starts) with
    a letter is kept apart from the digits by a no-break space ("F CFA 500", not
    "F CFA500"); "€" and "US$" stay close."""
    if text.startswith(symbol) and text[len(symbol):][:1].isdigit() \
            and not unicodedata.category(symbol[-1]).startswith("S"):
        return f"{symbol}\xa0{text[len(symbol):]}"
    head = text[:-len(symbol)]
    if text.endswith(symbol) and head[-1:].isdigit() \
            and not unicodedata.category(symbol[0]).startswith("S"):
        return f"{head}\xa0{symbol}"
    return text


def _is_whole(amount) -> bool:
    try:
        return Decimal(str(amount)) == Decimal(str(amount)).to_integral_value()
    except (InvalidOperation, ValueError):
        return False
