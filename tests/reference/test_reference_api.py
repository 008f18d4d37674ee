"""/api/v1/reference: the SDG framework, IATI codelists and countries, open to anyone."""

import unicodedata

from tests.apitest import ApiTestCase


class SdgGoals(ApiTestCase):
    def test_it_lists_the_17_goals_in_order(self):
        items = self.assert_list(self.get("/reference/sdg/goals"), count=17)
        assert [g["number"] for g in items] == list(range(1, 18))
        assert items[3]["code"] == "4"
        assert items[3]["short_title"] == "Quality education"

    def test_it_shows_one_goal(self):
        body = self.assert_status(self.get("/reference/sdg/goals/6"), 200)
        assert body["short_title"] == "Clean water and sanitation"

    def test_it_answers_404_for_an_unknown_goal(self):
        for number in ("0", "18", "99999999999999999999999"):
            with self.subTest(number=number):
                self.assert_error(self.get(f"/reference/sdg/goals/{number}"), 404)
        self.assert_error(self.get("/reference/sdg/goals/six"), 422)


class SdgTargets(ApiTestCase):
    def test_it_lists_the_169_targets_in_one_page_of_200(self):
        items = self.assert_list(self.get("/reference/sdg/targets", limit=200), count=169)
        assert len(items) == 169
        assert items[0]["code"] == "1.1"
        assert items[-1]["code"] == "17.19"

    def test_it_lists_numbered_targets_before_lettered_ones(self):
        items = self.assert_list(self.get("/reference/sdg/targets", goal=4), count=10)
        assert [t["code"] for t in items] == ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7",
                                              "4.a", "4.b", "4.c"]
        assert {t["goal"] for t in items} == {4}

    def test_it_pages_with_limit_and_offset(self):
        page = self.assert_list(self.get("/reference/sdg/targets", limit=50, offset=150),
                                count=169)
        assert len(page) == 19
        assert len(self.assert_list(self.get("/reference/sdg/targets"), count=169)) == 50

    def test_it_refuses_a_page_bigger_than_200_and_bad_filters(self):
        for query in ({"limit": 201}, {"limit": 0}, {"offset": -5}, {"goal": 18},
                      {"goal": "four"}):
            with self.subTest(query=query):
                self.assert_error(self.get("/reference/sdg/targets", **query), 422)

    def test_it_shows_one_target(self):
        body = self.assert_status(self.get("/reference/sdg/targets/6.1"), 200)
        assert body["goal"] == 6
        assert "drinking water" in body["title"]

    def test_it_answers_404_for_an_unknown_target(self):
        for code in ("6.99", "4.z", "hello", "4.1%00"):
            with self.subTest(code=code):
                self.assert_error(self.get(f"/reference/sdg/targets/{code}"), 404)


class SdgIndicators(ApiTestCase):
    def test_it_has_indicator_4_1_1(self):
        body = self.assert_status(self.get("/reference/sdg/indicators/4.1.1"), 200)
        assert body["target"] == "4.1"
        assert "reading" in body["title"]

    def test_it_filters_indicators_by_target_and_goal(self):
        by_target = self.assert_list(self.get("/reference/sdg/indicators", target="4.1"))
        assert [i["code"] for i in by_target][:2] == ["4.1.1", "4.1.2"]
        assert {i["target"] for i in by_target} == {"4.1"}
        by_goal = self.assert_list(self.get("/reference/sdg/indicators", goal=4, limit=200))
        assert {i["target"].split(".")[0] for i in by_goal} == {"4"}
        assert len(by_goal) > len(by_target)
        self.assert_list(self.get("/reference/sdg/indicators", target="4.99"), count=0)

    def test_it_pages_indicators(self):
        count = self.assert_status(self.get("/reference/sdg/indicators"), 200)["count"]
        assert count > 200, "more indicators than fit in one page"
        self.assert_error(self.get("/reference/sdg/indicators", limit=201), 422)
        assert len(self.assert_list(self.get("/reference/sdg/indicators", limit=200))) == 200

    def test_it_answers_404_for_an_unknown_indicator(self):
        self.assert_error(self.get("/reference/sdg/indicators/4.1.99"), 404)
        self.assert_error(self.get("/reference/sdg/indicators/nonsense"), 404)
        self.assert_error(self.get("/reference/sdg/indicators/4.1.1%00"), 404)


class Codelists(ApiTestCase):
    def test_it_names_the_shipped_iati_codelists(self):
        names = self.assert_list(self.get("/reference/codelists", limit=200))
        assert {"OrganisationType", "OrganisationRegistrationAgency", "Sector"} <= set(names)

    def test_it_lists_the_items_of_a_codelist(self):
        items = self.assert_list(self.get("/reference/codelists/OrganisationType", limit=200))
        by_code = {item["code"]: item for item in items}
        assert by_code["22"]["name"] == "National NGO"
        assert by_code["10"]["name"] == "Government"

    def test_it_answers_404_for_an_unknown_codelist(self):
        for name in ("NoSuchList", "organisationtype", "..", "..%5CSector"):
            with self.subTest(name=name):
                self.assert_error(self.get(f"/reference/codelists/{name}"), 404)

    def test_it_pages_a_codelist(self):
        everything = self.assert_status(
            self.get("/reference/codelists/OrganisationRegistrationAgency"), 200)
        assert everything["count"] > 200
        self.assert_error(self.get("/reference/codelists/Sector", limit=201), 422)


class Countries(ApiTestCase):
    def test_it_lists_the_iso_countries_by_name(self):
        items = self.assert_list(self.get("/reference/countries", limit=200, offset=0))
        body = self.assert_status(self.get("/reference/countries", limit=200, offset=200), 200)
        everything = items + body["items"]
        assert len(everything) == body["count"] > 240
        codes = {c["code"]: c["name"] for c in everything}
        assert codes["NE"] == "Niger"
        assert codes["KE"] == "Kenya"
        names = [c["name"] for c in everything]
        # Alphabetical whatever the accents: Åland Islands with the A's.
        assert names == sorted(names, key=lambda name: unicodedata.normalize(
            "NFKD", name.casefold()).encode("ascii", "ignore"))
        assert names.index("Afghanistan") < names.index("Åland Islands") < names.index("Albania")

    def test_it_refuses_a_page_bigger_than_200(self):
        self.assert_error(self.get("/reference/countries", limit=201), 422)


class OpenToEveryone(ApiTestCase):
    def test_it_serves_reference_data_to_anonymous_visitors_and_token_holders(self):
        for headers in ({}, self.bearer(self.olga)):
            with self.subTest(headers=bool(headers)):
                self.assert_list(self.get("/reference/sdg/goals", headers=headers), count=17)

    def test_it_refuses_a_wrong_token_even_for_public_data(self):
        self.assert_error(self.get("/reference/sdg/goals",
                                   headers={"Authorization": "Bearer pt_wrong"}), 401)
