"""The BM25 postings are served from one set of memory-mapped files per machine, written by the
job worker: the same top-k and scores as the index built in memory from the same profiles."""

import json
import random

import numpy as np
from django.test import SimpleTestCase

from partnering.discovery import bm25, bm25file, profiles, tasks, vectorfile
from partnering.discovery.bm25 import BM25Index
from partnering.discovery.embeddings import SortedKeys
from partnering.discovery.models import OrganisationProfile
from partnering.discovery.postings import build
from partnering.registry.models import Organisation
from tests.apitest import ApiTestCase

WORDS = "water pump school latrine coffee well borehole solar kiosk clinic nurse seed".split()


def documents(size: int, seed: int = 5) -> list[tuple]:
    rng = random.Random(seed)
    return [(n * 3 + 1, {w: rng.randint(1, 9) for w in rng.sample(WORDS, rng.randint(1, 6))})
            for n in range(size)]


def assert_same(got: BM25Index, expected: BM25Index, queries) -> None:
    for query in queries:
        a, b = got.scores(query), expected.scores(query)
        assert a.top(10) == b.top(10), query
        assert a.as_dict() == b.as_dict(), query


class SameScores(SimpleTestCase):
    def mapped(self, docs, folder=None) -> BM25Index:
        keys, arrays = build(docs, 1.2, 0.75, bm25.POSTINGS_CAP)
        return BM25Index.mapped(SortedKeys(np.asarray(keys, dtype=np.int64)), arrays)

    def test_it_scores_like_the_in_memory_index_with_the_overlay(self):
        docs = documents(300)
        queries = ["water pump", "school latrine nurse", "seed " * 3 + "kiosk", "nothing"]
        memory, mapped = BM25Index(docs), self.mapped(docs)
        assert_same(mapped, memory, queries)
        for index in (memory, mapped):
            index.update([(4, {"coffee": 7}), (9999, {"water": 2, "solar": 1})])
            index.remove([7, 12345])
        assert_same(mapped, memory, queries)
        assert mapped.terms_of(10) == memory.terms_of(10) == set(dict(docs)[10])
        assert mapped.df("coffee") == memory.df("coffee")

    def test_it_keeps_only_the_heaviest_postings_of_a_common_term_as_in_memory(self):
        docs = documents(200, seed=9)
        cap, bm25.POSTINGS_CAP = bm25.POSTINGS_CAP, 20
        try:
            memory, mapped = BM25Index(docs), self.mapped(docs)
            assert_same(mapped, memory, ["water", "water school"])
            for index in (memory, mapped):  # the mean length moves: weighed again
                index.update([(n, {"water": 1}) for n in range(1, 120, 3)])
            assert mapped.drifted()
            assert_same(mapped, memory, ["water", "water school"])
        finally:
            bm25.POSTINGS_CAP = cap


class BM25FileTest(ApiTestCase):
    def setUp(self):
        self.pumps = Organisation.objects.create(name="Pump Menders", sector="private",
                                                 mission="hand pump repair in villages")
        Organisation.objects.create(name="Seed Bank", sector="ngo", mission="seed saving")

    def index(self):
        with profiles.reading() as index:
            return index

    def test_it_serves_the_postings_from_the_mapped_file(self):
        index = self.index()
        generation = bm25file.current()
        assert index.bm25_file.token == generation.token
        assert isinstance(index.bm25.arrays.rows.base, np.memmap)  # a view of the map
        assert index.bm25.arrays.rows.dtype == np.uint32
        rows = OrganisationProfile.objects.order_by("organisation_id")
        assert list(generation.ids) == list(rows.values_list("organisation_id", flat=True))
        memory = BM25Index(rows.values_list("organisation_id", "terms"))
        assert_same(index.bm25, memory, ["hand pump", "seed saving villages"])

    def test_it_keeps_changes_in_the_overlay_until_the_job_writes_a_new_file(self):
        before = self.index().bm25_file.token
        wells = Organisation.objects.create(name="Well Diggers", sector="private",
                                            mission="borehole drilling")
        profiles.index_organisations([wells.pk])
        index = self.index()
        assert index.bm25_file.token == before and wells.pk in index.bm25.extra
        tasks.embed_missing_profiles.call()  # hourly: writes any change
        index = self.index()
        assert index.bm25_file.token != before and not index.bm25.extra
        assert wells.pk in bm25file.current().ids.tolist()
        folder = bm25file.directory()
        assert {p.name for p in folder.glob("rows-*.npy")} == {
            f"rows-{before}.npy", f"rows-{index.bm25_file.token}.npy"}
        meta = json.loads((folder / vectorfile.CURRENT).read_text())
        assert meta["rows"] == OrganisationProfile.objects.count()

    def test_it_leaves_out_deleted_organisations(self):
        self.index()
        pk = self.pumps.pk
        self.pumps.delete()
        index = self.index()
        assert pk in bm25file.current().ids.tolist()
        assert pk not in index.bm25 and pk not in index.bm25.scores("hand pump").as_dict()
