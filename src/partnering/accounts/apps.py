from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "partnering.accounts"
    verbose_name = "Accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from partnering.accounts.throttling import forget_account_failures

        user_logged_in.connect(forget_account_failures, dispatch_uid="forget_account_failures")
