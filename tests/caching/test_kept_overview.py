"""The partnership page below its problem statement, the health page's body and the API's
health are kept per summary state (rollup.read.section_from_summary): a fixed number of
queries whatever the data, and whatever changes their inputs shows at once — a meeting, a
risk, a renamed representative or broker's employer, an action owner taken off the
registry — while visitors never get the names signed-in readers saw."""

from partnering.governance.decisions.services import create_action
from partnering.monitoring.risks.services import create_risk
from partnering.partnerships import services as partnerships
from partnering.registry import services as registry
from tests.base import PartneringTestCase, QueryCounting

# The session, the user, the partnership, its summary with its IATI activity (the title in
# the reader's language), the unread notifications and the reader's ties (menu, Edit).
PINNED_OVERVIEW = 6


class KeptOverviewTest(QueryCounting, PartneringTestCase):
    def grow(self, n: int) -> None:
        for i in range(n):
            partnerships.record_meeting(self.alice, self.private, date="2026-02-01",
                                        purpose=f"Meeting {n}-{i}", organisations=[self.trust],
                                        attendees=[self.alice_person])
            create_action(self.alice, self.private, title=f"Action {n}-{i}",
                          owner_organisation=self.ministry, due_date="2020-01-01")
            create_risk(self.alice, self.private, title=f"Risk {n}-{i}", category="external",
                        likelihood=5, impact=4)

    def page(self, partnership=None) -> str:
        response = self.client.get(f"/partnerships/{(partnership or self.private).pk}/")
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_it_reads_the_overview_in_a_pinned_number_of_queries_whatever_the_data(self):
        self.sign_in(self.alice)
        url = f"/partnerships/{self.private.pk}/"
        self.assert_queries_fixed(url, f"/partnerships/{self.private.pk}/health/",
                                  f"/api/v1/partnerships/{self.private.pk}/health", warm=True)
        self.assertEqual(self.count(url), PINNED_OVERVIEW)

    def test_it_shows_a_new_meeting_at_once(self):
        self.sign_in(self.carol)
        self.assertNotIn("Budget talks", self.page())
        partnerships.record_meeting(self.alice, self.private, date="2026-10-02",
                                    purpose="Budget talks", organisations=[self.trust],
                                    attendees=[self.alice_person])
        self.assertIn("Budget talks", self.page())

    def test_it_shows_a_renamed_representative_at_once(self):
        self.sign_in(self.alice)
        self.assertIn("Carol Diallo", self.page())
        with self.captureOnCommitCallbacks(execute=True):
            registry.update_person(self.admin, self.carol_person, name="Carol Diallo-Sow")
        self.assertIn("Carol Diallo-Sow", self.page())

    def test_it_shows_a_renamed_employer_of_a_broker_at_once(self):
        self.sign_in(self.alice)
        self.assertIn("Independent Brokers Collective", self.page())
        with self.captureOnCommitCallbacks(execute=True):
            registry.update_organisation(self.admin, self.brokers_org,
                                         name="Brokers Without Borders")
        html = self.page()
        self.assertIn("Brokers Without Borders", html)
        self.assertNotIn("Independent Brokers Collective", html)

    def test_it_forgets_an_action_owner_taken_off_the_registry(self):
        create_action(self.alice, self.private, title="Map the wells",
                      owner_organisation=self.ministry, owner_person=self.ministry_staff,
                      due_date="2020-01-01")
        self.sign_in(self.alice)
        self.assertIn("(Moussa Ibrahim)", self.page())
        registry.delete_person(self.admin, self.ministry_staff)
        html = self.page()
        self.assertIn("Map the wells", html)
        self.assertNotIn("Moussa Ibrahim", html)

    def test_it_never_shows_a_visitor_the_names_a_member_saw(self):
        partnerships.add_broker(self.alice, self.public, person=self.bob_person,
                                kind="external")
        self.sign_in(self.alice)
        self.assertIn("Bob Broker", self.page(self.public))
        self.client.logout()
        self.assertNotIn("Bob Broker", self.page(self.public))

    def test_it_shows_a_new_high_risk_on_the_health_page_and_in_the_api_at_once(self):
        self.sign_in(self.alice)
        before = self.client.get(f"/api/v1/partnerships/{self.private.pk}/health").json()
        page = self.client.get(f"/partnerships/{self.private.pk}/health/").content.decode()
        create_risk(self.alice, self.private, title="Drought", category="external",
                    likelihood=5, impact=5)
        after = self.client.get(f"/api/v1/partnerships/{self.private.pk}/health").json()
        risks = {p["key"]: p for p in before["parts"]}["high_risks"]
        self.assertNotEqual(risks, {p["key"]: p for p in after["parts"]}["high_risks"])
        self.assertNotEqual(
            page, self.client.get(f"/partnerships/{self.private.pk}/health/").content.decode())
