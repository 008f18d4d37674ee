from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "partnering.audit"
    verbose_name = "Audit trail"
