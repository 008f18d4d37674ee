"""The demo shows monitoring with data from the seeds' cases."""

from pathlib import Path

from django.conf import settings
from django.test import TestCase

from partnering.monitoring.health.scoring import partnership_health
from partnering.monitoring.models import Indicator, Measurement, Risk
from partnering.monitoring.queries import partnership_reporting_status
from partnering.partnerships.models import Partnership
from partnering.platform import demo


class MonitoringDemoTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load_demo()
        cls.safe = Partnership.objects.get(title=demo.case("safe-childhoods").title)
        cls.jamaica = Partnership.objects.get(title=demo.case("vision-2030-jamaica").title)

    def test_it_sets_indicators_linked_to_sdg_indicators(self):
        codes = set(Indicator.objects.filter(partnership=self.safe)
                    .values_list("sdg_indicator__code", flat=True))
        self.assertTrue({"16.9.1", "16.2.1"} <= codes)
        self.assertTrue(Measurement.objects.filter(indicator__partnership=self.safe)
                        .exclude(disaggregated={}).exists())
        self.assertTrue(Measurement.objects.filter(status="queried").exists())

    def test_it_shows_one_partnership_late_in_reporting(self):
        self.assertEqual(partnership_reporting_status(self.safe).code, "up_to_date")
        self.assertEqual(partnership_reporting_status(self.jamaica).code, "late")

    def test_it_has_a_risk_register_and_a_health_index(self):
        self.assertTrue(Risk.objects.filter(partnership=self.safe, likelihood=4,
                                            impact=4).exists())
        health = partnership_health(self.safe)
        self.assertIsNotNone(health.index)
        self.assertTrue(health.concerns)
        # Recorded for the portfolio, as the daily `partnering record-health` does.
        self.assertEqual(self.safe.health_snapshots.get().index, round(health.index, 1))

    def test_it_attaches_the_register_tally_as_an_evidence_file(self):
        value = Measurement.objects.exclude(evidence_file="").get()
        self.assertEqual(value.indicator.partnership, self.safe)
        self.assertEqual(value.status, "confirmed")
        self.client.force_login(self.safe.brokers.first().person.user)
        response = self.client.get(f"/partnerships/{self.safe.pk}/measurements/{value.pk}"
                                   "/evidence/")
        self.assertEqual(response["Content-Disposition"],
                         'attachment; filename="birth-register-tally.csv"')
        lines = b"".join(response.streaming_content).decode().splitlines()
        self.assertEqual(lines[0], "period_start,period_end,girls,boys,total")
        self.assertTrue(lines[-1].endswith(",721,739,1460"), lines)
        files = sorted(Path(settings.MEDIA_ROOT, "evidence").rglob("*"))
        demo.load_demo()
        self.assertEqual(sorted(Path(settings.MEDIA_ROOT, "evidence").rglob("*")), files)
        self.assertEqual(Measurement.objects.exclude(evidence_file="").count(), 1)

    def test_it_renders_the_monitoring_pages(self):
        self.client.force_login(self.safe.brokers.first().person.user)
        for suffix in ("results/", "reports/", "risks/", "health/"):
            response = self.client.get(f"/partnerships/{self.safe.pk}/{suffix}")
            self.assertEqual(response.status_code, 200, suffix)
        indicator = Indicator.objects.filter(partnership=self.safe).first()
        response = self.client.get(f"/partnerships/{self.safe.pk}/indicators/{indicator.pk}/")
        self.assertEqual(response.status_code, 200)
