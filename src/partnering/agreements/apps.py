from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "partnering.agreements"
    verbose_name = "Partnering agreements"
