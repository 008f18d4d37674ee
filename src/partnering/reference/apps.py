from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "partnering.reference"
    verbose_name = "Reference data"
