from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatformsConfig(AppConfig):
    """Multi-stakeholder platforms: nested forums, consultations, and the feedback loop of
    items travelling up and answers travelling back down."""

    name = "partnering.platforms"
    label = "platforms"
    verbose_name = _("Platforms")
