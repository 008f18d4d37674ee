"""End to end, on the demo: the broker and the people around her.

Ruth Achieng (the `broker` persona) opens the public roster and her profile, with her
accreditation and her two assignments (Safe Childhoods, the Connectivity dialogue); she
writes last week's entry in her reflective log book, cites a meeting of a partnership she
brokers and submits the entry, which locks it. Her mentor, Isabel Fonseca, reads the entry
and comments on it. Then Safe Childhoods' lead (the `lead` persona, a steward of the
partnership) finds a broker: candidates ranked with plain reasons, and the external broker
who teaches at a member university flagged as not independent. Every page is checked as in
browser.py (one <h1>, labelled fields, no axe-core WCAG 2.1 A/AA violation)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from partnering.brokers.logbook.models import LogEntry
from partnering.brokers.logbook.services import monday
from partnering.partnerships.models import Partnership
from partnering.platform.demo import DEMO_PASSWORD
from tests.e2e import axe
from tests.e2e.browser import BrowserTestCase
from tests.e2e.key_pages import PERSONAS, people_power_pages
from tests.e2e.test_accessibility import load_the_demo


class BrokerJourneyTest(BrowserTestCase):
    def sign_in_with(self, username: str):
        self.context.clear_cookies()
        self.visit("/accounts/login/")
        self.page.get_by_label("Username or e-mail").fill(username)
        self.page.get_by_label("Password").fill(DEMO_PASSWORD)
        self.submit(self.page.locator("main form"), "Sign in")

    def follow(self, name: str):
        with self.page.expect_navigation():
            self.page.locator("main").get_by_role("link", name=name, exact=True).first.click()

    def main_text(self) -> str:
        return self.page.locator("main").inner_text()

    def test_broker_logs_a_week_her_mentor_reads_it_and_a_steward_finds_a_broker(self):
        load_the_demo()
        self.sign_in_with("broker")
        self.see_her_roster_profile()
        entry_path = self.write_and_submit_last_weeks_entry()
        self.mentor_reads_and_comments(entry_path)
        self.steward_finds_a_broker()

    def see_her_roster_profile(self):
        self.visit("/brokers/")
        self.check_page("b01-public-roster")
        assert "Kofi Boateng" in self.main_text()
        assert "Lucía Herrera" not in self.main_text(), "not accredited: not on the roster"
        self.follow("Ruth Achieng")
        self.check_page("b02-broker-profile")
        text = self.main_text()
        assert "Partnership Brokers Association" in text and "Accredited" in text
        assert "Safe Childhoods" in text and "Partnership Dialogue for Connectivity" in text
        assert "Isabel Fonseca" in text  # her mentor, shown to signed-in users

    def write_and_submit_last_weeks_entry(self) -> str:
        page = self.page
        self.follow("Reflective log book")
        self.check_page("b03-log-book")
        assert "Submitted" in self.main_text() and "Draft" in self.main_text()
        last_week = monday(timezone.localdate()) - timedelta(weeks=1)
        assert not LogEntry.objects.filter(week=last_week).exists()
        form = page.locator("main form", has=page.get_by_role("button", name="Save as draft"))
        form.get_by_label("Week of").fill(last_week.isoformat())
        form.get_by_label("Aims").fill("Agree with the Safe Childhoods partners how the "
                                       "referral protocol's mid-year review will be run.")
        form.get_by_label("What happened").fill("The Centre for Social Work in Bihać asked "
                                                "for a call; we agreed cases in writing.")
        form.get_by_label("Personal reflection").fill("Asking what made it hard worked "
                                                      "better than asking why it was late.")
        self.submit(form, "Save as draft")
        self.check_page("b04-entry-draft")
        cite = page.locator("main form", has=page.get_by_role("button", name="Cite"))
        option = cite.locator("option", has_text="Annual partnership health check")
        cite.get_by_label("Event to cite").select_option(option.first.get_attribute("value"))
        self.submit(cite, "Cite")
        assert "Annual partnership health check" in self.main_text()
        self.submit(page.locator("main form", has=page.get_by_role(
            "button", name="Submit and lock the entry")), "Submit and lock the entry")
        self.check_page("b05-entry-locked")
        assert "locked" in self.main_text()
        assert page.get_by_role("button", name="Save the draft").count() == 0
        assert page.get_by_role("button", name="Add an addendum").count() == 1
        assert LogEntry.objects.get(week=last_week).locked
        return page.url.removeprefix(self.live_server_url)

    def mentor_reads_and_comments(self, entry_path: str):
        page = self.page
        mentor = get_user_model().objects.get(person__name="Isabel Fonseca")
        mentor.set_password(DEMO_PASSWORD)  # a demo person without a password of her own
        mentor.save()
        self.sign_in_with(mentor.username)
        self.visit(entry_path.split("entries/")[0])
        self.check_page("b06-mentor-log-book")
        self.visit(entry_path)
        assert "Asking what made it hard worked better" in self.main_text()
        form = page.locator("main form", has=page.get_by_role("button", name="Comment"))
        form.get_by_label("Text").fill("Bring the written cases to our next session.")
        self.submit(form, "Comment")
        self.check_page("b07-mentor-comment")
        assert "Bring the written cases to our next session." in self.main_text()
        assert "(Mentor)" in self.main_text()

    def steward_finds_a_broker(self):
        partnership = Partnership.objects.get(title__startswith="Safe Childhoods")
        self.sign_in_with("lead")
        self.visit(f"/partnerships/{partnership.pk}/members/")
        self.follow("Find a broker")
        self.check_page("b08-find-a-broker")
        text = self.main_text()
        assert "works in Bosnia and Herzegovina" in text
        assert "child protection sector" in text
        assert "Conflict of interest:" in text and "University of Sarajevo" in text
        candidates = self.page.locator("ol.candidates > li")
        assert candidates.count() >= 4


class PeoplePowerPagesTest(BrowserTestCase):
    """The roster, a broker's profile, the framework, the log book and the office view, as
    each persona of the demo reaches them (the key pages test_accessibility.py walks), with
    no WCAG 2.1 A/AA violation."""

    def test_people_power_pages_have_no_wcag_violation_for_any_persona(self):
        load_the_demo()
        found = {}
        for persona in PERSONAS:
            self.context.clear_cookies()
            if persona != "anonymous":
                BrokerJourneyTest.sign_in_with(self, persona)
            for path in people_power_pages(persona):
                self.visit(path)
                assert self.page.locator("h1").count() == 1, path
                result = axe.violations(self.page)
                if result:
                    found[f"{persona} {path}"] = result
        assert found == {}, "axe found WCAG 2.1 A/AA violations:\n" + axe.describe(found)
