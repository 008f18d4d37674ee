"""The translate page: the original beside a text box per field, in a chosen language; the
same visibility as the record (404 for outsiders of a private partnership)."""

from partnering.audit.models import AuditEvent
from partnering.translations import services
from partnering.translations.models import ContentTranslation
from tests.agreements.base import AgreementTestCase


class TranslatePageTests(AgreementTestCase):
    def page(self, kind="partnership", pk=None):
        return f"/translations/{kind}/{pk or self.private.pk}/"

    def test_it_shows_the_original_beside_a_text_box_per_field(self):
        self.sign_in(self.alice)
        html = self.client.get(self.page() + "?language=bs").content.decode()
        assert self.private.problem_statement in html
        assert 'name="title"' in html and 'name="problem_statement"' in html
        assert '<option value="bs" selected>Bosnian</option>' in html
        assert 'lang="bs"' in html
        arabic = self.client.get(self.page() + "?language=ar").content.decode()
        assert '<td lang="ar" dir="rtl">' in arabic

    def test_it_saves_a_translation_from_the_page(self):
        self.sign_in(self.alice)
        response = self.client.post(self.page(), {
            "language": "bs", "title": "Voda za Tillabéri", "problem_statement": ""})
        assert response.status_code == 302
        assert response["Location"].endswith("?language=bs")
        assert ContentTranslation.objects.get().text == "Voda za Tillabéri"
        html = self.client.get(response["Location"]).content.decode()
        assert "Voda za Tillabéri" in html and "Alice Mensah" in html

    def test_it_translates_every_section_of_an_agreement_version(self):
        version = self.ready()
        self.sign_in(self.carol)  # any member may work on the agreement
        html = self.client.get(self.page("agreement", version.pk)).content.decode()
        assert 'name="purpose_vision"' in html and 'name="data_ip"' in html
        response = self.client.post(self.page("agreement", version.pk), {
            "language": "fr", "purpose_vision": "Chaque ménage de Tillabéri accède à l'eau."})
        assert response.status_code == 302
        assert AuditEvent.objects.filter(action="translation.added").count() == 1

    def test_it_shows_readers_who_may_not_edit_the_translations_only(self):
        services.save_translations(self.alice, self.public, language="fr",
                                   texts={"title": "Partenariat public"})
        html = self.client.get(self.page(pk=self.public.pk)).content.decode()
        assert "Partenariat public" in html and 'name="title"' not in html
        assert self.client.post(self.page(pk=self.public.pk),
                                {"language": "fr", "title": "x"}).status_code == 403
        self.sign_in(self.carol)  # a member, but only stewards edit the partnership
        assert self.client.post(self.page(), {"language": "fr",
                                              "title": "x"}).status_code == 403
        assert ContentTranslation.objects.count() == 1

    def test_it_answers_404_to_outsiders_of_a_private_partnership(self):
        version = self.ready()
        for path in (self.page(), self.page("agreement", version.pk)):
            assert self.client.get(path).status_code == 404
            self.sign_in(self.olga)
            assert self.client.get(path).status_code == 404
            assert self.client.post(path, {"language": "fr", "title": "x"}).status_code == 404
            self.client.logout()
        assert self.client.get("/translations/unknown/1/").status_code == 404

    def test_it_shows_form_errors_and_lets_a_steward_set_the_originals_language(self):
        self.sign_in(self.alice)
        response = self.client.post(self.page(), {"language": "en", "title": "Water"})
        assert response.status_code == 422
        response = self.client.post(self.page(), {"original_language": "fr"})
        assert response.status_code == 302
        assert self.reload(self.private).language == "fr"
