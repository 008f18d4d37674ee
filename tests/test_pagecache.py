"""Anonymous visitors' public pages are kept until the data changes (pagecache.py)."""

from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from partnering.partnerships import services as partnerships
from tests.base import PartneringTestCase


class PublicPageCacheTest(PartneringTestCase):
    def page(self):
        return f"/partnerships/{self.public.pk}/"

    def test_it_serves_a_visitor_the_kept_page_with_one_query(self):
        first = self.client.get(self.page())
        with self.assertNumQueries(1):  # the data's version
            again = self.client.get(self.page())
        self.assertEqual(again.status_code, 200)
        self.assertEqual(again.content, first.content)
        self.assertEqual(again["Content-Security-Policy"], first["Content-Security-Policy"])

    def test_it_shows_a_change_at_once(self):
        self.client.get(self.page())
        partnerships.update_partnership(self.alice, self.public, title="Renamed for the test")
        self.assertContains(self.client.get(self.page()), "Renamed for the test")

    def test_it_stops_showing_a_partnership_made_private(self):
        self.client.get(self.page())
        partnerships.update_partnership(self.alice, self.public, visibility="private")
        self.assertEqual(self.client.get(self.page()).status_code, 404)

    def queries(self, url) -> int:
        with CaptureQueriesContext(connection) as context:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(context.captured_queries)

    def test_it_builds_the_page_afresh_for_signed_in_users(self):
        self.client.get(self.page())
        self.client.force_login(self.olga)
        self.assertGreater(self.queries(self.page()), 5)
        self.assertContains(self.client.get(self.page()), "Olga")

    def test_it_keeps_apart_pages_asked_in_other_languages(self):
        self.client.get(self.page(), HTTP_ACCEPT_LANGUAGE="fr")
        with self.assertNumQueries(1):
            self.client.get(self.page(), HTTP_ACCEPT_LANGUAGE="fr")
        response = self.client.get(self.page(), HTTP_ACCEPT_LANGUAGE="es")
        self.assertEqual(response.status_code, 200)

    def test_it_never_keeps_a_page_that_carries_a_message(self):
        # A message waiting in the visitor's cookie, as after signing out.
        storage = CookieStorage(HttpRequest())
        storage.add(constants.SUCCESS, "You have been signed out.")
        carrier = HttpResponse()
        storage.update(carrier)
        self.client.cookies[storage.cookie_name] = carrier.cookies[storage.cookie_name].value
        self.assertContains(self.client.get("/directory/"), "You have been signed out.")
        self.assertNotContains(self.client.get("/directory/"), "You have been signed out.")

    @override_settings(PUBLIC_PAGE_CACHE_SECONDS=0)
    def test_it_can_be_turned_off(self):
        self.client.get(self.page())
        # Written behind the services' back, so the data's version stays: only a page
        # built afresh shows it (below the problem statement, kept sections would not).
        type(self.public).objects.filter(pk=self.public.pk).update(title="Built afresh")
        self.assertContains(self.client.get(self.page()), "Built afresh")


class VisitorApiCacheTest(PartneringTestCase):
    def queries(self, url, **headers) -> int:
        with CaptureQueriesContext(connection) as context:
            self.assertEqual(self.client.get(url, headers=headers).status_code, 200)
        return len(context.captured_queries)

    def test_it_keeps_the_open_lists_for_visitors(self):
        first = self.client.get("/api/v1/partnerships?limit=5")
        with self.assertNumQueries(1):
            again = self.client.get("/api/v1/partnerships?limit=5")
        self.assertEqual(again.json(), first.json())
        self.assertEqual(dict(again.headers), dict(first.headers))
        self.assertGreater(self.queries(f"/api/v1/organisations/{self.trust.pk}"), 1)
        self.assertEqual(self.queries(f"/api/v1/organisations/{self.trust.pk}"), 1)

    def test_it_shows_a_change_and_hides_what_became_private_at_once(self):
        self.client.get("/api/v1/partnerships")
        partnerships.update_partnership(self.alice, self.public, visibility="private")
        self.assertEqual(self.client.get("/api/v1/partnerships").json()["count"], 0)
        self.assertEqual(self.client.get(f"/api/v1/partnerships/{self.public.pk}").status_code,
                         404)

    def test_it_answers_tokens_and_sessions_afresh(self):
        from partnering.accounts.services import create_token

        self.client.get("/api/v1/partnerships")
        _, raw = create_token(self.alice, name="test")
        body = self.client.get("/api/v1/partnerships",
                               headers={"Authorization": f"Bearer {raw}"}).json()
        self.assertEqual(body["count"], 2)  # alice's private partnership too
        self.client.force_login(self.alice)
        self.assertEqual(self.client.get("/api/v1/partnerships").json()["count"], 2)


class RememberedSectionTest(PartneringTestCase):
    """The overview's power summary is the same for every reader: kept until the data
    changes, for signed-in readers too."""

    def queries(self, url) -> int:
        with CaptureQueriesContext(connection) as context:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(context.captured_queries)

    def test_it_reads_the_power_summary_once_until_the_data_changes(self):
        self.client.force_login(self.alice)
        url = f"/partnerships/{self.private.pk}/"
        first = self.queries(url)
        self.assertLess(self.queries(url), first)
        partnerships.record_meeting(self.alice, self.private, date="2026-10-20",
                                    purpose="Second dialogue", organisations=[self.trust],
                                    attendees=[self.alice_person])
        self.assertEqual(self.queries(url), first)
        self.assertContains(self.client.get(url), "Sahel Water Trust: 2 of 3")  # was 1 of 2
