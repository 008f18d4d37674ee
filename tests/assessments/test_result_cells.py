"""Results are read from totals the answering service keeps (ResultCell) in the transaction
that changes the answers: they must always equal what a count of the answers gives, and the
anonymity rules read from them must hide exactly what they hid before."""

import csv
import io
from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnering.assessments import services
from partnering.assessments.aggregates import cells_from_answers, read_cells
from partnering.assessments.models import Answer, Round
from partnering.assessments.results import overall_scores, round_results, trend
from partnering.partnerships import services as partnerships
from tests.assessments.helpers import answer, close, health_check, open_round
from tests.base import PartneringTestCase

GOOD = {"trust_open": 4, "fail_trust": 2, "comm_timely": 5}
# The small group answers what nobody else does, so any figure of it would stand out.
LOW = {"trust_open": 1, "fail_trust": 5, "comm_timely": 1}


def kept(round_) -> dict:
    return {key: {f: v for f, v in figures.items() if v}
            for key, figures in read_cells([round_.pk]).items()
            if any(figures.values())}


def counted(round_) -> dict:
    return {key: {f: v for f, v in figures.items() if v}
            for key, figures in cells_from_answers(Answer, [round_.pk]).items()
            if any(figures.values())}


class KeptTotalsTest(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        partnerships.add_member(cls.alice, cls.private, organisation=cls.bottler, role="core")

    def setUp(self):
        cache.clear()
        self.round = open_round(self.alice, partnership=self.private)
        self.g = {g.organisation_id: g for g in self.round.groups.all()}

    def test_it_keeps_the_totals_equal_to_a_count_of_the_answers_through_edits(self):
        tokens = answer(self.alice, self.round, self.g[self.trust.pk], GOOD, count=6)
        answer(self.alice, self.round, self.g[self.ministry.pk], LOW, count=3)
        drafts = answer(self.alice, self.round, self.g[self.bottler.pk], GOOD, count=2,
                        submit=False)
        self.assertEqual(kept(self.round), counted(self.round))
        # Edited after submission: another score, "don't know", a new question answered.
        services.save_answers(tokens[0], [{"question": "trust_open", "value": 2}])
        services.save_answers(tokens[1], [{"question": "fail_trust", "dont_know": True},
                                          {"question": "gov_transparent", "value": 3}])
        services.save_answers(drafts[0], [{"question": "comm_timely", "value": 1}])
        self.assertEqual(kept(self.round), counted(self.round))
        services.save_answers(drafts[1], [], submit=True)
        self.assertEqual(kept(self.round), counted(self.round))
        trust = kept(self.round)[(self.round.pk, self.g[self.trust.pk].pk, None)]
        self.assertEqual(trust["respondents"], 6)
        self.assertEqual(trust["dont_know"], 1)

    def test_it_gives_the_same_results_as_before_for_every_filter(self):
        answer(self.alice, self.round, self.g[self.trust.pk], GOOD, count=8)
        answer(self.alice, self.round, self.g[self.ministry.pk], LOW, count=6)
        answer(self.alice, self.round, self.g[self.bottler.pk], GOOD, count=5)
        close(self.round)
        data = round_results(self.round)
        trust = next(d for d in data["dimensions"] if d["code"] == "trust")
        # trust_open and fail_trust (reverse scored) per person: 4, 4 (×8), 1, 1 (×6), 4, 4.
        self.assertEqual((trust["n"], trust["mean"]), (19, round((26 * 4 + 12) / 38, 2)))
        self.assertEqual(trust["distribution"], {1: 12, 2: 0, 3: 0, 4: 26, 5: 0})
        self.assertEqual(overall_scores([self.round])[self.round.pk][0], 19)
        one = round_results(self.round, group_id=self.g[self.ministry.pk].pk)
        self.assertEqual(next(d for d in one["dimensions"] if d["code"] == "trust")["mean"],
                         1.0)


class SmallGroupTest(PartneringTestCase):
    """A group of four: no figure in pages, API or exports, in this round or the last."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        partnerships.add_member(cls.alice, cls.private, organisation=cls.bottler, role="core")

    def fill(self, round_) -> dict:
        g = {x.organisation_id: x for x in round_.groups.all()}
        answer(self.alice, round_, g[self.trust.pk], GOOD, count=8)
        answer(self.alice, round_, g[self.ministry.pk], GOOD, count=6)
        answer(self.alice, round_, g[self.bottler.pk], LOW, count=4)
        return g

    def setUp(self):
        cache.clear()
        self.first = open_round(self.alice, partnership=self.private, title="2025")
        self.fill(self.first)
        close(self.first)
        self.round = services.create_round(
            self.alice, health_check(), title="2026", partnership=self.private,
            opens_at=timezone.now(), closes_at=timezone.now() + timedelta(days=3))
        self.small = self.fill(self.round)[self.bottler.pk]
        Round.objects.filter(pk=self.round.pk).update(closes_at=timezone.now())
        self.round.refresh_from_db()
        self.sign_in(self.alice)

    def test_it_shows_no_figure_of_the_group_in_the_api(self):
        base = f"/api/v1/rounds/{self.round.pk}/results"
        data = self.client.get(base).json()
        small = next(g for g in data["groups"] if g["id"] == self.small.pk)
        self.assertEqual((small["shown"], small["respondents"]), (False, None))
        self.assertTrue(all(v is None for v in small["scores"].values()))
        self.assertEqual(data["respondents"], 18)
        alone = self.client.get(f"{base}?group_id={self.small.pk}").json()
        self.assertFalse(alone["shown"])
        self.assertTrue(all(d["mean"] is None and d["n"] is None
                            for d in alone["dimensions"]))
        # Nothing to subtract between rounds either: a filtered view has no change or gap.
        self.assertEqual((alone["change"], alone["gaps"]), ([], []))
        self.assertEqual([p["round"] for p in data["trend"]], ["2025", "2026"])
        self.assertTrue(all(v is None or v > 3 for p in data["trend"]
                            for v in p["scores"].values()))

    def test_it_shows_no_figure_of_the_group_in_pages_or_exports(self):
        page = self.client.get(f"/assessments/rounds/{self.round.pk}/?group={self.small.pk}")
        self.assertContains(page, "Not shown: fewer than 5 people")
        self.assertNotContains(page, "1.00")
        export = self.client.get(f"/api/v1/rounds/{self.round.pk}/responses.csv")
        rows = list(csv.reader(io.StringIO(export.content.decode())))
        self.assertNotIn(self.small.name, {r[1] for r in rows[1:]})

    def add(self, group, scores, count: int, start: int) -> None:
        """More people answer: the round is open for them, then closed again."""
        Round.objects.filter(pk=self.round.pk).update(closes_at=timezone.now()
                                                      + timedelta(days=1))
        self.round.refresh_from_db()
        answer(self.alice, self.round, group, scores, count=count, start=start)
        Round.objects.filter(pk=self.round.pk).update(closes_at=timezone.now())
        self.round.refresh_from_db()

    def test_it_reads_results_in_queries_that_do_not_grow_with_the_answers(self):
        trust = self.round.groups.get(organisation=self.trust)
        self.add(trust, GOOD, count=2, start=100)  # ten: free text may be listed
        with CaptureQueriesContext(connection) as small:
            round_results(self.round)
            trend(self.round)
        self.add(self.small, GOOD, count=12, start=100)
        with CaptureQueriesContext(connection) as large:
            round_results(self.round)
            trend(self.round)
        self.assertEqual(len(small), len(large))
        self.assertEqual(kept(self.round), counted(self.round))
