import csv
import io
from datetime import timedelta

import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnering.assessments.results import hidden_groups, min_group, round_results
from partnering.partnerships import services as partnerships
from tests.assessments.helpers import answer, close, open_round
from tests.base import PartneringTestCase

GOOD = {"trust_open": 4, "fail_trust": 2, "comm_timely": 5}


class ResultsTest(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        partnerships.add_member(cls.alice, cls.private, organisation=cls.bottler, role="core")

    def setUp(self):
        cache.clear()
        self.round = open_round(self.alice, partnership=self.private)
        self.g = {g.organisation_id: g for g in self.round.groups.all()}
        self.trust, self.ministry, self.bottler = (self.g[self.trust.pk],
                                                   self.g[self.ministry.pk],
                                                   self.g[self.bottler.pk])

    def fill(self, trust=6, ministry=6, bottler=6, *, closing=True, **kw):
        for group, count in ((self.trust, trust), (self.ministry, ministry),
                             (self.bottler, bottler)):
            answer(self.alice, self.round, group, kw.get("scores", GOOD), count=count,
                   start=0)
        if closing:
            close(self.round)

    def dim(self, data, code):
        return next(d for d in data["dimensions"] if d["code"] == code)

    def test_it_scores_dimensions_with_failure_markers_reversed(self):
        self.fill()
        data = round_results(self.round)
        trust = self.dim(data, "trust")
        # trust_open 4 and fail_trust 2 (reverse scored: 4) for 18 people.
        self.assertEqual((trust["mean"], trust["n"]), (4.0, 18))
        self.assertEqual(trust["distribution"], {1: 0, 2: 0, 3: 0, 4: 36, 5: 0})
        self.assertEqual(data["respondents"], 18)
        self.assertTrue(all(g["shown"] for g in data["groups"]))
        self.assertFalse(self.dim(data, "governance")["shown"])  # nobody answered it

    def test_it_hides_a_small_group_and_the_next_smallest_sibling(self):
        self.fill(trust=8, ministry=6, bottler=3)
        data = round_results(self.round)
        shown = {g["name"]: g["shown"] for g in data["groups"]}
        self.assertEqual(shown, {"Sahel Water Trust": True, "Ministry of Water": False,
                                 "Clearwater Bottling": False})
        hidden = [g for g in data["groups"] if not g["shown"]]
        self.assertTrue(all(g["respondents"] is None for g in hidden))
        self.assertTrue(all(v is None for g in hidden for v in g["scores"].values()))
        self.assertEqual(data["respondents"], 17)

    def test_it_refuses_filter_combinations_that_would_single_out_a_small_group(self):
        self.fill(trust=8, ministry=6, bottler=3)
        for filters in ({"group_id": self.bottler.pk},       # 3 people
                        {"group_id": self.ministry.pk},      # total − trust − ministry = 3
                        {"group_id": self.bottler.pk, "perspective": "partner"}):
            data = round_results(self.round, **filters)
            self.assertFalse(data["shown"], filters)
            self.assertIsNone(data["respondents"])
            self.assertTrue(all(not d["shown"] and d["mean"] is None
                                for d in data["dimensions"]), filters)
        # The partners together (9 people, both hidden groups) reveal no single group.
        self.assertTrue(round_results(self.round, perspective="partner")["shown"])
        self.assertTrue(round_results(self.round, group_id=self.trust.pk)["shown"])

    def test_it_refuses_a_union_hiding_exactly_one_small_group(self):
        self.fill(trust=3, ministry=6, bottler=7)
        # trust (3) is hidden, and ministry with it; the partners' view (13 people) holds
        # the hidden ministry but also bottler: partners − bottler = ministry alone.
        data = round_results(self.round, perspective="partner")
        self.assertFalse(data["shown"])
        self.assertFalse(round_results(self.round, perspective="self")["shown"])

    def test_it_hides_a_dimension_where_dont_know_leaves_too_few(self):
        self.fill(trust=5, ministry=6, bottler=6, closing=False)
        services_answer = {"trust_open": 4}
        # one more trust respondent says "don't know" on both trust items
        from partnering.assessments import services

        _, token = services.invite(self.alice, self.round, group=self.trust,
                                   email="dk@example.org", send=False)
        services.save_answers(token, [{"question": "trust_open", "dont_know": True},
                                      {"question": "fail_trust", "dont_know": True},
                                      {"question": "comm_timely", "value": 3}], submit=True)
        data = round_results(close(self.round))
        self.assertTrue(services_answer)
        trust_group = next(g for g in data["groups"] if g["id"] == self.trust.pk)
        self.assertTrue(trust_group["shown"])
        self.assertIsNotNone(trust_group["scores"]["trust"])
        self.assertEqual(self.dim(data, "trust")["dont_know"], 2)

    def test_it_raises_the_threshold_to_the_floor_of_five(self):
        with override_settings(ASSESSMENT_MIN_GROUP=2):
            self.assertEqual(min_group(), 5)
        with override_settings(ASSESSMENT_MIN_GROUP=8):
            self.assertEqual(min_group(), 8)
            self.fill(trust=8, ministry=7, bottler=9)
            shown = {g["name"]: g["shown"] for g in round_results(self.round)["groups"]}
            self.assertEqual(shown["Ministry of Water"], False)

    def test_it_suppresses_complementary_groups(self):
        self.assertEqual(hidden_groups({1: 10, 2: 3, 3: 7}, 5), {2, 3})
        self.assertEqual(hidden_groups({1: 10, 2: 2, 3: 2, 4: 9}, 5), {2, 3, 4})
        self.assertEqual(hidden_groups({1: 10, 2: 0}, 5), set())
        self.assertEqual(hidden_groups({1: 4}, 5), {1})

    def test_it_lists_free_text_only_for_groups_of_ten(self):
        answer(self.alice, self.round, self.trust, GOOD, count=10, text="More site visits")
        answer(self.alice, self.round, self.ministry, GOOD, count=9, text="Minister listens")
        answer(self.alice, self.round, self.bottler, GOOD, count=6)
        texts = [t for d in round_results(close(self.round))["free_text"] for g in d["groups"]
                 for t in g["texts"]]
        self.assertEqual(len(texts), 10)
        self.assertTrue(all(t.startswith("More site visits") for t in texts))
        self.assertEqual(texts, sorted(texts))

    def test_it_shows_change_since_the_previous_round_and_a_trend(self):
        now = timezone.now()
        with time_machine.travel(now - timedelta(days=400)):
            earlier = open_round(self.alice, partnership=self.private, title="2025 check")
            group = earlier.groups.get(organisation=self.trust.organisation)
            answer(self.alice, earlier, group, {"trust_open": 2, "fail_trust": 4}, count=5)
        self.fill(trust=6, ministry=0, bottler=0)
        data = round_results(self.round)
        change = {c["code"]: c for c in data["change"]}
        self.assertEqual((change["trust"]["previous"], change["trust"]["now"],
                          change["trust"]["change"]), (2.0, 4.0, 2.0))
        self.sign_in(self.carol)
        response = self.client.get(f"/api/v1/rounds/{self.round.pk}/results")
        self.assertEqual([p["round"] for p in response.json()["trend"]],
                         ["2025 check", "Annual health check 2026"])
        page = self.client.get(f"/assessments/rounds/{self.round.pk}/")
        self.assertContains(page, "<title>Overall score over the rounds</title>")
        self.assertContains(page, "Change since 2025 check")

    def test_it_renders_charts_with_text_alternatives_and_hides_small_groups(self):
        self.fill(trust=8, ministry=6, bottler=3)
        self.sign_in(self.carol)
        page = self.client.get(f"/assessments/rounds/{self.round.pk}/")
        self.assertContains(page, "<title>Score per dimension</title>")
        self.assertContains(page, "<desc>Trust and openness: 4.00 of 5")
        self.assertContains(page, "not shown (a small group, or needed to protect one)",
                            count=2)
        page = self.client.get(f"/assessments/rounds/{self.round.pk}/?group={self.bottler.pk}")
        self.assertContains(page, "Not shown: fewer than 5 people")

    def test_it_exports_anonymised_csv_without_hidden_groups(self):
        self.fill(trust=8, ministry=6, bottler=3)
        self.sign_in(self.alice)
        response = self.client.get(f"/api/v1/rounds/{self.round.pk}/responses.csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        self.assertEqual(rows[0][:2], ["response", "group"])
        self.assertEqual({r[1] for r in rows[1:]}, {"Sahel Water Trust"})
        self.assertNotIn(b"@example.org", response.content)
        self.sign_in(self.carol)
        self.assertEqual(self.client.get(f"/api/v1/rounds/{self.round.pk}/responses.csv")
                         .status_code, 403)

    def test_it_computes_results_in_a_constant_number_of_queries(self):
        self.fill(trust=10, ministry=10, bottler=10, closing=False)
        after_close = self.round.closes_at + timedelta(minutes=1)
        with time_machine.travel(after_close), CaptureQueriesContext(connection) as small:
            self.assertTrue(round_results(self.round)["visible"])
        answer(self.alice, self.round, self.ministry, GOOD, count=25, start=100)
        answer(self.alice, self.round, self.bottler, GOOD, count=20, start=200, text="Hi")
        with time_machine.travel(after_close), CaptureQueriesContext(connection) as large:
            round_results(self.round)
        self.assertEqual(len(small), len(large))


class PerceptionGapTest(PartneringTestCase):
    def setUp(self):
        cache.clear()
        self.alice_person.is_organisation_admin = True
        self.alice_person.save()
        self.round = open_round(self.alice, organisation=self.trust,
                                title="Partner of Choice survey")
        self.staff = self.round.groups.get(perspective="self")
        self.partners = self.round.groups.get(perspective="partner")

    def test_it_calls_out_the_largest_gaps_between_self_view_and_partners(self):
        answer(self.alice, self.round, self.staff,
               {"rel_equal": 5, "culture_listen": 5, "strat_intent": 4}, count=6)
        answer(self.alice, self.round, self.partners,
               {"rel_equal": 2, "culture_listen": 4, "strat_intent": 4}, count=5)
        close(self.round)
        self.sign_in(self.alice)
        data = self.client.get(f"/api/v1/rounds/{self.round.pk}/results").json()
        gaps = {g["code"]: g for g in data["gaps"]}
        self.assertEqual(gaps["relationships"]["gap"], -3.0)
        self.assertTrue(gaps["relationships"]["largest"])
        self.assertFalse(gaps["strategy"]["largest"])
        page = self.client.get(f"/assessments/rounds/{self.round.pk}/")
        self.assertContains(page, "Largest gaps:")
        self.assertContains(page, "<title>Perception gap")

    def test_it_shows_no_gap_when_partners_are_too_few(self):
        answer(self.alice, self.round, self.staff, {"rel_equal": 5}, count=9)
        answer(self.alice, self.round, self.partners, {"rel_equal": 1}, count=4)
        data = round_results(close(self.round))
        self.assertEqual(data["gaps"], [])
        self.assertFalse(any(g["shown"] for g in data["groups"]))
        self.assertEqual(data["respondents"], 13)

    def test_it_lets_only_the_organisations_admins_see_its_rounds(self):
        for user, code in ((self.carol, 404), (self.olga, 404), (self.admin, 200),
                           (self.alice, 200)):
            self.sign_in(user)
            self.assertEqual(self.client.get(f"/api/v1/rounds/{self.round.pk}/results")
                             .status_code, code, user)
