"""The whole platform's tables and charts are rendered once per process and language, and
drawn again as soon as the kept figures are recomputed."""

import re

import time_machine
from django.utils import translation

from partnering.partnerships import services as partnerships
from tests.monitoring.base import NOW, MonitoringTestCase

EXPLORING = re.compile(r"1\. Exploration &amp; consultation</th><td>(\d+)</td>")


@time_machine.travel(NOW, tick=False)
class KeptPortfolioTablesTest(MonitoringTestCase):
    def exploring(self) -> int:
        page = self.client.get("/portfolio/")
        self.assertEqual(page.status_code, 200)
        return int(EXPLORING.search(page.content.decode())[1])

    def test_it_draws_the_tables_again_when_the_figures_are_recomputed(self):
        self.sign_in(self.admin)
        before = self.exploring()
        self.assertEqual(self.exploring(), before)  # kept: the same figures
        partnerships.create_partnership(self.alice, lead_organisation=self.trust, title="New",
                                        problem_statement="x", visibility="public")
        self.assertEqual(self.exploring(), before + 1)

    def test_it_keeps_the_tables_of_each_language_apart(self):
        self.sign_in(self.admin)
        self.client.get("/portfolio/")
        with translation.override("fr"):
            french = self.client.get("/portfolio/", headers={"Accept-Language": "fr"})
        self.assertContains(french, "Partenariats par phase")
        self.assertContains(self.client.get("/portfolio/"), "Partnerships by phase")
