"""Public pages as anonymous visitors see them, kept for a few minutes.

The public directory and public partnership pages are what the world reads (like the UN
registry's pages); building the overview takes two dozen queries. For a visitor who is not
signed in the page depends only on the data, the date and the language it is written in (the
one LocaleMiddleware chose from the visitor's cookie or Accept-Language; content kept in
several languages follows Accept-Language too), so the rendered HTML is kept under a key
that holds them all. The data's version is the latest
audit record: every write in Partnering goes through a service that records one, so any
change (a partnership made private included) moves the key and the next visitor gets a
fresh page. Pages carrying a CSRF token or a one-off message are never kept.

The same holds for the open JSON lists of organisations and partnerships (and one of each),
read without a token or a session: VisitorApiCacheMiddleware keeps them under the same key."""

import hashlib
import re
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation

from partnering.audit.models import AuditEvent
from partnering.fragments import Memo
from partnering.prepared import Prepared

HTML = "text/html; charset=utf-8"


def data_version() -> int:
    return next(iter(_LATEST_AUDIT("latest")), 0)


# Asked by every kept page and section: SQL written once (partnering.prepared).
_LATEST_AUDIT = Prepared(
    lambda _key: AuditEvent.objects.order_by("-id").values_list("id", flat=True)[:1])


def remember(name: str, *parts, compute):
    """`compute()`, kept until the data changes (the same key as the pages: the latest audit
    record, the date and the language): for a section that is the same whoever reads it in
    that language."""
    text = "\n".join([name, *map(str, parts), timezone.localdate().isoformat(),
                      str(data_version()), _language()])
    key = "data:" + hashlib.sha256(text.encode()).hexdigest()
    value = _REMEMBERED.get(key)
    if value is None:
        value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.PUBLIC_PAGE_CACHE_SECONDS)
    _REMEMBERED.set(key, value)
    return value


# The process's own copy of what `remember` found (the key holds the data version, so it is
# never behind the data): no file read or unpickling on the next page. Read-only to callers.
_REMEMBERED = Memo(512)


def _language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def _key(request, kind: str = "page") -> str:
    # The header as well as the language: content kept in several languages (IATI titles)
    # is shown in the first of the reader's languages that it has.
    parts = "\n".join([request.get_full_path(), _language(),
                       request.headers.get("Accept-Language", "")[:200],
                       timezone.localdate().isoformat(), str(data_version())])
    return f"{kind}:" + hashlib.sha256(parts.encode()).hexdigest()


def _cacheable(request) -> bool:
    return (settings.PUBLIC_PAGE_CACHE_SECONDS > 0 and request.method in ("GET", "HEAD")
            and not request.user.is_authenticated and len(get_messages(request)) == 0)


def cache_for_visitors(view):
    """Serve the view's page to anonymous visitors from the cache when the data has not
    changed; signed-in users always get a freshly built page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        content = cache.get(key)
        if content is not None:
            return HttpResponse(content, content_type=HTML)
        response = view(request, *args, **kwargs)
        if (response.status_code == 200 and not response.streaming
                and response.get("Content-Type") == HTML
                and b"csrfmiddlewaretoken" not in response.content):
            cache.set(key, response.content, settings.PUBLIC_PAGE_CACHE_SECONDS)
        return response

    return wrapped


# The API reads a visitor may make of the public registry and directory.
JSON = "application/json; charset=utf-8"
VISITOR_API = re.compile(r"^/api/v1/(organisations|partnerships)(/\d+)?/?$")


class VisitorApiCacheMiddleware:
    """Keep the open JSON lists for visitors without a token or a session (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (not VISITOR_API.match(request.path_info) or "Authorization" in request.headers
                or not _cacheable(request)):
            return self.get_response(request)
        key = _key(request, "api")
        content = cache.get(key)
        if content is not None:
            return HttpResponse(content, content_type=JSON)
        response = self.get_response(request)
        if (response.status_code == 200 and not response.streaming
                and response.get("Content-Type") == JSON):
            cache.set(key, response.content, settings.PUBLIC_PAGE_CACHE_SECONDS)
        return response
