from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "partnering.discovery"
    verbose_name = "Discovery"

    def ready(self):
        from partnering.discovery import signals  # noqa: F401  (keeps profiles indexed)
