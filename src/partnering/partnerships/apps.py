from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnering.partnerships"
    verbose_name = "Partnerships"
