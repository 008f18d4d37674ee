"""Needs, gaps and partner recommendations: who is missing, and who could fill the gap."""

import json
from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError

from partnering.discovery import profiles, ranking, services
from partnering.discovery.models import OrganisationProfile, PartnershipNeeds
from partnering.finance.models import ResourceFlow
from partnering.partnerships import services as partnerships
from partnering.registry.models import Organisation
from tests.apitest import TOO_LONG, ApiTestCase
from tests.base import QueryCounting


class DiscoveryTestCase(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.drillers = Organisation.objects.create(
            name="Borehole Drillers Cooperative", sector="private", iati_type="70", country="NE",
            mission="Drilling boreholes and repairing hand pumps for rural water supply",
            competencies=["borehole drilling", "pump repair"])
        cls.drillers.sdg_goals.set([6])
        cls.university = Organisation.objects.create(
            name="Niamey Hydrology Lab", sector="academia", iati_type="80", country="NE",
            mission="Groundwater research and water quality testing",
            competencies=["water quality testing"])
        cls.bank = Organisation.objects.create(
            name="Bank of Coffee", sector="private", iati_type="70", country="BR",
            mission="Coffee trade finance")
        cls.needs = services.set_needs(
            cls.alice, cls.private, sectors=["public", "academia", "private"],
            competencies=["water quality testing", "community mobilisation"],
            resources=["drilling rigs"], countries=["NE"], sdg_goals=[6])

    @property
    def recs(self) -> str:
        return f"/partnerships/{self.private.pk}/recommendations"


class GapAnalysis(DiscoveryTestCase):
    def test_it_shows_what_members_cover_and_what_is_missing(self):
        self.sign_in(self.carol)
        body = self.assert_status(self.get(f"/partnerships/{self.private.pk}/gaps"), 200)
        covered = {(r["kind"], str(r["item"])): r["covered_by"] for r in body["coverage"]}
        assert covered[("sectors", "public")] == ["Ministry of Water"]
        assert covered[("countries", "NE")]
        assert body["missing"]["sectors"] == ["academia", "private"]
        assert "water quality testing" in body["missing"]["competencies"]
        # Civil society and public, one each: entropy ln 2 / ln 8 = 1/3.
        assert round(body["sector_diversity"], 2) == 0.33

    def test_it_saves_needs_through_the_api_with_an_audit_record(self):
        self.sign_in(self.carol)
        body = self.assert_status(self.client.put(
            f"/api/v1/partnerships/{self.private.pk}/needs",
            json.dumps({"sectors": ["community"], "competencies": ["outreach"],
                        "countries": ["ne"], "sdg_goals": [6, 5]}),
            content_type="application/json"), 200)
        assert body["needs"]["countries"] == ["NE"]
        assert body["needs"]["sdg_goals"] == [5, 6]
        self.assert_audited(PartnershipNeeds.objects.get(partnership=self.private), "update",
                            self.carol)

    def test_it_refuses_bad_needs(self):
        self.sign_in(self.alice)
        url = f"/api/v1/partnerships/{self.private.pk}/needs"
        for payload in ({"sectors": ["aliens"]}, {"countries": ["XX"]}, {"sdg_goals": [18]}):
            response = self.client.put(url, json.dumps(payload), content_type="application/json")
            self.assert_error(response, 422)
        assert self.reload(self.needs).sectors == ["public", "academia", "private"]

    def test_it_lets_members_say_what_the_problem_needs_on_the_page(self):
        self.sign_in(self.carol)
        page = self.client.get(f"/partnerships/{self.private.pk}/gaps/")
        self.assertContains(page, "Missing")
        self.assertContains(page, "Shannon")
        response = self.client.post(f"/partnerships/{self.private.pk}/gaps/needs/", {
            "sectors": ["community"], "competencies": "outreach, radio", "resources": "",
            "countries": "NE", "sdg_goals": ["6"]})
        self.assertEqual(response.status_code, 302)
        assert self.reload(self.needs).competencies == ["outreach", "radio"]

    def test_it_refuses_needs_from_visitors_of_a_public_partnership(self):
        self.sign_in(self.olga)
        response = self.client.put(f"/api/v1/partnerships/{self.public.pk}/needs",
                                   json.dumps({"sectors": ["public"]}),
                                   content_type="application/json")
        self.assert_error(response, 403)
        self.assertEqual(self.client.get(f"/partnerships/{self.public.pk}/gaps/").status_code,
                         200)


class Recommending(DiscoveryTestCase):
    def test_it_ranks_non_members_with_scores_and_reasons(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.get(self.recs, limit=5), 200)
        assert body["method"] == "bm25"
        ids = [c["organisation_id"] for c in body["candidates"]]
        assert self.trust.pk not in ids and self.ministry.pk not in ids
        assert ids[0] in (self.university.pk, self.drillers.pk)
        assert ids.index(self.university.pk) < ids.index(self.bank.pk) \
            if self.bank.pk in ids else True
        top = body["candidates"][0]
        assert top["reasons"] and set(top["signals"]) == set(ranking.SIGNALS)
        lab = next(c for c in body["candidates"] if c["organisation_id"] == self.university.pk)
        assert any("water quality testing" in r for r in lab["reasons"])
        assert any("Academia" in r for r in lab["reasons"])

    def test_it_lets_the_user_weight_the_reasons(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.get(self.recs, weights="text:0,gaps:0,diversity:0,"
                                           "network:0,geography:1,sdg:0"), 200)
        assert body["weights"]["geography"] == 1
        assert body["candidates"][0]["country"] == "NE"

    def test_it_counts_working_together_before(self):
        partner = Organisation.objects.create(name="Old Friends Trust", sector="philanthropy")
        other = partnerships.create_partnership(
            self.admin, lead_organisation=partner, title="Earlier grant",
            problem_statement="Something else entirely")
        partnerships.add_member(self.admin, other, organisation=self.trust)
        ResourceFlow.objects.create(partnership=other, transaction_type="3", date="2026-01-01",
                                    value=10, currency="USD", provider=self.bank,
                                    receiver=self.ministry)
        self.sign_in(self.alice)
        body = self.assert_status(self.get(self.recs, limit=50, weights="network:1,text:0,"
                                           "gaps:0,diversity:0,geography:0,sdg:0"), 200)
        top = {c["organisation_id"] for c in body["candidates"][:2]}
        assert top == {partner.pk, self.bank.pk}

    def test_it_recommends_for_a_typed_problem_statement(self):
        self.sign_in(self.olga)
        body = self.assert_status(self.post("/recommendations", {
            "problem_statement": "Broken hand pumps and boreholes in rural villages",
            "needs": {"countries": ["ne"], "sdg_goals": [6]}, "limit": 3}), 200)
        assert body["candidates"][0]["organisation_id"] == self.drillers.pk

    def test_it_refuses_bad_requests(self):
        self.sign_in(self.alice)
        for weights in ("text:-1", "text:0,gaps:0,diversity:0,network:0,geography:0,sdg:0",
                        "text:abc", "luck:3", "text", "text:inf"):
            self.assert_error(self.get(self.recs, weights=weights), 422)
        self.assert_error(self.get(self.recs, limit=0), 422)
        self.assert_error(self.get(self.recs, limit=500), 422)
        for statement in ("", "   ", TOO_LONG, "!!! ???"):
            self.assert_error(self.post("/recommendations", {"problem_statement": statement}),
                              422)
        self.assert_error(self.post("/recommendations", {"problem_statement": "water",
                                                         "weights": {"text": -2}}), 422)
        self.assert_error(self.post("/recommendations", {"problem_statement": "water",
                                                         "needs": {"sectors": ["x"]}}), 422)

    def test_it_hides_private_partnerships(self):
        self.sign_in(self.olga)
        self.assert_error(self.get(self.recs), 404)
        self.client.logout()
        self.assert_error(self.get(self.recs), 404)
        self.assert_error(self.post("/recommendations", {"problem_statement": "water"}), 401)

    def test_it_shows_recommendations_with_their_country_in_plain_words(self):
        self.sign_in(self.carol)
        page = self.client.get(f"/partnerships/{self.private.pk}/recommendations/")
        self.assertContains(page, "Niamey Hydrology Lab")
        self.assertContains(page, "<td>Niger</td>")
        self.assertContains(page, "Based in Niger, where the partnership works")
        for jargon in ("BM25", "embeddings", "lexical"):
            self.assertNotContains(page, jargon)
        page = self.client.get(f"/partnerships/{self.private.pk}/recommendations/",
                               {"text": "-1"})
        self.assertEqual(page.status_code, 422)
        page = self.client.get(f"/partnerships/{self.private.pk}/recommendations/",
                               {name: "0" for name in ranking.SIGNALS})
        self.assertContains(page, "At least one weight", status_code=422)

    def test_it_finds_partners_for_a_typed_problem_on_the_page(self):
        self.sign_in(self.olga)
        page = self.client.post("/find-partners/", {
            "problem_statement": "Repair boreholes and hand pumps",
            "competencies": "", "resources": "", "countries": ""})
        self.assertContains(page, "Borehole Drillers Cooperative")
        page = self.client.post("/find-partners/", {"problem_statement": ""})
        self.assertEqual(page.status_code, 422)


def load_index():
    with profiles.reading() as index:
        return index


class ProfileIndex(DiscoveryTestCase):
    def test_it_reindexes_an_organisation_when_it_is_saved(self):
        load_index()
        profile = OrganisationProfile.objects.get(organisation=self.bank)
        assert "coffee" in profile.terms
        with self.captureOnCommitCallbacks(execute=True):
            self.bank.mission = "Microfinance for water kiosks"
            self.bank.save()
        terms = OrganisationProfile.objects.get(organisation=self.bank).terms
        assert "kiosk" in terms and terms["coffee"] == 1  # from the name only now

    def test_it_indexes_past_partnerships_of_a_member(self):
        load_index()
        terms = OrganisationProfile.objects.get(organisation=self.ministry).terms
        assert "tillabéri" in terms or "rural" in terms

    def test_it_loads_only_the_changed_profiles_into_the_running_index(self):
        index = load_index()
        with self.captureOnCommitCallbacks(execute=True):
            self.bank.mission = "Solar pumps for irrigation kiosks"
            self.bank.save()
        assert load_index() is index  # not rebuilt
        assert self.bank.pk in index.bm25.extra
        body = ranking.recommend("irrigation kiosks", ranking.Needs())
        assert body["candidates"][0]["organisation_id"] == self.bank.pk

    def test_it_rebuilds_the_index_when_an_organisation_is_deleted(self):
        index = load_index()
        assert self.bank.pk in index.bm25
        self.bank.delete()
        fresh = load_index()
        assert fresh is not index and self.bank.pk not in fresh.bm25
        body = ranking.recommend("coffee trade finance", ranking.Needs())
        assert self.bank.pk not in [c["organisation_id"] for c in body["candidates"]]

    def test_it_builds_the_index_ahead_of_the_first_recommendation(self):
        profiles.forget()
        profiles.warm()  # as each web worker does in the background when it starts
        index = profiles._loaded["index"]
        assert index is not None and self.bank.pk in index.bm25
        ranking.recommend("coffee trade finance", ranking.Needs())
        assert profiles._loaded["index"] is index  # used, not rebuilt

    def test_it_indexes_organisations_created_without_signals(self):
        load_index()
        imported, = Organisation.objects.bulk_create([Organisation(
            name="Imported Irrigators", sector="private", mission="drip irrigation")])
        body = ranking.recommend("drip irrigation", ranking.Needs())
        assert body["candidates"][0]["organisation_id"] == imported.pk


class MatchCommand(DiscoveryTestCase):
    def test_it_prints_recommendations(self):
        out = StringIO()
        call_command("match", str(self.private.pk), "--limit", "2", stdout=out)
        assert "Partners for Water for Tillabéri" in out.getvalue()
        out = StringIO()
        call_command("match", str(self.private.pk), "--json", stdout=out)
        body = json.loads(out.getvalue())
        assert body["method"] == "bm25" and body["candidates"]

    def test_it_refuses_bad_arguments(self):
        for args in ((str(10**6),), (str(self.private.pk), "--limit", "0"),
                     (str(self.private.pk), "--weights", "text:-1")):
            with self.assertRaises(CommandError) as raised:
                call_command("match", *args)
            assert raised.exception.returncode == 2


class QueryCounts(QueryCounting, DiscoveryTestCase):
    def grow(self, n: int) -> None:
        for i in range(n):
            org = Organisation.objects.create(name=f"Water org {n}-{i}", sector="community",
                                              country="NE", mission="rural water pumps")
            org.sdg_goals.set([6])
            partnerships.add_member(self.admin, self.private, organisation=org)
            Organisation.objects.create(name=f"Candidate {n}-{i}", sector="academia",
                                        country="NE", mission="water quality testing")

    def test_it_keeps_pages_and_endpoints_to_a_fixed_number_of_queries(self):
        self.sign_in(self.alice)
        p = self.private.pk
        urls = [f"/partnerships/{p}/gaps/", f"/partnerships/{p}/recommendations/",
                f"/api/v1/partnerships/{p}/recommendations?limit=50",
                f"/api/v1/partnerships/{p}/gaps"]
        self.assert_queries_fixed(*urls, warm=True)  # warm: index the new profiles

    def test_it_recommends_with_a_fixed_number_of_queries(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        ResourceFlow.objects.create(partnership=self.private, transaction_type="3",
                                    date="2026-01-01", value=10, currency="USD",
                                    provider=self.bank, receiver=self.ministry)
        members = set(self.private.memberships.values_list("organisation_id", flat=True))
        needs = ranking.needs_of(self.private)

        def count() -> int:
            ranking.recommend("water pumps", needs, member_ids=members, countries=["NE"],
                              sdg_goals=[6], limit=50)  # brings the index up to date
            with CaptureQueriesContext(connection) as queries:
                body = ranking.recommend("water pumps", needs, member_ids=members,
                                         countries=["NE"], sdg_goals=[6], limit=50)
            assert body["candidates"]
            return len(queries)

        self.grow(5)
        small = count()
        self.grow(60)
        assert count() == small
        # the index state, members (+ SDGs), shared partnerships, flows, organisations that
        # meet the needs, candidates (+ SDGs), partners of the best ones
        assert small == 9
