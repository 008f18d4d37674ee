"""End to end: a member reports a value with its evidence file, and sees the progress.

The Ministry of Water's representative opens the indicator her organisation is responsible
for, reports a value for the first half of the year with a CSV tally attached, finds it in
the table with a download link that serves the file, corrects the value, and reads the
progress on the results page. Every page is checked as in browser.py."""

import tempfile
from pathlib import Path

from django.test import override_settings

from partnering.monitoring import services as monitoring
from partnering.monitoring.models import Measurement
from partnering.partnerships import services as partnerships
from partnering.registry.models import Organisation
from tests.base import make_person, make_user
from tests.e2e.browser import BrowserTestCase


class MonitoringFlowTest(BrowserTestCase):
    def setUp(self):
        super().setUp()
        media = tempfile.TemporaryDirectory()
        self.addCleanup(media.cleanup)
        self.enterContext(override_settings(MEDIA_ROOT=media.name))
        trust = Organisation.objects.create(name="Sahel Water Trust", sector="civil_society",
                                            iati_type="22", country="NE")
        self.ministry = Organisation.objects.create(name="Ministry of Water", sector="public",
                                                    iati_type="10", country="NE")
        alice = make_user("alice")
        make_person("Alice Mensah", trust, alice)
        carol = make_user("carol")
        carol_person = make_person("Carol Diallo", self.ministry, carol)
        self.partnership = partnerships.create_partnership(
            alice, lead_organisation=trust, title="Water for Tillabéri",
            problem_statement="Villages lack safe water.", visibility="private")
        membership = partnerships.add_member(alice, self.partnership, organisation=self.ministry,
                                             role="core")
        partnerships.add_representative(alice, membership, person=carol_person, has_mandate=True)
        self.indicator = monitoring.create_indicator(
            alice, self.partnership, name="Households with safe water", unit="households",
            definition="Households with an improved source within 30 minutes.",
            baseline_value=100, baseline_date="2026-01-01",
            responsible_organisation=self.ministry.pk,
            targets=[{"value": 500, "date": "2027-12-31"}])
        self.tally = Path(media.name) / "tally.csv"
        self.tally.write_text("village,households\nAyorou,120\nTera,80\n")

    def test_member_reports_a_value_with_evidence_and_sees_progress(self):
        page = self.page
        base = f"/partnerships/{self.partnership.pk}/"
        self.sign_in("carol")
        self.visit(f"{base}indicators/{self.indicator.pk}/")
        self.check_page("m01-indicator")

        with page.expect_navigation():
            page.get_by_role("link", name="Report a value").click()
        self.check_page("m02-report-form")
        form = page.locator("main form")
        form.get_by_label("Period start").fill("2026-01-01")
        form.get_by_label("Period end").fill("2026-06-30")
        form.get_by_label("Value").fill("300")
        form.get_by_label("Evidence (file)").set_input_files(str(self.tally))
        form.get_by_label("Comment").fill("Household survey, two villages.")
        self.submit(form, "Save")

        row = page.locator("table tr", has_text="2026-06-30")
        assert row.count() == 1, page.url
        link = row.get_by_role("link", name="tally.csv")
        download = page.request.get(self.live_server_url + link.get_attribute("href"))
        assert download.ok and download.text().startswith("village,households")
        assert "attachment" in download.headers["content-disposition"]
        self.check_page("m03-reported")

        with page.expect_navigation():
            row.get_by_role("link", name="Edit the value for 2026-06-30").click()
        self.check_page("m04-edit")
        page.locator("main form").get_by_label("Value").fill("200")
        self.submit(page.locator("main form"), "Save")
        measurement = Measurement.objects.get(indicator=self.indicator)
        assert measurement.value == 200 and measurement.evidence_name == "tally.csv"

        self.open_tab("Results")
        assert "25 %" in page.locator("main").inner_text()  # (200 − 100) / (500 − 100)
        self.check_page("m05-results")
