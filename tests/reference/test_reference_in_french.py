"""The reference pages in French: the SDG framework (its titles stay the UN's English texts:
no translation of them ships with Partnering), the IATI codelists (with the French names the
IATI Standard publishes), and country names from pycountry's iso3166-1 catalogues."""

from django.test import SimpleTestCase
from django.utils import translation

from partnering.reference import codelists
from partnering.reference.countries import country_choices, country_name, is_country
from partnering.reference.regions import region_label, region_of
from tests.base import PartneringTestCase


class ReferencePagesInFrench(PartneringTestCase):
    def get(self, url):
        with translation.override("fr"):
            response = self.client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 200
        return response.content.decode()

    def test_it_shows_the_sdg_goals_in_french_around_their_english_titles(self):
        html = self.get("/reference/sdg/")
        assert "<h1>Objectifs de développement durable</h1>" in html
        assert "ODD 6</a>" in html
        assert "Clean water and sanitation" in html
        html = self.get("/reference/sdg/6/")
        assert "Cible 6.1" in html and "Tous les objectifs" in html

    def test_it_shows_a_codelist_with_the_french_names_of_its_codes(self):
        html = self.get("/reference/codelists/OrganisationType/")
        assert "Toutes les listes de codes" in html
        assert "<th scope=\"col\">Nom</th>" in html
        french = codelists.codes("OrganisationType")["10"].names["fr"]
        assert french and french in html


class CountriesInFrench(SimpleTestCase):
    def test_it_names_countries_in_the_active_language(self):
        assert country_name("DE") == "Germany"
        with translation.override("fr"):
            assert country_name("DE") == "Allemagne"
            names = [name for _code, name in country_choices()]
            assert names.index("Égypte") < names.index("Espagne") < names.index("France")
        with translation.override("es"):
            assert country_name("DE") == "Alemania"
        with translation.override("pt"):
            assert country_name("DE") == "Alemanha"

    def test_it_still_checks_codes_whatever_the_language(self):
        with translation.override("fr"):
            assert is_country("NE") and not is_country("XX")

    def test_it_names_regions_in_the_active_language(self):
        assert region_of("NE") == "Western Africa"
        with translation.override("fr"):
            assert region_of("NE") == "Western Africa"
            assert region_label(region_of("NE")) == "Afrique de l'Ouest"
        with translation.override("es"):
            assert region_label("South America") == "América del Sur"
        assert region_label("") == ""
