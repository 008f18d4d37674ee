"""End to end in a real headless Chromium (Debian's), driven by Playwright.

A lead partner signs in through the form, starts a partnership, adds a member organisation,
ticks a checklist item and moves the partnership to the next phase. Every page visited is
checked for two accessibility basics: exactly one <h1>, and a label for every visible field.

Screenshots of the main pages go to /tmp/e2e-shots/ (not committed).
"""

import re

from partnering.partnerships.models import Partnership
from partnering.registry.models import Organisation
from tests.base import PASSWORD, make_person, make_user
from tests.e2e.browser import BrowserTestCase


class BrowserFlowTest(BrowserTestCase):
    def setUp(self):
        super().setUp()
        # The personas, as in tests/base.py: alice represents the lead organisation.
        self.trust = Organisation.objects.create(
            name="Sahel Water Trust", acronym="SWT", sector="civil_society", iati_type="22",
            country="NE")
        self.ministry = Organisation.objects.create(
            name="Ministry of Water", sector="public", iati_type="10", country="NE")
        self.alice = make_user("alice", first_name="Alice", last_name="Mensah")
        self.alice_person = make_person("Alice Mensah", self.trust, self.alice)

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
