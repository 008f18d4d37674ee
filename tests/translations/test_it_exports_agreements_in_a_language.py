"""Agreement exports in a chosen language (`?lang=bs`): each section in that language where
translated, with a note of the translator, the original otherwise; read back from the DOCX
and the PDF."""

import io

from docx import Document
from pypdf import PdfReader

from partnering.agreements import services as agreements
from partnering.translations import services
from tests.agreements.base import AGREED_TEXT, AgreementTestCase

PURPOSE_BS = "Svako domaćinstvo u Tillabériju ima pristup sigurnoj vodi za 30 minuta."
PURPOSE_FR = "Chaque ménage de Tillabéri accède à l'eau potable en moins de 30 minutes."


class AgreementExportLanguageTests(AgreementTestCase):
    def setUp(self):
        self.version = self.ready()
        services.save_translations(self.carol, self.version, language="bs", texts={
            "title": "Sporazum o partnerstvu", "purpose_vision": PURPOSE_BS})
        services.save_translations(self.alice, self.version, language="fr", texts={
            "purpose_vision": PURPOSE_FR})
        self.base = f"/api/v1/partnerships/{self.private.pk}/agreement/versions/1"
        self.sign_in(self.carol)

    def docx_text(self, query: str) -> str:
        response = self.client.get(self.base + ".docx" + query)
        assert response.status_code == 200
        return "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)

    def pdf_text(self, query: str) -> str:
        response = self.client.get(self.base + ".pdf" + query)
        assert response.status_code == 200
        reader = PdfReader(io.BytesIO(response.content))
        return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)

    def test_it_exports_the_translated_sections_with_the_translator_in_docx(self):
        text = self.docx_text("?lang=bs")
        assert "Sporazum o partnerstvu" in text
        assert PURPOSE_BS in text and AGREED_TEXT["purpose_vision"] not in text
        assert "Translated from English by Carol Diallo" in text
        assert AGREED_TEXT["culture_values"] in text  # not translated: the original
        assert "Sections in Bosnian where translated" in text

    def test_it_exports_the_translated_sections_in_pdf(self):
        text = self.pdf_text("?lang=bs")
        assert "Svako domaćinstvo u Tillabériju" in text
        assert "Translated from English by Carol Diallo" in text
        assert "Openness; respect for every partner" in text

    def test_it_names_sections_and_notes_in_an_interface_language(self):
        text = self.docx_text("?lang=fr")
        assert PURPOSE_FR in text
        assert "Traduit de l'original en anglais par Alice Mensah" in text
        assert "Objet et vision communs" in text and "Règle de décision" in text
        assert AGREED_TEXT["kpis"] in text

    def test_it_exports_the_original_without_a_language_and_flags_outdated_sections(self):
        text = self.docx_text("")
        assert AGREED_TEXT["purpose_vision"] in text and PURPOSE_BS not in text
        agreements.update_version(self.alice, self.version, purpose_vision="Changed.")
        text = self.docx_text("?lang=bs")
        assert "The original changed since this translation" in text

    def test_it_refuses_a_code_that_names_no_language(self):
        response = self.client.get(self.base + ".docx?lang=zz")
        assert response.status_code == 422
