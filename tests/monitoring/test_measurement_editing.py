"""Correcting and deleting a reported value, through the API and the pages: its reporter or
the stewards may; a confirmed or queried value that changes goes back to "reported". The
stored latest value and progress of its indicator follow every change."""

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnering.monitoring import services
from partnering.monitoring.models import (
    Measurement,
)
from tests.monitoring.base import NOW, MonitoringTestCase, StoredProgress, error_fields


@time_machine.travel(NOW, tick=False)
class MeasurementEditingTest(StoredProgress, MonitoringTestCase):
    def url(self, measurement=None):
        measurement = measurement or self.value
        return f"/indicators/{measurement.indicator_id}/measurements/{measurement.pk}"

    def test_it_lets_the_reporter_change_a_value_and_the_stored_progress_follows(self):
        self.sign_in(self.carol)
        body = self.assert_status(self.patch(self.url(), {
            "value": "300", "disaggregated": {"sex": {"female-headed": "140",
                                                      "male-headed": "160"}},
            "comment": "Recounted"}), 200)
        self.assertEqual(body["value"], "300")
        self.assertFalse(body["validation_cleared"])
        water = self.stored(self.water)
        self.assertEqual(water.latest_value, 300)
        self.assertAlmostEqual(water.progress, 0.5)
        event = self.assert_audited(self.value, "update", self.carol)
        self.assertEqual(event.changes["value"], ["200.0000", "300"])

    def test_it_follows_a_change_of_period_to_the_latest_value(self):
        middle = services.report_measurement(self.carol, self.water, period_start="2026-07-01",
                                             period_end="2026-09-30", value=230,
                                             disaggregated={})
        later = services.report_measurement(self.carol, self.water, period_start="2026-10-01",
                                            period_end="2026-12-31", value=260,
                                            disaggregated={})
        self.assertEqual(self.stored(self.water).latest_value, 260)
        services.delete_measurement(self.carol, middle)
        self.sign_in(self.carol)
        self.assert_status(self.patch(self.url(later), {"period_start": "2026-07-01",
                                                        "period_end": "2026-08-31"}), 200)
        water = self.stored(self.water)
        self.assertEqual(water.latest_value, 260)
        self.assertEqual(str(water.latest_date), "2026-08-31")
        self.assert_error(self.patch(self.url(later), {"period_start": "2026-06-01"}), 422)

    def test_it_sends_a_confirmed_value_back_to_reported_when_it_changes(self):
        services.validate_measurement(self.alice, self.value, status="confirmed",
                                      comment="Seen the survey")
        self.sign_in(self.carol)
        body = self.assert_status(self.patch(self.url(), {"comment": "Typo fixed"}), 200)
        self.assertTrue(body["validation_cleared"])
        self.assertEqual(body["status"], "reported")
        self.assertIsNone(body["validated_by_organisation_id"])
        self.assertEqual(body["validation_comment"], "")
        value = self.reload(self.value)
        self.assertIsNone(value.validated_by_id)
        self.assertIn("its validation was cleared",
                      self.audit_for(self.value, "update").first().summary)

    def test_it_keeps_the_validation_when_nothing_changes(self):
        services.validate_measurement(self.alice, self.value, status="queried",
                                      comment="Which districts?")
        self.sign_in(self.carol)
        body = self.assert_status(self.patch(self.url(), {"value": "200"}), 200)
        self.assertFalse(body["validation_cleared"])
        self.assertEqual(self.reload(self.value).status, "queried")

    def test_it_refuses_bad_changes_and_changes_nothing(self):
        self.sign_in(self.carol)
        before = self.counts()
        with self.assert_nothing_saved(self.value, self.water):
            for change, field in (
                    ({"period_start": "2025-01-01", "period_end": "2025-06-30"}, "period_start"),
                    ({"period_end": "2028-06-30"}, "period_start"),
                    ({"period_end": "2025-12-31"}, "period_end"),
                    ({"value": "201"}, "disaggregated"),
                    ({"disaggregated": {"sex": {"female-headed": "1"}}}, "disaggregated"),
                    ({"disaggregated": {"age": {"young": "200"}}}, "disaggregated"),
                    ({"value": None}, "value"),
                    ({"evidence_url": "not a link"}, "evidence_url")):
                response = self.patch(self.url(), change)
                self.assert_error(response, 422)
                self.assertEqual(error_fields(response), {field}, change)
        self.assertEqual(self.counts(), before)
        self.assertEqual(self.stored(self.water).latest_value, 200)

    def test_it_lets_only_the_reporter_and_stewards_change_or_delete_a_value(self):
        by_alice = services.report_measurement(
            self.alice, self.water, period_start="2026-07-01", period_end="2026-09-30",
            value=250)
        self.sign_in(self.carol)  # a member, but not who reported it
        self.assert_error(self.patch(self.url(by_alice), {"comment": "Mine now"}), 403)
        self.assert_error(self.delete(self.url(by_alice)), 403)
        self.sign_in(self.bob)  # a steward
        self.assert_status(self.patch(self.url(self.value), {"comment": "Checked"}), 200)
        self.sign_in(self.olga)
        self.assert_error(self.patch(self.url(), {"comment": "x"}), 404)
        self.assert_error(self.delete(self.url()), 404)
        self.assert_error(self.get(self.url()), 404)
        self.assertEqual(Measurement.objects.filter(indicator=self.water).count(), 2)

    def test_it_deletes_a_value_and_the_stored_progress_follows(self):
        self.sign_in(self.carol)
        self.assertEqual(self.delete(self.url()).status_code, 204)
        water = self.stored(self.water)
        self.assertIsNone(water.latest_value)
        self.assertIsNone(water.progress)
        self.assertEqual(self.audit_for(self.value, "delete").get().actor_id, self.carol.pk)

    def test_it_edits_a_value_from_the_indicator_page_and_says_the_validation_went(self):
        services.validate_measurement(self.alice, self.value, status="queried",
                                      comment="Which districts?")
        self.sign_in(self.carol)
        page = self.client.get(f"/partnerships/{self.private.pk}/indicators/{self.water.pk}/")
        edit = f"/partnerships/{self.private.pk}/measurements/{self.value.pk}/edit/"
        self.assertContains(page, edit)
        form = self.client.get(edit)
        self.assertContains(form, "This value was queried by another member")
        # Any order: PostgreSQL keeps JSON objects in its own key order.
        self.assertRegex(form.content.decode(), r'name="by_sex" value="('
                         r'female-headed=80, male-headed=120|male-headed=120, female-headed=80)"')
        self.assertContains(form, 'name="value" value="200"')
        self.assertContains(form, 'enctype="multipart/form-data"')
        data = {"period_start": "2026-01-01", "period_end": "2026-06-30", "value": "210",
                "by_sex": "female-headed=80, male-headed=120"}
        response = self.client.post(edit, data)
        self.assertContains(response, "add up to 200", status_code=422)
        response = self.client.post(edit, {**data, "by_sex": "female-headed=90, "
                                                             "male-headed=120"}, follow=True)
        self.assertContains(response, "It had been queried: it is back to “reported”")
        self.assertEqual(self.reload(self.value).value, 210)
        self.assertEqual(self.stored(self.water).latest_value, 210)

    def test_it_deletes_a_value_from_the_page_after_asking(self):
        self.sign_in(self.carol)
        url = f"/partnerships/{self.private.pk}/measurements/{self.value.pk}/delete/"
        self.assertContains(self.client.get(url), "Delete the value 200 for 2026-01-01 – "
                                                  "2026-06-30?")
        self.assertEqual(Measurement.objects.filter(pk=self.value.pk).count(), 1)
        self.client.post(url)
        self.assertFalse(Measurement.objects.filter(pk=self.value.pk).exists())

    def test_it_shows_edit_links_only_on_values_one_may_change(self):
        by_alice = services.report_measurement(
            self.alice, self.water, period_start="2026-07-01", period_end="2026-09-30",
            value=250)
        self.sign_in(self.carol)
        page = self.client.get(f"/partnerships/{self.private.pk}/indicators/{self.water.pk}/")
        self.assertContains(page, f"/measurements/{self.value.pk}/edit/")
        self.assertNotContains(page, f"/measurements/{by_alice.pk}/edit/")
        self.assertEqual(self.client.get(f"/partnerships/{self.private.pk}/measurements/"
                                         f"{by_alice.pk}/edit/").status_code, 403)
        self.client.logout()
        self.private.visibility = "public"
        self.private.save()
        page = self.client.get(f"/partnerships/{self.private.pk}/indicators/{self.water.pk}/")
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, "/edit/")

    def count(self, url):
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(queries)

    def test_it_draws_the_indicator_page_in_a_fixed_number_of_queries(self):
        self.sign_in(self.carol)
        url = f"/partnerships/{self.private.pk}/indicators/{self.water.pk}/"
        for month in range(7, 9):
            services.report_measurement(self.carol, self.water,
                                        period_start=f"2026-{month:02d}-01",
                                        period_end=f"2026-{month:02d}-28", value=month)
        small = self.count(url)
        for month in range(9, 13):
            services.report_measurement(self.alice, self.water,
                                        period_start=f"2026-{month:02d}-01",
                                        period_end=f"2026-{month:02d}-28", value=month)
        self.assertEqual(self.count(url), small)
