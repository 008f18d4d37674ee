"""The browser the end-to-end tests drive: Debian's headless Chromium through Playwright,
with helpers that check every page for accessibility (exactly one <h1>, a label for every
visible field, and no WCAG 2.1 A/AA violation that axe-core finds) and keep a screenshot of
it in /tmp/e2e-shots/ (not committed)."""


import os
import re
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.test import override_settings

from tests.base import PASSWORD
from tests.e2e import axe

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path("/tmp/e2e-shots")  # noqa: S108 - a scratch folder for people to look at
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TIMEOUT_MS = 10_000

# Visible form controls without a <label for>, a wrapping <label>, aria-label or
# aria-labelledby. Hidden inputs, buttons and invisible controls do not count.
UNLABELLED_FIELDS_JS = """
() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(el => !['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type))
  .filter(el => el.checkVisibility ? el.checkVisibility()
                                   : !!(el.offsetWidth || el.offsetHeight))
  .filter(el => !(el.labels && el.labels.length)
                && !(el.getAttribute('aria-label') || '').trim()
                && !(el.getAttribute('aria-labelledby') || '').trim())
  .map(el => el.outerHTML.slice(0, 160))
"""


def _require_chromium():
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)"
    if "CI" in os.environ:
        pytest.fail(message)
    pytest.skip(message)


@pytest.mark.e2e
@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class BrowserTestCase(StaticLiveServerTestCase):
    host = "127.0.0.1"  # in ALLOWED_HOSTS; "localhost" may resolve to ::1 first

    @classmethod
    def setUpClass(cls):
        _require_chromium()
        super().setUpClass()
        # Playwright's sync API runs an event loop in this thread, so Django's ORM would refuse
        # to run here. Only for this class: subprocesses of other tests (the deploy check)
        # must not inherit it.
        env = mock.patch.dict(os.environ, {"DJANGO_ALLOW_ASYNC_UNSAFE": "true"})
        env.start()
        cls.addClassCleanup(env.stop)

        from playwright.sync_api import sync_playwright

        cls.playwright = sync_playwright().start()
        cls.addClassCleanup(cls.playwright.stop)
        cls.browser = cls.playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        cls.addClassCleanup(cls.browser.close)

    def setUp(self):
        self.context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        # Sub-resources that fail (the stylesheet, say); the browser's own favicon probe aside.
        self.failed = []
        self.page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}")
                     if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
        self.page.on("requestfailed", lambda r: self.failed.append(f"failed {r.url}"))
        SHOTS.mkdir(parents=True, exist_ok=True)

    def tearDown(self):
        self.context.close()

    # -- helpers ---------------------------------------------------------------------------

    def visit(self, path: str):
        response = self.page.goto(self.live_server_url + path)
        assert response is not None and response.ok, (path, response and response.status)

    def check_page(self, shot: str):
        """Accessibility basics for the page on screen, then a screenshot of it."""
        page = self.page
        url = page.url
        assert page.locator("h1").count() == 1, f"{url}: expected exactly one <h1>"
        assert self.failed == [], f"{url}: requests failed: {self.failed}"
        assert page.evaluate("document.styleSheets.length") >= 1, f"{url}: no stylesheet"
        unlabelled = page.evaluate(UNLABELLED_FIELDS_JS)
        assert unlabelled == [], f"{url}: fields without a label: {unlabelled}"
        found = axe.violations(page)
        assert found == [], "axe: " + axe.describe({url: found})
        page.screenshot(path=str(SHOTS / f"{shot}.png"), full_page=True)

    def open_tab(self, name: str):
        """Follow a section link of the partnership menu, opening its group first."""
        tabs = self.page.get_by_role("navigation", name="Partnership sections")
        named = self.page.locator("a", has_text=re.compile(f"^{re.escape(name)}$"))
        group = tabs.locator("details", has=named)
        if not group.evaluate("details => details.open"):
            group.locator("summary").click()
        with self.page.expect_navigation():
            group.locator("a", has_text=re.compile(f"^{re.escape(name)}$")).click()

    def submit(self, form, button_name: str):
        with self.page.expect_navigation():
            form.get_by_role("button", name=button_name).click()

    def sign_in(self, username: str):
        self.visit("/accounts/login/")
        self.page.get_by_label("Username or e-mail").fill(username)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.submit(self.page.locator("main form"), "Sign in")
