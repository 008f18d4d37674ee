"""Parts of a signed-in page rendered once per process and reused (issue #16): never the
page, only pieces that depend on nothing private.

- The site menu and the language choices of base.html depend only on the language, the URL
  configuration and whether a reader is signed in: the same bytes for every signed-in
  person. What is the reader's own (their name, the unread count, the CSRF token, the
  current path, the admin links) is written afresh on every page.
- A partnership's section menu depends on the language, the partnership's id, the section
  shown and whether the reader may contribute (members, brokers and admins see the
  members-only tabs): all four are the key, so a visitor never gets a member's menu.

None of these shows data that a write changes, so there is nothing to invalidate; the
reader's language, the URL configuration and the script prefix are part of every key.

`Memo` is also the process's copy in front of the shared cache for `pagecache.remember`,
whose keys hold the data version: reading it there costs no file read and no unpickling."""

import threading
from collections import OrderedDict

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation
from jinja2 import pass_environment
from markupsafe import Markup

_MISSING = object()


class Memo:
    """A bounded map, least recently used out first, safe across a worker's threads."""

    def __init__(self, size: int):
        self.size, self.items, self.lock = size, OrderedDict(), threading.Lock()
        _EVERY.append(self)

    def get(self, key, default=None):
        with self.lock:
            value = self.items.get(key, _MISSING)
            if value is _MISSING:
                return default
            self.items.move_to_end(key)
            return value

    def set(self, key, value) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


_EVERY: list[Memo] = []


def forget() -> None:
    """Empty every memo of the process (tests: a rolled-back test may reuse a data version)."""
    for memo in _EVERY:
        memo.clear()


_RENDERED = Memo(4096)


def _rendered(env, template: str, **context) -> Markup:
    """`template` rendered with `context`, kept per language, URL configuration and script
    prefix as well as the context (whose values must be plain and public)."""
    key = (template, translation.get_language() or settings.LANGUAGE_CODE,
           get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(),
           *sorted(context.items()))
    found = _RENDERED.get(key)
    if found is None:
        found = Markup(env.get_template(template).render(**context))  # noqa: S704 - autoescaped
        _RENDERED.set(key, found)
    return found


@pass_environment
def site_menu(env, signed_in: bool) -> Markup:
    """The header's links to the site's sections."""
    return _rendered(env, "_site_menu.html", signed_in=bool(signed_in))


@pass_environment
def language_options(env) -> Markup:
    """The language switcher's options, the current language selected."""
    return _rendered(env, "_language_options.html")


@pass_environment
def section_menu(env, partnership_id: int, current: str, member: bool) -> Markup:
    """A partnership's section menu (see `partnership_nav` in _macros.html)."""
    return _rendered(env, "_section_menu.html", partnership_id=int(partnership_id),
                     current=str(current), member=bool(member))


def template_globals() -> dict:
    return {"site_menu": site_menu, "language_options": language_options,
            "section_menu": section_menu}
