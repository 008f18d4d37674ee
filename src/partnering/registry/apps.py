from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "partnering.registry"
    verbose_name = "Stakeholder registry"
