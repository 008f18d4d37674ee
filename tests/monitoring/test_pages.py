"""The monitoring pages: what members, stewards, outsiders and visitors see and can do."""

import time_machine

from partnering.monitoring import services
from partnering.monitoring.models import Indicator, Measurement, ProgressReport, Risk
from tests.base import QueryCounting
from tests.monitoring.base import NOW, MonitoringTestCase


@time_machine.travel(NOW, tick=False)
class PagesTest(QueryCounting, MonitoringTestCase):
    def page(self, suffix=""):
        return f"/partnerships/{self.private.pk}/{suffix}"

    def test_it_shows_the_results_chain_and_indicators_to_members(self):
        self.sign_in(self.carol)
        response = self.client.get(self.page("results/"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Boreholes drilled")
        self.assertContains(response, "Households with safe water within 30 minutes")
        self.assertContains(response, '<meter min="0" max="100"')
        self.assertContains(response, "Specific: a definition of what is counted")
        self.assertNotContains(response, "Add an indicator")

    def test_it_indents_the_results_chain_by_depth_with_classes_not_inline_styles(self):
        impact = services.create_result(self.alice, self.private, title="Safe water for all",
                                        level="3")
        outcome = services.create_result(self.alice, self.private, title="Water nearby",
                                         level="2", parent=impact)
        services.create_result(self.alice, self.private, title="Pumps fixed", level="1",
                               parent=outcome)
        self.sign_in(self.carol)
        response = self.client.get(self.page("results/"))
        self.assertContains(response, '<th scope="row" class="indent-0">Safe water for all')
        self.assertContains(response, '<th scope="row" class="indent-1">Water nearby')
        self.assertContains(response, '<th scope="row" class="indent-2">Pumps fixed')
        self.assertNotContains(response, "style=")

    def test_it_hides_the_pages_of_private_partnerships(self):
        self.sign_in(self.olga)
        for suffix in ("results/", f"indicators/{self.water.pk}/", "reports/", "risks/",
                       "health/", "indicators/new/",
                       f"measurements/{self.value.pk}/validate/"):
            self.assertEqual(self.client.get(self.page(suffix)).status_code, 404, suffix)

    def test_it_lets_a_steward_add_an_indicator_from_the_page(self):
        self.sign_in(self.alice)
        data = {"name": "Roma children registered at birth", "measure": "2",
                "direction": "up", "frequency": "annual", "unit": "%",
                "baseline_value": "60", "baseline_date": "2026-01-01",
                "target_value": "95", "target_date": "2028-12-31", "sdg_code": "16.9.1",
                "disaggregation": "sex, municipality",
                "responsible_organisation": str(self.ministry.pk)}
        response = self.client.post(self.page("indicators/new/"), data)
        self.assertEqual(response.status_code, 302)
        indicator = Indicator.objects.get(name="Roma children registered at birth")
        self.assertEqual(indicator.disaggregation, ["sex", "municipality"])
        self.assertEqual(indicator.sdg_indicator.code, "16.9.1")
        before = Indicator.objects.count()
        response = self.client.post(self.page("indicators/new/"), {**data, "sdg_code": "99.9.9"})
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, "not an official SDG indicator", status_code=422)
        self.assertEqual(Indicator.objects.count(), before)

    def test_it_refuses_the_indicator_form_to_non_stewards(self):
        self.sign_in(self.carol)
        self.assertEqual(self.client.get(self.page("indicators/new/")).status_code, 403)
        self.assertEqual(self.client.get(self.page("results/new/")).status_code, 403)

    def test_it_lets_the_responsible_member_report_a_disaggregated_value(self):
        self.sign_in(self.carol)
        url = self.page(f"indicators/{self.water.pk}/measurements/new/")
        data = {"period_start": "2026-07-01", "period_end": "2026-09-30", "value": "250",
                "by_sex": "female-headed=100, male-headed=140"}
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, "add up to 240", status_code=422)
        response = self.client.post(url, {**data, "by_sex": "female-headed=110, "
                                                            "male-headed=140"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Measurement.objects.filter(indicator=self.water).count(), 2)
        page = self.client.get(self.page(f"indicators/{self.water.pk}/"))
        self.assertContains(page, "<svg class=\"chart\"")
        self.assertContains(page, "female-headed 110")
        url = self.page(f"indicators/{self.trust_kpi.pk}/measurements/new/")
        self.assertEqual(self.client.get(url).status_code, 403)

    def test_it_lets_another_member_confirm_from_the_page(self):
        self.sign_in(self.alice)
        page = self.client.get(self.page(f"indicators/{self.water.pk}/"))
        self.assertContains(page, "Confirm or query")
        response = self.client.post(self.page(f"measurements/{self.value.pk}/validate/"),
                                    {"status": "confirmed", "comment": "Seen the survey"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.reload(self.value).status, "confirmed")
        self.sign_in(self.carol)
        response = self.client.get(self.page(f"measurements/{self.value.pk}/validate/"))
        self.assertEqual(response.status_code, 403)

    def test_it_lets_members_write_a_report_and_register_a_risk(self):
        self.sign_in(self.carol)
        response = self.client.post(self.page("reports/new/"), {
            "period_start": "2026-01-01", "period_end": "2026-06-30",
            "narrative": "Twelve boreholes.", "successes": "First village on tap"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(ProgressReport.objects.count(), 1)
        response = self.client.post(self.page("risks/new/"), {
            "title": "Maintenance budget cut", "category": "underinvestment",
            "likelihood": "4", "impact": "5", "status": "open",
            "owner_organisation": str(self.ministry.pk)})
        self.assertEqual(response.status_code, 302)
        risk = Risk.objects.get()
        response = self.client.post(self.page(f"risks/{risk.pk}/"), {
            "title": "Maintenance budget cut", "category": "underinvestment",
            "likelihood": "2", "impact": "5", "status": "mitigating"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.reload(risk).likelihood, 2)

    def test_it_shows_public_partnerships_results_to_visitors(self):
        services.create_indicator(self.alice, self.public, name="Water points mapped",
                                  baseline_value=0, baseline_date="2026-01-01")
        response = self.client.get(f"/partnerships/{self.public.pk}/results/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Water points mapped")
        self.assertEqual(self.client.get(f"/partnerships/{self.public.pk}/risks/").status_code,
                         200)

    def grow(self, n):
        for i in range(n):
            indicator = services.create_indicator(
                self.alice, self.private, name=f"KPI {n}-{i}", baseline_value=0,
                baseline_date="2026-01-01", result=self.output.pk,
                targets=[{"value": 10, "date": "2027-01-01"}])
            services.report_measurement(self.alice, indicator, period_start="2026-01-01",
                                        period_end="2026-03-31", value=i)
            services.create_risk(self.alice, self.private, title=f"Risk {n}-{i}",
                                 category="external", likelihood=1 + i % 5, impact=3)
            services.submit_report(self.alice, self.private, period_start="2026-01-01",
                                   period_end="2026-03-31", narrative="n")

    def test_it_runs_a_fixed_number_of_queries_whatever_the_size(self):
        self.sign_in(self.alice)
        urls = [self.page(s) for s in ("results/", "reports/", "risks/", "health/")] + [
            f"/api/v1/partnerships/{self.private.pk}/indicators",
            f"/api/v1/partnerships/{self.private.pk}/risks",
            f"/api/v1/partnerships/{self.private.pk}/reports",
            f"/api/v1/partnerships/{self.private.pk}/health"]
        self.assert_queries_fixed(*urls)
