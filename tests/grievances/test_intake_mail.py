"""Grievances by e-mail: a message to grievances+<intake key>@… (or with the key in the
subject) is filed for that partnership, channel e-mail, and the sender gets the case code
and secret by return, through a real SMTP server; robots, replies about a case and unknown
addresses file nothing."""

import email
import io
import sys
from email import policy
from unittest import mock

import time_machine
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from partnering.grievances import intake_mail, services
from partnering.grievances.models import Grievance, GrievanceSettings
from tests.grievances.base import NOW, GrievanceTestCase
from tests.notifications.test_smtp import Inbox, free_port


def message(to="grievances@partnering.example.org", subject="Broken tap", body="",
            sender="Thandiwe Mkhize <thandiwe@example.org>", extra="", attachment=None):
    body = body or "The standpipe on Mew Way has been broken for nine days."
    if attachment is None:
        return (f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\n"
                f"Message-ID: <abc@example.org>\r\n{extra}"
                f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n").encode()
    built = email.message.EmailMessage()
    built["From"], built["To"], built["Subject"] = sender, to, subject
    built.set_content(body)
    built.add_attachment(attachment[1], maintype="application", subtype="octet-stream",
                         filename=attachment[0])
    return built.as_bytes()


@time_machine.travel(NOW, tick=False)
class ReceiveMailTest(GrievanceTestCase):
    def setUp(self):
        self.settings_row = GrievanceSettings.objects.create(partnership=self.private)
        self.key = self.settings_row.intake_key

    def test_it_files_by_the_plus_tag_and_replies_with_code_and_secret(self):
        result = intake_mail.receive(message(to=f"grievances+{self.key}@example.org"))
        assert result.status == "filed"
        case = Grievance.objects.get(code=result.code)
        assert (case.partnership, case.channel, case.entered_by) == (self.private, "email", None)
        assert (case.complainant_name, case.complainant_contact) == (
            "Thandiwe Mkhize", "thandiwe@example.org")
        assert "Broken tap" in case.description and "Mew Way" in case.description
        reply, = mail.outbox
        assert reply.to == ["thandiwe@example.org"] and case.code in reply.subject
        secret = reply.body.split("Secret: ")[1].split()[0]
        assert services.find_case(case.code, secret) == case
        assert reply.extra_headers["Auto-Submitted"] == "auto-replied"

    def test_it_files_by_the_key_in_the_subject(self):
        result = intake_mail.receive(message(subject=f"[{self.key}] Broken tap"))
        assert result.status == "filed" and result.partnership_id == self.private.pk

    def test_a_public_partnership_may_be_named_by_its_number(self):
        assert intake_mail.receive(message(subject=f"[{self.public.pk}] Tap")).status == \
            "filed"
        assert intake_mail.receive(message(subject=f"[{self.private.pk}] Tap")).status == \
            "no_partnership", "a private partnership only by its intake key"

    def test_an_anonymous_message_keeps_no_identity(self):
        result = intake_mail.receive(message(subject=f"[{self.key}] anonymous: the tap"))
        case = Grievance.objects.get(code=result.code)
        assert case.anonymous and (case.complainant_name, case.complainant_contact) == ("", "")
        assert mail.outbox[0].to == ["thandiwe@example.org"]

    def test_a_message_about_abuse_is_filed_as_restricted_safeguarding(self):
        result = intake_mail.receive(message(
            subject=f"[{self.key}] Worried", body="A man takes boys away; I fear abuse."))
        case = Grievance.objects.get(code=result.code)
        assert (case.category, case.restricted) == ("safeguarding", True)

    def test_robots_replies_and_strangers_file_nothing(self):
        auto = message(subject=f"[{self.key}] Out of office",
                       extra="Auto-Submitted: auto-replied\r\n")
        assert intake_mail.receive(auto).status == "automatic"
        about_case = message(subject=f"Re: [Partnering] Your grievance GR-ABCD-EFGH [{self.key}]")
        assert intake_mail.receive(about_case).status == "case_reply"
        assert intake_mail.receive(message(subject="[nokey] hello")).status == "no_partnership"
        assert not Grievance.objects.exists()
        assert len(mail.outbox) == 1, "only the reply about a case is answered"

    def test_a_closed_intake_files_nothing(self):
        GrievanceSettings.objects.filter(pk=self.settings_row.pk).update(intake_open=False)
        assert intake_mail.receive(message(subject=f"[{self.key}] Tap")).status == "closed"

    def test_a_refused_attachment_is_left_out_and_named(self):
        result = intake_mail.receive(message(subject=f"[{self.key}] Tap",
                                             attachment=("run.exe", b"MZ\x90\x00")))
        assert result.status == "filed" and result.refused_files == ["run.exe"]
        assert "run.exe" in mail.outbox[0].body

    def test_the_command_reads_standard_input(self):
        raw = message(subject=f"[{self.key}] Broken tap")
        out = io.StringIO()
        stdin = io.TextIOWrapper(io.BytesIO(raw))
        with mock.patch.object(sys, "stdin", stdin):
            call_command("grievances", "receive-mail", stdout=out)
        assert '"status": "filed"' in out.getvalue()
        assert Grievance.objects.filter(channel="email").count() == 1


def receive_through_smtp(test, raw: bytes):
    """Receive `raw` with the answer sent through a real SMTP server on 127.0.0.1
    (aiosmtpd): the result, and the one answer as a mail client reads it, checked to go to
    the sender, in reply to their message, with the follow page's absolute link."""
    inbox, port = Inbox(), free_port()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    test.addCleanup(server.stop)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                           EMAIL_HOST="127.0.0.1", EMAIL_PORT=port,
                           SITE_URL="https://partnering.example.org"):
        result = intake_mail.receive(raw)
    (recipients, content), = inbox.messages
    assert recipients == ["thandiwe@example.org"]
    reply = email.message_from_bytes(content, policy=policy.default)
    assert result.code in reply["Subject"]
    assert reply["In-Reply-To"] == "<abc@example.org>"
    assert "https://partnering.example.org/grievances/follow/" in reply.get_content()
    return result, reply


class ThroughSmtpTest(GrievanceTestCase):
    def test_the_answer_goes_through_a_real_smtp_server(self):
        key = GrievanceSettings.objects.create(partnership=self.private).intake_key
        result, reply = receive_through_smtp(
            self, message(to=f"grievances+{key}@example.org"))
        assert result.partnership_id == self.private.pk
        assert "Water for Tillab" in reply.get_content()
