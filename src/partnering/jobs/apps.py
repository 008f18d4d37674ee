from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "partnering.jobs"
    verbose_name = "Background jobs"
