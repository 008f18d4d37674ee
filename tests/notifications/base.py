"""Helpers for the notification tests: run the fan-out that follows a commit, and read who
was told what."""

from django.core import mail

from partnering.notifications.models import Delivery, Notification


class Notified:
    def fanned_out(self):
        """The jobs that follow the commit run at once (TASKS_IMMEDIATE in tests)."""
        return self.captureOnCommitCallbacks(execute=True)

    @staticmethod
    def told(category: str) -> set[str]:
        return set(Notification.objects.filter(category=category).values_list(
            "recipient__username", flat=True))

    @staticmethod
    def mailed() -> set[str]:
        return {address.split("@")[0] for message in mail.outbox for address in message.to}

    @staticmethod
    def emails(category: str):
        return Delivery.objects.filter(notification__category=category,
                                       channel=Delivery.Channel.EMAIL)
