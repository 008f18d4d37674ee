"""Case codes and secrets: unguessable, stored hashed, compared in constant time, the same
answer for a wrong code and a wrong secret, rate-limited on the shared counter."""

from django.test import RequestFactory, SimpleTestCase, override_settings

from partnering.grievances import codes, services
from tests.grievances.base import GrievanceTestCase


class CodesTest(SimpleTestCase):
    def test_codes_and_secrets_are_random_and_readable(self):
        made = {codes.new_code() for _n in range(200)}
        self.assertEqual(len(made), 200)
        for code in made:
            self.assertRegex(code, codes.CODE)
            self.assertEqual(codes.normalise_code(code.lower().replace("-", " ")), code)
        self.assertRegex(codes.new_secret(), r"^([2-9A-HJ-NP-Z]{5}-){3}[2-9A-HJ-NP-Z]{5}$")

    def test_only_a_salted_hash_is_kept(self):
        secret = codes.new_secret()
        first, second = codes.hash_secret(secret), codes.hash_secret(secret)
        self.assertNotEqual(first, second)
        self.assertNotIn(secret, first)
        self.assertTrue(codes.secret_matches(first, secret.lower()))
        self.assertFalse(codes.secret_matches(first, codes.new_secret()))
        self.assertFalse(codes.secret_matches(None, secret))

    def test_it_refuses_malformed_codes(self):
        for text in ("", "GR-0000-0000", "GR-ABCD", "x" * 100, "GR-ABCD-EFGI"):
            self.assertEqual(codes.normalise_code(text), "", text)


class LookupTest(GrievanceTestCase):
    def test_a_wrong_code_and_a_wrong_secret_look_the_same(self):
        filed = self.file()
        self.assertEqual(services.find_case(filed.grievance.code, filed.secret), filed.grievance)
        self.assertIsNone(services.find_case(filed.grievance.code, "WRONG-SECRET"))
        self.assertIsNone(services.find_case(codes.new_code(), filed.secret))
        self.assertIsNone(services.find_case("nonsense", filed.secret))

    @override_settings(GRIEVANCE_CODE_RATE_PER_MINUTE=3, GRIEVANCE_ADDRESS_RATE_PER_MINUTE=100)
    def test_look_ups_are_rate_limited_per_code(self):
        request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
        for _n in range(3):
            codes.check_rate(request, "GR-AAAA-BBBB")
        with self.assertRaises(codes.RateLimited):
            codes.check_rate(request, "GR-AAAA-BBBB")
        codes.check_rate(request, "GR-AAAA-CCCC")

    @override_settings(GRIEVANCE_CODE_RATE_PER_MINUTE=100, GRIEVANCE_ADDRESS_RATE_PER_MINUTE=2)
    def test_look_ups_are_rate_limited_per_address(self):
        request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.8")
        codes.check_rate(request, codes.new_code())
        codes.check_rate(request, codes.new_code())
        with self.assertRaises(codes.RateLimited):
            codes.check_rate(request, codes.new_code())
