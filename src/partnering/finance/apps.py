from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "partnering.finance"
    verbose_name = "Budgets and resource flows"
