"""CACHE_URL selects the cache every process shares; anything else stops start-up with a
message naming the variable (caching/config.py)."""

from pathlib import Path

from django.core.cache import caches as django_caches
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import SimpleTestCase, TestCase, override_settings

from partnering.caching.config import caches

DATA = Path("/srv/partnering/var")


class CacheUrlTest(SimpleTestCase):
    def backend(self, url: str) -> dict:
        return caches(url, DATA)["default"]

    def test_it_keeps_the_embedded_cache_in_the_data_directory(self):
        default = self.backend("")
        self.assertTrue(default["BACKEND"].endswith("FileBasedCache"))
        self.assertEqual(default["LOCATION"], str(DATA / "cache"))

    def test_it_selects_djangos_redis_cache(self):
        for url in ("redis://127.0.0.1:6379/0", "rediss://:secret@cache.example.org:6380/2",
                    "redis://cache"):
            default = self.backend(url)
            self.assertEqual(default["BACKEND"],
                             "django.core.cache.backends.redis.RedisCache")
            self.assertEqual(default["LOCATION"], url)

    def test_it_selects_a_shared_folder_or_the_database(self):
        self.assertEqual(self.backend("file:///mnt/shared/cache")["LOCATION"],
                         "/mnt/shared/cache")
        database = self.backend("database://")
        self.assertTrue(database["BACKEND"].endswith("DatabaseCache"))
        self.assertEqual(database["LOCATION"], "partnering_cache")

    def test_it_refuses_what_it_does_not_know_naming_the_variable(self):
        for url in ("memcached://127.0.0.1:11211", "redis//127.0.0.1", "127.0.0.1:6379",
                    "redis://127.0.0.1:port/0", "redis://127.0.0.1:6379/cache",
                    "redis://:6379/0", "redis://127.0.0.1/0?ssl=yes", "file://cache",
                    "file://host/srv/cache", "database://elsewhere", "locmem://x"):
            with self.subTest(url=url), self.assertRaises(ImproperlyConfigured) as refused:
                self.backend(url)
            self.assertTrue(str(refused.exception).startswith("CACHE_URL "),
                            str(refused.exception))


class DatabaseCacheTableTest(TestCase):
    def test_it_creates_the_cache_table_when_migrating_with_the_database_cache(self):
        from partnering.caching.apps import _create_cache_table

        with override_settings(CACHES=caches("database://", DATA)):
            _create_cache_table(sender=None, using="default")
            self.assertIn("partnering_cache", connection.introspection.table_names())
            cache = django_caches["default"]
            cache.set("kept", "page", 60)
            self.assertEqual(cache.get("kept"), "page")
