"""A queried value does not count: it is neither the indicator's latest value nor in its
progress nor an IATI actual, until it is corrected or confirmed; it shows as queried on the
indicator page, the results page, the partnership page, the portfolio and the API. Values
for overlapping periods of one indicator are refused."""

import time_machine

from partnering.monitoring import services
from partnering.monitoring.models import Indicator
from tests.monitoring.base import NOW, MonitoringTestCase


@time_machine.travel(NOW, tick=False)
class QueriedValues(MonitoringTestCase):
    def setUp(self):
        self.later = services.report_measurement(
            self.carol, self.water, period_start="2026-07-01", period_end="2026-09-30",
            value=260, disaggregated={})

    def stored(self) -> Indicator:
        return Indicator.objects.get(pk=self.water.pk)

    def query(self):
        return services.validate_measurement(self.alice, self.later, status="queried",
                                             comment="The survey covered one village twice.")

    def test_it_stops_counting_a_queried_value(self):
        assert (self.stored().latest_value, self.stored().progress) == (260, 0.4)
        self.query()
        water = self.stored()
        assert (water.latest_value, str(water.latest_date)) == (200, "2026-06-30")
        assert water.progress == 0.25
        assert water.queried_values == 1

    def test_it_counts_the_value_again_once_confirmed_or_corrected(self):
        self.query()
        services.update_measurement(self.carol, self.later, value=250)
        assert (self.stored().latest_value, self.stored().queried_values) == (250, 0)
        self.query()
        services.validate_measurement(self.admin, self.later, status="confirmed",
                                      comment="Checked the survey sheets.")
        assert (self.stored().latest_value, self.stored().queried_values) == (250, 0)

    def test_it_shows_the_queried_value_in_the_api(self):
        self.query()
        self.sign_in(self.carol)
        body = self.assert_status(self.get(
            f"/partnerships/{self.private.pk}/indicators/{self.water.pk}"), 200)
        assert (body["latest_value"], body["queried_values"]) == ("200", 1)
        values = self.assert_list(self.get(f"/indicators/{self.water.pk}/measurements"),
                                  count=2)
        assert [(v["status"], v["counts"]) for v in values] == [
            ("reported", True), ("queried", False)]

    def test_it_leaves_a_queried_value_out_of_the_iati_actuals(self):
        self.sign_in(self.alice)
        assert b'<actual value="260"' in self.get(
            f"/partnerships/{self.private.pk}/iati.xml").content
        self.query()
        xml = self.get(f"/partnerships/{self.private.pk}/iati.xml").content
        assert b'<actual value="260"' not in xml
        assert b'<actual value="200"' in xml

    def test_it_shows_the_queried_value_on_the_pages(self):
        self.query()
        self.sign_in(self.carol)
        base = f"/partnerships/{self.private.pk}"
        page = self.client.get(f"{base}/indicators/{self.water.pk}/").content.decode()
        assert "not counted until corrected or confirmed" in page
        assert "1 queried value not counted" in page
        for path in ("/results/", "/"):
            page = self.client.get(base + path).content.decode()
            assert "Queried values" in page, path
            assert "1 queried" in page, path
        self.sign_in(self.admin)
        page = self.client.get("/portfolio/").content.decode()
        assert "Values queried by a member, not counted until corrected or confirmed" in page


@time_machine.travel(NOW, tick=False)
class OverlappingPeriods(MonitoringTestCase):
    def url(self) -> str:
        return f"/indicators/{self.water.pk}/measurements"

    def test_it_refuses_a_value_for_a_period_that_overlaps_another(self):
        self.sign_in(self.carol)
        for start, end in (("2026-06-01", "2026-08-31"), ("2026-01-01", "2026-06-30"),
                           ("2026-02-01", "2026-03-31")):
            with self.subTest(start=start), self.assert_nothing_saved():
                body = self.assert_error(self.post(self.url(), {
                    "period_start": start, "period_end": end, "value": 210}), 422)
                assert body["errors"][0]["loc"] == ["period_start"]
                assert "2026-01-01 to 2026-06-30" in body["detail"]

    def test_it_accepts_periods_that_only_share_their_boundary_day(self):
        self.sign_in(self.carol)
        self.assert_status(self.post(self.url(), {
            "period_start": "2026-06-30", "period_end": "2026-09-30", "value": 210}), 201)

    def test_it_shows_the_overlap_on_the_form(self):
        self.sign_in(self.carol)
        with self.assert_nothing_saved():
            response = self.client.post(
                f"/partnerships/{self.private.pk}/indicators/{self.water.pk}/measurements/new/",
                {"period_start": "2026-03-01", "period_end": "2026-09-30", "value": "250",
                 "by_sex_female-headed": "", "by_sex_male-headed": ""})
        self.assertContains(response, "which overlaps this period", status_code=422)
