"""End to end in headless Chromium: a visitor who is not signed in finds a public partnership
in the directory and reads every section it offers. Each offered tab opens (none answers
403/404), no person's name shows, the History keeps a call response's text and the broker's
decision on it to the people at the table, and the browser reports no CSP violation (an
inline style the Content-Security-Policy blocks would show here)."""

from datetime import timedelta

from django.utils import timezone

from partnering.discovery import services as discovery
from partnering.partnerships import services as partnerships
from partnering.registry.models import Organisation
from tests.base import make_person, make_user
from tests.e2e.browser import BrowserTestCase

SECRET_STATEMENT = "We could second two hydrologists from March"


class VisitorOnAPublicPartnershipTest(BrowserTestCase):
    def setUp(self):
        super().setUp()
        trust = Organisation.objects.create(
            name="Sahel Water Trust", acronym="SWT", sector="civil_society", iati_type="22",
            country="NE", mission="Safe water for rural communities")
        ministry = Organisation.objects.create(
            name="Ministry of Water", sector="public", iati_type="10", country="NE")
        survey = Organisation.objects.create(
            name="Niger Geological Survey", sector="public", iati_type="10", country="NE")
        alice = make_user("alice", first_name="Alice", last_name="Mensah")
        make_person("Alice Mensah", trust, alice)
        carol_person = make_person("Carol Diallo", ministry)
        hadiza = make_user("hadiza", first_name="Hadiza", last_name="Souley")
        make_person("Hadiza Souley", survey, hadiza)
        self.partnership = partnerships.create_partnership(
            alice, lead_organisation=trust, title="Open Sahel Water Data",
            problem_statement="Water point data in Niger is scattered and out of date.",
            visibility="public", countries=["NE"])
        membership = partnerships.add_member(alice, self.partnership, organisation=ministry,
                                             role="core")
        partnerships.add_representative(alice, membership, person=carol_person,
                                        has_mandate=True)
        call = discovery.publish_call(alice, self.partnership, title="Join the data desk",
                                      needs="Hydrogeology",
                                      deadline=timezone.localdate() + timedelta(days=20))
        response = discovery.respond(hadiza, call, organisation=survey,
                                     statement=SECRET_STATEMENT)
        discovery.decide(alice, response, "shortlist")
        self.csp_violations = []

    def test_visitor_reads_every_offered_section_of_a_public_partnership(self):
        page = self.page
        page.on("console", lambda message: self.csp_violations.append(message.text)
                if "Content Security Policy" in message.text else None)
        self.visit("/directory/")
        with page.expect_navigation():
            page.get_by_role("link", name="Open Sahel Water Data").click()
        self.check_page("visitor-01-overview")
        tabs = page.get_by_role("navigation", name="Partnership sections")
        names = [link.text_content().strip() for link in tabs.locator("a").all()]
        assert "Overview" in names and "History" in names, names
        assert "Stakeholders" not in names, names  # members only: not offered
        for name in names:
            self.open_tab(name)
            text = page.locator("main").inner_text()
            for secret in ("Alice Mensah", "Carol Diallo", "Hadiza Souley", SECRET_STATEMENT,
                           "shortlisted"):
                assert secret not in text, (name, secret)
            self.check_page(f"visitor-tab-{name.lower().replace(' ', '-')}")
        assert self.csp_violations == [], self.csp_violations
