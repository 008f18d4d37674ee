"""The risk register: the failure causes in A Guide to Strategic Partnering, likelihood ×
impact, a heat map."""

from partnering.audit.models import AuditEvent
from partnering.monitoring.models import Risk
from tests.monitoring.base import MonitoringTestCase


def risk(**extra) -> dict:
    data = {"title": "The ministry's budget for maintenance is cut",
            "category": "underinvestment", "likelihood": 4, "impact": 4,
            "mitigation": "Agree a maintenance fund in the agreement", "review_date": "2027-01-15"}
    data.update(extra)
    return data


class RisksApiTest(MonitoringTestCase):
    def url(self):
        return f"/partnerships/{self.private.pk}/risks"

    def test_it_lets_a_member_register_a_risk(self):
        self.sign_in(self.carol)
        response = self.post(self.url(), risk(owner_organisation=self.ministry.pk))
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(body["score"], 16)
        self.assertTrue(body["high"])
        self.assertTrue(AuditEvent.objects.filter(object_type="monitoring.risk").exists())

    def test_it_refuses_bad_scores_and_categories(self):
        self.sign_in(self.alice)
        for bad in (risk(likelihood=6), risk(impact=0), risk(category="bad luck"),
                    risk(owner_organisation=self.elsewhere.pk), risk(title="")):
            self.assertEqual(self.post(self.url(), bad).status_code, 422, bad)
        self.assertEqual(Risk.objects.count(), 0)

    def test_it_lets_members_review_a_risk(self):
        self.sign_in(self.alice)
        risk_id = self.post(self.url(), risk()).json()["id"]
        self.sign_in(self.carol)
        response = self.patch(f"{self.url()}/{risk_id}", {"status": "mitigating",
                                                          "likelihood": 2})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["score"], 8)
        self.sign_in(self.olga)
        self.assertEqual(self.patch(f"{self.url()}/{risk_id}", {"status": "closed"}).status_code,
                         404)
        self.assertEqual(self.get(self.url()).status_code, 404)

    def test_it_draws_a_heat_map(self):
        self.sign_in(self.alice)
        self.post(self.url(), risk())
        self.post(self.url(), risk(title="Competing agendas between ministries",
                                   category="competing_agendas", likelihood=2, impact=3))
        page = self.client.get(f"/partnerships/{self.private.pk}/risks/")
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "<title id=\"risk-heat-map-t\">Risk heat map</title>",
                            html=False)
        self.assertContains(page, "1 open high risk (")
        self.assertContains(page, "Competing agendas")
