"""Indicators, milestones and the results chain through the API."""

from partnering.audit.models import AuditEvent
from partnering.monitoring.models import Indicator
from tests.monitoring.base import MonitoringTestCase


def kpi(**extra) -> dict:
    data = {"name": "Children with a guardian within 72 hours", "unit": "%",
            "definition": "Share of unaccompanied children with a guardian appointed within "
                          "72 hours of identification.",
            "baseline_value": "35", "baseline_date": "2026-01-01", "sdg_code": "16.2.2",
            "disaggregation": ["sex", "age"],
            "targets": [{"value": "60", "date": "2026-12-31"}, {"value": "90",
                                                                 "date": "2027-12-31"}]}
    data.update(extra)
    return data


class IndicatorsApiTest(MonitoringTestCase):
    def url(self, partnership=None):
        return f"/partnerships/{(partnership or self.private).pk}/indicators"

    def test_it_lets_a_steward_add_an_indicator_with_milestones(self):
        self.sign_in(self.alice)
        response = self.post(self.url(), kpi(responsible_organisation=self.ministry.pk))
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(body["sdg_indicator"], "16.2.2")
        self.assertEqual([t["value"] for t in body["targets"]], ["60", "90"])
        self.assertEqual(body["disaggregation"], ["sex", "age"])
        self.assertEqual(body["smart_missing"], {})
        indicator = Indicator.objects.get(pk=body["id"])
        self.assertTrue(AuditEvent.objects.filter(object_type="monitoring.indicator",
                                                  object_id=str(indicator.pk),
                                                  partnership_id=self.private.pk).exists())

    def test_it_refuses_an_unknown_sdg_indicator(self):
        self.sign_in(self.alice)
        before = self.counts()
        response = self.post(self.url(), kpi(sdg_code="4.1.99"))
        self.assertEqual(response.status_code, 422)
        self.assertIn("not an official SDG indicator", response.json()["detail"])
        self.assertEqual(self.counts(), before)

    def test_it_refuses_a_target_before_the_baseline(self):
        self.sign_in(self.alice)
        before = self.counts()
        response = self.post(self.url(), kpi(targets=[{"value": 60, "date": "2025-12-31"}]))
        self.assertEqual(response.status_code, 422)
        self.assertIn("before the baseline", response.json()["detail"])
        self.assertEqual(self.counts(), before)

    def test_it_refuses_a_responsible_organisation_outside_the_partnership(self):
        self.sign_in(self.alice)
        response = self.post(self.url(), kpi(responsible_organisation=self.elsewhere.pk))
        self.assertEqual(response.status_code, 422)

    def test_it_refuses_garbage_without_a_server_error(self):
        self.sign_in(self.alice)
        for bad in ({"name": ""}, kpi(baseline_value="many"), kpi(baseline_date="soon"),
                    kpi(targets=[{"value": "x", "date": "2026-12-31"}])):
            self.assertEqual(self.post(self.url(), bad).status_code, 422, bad)

    def test_it_lets_only_stewards_add_indicators(self):
        self.sign_in(self.carol)
        self.assertEqual(self.post(self.url(), kpi()).status_code, 403)
        self.sign_in(self.olga)
        self.assertEqual(self.post(self.url(), kpi()).status_code, 404)
        self.assertEqual(self.get(self.url()).status_code, 404)
        self.sign_in(self.admin)
        self.assertEqual(self.post(self.url(), kpi()).status_code, 201)

    def test_it_lists_indicators_with_latest_value_and_progress(self):
        self.sign_in(self.carol)
        response = self.get(self.url())
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["count"], 2)
        water = next(i for i in body["items"] if i["id"] == self.water.pk)
        self.assertEqual(water["latest_value"], "200")
        self.assertEqual(water["progress"], 0.25)  # (200 - 100) / (500 - 100)
        self.assertEqual(water["sdg_indicator"], "6.1.1")

    def test_it_adds_a_milestone_and_refuses_one_before_the_baseline(self):
        self.sign_in(self.alice)
        url = f"{self.url()}/{self.trust_kpi.pk}/targets"
        self.assertEqual(self.post(url, {"value": 10, "date": "2026-12-31"}).status_code, 201)
        self.assertEqual(self.post(url, {"value": 10, "date": "2025-12-31"}).status_code, 422)
        self.assertEqual(self.trust_kpi.targets.count(), 2)

    def test_it_rolls_progress_up_the_results_chain(self):
        self.sign_in(self.alice)
        response = self.get(f"/partnerships/{self.private.pk}/results")
        self.assertEqual(response.status_code, 200)
        rows = {r["id"]: r for r in response.json()}
        self.assertEqual(rows[self.output.pk]["progress"], 0.25)
        self.assertEqual(rows[self.outcome.pk]["progress"], 0.25)
        self.assertEqual(rows[self.output.pk]["parent_id"], self.outcome.pk)

    def test_it_adds_a_result_under_a_parent(self):
        self.sign_in(self.alice)
        response = self.post(f"/partnerships/{self.private.pk}/results",
                             {"title": "Water committees trained", "parent": self.outcome.pk,
                              "weight": "0.5"})
        self.assertEqual(response.status_code, 201)
        response = self.post(f"/partnerships/{self.private.pk}/results",
                             {"title": "Elsewhere", "parent": 10**6})
        self.assertEqual(response.status_code, 422)

    def test_it_shows_public_indicators_to_anonymous_visitors(self):
        response = self.get(self.url(self.public))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["count"], 0)


class IndicatorEditingTest(MonitoringTestCase):
    def url(self):
        return f"/partnerships/{self.private.pk}/indicators/{self.trust_kpi.pk}"

    def test_it_lets_a_steward_change_an_indicator(self):
        self.sign_in(self.alice)
        response = self.patch(self.url(), {"definition": "Committees with a certificate.",
                                           "sdg_code": "6.b.1"})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["sdg_indicator"], "6.b.1")
        self.assertEqual(self.reload(self.trust_kpi).definition,
                         "Committees with a certificate.")

    def test_it_refuses_bad_changes_and_other_people(self):
        self.sign_in(self.alice)
        self.assertEqual(self.patch(self.url(), {"sdg_code": "6.9.9"}).status_code, 422)
        self.assertEqual(self.patch(self.url(), {"baseline_date": "2027-12-31"}).status_code,
                         422)
        self.assertEqual(str(self.reload(self.trust_kpi).baseline_date), "2026-01-01")
        self.sign_in(self.carol)
        self.assertEqual(self.patch(self.url(), {"unit": "x"}).status_code, 403)
        self.sign_in(self.olga)
        self.assertEqual(self.patch(self.url(), {"unit": "x"}).status_code, 404)

    def test_it_edits_an_indicator_from_its_page(self):
        self.sign_in(self.alice)
        url = f"/partnerships/{self.private.pk}/indicators/{self.trust_kpi.pk}/edit/"
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, "Target value")
        response = self.client.post(url, {
            "name": "Water committees trained and certified", "measure": "1",
            "direction": "up", "frequency": "annual", "unit": "committees",
            "baseline_value": "0", "baseline_date": "2026-01-01",
            "responsible_organisation": str(self.trust.pk)})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.reload(self.trust_kpi).name,
                         "Water committees trained and certified")
        self.sign_in(self.carol)
        self.assertEqual(self.client.get(url).status_code, 403)
