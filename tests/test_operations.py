"""Health check, security headers and production settings."""

import os
import subprocess
import sys
from unittest import mock

from django.db import DatabaseError
from django.test import SimpleTestCase

from tests.base import PartneringTestCase


class HealthTest(PartneringTestCase):
    def test_it_reports_ok(self):
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual((body["status"], body["database"]), ("ok", "ok"))
        self.assertEqual(body["jobs"], {"queued": 0, "running": 0, "oldest_queued_seconds": 0,
                                        "workers": 0})

    def test_it_answers_503_when_the_database_is_down(self):
        with mock.patch("partnering.views.connection.cursor", side_effect=DatabaseError):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)


class HeadersTest(PartneringTestCase):
    def test_it_sends_a_content_security_policy(self):
        response = self.client.get("/")
        self.assertIn("default-src 'self'", response["Content-Security-Policy"])
        self.assertIn("frame-ancestors 'none'", response["Content-Security-Policy"])
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_it_escapes_what_users_write(self):
        self.sign_in(self.alice)
        self.client.post(f"/partnerships/{self.private.pk}/checklist/add/",
                         {"phase": "exploration", "text": "<script>alert(1)</script>"})
        response = self.client.get(f"/partnerships/{self.private.pk}/lifecycle/")
        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")

    def test_it_requires_csrf_on_forms(self):
        client = self.client_class(enforce_csrf_checks=True)
        client.force_login(self.alice)
        response = client.post(f"/partnerships/{self.private.pk}/checklist/add/",
                               {"phase": "exploration", "text": "Sneaky"})
        self.assertEqual(response.status_code, 403)


class DeploySettingsTest(SimpleTestCase):
    def test_it_passes_the_deploy_check_with_production_settings(self):
        env = {**os.environ, "SECRET_KEY": "x" * 60 + "production-like-secret-key-value",
               "DEBUG": "off", "SECURE_TLS": "on", "SECURE_SSL_REDIRECT": "on",
               "ALLOWED_HOSTS": "partnering.example.org"}
        result = subprocess.run(  # noqa: S603 - our own entry point
            [sys.executable, "-m", "partnering.cli", "check", "--deploy",
             "--fail-level", "WARNING"], capture_output=True, text=True, env=env, check=False)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_it_refuses_a_malformed_boolean(self):
        env = {**os.environ, "DEBUG": "maybe"}
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "partnering.cli", "check"], capture_output=True, text=True,
            env=env, check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("DEBUG must be one of", result.stderr)


class ApiNotFoundTest(PartneringTestCase):
    def test_it_answers_unknown_api_paths_in_json(self):
        response = self.client.get("/api/v1/no-such-thing")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"detail": "Not found."})
