"""End to end in a real headless Chromium (Debian's), driven by Playwright.

A lead partner signs in through the form, starts a partnership, adds a member organisation,
ticks a checklist item and moves the partnership to the next phase. Every page visited is
checked for two accessibility basics: exactly one <h1>, and a label for every visible field.

Screenshots of the main pages go to /tmp/e2e-shots/ (not committed).
"""

import os
import re
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.test import override_settings

from partnering.partnerships.models import Partnership
from partnering.registry.models import Organisation
from tests.base import PASSWORD, make_person, make_user

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
class BrowserFlowTest(StaticLiveServerTestCase):
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
        # The personas, as in tests/base.py: alice represents the lead organisation.
        self.trust = Organisation.objects.create(
            name="Sahel Water Trust", acronym="SWT", sector="civil_society", iati_type="22",
            country="NE")
        self.ministry = Organisation.objects.create(
            name="Ministry of Water", sector="public", iati_type="10", country="NE")
        self.alice = make_user("alice", first_name="Alice", last_name="Mensah")
        self.alice_person = make_person("Alice Mensah", self.trust, self.alice)

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
        page.screenshot(path=str(SHOTS / f"{shot}.png"), full_page=True)

    def open_tab(self, name: str):
        tabs = self.page.get_by_role("navigation", name="Partnership sections")
        with self.page.expect_navigation():
            tabs.get_by_role("link", name=name).click()

    def submit(self, form, button_name: str):
        with self.page.expect_navigation():
            form.get_by_role("button", name=button_name).click()

    # -- the flow --------------------------------------------------------------------------

    def test_lead_partner_starts_a_partnership_and_moves_it_on(self):
        page = self.page

        # 1. Sign in through the form.
        self.visit("/accounts/login/")
        self.check_page("01-sign-in")
        page.get_by_label("Username or e-mail").fill("alice")
        page.get_by_label("Password").fill(PASSWORD)
        self.submit(page.locator("main form"), "Sign in")
        assert page.url.rstrip("/") == self.live_server_url, page.url
        assert page.get_by_role("heading", level=1).inner_text() == "My partnerships"
        self.check_page("02-dashboard")

        # 2. Start a partnership.
        with page.expect_navigation():
            page.get_by_role("link", name="Start a partnership").click()
        assert page.url.endswith("/partnerships/new/")
        self.check_page("03-start-a-partnership")
        page.get_by_label("Title").fill("Clean water for Dosso")
        page.get_by_label("Lead organisation").select_option(str(self.trust.pk))
        page.get_by_label("Problem statement").fill(
            "Households in Dosso walk for hours to reach safe water.")
        page.get_by_label("Lifecycle path").select_option("generic")
        page.get_by_label("Countries").fill("NE")
        self.submit(page.locator("main form"), "Create partnership")

        partnership = Partnership.objects.get(title="Clean water for Dosso")
        base = f"/partnerships/{partnership.pk}/"
        assert page.url == self.live_server_url + base, page.url
        assert page.get_by_role("heading", level=1).inner_text() == "Clean water for Dosso"
        assert "Partnership created" in page.locator(".messages").inner_text()
        self.check_page("04-overview")

        # 3. Add a member organisation on the Members page.
        self.open_tab("Members and brokers")
        assert page.url == self.live_server_url + base + "members/"
        self.check_page("05-members-before")
        add_member = page.locator("form", has=page.get_by_role("button", name="Add member"))
        add_member.get_by_label("Organisation").select_option(str(self.ministry.pk))
        add_member.get_by_label(re.compile(r"^Role")).select_option("core")
        self.submit(add_member, "Add member")
        assert "Ministry of Water joined." in page.locator(".messages").inner_text()
        assert page.get_by_role("heading", level=3, name="Ministry of Water").is_visible()
        self.check_page("06-members-after")

        # 4. Tick one checklist item of the current phase on the Lifecycle page.
        self.open_tab("Lifecycle")
        assert page.url == self.live_server_url + base + "lifecycle/"
        self.check_page("07-lifecycle-before")
        first_item = partnership.checklist.filter(phase="exploration").order_by(
            "position", "id").first()
        item_row = page.locator("li.item-open", has_text=first_item.text)
        item_row.get_by_label(f"Note or reason for “{first_item.text}”").fill("Done in May")
        self.submit(item_row, "Done")
        assert "Done" in page.locator(".messages").inner_text()
        assert page.locator("li.item-done", has_text=first_item.text).count() == 1

        # 5. Move to the next phase: the form warns about the open items; confirm anyway.
        move = page.locator("section", has=page.get_by_role("heading", name="Move to another "
                                                                          "phase"))
        assert "still open" in move.locator(".warn").inner_text()
        self.check_page("08-lifecycle-ticked")
        assert move.get_by_label(re.compile(r"^Move to")).input_value() == "building"
        move.get_by_label("Why now?").fill("The problem statement is agreed by all partners.")
        self.submit(move, "Move")  # without confirming: refused, with the reason kept
        assert "confirm the move anyway" in move.get_by_role("alert").inner_text()
        assert move.get_by_label("Why now?").input_value().startswith("The problem statement")
        partnership.refresh_from_db()
        assert partnership.phase == "exploration"
        self.check_page("09-lifecycle-refused")

        move.get_by_label("Move even though items of the current phase are still open").check()
        self.submit(move, "Move")

        assert "Moved to 2. Building, reviewing & re-building." in (
            page.locator(".messages").inner_text())
        assert "phase 2: Building, reviewing & re-building" in (
            page.locator("header.page .eyebrow").inner_text())
        assert page.locator("li.phase.current h2").inner_text().startswith("2. Building")
        self.check_page("10-lifecycle-moved")

        # The database agrees.
        partnership.refresh_from_db()
        assert partnership.phase == "building"
        assert partnership.memberships.filter(organisation=self.ministry,
                                              role="core").exists()
        first_item.refresh_from_db()
        assert first_item.status == "done"
        transition = partnership.transitions.get()
        assert (transition.from_phase, transition.to_phase) == ("exploration", "building")
        assert transition.open_items and first_item.text not in transition.open_items
