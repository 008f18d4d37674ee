"""The Jinja2 environment for every page (TARGETS.md: 3x cheaper than Django templates)."""

from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from jinja2 import Environment, StrictUndefined, pass_context

from partnering.accounts.languages import choices as interface_languages
from partnering.formats import local_date, local_datetime, money, number
from partnering.links import absolute, absolute_url
from partnering.reference.badges import sdg_number_badges
from partnering.select_options import select_options
from partnering.sources import cite_link
from partnering.visitors import may_contribute, people_visible, person


@pass_context
def url(context, name: str, *args, **kwargs) -> str:
    """reverse(), remembered: a page names the same few URLs on every request (the header's
    links, each row's link), and reversing costs tens of microseconds each time. The answer
    depends only on the URL configuration, the script prefix and the arguments, so those
    are the key; arguments other than numbers and strings are reversed afresh."""
    values = (*args, *kwargs.values())
    if all(type(value) in (int, str) for value in values):
        return _reversed(*_url_setting(context.get("request")), name, args,
                         tuple(kwargs.items()))
    return reverse(name, args=args or None, kwargs=kwargs or None)


def _url_setting(request) -> tuple[str, str]:
    """The URL configuration and script prefix, read once per request: both are set before
    the view runs (by the handler and the middleware) and stay so while it renders, and each
    read of them costs as much as the rest of `url` (thread-local lookups)."""
    found = getattr(request, "_url_setting", None)
    if found is None:
        found = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
        if request is not None:
            request._url_setting = found
    return found


@lru_cache(maxsize=8192)
def _reversed(urlconf, prefix: str, name: str, args: tuple, kwargs: tuple) -> str:
    # reverse() prefixes the current script prefix, which is `prefix` (part of the key).
    return reverse(name, urlconf=urlconf, args=args or None, kwargs=dict(kwargs) or None)


def static(name: str) -> str:
    """The static file's URL, remembered per storage base URL (the storage names files as
    given, with no manifest, so the answer depends on nothing else); each page asks for
    its style sheet."""
    if type(name) is not str:
        return staticfiles_storage.url(name)
    return _static_url(staticfiles_storage.base_url, name)


@lru_cache(maxsize=1024)
def _static_url(base_url: str, name: str) -> str:
    return staticfiles_storage.url(name)


# What a message without variables reads in a language: the same text on every page, so
# worked out once (Jinja2's newstyle gettext asks Django's catalogue, wraps the answer in
# Markup and formats it on every call: a tenth of a bare page). Bounded: a template may
# translate text that is not a fixed message.
_TRANSLATED: dict = {}
_TRANSLATED_MAX = 20_000


def fast_gettext(newstyle):
    """Jinja2's newstyle `gettext` (`newstyle`), answering a message without variables
    from what it answered before in the same language and escaping mode."""

    @pass_context
    def gettext(context, string, **variables):
        if variables or type(string) is not str:
            return newstyle(context, string, **variables)
        key = (translation.get_language(), context.eval_ctx.autoescape, string)
        found = _TRANSLATED.get(key)
        if found is None:
            found = newstyle(context, string)
            if len(_TRANSLATED) >= _TRANSLATED_MAX:
                _TRANSLATED.clear()
            _TRANSLATED[key] = found
        return found

    return gettext


__all__ = ["environment", "local_date", "local_datetime", "static", "url"]


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
    gettext = fast_gettext(env.globals["gettext"])
    # `_` is the same function (Jinja2's alias looks `gettext` up and calls it each time).
    env.globals.update({"gettext": gettext, "_": gettext})
    env.globals.update({"static": static, "url": url, "absolute": absolute,
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
