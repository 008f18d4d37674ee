"""The stakeholder registry in French: the list of organisations with its filters, an
organisation's profile with its sector and motivations, a person's page, the forms."""

from django.utils import translation

from partnering.registry.forms import OrganisationForm
from tests.base import PartneringTestCase


class RegistryInFrench(PartneringTestCase):
    def get(self, url):
        with translation.override("fr"):
            response = self.client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 200
        return response.content.decode()

    def test_it_lists_the_organisations_in_french(self):
        html = self.get("/organisations/")
        assert "Le registre des parties prenantes" in html
        assert "Tous les secteurs" in html and "Tous les pays" in html
        assert "Société civile" in html and "Secteur public" in html
        assert "Filter organisations" not in html

    def test_it_shows_an_organisation_in_french(self):
        self.trust.motivations = ["social_development"]
        self.trust.save()
        self.sign_in(self.alice)
        html = self.get(f"/organisations/{self.trust.pk}/")
        assert "Pourquoi elle s&#39;associe" in html or "Pourquoi elle s'associe" in html
        assert "Motivations :" in html and "Développement social" in html
        assert "Typique de son secteur" in html
        assert "Partenariats" in html and "Personnes" in html

    def test_it_shows_a_person_in_french(self):
        self.sign_in(self.alice)
        html = self.get(f"/people/{self.carol_person.pk}/")
        assert "Représente" in html
        assert "Ministry of Water dans" in html

    def test_it_labels_the_form_and_its_errors_in_french(self):
        with translation.override("fr"):
            form = OrganisationForm(data={"name": "", "identifier": "not an id"})
            assert not form.is_valid()
            html = str(form["sector"].label) + str(form.fields["competencies"].help_text)
            assert "Grand secteur" in html and "Séparez par des virgules" in html
            assert "Ce qui la pousse à s'associer" in str(form.fields["motivations"].help_text)
