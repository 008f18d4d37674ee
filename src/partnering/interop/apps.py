from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "partnering.interop"
    verbose_name = "Open data: IATI, CSV and XLSX"
