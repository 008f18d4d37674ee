"""Signing in with a username or an e-mail address, signing out, throttling, reset."""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.core import mail
from django.test import override_settings

from tests.base import PASSWORD, PartneringTestCase


class SignInTest(PartneringTestCase):
    def post_login(self, username, password=PASSWORD):
        return self.client.post("/accounts/login/", {"username": username,
                                                     "password": password})

    def test_it_signs_in_with_the_username(self):
        response = self.post_login("alice")
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        self.assertContains(self.client.get("/"), "My partnerships")

    def test_it_signs_in_with_the_email_address_in_any_case(self):
        response = self.post_login("ALICE@example.org")
        self.assertEqual(response.status_code, 302)

    def test_it_refuses_a_wrong_password_with_a_message(self):
        response = self.post_login("alice", "wrong")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "correct username and password")

    def test_it_refuses_an_inactive_account(self):
        self.alice.is_active = False
        self.alice.save()
        self.assertEqual(self.post_login("alice").status_code, 200)

    def test_it_knows_the_user_of_a_session_until_the_account_is_deactivated(self):
        self.assertEqual(self.post_login("alice").status_code, 302)
        assert self.client.session[BACKEND_SESSION_KEY].endswith("UsernameOrEmailBackend")
        self.assertNotContains(self.client.get("/"), "Sign in")
        self.alice.is_active = False
        self.alice.save()
        self.assertContains(self.client.get("/"), "Sign in")

    def test_it_signs_out_with_a_post(self):
        self.sign_in(self.alice)
        response = self.client.post("/accounts/logout/")
        self.assertEqual(response.status_code, 302)
        self.assertContains(self.client.get("/"), "Sign in")

    def test_it_locks_an_account_after_five_failures(self):
        for _ in range(5):
            self.post_login("alice", "wrong")
        response = self.post_login("alice")
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Too many failed sign-in attempts", status_code=429)

    def test_it_limits_failures_per_address_across_accounts(self):
        for name in ("alice", "bob", "carol", "olga", "admin"):
            self.post_login(name, "wrong")
        self.assertEqual(self.post_login("alice").status_code, 429)

    def test_it_forgets_failures_after_a_successful_sign_in(self):
        for _ in range(3):
            self.post_login("alice", "wrong")
        self.assertEqual(self.post_login("alice").status_code, 302)
        self.client.logout()
        for _ in range(3):
            self.post_login("alice", "wrong")
        self.assertEqual(self.post_login("alice").status_code, 302)

    def test_it_stores_passwords_hashed(self):
        self.assertNotIn(PASSWORD, self.reload(self.alice).password)
        self.assertTrue(self.reload(self.alice).check_password(PASSWORD))


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
class PasswordResetTest(PartneringTestCase):
    def test_it_mails_a_reset_link_that_sets_a_new_password(self):
        response = self.client.post("/accounts/password-reset/", {"email": "alice@example.org"})
        self.assertRedirects(response, "/accounts/password-reset/sent/")
        self.assertEqual(len(mail.outbox), 1)
        link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line)
        path = link.removeprefix(settings.SITE_URL)
        self.assertTrue(path.startswith("/accounts/reset/"), link)
        response = self.client.get(path, follow=True)
        form_url = response.redirect_chain[-1][0]
        response = self.client.post(form_url, {"new_password1": "a new long passphrase 42",
                                               "new_password2": "a new long passphrase 42"})
        self.assertRedirects(response, "/accounts/reset/done/")
        self.assertTrue(self.reload(self.alice).check_password("a new long passphrase 42"))

    def test_it_says_the_same_for_an_unknown_address(self):
        response = self.client.post("/accounts/password-reset/", {"email": "nobody@example.org"})
        self.assertRedirects(response, "/accounts/password-reset/sent/")
        self.assertEqual(len(mail.outbox), 0)
