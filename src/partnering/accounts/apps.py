from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "partnering.accounts"
    verbose_name = "Accounts"
