"""The partnership pages in French: the interface, the lifecycle paths and their checklists
(stored in English, shown in the reader's language), the members page and the forms."""

from django.utils import translation

from partnering.partnerships import services
from partnering.partnerships.models import ChecklistItem
from tests.base import PartneringTestCase


class PartnershipsInFrenchTest(PartneringTestCase):
    def page(self, url: str) -> str:
        with translation.override("fr"):
            response = self.client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_it_keeps_the_checklist_in_english_whoever_creates_it(self):
        with translation.override("fr"):
            partnership = services.create_partnership(
                self.alice, lead_organisation=self.trust, title="Eau pour tous",
                problem_statement="Les points d'eau tombent en panne.")
        texts = ChecklistItem.objects.filter(partnership=partnership).values_list(
            "text", flat=True)
        self.assertIn("Agree a code of conduct", texts)

    def test_it_shows_the_lifecycle_and_its_checklists_in_french(self):
        self.sign_in(self.alice)
        services.add_checklist_item(self.alice, self.public, phase="exploration",
                                    text="Visit the water points")
        text = self.page(f"/partnerships/{self.public.pk}/lifecycle/")
        self.assertIn("Cycle multipartite générique", text)
        self.assertIn("Exploration et consultation", text)
        self.assertIn("Convenir d’un code de conduite", text)
        self.assertIn("Passer à une autre phase", text)
        self.assertIn("Visit the water points", text)  # a partnership's own item stays as written
        self.assertNotIn("Agree a code of conduct", text)

    def test_it_shows_the_partnership_page_in_french(self):
        text = self.page(f"/partnerships/{self.public.pk}/")
        self.assertIn("Le problème au centre", text)
        self.assertIn("État d’avancement", text)
        self.assertIn("Phase 1 sur 4", text)
        self.assertIn("Partenaire chef de file", text)
        self.assertNotIn("The problem at the centre", text)

    def test_it_shows_the_members_page_and_directory_in_french(self):
        self.sign_in(self.alice)
        text = self.page(f"/partnerships/{self.public.pk}/members/")
        self.assertIn("Organisations membres", text)
        self.assertIn("Ajouter une organisation membre", text)
        text = self.page("/directory/")
        self.assertIn("Annuaire public des partenariats", text)

    def test_it_says_why_a_move_needs_confirming_in_french(self):
        with translation.override("fr"):
            with self.assertRaises(services.OpenChecklistItems) as raised:
                services.move_to_phase(self.alice, self.public, to_phase="building",
                                       reason="Prêts")
        self.assertIn("sont encore ouverts", raised.exception.messages[0])

    def test_it_shows_the_checklists_in_spanish_and_portuguese_too(self):
        self.sign_in(self.alice)  # visitors' pages are cached (partnering.pagecache)
        for language, item in (("es", "Acordar un código de conducta"),
                               ("pt", "Acordar um código de conduta")):
            with translation.override(language):
                text = self.client.get(f"/partnerships/{self.public.pk}/lifecycle/",
                                       HTTP_ACCEPT_LANGUAGE=language).content.decode()
            self.assertIn(item, text)
