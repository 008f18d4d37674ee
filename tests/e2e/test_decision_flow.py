"""End to end: a decision under the partnership's agreed rule.

The Sahel Water Trust's lead representative opens a proposal on a partnership whose
partnering agreement is agreed with consensus, quorum 67% and a week's notice. The form
shows that rule and offers no way to choose another; the proposal page says it is decided by
consensus. Three members take positions (two agree, one disagrees): under a simple majority
the proposal would carry, under the agreed consensus it does not, and the decision log says
so. Every page is checked as in browser.py."""

import datetime as dt

from django.utils import timezone

from partnering.agreements.models import AgreementVersion
from partnering.governance.models import Decision
from partnering.partnerships import services as partnerships
from partnering.registry.models import Organisation
from tests.base import make_person, make_user
from tests.e2e.browser import BrowserTestCase


class DecisionUnderTheAgreedRuleTest(BrowserTestCase):
    def setUp(self):
        super().setUp()
        trust = Organisation.objects.create(name="Sahel Water Trust", sector="civil_society",
                                            iati_type="22", country="NE")
        alice = make_user("alice", first_name="Alice", last_name="Mensah")
        make_person("Alice Mensah", trust, alice)
        self.partnership = partnerships.create_partnership(
            alice, lead_organisation=trust, title="Water for Tillabéri",
            problem_statement="Villages lack safe water.", visibility="private")
        lead = self.partnership.memberships.get(organisation=trust)
        lead.representatives.update(has_mandate=True)
        for username, name, org_name in (("carol", "Carol Diallo", "Ministry of Water"),
                                         ("eve", "Eve Clearwater", "Clearwater Bottling")):
            org = Organisation.objects.create(name=org_name, sector="public", iati_type="10",
                                              country="NE")
            person = make_person(name, org, make_user(username))
            membership = partnerships.add_member(alice, self.partnership, organisation=org,
                                                 role="core")
            partnerships.add_representative(alice, membership, person=person,
                                            has_mandate=True)
        AgreementVersion.objects.create(
            partnership=self.partnership, number=1, status="agreed",
            decision_rule="consensus", quorum_percent=67, notice_days=7,
            agreed_at=timezone.now() - dt.timedelta(days=30))

    def switch_to(self, username: str):
        self.context.clear_cookies()
        self.sign_in(username)

    def take_position(self, username: str, stance: str, shot: str):
        page = self.page
        self.switch_to(username)
        self.visit(self.proposal_path)
        form = page.locator("main form", has=page.get_by_role("button",
                                                               name="Record the position"))
        form.get_by_label(stance, exact=True).check()
        self.submit(form, "Record the position")
        self.check_page(shot)

    def test_lead_opens_a_proposal_decided_by_the_agreed_rule(self):
        page = self.page
        base = f"/partnerships/{self.partnership.pk}/"
        self.sign_in("alice")
        self.visit(base)
        self.open_tab("Decisions")
        with page.expect_navigation():
            page.get_by_role("link", name="Make a proposal").click()
        self.check_page("d01-proposal-form")
        rule = page.locator("#rule-in-force")
        assert "By the agreed rule: Consensus, quorum 67%, at least 7 days" in rule.inner_text()
        form = page.locator("main form", has=page.get_by_role("button",
                                                               name="Make the proposal"))
        assert form.locator("[name=rule], [name=quorum_percent]").count() == 0
        form.get_by_label("Title").fill("Publish the water point map as open data")
        form.get_by_label("What is proposed").fill("The map goes on the open data portal.")
        self.submit(form, "Make the proposal")
        self.check_page("d02-proposal")
        assert "Consensus, quorum 67%" in page.locator("main").inner_text()
        self.proposal_path = page.url.removeprefix(self.live_server_url)

        form = page.locator("main form", has=page.get_by_role("button",
                                                               name="Record the position"))
        form.get_by_label("Agree", exact=True).check()
        self.submit(form, "Record the position")
        self.take_position("carol", "Disagree", "d03-carol-disagrees")
        self.take_position("eve", "Agree", "d04-eve-agrees")

        self.switch_to("alice")
        self.visit(self.proposal_path)
        self.submit(page.locator("main form", has=page.get_by_role(
            "button", name="Close and record the decision")), "Close and record the decision")
        self.check_page("d05-decided")
        decision = Decision.objects.get()
        assert decision.outcome == "rejected", "2 of 3 would carry by majority, not by consensus"
        assert "Consensus not reached" in page.locator("main").inner_text()
        self.visit(f"{base}decisions/")
        self.check_page("d06-decision-log")
        log = page.locator("main").inner_text()
        assert "Publish the water point map as open data" in log
        assert "Not the agreed rule" not in log
