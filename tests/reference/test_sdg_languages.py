"""SDG titles in the reader's language: the UN's French and Spanish texts copied from
open-sdg/sdg-translations, English where a language (Portuguese) or a title has none. The
JSON API keeps the English titles."""

from pathlib import Path

import yaml
from django.test import SimpleTestCase
from django.utils import translation

from partnering.monitoring.portfolio.labels import sdg_label
from partnering.reference.models import SdgGoal, SdgTarget
from partnering.reference.sdg import DATA_DIR, FILES, flatten, local_title
from tests.apitest import ApiTestCase
from tests.base import PartneringTestCase


def page(client, url: str, language: str) -> str:
    with translation.override(language):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


class SdgPagesInEachLanguage(PartneringTestCase):
    def test_it_shows_the_goals_in_french(self):
        html = page(self.client, "/reference/sdg/", "fr")
        assert "Pas de pauvreté" in html and "No poverty" not in html
        assert "Éliminer la pauvreté sous toutes ses formes et partout dans le monde" in html

    def test_it_shows_the_goals_in_spanish(self):
        html = page(self.client, "/reference/sdg/", "es")
        assert "Fin de la Pobreza" in html and "No poverty" not in html
        assert "Poner fin a la pobreza en todas sus formas y en todo el mundo" in html

    def test_it_shows_the_goals_in_portuguese_and_the_targets_in_english(self):
        html = page(self.client, "/reference/sdg/", "pt")
        assert "Erradicação da pobreza" in html and "No poverty" not in html
        assert "quando um título não está traduzido para um idioma" in html
        html = page(self.client, "/reference/sdg/6/", "pt")
        assert "Água potável e saneamento" in html
        assert "safe and affordable drinking water" in html

    def test_it_shows_a_goal_and_its_targets_in_french(self):
        html = page(self.client, "/reference/sdg/6/", "fr")
        assert "Eau propre et assainissement" in html
        assert "assurer l’accès universel et équitable à l’eau potable" in html
        assert "safe and affordable drinking water" not in html

    def test_it_shows_a_partnerships_targets_and_goal_badges_in_spanish(self):
        self.sign_in(self.alice)
        html = page(self.client, f"/partnerships/{self.private.pk}/", "es")
        assert "lograr el acceso universal y equitativo al agua potable" in html
        assert 'title="Garantizar la disponibilidad y la gestión sostenible del agua' in html

    def test_it_offers_the_goals_in_french_on_the_partnership_form(self):
        self.sign_in(self.alice)
        html = page(self.client, "/partnerships/new/", "fr")
        assert "Pas de pauvreté" in html and "Eau propre et assainissement" in html

    def test_it_keeps_english_in_english(self):
        html = page(self.client, "/reference/sdg/6/", "en")
        assert "Clean water and sanitation" in html
        assert "Eau propre" not in html

    def test_it_names_a_goal_in_the_active_language(self):
        goal = SdgGoal.objects.get(number=1)
        with translation.override("fr"):
            assert "Pas de pauvreté" in str(goal)
        with translation.override("es"):
            assert goal.local_short_title == "Fin de la Pobreza"
        with translation.override("pt"):
            assert goal.local_short_title == "Erradicação da pobreza"


class SdgApiStaysInEnglish(ApiTestCase):
    def test_it_gives_the_english_titles_whatever_the_language(self):
        with translation.override("fr"):
            body = self.assert_status(self.get("/reference/sdg/goals/1",
                                               headers={"Accept-Language": "fr"}), 200)
        assert body["short_title"] == "No poverty"


class SdgTitleFallback(SimpleTestCase):
    def test_it_falls_back_to_english_for_a_missing_key(self):
        target = SdgTarget(code="6.z", title="A target the French file does not know")
        with translation.override("fr"):
            assert target.local_title == "A target the French file does not know"
            assert local_title("99-short", "Unknown goal") == "Unknown goal"
            assert local_title("6-short", "Clean water") == "Eau propre et assainissement"

    def test_it_translates_a_portfolio_sdg_row(self):
        with translation.override("es"):
            assert "Agua Limpia y Saneamiento" in sdg_label("SDG 6: Clean water and sanitation")
        with translation.override("pt"):
            assert "Água potável e saneamento" in sdg_label("SDG 6: Clean water and sanitation")


class SdgTranslationFiles(SimpleTestCase):
    def english_keys(self, name: str) -> set[str]:
        with open(DATA_DIR / name, encoding="utf-8") as handle:
            return set(flatten(yaml.safe_load(handle)))

    def test_it_ships_french_and_spanish_goals_and_targets(self):
        for language in ("fr", "es"):
            for name in ("global_goals.yml", "global_targets.yml"):
                assert (DATA_DIR / language / name).is_file(), (language, name)

    def test_it_has_the_same_keys_as_the_english_files(self):
        folders = [p for p in Path(DATA_DIR).iterdir() if p.is_dir()]
        assert folders
        for folder in folders:
            for name in FILES:
                if not (folder / name).is_file():
                    continue
                with open(folder / name, encoding="utf-8") as handle:
                    titles = flatten(yaml.safe_load(handle))
                assert set(titles) == self.english_keys(name), (folder.name, name)
                assert all(titles.values()), (folder.name, name)
