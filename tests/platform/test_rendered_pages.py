"""The demo's pages, as its personas reach them by following links: no page carries an inline
style (the Content-Security-Policy blocks `style=` attributes and <style> elements, so
whatever they were meant to do silently does not happen). SVG presentation attributes
(fill=, stroke=, transform=) are allowed by the policy and stay."""

from collections import Counter, deque
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.test import TestCase
from django.urls import Resolver404, resolve
from lxml import html

from partnering.partnerships.models import Partnership
from partnering.platform import demo

SKIP = ("/admin/", "/accounts/logout", "/api/", "/static/", "/respond/")
DOWNLOADS = (".csv", ".xlsx", ".zip", ".docx", ".pdf", ".xml", ".json")
PER_ROUTE = 2  # pages visited per URL pattern: the same template with other data
LIMIT = 400
# The pages of Safe Childhoods with charts and the results chain, visited first.
CHARTED = ("stakeholders", "results", "recommendations", "power", "network", "health",
           "health-checks")


def inline_styles(document) -> list[str]:
    """Every element with a style attribute, and every <style> element."""
    return [f"<{e.tag} style={e.get('style')!r}>" for e in document.iter()
            if isinstance(e.tag, str) and (e.get("style") is not None or e.tag == "style")]


class RenderedPages(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load_demo()

    def crawl(self, username: str | None) -> dict[str, list[str]]:
        """Every page reachable from the pages with charts, the home page and the
        partnerships this persona sees, at most PER_ROUTE per URL pattern: url → inline
        styles found."""
        self.client.logout()
        if username:
            self.client.force_login(get_user_model().objects.get(username=username))
        user = get_user_model().objects.filter(username=username).first() or AnonymousUser()
        visible = Partnership.objects.visible_to(user).order_by("pk")
        safe = visible.filter(title__startswith="Safe Childhoods").first()
        start = [f"/partnerships/{safe.pk}/{page}/" for page in CHARTED] if safe else []
        start += ["/", "/directory/", "/portfolio/", "/organisations/", "/network/"]
        start += [f"/partnerships/{pk}/" for pk in visible.values_list("pk", flat=True)]
        queue, seen, per_route, found = deque(start), set(start), Counter(), {}
        while queue and len(found) < LIMIT:
            url = queue.popleft()
            try:
                route = resolve(urlsplit(url).path).route
            except Resolver404:
                continue
            if per_route[route] >= PER_ROUTE:
                continue
            response = self.client.get(url)
            if (response.status_code != 200
                    or not response["Content-Type"].startswith("text/html")):
                continue
            per_route[route] += 1
            document = html.fromstring(response.content)
            found[url] = inline_styles(document)
            for href in document.xpath("//a/@href"):
                link = href.split("#")[0]
                if (link.startswith("/") and link not in seen and not link.startswith(SKIP)
                        and not urlsplit(link).path.endswith(DOWNLOADS)
                        and "export=" not in link):
                    seen.add(link)
                    queue.append(link)
        return found

    def assert_no_inline_style(self, username):
        pages = self.crawl(username)
        self.assertGreater(len(pages), 20)
        styled = {url: found for url, found in pages.items() if found}
        self.assertEqual(styled, {}, f"inline styles on pages as {username or 'a visitor'}")
        return pages

    def test_it_renders_no_inline_style_for_the_broker(self):
        pages = self.assert_no_inline_style("broker")
        safe = Partnership.objects.get(title__startswith="Safe Childhoods")
        for page in ("stakeholders", "results", "recommendations", "power"):
            self.assertIn(f"/partnerships/{safe.pk}/{page}/", pages)
        self.assertIn("/portfolio/", pages)
        self.assertTrue(any(url.startswith("/assessments/rounds/") for url in pages))

    def test_it_renders_no_inline_style_for_the_admin(self):
        self.assert_no_inline_style("admin")

    def test_it_renders_no_inline_style_for_a_member_and_a_visitor(self):
        self.assert_no_inline_style("member")
        self.assert_no_inline_style(None)

    def test_it_finds_an_inline_style_when_there_is_one(self):
        document = html.fromstring('<div><p style="padding-left: 2em">x</p><style>p {}</style>'
                                   '<svg><rect fill="#fff" stroke="#000"/></svg></div>')
        self.assertEqual(len(inline_styles(document)), 2)
