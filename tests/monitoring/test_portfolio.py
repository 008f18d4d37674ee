"""The portfolio dashboard, its exports, and the open-data zip."""

import csv
import io
import zipfile

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from partnering.monitoring import services
from partnering.monitoring.health.scoring import record_health
from partnering.partnerships import services as partnerships
from tests.monitoring.base import MonitoringTestCase


class PortfolioTest(MonitoringTestCase):
    def test_it_counts_only_visible_partnerships(self):
        self.sign_in(self.olga)
        body = self.get("/portfolio").json()
        self.assertEqual(body["partnerships"], 1)  # the public one only
        self.assertEqual(body["kpi"]["indicators"], 0)
        self.sign_in(self.alice)
        body = self.get("/portfolio").json()
        self.assertEqual(body["partnerships"], 2)
        self.assertEqual(body["kpi"]["indicators"], 2)
        self.assertEqual(body["kpi"]["with_progress"], 1)
        self.assertAlmostEqual(body["kpi"]["average_progress"], 0.25)
        self.assertIn({"label": "SDG 6: Clean water and sanitation", "count": 2},
                      body["by_sdg"])

    def test_it_filters_by_organisation_sdg_and_phase(self):
        self.sign_in(self.alice)
        self.assertEqual(self.get("/portfolio", organisation=self.ministry.pk).json()[
            "partnerships"], 1)
        self.assertEqual(self.get("/portfolio", sdg=4).json()["partnerships"], 0)
        self.assertEqual(self.get("/portfolio", phase="exploration").json()["partnerships"], 2)
        self.assertEqual(self.get("/portfolio", sdg=18).status_code, 422)
        self.assertEqual(self.get("/portfolio", organisation="x").status_code, 422)

    def test_it_shows_the_reporting_status_and_health_bands(self):
        services.submit_report(self.alice, self.private, period_start="2026-01-01",
                               period_end="2026-06-30", narrative="Progress")
        services.create_risk(self.alice, self.private, title="Drillers leave", category="trust",
                             likelihood=2, impact=2)
        record_health(self.private)
        self.sign_in(self.alice)
        body = self.get("/portfolio").json()
        reporting = {row["label"]: row["count"] for row in body["reporting"]}
        self.assertEqual(reporting["Up to date"], 2)
        health = {row["label"]: row["count"] for row in body["health"]}
        self.assertEqual(health["Not computed yet"], 1)
        self.assertIsNotNone(body["health_average"])

    def test_it_shows_the_dashboard_with_charts_and_exports(self):
        self.sign_in(self.alice)
        page = self.client.get("/portfolio/")
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "Partnerships by phase")
        self.assertContains(page, '<svg class="chart"')
        self.assertContains(page, "Water for Tillabéri")
        response = self.client.get("/portfolio/?export=sector&format=csv")
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        self.assertEqual(rows[0], ["Sector", "Memberships"])
        response = self.client.get("/portfolio/?export=partnerships&format=xlsx")
        sheet = load_workbook(io.BytesIO(response.content)).active
        titles = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
        self.assertEqual(sorted(titles), ["Open Sahel Water Data", "Water for Tillabéri"])
        self.assertEqual(self.client.get("/portfolio/?export=secrets").status_code, 404)
        self.assertEqual(self.client.get("/portfolio/?sdg=99").status_code, 422)

    def test_it_never_exports_private_partnerships_to_outsiders(self):
        self.sign_in(self.olga)
        response = self.client.get("/portfolio/?export=partnerships&format=csv")
        self.assertNotIn("Tillabéri", b"".join(response.streaming_content).decode())

    def test_it_aggregates_in_a_fixed_number_of_queries(self):
        self.sign_in(self.alice)

        def count():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.get("/portfolio").status_code, 200)
                self.assertEqual(self.client.get("/portfolio/").status_code, 200)
            return len(queries)

        def grow(n):
            for i in range(n):
                p = partnerships.create_partnership(
                    self.alice, lead_organisation=self.trust, title=f"P {n}-{i}",
                    problem_statement="x", visibility="public", sdg_codes=["6"])
                services.create_indicator(self.alice, p, name="KPI", baseline_value=0,
                                          baseline_date="2026-01-01",
                                          targets=[{"value": 1, "date": "2027-01-01"}])
        grow(5)
        small = count()
        grow(45)
        self.assertEqual(count(), small)


class OpenDataTest(MonitoringTestCase):
    def test_it_zips_the_public_data_only(self):
        services.create_indicator(self.alice, self.public, name="Water points mapped",
                                  baseline_value=0, baseline_date="2026-01-01")
        response = self.client.get("/api/v1/open-data.zip")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/zip")
        archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
        self.assertIn("indicators.csv", archive.namelist())
        everything = b"".join(archive.read(name) for name in archive.namelist()).decode()
        self.assertIn("Water points mapped", everything)
        self.assertIn("Open Sahel Water Data", everything)
        self.assertNotIn("Tillabéri", everything)
        self.assertNotIn("Households with safe water", everything)
