"""The CSRF token of a signed-in page's forms (partnering/csrf.py): drawn with one read of
the system's randomness, checked by Django's own middleware as its own tokens are."""

import re
from collections import Counter

from django.middleware.csrf import CSRF_ALLOWED_CHARS, _unmask_cipher_token
from django.test import Client

from partnering.csrf import random_string
from tests.base import PartneringTestCase

FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


class CsrfTokenTest(PartneringTestCase):
    def setUp(self):
        self.client = Client(enforce_csrf_checks=True)
        self.client.force_login(self.carol)

    def tokens(self, path: str = "/sources/") -> tuple[list[str], str]:
        page = self.client.get(path)
        self.assertEqual(page.status_code, 200)
        return FIELD.findall(page.content.decode()), page.cookies["csrftoken"].value

    def test_it_gives_a_new_visitor_a_secret_and_its_masked_token(self):
        tokens, secret = self.tokens()
        self.assertEqual(len(set(tokens)), 1)  # one token for the page's forms
        self.assertEqual(len(secret), 32)
        self.assertEqual(_unmask_cipher_token(tokens[0]), secret)

    def test_it_keeps_the_cookies_secret_and_masks_it_afresh_on_each_page(self):
        first, secret = self.tokens()
        second, again = self.tokens()
        self.assertEqual(again, secret)
        self.assertNotEqual(first[0], second[0])
        self.assertEqual(_unmask_cipher_token(second[0]), secret)

    def test_djangos_middleware_accepts_the_token_and_refuses_another(self):
        tokens, _ = self.tokens()
        refused = self.client.post("/accounts/language/", {
            "language": "fr", "next": "/sources/",
            "csrfmiddlewaretoken": random_string(64)})
        self.assertEqual(refused.status_code, 403)
        accepted = self.client.post("/accounts/language/", {
            "language": "fr", "next": "/sources/", "csrfmiddlewaretoken": tokens[0]})
        self.assertEqual(accepted.status_code, 302)
        self.carol.refresh_from_db()
        self.assertEqual(self.carol.language, "fr")

    def test_it_draws_every_character_of_the_alphabet(self):
        drawn = Counter(random_string(20_000))
        self.assertEqual(set(drawn), set(CSRF_ALLOWED_CHARS))
        self.assertLess(max(drawn.values()) / min(drawn.values()), 1.6)
