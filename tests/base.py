"""Personas and a partnership world built once per test class (healthchecks' hc/test.py).

- alice: represents the lead organisation (Sahel Water Trust) with a mandate to decide
- bob: an external broker of the private partnership
- carol: represents a core member (Ministry of Water), without a mandate
- olga: signed in, registered with an organisation outside the partnership (outsider)
- admin: platform admin
"""

import shutil
import tempfile

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from partnering.partnerships import services as partnerships
from partnering.partnerships.models import Partnership
from partnering.registry.models import Organisation, Person

PASSWORD = "correct horse battery staple"


def make_user(username: str, **extra):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD, **extra)
    return user


def make_person(name: str, organisation, user=None, **extra) -> Person:
    return Person.objects.create(name=name, organisation=organisation, user=user,
                                 email=f"{name.split()[0].lower()}@example.org", **extra)


def add_represented_member(actor, partnership, name: str, *, has_mandate: bool = True,
                           **organisation):
    """A new organisation (private sector, Niger unless told) made a member of
    `partnership`, with one representative; the new membership."""
    from partnering.partnerships import services

    fields = {"sector": "private", "iati_type": "70", "country": "NE", **organisation}
    org = Organisation.objects.create(name=name, **fields)
    person = Person.objects.create(name=f"Rep of {name}", organisation=org)
    membership = services.add_member(actor, partnership, organisation=org)
    services.add_representative(actor, membership, person=person, has_mandate=has_mandate)
    return membership


def use_temporary_media(test) -> str:
    """Point MEDIA_ROOT at a folder of this test's own, removed afterwards."""
    media = tempfile.mkdtemp(prefix="partnering-test-media-")
    test.addCleanup(shutil.rmtree, media, ignore_errors=True)
    override = override_settings(MEDIA_ROOT=media)
    override.enable()
    test.addCleanup(override.disable)
    return media


class QueryCounting:
    """For query-count tests, mixed into a TestCase that has `grow(n)` (n more of
    everything): what a GET costs, and that it does not grow with the data."""

    def count(self, url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(queries)

    def assert_queries_fixed(self, *urls: str, warm: bool = False) -> None:
        """The same number of queries with 5 and with 50 of everything; `warm` requests
        each page once before counting (for pages that fill a cache on first use)."""
        self.grow(5)
        small = self._counts(urls, warm)
        self.grow(45)
        self.assertEqual(small, self._counts(urls, warm))

    def _counts(self, urls, warm) -> dict:
        if warm:
            for url in urls:
                self.count(url)
        return {url: self.count(url) for url in urls}


class PartneringTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = make_user("admin", is_staff=True, is_superuser=True, first_name="Ada",
                              last_name="Admin")
        cls.alice = make_user("alice", first_name="Alice", last_name="Mensah")
        cls.bob = make_user("bob", first_name="Bob", last_name="Broker")
        cls.carol = make_user("carol", first_name="Carol", last_name="Diallo")
        cls.olga = make_user("olga", first_name="Olga", last_name="Outsider")

        cls.trust = Organisation.objects.create(
            name="Sahel Water Trust", acronym="SWT", sector="civil_society", iati_type="22",
            country="NE", mission="Safe water for rural communities")
        cls.ministry = Organisation.objects.create(
            name="Ministry of Water", sector="public", iati_type="10", country="NE")
        cls.bottler = Organisation.objects.create(
            name="Clearwater Bottling", sector="private", iati_type="70", country="NE")
        cls.brokers_org = Organisation.objects.create(
            name="Independent Brokers Collective", sector="civil_society", iati_type="22")
        cls.elsewhere = Organisation.objects.create(
            name="Far Away Foundation", sector="philanthropy", iati_type="60", country="FR")

        cls.alice_person = make_person("Alice Mensah", cls.trust, cls.alice)
        cls.bob_person = make_person("Bob Broker", cls.brokers_org, cls.bob)
        cls.carol_person = make_person("Carol Diallo", cls.ministry, cls.carol)
        cls.olga_person = make_person("Olga Outsider", cls.elsewhere, cls.olga)
        cls.ministry_staff = make_person("Moussa Ibrahim", cls.ministry)

        cls.private = partnerships.create_partnership(
            cls.alice, lead_organisation=cls.trust, title="Water for Tillabéri",
            problem_statement="Rural households walk hours for unsafe water.",
            visibility="private", sdg_codes=["6", "6.1"], countries=["NE"])
        cls.ministry_membership = partnerships.add_member(
            cls.alice, cls.private, organisation=cls.ministry, role="core", iati_role="2")
        partnerships.add_representative(cls.alice, cls.ministry_membership,
                                        person=cls.carol_person, has_mandate=False)
        cls.broker_assignment = partnerships.add_broker(
            cls.alice, cls.private, person=cls.bob_person, kind="external")
        cls.meeting = partnerships.record_meeting(
            cls.alice, cls.private, date="2026-10-01", purpose="First structured dialogue",
            minutes="We agreed the problem statement.", organisations=[cls.trust, cls.ministry],
            attendees=[cls.alice_person, cls.carol_person], follow_ups="Share the map")

        cls.public = partnerships.create_partnership(
            cls.alice, lead_organisation=cls.trust, title="Open Sahel Water Data",
            problem_statement="Water point data is scattered and out of date.",
            visibility="public", sdg_codes=["6"])

    def reload(self, obj):
        return type(obj).objects.get(pk=obj.pk)

    def sign_in(self, user):
        self.client.force_login(user)
        return user

    def bearer(self, user) -> dict:
        from partnering.accounts.services import create_token

        _, raw = create_token(user, "tests")
        return {"Authorization": f"Bearer {raw}"}


class Personas:
    """Names of the persona attributes, for tests that loop over them."""

    MEMBERS = ("alice", "carol")
    STEWARDS = ("alice", "bob", "admin")
    OUTSIDERS = ("olga",)


__all__ = ["PASSWORD", "Partnership", "PartneringTestCase", "Personas", "QueryCounting",
           "add_represented_member", "use_temporary_media"]
