"""With the [embeddings] extra, sentence embeddings join BM25 and the answer says so.

Most tests stand a small deterministic encoder in for the model (same interface), so they
run without the extra; RealModel uses all-MiniLM-L6-v2 itself when it is installed."""

import math
import re
import zlib
from unittest import mock

import numpy as np
import pytest
from django.test import override_settings

from partnering.discovery import embeddings, profiles, ranking, tasks
from partnering.discovery.bm25 import tokenize
from partnering.discovery.models import OrganisationProfile, PartnershipVector
from partnering.partnerships import services as partnerships
from partnering.registry.models import Organisation
from tests.apitest import ApiTestCase


class WordTokenizer:
    """Each word is one piece, with its offsets, as a fast tokenizer gives them."""

    def __call__(self, text, max_length, **options):
        return {"offset_mapping": [m.span() for m in re.finditer(r"\S+", text)][:max_length]}


class HashingEncoder:
    """Words hashed into 384 dimensions, normalised: texts that share words are close."""

    def __init__(self):
        self.texts = []
        self.tokenizer = WordTokenizer()

    def encode(self, texts, **options):
        self.texts += texts
        vectors = []
        for text in texts:
            vector = [0.0] * embeddings.DIMENSIONS
            for word in text.lower().split():
                vector[zlib.crc32(word.encode()) % embeddings.DIMENSIONS] += 1
            norm = math.sqrt(sum(x * x for x in vector)) or 1.0
            vectors.append([x / norm for x in vector])
        return np.asarray(vectors, dtype=np.float32)


@override_settings(DISCOVERY_EMBEDDINGS=True)
class EmbeddingsTest(ApiTestCase):
    def setUp(self):
        self.saved = dict(embeddings._state)
        self.encoder = HashingEncoder()
        embeddings._state.update(tried=True, model=self.encoder)
        ranking._query_vector.cache_clear()

    def tearDown(self):
        embeddings._state.clear()
        embeddings._state.update(self.saved)
        ranking._query_vector.cache_clear()

    def test_it_embeds_profiles_and_says_which_method_served(self):
        pumps = Organisation.objects.create(name="Pump Menders", sector="private",
                                            mission="hand pump repair in villages")
        self.sign_in(self.alice)
        body = self.assert_status(self.post("/recommendations", {
            "problem_statement": "hand pump repair in villages"}), 200)
        assert body["method"] == "bm25+embeddings"
        assert "embeddings" in body["method_note"]
        assert body["candidates"][0]["organisation_id"] == pumps.pk
        reasons = body["candidates"][0]["reasons"]
        assert any("hand pump repair" in r for r in reasons)
        assert not any("embedding" in r.lower() or "bm25" in r.lower() for r in reasons)
        vector = OrganisationProfile.objects.get(organisation=pumps).vector
        assert embeddings.from_bytes(vector).shape == (embeddings.DIMENSIONS,)

    def test_it_embeds_each_partnership_once_for_all_its_members(self):
        profiles.index_organisations([self.trust.pk, self.ministry.pk], embed=True)
        assert PartnershipVector.objects.filter(partnership=self.private).count() == 1
        problem = self.private.problem_statement
        assert sum(problem in text for text in self.encoder.texts) == 1
        # A member's vector is the mean of its own and its partnerships' vectors.
        own = embeddings.embed([profiles.own_text(self.trust)])[0]
        shared = [embeddings.from_bytes(v) for v in PartnershipVector.objects.filter(
            partnership__memberships__organisation=self.trust).values_list("vector",
                                                                           flat=True)]
        stored = embeddings.from_bytes(OrganisationProfile.objects.get(
            organisation=self.trust).vector)
        assert np.allclose(stored, embeddings.mean_vector([own] + shared), atol=1e-6)

    def test_it_embeds_a_partnership_again_when_its_text_changes(self):
        profiles.index_organisations([self.trust.pk], embed=True)
        with self.captureOnCommitCallbacks(execute=True):
            partnerships.update_partnership(self.alice, self.private,
                                            problem_statement="Flooded latrines in schools")
        assert any("Flooded latrines" in text for text in self.encoder.texts)
        assert PartnershipVector.objects.filter(partnership=self.private).exists()

    def test_it_says_when_profiles_are_still_being_embedded(self):
        Organisation.objects.create(name="Pump Menders", sector="private",
                                    mission="hand pump repair")
        OrganisationProfile.objects.update(vector=None)
        with mock.patch.object(profiles, "index_later"):
            result = ranking.recommend("hand pumps", ranking.Needs())
        assert result["method"] == "bm25"
        assert "being embedded" in result["method_note"]

    def test_it_indexes_and_embeds_what_is_missing_on_command(self):
        from io import StringIO

        from django.core.management import call_command

        Organisation.objects.bulk_create([Organisation(name="Imported", sector="private")])
        OrganisationProfile.objects.update(vector=None)
        out = StringIO()
        call_command("index_profiles", stdout=out)
        total = Organisation.objects.count()
        assert OrganisationProfile.objects.filter(vector__isnull=False).count() == total
        assert f"{total} have embeddings (in use)" in out.getvalue()

    def test_it_embeds_what_is_missing_in_the_hourly_job(self):
        pumps = Organisation.objects.create(name="Pump Menders", sector="private",
                                            mission="hand pump repair in villages")
        profiles.index_organisations([pumps.pk])
        OrganisationProfile.objects.update(vector=None)  # as after an upgrade
        tasks.embed_missing_profiles.call()
        assert OrganisationProfile.objects.get(organisation=pumps).vector is not None
        assert not OrganisationProfile.objects.filter(vector__isnull=True).exists()

    def test_it_embeds_an_hourly_share_of_a_large_backlog_and_points_to_the_command(self):
        created = [Organisation.objects.create(name=name, sector="private",
                                               mission="water points").pk
                   for name in ("Pump Menders", "Well Diggers")]
        profiles.index_organisations(created)
        OrganisationProfile.objects.update(vector=None)  # as after an upgrade
        with mock.patch.object(profiles, "WARM_EMBED_LIMIT", 1), \
                self.assertLogs("partnering.discovery.tasks", "WARNING") as logs:
            assert tasks.embed_missing_profiles.call() == 1
        assert "partnering index-profiles" in logs.output[0]
        assert OrganisationProfile.objects.filter(organisation__in=created,
                                                  vector__isnull=False).count() == 1

    def test_it_embeds_the_first_words_of_a_long_query_only(self):
        words = [f"w{n}" for n in range(200)]
        embeddings.embed_query(" ".join(words))
        assert self.encoder.texts[-1] == " ".join(words[:embeddings.QUERY_TOKENS])

    def test_it_serves_bm25_alone_without_the_extra(self):
        embeddings._state.update(tried=True, model=None)
        result = ranking.recommend("water", ranking.Needs())
        assert result["method"] == "bm25"
        assert "not installed" in result["method_note"]
        self.sign_in(self.carol)
        page = self.client.get(f"/partnerships/{self.private.pk}/recommendations/")
        self.assertContains(page, "Recommended organisations")  # the method is the API's
        self.assertNotContains(page, "embeddings")
        self.assertNotContains(page, "BM25")


# Needs the [embeddings] extra: skipped without it, except in CI, which installs it
# (tests/conftest.py fails a skipped `embeddings` test there).
@pytest.mark.embeddings
@override_settings(DISCOVERY_EMBEDDINGS=True)
class RealModel(ApiTestCase):
    """all-MiniLM-L6-v2 finds the organisation that fits when no word is shared."""

    def setUp(self):
        ranking._query_vector.cache_clear()

    def test_it_ranks_by_meaning_where_no_word_is_shared(self):
        wells = Organisation.objects.create(
            name="Borehole Guild", sector="community",
            mission="We drill boreholes and mend hand pumps so rural households have safe "
                    "wells.")
        software = Organisation.objects.create(
            name="Ledger Labs", sector="private",
            mission="We build accounting software and mobile apps for small businesses.")
        query = "clean drinking water for villages"
        profiles.index_organisations([wells.pk, software.pk], embed=True)
        for org in (wells, software):
            terms = OrganisationProfile.objects.get(organisation=org).terms
            assert not set(terms) & set(tokenize(query))
        result = ranking.recommend(query, ranking.Needs(), weights={
            "text": 1, "gaps": 0, "diversity": 0, "network": 0, "geography": 0, "sdg": 0})
        assert result["method"] == "bm25+embeddings"
        ids = [c["organisation_id"] for c in result["candidates"]]
        assert ids.index(wells.pk) < ids.index(software.pk)
        found = result["candidates"][ids.index(wells.pk)]
        assert any("close in meaning" in r for r in found["reasons"])
        assert not any("by its words" in r for r in found["reasons"])
