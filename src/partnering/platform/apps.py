from django.apps import AppConfig


class PlatformConfig(AppConfig):
    """Site-wide operations: serving, demo data."""

    name = "partnering.platform"
    verbose_name = "Platform"
