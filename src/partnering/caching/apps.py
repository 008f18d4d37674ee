from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_cache_table(sender, using="default", **kwargs) -> None:
    """`partnering migrate` creates the table of CACHE_URL=database:// (idempotent; nothing
    for the other caches)."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CachingConfig(AppConfig):
    """The shared cache and the rate-limit counters."""

    name = "partnering.caching"
    verbose_name = _("Cache and rate limits")

    def ready(self) -> None:
        from partnering.caching import displays

        displays.install()
        post_migrate.connect(_create_cache_table, sender=self,
                             dispatch_uid="partnering.caching.createcachetable")
