"""The demo in several languages: the Safe Childhoods agreement in English and Bosnian
(translated by Amra Begović), the Connectivity dialogue in English, French and Spanish."""

from django.contrib.auth import get_user_model
from django.test import TestCase

from partnering.agreements.models import SECTION_FIELDS
from partnering.partnerships.models import Partnership
from partnering.platform import demo
from partnering.translations.models import ContentTranslation


class DemoTranslationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load_demo()
        cls.safe = Partnership.objects.get(title=demo.case("safe-childhoods").title)
        cls.connectivity = Partnership.objects.get(title=demo.case("connectivity").title)

    def test_it_has_the_safe_childhoods_agreement_in_bosnian(self):
        for version in self.safe.agreement_versions.all():
            rows = ContentTranslation.objects.filter(object_id=version.pk,
                                                     content_type__model="agreementversion")
            assert {r.field for r in rows} == {"title", *SECTION_FIELDS}
            assert {(r.language, r.translator_name) for r in rows} == {("bs", "Amra Begović")}
            assert not any(r.is_outdated(getattr(version, r.field)) for r in rows)

    def test_it_has_the_connectivity_dialogue_in_french_and_spanish(self):
        proposal = self.connectivity.proposals.get()
        for record, fields in ((self.connectivity, {"title", "problem_statement"}),
                               (proposal, {"title", "text"})):
            rows = ContentTranslation.objects.filter(
                object_id=record.pk, content_type__model=record._meta.model_name)
            assert {(r.field, r.language) for r in rows} == {
                (f, lang) for f in fields for lang in ("fr", "es")}

    def test_it_shows_the_agreement_in_bosnian_to_its_translator(self):
        self.client.force_login(get_user_model().objects.get(username="member"))
        version = self.safe.agreement_versions.get(number=1)
        page = self.client.get(f"/translations/agreement/{version.pk}/?language=bs")
        assert page.status_code == 200
        assert "Sporazum o partnerstvu" in page.content.decode()
