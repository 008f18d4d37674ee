"""The network of organisations: who has worked with whom, with degree, betweenness and
communities, drawn as SVG for a partnership and for the whole registry."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnering.finance.models import ResourceFlow
from partnering.partnerships import services as partnerships
from partnering.registry.models import Organisation
from tests.apitest import ApiTestCase


class NetworkTestCase(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # A public partnership links the bottler and the trust; the private one links the
        # trust and the ministry; a flow links the ministry and the foundation.
        cls.other = partnerships.create_partnership(
            cls.admin, lead_organisation=cls.bottler, title="Bottle returns",
            problem_statement="Plastic bottles litter the river.", visibility="public")
        partnerships.add_member(cls.admin, cls.other, organisation=cls.trust)
        ResourceFlow.objects.create(partnership=cls.private, transaction_type="3",
                                    date="2026-01-01", value=5, currency="USD",
                                    provider=cls.elsewhere, receiver=cls.ministry)


class PartnershipNetwork(NetworkTestCase):
    def test_it_shows_members_and_who_they_worked_with(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.get(f"/partnerships/{self.private.pk}/network"), 200)
        ids = {n["organisation_id"] for n in body["nodes"]}
        assert {self.trust.pk, self.ministry.pk, self.bottler.pk, self.elsewhere.pk} <= ids
        trust = next(n for n in body["nodes"] if n["organisation_id"] == self.trust.pk)
        assert trust["member"] and trust["degree"] == 2 and trust["betweenness"] > 0
        flow = next(e for e in body["edges"] if e["flows"])
        assert {flow["source"], flow["target"]} == {self.ministry.pk, self.elsewhere.pk}

    def test_it_draws_an_accessible_svg_with_a_table(self):
        self.sign_in(self.carol)
        page = self.client.get(f"/partnerships/{self.private.pk}/network/")
        self.assertContains(page, "<svg")
        self.assertContains(page, '<title id="net-title">')
        self.assertContains(page, "Betweenness")
        self.assertContains(page, "Clearwater Bottling")

    def test_it_hides_private_partnerships_from_outsiders(self):
        self.sign_in(self.olga)
        self.assert_error(self.get(f"/partnerships/{self.private.pk}/network"), 404)
        body = self.assert_status(self.get("/network"), 200)
        # The private partnership's membership (trust–ministry) is not shown to outsiders.
        pairs = {frozenset((e["source"], e["target"])) for e in body["edges"]}
        assert frozenset((self.trust.pk, self.ministry.pk)) not in pairs
        assert frozenset((self.trust.pk, self.bottler.pk)) in pairs


class RegistryNetwork(NetworkTestCase):
    def test_it_filters_the_registry_network(self):
        self.sign_in(self.admin)
        body = self.assert_status(self.get("/network", country="NE"), 200)
        assert all(n["country"] == "NE" for n in body["nodes"])
        body = self.assert_status(self.get("/network", sector="philanthropy"), 200)
        assert body["edges"] == []
        page = self.client.get("/network/", {"sector": "private"})
        self.assertContains(page, "Clearwater Bottling")

    def test_it_bounds_the_size(self):
        for i in range(6):
            org = Organisation.objects.create(name=f"Extra {i}", sector="community")
            partnerships.add_member(self.admin, self.other, organisation=org)
        self.sign_in(self.admin)
        body = self.assert_status(self.get("/network", limit=3), 200)
        assert len(body["nodes"]) == 3 and body["total"] > 3

    def test_it_refuses_bad_filters(self):
        for query in ({"sector": "aliens"}, {"country": "XX"}, {"sdg": 18}, {"limit": 1000}):
            self.assert_error(self.get("/network", **query), 422)
        self.assertEqual(self.client.get("/network/", {"country": "XX"}).status_code, 422)

    def test_it_keeps_a_fixed_number_of_queries(self):
        self.sign_in(self.alice)

        def count(url):
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200)
            return len(queries)

        urls = ["/network/", f"/partnerships/{self.private.pk}/network/",
                "/api/v1/network"]

        def grow(n):
            for i in range(n):
                org = Organisation.objects.create(name=f"Grow {n}-{i}", sector="academia")
                partnerships.add_member(self.admin, self.other, organisation=org)

        grow(5)
        small = {url: count(url) for url in urls}
        grow(20)
        self.assertEqual(small, {url: count(url) for url in urls})
