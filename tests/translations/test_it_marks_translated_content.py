"""What a reader sees: the text in the interface language with a marker ("Translated from
Bosnian by …" and a link to the original, or "Original"), `lang` (and `dir` for right-to-left
scripts) on content in another language than the page, `?original=1` for the original."""

from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from partnering.translations import services
from tests.base import PartneringTestCase

PAGE = ("<h1>{{ translated(p, 'title') }}</h1>{{ translation_marker(p) }}"
        "<div{{ content_lang(p) }}>{{ translated(p, 'problem_statement') }}</div>")


class MarkerTests(PartneringTestCase):
    def render(self, query: str = "", language: str = "en", user=None, record=None) -> str:
        request = RequestFactory().get("/partnerships/1/" + query)
        request.user = user or AnonymousUser()
        with translation.override(language):
            return engines["jinja2"].from_string(PAGE).render(
                {"p": self.reload(record or self.private), "request": request})

    def test_it_says_original_when_nothing_is_translated(self):
        html = self.render()
        assert "<p class=\"translation-marker\">Original</p>" in html
        assert "lang=" not in html

    def test_it_shows_the_translation_with_who_made_it_and_a_link_to_the_original(self):
        services.save_translations(self.alice, self.private, language="fr", texts={
            "title": "Eau pour Tillabéri", "problem_statement": "L'eau manque."})
        html = self.render(language="fr")
        assert "<h1>Eau pour Tillabéri</h1>" in html
        assert "Traduit de l&#39;original en anglais par Alice Mensah" in html
        assert 'href="/partnerships/1/?original=1">Afficher l&#39;original</a>' in html
        original = self.render("?original=1", language="fr")
        assert f'<h1><span lang="en">{self.private.title}</span></h1>' in original
        assert "Original (anglais)" in original and "Afficher la traduction" in original

    def test_it_marks_content_in_another_language_with_lang_and_dir(self):
        self.private.language = "bs"
        self.private.save()
        html = self.render()
        assert '<span lang="bs">' in html and '<div lang="bs">' in html
        assert "Original (Bosnian)" in html
        self.private.language = "ar"
        self.private.save()
        assert '<div lang="ar" dir="rtl">' in self.render()

    def test_it_offers_signed_in_readers_a_translate_link(self):
        html = self.render(user=self.carol)
        assert f'href="/translations/partnership/{self.private.pk}/">Translate</a>' in html

    def test_it_flags_an_outdated_translation(self):
        services.save_translations(self.alice, self.private, language="fr",
                                   texts={"title": "Eau"})
        self.private.title = "Water for Niger"
        self.private.save()
        assert "L&#39;original a changé depuis cette traduction." in self.render(language="fr")
