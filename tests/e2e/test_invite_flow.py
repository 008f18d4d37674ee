"""End to end in headless Chromium: a broker invites a recommended organisation from the
"Find partners" tab in one click, with no call open yet; the browser posts the form with its
CSRF token (a form without one gets Django's 403), a call is opened for the invitation, and
the page says so and marks the organisation invited."""

from partnering.discovery.models import Call
from partnering.partnerships import services as partnerships
from partnering.registry.models import Organisation
from tests.base import make_person, make_user
from tests.e2e.browser import BrowserTestCase


class InviteFromRecommendationsTest(BrowserTestCase):
    def setUp(self):
        super().setUp()
        self.trust = Organisation.objects.create(
            name="Sahel Water Trust", acronym="SWT", sector="civil_society", iati_type="22",
            country="NE", mission="Safe water for rural communities")
        self.ministry = Organisation.objects.create(
            name="Ministry of Water", sector="public", iati_type="10", country="NE",
            mission="Water points and their data for every commune of Niger")
        self.alice = make_user("alice", first_name="Alice", last_name="Mensah")
        make_person("Alice Mensah", self.trust, self.alice)
        self.partnership = partnerships.create_partnership(
            self.alice, lead_organisation=self.trust, title="Open Sahel Water Data",
            problem_statement="Water point data in Niger is scattered and out of date.",
            visibility="public", countries=["NE"])

    def test_broker_invites_a_recommended_organisation_in_one_click(self):
        page = self.page
        self.sign_in("alice")
        self.visit(f"/partnerships/{self.partnership.pk}/")
        self.open_tab("Find partners")
        assert "No call for expressions of interest is open" in page.locator("main").inner_text()
        self.check_page("invite-01-recommendations")

        row = page.locator("tr", has=page.get_by_role("link", name="Ministry of Water"))
        with page.expect_navigation():
            row.get_by_role("button", name="Invite Ministry of Water").click()

        assert page.url.endswith(f"/partnerships/{self.partnership.pk}/recommendations/")
        message = page.locator(".messages").inner_text()
        assert "Ministry of Water is invited to respond to the call" in message, message
        assert "Join Open Sahel Water Data" in message
        row = page.locator("tr", has=page.get_by_role("link", name="Ministry of Water"))
        assert row.get_by_text("Invited", exact=True).is_visible()
        self.check_page("invite-02-invited")

        call = Call.objects.get(partnership=self.partnership)
        assert call.is_open and call.title == "Join Open Sahel Water Data"
        assert call.responses.get().organisation == self.ministry

        self.open_tab("Calls")
        assert page.get_by_role("link", name="Join Open Sahel Water Data").is_visible()
