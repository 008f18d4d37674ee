from django.apps import AppConfig


class GrievancesConfig(AppConfig):
    name = "partnering.grievances"
    verbose_name = "Grievances: complaints, service levels and appeals"
