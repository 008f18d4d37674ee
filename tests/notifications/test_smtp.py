"""End to end: a real event, sent through a real SMTP server on 127.0.0.1 (aiosmtpd), read
back as a mail client would: absolute link, one-click unsubscribe headers, both parts, and the
recipient's language (no French catalogue exists yet: the message says it was rendered in
French, and was)."""

import email
import socket
from email import policy

from aiosmtpd.controller import Controller
from django.test import override_settings

from partnering.governance.decisions import services as governance
from partnering.notifications import scan
from partnering.notifications.models import Delivery, NotificationSettings
from tests.base import PartneringTestCase
from tests.notifications.base import Notified


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThroughSmtp(Notified, PartneringTestCase):
    def setUp(self):
        self.inbox = Inbox()
        self.port = free_port()
        self.server = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.server.start()
        self.addCleanup(self.server.stop)

    def test_it_sends_a_real_message_in_the_recipients_language(self):
        NotificationSettings.objects.create(user=self.carol, language="fr")
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                               EMAIL_HOST="127.0.0.1", EMAIL_PORT=self.port,
                               SITE_URL="https://partnering.example.org"), self.fanned_out():
            action = governance.create_action(
                self.alice, self.private, title="Share the map",
                owner_organisation=self.ministry, owner_person=self.carol_person,
                due_date="2026-12-01")
        (recipients, content), = self.inbox.messages
        assert recipients == ["carol@example.org"]
        message = email.message_from_bytes(content, policy=policy.default)
        assert "Share the map" in message["Subject"]
        assert message["Content-Language"] == "fr"
        unsubscribe = str(message["List-Unsubscribe"]).strip()
        assert unsubscribe.startswith("<https://partnering.example.org/notifications/"
                                      "unsubscribe/")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        link = f"https://partnering.example.org/partnerships/{self.private.pk}/actions/" \
               f"{action.pk}/"
        assert link in text and f'href="{link}"' in html
        assert '<html lang="fr">' in html
        assert Delivery.objects.get(channel="email").status == "sent"

    def test_it_records_a_failure_on_the_delivery(self):
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                               EMAIL_HOST="127.0.0.1", EMAIL_PORT=free_port(),
                               EMAIL_TIMEOUT=2), self.fanned_out():
            governance.create_action(
                self.alice, self.private, title="Share the map",
                owner_organisation=self.ministry, owner_person=self.carol_person,
                due_date="2099-06-01")
        delivery = Delivery.objects.get(channel="email")
        assert delivery.status == "failed" and "Connection" in delivery.reason
        assert delivery.attempts == 1
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                               EMAIL_HOST="127.0.0.1", EMAIL_PORT=self.port):
            scan.run()
        assert self.reload(delivery).status == "sent", "the hourly scan tries it again"
        assert len(self.inbox.messages) == 1
