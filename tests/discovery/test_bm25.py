"""The in-memory BM25 index: updates give the scores of an index built anew, ranks share ties."""

import numpy as np
from django.test import SimpleTestCase

from partnering.discovery import bm25, ranking
from partnering.discovery.bm25 import BM25Index

DOCUMENTS = [
    (1, {"water": 3, "pump": 1}),
    (2, {"water": 1, "school": 2}),
    (3, {"latrine": 2, "school": 1}),
    (4, {"coffee": 4}),
]


class Index(SimpleTestCase):
    def test_it_scores_like_okapi_bm25(self):
        index = BM25Index(DOCUMENTS)
        scores = index.scores("water pumps").as_dict()
        assert set(scores) == {1, 2}
        average = 14 / 4
        idf_water = np.log(1 + (4 - 2 + 0.5) / (2 + 0.5))
        idf_pump = np.log(1 + (4 - 1 + 0.5) / (1 + 0.5))

        def part(tf, length):
            return tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / average))

        assert np.isclose(scores[1], idf_water * part(3, 4) + idf_pump * part(1, 4), rtol=1e-5)
        assert np.isclose(scores[2], idf_water * part(1, 3), rtol=1e-5)

    def test_it_gives_the_scores_of_a_new_index_after_updates_and_removals(self):
        index = BM25Index(DOCUMENTS)
        index.update([(2, {"water": 5, "well": 1}), (5, {"water": 1, "latrine": 1})])
        index.remove([4, 99])
        fresh = BM25Index([(1, {"water": 3, "pump": 1}), (2, {"water": 5, "well": 1}),
                           (3, {"latrine": 2, "school": 1}), (5, {"water": 1, "latrine": 1})])
        for query in ("water", "latrine school", "coffee", "well water pump"):
            got, expected = index.scores(query).as_dict(), fresh.scores(query).as_dict()
            assert got.keys() == expected.keys(), query
            for key in got:
                assert np.isclose(got[key], expected[key], rtol=1e-5), (query, key)
        assert len(index) == 4 and 4 not in index and 5 in index

    def test_it_scores_only_the_heaviest_postings_of_a_very_common_term(self):
        documents = [(n, {"water": 1 + n % 3, "filler": 10}) for n in range(30)]
        cap, bm25.POSTINGS_CAP = bm25.POSTINGS_CAP, 10
        try:
            scores = BM25Index(documents).scores("water").as_dict()
        finally:
            bm25.POSTINGS_CAP = cap
        assert len(scores) == 10
        assert all(n % 3 == 2 for n in scores)  # those that say "water" most

    def test_it_ranks_ties_by_the_mean_of_their_positions(self):
        index = BM25Index([(n, {"water": 1}) for n in range(5)] + [(9, {"water": 4})])
        scores = index.scores("water")
        assert scores.ranks(10) == {9: 1.0, 0: 4.0, 1: 4.0, 2: 4.0, 3: 4.0, 4: 4.0}
        # Cut inside the tie: the whole group is kept and shares its mean position.
        assert scores.ranks(3) == {9: 1.0, 0: 4.0, 1: 4.0, 2: 4.0, 3: 4.0, 4: 4.0}
        scores.exclude([9])
        assert scores.ranks(10)[0] == 3.0


class Fusion(SimpleTestCase):
    def test_it_fuses_text_methods_by_rank(self):
        text = ranking.text_signal({"a": 1, "b": 2}, {"b": 1})
        assert np.isclose(text["a"], (60 / 61) / 2)
        assert np.isclose(text["b"], (60 / 62 + 60 / 61) / 2)
        assert ranking.text_signal({"a": 1}, None) == {"a": 60 / 61}

    def test_it_ranks_how_often_organisations_worked_with_the_members(self):
        network = ranking.network_signal({"a": 5, "b": 2, "c": 2, "d": 0})
        assert network == {"a": 60 / 61, "b": 60 / 62.5, "c": 60 / 62.5}

    def test_it_combines_the_signals_as_a_weighted_mean(self):
        weights = dict(ranking.DEFAULT_WEIGHTS)
        assert ranking.combine({"text": 1.0, "network": 1.0}, weights) == \
            (weights["text"] + weights["network"]) / sum(weights.values())


class LazyRanks(SimpleTestCase):
    """Scores.ranking(depth) finds, key by key, the ranks Scores.ranks(depth) writes out."""

    def assert_same(self, scores, depth):
        expected = scores.ranks(depth)
        lazy = scores.ranking(depth)
        keys = list(scores.keys) + list(scores.extra) + ["nobody"]
        lazy.find(keys[::2])
        for key in keys:
            assert lazy.get(key) == expected.get(key), (depth, key)
            assert (key in lazy) == (key in expected)

    def test_it_gives_the_ranks_written_out_with_ties_cut_and_overlay(self):
        documents = [(n, {"water": 1 + n % 4, "pump": n % 3}) for n in range(40)]
        index = BM25Index(documents)
        index.update([(100, {"water": 4, "pump": 2}), (101, {"water": 1})])
        for query in ("water", "water pump", "pump"):
            for depth in (1, 3, 7, 10, 25, 100):
                scores = index.scores(query)
                scores.exclude([5])
                self.assert_same(scores, depth)

    def test_it_lists_the_best_keys_first(self):
        index = BM25Index([(n, {"water": n + 1}) for n in range(6)])
        assert index.scores("water").ranking(10).best(3) == [5, 4, 3]
        index.update([(9, {"water": 50})])
        assert index.scores("water").ranking(10).best(2) == [9, 5]
