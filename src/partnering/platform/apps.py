from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatformConfig(AppConfig):
    """Site-wide operations: serving, demo data."""

    name = "partnering.platform"
    verbose_name = _("Platform")
