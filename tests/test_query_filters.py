"""A query string's whole-number parameters take digits only: "12.0" is not 12."""

from tests.apitest import ApiTestCase


class WholeNumbersInQueries(ApiTestCase):
    def test_it_refuses_a_fraction_or_an_exponent_where_an_id_is_asked(self):
        self.sign_in(self.carol)
        for query in (f"partnership={self.private.pk}.0", "partnership=1e3", "limit=10.0",
                      "partnership=12,5"):
            body = self.assert_status(self.get(f"/notifications?{query}"), 422)
            assert "whole number" in str(body["detail"])

    def test_it_takes_digits_with_or_without_a_sign(self):
        self.sign_in(self.carol)
        self.assert_status(self.get(f"/notifications?partnership={self.private.pk}"), 200)
        self.assert_status(self.get(f"/notifications?partnership=+{self.private.pk}"), 200)
        self.assert_status(self.get("/partnerships?limit=5&offset=0"), 200)
        self.assert_status(self.get("/partnerships?limit=5.0"), 422)
