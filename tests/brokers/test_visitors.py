"""Anonymous visitors and people's names in the API: a partnership's brokers stay nameless
to them (as every partnership's list of people), while the public roster names the brokers
who chose to be listed on it."""

from partnering.partnerships import services as partnerships
from tests.brokers.base import BrokersTestCase


class VisitorsTests(BrokersTestCase):
    def setUp(self):
        super().setUp()
        partnerships.add_broker(self.admin, self.public, person=self.ruth_person,
                                kind="external")

    def test_it_hides_a_public_partnerships_brokers_names_from_anonymous_visitors(self):
        for path in (f"/partnerships/{self.public.pk}/brokers",
                     f"/partnerships/{self.public.pk}/brokers/"):
            response = self.get(path)
            if response.status_code in (301, 302, 404):
                continue  # no trailing-slash route
            rows = self.assert_status(response, 200)["items"]
            assert rows and all(row["name"] is None for row in rows), path
            assert "Ruth Achieng" not in response.content.decode()
        self.sign_in(self.olga)
        rows = self.assert_status(self.get(f"/partnerships/{self.public.pk}/brokers"),
                                  200)["items"]
        assert [row["name"] for row in rows] == ["Ruth Achieng"]

    def test_it_names_the_listed_brokers_on_the_public_roster(self):
        body = self.assert_status(self.get("/brokers"), 200)
        text = str(body)
        assert "Ruth Achieng" in text and "Bob" not in text
