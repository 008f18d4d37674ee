"""Find a broker: the partnership's stewards see brokers ranked by what the partnership needs,
with plain reasons, and an external broker who works for a member flagged."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnering.brokers.roster import find
from partnering.partnerships import services as partnerships
from tests.brokers.base import BrokersTestCase


class FindABrokerTests(BrokersTestCase):
    def candidates(self, partnership, **query):
        return self.assert_status(
            self.get(f"/partnerships/{partnership.pk}/broker-candidates", **query), 200)

    def test_it_ranks_by_language_country_sector_and_says_why_in_plain_words(self):
        self.sign_in(self.alice)
        rows = self.candidates(self.bosnia, specialties=["conflict_resolution"])
        assert rows[0]["broker"]["name"] == "Ruth Achieng"
        assert rows[0]["reasons"][:4] == ["speaks Bosnian", "works in Bosnia and Herzegovina",
                                          "child protection sector", "resolving conflicts"]
        assert "6 days a month free" in rows[0]["reasons"]
        assert "accredited" in rows[0]["reasons"]
        names = [row["broker"]["name"] for row in rows]
        assert "Bob Broker" not in names  # nothing in common with a Bosnian partnership

    def test_it_names_a_region_when_the_broker_works_next_door(self):
        self.sign_in(self.alice)
        moussa = next(r for r in self.candidates(self.bosnia)
                      if r["broker"]["name"] == "Moussa Ibrahim")
        assert "works in Southern Europe" in moussa["reasons"]

    def test_it_flags_an_external_broker_who_works_for_a_member(self):
        partnerships.add_member(self.alice, self.bosnia, organisation=self.ministry)
        self.sign_in(self.alice)
        rows = {r["broker"]["name"]: r for r in self.candidates(self.bosnia)}
        assert rows["Moussa Ibrahim"]["conflict_of_interest"] is True
        assert "Ministry of Water" in rows["Moussa Ibrahim"]["conflict"]
        assert rows["Ruth Achieng"]["conflict_of_interest"] is False
        # An internal broker works for a member by definition: no flag.
        assert rows["Emir Delić"]["conflict_of_interest"] is False

    def test_it_counts_free_days_against_current_assignments(self):
        from partnering.brokers.assignments import services

        services.assign(self.alice, self.private, self.ruth_profile, terms_of_reference="ToR",
                        start="2026-11-01", days_per_month=Decimal("5"))
        self.sign_in(self.alice)
        ruth = next(r for r in self.candidates(self.bosnia, days="2")
                    if r["broker"]["name"] == "Ruth Achieng")
        assert "1 day a month free" in ruth["reasons"]
        assert ruth["broker"]["committed_days"] == 5.0

    def test_it_lets_only_stewards_find_a_broker(self):
        self.sign_in(self.carol)  # a member, not a steward
        self.assert_status(self.get(f"/partnerships/{self.private.pk}/broker-candidates"), 403)
        self.sign_in(self.olga)
        self.assert_status(self.get(f"/partnerships/{self.private.pk}/broker-candidates"), 404)
        self.client.logout()
        self.assert_status(self.get(f"/partnerships/{self.private.pk}/broker-candidates"), 401)

    def test_it_ranks_in_a_fixed_number_of_queries(self):
        criteria = find.criteria_for(self.bosnia)
        with CaptureQueriesContext(connection) as queries:
            find.rank(criteria, [self.trust.pk])
        assert len(queries) == 2  # the roster's revision, then the winners
        self.sign_in(self.alice)
        url = f"/api/v1/partnerships/{self.bosnia.pk}/broker-candidates"
        with self.assertNumQueries(9):
            self.client.get(url)

    def test_it_ranks_with_its_index_as_the_database_does(self):
        partnerships.add_member(self.alice, self.bosnia, organisation=self.ministry)
        for specialties in ([], ["conflict_resolution"], ["evaluation", "health_checks"]):
            criteria = find.criteria_for(self.bosnia, specialties=specialties)
            ranked = [(c.profile.pk, c.score) for c in find.rank(criteria)]
            assert ranked == find.top_scores(criteria), specialties

    def test_it_follows_the_roster_as_it_changes(self):
        from partnering.brokers.roster import services

        criteria = find.criteria_for(self.bosnia)
        before = [c.profile.pk for c in find.rank(criteria)]
        services.update_profile(self.admin, self.emir_profile, countries=[], languages=[],
                                sectors=[])
        after = [c.profile.pk for c in find.rank(criteria)]
        assert self.emir_profile.pk in before and self.emir_profile.pk not in after
