"""The cache's names in the admin, in French."""

from django.apps import apps
from django.test import SimpleTestCase
from django.utils import translation

from partnering.caching.models import RateCounter


class CachingInFrenchTest(SimpleTestCase):
    def test_it_names_the_cache_and_its_counters_in_french(self):
        with translation.override("fr"):
            self.assertEqual(str(apps.get_app_config("caching").verbose_name),
                             "Cache et limites de débit")
            self.assertEqual(str(RateCounter._meta.verbose_name), "compteur de débit")
        self.assertEqual(str(RateCounter._meta.verbose_name), "rate counter")
