"""Exports of a version: DOCX, PDF and the printable page, each with the signatures table
(who signed for which organisation and when; the members still to sign)."""

import io

import time_machine
from docx import Document
from pypdf import PdfReader

from partnering.agreements import services
from partnering.partnerships import services as partnerships
from tests.agreements.base import WORLD_BUILT, AgreementTestCase
from tests.base import make_person, make_user


@time_machine.travel(WORLD_BUILT, tick=True)
class ExportingAVersion(AgreementTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # A signatory whose name needs more than Latin-1.
        cls.emir = make_user("emir", first_name="Emir", last_name="Delić")
        cls.emir_person = make_person("Emir Delić", cls.bottler, cls.emir,
                                      job_title="Partnerships Lead")
        membership = partnerships.add_member(cls.alice, cls.private, organisation=cls.bottler)
        partnerships.add_representative(cls.alice, membership, person=cls.emir_person,
                                        has_mandate=True)

    def setUp(self):
        self.version = self.ready()
        services.add_commitment(self.alice, self.version, organisation=self.trust,
                                kind="cash", description="Repair fund", amount=120000,
                                currency="USD")
        services.update_version(self.alice, self.version,
                                common_goals="Safe water in Tillabéri — для всех, 所有人 🚰.")
        services.propose(self.alice, self.version)
        services.sign(self.emir, self.version, organisation=self.bottler)
        self.base = f"/api/v1/partnerships/{self.private.pk}/agreement/versions/1"

    def test_it_exports_a_word_document_with_the_signatures_table(self):
        self.sign_in(self.carol)
        response = self.client.get(self.base + ".docx")
        assert response.status_code == 200
        assert response["Content-Type"] == ("application/vnd.openxmlformats-officedocument."
                                            "wordprocessingml.document")
        assert response["Content-Disposition"] == \
            'attachment; filename="agreement-water-for-tilláberi-v1.docx"'.replace("á", "a")
        word = Document(io.BytesIO(response.content))
        text = "\n".join(p.text for p in word.paragraphs)
        assert "Shared purpose and vision" in text and "Repair 40 boreholes" not in text
        assert "Safe water in Tillabéri" in text
        signatures = word.tables[-1]
        rows = [[cell.text for cell in row.cells] for row in signatures.rows]
        assert rows[0] == ["Member organisation", "Signed by", "Signed on"]
        by_org = {row[0]: row for row in rows[1:]}
        assert by_org["Clearwater Bottling"][1] == "Emir Delić, Partnerships Lead"
        assert by_org["Clearwater Bottling"][2].startswith("1 Oct 2026")
        assert by_org["Ministry of Water"][1] == "Not yet signed"
        assert by_org["Sahel Water Trust (SWT)"][1] == "Not yet signed"
        commitments = [[c.text for c in row.cells] for row in word.tables[0].rows]
        assert any("120,000 USD" in " ".join(row) for row in commitments)

    def test_it_exports_a_pdf_with_the_text_and_the_signatures(self):
        self.sign_in(self.alice)
        response = self.client.get(self.base + ".pdf")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith('attachment; filename="agreement-')
        assert response.content.startswith(b"%PDF")
        reader = PdfReader(io.BytesIO(response.content))
        text = "\n".join(page.extract_text() for page in reader.pages)
        assert "Partnering agreement" in text
        assert "Emir Delić" in text, "names outside Latin-1 render"
        assert "Not yet signed" in text
        assert "Signatures" in text
        assert reader.metadata.title.startswith("Partnering agreement")

    def test_it_shows_a_printable_page(self):
        self.sign_in(self.carol)
        response = self.client.get(f"/partnerships/{self.private.pk}/agreement/versions/1/"
                                   "print/")
        assert response.status_code == 200
        page = response.content.decode()
        assert page.count("<h1") == 1
        assert "Emir Delić, Partnerships Lead" in page
        assert "Not yet signed" in page
        assert "<th scope=\"col\">Signed on</th>" in page

    def test_it_exports_an_agreed_version_with_every_signature(self):
        self.give_carol_a_mandate()
        services.sign(self.alice, self.version, organisation=self.trust)
        services.sign(self.carol, self.version, organisation=self.ministry)
        self.sign_in(self.alice)
        word = Document(io.BytesIO(self.client.get(self.base + ".docx").content))
        assert "Agreed on" in "\n".join(p.text for p in word.paragraphs)
        rows = [[c.text for c in row.cells] for row in word.tables[-1].rows][1:]
        assert "Not yet signed" not in {row[1] for row in rows}
        assert {row[1] for row in rows} >= {"Alice Mensah", "Carol Diallo"}

    def test_it_hides_exports_from_outsiders(self):
        for user in (None, self.olga):
            if user:
                self.sign_in(user)
            for suffix in (".docx", ".pdf"):
                response = self.client.get(self.base + suffix)
                assert response.status_code == 404, (user, suffix)
                assert b"Tillab" not in response.content
            page = self.client.get(f"/partnerships/{self.private.pk}/agreement/versions/1/"
                                   "print/")
            assert page.status_code == 404
        self.sign_in(self.alice)
        assert self.client.get(self.base.replace("/1", "/9") + ".pdf").status_code == 404

    def test_it_exports_a_draft_full_of_guidance_and_odd_characters(self):
        services.withdraw(self.alice, self.version, reason="Add a clause")
        services.update_version(self.alice, self.version,
                                risks="Tabs\tand\x0bcontrol\x1fcharacters, RTL שלום, "
                                      "emoji 🤝 and a very long word " + "x" * 400)
        self.sign_in(self.alice)
        for suffix in (".docx", ".pdf"):
            assert self.client.get(self.base + suffix).status_code == 200, suffix
