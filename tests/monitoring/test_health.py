"""The early-warning health index: each part a plain function; missing is not zero."""

import io
from datetime import timedelta

import time_machine
from django.core.management import call_command
from django.test import SimpleTestCase
from django.utils import timezone

from partnering.governance.decisions import services as governance
from partnering.monitoring import services
from partnering.monitoring.health import scoring as health
from partnering.monitoring.models import HealthSnapshot
from tests.monitoring.base import NOW, MonitoringTestCase


class PartsTest(SimpleTestCase):
    def test_it_scores_kpi_slippage_from_judged_indicators_only(self):
        part = health.kpi_slippage_part([True, False, False, None])
        self.assertAlmostEqual(part.score, 100 * 2 / 3)
        self.assertIn("1 of 3", part.detail)
        self.assertTrue(health.kpi_slippage_part([None]).missing)

    def test_it_scores_overdue_actions(self):
        self.assertEqual(health.overdue_actions_part(1, 4).score, 75)
        self.assertTrue(health.overdue_actions_part(0, 0).missing)

    def test_it_scores_open_high_risks(self):
        self.assertEqual(health.high_risks_part(0, 3).score, 100)
        self.assertEqual(health.high_risks_part(2, 3).score, 30)
        self.assertEqual(health.high_risks_part(5, 5).score, 0)
        self.assertTrue(health.high_risks_part(0, 0).missing)

    def test_it_scores_power_and_reporting(self):
        self.assertEqual(health.power_part(0.8).score, 80)
        self.assertTrue(health.power_part(None).missing)
        self.assertEqual(health.reporting_part("late", "Late").score, 40)
        self.assertEqual(health.reporting_part("inactive", "Inactive").score, 0)

    def test_it_penalises_a_falling_health_check(self):
        self.assertEqual(health.health_check_part(0.7, None).score, 70)
        self.assertAlmostEqual(health.health_check_part(0.6, 0.7).score, 40)
        self.assertTrue(health.health_check_part(None, None).missing)

    def test_it_sees_falling_participation(self):
        self.assertEqual(health.participation_part([1, 1, 1, 0.5, 0.5, 0.5]).score, 50)
        self.assertEqual(health.participation_part([0.5, 0.5, 1, 1]).score, 100)
        self.assertTrue(health.participation_part([1, 1, 1]).missing)

    def test_it_averages_the_available_parts_by_weight(self):
        parts = [health.kpi_slippage_part([True]), health.reporting_part("up_to_date", "ok"),
                 health.power_part(None)]
        # (0 × 20 + 100 × 10) / 30; the missing power part is left out, not counted as 0.
        self.assertAlmostEqual(health.index(parts), 100 / 3)
        self.assertIsNone(health.index([health.power_part(None)]))

    def test_it_explains_what_pulls_the_index_down(self):
        result = health.Health(50, [health.overdue_actions_part(3, 4),
                                    health.reporting_part("up_to_date", "Up to date")])
        explanations = result.as_dict()["explanations"]
        self.assertEqual(len(explanations), 1)
        self.assertIn("8 Actions to Get Real Traction in Partnering, action 7", explanations[0])


@time_machine.travel(NOW, tick=False)
class HealthApiTest(MonitoringTestCase):
    def test_it_returns_the_index_parts_and_explanations(self):
        governance.create_action(self.alice, self.private, title="Share the map",
                                 owner_organisation=self.ministry,
                                 due_date=timezone.localdate() - timedelta(days=10))
        services.create_risk(self.alice, self.private, title="Drillers leave", category="trust",
                             likelihood=2, impact=2)
        self.sign_in(self.carol)
        response = self.get(f"/partnerships/{self.private.pk}/health")
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        parts = {p["key"]: p for p in body["parts"]}
        self.assertEqual(parts["overdue_actions"]["score"], 0)
        self.assertEqual(parts["overdue_actions"]["status"], "concern")
        self.assertEqual(parts["health_checks"]["status"], "missing")
        self.assertIsNone(parts["health_checks"]["score"])
        self.assertIsNotNone(body["index"])
        self.assertTrue(body["causes"][0].startswith("Overdue actions (0/100, weight 15)"))
        self.assertTrue(any("Overdue actions" in text for text in body["explanations"]))

    def test_it_hides_the_health_of_private_partnerships(self):
        self.sign_in(self.olga)
        self.assertEqual(self.get(f"/partnerships/{self.private.pk}/health").status_code, 404)

    def test_it_shows_the_health_page(self):
        self.sign_in(self.alice)
        page = self.client.get(f"/partnerships/{self.private.pk}/health/")
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "What pulls the index down")
        self.assertContains(page, "missing")


@time_machine.travel(NOW, tick=False)
class HealthSnapshotTest(MonitoringTestCase):
    def test_it_computes_the_index_on_a_page_without_writing(self):
        self.sign_in(self.alice)
        self.client.get(f"/partnerships/{self.private.pk}/health/")
        self.get(f"/partnerships/{self.private.pk}/health")
        self.assertFalse(HealthSnapshot.objects.exists())

    def test_it_records_one_snapshot_a_day_per_active_partnership(self):
        out = io.StringIO()
        call_command("record_health", stdout=out)
        call_command("record_health", stdout=out)
        self.assertIn("Recorded the health index of 2 partnerships.", out.getvalue())
        snapshot = HealthSnapshot.objects.get(partnership=self.private)
        self.assertEqual(snapshot.computed_on, timezone.localdate())
        expected = health.partnership_health(self.private).index
        self.assertEqual(snapshot.index, None if expected is None else round(expected, 1))
        self.assertEqual(HealthSnapshot.objects.count(), 2)
