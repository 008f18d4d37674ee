from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_framework(sender, **kwargs):
    from partnering.capabilities.framework.loader import load_framework

    load_framework()


class CapabilitiesConfig(AppConfig):
    name = "partnering.capabilities"
    verbose_name = "Partnering capabilities: competencies, 360° views, development, offices"

    def ready(self):
        from partnering.capabilities.ratings import notices  # noqa: F401  (receivers)

        # The default framework, as the built-in instruments are loaded (assessments/apps.py).
        post_migrate.connect(_load_framework, sender=self)
