"""Discovery in French: the stakeholder map and its grid, needs and gaps, open calls, and
the reasons a recommendation gives."""

import datetime as dt

from django.utils import translation

from partnering.discovery import ranking
from partnering.discovery import services as discovery
from partnering.partnerships import services as partnerships
from partnering.registry.models import Organisation
from tests.base import PartneringTestCase

PROBLEM = ("Roma children and unaccompanied migrant children fall through the gaps of child "
           "protection.")


class DiscoveryInFrenchTest(PartneringTestCase):
    def page(self, url: str) -> str:
        with translation.override("fr"):
            return self.client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    def test_it_shows_the_stakeholder_map_in_french(self):
        discovery.add_stakeholder(self.alice, self.private, name="Roma community leaders",
                                  influence=2, interest=5, stance="neutral")
        self.sign_in(self.alice)
        text = self.page(f"/partnerships/{self.private.pk}/stakeholders/")
        self.assertIn("Cartographie des parties prenantes", text)
        self.assertIn("Tenir informé", text)  # the strategy, in the table and the grid
        self.assertIn("Parties prenantes selon leur influence et leur intérêt", text)
        self.assertIn("Intérêt →", text)

    def test_it_shows_needs_and_gaps_and_open_calls_in_french(self):
        self.sign_in(self.alice)
        gaps = self.page(f"/partnerships/{self.private.pk}/gaps/")
        self.assertIn("Besoins et lacunes", gaps)
        self.assertIn("Diversité des secteurs autour de la table", gaps)
        discovery.publish_call(self.alice, self.public, title="Data partners",
                               needs="SMS reporting", deadline=dt.date.today()
                               + dt.timedelta(days=10))
        calls = self.page("/calls/")
        self.assertIn("Appels à partenaires ouverts", calls)
        self.assertIn("Data partners", calls)

    def test_it_gives_the_reasons_of_a_recommendation_in_french(self):
        lead = Organisation.objects.create(name="World Vision", sector="civil_society",
                                           country="BA")
        Organisation.objects.create(name="Tuzla Children", sector="civil_society",
                                    country="BA", mission="Child protection for Roma "
                                    "children and unaccompanied migrant children")
        safe = partnerships.create_partnership(self.admin, lead_organisation=lead,
                                               title="Safe Childhoods",
                                               problem_statement=PROBLEM, countries=["BA"])
        with translation.override("fr"):
            found = ranking.for_partnership(safe, limit=5)["candidates"]
        tuzla = next(c for c in found if c["name"] == "Tuzla Children")
        self.assertTrue(any(r.startswith("Décrit des activités portant sur")
                            for r in tuzla["reasons"]), tuzla["reasons"])
        self.assertIn(tuzla["strength_label"], {"Bonne correspondance",
                                                "Correspondance partielle"})
