"""Every link in a mail is absolute, from the SITE_URL setting; the broker can copy a
personal survey link to hand it out by SMS, and only the round's stewards ever see it."""

import os
import re
import subprocess
import sys
from unittest import mock

from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase, override_settings

from partnering.assessments import services
from partnering.assessments.models import Invitation
from partnering.audit.models import AuditEvent
from partnering.env import env_site_url
from tests.assessments.helpers import open_round
from tests.base import PartneringTestCase
from tests.walker import post_forms_without_token

SITE = "https://partnering.example.org"
# A path written without its site: after a space, a bracket or a quote, or at a line start.
RELATIVE = re.compile(r"""(?:^|[\s(<"'])(/[\w-]+/)""", re.M)
LINK = re.compile(r"https?://\S+")


class SiteUrlSettingTest(SimpleTestCase):
    def parse(self, value):
        with mock.patch.dict(os.environ, {"SITE_URL": value}):
            return env_site_url("SITE_URL", "http://127.0.0.1:8000")

    def test_it_takes_an_http_or_https_address_without_a_path(self):
        self.assertEqual(self.parse("https://partnering.example.org"), SITE)
        self.assertEqual(self.parse("https://partnering.example.org/"), SITE)
        self.assertEqual(self.parse("http://10.0.0.5:8080"), "http://10.0.0.5:8080")
        with mock.patch.dict(os.environ, {}, clear=True):
            self.assertEqual(env_site_url("SITE_URL", "http://127.0.0.1:8000"),
                             "http://127.0.0.1:8000")

    def test_it_refuses_anything_else_naming_the_variable(self):
        for bad in ("partnering.example.org", "ftp://example.org", "https://", "http://x:po",
                    "https://example.org/partnering", "https://example.org/?a=1",
                    "https://user@example.org", "https://example.org#top", "javascript:x",
                    "https://exa mple.org"):
            with self.assertRaises(ImproperlyConfigured, msg=bad) as caught:
                self.parse(bad)
            self.assertIn("SITE_URL", str(caught.exception))

    def test_it_stops_start_up_on_a_malformed_address(self):
        env = {**os.environ, "SITE_URL": "example.org/partnering"}
        result = subprocess.run(  # noqa: S603 - our own entry point
            [sys.executable, "-m", "partnering.cli", "check"], capture_output=True, text=True,
            env=env, check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SITE_URL", result.stderr)


@override_settings(SITE_URL=SITE)
class MailLinksTest(PartneringTestCase):
    def setUp(self):
        self.round = open_round(self.alice, partnership=self.private)
        self.group = self.round.groups.get(organisation=self.ministry)

    def assert_absolute(self, message):
        self.assertEqual(RELATIVE.findall(message.body), [], message.body)
        links = LINK.findall(message.body)
        self.assertTrue(links, message.body)
        for link in links:
            self.assertTrue(link.startswith(SITE + "/"), link)
        return links

    def test_it_mails_absolute_survey_invitations_and_reminders(self):
        with self.captureOnCommitCallbacks(execute=True):  # the mail job follows the commit
            _, token = services.invite(self.alice, self.round, group=self.group,
                                       email="amina@example.org", name="Amina")
        self.assertEqual(self.assert_absolute(mail.outbox[0]), [f"{SITE}/respond/{token}/"])
        with self.captureOnCommitCallbacks(execute=True):
            services.send_reminders(self.alice, self.round)
        self.assert_absolute(mail.outbox[1])

    def test_it_mails_an_absolute_password_reset_link(self):
        self.client.post("/accounts/password-reset/", {"email": "alice@example.org"},
                         HTTP_HOST="127.0.0.1")
        self.assertEqual(len(mail.outbox), 1)
        self.assert_absolute(mail.outbox[0])

    def test_it_gives_the_api_the_same_absolute_link(self):
        self.sign_in(self.alice)
        response = self.client.post(f"/api/v1/rounds/{self.round.pk}/invitations",
                                    {"group_id": self.group.pk, "email": "amina@example.org"},
                                    "application/json")
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(body["link"], f"{SITE}/respond/{body['token']}/")


@override_settings(SITE_URL=SITE)
class CopyInvitationLinkTest(PartneringTestCase):
    def setUp(self):
        self.round = open_round(self.alice, partnership=self.private)
        group = self.round.groups.get(organisation=self.ministry)
        self.invitation, self.token = services.invite(
            self.alice, self.round, group=group, email="amina@example.org", name="Amina",
            send=False)
        self.page = f"/assessments/rounds/{self.round.pk}/invitations/"
        self.new_link = f"{self.page}{self.invitation.pk}/link/"

    def test_it_shows_a_new_absolute_link_once_in_a_read_only_field(self):
        self.sign_in(self.alice)
        listing = self.client.get(self.page).content.decode()
        self.assertIn(f'action="{self.new_link}"', listing)
        self.assertEqual(post_forms_without_token(listing), [])
        self.assertNotIn("/respond/", listing)
        response = self.client.post(self.new_link)
        html = response.content.decode()
        field = re.search(r'<input type="text" id="link-\d+" value="([^"]+)" readonly', html)
        self.assertIsNotNone(field, html)
        link = field.group(1)
        self.assertRegex(link, rf"^{re.escape(SITE)}/respond/[\w-]{{40,}}/$")
        self.assertIn("no-store", response["Cache-Control"])
        # The old link stops working; the new one opens the form.
        self.client.logout()
        self.assertEqual(self.client.get(f"/respond/{self.token}/").status_code, 404)
        self.assertEqual(self.client.get(link.removeprefix(SITE)).status_code, 200)
        self.assertEqual(len(mail.outbox), 0)

    def test_it_records_who_asked_for_a_new_link(self):
        self.sign_in(self.alice)
        self.client.post(self.new_link)
        self.assertNotEqual(self.reload(self.invitation).token_hash,
                            self.invitation.token_hash)
        event = AuditEvent.objects.for_object(self.invitation).first()
        self.assertEqual((event.actor, event.action), (self.alice, "invitation.updated"))
        self.assertNotIn(self.token, str(event.changes) + event.summary)

    def test_it_shows_links_to_the_rounds_stewards_only(self):
        for user, status in ((self.carol, 403), (self.olga, 404)):
            self.sign_in(user)
            self.assertEqual(self.client.get(self.page).status_code, status)
            self.assertEqual(self.client.post(self.new_link).status_code, status)
        self.client.logout()
        self.assertNotEqual(self.client.post(self.new_link).status_code, 200)
        self.assertEqual(Invitation.objects.get().token_hash, self.invitation.token_hash)

    def test_it_gives_a_new_link_without_saying_whether_the_person_answered(self):
        services.save_answers(self.token, [], submit=True)
        self.sign_in(self.alice)
        page = self.client.post(self.new_link, follow=True)
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, "already answered")
        self.assertNotEqual(self.reload(self.invitation).token_hash,
                            self.invitation.token_hash)
