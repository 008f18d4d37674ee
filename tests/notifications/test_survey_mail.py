"""Survey invitations and reminders go out like a mail spool: queued in the request's
transaction, sent by a job after it commits, the personal link kept only until it is sent."""

from smtplib import SMTPException
from unittest import mock

from django.core import mail
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from partnering.assessments import services
from partnering.notifications import scan
from partnering.notifications.models import Delivery, Notification, OutgoingMail
from partnering.notifications.outgoing import SENT_NOTE, SUPERSEDED
from tests.assessments.helpers import open_round
from tests.base import PartneringTestCase

SITE = "https://partnering.example.org"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend.send_messages"


@override_settings(SITE_URL=SITE)
class SurveyMailTest(PartneringTestCase):
    def setUp(self):
        self.round = open_round(self.alice, partnership=self.private)
        self.group = self.round.groups.get(organisation=self.ministry)

    def invite(self, email="amina@example.org"):
        with self.captureOnCommitCallbacks(execute=True):
            return services.invite(self.alice, self.round, group=self.group, email=email,
                                   name="Amina")

    def assert_not_at_rest(self, token):
        rows = [*OutgoingMail.objects.values(), *Delivery.objects.values(),
                *Notification.objects.values()]
        assert not any(token in str(value) for row in rows for value in row.values())

    def test_it_sends_the_invitation_by_a_job_with_an_absolute_link_that_works(self):
        with self.captureOnCommitCallbacks() as callbacks:
            _, token = services.invite(self.alice, self.round, group=self.group,
                                       email="amina@example.org", name="Amina")
        assert mail.outbox == [], "nothing is sent on the request"
        assert OutgoingMail.objects.get().status == Delivery.Status.QUEUED
        for callback in callbacks:
            callback()
        message, = mail.outbox
        link = f"{SITE}/respond/{token}/"
        assert link in message.body and link in message.alternatives[0][0]
        assert message.to == ["amina@example.org"]
        assert self.client.get(link.removeprefix(SITE)).status_code == 200

    def test_it_keeps_no_token_in_the_ledger_once_sent(self):
        _, token = self.invite()
        sent = OutgoingMail.objects.get()
        assert (sent.status, sent.text, sent.html, sent.note) == (
            Delivery.Status.SENT, "", "", SENT_NOTE)
        assert sent.subject and sent.sent_at and sent.attempts == 1
        self.assert_not_at_rest(token)

    def test_it_keeps_a_failed_mail_with_its_reason_and_the_scan_sends_it_again(self):
        with mock.patch(LOCMEM, side_effect=SMTPException("mailbox unavailable")):
            _, token = self.invite()
        failed = OutgoingMail.objects.get()
        assert failed.status == Delivery.Status.FAILED and failed.attempts == 1
        assert "mailbox unavailable" in failed.reason and token in failed.text
        assert mail.outbox == []
        scan.run()
        failed.refresh_from_db()
        assert failed.status == Delivery.Status.SENT and failed.attempts == 2
        assert token in mail.outbox[0].body
        self.assert_not_at_rest(token)

    def test_it_supersedes_an_unsent_invitation_mail_by_a_reminder(self):
        with mock.patch(LOCMEM, side_effect=SMTPException("try later")):
            _, old = self.invite()
        with self.captureOnCommitCallbacks(execute=True):
            services.send_reminders(self.alice, self.round)
        first, second = OutgoingMail.objects.order_by("id")
        assert (first.status, first.reason, first.text) == (Delivery.Status.SKIPPED,
                                                            SUPERSEDED, "")
        assert second.kind == OutgoingMail.Kind.REMINDER
        assert second.status == Delivery.Status.SENT
        message, = mail.outbox
        assert old not in message.body and "/respond/" in message.body
        scan.run()
        assert len(mail.outbox) == 1, "the superseded mail is never retried"

    def test_it_sends_nothing_when_the_request_rolls_back(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            try:
                with transaction.atomic():
                    services.invite(self.alice, self.round, group=self.group,
                                    email="amina@example.org")
                    raise RuntimeError("a later line failed")
            except RuntimeError:
                pass
        assert callbacks == [] and mail.outbox == []
        assert not OutgoingMail.objects.exists()

    def test_it_shows_each_invitations_mail_on_the_page_in_one_query(self):
        with mock.patch(LOCMEM, side_effect=SMTPException("mailbox unavailable")):
            self.invite("b@example.org")
        self.invite("a@example.org")
        self.sign_in(self.alice)
        page = f"/assessments/rounds/{self.round.pk}/invitations/"
        with CaptureQueriesContext(connection) as two:
            response = self.client.get(page)
        self.assertContains(response, "Sent")
        self.assertContains(response, "mailbox unavailable")
        self.invite("c@example.org")
        with CaptureQueriesContext(connection) as three:
            self.client.get(page)
        assert len(three) == len(two)

    def test_it_supersedes_a_queued_mail_by_a_new_link_to_hand_out(self):
        with self.captureOnCommitCallbacks():  # the job has not run yet
            invitation, _ = services.invite(self.alice, self.round, group=self.group,
                                            email="amina@example.org")
        services.new_link(self.alice, invitation)
        queued = OutgoingMail.objects.get()
        assert (queued.status, queued.text, queued.html) == (Delivery.Status.SKIPPED, "", "")
