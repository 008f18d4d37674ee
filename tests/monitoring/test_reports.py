"""Progress reports and the reporting status of the UN SDG partnerships registry."""

import datetime as dt

import time_machine
from django.test import SimpleTestCase

from partnering.monitoring.models import ProgressReport
from partnering.monitoring.queries import reporting_status
from tests.monitoring.base import NOW, MonitoringTestCase

TODAY = dt.date(2026, 11, 20)


class ReportingStatusTest(SimpleTestCase):
    def test_it_is_up_to_date_within_a_year(self):
        status = reporting_status(dt.date(2025, 12, 1), dt.date(2025, 1, 1), TODAY)
        self.assertEqual(status.code, "up_to_date")
        self.assertEqual(status.next_due, dt.date(2026, 12, 1))
        self.assertEqual(status.reminder, "A progress report is due on 2026-12-01.")

    def test_it_is_late_after_a_year_without_a_report(self):
        status = reporting_status(dt.date(2025, 6, 1), dt.date(2024, 1, 1), TODAY)
        self.assertEqual(status.code, "late")
        self.assertIn("overdue", status.reminder)

    def test_it_is_inactive_after_two_years(self):
        self.assertEqual(reporting_status(None, dt.date(2024, 6, 1), TODAY).code, "inactive")

    def test_it_counts_from_the_start_before_the_first_report(self):
        status = reporting_status(None, dt.date(2026, 3, 1), TODAY)
        self.assertEqual(status.code, "up_to_date")
        self.assertIsNone(status.reminder)


@time_machine.travel(NOW, tick=False)
class ReportsApiTest(MonitoringTestCase):
    def url(self):
        return f"/partnerships/{self.private.pk}/reports"

    def report(self, **extra):
        data = {"period_start": "2026-01-01", "period_end": "2026-06-30",
                "narrative": "Twelve boreholes drilled.", "lessons_learned": "Involve the "
                "water committees from the start.", "successes": "The first village on tap."}
        data.update(extra)
        return data

    def test_it_lets_members_submit_a_report(self):
        self.sign_in(self.carol)
        response = self.post(self.url(), self.report())
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["submitted_on"], "2026-11-20")
        event = self.assert_audited(ProgressReport.objects.get(pk=response.json()["id"]),
                                    "report.submitted", self.carol)
        self.assertEqual(event.changes["period_start"], [None, "2026-01-01"])
        self.assertEqual(event.changes["period_end"], [None, "2026-06-30"])
        self.assertEqual(event.changes["narrative"], [None, "Twelve boreholes drilled."])
        listing = self.get(self.url()).json()
        self.assertEqual(listing["count"], 1)
        self.assertEqual(listing["status"], "up_to_date")
        self.assertEqual(listing["next_due"], "2027-11-20")

    def test_it_refuses_a_period_ending_before_it_starts(self):
        self.sign_in(self.alice)
        response = self.post(self.url(), self.report(period_end="2025-12-31"))
        self.assertEqual(response.status_code, 422)
        self.assertEqual(ProgressReport.objects.count(), 0)

    def test_it_hides_reports_from_outsiders(self):
        self.sign_in(self.olga)
        self.assertEqual(self.get(self.url()).status_code, 404)
        self.assertEqual(self.post(self.url(), self.report()).status_code, 404)

    def test_it_says_a_partnership_without_reports_is_late_after_a_year(self):
        self.private.start_date = dt.date(2025, 6, 1)
        self.private.save()
        self.sign_in(self.alice)
        self.assertEqual(self.get(self.url()).json()["status"], "late")

    def test_it_shows_the_report_with_the_values_of_its_period(self):
        self.sign_in(self.alice)
        report_id = self.post(self.url(), self.report()).json()["id"]
        page = self.client.get(f"/partnerships/{self.private.pk}/reports/{report_id}/")
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "Households with safe water within 30 minutes")
        self.assertContains(page, "The first village on tap.")


@time_machine.travel(NOW, tick=False)
class RemindersTest(MonitoringTestCase):
    def test_it_reminds_members_on_the_dashboard_before_a_report_is_due(self):
        self.private.start_date = dt.date(2025, 12, 10)  # first report due 2026-12-10
        self.private.save()
        self.sign_in(self.carol)
        page = self.client.get("/")
        self.assertContains(page, "Progress reports due")
        self.assertContains(page, "report due by 2026-12-10")
        page = self.client.get(f"/partnerships/{self.private.pk}/reports/")
        self.assertContains(page, "A progress report is due on 2026-12-10.")

    def test_it_does_not_remind_when_the_report_is_far_off(self):
        self.private.start_date = dt.date(2026, 6, 1)
        self.private.save()
        self.sign_in(self.carol)
        self.assertNotContains(self.client.get("/"), "Progress reports due")
