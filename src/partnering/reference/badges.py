"""SDG badges of list rows, rendered once per goal and language.

A list page shows a badge per SDG of each of its rows; through a Jinja macro each badge was a
macro call and a translation lookup. The badge depends only on the goal's number and the
reader's language, so it is made once per process for each pair."""

from django.utils import translation
from django.utils.translation import gettext
from markupsafe import Markup

_BADGE = Markup('<a class="sdg sdg-{0}" href="/reference/sdg/{0}/">{1}</a> ')
_MADE: dict[tuple[str, int], Markup] = {}


def sdg_number_badges(numbers) -> Markup:
    """The badges of `numbers` (goal numbers 1-17), each followed by a space."""
    if not numbers:
        return Markup("")
    language = translation.get_language() or ""
    return Markup("").join([_badge(language, number) for number in numbers])


def _badge(language: str, number: int) -> Markup:
    badge = _MADE.get((language, number))
    if badge is None:
        badge = _BADGE.format(number, gettext("SDG %(number)s") % {"number": number})
        if type(number) is int and 1 <= number <= 17:
            _MADE[language, number] = badge
    return badge
