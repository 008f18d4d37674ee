"""The health index is given only when the parts measured hold at least half of its weight;
a part with no data is "not measured", never zero and never full marks; an index below 90
names its causes; the page and the API say how it is computed; the portfolio averages only
the partnerships with an index and says how many have none."""

from datetime import timedelta

import time_machine
from django.test import SimpleTestCase
from django.utils import timezone

from partnering.governance.decisions import services as governance
from partnering.monitoring import services
from partnering.monitoring.health import scoring as health
from partnering.monitoring.health.scoring import record_health
from partnering.monitoring.models import HealthSnapshot
from tests.monitoring.base import NOW, MonitoringTestCase


class Coverage(SimpleTestCase):
    def parts(self, **given):
        measured = {"reporting": health.reporting_part("inactive", "Inactive"),
                    "kpi_slippage": health.kpi_slippage_part([False, False]),
                    "overdue_actions": health.overdue_actions_part(1, 2),
                    "high_risks": health.high_risks_part(0, 3)}
        missing = {"health_checks": health.health_check_part(None, None),
                   "kpi_slippage": health.kpi_slippage_part([]),
                   "overdue_actions": health.overdue_actions_part(0, 0),
                   "high_risks": health.high_risks_part(0, 0),
                   "power": health.power_part(None),
                   "reporting": health.reporting_part("up_to_date", "Up to date", False),
                   "participation": health.participation_part([])}
        return [measured[key] if given.get(key) else missing[key] for key in health.WEIGHTS]

    def test_it_gives_no_index_for_one_part_in_seven(self):
        parts = self.parts(reporting=True)
        result = health.Health(health.index(parts), parts)
        assert result.index is None, "one part (10% of the weight) is not an index of 0"
        assert result.coverage == 0.1
        assert result.not_enough_data.startswith("not enough data: 1 of 7 parts")

    def test_it_gives_the_index_from_half_the_weight(self):
        parts = self.parts(reporting=True, kpi_slippage=True, overdue_actions=True)
        assert health.coverage(parts) == 0.45
        assert health.index(parts) is None
        parts = self.parts(reporting=True, kpi_slippage=True, overdue_actions=True,
                           high_risks=True)
        assert health.coverage(parts) == 0.6
        # (0 × 10 + 100 × 20 + 50 × 15 + 100 × 15) / 60
        assert round(health.index(parts), 2) == 70.83

    def test_it_never_gives_full_marks_for_no_data(self):
        assert health.reporting_part("up_to_date", "Up to date", has_report=False).missing
        assert health.participation_part([0, 0, 0, 0.5, 0.5, 0.5]).missing
        assert health.reporting_part("up_to_date", "Up to date", has_report=True).score == 100

    def test_it_names_the_causes_of_an_index_below_90(self):
        parts = self.parts(reporting=True, kpi_slippage=True, overdue_actions=True,
                           high_risks=True)
        result = health.Health(health.index(parts), parts)
        causes = result.as_dict()["causes"]
        assert [c.split(" (")[0] for c in causes] == ["Progress reports", "Overdue actions"]
        assert causes[0].startswith("Progress reports (0/100, weight 10): costs 17 points.")


@time_machine.travel(NOW, tick=False)
class HealthPages(MonitoringTestCase):
    def cover_private(self):
        governance.create_action(self.alice, self.private, title="Share the map",
                                 owner_organisation=self.ministry,
                                 due_date=timezone.localdate() - timedelta(days=10))
        services.create_risk(self.alice, self.private, title="Drillers leave", category="trust",
                             likelihood=2, impact=2)

    def test_it_answers_null_with_the_coverage_when_too_little_is_measured(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.get(f"/partnerships/{self.public.pk}/health"), 200)
        assert body["index"] is None
        assert body["coverage"] < 0.5
        assert body["not_enough_data"].startswith(
            f"not enough data: {body['measured_parts']} of 7 parts")
        assert "at least half of the weight" in body["method"]
        assert {p["key"]: p["reads"] for p in body["parts"]}["reporting"]
        page = self.client.get(f"/partnerships/{self.public.pk}/health/")
        self.assertContains(page, "not enough data:")
        self.assertContains(page, "How it is computed")

    def test_it_names_the_causes_on_the_page(self):
        self.cover_private()
        self.sign_in(self.alice)
        body = self.assert_status(self.get(f"/partnerships/{self.private.pk}/health"), 200)
        assert body["index"] is not None and body["index"] < 90
        assert body["causes"] and "Overdue actions" in body["causes"][0]
        page = self.client.get(f"/partnerships/{self.private.pk}/health/")
        self.assertContains(page, "Why the index is below 90")

    def test_it_records_a_null_index_and_leaves_it_out_of_the_portfolio_mean(self):
        self.cover_private()
        record_health(self.private)
        record_health(self.public)
        assert HealthSnapshot.objects.get(partnership=self.public).index is None
        assert HealthSnapshot.objects.get(partnership=self.public).parts["coverage"] < 0.5
        covered = HealthSnapshot.objects.get(partnership=self.private).index
        self.sign_in(self.alice)
        body = self.get("/portfolio").json()
        assert body["health_average"] == covered
        assert body["health_not_covered"] == 1
        bands = {row["label"]: row["count"] for row in body["health"]}
        assert bands["Not enough data (less than half the weight measured)"] == 1
        page = self.client.get("/portfolio/")
        self.assertContains(page, "1 has not enough data for an index")

