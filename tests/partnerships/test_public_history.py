"""A public partnership's History, as its visitors read it: what the public pages show and
nothing more; people's names only for signed-in readers; tabs that refuse a visitor are
not offered to them."""

import datetime as dt

import time_machine

from partnering.discovery import services as discovery
from partnering.partnerships import services as partnerships
from tests.base import PartneringTestCase

TODAY = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
STATEMENT = "We run SMS reporting for 400 water points in Tillabéri"


@time_machine.travel(TODAY, tick=False)
class PublicHistoryTest(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.olga_person.organisation = cls.bottler
        cls.olga_person.save()
        call = discovery.publish_call(cls.alice, cls.public, title="Data partners",
                                      needs="SMS reporting", deadline=dt.date(2026, 11, 30))
        response = discovery.respond(cls.olga, call, organisation=cls.bottler,
                                     statement=STATEMENT)
        discovery.decide(cls.alice, response, "shortlist")
        cls.membership = partnerships.add_member(cls.alice, cls.public,
                                                 organisation=cls.ministry, role="core")
        partnerships.add_representative(cls.alice, cls.membership, person=cls.carol_person,
                                        has_mandate=True)

    def history(self, api=False):
        if api:
            return self.client.get(f"/api/v1/partnerships/{self.public.pk}/history").content \
                .decode()
        return self.client.get(f"/partnerships/{self.public.pk}/history/").content.decode()

    def test_it_shows_members_the_whole_trail(self):
        self.sign_in(self.alice)
        for api in (False, True):
            text = self.history(api)
            self.assertIn(STATEMENT, text)
            self.assertIn("shortlist", text)
            self.assertIn("Carol Diallo", text)

    def test_it_shows_visitors_no_response_decision_or_name(self):
        for user in (None, self.elsewhere_user()):
            if user:
                self.sign_in(user)
            for api in (False, True):
                text = self.history(api)
                self.assertIn("Ministry of Water", text)  # the public change: a new member
                self.assertNotIn(STATEMENT, text)
                self.assertNotIn("shortlist", text)
                self.assertNotIn("Carol Diallo", text)
                if user is None:
                    self.assertNotIn("Alice Mensah", text)
                else:
                    self.assertIn("Alice Mensah", text)

    def test_it_hides_representatives_names_from_anonymous_visitors_only(self):
        for path in (f"/partnerships/{self.public.pk}/", f"/partnerships/{self.public.pk}/members/",
                     f"/api/v1/partnerships/{self.public.pk}/members"):
            self.assertNotIn("Carol Diallo", self.client.get(path).content.decode(), path)
        self.sign_in(self.elsewhere_user())
        for path in (f"/partnerships/{self.public.pk}/members/",
                     f"/api/v1/partnerships/{self.public.pk}/members"):
            self.assertIn("Carol Diallo", self.client.get(path).content.decode(), path)

    def test_it_offers_visitors_only_the_tabs_they_may_open(self):
        page = self.client.get(f"/partnerships/{self.public.pk}/").content.decode()
        self.assertIn(f"/partnerships/{self.public.pk}/history/", page)
        self.assertNotIn(f"/partnerships/{self.public.pk}/stakeholders/", page)
        self.assertNotIn(f"/partnerships/{self.public.pk}/health-checks/", page)
        self.assertEqual(self.client.get(f"/partnerships/{self.public.pk}/stakeholders/")
                         .status_code, 403)
        self.sign_in(self.alice)
        page = self.client.get(f"/partnerships/{self.public.pk}/").content.decode()
        self.assertIn(f"/partnerships/{self.public.pk}/stakeholders/", page)

    def test_it_filters_the_history_by_kind(self):
        self.sign_in(self.alice)
        url = f"/api/v1/partnerships/{self.public.pk}/history"
        items = self.client.get(url, {"kind": "membership.added"}).json()["items"]
        self.assertTrue(items)
        self.assertEqual({item["action"] for item in items}, {"membership.added"})
        self.assertIn("Ministry of Water", str(items))
        page = self.client.get(f"/partnerships/{self.public.pk}/history/",
                               {"kind": "call.response_shortlisted"}).content.decode()
        self.assertIn('<option value="call.response_shortlisted" selected>', page)
        self.assertIn('<option value="membership.added">', page)
        self.assertIn("shortlisted a response", page)
        self.assertNotIn("added a member organisation", page.split("history-heading", 1)[1])

    def test_it_offers_visitors_only_the_kinds_they_may_read(self):
        page = self.client.get(f"/partnerships/{self.public.pk}/history/").content.decode()
        self.assertIn('<option value="membership.added">', page)
        self.assertNotIn("call.response", page)
        url = f"/api/v1/partnerships/{self.public.pk}/history"
        self.assertEqual(self.client.get(url, {"kind": "call.response_received"}).json()["count"],
                         0)
        self.assertEqual(self.client.get(url, {"kind": "membership.added"}).json()["count"], 2)

    def elsewhere_user(self):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.create_user("wanda", password="x" * 12)
