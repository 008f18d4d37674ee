"""The agreement in French: its pages, a draft started from a template by a French reader,
and the exports, whose fixed labels follow the active language."""

import io

import time_machine
from django.utils import translation
from docx import Document

from partnering.agreements import services
from partnering.agreements.templates import unfinished
from tests.agreements.base import WORLD_BUILT, AgreementTestCase


@time_machine.travel(WORLD_BUILT, tick=True)
class AgreementsInFrenchTest(AgreementTestCase):
    def get(self, url: str):
        with translation.override("fr"):
            response = self.client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        self.assertEqual(response.status_code, 200)
        return response

    def test_it_starts_a_draft_in_the_language_of_whoever_starts_it(self):
        with translation.override("fr"):
            version = self.start()
        self.assertEqual(version.title, "Accord de partenariat")
        self.assertIn("Nous, partenaires de Water for Tillabéri", version.purpose_vision)
        self.assertTrue(unfinished(version.purpose_vision), "the guidance stays bracketed")
        terms = version.member_terms.get(organisation=self.trust)
        self.assertIn("Sahel Water Trust", terms.own_goals)
        self.assertTrue(unfinished(terms.own_goals))

    def test_it_shows_the_agreement_and_a_version_in_french(self):
        self.ready()
        self.sign_in(self.alice)
        text = self.get(f"/partnerships/{self.private.pk}/agreement/").content.decode()
        self.assertIn("L’accord en vigueur", text)
        self.assertIn("Projet en cours : version 1", text)
        self.assertIn("Toutes les versions", text)
        text = self.get(f"/partnerships/{self.private.pk}/agreement/versions/1/") \
            .content.decode()
        self.assertIn("Objet et vision communs", text)
        self.assertIn("Règle de décision", text)
        self.assertIn("Proposer la version 1 à la signature", text)
        self.assertNotIn("Shared purpose and vision", text)

    def test_it_exports_with_french_labels(self):
        version = self.ready()
        services.propose(self.alice, version)
        self.sign_in(self.alice)
        base = f"/api/v1/partnerships/{self.private.pk}/agreement/versions/1"
        word = Document(io.BytesIO(self.get(base + ".docx").content))
        text = "\n".join(p.text for p in word.paragraphs)
        self.assertIn("Objet et vision communs", text)
        self.assertIn("Règle de décision", text)
        self.assertIn("Exporté depuis Partnering le", text)
        rows = [[cell.text for cell in row.cells] for row in word.tables[-1].rows]
        self.assertEqual(rows[0], ["Organisation membre", "Signé par", "Signé le"])
        self.assertIn("Pas encore signé", [row[1] for row in rows[1:]])
        page = self.get(f"/partnerships/{self.private.pk}/agreement/versions/1/print/") \
            .content.decode()
        self.assertIn('<html lang="fr">', page)
        self.assertIn("Ressources engagées", page)
