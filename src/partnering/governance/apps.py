from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "partnering.governance"
    verbose_name = "Decisions, actions and power balance"
