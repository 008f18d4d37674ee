"""Past a few hundred thousand organisations, the vectors score a shortlist: the job worker
writes each row's sign bits beside the int16 file, a query keeps the rows nearest by
Hamming distance and scores those (and BM25's best) exactly."""

import json

import numpy as np
import pytest
from django.test import override_settings

from partnering.discovery import coarse, embeddings, profiles, ranking, tasks, vectorfile
from partnering.registry.models import Organisation
from tests.apitest import ApiTestCase
from tests.discovery.test_embeddings import HashingEncoder


def clustered(rows: int, seed: int = 5) -> np.ndarray:
    """Unit vectors around 200 topics, as sentence vectors are (not uniform on the sphere)."""
    rng = np.random.default_rng(seed)
    topics = rng.standard_normal((200, embeddings.DIMENSIONS)).astype(np.float32)
    vectors = topics[rng.integers(0, 200, rows)] + 0.3 * rng.standard_normal(
        (rows, embeddings.DIMENSIONS)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1)[:, None]


def mapped(vectors: np.ndarray, tmp_path) -> embeddings.VectorIndex:
    half = embeddings.to_fixed(vectors)
    centre = coarse.write_signs(half, tmp_path / "signs.npy", embeddings.SCALE)
    signs = np.load(tmp_path / "signs.npy", mmap_mode="r")
    ids = np.arange(1, len(vectors) + 1, dtype=np.int64) * 3
    return embeddings.VectorIndex.mapped(ids, half, signs, centre)


def test_it_finds_the_exact_scans_ten_best_with_a_margin(monkeypatch, tmp_path):
    vectors = clustered(40_020)
    index = mapped(vectors[:40_000], tmp_path)
    queries = vectors[40_000:]  # near the rows of their topic, none of them
    exact = [index.scores(q).top(11) for q in queries]  # below COARSE_MIN: every row
    monkeypatch.setattr(coarse, "COARSE_MIN", 10_000)
    monkeypatch.setattr(coarse, "SHORTLIST", 1000)
    assert index.coarse()
    checked = 0
    for query, best in zip(queries, exact, strict=True):
        if best[9][1] == best[10][1]:  # tied at the cut: either may be the tenth
            continue
        checked += 1
        found = index.scores(query).top(10)
        assert {k for k, _ in found} == {k for k, _ in best[:10]}
        assert [v for _, v in found] == [v for _, v in best[:10]]
    assert checked >= 12


def test_it_scores_every_row_exactly_below_the_threshold(tmp_path):
    vectors = clustered(2000)
    index = mapped(vectors, tmp_path)
    assert not index.coarse()
    query = vectors[17]
    values = index.scores(query).values
    assert np.count_nonzero(values) == np.count_nonzero(
        embeddings.FixedMatrix(embeddings.to_fixed(vectors)) @ query > 0)
    assert np.allclose(values, np.maximum(vectors @ query, 0), atol=2e-3)


def test_it_scores_the_keys_asked_for_beyond_the_shortlist(monkeypatch, tmp_path):
    vectors = clustered(5000)
    index = mapped(vectors, tmp_path)
    monkeypatch.setattr(coarse, "COARSE_MIN", 0)
    monkeypatch.setattr(coarse, "SHORTLIST", 50)
    query = vectors[0]
    far = int(np.argmin(vectors @ query + (vectors @ query <= 0) * 9))  # least similar > 0
    key = int(index.keys[far])
    assert index.scores(query).get(key) == 0.0  # not on the shortlist
    assert index.scores(query, also=[key, 999_999]).get(key) == pytest.approx(
        float(vectors[far] @ query), abs=2e-3)


def test_it_never_returns_a_removed_organisation(monkeypatch, tmp_path):
    vectors = clustered(5000)
    index = mapped(vectors, tmp_path)
    monkeypatch.setattr(coarse, "COARSE_MIN", 0)
    gone = int(index.keys[42])
    index.remove([gone])
    scores = index.scores(vectors[42], also=[gone])
    assert gone not in scores.as_dict()
    assert gone not in [k for k, _ in scores.top(10)]


@override_settings(DISCOVERY_EMBEDDINGS=True)
class SignsFileTest(ApiTestCase):
    def setUp(self):
        self.saved = dict(embeddings._state)
        embeddings._state.update(tried=True, model=HashingEncoder())
        ranking._query_vector.cache_clear()
        for name, mission in (("Pump Menders", "hand pump repair in villages"),
                              ("Seed Bank", "drought resistant seed storage"),
                              ("Clinic Network", "rural clinics and midwives")):
            Organisation.objects.create(name=name, sector="private", mission=mission)
        profiles.embed_missing()

    def tearDown(self):
        embeddings._state.clear()
        embeddings._state.update(self.saved)
        ranking._query_vector.cache_clear()

    def index(self):
        with profiles.reading() as index:
            return index

    def assert_signs_match(self, generation):
        expected = coarse.signs_of(coarse.unit(generation.matrix, embeddings.SCALE),
                                   generation.centre).T
        assert generation.signs.shape == (coarse.words(embeddings.DIMENSIONS),
                                          len(generation.ids))
        assert np.array_equal(generation.signs, expected)

    def test_it_writes_the_sign_bits_beside_the_vectors_in_the_job(self):
        self.index()
        before = vectorfile.current()
        self.assert_signs_match(before)
        wells = Organisation.objects.create(name="Well Diggers", sector="private",
                                            mission="borehole drilling")
        profiles.index_organisations([wells.pk], embed=True)
        tasks.embed_missing_profiles.call()
        after = vectorfile.current()
        assert wells.pk in after.ids.tolist()
        self.assert_signs_match(after)
        folder = vectorfile.directory()
        assert {p.name for p in folder.glob("signs-*.npy")} == {
            f"signs-{before.token}.npy", f"signs-{after.token}.npy"}
        meta = json.loads((folder / vectorfile.CURRENT).read_text())
        assert np.allclose(meta["centre"], coarse.unit(after.matrix, embeddings.SCALE)
                           .mean(axis=0), atol=1e-4)
        index = self.index()
        assert index.vectors.signs is after.signs

    def test_it_recommends_as_the_exact_scan_when_the_shortlist_holds_everyone(self):
        exact = ranking.recommend("hand pump repair", ranking.Needs())
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(coarse, "COARSE_MIN", 0)
            assert self.index().vectors.coarse()
            ranking._query_vector.cache_clear()
            assert ranking.recommend("hand pump repair", ranking.Needs()) == exact

    def test_it_scans_exactly_a_file_written_without_sign_bits(self):
        self.index()
        generation = vectorfile.current()
        (vectorfile.directory() / f"signs-{generation.token}.npy").unlink()
        vectorfile.forget()
        profiles.forget()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(coarse, "COARSE_MIN", 0)
            index = self.index()
            assert index.vectors.signs is None
            assert not index.vectors.coarse()
            top = ranking.recommend("hand pump repair", ranking.Needs())["candidates"][0]
        assert top["name"] == "Pump Menders"
