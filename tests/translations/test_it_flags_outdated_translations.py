"""When the original changes after a translation was made, the translation is flagged as
outdated (it keeps a hash of the text it translated) until someone revises it."""

from django.utils import translation

from partnering.partnerships import services as partnerships
from partnering.translations import services
from partnering.translations.models import ContentTranslation, source_hash
from partnering.translations.reading import shown
from tests.apitest import ApiTestCase


class OutdatedTranslationTests(ApiTestCase):
    def setUp(self):
        services.save_translations(self.alice, self.private, language="fr",
                                   texts={"title": "Eau pour Tillabéri"})

    def change_the_original(self):
        partnerships.update_partnership(self.alice, self.private, title="Water for Niger")

    def test_it_stores_a_hash_of_the_original(self):
        row = ContentTranslation.objects.get()
        assert row.source_hash == source_hash(self.private.title)
        assert (row.source_language, row.is_outdated(self.private.title)) == ("en", False)

    def test_it_flags_the_translation_once_the_original_changed(self):
        self.change_the_original()
        with translation.override("fr"):
            title = shown(self.reload(self.private), "title")
        assert (title.text, title.outdated) == ("Eau pour Tillabéri", True)
        self.sign_in(self.alice)
        [row] = self.get(f"/translations/partnership/{self.private.pk}").json()["translations"]
        assert row["outdated"] is True
        page = self.client.get(f"/translations/partnership/{self.private.pk}/?language=fr")
        self.assertContains(page, "The original changed since this translation.")

    def test_a_revision_brings_the_translation_up_to_date(self):
        self.change_the_original()
        services.save_translations(self.alice, self.reload(self.private), language="fr",
                                   texts={"title": "Eau pour le Niger"})
        with translation.override("fr"):
            assert shown(self.reload(self.private), "title").outdated is False

    def test_saving_the_same_text_again_confirms_it_for_the_new_original(self):
        self.change_the_original()  # a change that needs no new wording, say
        services.save_translations(self.alice, self.reload(self.private), language="fr",
                                   texts={"title": "Eau pour Tillabéri"})
        assert not ContentTranslation.objects.get().is_outdated("Water for Niger")
