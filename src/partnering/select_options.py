"""The <option> elements of a filter's <select>, rendered once per process.

A filter form's country list is 250 options; rendering them in the template on every
request costs about a millisecond of the page. The fragment depends only on the choices,
the language (labels may be translated) and the selected value, so those are the key of a
bounded per-process cache. Choices that cannot be a key (nested option groups) are
rendered afresh.
"""

from functools import lru_cache

from django.utils import translation
from markupsafe import Markup


def select_options(choices, current) -> Markup:
    """`current` is the selected value, or a list of them (a `<select multiple>`)."""
    if isinstance(current, list | tuple | set | frozenset):
        current = tuple(sorted({str(value) for value in current}))
    else:
        current = "" if current is None else str(current)
    try:
        key = tuple(choices)
        hash(key)
    except TypeError:
        return _render(choices, current)
    return _cached(translation.get_language() or "", current, key)


@lru_cache(maxsize=2048)
def _cached(language: str, current: str | tuple, choices: tuple) -> Markup:
    return _render(choices, current)


def _render(choices, current: str | tuple) -> Markup:
    option = Markup('<option value="{}"{}>{}</option>')
    chosen = set(current) if isinstance(current, tuple) else {current}
    return Markup("").join(option.format(value, SELECTED if str(value) in chosen else "",
                                         label) for value, label in choices)


SELECTED = Markup(" selected")
