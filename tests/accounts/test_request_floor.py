"""What every signed-in page and every API call with a token pays before its own work
(issue #16): few queries, read afresh on each request, so that signing out, a password
change, a deactivated account and a revoked token all take effect at once."""

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_script_prefix

from partnering.accounts import services
from partnering.accounts.models import ApiToken
from tests.base import PartneringTestCase

API_TINY = "/api/v1/reference/countries?limit=1"


class SignedInFloorTest(PartneringTestCase):
    def test_it_reads_a_signed_in_page_in_three_queries(self):
        # The session, its user and the bell's unread count; nothing else for the layout.
        self.sign_in(self.olga)
        self.client.get("/sources/")
        with self.assertNumQueries(3):
            response = self.client.get("/sources/")
        self.assertContains(response, "Sign out")

    def test_it_writes_nothing_for_a_page_that_changes_nothing(self):
        self.sign_in(self.olga)
        self.client.get("/sources/")
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/sources/")
        self.assertTrue(all(query["sql"].startswith("SELECT") for query in queries))
        self.assertNotIn(settings.SESSION_COOKIE_NAME, response.cookies)

    def test_it_ends_a_session_at_once_on_sign_out(self):
        self.sign_in(self.olga)
        copy = Client()
        copy.cookies = self.client.cookies  # the same session, read by a second browser
        self.assertContains(copy.get("/sources/"), "Sign out")
        self.client.post("/accounts/logout/")
        self.assertContains(copy.get("/sources/"), "Sign in")

    def test_it_ends_a_session_at_once_when_the_password_changes(self):
        self.sign_in(self.olga)
        self.assertContains(self.client.get("/sources/"), "Sign out")
        self.olga.set_password("a whole new secret phrase")
        self.olga.save()
        self.assertContains(self.client.get("/sources/"), "Sign in")

    def test_it_ends_a_session_at_once_when_the_account_is_deactivated(self):
        self.sign_in(self.olga)
        self.assertContains(self.client.get("/sources/"), "Sign out")
        self.olga.is_active = False
        self.olga.save()
        self.assertContains(self.client.get("/sources/"), "Sign in")

    def test_it_gives_each_request_its_own_copy_of_the_session(self):
        self.sign_in(self.olga)
        first, second = self.client.session, self.client.session
        first["scratch"] = "only mine"
        self.assertNotIn("scratch", second)
        self.assertEqual(second[SESSION_KEY], str(self.olga.pk))


class LayoutLanguageTest(PartneringTestCase):
    def test_it_writes_the_layout_in_each_reader_s_language_whoever_read_before(self):
        self.sign_in(self.olga)
        for language, text in (("en", "Skip to content"), ("fr", "Aller au contenu"),
                               ("en", "Skip to content")):
            with self.subTest(language=language):
                response = self.client.get("/sources/", headers={"accept-language": language})
                self.assertContains(response, text)


class LayoutLinksTest(PartneringTestCase):
    def test_it_links_under_the_script_prefix_each_request_is_served_at(self):
        self.sign_in(self.olga)
        with override_script_prefix("/partnering/"):
            self.assertContains(self.client.get("/sources/"), 'href="/partnering/sources/"')
        self.assertNotContains(self.client.get("/sources/"), "/partnering/sources/")


class TokenFloorTest(PartneringTestCase):
    def test_it_reads_a_token_request_in_one_query(self):
        headers = self.bearer(self.olga)
        self.client.get(API_TINY, headers=headers)  # notes the token's first use
        with self.assertNumQueries(1):
            response = self.client.get(API_TINY, headers=headers)
        self.assertEqual(response.status_code, 200)

    def test_it_refuses_a_revoked_token_at_once(self):
        headers = self.bearer(self.olga)
        self.assertEqual(self.client.get("/api/v1/me", headers=headers).status_code, 200)
        services.revoke_token(self.olga, ApiToken.objects.get(user=self.olga))
        self.assertEqual(self.client.get("/api/v1/me", headers=headers).status_code, 401)

    def test_it_refuses_the_token_of_a_deactivated_account_at_once(self):
        headers = self.bearer(self.olga)
        self.assertEqual(self.client.get("/api/v1/me", headers=headers).status_code, 200)
        self.olga.is_active = False
        self.olga.save()
        self.assertEqual(self.client.get("/api/v1/me", headers=headers).status_code, 401)

    def test_it_reads_the_token_s_user_as_it_is_now(self):
        headers = self.bearer(self.olga)
        self.client.get("/api/v1/me", headers=headers)
        self.olga.is_superuser = True
        self.olga.save()
        body = self.client.get("/api/v1/me", headers=headers).json()
        self.assertTrue(body["is_platform_admin"])
