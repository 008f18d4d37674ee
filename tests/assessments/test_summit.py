from datetime import date

from django.core.cache import cache

from partnering.assessments.models import ActionPlanItem
from partnering.governance.models import Action
from tests.assessments.helpers import answer, close, open_round
from tests.base import PartneringTestCase


class SummitTest(PartneringTestCase):
    def setUp(self):
        cache.clear()

    def test_it_turns_a_partnership_result_into_a_governance_action(self):
        round_ = open_round(self.alice, partnership=self.private)
        body = {"title": "Monthly open finance review", "due_date": "2027-03-31",
                "dimension": "trust", "owner_organisation_id": self.ministry.pk}
        self.sign_in(self.carol)
        self.assertEqual(self.client.post(f"/api/v1/rounds/{round_.pk}/actions", body,
                                          "application/json").status_code, 403)
        self.sign_in(self.olga)
        self.assertEqual(self.client.post(f"/api/v1/rounds/{round_.pk}/actions", body,
                                          "application/json").status_code, 404)
        self.sign_in(self.alice)
        bad = dict(body, owner_organisation_id=self.elsewhere.pk)
        self.assertEqual(self.client.post(f"/api/v1/rounds/{round_.pk}/actions", bad,
                                          "application/json").status_code, 422)
        response = self.client.post(f"/api/v1/rounds/{round_.pk}/actions", body,
                                    "application/json")
        self.assertEqual(response.status_code, 201, response.content)
        action = Action.objects.get(title="Monthly open finance review")
        self.assertEqual(action.partnership, self.private)
        self.assertEqual(action.owner_organisation, self.ministry)
        self.assertEqual(response.json()["action_id"], action.pk)
        self.sign_in(self.carol)
        items = self.client.get(f"/api/v1/rounds/{round_.pk}/actions").json()["items"]
        self.assertEqual([(i["title"], i["status"]) for i in items],
                         [("Monthly open finance review", "open")])
        page = self.client.get(f"/assessments/rounds/{round_.pk}/summit/")
        self.assertContains(page, "Monthly open finance review")

    def test_it_keeps_an_organisations_action_plan_in_the_round(self):
        self.alice_person.is_organisation_admin = True
        self.alice_person.save()
        round_ = open_round(self.alice, organisation=self.trust, title="Partner of Choice")
        answer(self.alice, round_, round_.groups.get(perspective="self"), {"rel_equal": 4},
               count=5)
        self.sign_in(self.alice)
        url = f"/assessments/rounds/{round_.pk}/summit/"
        response = self.client.post(url, {"title": "Appoint a partnerships lead",
                                          "owner_name": "Operations director",
                                          "due_date": "2027-01-31"})
        self.assertEqual(response.status_code, 302)
        item = ActionPlanItem.objects.get()
        self.assertIsNone(item.action)
        self.assertEqual(item.due_date, date(2027, 1, 31))
        response = self.client.post(url, {"title": "No owner", "due_date": "2027-01-31"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(ActionPlanItem.objects.count(), 1)
        self.client.post(f"/assessments/rounds/{round_.pk}/summit/status/",
                         {"item": item.pk, "status": "done"})
        self.assertEqual(self.reload(item).status, "done")
        bad = self.client.post(f"/assessments/rounds/{round_.pk}/summit/status/",
                               {"item": "abc", "status": "open"})
        self.assertEqual(bad.status_code, 404)
        self.assertEqual(self.reload(item).status, "done")
        self.sign_in(self.carol)
        self.assertEqual(self.client.get(url).status_code, 404)


class PortfolioTest(PartneringTestCase):
    def test_it_shows_an_organisations_scores_over_time_across_rounds(self):
        cache.clear()
        self.alice_person.is_organisation_admin = True
        self.alice_person.save()
        own = open_round(self.alice, organisation=self.trust, title="Partner of Choice")
        answer(self.alice, own, own.groups.get(perspective="self"), {"rel_equal": 4},
               count=5)
        close(own)
        health = open_round(self.alice, partnership=self.private, title="Tillabéri check")
        answer(self.alice, health, health.groups.get(organisation=self.trust),
               {"trust_open": 2}, count=3)
        self.sign_in(self.alice)
        rows = self.client.get(f"/api/v1/organisations/{self.trust.pk}/assessments").json()
        scores = {r["round"]: r["score"] for r in rows}
        self.assertEqual(scores, {"Partner of Choice": 4.0, "Tillabéri check": None})
        page = self.client.get(f"/organisations/{self.trust.pk}/assessments/")
        self.assertContains(page, "Partner of Choice")
        self.assertContains(page, "not shown")
        self.sign_in(self.olga)
        self.assertEqual(self.client.get(
            f"/api/v1/organisations/{self.trust.pk}/assessments").json(), [])
        response = self.client.post(f"/organisations/{self.trust.pk}/assessments/", {})
        self.assertEqual(response.status_code, 403)
