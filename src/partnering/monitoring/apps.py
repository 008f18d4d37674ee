from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "partnering.monitoring"
    verbose_name = "Monitoring and results"
