"""Recommendations a broker can trust: where an organisation is based counts (the
partnership's country first, then its region), reasons say in plain words what in its
profile matches, and a weak match says so."""

from django.test import SimpleTestCase

from partnering.discovery import ranking, reasons
from partnering.discovery.bm25 import tokenize
from partnering.partnerships import services as partnerships
from partnering.reference.countries import country_names
from partnering.reference.regions import region_of
from partnering.registry.models import Organisation
from tests.apitest import ApiTestCase

MISSION = "Child protection for Roma children and unaccompanied migrant children"
PROBLEM = ("Roma children and unaccompanied migrant children fall through the gaps of child "
           "protection. World Vision's programmes alone cannot close them.")


class Geography(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.lead = Organisation.objects.create(
            name="World Vision Bosnia and Herzegovina", sector="civil_society", country="BA")
        cls.bosnian, cls.serbian, cls.malawian = (
            Organisation.objects.create(name=name, sector="civil_society", country=country,
                                        mission=MISSION)
            for name, country in (("Tuzla Children", "BA"), ("Belgrade Children", "RS"),
                                  ("Lilongwe Children", "MW")))
        cls.far = Organisation.objects.create(
            name="Coffee Exporters Guild", sector="civil_society", country="BR",
            mission="Coffee trade finance and one protection fund")
        cls.safe = partnerships.create_partnership(
            cls.admin, lead_organisation=cls.lead, title="Safe Childhoods",
            problem_statement=PROBLEM, countries=["BA"])

    def recommend(self, **kwargs):
        return ranking.for_partnership(self.safe, limit=10, **kwargs)["candidates"]

    def test_it_ranks_the_same_country_first_then_the_same_region(self):
        candidates = self.recommend()
        order = [c["organisation_id"] for c in candidates]
        assert order[:3] == [self.bosnian.pk, self.serbian.pk, self.malawian.pk]
        geography = {c["organisation_id"]: c["signals"]["geography"] for c in candidates}
        assert geography[self.bosnian.pk] == 1
        assert geography[self.serbian.pk] == ranking.GEO_REGION
        assert geography[self.malawian.pk] == 0

    def test_it_says_in_plain_words_what_matches_and_where(self):
        by_id = {c["organisation_id"]: c for c in self.recommend()}
        said = by_id[self.bosnian.pk]["reasons"]
        assert said[0].startswith("Describes work on “")
        assert "“child protection”" in said[0]
        assert "“Roma children and unaccompanied migrant children”" in said[0]
        assert "Based in Bosnia and Herzegovina, where the partnership works" in said
        assert ("Based in Serbia, in the same region as the partnership (Southern Europe)"
                in by_id[self.serbian.pk]["reasons"])
        for candidate in by_id.values():
            for reason in candidate["reasons"]:
                for jargon in ("BM25", "embedding", "#", "World Vision"):
                    assert jargon not in reason, reason
        assert by_id[self.bosnian.pk]["country_name"] == "Bosnia and Herzegovina"

    def test_it_marks_a_weak_match(self):
        by_id = {c["organisation_id"]: c for c in self.recommend()}
        assert by_id[self.far.pk]["strength"] == "weak"
        assert by_id[self.far.pk]["strength_label"].startswith("Weak match")
        assert by_id[self.bosnian.pk]["strength"] == "good"
        assert by_id[self.malawian.pk]["strength"] != "weak"  # its profile matches well

    def test_it_shows_country_and_strength_on_the_page_and_the_method_in_the_api_only(self):
        self.sign_in(self.admin)
        page = self.client.get(f"/partnerships/{self.safe.pk}/recommendations/")
        self.assertContains(page, "<td>Serbia</td>")
        self.assertContains(page, "Weak match")
        self.assertNotContains(page, "BM25")
        body = self.assert_status(
            self.get(f"/partnerships/{self.safe.pk}/recommendations"), 200)
        assert body["method"] == "bm25"
        assert {c["strength"] for c in body["candidates"]} >= {"good", "weak"}
        assert all("BM25" not in r for c in body["candidates"] for r in c["reasons"])


class Phrases(SimpleTestCase):
    def idf(self, term):
        return {"child": 1.0, "protection": 2.0, "roma": 3.0}.get(term, 0.5)

    def test_it_finds_phrases_as_the_problem_writes_them(self):
        found = set(tokenize("child protection Roma children Una Sana canton"))
        said = reasons.phrases("Roma children in Una-Sana Canton need child protection.",
                               found, self.idf)
        assert said[0] == "Roma children in Una-Sana Canton"
        assert "child protection" in said

    def test_it_leaves_out_names_of_members_but_not_the_same_words_as_things(self):
        found = set(tokenize("world vision water"))
        said = reasons.phrases("Safe water. Grew out of World Vision's work on water.", found,
                               self.idf, left_out=frozenset(tokenize("World Vision")),
                               always_out=frozenset())
        assert said == ["water"]

    def test_it_lowers_the_first_word_of_a_sentence_only(self):
        found = set(tokenize("children roma"))
        assert reasons.phrases("Children wait. Roma children wait.", found, self.idf) \
            == ["Roma children"]
        assert reasons.phrases("Children wait.", found, self.idf) == ["Children"]

    def test_it_judges_strength_from_coverage_place_and_needs(self):
        assert reasons.strength(0.4, 1.0, []) == "good"
        assert reasons.strength(0.4, 0.0, []) == "fair"
        assert reasons.strength(0.1, 0.0, []) == "weak"
        assert reasons.strength(0.1, 0.5, []) == "fair"
        assert reasons.strength(0.1, 0.0, [("sectors", "private")]) == "fair"
        assert reasons.coverage({"child": 1.0, "roma": 3.0}, {"roma"}) == 0.75


class Regions(SimpleTestCase):
    def test_it_knows_the_region_of_every_country_but_antarctica(self):
        missing = [code for code in country_names() if not region_of(code)]
        assert missing == ["AQ"]
        assert region_of("BA") == region_of("RS") == "Southern Europe"
        assert region_of("MW") == "Eastern Africa" != region_of("ZA")
        assert region_of("") == region_of("XX") == ""
