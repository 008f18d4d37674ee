"""A member who may not report an indicator's values is told who reports them, and comments
on or queries a reported value instead: audited, shown on the value, and the stewards see
the queries."""

import time_machine

from partnering.monitoring import services
from partnering.monitoring.models import MeasurementNote
from tests.monitoring.base import NOW, MonitoringTestCase


@time_machine.travel(NOW, tick=False)
class NotesOnValues(MonitoringTestCase):
    def setUp(self):
        self.trained = services.report_measurement(
            self.alice, self.trust_kpi, period_start="2026-01-01", period_end="2026-06-30",
            value=6)

    def counts(self) -> dict:
        return {**super().counts(), "MeasurementNote": MeasurementNote.objects.count()}

    def page(self) -> str:
        return f"/partnerships/{self.private.pk}/indicators/{self.trust_kpi.pk}/"

    def url(self, measurement=None) -> str:
        measurement = measurement or self.trained
        return f"/indicators/{measurement.indicator_id}/measurements/{measurement.pk}/notes"

    def test_it_tells_a_member_who_reports_and_why_they_cannot(self):
        self.sign_in(self.carol)
        response = self.client.get(self.page())
        self.assertContains(response, "Values are reported by the representatives of Sahel "
                                      "Water Trust")
        self.assertContains(response, "You cannot report values for this indicator")
        self.assertContains(response, "Query / comment")
        self.assertNotContains(response, "Report a value")
        self.sign_in(self.alice)
        self.assertContains(self.client.get(self.page()), "Report a value")

    def test_it_records_a_comment_on_the_value(self):
        self.sign_in(self.carol)
        body = self.assert_status(self.post(self.url(), {
            "text": "Our district office counted seven committees."}), 201)
        assert (body["author_name"], body["organisation_name"], body["is_query"]) == \
            ("Carol Diallo", "Ministry of Water", False)
        note = MeasurementNote.objects.get()
        self.assert_audited(note, "create", actor=self.carol)
        assert self.reload(self.trained).status == "reported", "a comment is not a query"
        self.assertContains(self.client.get(self.page()),
                            "Our district office counted seven committees.")
        notes = self.get(self.url())
        assert [n["text"] for n in self.assert_status(notes, 200)] == [
            "Our district office counted seven committees."]

    def test_it_queries_the_value_from_the_form_and_stewards_see_it(self):
        self.sign_in(self.carol)
        response = self.client.post(
            f"/partnerships/{self.private.pk}/measurements/{self.trained.pk}/notes/new/",
            {"text": "Two of these committees never met.", "query": "on"})
        self.assertRedirects(response, self.page())
        assert self.reload(self.trained).status == "queried"
        assert MeasurementNote.objects.get().is_query
        assert self.reload(self.trust_kpi).latest_value is None
        self.sign_in(self.alice)
        results = self.client.get(f"/partnerships/{self.private.pk}/results/")
        self.assertContains(results, "Queried values")
        page = self.client.get(self.page())
        self.assertContains(page, "Two of these committees never met.")

    def test_it_lets_the_reporter_comment_but_not_query_its_own_value(self):
        self.sign_in(self.alice)
        form = self.client.get(
            f"/partnerships/{self.private.pk}/measurements/{self.trained.pk}/notes/new/")
        self.assertNotContains(form, 'name="query"')
        with self.assert_nothing_saved(self.trained):
            self.assert_error(self.post(self.url(), {"text": "Mine", "query": True}), 403)
        self.assert_status(self.post(self.url(), {"text": "Source: training register"}), 201)

    def test_it_refuses_outsiders_empty_text_and_visitors(self):
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.url(), {"text": "Hello"}), 401)
            self.sign_in(self.olga)
            self.assert_error(self.post(self.url(), {"text": "Hello"}), 404)
            self.assert_error(self.get(self.url()), 404)
            assert self.client.get(f"/partnerships/{self.private.pk}/measurements/"
                                   f"{self.trained.pk}/notes/new/").status_code == 404
            self.sign_in(self.carol)
            self.assert_error(self.post(self.url(), {"text": ""}), 422)
            self.assert_error(self.post(self.url(), {"text": "  "}), 422)
