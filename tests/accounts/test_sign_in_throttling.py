"""Sign-in throttling counts per account, however it is named, and a success resets only it."""

from axes.models import AccessAttempt

from tests.base import PASSWORD, PartneringTestCase


class AccountThrottlingTest(PartneringTestCase):
    def post_login(self, username, password=PASSWORD, address="127.0.0.1"):
        return self.client.post("/accounts/login/", {"username": username, "password": password},
                                REMOTE_ADDR=address)

    def test_it_keeps_failures_when_another_account_signs_in_from_the_address(self):
        for _ in range(4):
            self.assertEqual(self.post_login("alice", "wrong").status_code, 200)
        self.assertEqual(self.post_login("olga").status_code, 302)
        self.client.logout()
        self.post_login("alice", "wrong")
        # Alice's account is locked, from any address, even with the right password.
        self.assertEqual(self.post_login("alice", address="198.51.100.7").status_code, 429)

    def test_it_does_not_let_alternating_sign_ins_hide_twelve_failures(self):
        refused = 0
        for _ in range(3):
            for _ in range(4):
                refused += self.post_login("alice", "wrong").status_code == 429
            self.post_login("olga")
            self.client.logout()
        self.assertGreater(refused, 0)
        self.assertEqual(self.post_login("alice", address="198.51.100.7").status_code, 429)

    def test_it_counts_every_spelling_of_the_account_from_different_addresses(self):
        spellings = ["alice", "ALICE", "Alice", "alice@example.org", "ALICE@EXAMPLE.ORG"]
        for number, name in enumerate(spellings, start=1):
            self.post_login(name, "wrong", f"203.0.113.{number}")
        response = self.post_login("aLiCe@example.org", address="203.0.113.99")
        self.assertEqual(response.status_code, 429)
        self.assertEqual(self.post_login("alice", address="203.0.113.100").status_code, 429)

    def test_it_resets_only_the_signed_in_accounts_own_failures(self):
        self.post_login("carol", "wrong", "192.0.2.1")
        self.post_login("alice@example.org", "wrong", "192.0.2.1")
        self.post_login("ALICE", "wrong", "192.0.2.2")
        self.assertEqual(self.post_login("Alice", address="192.0.2.2").status_code, 302)
        self.assertEqual(list(AccessAttempt.objects.values_list("username", flat=True)),
                         ["carol"])

    def test_it_counts_unknown_names_in_lower_case(self):
        for number, name in enumerate(["nobody", "NOBODY", "Nobody"], start=1):
            self.post_login(name, "wrong", f"203.0.113.{number}")
        attempt = AccessAttempt.objects.values_list("username", flat=True).distinct()
        self.assertEqual(list(attempt), ["nobody"])

    def test_it_still_limits_failures_per_address_across_accounts(self):
        for name in ("alice", "bob", "carol", "olga", "nobody"):
            self.post_login(name, "wrong", "192.0.2.50")
        self.assertEqual(self.post_login("admin", address="192.0.2.50").status_code, 429)
        self.assertEqual(self.post_login("admin", address="192.0.2.51").status_code, 302)
