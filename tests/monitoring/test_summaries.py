"""Each indicator keeps its latest value, final target and progress, refreshed by every write
that changes them, so that dashboards read a column (summaries.refresh_indicators)."""

from decimal import Decimal

from partnering.monitoring import services
from partnering.monitoring.models import Indicator
from partnering.monitoring.summaries import refresh_indicators
from tests.monitoring.base import MonitoringTestCase


class IndicatorSummaryTest(MonitoringTestCase):
    def stored(self, indicator) -> Indicator:
        return Indicator.objects.get(pk=indicator.pk)

    def test_it_keeps_the_latest_value_and_progress_of_a_reported_indicator(self):
        water = self.stored(self.water)
        self.assertEqual(water.latest_value, Decimal(200))
        self.assertEqual(str(water.latest_date), "2026-06-30")
        self.assertEqual(water.final_target_value, Decimal(500))
        self.assertAlmostEqual(water.progress, 0.25)  # (200 − 100) / (500 − 100)

    def test_it_leaves_progress_unknown_without_a_value(self):
        trust = self.stored(self.trust_kpi)
        self.assertIsNone(trust.latest_value)
        self.assertEqual(trust.final_target_value, Decimal(20))
        self.assertIsNone(trust.progress)

    def test_it_follows_a_new_value_a_new_milestone_and_a_new_baseline(self):
        services.report_measurement(self.carol, self.water, period_start="2026-07-01",
                                    period_end="2026-09-30", value=700)
        self.assertEqual(self.stored(self.water).progress, 1.0)  # clipped
        services.add_target(self.alice, self.water, value=1100, date="2028-06-30")
        self.assertAlmostEqual(self.stored(self.water).progress, 0.6)  # 600 / 1000
        services.update_indicator(self.alice, self.water, baseline_value=700)
        self.assertEqual(self.stored(self.water).progress, 0.0)

    def test_it_keeps_a_down_is_good_indicator_between_zero_and_one(self):
        deaths = services.create_indicator(
            self.alice, self.private, name="Cholera cases", direction="down", unit="cases",
            baseline_value=80, baseline_date="2026-01-01",
            targets=[{"value": 20, "date": "2027-12-31"}])
        services.report_measurement(self.alice, deaths, period_start="2026-01-01",
                                    period_end="2026-03-31", value=50)
        self.assertAlmostEqual(self.stored(deaths).progress, 0.5)

    def test_it_recomputes_a_whole_queryset_in_a_fixed_number_of_queries(self):
        Indicator.objects.update(latest_value=None, progress=None)
        with self.assertNumQueries(3):
            refresh_indicators(Indicator.objects.all())
        self.assertAlmostEqual(self.stored(self.water).progress, 0.25)
