"""Walk the site as one visitor: follow the links of every page from the home page, the way
a person clicking around would, and hand each page to a check.

The walk is bounded: at most `per_route` pages of one URL pattern (the first ones found:
every partnership's overview is linked from the directory before any tab of any of them)
and `limit` pages in all. Downloads (CSV, XLSX, PDF, DOCX, XML, ZIP) and sign-out are not
followed; query strings are dropped except for pagination."""

import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urlsplit

from django.urls import Resolver404, resolve

HREF = re.compile(r"""<(?:a|link)\b[^>]*?\bhref="([^"]+)\"""", re.I)
FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.I | re.S)
POST = re.compile(r"""\bmethod=["']?post""", re.I)
TOKEN = re.compile(r"""<input[^>]+name=["']csrfmiddlewaretoken["'][^>]+value=["'][^"']{20,}""",
                   re.I)
DOWNLOADS = (".csv", ".xlsx", ".pdf", ".docx", ".xml", ".zip", ".json", ".svg", ".png")
NOT_FOLLOWED = ("/accounts/logout/", "/admin/", "/static/", "/api/v1/docs")


@dataclass
class Page:
    url: str
    status: int
    html: str
    route: str


@dataclass
class Walk:
    pages: list[Page] = field(default_factory=list)

    def urls(self) -> set[str]:
        return {p.url for p in self.pages}

    def ok(self) -> list[Page]:
        return [p for p in self.pages if p.status == 200]

    def status_of(self, url: str) -> int | None:
        """The status a walked page answered; None if it was not walked."""
        return next((p.status for p in self.pages if p.url == url), None)


def route_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route or match.view_name


def _normalise(href: str) -> str | None:
    href, _ = urldefrag(href)
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path.startswith(NOT_FOLLOWED) or parts.path.endswith(DOWNLOADS):
        return None
    if parts.query and re.fullmatch(r"page=\d+", parts.query):
        return f"{parts.path}?{parts.query}"
    return parts.path


def walk(client, start=("/",), *, per_route: int = 4, limit: int = 600) -> Walk:
    """GET pages breadth first from `start`, following every same-site link."""
    seen: set[str] = set()
    per: dict[str, int] = {}
    queue = deque(start)
    result = Walk()
    while queue and len(result.pages) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        route = route_of(url.split("?")[0])
        if route is None:
            continue
        if per.get(route, 0) >= per_route and url not in start:
            continue
        per[route] = per.get(route, 0) + 1
        response = client.get(url)
        html = response.content.decode("utf-8", "replace") \
            if "html" in response.get("Content-Type", "") else ""
        result.pages.append(Page(url, response.status_code, html, route))
        for href in HREF.findall(html):
            target = _normalise(href.replace("&amp;", "&"))
            if target and target not in seen:
                queue.append(target)
    return result


def post_forms_without_token(html: str) -> list[str]:
    """The opening tags of the POST forms in a page that carry no CSRF token."""
    return [form[:form.index(">") + 1] for form in FORM.findall(html)
            if POST.search(form[:form.index(">")]) and not TOKEN.search(form)]
