"""The Jinja2 environment for every page (TARGETS.md: 3x cheaper than Django templates)."""

from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from jinja2 import Environment, StrictUndefined

from partnering.accounts.languages import choices as interface_languages
from partnering.formats import local_date, local_datetime, money, number
from partnering.links import absolute, absolute_url
from partnering.reference.badges import sdg_number_badges
from partnering.select_options import select_options
from partnering.sources import cite_link
from partnering.visitors import may_contribute, people_visible, person


def url(name: str, *args, **kwargs) -> str:
    """reverse(), remembered: a page names the same few URLs on every request (the header's
    links, each row's link), and reversing costs tens of microseconds each time. The answer
    depends only on the URL configuration, the script prefix and the arguments, so those
    are the key; arguments other than numbers and strings are reversed afresh."""
    values = (*args, *kwargs.values())
    if all(type(value) in (int, str) for value in values):
        return _reversed(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), name,
                         args, tuple(kwargs.items()))
    return reverse(name, args=args or None, kwargs=kwargs or None)


@lru_cache(maxsize=8192)
def _reversed(urlconf, prefix: str, name: str, args: tuple, kwargs: tuple) -> str:
    # reverse() prefixes the current script prefix, which is `prefix` (part of the key).
    return reverse(name, urlconf=urlconf, args=args or None, kwargs=dict(kwargs) or None)


__all__ = ["environment", "local_date", "local_datetime", "url"]


def page_language() -> str:
    """The language the page is written in (<html lang>)."""
    return translation.get_language() or settings.LANGUAGE_CODE


def audit_label(action: str) -> str:
    from partnering.audit.actions import label

    return str(label(action))


def audit_changes(event) -> list:
    """What changed in an audit event, field by field, in the reader's language."""
    from partnering.audit.changes import readable

    return readable(event)


def environment(**options) -> Environment:
    options.setdefault("undefined", StrictUndefined)
    options["extensions"] = [*options.get("extensions", ()), "jinja2.ext.i18n"]
    env = Environment(**options)  # noqa: S701 - Django's backend turns autoescape on
    env.install_gettext_translations(translation, newstyle=True)
    env.globals.update({"static": staticfiles_storage.url, "url": url, "absolute": absolute,
                        "absolute_url": absolute_url, "cite": cite_link,
                        "person": person, "people_visible": people_visible,
                        "may_contribute": may_contribute, "audit_label": audit_label,
                        "audit_changes": audit_changes,
                        "select_options": select_options, "money": money,
                        "sdg_number_badges": sdg_number_badges,
                        "current_language": page_language,
                        "language_bidi": translation.get_language_bidi,
                        "interface_languages": interface_languages})
    env.filters.update({"date": local_date, "datetime": local_datetime, "number": number,
                        "money": money})
    from partnering import fragments
    from partnering.translations.templating import template_globals

    env.globals.update(template_globals())
    env.globals.update(fragments.template_globals())
    return env
