"""Managing personal API tokens in the web UI and with `partnering create-token`."""

import re
import subprocess
import sys
from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError

from partnering.accounts.models import ApiToken
from partnering.audit.models import AuditEvent
from tests.base import PartneringTestCase


class TokenPageTest(PartneringTestCase):
    def test_it_creates_a_token_and_shows_it_once(self):
        self.sign_in(self.alice)
        response = self.client.post("/accounts/tokens/", {"name": "KPI import"})
        token = ApiToken.objects.get(user=self.alice)
        raw = re.search(r"pt_[A-Za-z0-9_-]{20,}", response.content.decode()).group(0)
        self.assertContains(response, raw)
        self.assertTrue(raw.startswith(token.prefix))
        self.assertNotContains(self.client.get("/accounts/tokens/"), raw)
        api = self.client_class().get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
        self.assertEqual(api.json()["username"], "alice")

    def test_it_refuses_a_token_without_a_name(self):
        self.sign_in(self.alice)
        response = self.client.post("/accounts/tokens/", {"name": ""})
        self.assertContains(response, "This field is required")
        self.assertFalse(ApiToken.objects.exists())

    def test_it_revokes_a_token_with_an_audit_record(self):
        self.sign_in(self.alice)
        self.client.post("/accounts/tokens/", {"name": "old"})
        token = ApiToken.objects.get()
        self.client.post(f"/accounts/tokens/{token.pk}/revoke/")
        self.assertFalse(ApiToken.objects.exists())
        self.assertTrue(AuditEvent.objects.filter(action="apitoken.deleted",
                                                  object_type="accounts.apitoken").exists())

    def test_it_does_not_let_one_user_revoke_anothers_token(self):
        self.sign_in(self.alice)
        self.client.post("/accounts/tokens/", {"name": "mine"})
        token = ApiToken.objects.get()
        self.sign_in(self.olga)
        response = self.client.post(f"/accounts/tokens/{token.pk}/revoke/")
        self.assertEqual(response.status_code, 404)
        self.assertTrue(ApiToken.objects.exists())

    def test_it_needs_a_sign_in(self):
        response = self.client.get("/accounts/tokens/")
        self.assertRedirects(response, "/accounts/login/?next=/accounts/tokens/")


class CreateTokenCommandTest(PartneringTestCase):
    def test_it_prints_a_working_token(self):
        out = StringIO()
        call_command("create_token", "bob", stdout=out)
        raw = out.getvalue().strip()
        response = self.client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
        self.assertEqual(response.json()["username"], "bob")

    def test_it_refuses_an_unknown_user_with_status_2(self):
        with self.assertRaises(CommandError) as raised:
            call_command("create_token", "nobody")
        self.assertEqual(raised.exception.returncode, 2)

    def test_it_is_reachable_with_a_dash_from_the_partnering_command(self):
        result = subprocess.run(  # noqa: S603 - our own entry point
            [sys.executable, "-m", "partnering.cli", "create-token", "--help"],
            capture_output=True, text=True, check=False)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("USERNAME", result.stdout.upper())
