"""Every URL pattern, walked by people outside the private partnership: a signed-in
outsider, an anonymous visitor, and the steward of another (public) partnership, with every
parameter the id of a real object of the private partnership and every method, writes with
bodies that pass validation.

Private partnerships and everything in them answer 404 to people outside them, as an id that
names nothing does, on pages and in the API; nothing is written; no private title or name
reaches them. tests/access_walker.py finds the routes and fills their parameters;
tests/access_checks.py says what counts as a leak."""

from unittest import mock

from django.db.models import QuerySet

from partnering.monitoring.models import Indicator
from tests.access_bodies import ApiBodies, page_forms
from tests.access_checks import AccessWalk
from tests.access_walker import (
    fill,
    known_ids,
    parameter,
    routes,
    scoped_names,
)
from tests.access_world import MARKER, AccessWorld

API_DOC = "/api/v1/openapi.json"


class AccessWalkTest(AccessWorld):
    _bodies = None

    def walker(self, persona, **options) -> AccessWalk:
        if AccessWalkTest._bodies is None:  # the same ids in every test of the class
            api = ApiBodies(self.client.get(API_DOC).json(), known_ids(self.private))
            AccessWalkTest._bodies = (api, *self.steward_forms())
        api, forms, post_only = AccessWalkTest._bodies
        return AccessWalk(self.client, persona, self.private, api=api, forms=forms,
                          post_only=post_only, secrets=(self.private.title, MARKER), **options)

    @classmethod
    def tearDownClass(cls):
        AccessWalkTest._bodies = None
        super().tearDownClass()

    def steward_forms(self) -> tuple[dict, set]:
        """The POST forms an admin is shown on every page of the private partnership, and
        the page routes that take no GET even from an admin."""
        self.sign_in(self.admin)
        forms, post_only = {}, set()
        for route in routes():
            if route.api or not scoped_names(route):
                continue
            url = route.url(fill(route, self.private))
            response = self.client.get(url)
            if response.status_code == 405:
                post_only.add(route.pattern)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                forms.update(page_forms(url, response.content.decode()))
        self.client.logout()
        return forms, post_only

    def assert_walked_clean(self, walk: AccessWalk):
        findings = walk.run()
        print(f"\n{walk.persona}: {walk.coverage}")
        self.assertFalse(findings, "\n".join(map(str, findings)))

    def test_it_hides_the_private_partnership_from_a_signed_in_outsider(self):
        walk = self.walker("olga")
        self.sign_in(self.olga)
        self.assert_walked_clean(walk)
        self.assertGreater(walk.coverage.scoped_routes, 150)
        self.assertGreater(walk.coverage.writes_with_body, 100)

    def test_it_hides_the_private_partnership_from_anonymous_visitors(self):
        self.assert_walked_clean(self.walker("anonymous"))

    def test_it_hides_private_objects_from_the_steward_of_another_partnership(self):
        walk = self.walker("pete", host=self.public)
        self.sign_in(self.pete)
        self.assert_walked_clean(walk)

    def test_it_catches_a_lookup_that_skips_the_visibility_filter(self):
        walk = self.walker("olga", only=lambda route: "indicator_id" in scoped_names(route))
        self.sign_in(self.olga)
        with mock.patch.object(QuerySet, "filter", leaky_filter(Indicator)):
            findings = walk.run()
        leaks = {f.url for f in findings if "reachable" in f.why}
        # The measurements API finds the indicator by its id alone: a leak there.
        self.assertIn(f"/api/v1/indicators/{self.indicator.pk}/measurements", leaks,
                      "\n".join(map(str, findings)))

    def test_it_fails_on_a_parameter_it_does_not_know(self):
        with self.assertRaisesRegex(AssertionError, "does not know the URL parameter "
                                                    "<gizmo_id>.*PARAMETER_MODELS"):
            parameter("gizmo_id")

    def test_it_fills_every_url_pattern(self):
        for route in routes():
            values = fill(route, self.private)
            self.assertEqual(set(values), {name for name, _ in route.params}, route)
        self.assertGreater(len(routes()), 200)


    def test_it_shows_public_partnerships_to_everyone(self):
        for user in (None, self.olga):
            if user:
                self.sign_in(user)
            for page in ("", "members/", "lifecycle/", "meetings/", "history/"):
                response = self.client.get(f"/partnerships/{self.public.pk}/{page}")
                self.assertEqual(response.status_code, 200, page)
            response = self.client.get(f"/api/v1/partnerships/{self.public.pk}/phase")
            self.assertEqual(response.status_code, 200)

    def test_it_shows_the_private_partnership_to_members_brokers_and_admins(self):
        for user in (self.alice, self.carol, self.bob, self.admin):
            self.sign_in(user)
            for route in routes():
                if route.api or "partnership_id" not in scoped_names(route):
                    continue
                url = route.url(fill(route, self.private))
                response = self.client.get(url)
                self.assertIn(response.status_code, (200, 403, 405),
                              f"{user} GET {url}: {response.status_code}")

    def test_it_lets_an_organisation_admin_see_their_organisations_partnerships(self):
        self.olga_person.user = None
        self.olga_person.save()
        staff = self.ministry_staff
        staff.user = self.olga
        staff.is_organisation_admin = True
        staff.save()
        self.sign_in(self.olga)
        response = self.client.get(f"/partnerships/{self.private.pk}/")
        self.assertEqual(response.status_code, 200)

def leaky_filter(model):
    """QuerySet.filter as a lookup that forgets the visibility filter for one model would
    be: the `<partnership>__in=<visible partnerships>` condition is dropped."""
    original = QuerySet.filter

    def filter(self, *args, **kwargs):
        if self.model is model:
            kwargs = {k: v for k, v in kwargs.items() if not k.endswith("partnership__in")}
        return original(self, *args, **kwargs)

    return filter
