"""Measurements: members report their own indicators; another member confirms or queries."""

from partnering.audit.models import AuditEvent
from partnering.monitoring.models import Measurement
from tests.monitoring.base import MonitoringTestCase


def value(**extra) -> dict:
    data = {"period_start": "2026-07-01", "period_end": "2026-09-30", "value": "260",
            "disaggregated": {"sex": {"female-headed": "110", "male-headed": "150"}},
            "evidence_url": "https://example.org/survey.pdf", "comment": "Household survey"}
    data.update(extra)
    return data


class MeasurementsApiTest(MonitoringTestCase):
    def url(self, indicator=None):
        return f"/indicators/{(indicator or self.water).pk}/measurements"

    def test_it_lets_the_responsible_member_report_a_value(self):
        self.sign_in(self.carol)
        response = self.post(self.url(), value())
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(body["status"], "reported")
        self.assertEqual(body["reported_by_organisation_id"], self.ministry.pk)
        self.assertEqual(body["disaggregated"]["sex"]["female-headed"], "110")
        self.assertTrue(AuditEvent.objects.filter(object_type="monitoring.measurement",
                                                  object_id=str(body["id"])).exists())
        event = self.assert_audited(Measurement.objects.get(pk=body["id"]),
                                    "measurement.reported", self.carol)
        self.assertEqual(event.changes["value"], [None, "260"])
        self.assertEqual(event.changes["status"], [None, "reported"])
        self.assertEqual(event.changes["reported_by_organisation"], [None, str(self.ministry)])

    def test_it_refuses_other_members_on_an_indicator_they_are_not_responsible_for(self):
        self.sign_in(self.carol)
        response = self.post(self.url(self.trust_kpi),
                             value(value="3", disaggregated={}, period_end="2026-12-31"))
        self.assertEqual(response.status_code, 403)
        self.sign_in(self.bob)  # the broker is a steward: any indicator
        response = self.post(self.url(self.trust_kpi), value(value="3", disaggregated={}))
        self.assertEqual(response.status_code, 201)

    def test_it_refuses_a_disaggregation_that_does_not_add_up(self):
        self.sign_in(self.carol)
        before = self.counts()
        response = self.post(self.url(), value(value="261"))
        self.assertEqual(response.status_code, 422)
        self.assertIn("add up to 260, not to the total 261", response.json()["detail"])
        response = self.post(self.url(), value(disaggregated={"age": {"young": "260"}}))
        self.assertEqual(response.status_code, 422)
        self.assertEqual(self.counts(), before)

    def test_it_refuses_a_period_outside_the_indicators_span(self):
        self.sign_in(self.carol)
        before = self.counts()
        for start, end in (("2025-06-01", "2025-12-31"), ("2027-10-01", "2028-03-31"),
                           ("2026-09-30", "2026-07-01")):
            response = self.post(self.url(), value(period_start=start, period_end=end))
            self.assertEqual(response.status_code, 422, (start, end))
        self.assertEqual(self.counts(), before)

    def test_it_hides_indicators_of_private_partnerships_from_outsiders(self):
        self.sign_in(self.olga)
        self.assertEqual(self.get(self.url()).status_code, 404)
        self.assertEqual(self.post(self.url(), value()).status_code, 404)
        self.client.logout()
        self.assertEqual(self.get(self.url()).status_code, 404)
        self.assertEqual(self.get("/indicators/999999/measurements").status_code, 404)

    def test_it_lists_the_values_of_an_indicator_to_members(self):
        self.sign_in(self.alice)
        response = self.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["count"], 1)
        self.assertEqual(response.json()["items"][0]["value"], "200")

    def validation(self, measurement=None):
        return f"{self.url()}/{(measurement or self.value).pk}/validation"

    def test_it_lets_another_member_confirm_a_value(self):
        self.sign_in(self.alice)
        response = self.post(self.validation(), {"status": "confirmed",
                                                 "comment": "Matches our survey"})
        self.assertEqual(response.status_code, 200, response.content)
        measurement = self.reload(self.value)
        self.assertEqual(measurement.status, "confirmed")
        self.assertEqual(measurement.validated_by_organisation, self.trust)
        event = self.assert_audited(self.value, "measurement.confirmed", self.alice)
        self.assertEqual(event.changes, {
            "status": ["reported", "confirmed"],
            "validated_by_organisation": [None, str(self.trust)],
            "validation_comment": ["", "Matches our survey"]})

    def test_it_asks_what_is_queried(self):
        self.sign_in(self.alice)
        response = self.post(self.validation(), {"status": "queried"})
        self.assertEqual(response.status_code, 422)
        response = self.post(self.validation(), {"status": "queried",
                                                 "comment": "Which districts?"})
        self.assertEqual(response.json()["status"], "queried")
        event = self.assert_audited(self.value, "measurement.queried", self.alice)
        self.assertEqual(event.changes["status"], ["reported", "queried"])
        self.assertEqual(event.changes["validation_comment"], ["", "Which districts?"])

    def test_it_does_not_let_the_reporter_confirm_their_own_value(self):
        self.sign_in(self.carol)
        response = self.post(self.validation(), {"status": "confirmed"})
        self.assertEqual(response.status_code, 403)
        self.sign_in(self.bob)  # a broker represents no member
        self.assertEqual(self.post(self.validation(), {"status": "confirmed"}).status_code, 403)
        self.sign_in(self.olga)
        self.assertEqual(self.post(self.validation(), {"status": "confirmed"}).status_code, 404)
        self.assertEqual(self.reload(self.value).status, "reported")

    def test_it_refuses_an_unknown_status(self):
        self.sign_in(self.alice)
        self.assertEqual(self.post(self.validation(), {"status": "approved"}).status_code, 422)
        self.assertEqual(Measurement.objects.get(pk=self.value.pk).status, "reported")
