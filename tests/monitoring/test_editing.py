"""Changing and deleting what a partnership records in monitoring: results, indicators,
milestones, progress reports and risks, through the API and the pages (reported values:
test_measurement_editing.py). The stored latest value and progress of an indicator follow
every change."""

import time_machine

from partnering.monitoring import services
from partnering.monitoring.models import (
    Indicator,
    IndicatorTarget,
    Measurement,
    ProgressReport,
    Result,
    Risk,
)
from tests.monitoring.base import NOW, MonitoringTestCase, StoredProgress, error_fields


class ResultEditingTest(MonitoringTestCase):
    def url(self, result, partnership=None):
        return f"/partnerships/{(partnership or self.private).pk}/results/{result.pk}"

    def test_it_lets_a_steward_rename_and_reweigh_a_result(self):
        self.sign_in(self.bob)
        response = self.patch(self.url(self.output), {"title": "Boreholes drilled and kept",
                                                      "weight": "3", "level": "1"})
        body = self.assert_status(response, 200)
        self.assertEqual(body["title"], "Boreholes drilled and kept")
        self.assertEqual(body["weight"], "3")
        self.assertEqual(body["progress"], 0.25)
        self.assertEqual(body["indicator_ids"], [self.water.pk])
        event = self.assert_audited(self.output, "update", self.bob)
        self.assertEqual(event.changes["weight"], ["2.000", "3"])

    def test_it_moves_a_result_to_the_top_of_the_chain(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.patch(self.url(self.output), {"parent": None}), 200)
        self.assertIsNone(body["parent_id"])
        self.assertIsNone(self.reload(self.output).parent_id)

    def test_it_refuses_making_a_result_its_own_ancestor(self):
        below = services.create_result(self.alice, self.private, title="Pumps fitted",
                                       parent=self.output)
        self.sign_in(self.alice)
        before = self.counts()
        with self.assert_nothing_saved(self.outcome, self.output, below):
            for parent in (self.outcome, self.output, below):
                response = self.patch(self.url(self.outcome), {"parent": parent.pk})
                self.assert_error(response, 422)
                self.assertEqual(error_fields(response), {"parent"})
                self.assertIn("cannot contribute to itself", response.json()["detail"])
        self.assertEqual(self.counts(), before)
        elsewhere = services.create_result(self.alice, self.public, title="Data portal")
        response = self.patch(self.url(self.output), {"parent": elsewhere.pk})
        self.assert_error(response, 422)
        self.assertEqual(error_fields(response), {"parent"})

    def test_it_deletes_a_result_moving_its_children_up_and_keeping_its_indicators(self):
        below = services.create_result(self.alice, self.private, title="Pumps fitted",
                                       parent=self.output)
        self.sign_in(self.alice)
        response = self.delete(self.url(self.output))
        self.assertEqual(response.status_code, 204)
        self.assertFalse(Result.objects.filter(pk=self.output.pk).exists())
        self.assertEqual(self.reload(below).parent_id, self.outcome.pk)
        water = self.reload(self.water)
        self.assertIsNone(water.result_id)
        self.assertEqual(Measurement.objects.filter(indicator=water).count(), 1)
        event = self.audit_for(self.output, "delete").get()
        self.assertIn("moved up: 1 result; no longer attached to a result: 1 indicator",
                      event.summary)
        self.assertEqual(self.audit_for(below, "update").get().changes["parent"],
                         ["Boreholes drilled", "Safe water at home"])

    def test_it_refuses_members_who_may_not_edit_and_hides_from_outsiders(self):
        self.sign_in(self.carol)
        self.assert_error(self.patch(self.url(self.output), {"title": "Mine"}), 403)
        self.assert_error(self.delete(self.url(self.output)), 403)
        self.sign_in(self.olga)
        self.assert_error(self.patch(self.url(self.output), {"title": "Mine"}), 404)
        self.assert_error(self.delete(self.url(self.output)), 404)
        self.client.logout()
        self.assert_error(self.delete(self.url(self.output)), 401)
        public = services.create_result(self.alice, self.public, title="Data portal")
        self.sign_in(self.olga)
        self.assert_error(self.patch(self.url(public, self.public), {"title": "Mine"}), 403)
        self.assertEqual(self.reload(self.output).title, "Boreholes drilled")
        self.assertTrue(Result.objects.filter(pk=public.pk).exists())

    def test_it_edits_and_deletes_a_result_from_the_pages(self):
        self.sign_in(self.alice)
        base = f"/partnerships/{self.private.pk}/results/{self.outcome.pk}/"
        page = self.client.get(base + "edit/")
        self.assertEqual(page.status_code, 200)
        # Neither the result itself nor one below it is offered as what it contributes to.
        self.assertNotContains(page, "Output: Boreholes drilled")
        self.assertNotContains(page, "Outcome: Safe water at home")
        other = self.client.get(f"/partnerships/{self.private.pk}/results/{self.output.pk}"
                                "/edit/")
        self.assertContains(other, "Outcome: Safe water at home")
        response = self.client.post(base + "edit/", {"title": "Safe water in every home",
                                                     "level": "2", "weight": "1"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.reload(self.outcome).title, "Safe water in every home")
        page = self.client.get(f"/partnerships/{self.private.pk}/results/{self.output.pk}"
                               "/delete/")
        self.assertContains(page, "Delete the result “Boreholes drilled”?")
        self.assertContains(page, "0 results contributing to it move up to “Safe water in "
                                  "every home”")
        self.assertContains(page, "1 indicator measuring it stays")
        response = self.client.post(f"/partnerships/{self.private.pk}/results/"
                                    f"{self.output.pk}/delete/")
        self.assertRedirects(response, f"/partnerships/{self.private.pk}/results/")
        self.assertFalse(Result.objects.filter(pk=self.output.pk).exists())

    def test_it_shows_the_edit_links_to_stewards_only(self):
        edit = f"/partnerships/{self.private.pk}/results/{self.output.pk}/edit/"
        self.sign_in(self.alice)
        self.assertContains(self.client.get(f"/partnerships/{self.private.pk}/results/"), edit)
        self.sign_in(self.carol)
        self.assertNotContains(self.client.get(f"/partnerships/{self.private.pk}/results/"),
                               edit)
        self.assertEqual(self.client.get(edit).status_code, 403)
        self.assertEqual(self.client.post(edit.replace("edit", "delete")).status_code, 403)
        self.assertTrue(Result.objects.filter(pk=self.output.pk).exists())


class IndicatorDeletionTest(MonitoringTestCase):
    def url(self, indicator):
        return f"/partnerships/{self.private.pk}/indicators/{indicator.pk}"

    def test_it_deletes_an_indicator_with_its_milestones_and_values(self):
        self.sign_in(self.alice)
        response = self.delete(self.url(self.water))
        self.assertEqual(response.status_code, 204)
        self.assertFalse(Indicator.objects.filter(pk=self.water.pk).exists())
        self.assertFalse(IndicatorTarget.objects.filter(indicator_id=self.water.pk).exists())
        self.assertFalse(Measurement.objects.filter(pk=self.value.pk).exists())
        event = self.audit_for(self.water, "delete").get()
        self.assertIn("with 2 milestones and 1 reported value", event.summary)

    def test_it_refuses_members_and_hides_from_outsiders(self):
        before = self.counts()
        self.sign_in(self.carol)
        self.assert_error(self.delete(self.url(self.water)), 403)
        self.sign_in(self.olga)
        self.assert_error(self.delete(self.url(self.water)), 404)
        self.assertEqual(self.counts(), before)

    def test_it_says_what_goes_with_the_indicator_before_deleting_it(self):
        self.sign_in(self.alice)
        page = self.client.get(f"{self.url(self.water)}/delete/")
        self.assertContains(page, "Its 2 milestones and its 1 reported value are deleted")
        self.sign_in(self.carol)
        self.assertEqual(self.client.get(f"{self.url(self.water)}/delete/").status_code, 403)
        self.assertNotContains(self.client.get(self.url(self.water) + "/"),
                               "Delete the indicator")
        self.sign_in(self.alice)
        response = self.client.post(f"{self.url(self.water)}/delete/")
        self.assertRedirects(response, f"/partnerships/{self.private.pk}/results/")
        self.assertEqual(Measurement.objects.filter(indicator_id=self.water.pk).count(), 0)


class TargetEditingTest(StoredProgress, MonitoringTestCase):
    def final(self):
        return self.water.targets.order_by("-date").first()

    def url(self, target):
        return (f"/partnerships/{self.private.pk}/indicators/{self.water.pk}/targets/"
                f"{target.pk}")

    def test_it_changes_a_milestone_and_the_stored_progress_follows(self):
        self.assertAlmostEqual(self.stored(self.water).progress, 0.25)  # 100 / 400
        self.sign_in(self.alice)
        body = self.assert_status(self.patch(self.url(self.final()),
                                             {"value": "300", "comment": "Revised"}), 200)
        self.assertEqual(body["value"], "300")
        self.assertAlmostEqual(self.stored(self.water).progress, 0.5)  # 100 / 200
        self.assertEqual(self.stored(self.water).final_target_value, 300)
        self.assert_audited(self.final(), "update", self.alice)

    def test_it_deletes_a_milestone_and_the_stored_progress_follows(self):
        self.sign_in(self.alice)
        self.assertEqual(self.delete(self.url(self.final())).status_code, 204)
        water = self.stored(self.water)
        self.assertEqual(water.final_target_value, 300)  # the milestone that remains
        self.assertAlmostEqual(water.progress, 0.5)
        self.assertEqual(self.water.targets.count(), 1)

    def test_it_refuses_a_target_date_before_the_baseline(self):
        self.sign_in(self.alice)
        target = self.final()
        before = self.counts()
        with self.assert_nothing_saved(target, self.water):
            response = self.patch(self.url(target), {"date": "2025-12-31"})
            self.assert_error(response, 422)
            self.assertEqual(error_fields(response), {"date"})
            self.assertIn("before the baseline", response.json()["detail"])
            self.assert_error(self.patch(self.url(target), {"value": None}), 422)
        self.assertEqual(self.counts(), before)

    def test_it_refuses_members_and_hides_from_outsiders(self):
        self.sign_in(self.carol)
        self.assert_error(self.patch(self.url(self.final()), {"value": 1}), 403)
        self.assert_error(self.delete(self.url(self.final())), 403)
        self.sign_in(self.olga)
        self.assert_error(self.delete(self.url(self.final())), 404)
        self.assertEqual(self.water.targets.count(), 2)

    def test_it_edits_and_deletes_a_milestone_from_the_indicator_page(self):
        self.sign_in(self.alice)
        target = self.final()
        page = self.client.get(f"/partnerships/{self.private.pk}/indicators/{self.water.pk}/")
        link = f"/partnerships/{self.private.pk}/indicators/{self.water.pk}/targets/{target.pk}"
        self.assertContains(page, link + "/edit/")
        response = self.client.post(link + "/edit/", {"value": "400", "date": "2025-06-30"})
        self.assertContains(response, "before the baseline", status_code=422)
        response = self.client.post(link + "/edit/", {"value": "400", "date": "2027-12-31"})
        self.assertEqual(response.status_code, 302)
        self.assertAlmostEqual(self.stored(self.water).progress, 1 / 3)
        self.assertContains(self.client.get(link + "/delete/"), "Delete the milestone 400 by "
                                                                "2027-12-31?")
        self.client.post(link + "/delete/")
        self.assertFalse(IndicatorTarget.objects.filter(pk=target.pk).exists())
        self.sign_in(self.carol)
        page = self.client.get(f"/partnerships/{self.private.pk}/indicators/{self.water.pk}/")
        self.assertNotContains(page, "/targets/")


@time_machine.travel(NOW, tick=False)
class ReportEditingTest(MonitoringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.report = services.submit_report(cls.carol, cls.private, period_start="2026-01-01",
                                            period_end="2026-06-30", narrative="Twelve.")

    def url(self, report=None):
        return f"/partnerships/{self.private.pk}/reports/{(report or self.report).pk}"

    def test_it_lets_the_submitter_and_stewards_change_a_report(self):
        self.sign_in(self.carol)
        body = self.assert_status(self.patch(self.url(), {
            "narrative": "Twelve boreholes.", "successes": "First village on tap"}), 200)
        self.assertEqual(body["narrative"], "Twelve boreholes.")
        self.sign_in(self.bob)
        self.assert_status(self.patch(self.url(), {"lessons_learned": "Start early"}), 200)
        report = self.reload(self.report)
        self.assertEqual((report.successes, report.lessons_learned),
                         ("First village on tap", "Start early"))
        self.assert_audited(self.report, "update", self.bob)

    def test_it_refuses_other_members_and_outsiders(self):
        by_alice = services.submit_report(self.alice, self.private, period_start="2026-01-01",
                                          period_end="2026-06-30", narrative="Ours.")
        self.sign_in(self.carol)
        self.assert_error(self.patch(self.url(by_alice), {"narrative": "Mine"}), 403)
        self.assert_error(self.delete(self.url(by_alice)), 403)
        self.sign_in(self.olga)
        self.assert_error(self.patch(self.url(), {"narrative": "Mine"}), 404)
        self.assert_error(self.delete(self.url()), 404)
        self.assertEqual(ProgressReport.objects.count(), 2)

    def test_it_refuses_a_period_ending_before_it_starts(self):
        self.sign_in(self.carol)
        with self.assert_nothing_saved(self.report):
            response = self.patch(self.url(), {"period_end": "2025-12-31"})
            self.assert_error(response, 422)
            self.assertEqual(error_fields(response), {"period_end"})

    def test_it_deletes_a_report(self):
        self.sign_in(self.carol)
        self.assertEqual(self.delete(self.url()).status_code, 204)
        self.assertFalse(ProgressReport.objects.exists())
        self.assertEqual(Measurement.objects.filter(pk=self.value.pk).count(), 1)
        self.assert_audited(self.report, "delete", self.carol)

    def test_it_edits_and_deletes_a_report_from_the_pages(self):
        by_alice = services.submit_report(self.alice, self.private, period_start="2026-01-01",
                                          period_end="2026-06-30", narrative="Ours.")
        self.sign_in(self.carol)
        page = self.client.get(f"/partnerships/{self.private.pk}/reports/")
        self.assertContains(page, self.url() + "/edit/")
        self.assertNotContains(page, self.url(by_alice) + "/edit/")
        self.assertContains(self.client.get(self.url() + "/"), "Edit the report")
        self.assertNotContains(self.client.get(self.url(by_alice) + "/"), "Edit the report")
        response = self.client.post(self.url() + "/edit/", {
            "period_start": "2026-01-01", "period_end": "2026-06-30",
            "narrative": "Twelve boreholes drilled."})
        self.assertRedirects(response, self.url() + "/")
        self.assertEqual(self.reload(self.report).narrative, "Twelve boreholes drilled.")
        self.assertContains(self.client.get(self.url() + "/delete/"),
                            "the values reported for the period stay")
        self.assertRedirects(self.client.post(self.url() + "/delete/"),
                             f"/partnerships/{self.private.pk}/reports/")
        self.assertEqual(self.client.post(self.url(by_alice) + "/delete/").status_code, 403)
        self.assertEqual(ProgressReport.objects.get().pk, by_alice.pk)


class RiskDeletionTest(MonitoringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.risk = services.create_risk(cls.carol, cls.private, title="Budget cut",
                                        category="underinvestment", likelihood=4, impact=4)

    def url(self):
        return f"/partnerships/{self.private.pk}/risks/{self.risk.pk}"

    def test_it_lets_stewards_delete_a_risk(self):
        self.sign_in(self.carol)  # members review and close risks; stewards delete them
        self.assert_error(self.delete(self.url()), 403)
        self.sign_in(self.olga)
        self.assert_error(self.delete(self.url()), 404)
        self.assertTrue(Risk.objects.filter(pk=self.risk.pk).exists())
        self.sign_in(self.alice)
        self.assertEqual(self.delete(self.url()).status_code, 204)
        self.assertFalse(Risk.objects.exists())
        self.assert_audited(self.risk, "delete", self.alice)

    def test_it_deletes_a_risk_from_the_register_page(self):
        self.sign_in(self.carol)
        self.assertNotContains(self.client.get(f"/partnerships/{self.private.pk}/risks/"),
                               self.url() + "/delete/")
        self.assertEqual(self.client.post(self.url() + "/delete/").status_code, 403)
        self.sign_in(self.alice)
        self.assertContains(self.client.get(f"/partnerships/{self.private.pk}/risks/"),
                            self.url() + "/delete/")
        self.assertContains(self.client.get(self.url() + "/delete/"), "close it instead")
        self.client.post(self.url() + "/delete/")
        self.assertFalse(Risk.objects.exists())
