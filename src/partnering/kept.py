"""Sections of a signed-in page rendered once and reused until the data changes (issue #16):
never the page, only the part about one partnership that is the same for every reader who
may see it (the decision log, the deliverables table), so no access decision is kept.

A section is kept per process under a key holding the partnership, the data version (the
latest audit record: every service records one in the transaction of its write, as for the
kept visitor pages in pagecache.py), today's date, the reader's language, whether people's
names may be shown, and whatever else the caller names (the page number, whether the reader
steers the partnership). A section that depends on the clock (a proposal that closes at
10:00) says until when it holds; none is kept longer than `MAX_AGE` seconds, which bounds
how long two writes committed in the other order than their audit records could go unseen.

Per-reader pieces a kept section needs (the CSRF token of a form) are written as `MARK`
and put back by `with_token` for each reader."""

import secrets
import time
from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.template import engines
from django.utils import timezone, translation
from markupsafe import Markup

from partnering.csrf import hidden_input
from partnering.fragments import Memo
from partnering.pagecache import data_version
from partnering.visitors import people_visible

MAX_AGE = 60
# Where a kept section's forms take the reader's CSRF token: unguessable, so no content can
# spell it.
MARK = Markup(f"<!--csrf-{secrets.token_hex(12)}-->")  # noqa: S704 - a fixed comment

_KEPT = Memo(2048)


def kept(name: str, partnership_id: int, *parts, build: Callable[[], tuple]) -> object:
    """`build()`'s value, kept until the data changes. `build` returns `(value, until)`:
    `until` (an aware datetime or None) is when the value stops holding by the clock."""
    if inside_transaction():
        return build()[0]
    key = (name, partnership_id, data_version(), timezone.localdate().isoformat(),
           translation.get_language() or settings.LANGUAGE_CODE, people_visible(), *parts)
    found = _KEPT.get(key)
    now = time.time()
    if found is not None and now < found[1]:
        return found[0]
    value, until = build()
    expires = now + MAX_AGE
    if until is not None:
        expires = min(expires, until.timestamp())
    _KEPT.set(key, (value, expires))
    return value


def inside_transaction() -> bool:
    """Inside a transaction (which may hold writes of its own, not yet in the data version)
    a section is always built afresh, as `rows.remembered` does."""
    return connection.in_atomic_block


def render(template: str, **context) -> Markup:
    """A section's template rendered with only `context` (no context processors): what it
    shows is what it is given. A `request` given is read for `?original=1` only (the
    `translated()` helpers): callers put `original(request)` in the section's key."""
    env = engines["jinja2"].env
    return Markup(env.get_template(template).render(**context))  # noqa: S704 - autoescaped


def original(request) -> bool:
    return request.GET.get("original") == "1"


def with_token(request, html: Markup) -> Markup:
    """A kept section with the reader's CSRF token in its forms."""
    if MARK not in html:
        return html
    return Markup(html.replace(MARK, hidden_input(request)))  # noqa: S704 - both escaped
