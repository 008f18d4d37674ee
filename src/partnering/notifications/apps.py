from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "partnering.notifications"
    verbose_name = "Notifications"

    def ready(self):
        from partnering.notifications import receivers  # noqa: F401 - connects the receiver
