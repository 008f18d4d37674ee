"""The platform's name in the admin, in French, Spanish and Portuguese."""

from django.apps import apps
from django.test import SimpleTestCase
from django.utils import translation


class PlatformInFrenchTest(SimpleTestCase):
    def test_it_names_the_platform_in_every_language(self):
        config = apps.get_app_config("platform")
        for language, name in (("fr", "Plateforme"), ("es", "Plataforma"),
                               ("pt", "Plataforma"), ("en", "Platform")):
            with translation.override(language):
                self.assertEqual(str(config.verbose_name), name)
