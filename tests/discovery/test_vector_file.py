"""The sentence vectors are served from one memory-mapped int16 file per machine, written by
the job worker; processes read only the profiles changed since from the database."""

import json

import numpy as np
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from partnering.discovery import embeddings, profiles, ranking, tasks, vectorfile
from partnering.discovery.models import OrganisationProfile, ProfileIndexState
from partnering.registry.models import Organisation
from tests.apitest import ApiTestCase
from tests.discovery.test_embeddings import HashingEncoder


@override_settings(DISCOVERY_EMBEDDINGS=True)
class VectorFileTest(ApiTestCase):
    def setUp(self):
        self.saved = dict(embeddings._state)
        embeddings._state.update(tried=True, model=HashingEncoder())
        ranking._query_vector.cache_clear()
        self.pumps = Organisation.objects.create(name="Pump Menders", sector="private",
                                                 mission="hand pump repair in villages")
        profiles.embed_missing()

    def tearDown(self):
        embeddings._state.clear()
        embeddings._state.update(self.saved)
        ranking._query_vector.cache_clear()

    def index(self):
        with profiles.reading() as index:
            return index

    def test_it_serves_every_vector_from_one_mapped_int16_file(self):
        index = self.index()
        generation = vectorfile.current()
        assert index.generation == generation.token
        assert isinstance(index.vectors.matrix, np.memmap)
        assert index.vectors.matrix.dtype == np.int16
        embedded = OrganisationProfile.objects.filter(vector__isnull=False)
        assert list(generation.ids) == sorted(embedded.values_list("organisation_id",
                                                                   flat=True))
        assert not index.vectors.extra
        stored = embeddings.from_bytes(embedded.get(organisation=self.pumps).vector)
        scores = index.vectors.scores(stored)
        assert abs(scores.get(self.pumps.pk) - 1.0) < 2e-3
        assert ranking.recommend("hand pump repair", ranking.Needs())["candidates"][0][
            "organisation_id"] == self.pumps.pk

    def test_it_reads_profiles_changed_since_the_file_from_the_database(self):
        token = self.index().generation
        wells = Organisation.objects.create(name="Well Diggers", sector="private",
                                            mission="borehole drilling")
        profiles.index_organisations([wells.pk], embed=True)
        index = self.index()
        assert index.generation == token  # a few changes: no new file
        assert wells.pk in index.vectors.extra
        assert ranking.recommend("borehole drilling", ranking.Needs())["candidates"][0][
            "organisation_id"] == wells.pk

    def test_it_writes_a_new_file_in_the_job_and_processes_map_it(self):
        before = self.index().generation
        wells = Organisation.objects.create(name="Well Diggers", sector="private",
                                            mission="borehole drilling")
        profiles.index_organisations([wells.pk], embed=True)
        tasks.embed_missing_profiles.call()  # hourly: writes any change
        index = self.index()
        assert index.generation != before
        assert not index.vectors.extra
        assert wells.pk in vectorfile.current().ids.tolist()
        folder = vectorfile.directory()
        assert {p.name for p in folder.glob("vectors-*.npy")} == {
            f"vectors-{before}.npy", f"vectors-{index.generation}.npy"}
        meta = json.loads((folder / vectorfile.CURRENT).read_text())
        assert meta["rows"] == OrganisationProfile.objects.filter(vector__isnull=False).count()

    def test_it_leaves_out_the_rows_of_deleted_organisations(self):
        self.index()
        pk = self.pumps.pk
        self.pumps.delete()
        index = self.index()
        assert pk in vectorfile.current().ids.tolist()
        assert pk not in index.vectors.scores(
            np.ones(embeddings.DIMENSIONS, dtype=np.float32)).as_dict()

    def test_it_rewrites_a_file_from_a_later_state_than_the_database(self):
        self.index()
        generation = vectorfile.current()
        profiles.forget()
        ProfileIndexState.objects.update(revision=0)  # as after a restore
        OrganisationProfile.objects.update(revision=0)
        index = self.index()
        assert index.generation != generation.token
        assert vectorfile.current().revision == 0


def test_it_accepts_only_a_directory_for_the_vector_file(monkeypatch, tmp_path):
    from partnering import settings as project

    monkeypatch.setenv("DISCOVERY_VECTORS_DIR", str(tmp_path / "vectors"))
    assert project._vectors_dir() == (tmp_path / "vectors").resolve()
    (tmp_path / "file").write_text("")
    for bad in ("", "   ", str(tmp_path / "file")):
        monkeypatch.setenv("DISCOVERY_VECTORS_DIR", bad)
        with pytest.raises(ImproperlyConfigured):
            project._vectors_dir()


def test_it_scores_int16_rows_like_float32_and_as_finely_as_float16():
    rng = np.random.default_rng(3)
    rows = rng.standard_normal((20_000, embeddings.DIMENSIONS)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1)[:, None]
    fixed = embeddings.FixedMatrix(embeddings.to_fixed(rows))
    query = rows[7]
    exact = rows @ query
    scores = fixed @ query
    half = rows.astype(np.float16).astype(np.float32) @ query
    assert np.abs(scores - exact).max() <= max(np.abs(half - exact).max(), 1e-4)
    assert int(np.argmax(scores)) == 7


@override_settings(DISCOVERY_EMBEDDINGS=True)
class SharedQueryVectorTest(ApiTestCase):
    def setUp(self):
        self.saved = dict(embeddings._state)
        self.encoder = HashingEncoder()
        embeddings._state.update(tried=True, model=self.encoder)
        ranking._query_vector.cache_clear()

    def tearDown(self):
        embeddings._state.clear()
        embeddings._state.update(self.saved)
        ranking._query_vector.cache_clear()

    def test_it_embeds_a_query_once_for_every_worker(self):
        text = "hand pump repair in villages"
        first = ranking.recommend(text, ranking.Needs())
        asked = self.encoder.texts.count(text)
        assert asked == 1
        ranking._query_vector.cache_clear()  # as in another worker process
        assert ranking.recommend(text, ranking.Needs()) == first
        assert self.encoder.texts.count(text) == asked
        ranking.recommend(text + " and wells", ranking.Needs())
        assert self.encoder.texts.count(text + " and wells") == 1
