"""What each process serves discovery from: the machine's BM25 and vector files (written by
the job worker, mapped read-only) with the profiles changed since they were written, or the
profiles read into memory where no file can be written; and the job worker's refreshing of
those files."""

import logging

import numpy as np
from django.db.models import Max, Subquery

from partnering.discovery import bm25file, embeddings, vectorfile
from partnering.discovery.bm25 import BM25Index
from partnering.discovery.models import OrganisationProfile, ProfileIndexState
from partnering.registry.models import Organisation

log = logging.getLogger(__name__)

# Profiles changed since the files were written are scored from an overlay, in Python: past
# this many (and REBUILD_SHARE of the registry, profiles.py) the job worker writes new ones.
OVERLAY_MIN = 500


class Loaded:
    """A process's view of the profiles: BM25 over their terms, their vectors, and the
    state it reflects. The vectors are the machine's mapped file (vectorfile.py) plus the
    profiles changed since it was written, read from the database."""

    def __init__(self, revision: int, removed: int, with_vectors: bool):
        self.revision, self.removed, self.with_vectors = revision, removed, with_vectors
        self.newest = 0  # every organisation up to this id has a profile
        self.bm25 = BM25Index()
        self.vectors = embeddings.VectorIndex()
        self.generation = None  # the vector file's token, when one serves
        self.bm25_file = None  # the BM25 file's generation, when one serves

    def load(self, since: int | None = None, newer_than: int = -1) -> int:
        """Read the profiles (with `since`, those stamped after it); `newer_than`: a BM25
        file of a revision past it serves, else one is written now."""
        if since is None:
            self._load_bm25(newer_than)
            count = len(self.bm25)
        else:
            documents = list(_terms_since(since))
            self.bm25.update(documents)
            count = len(documents)
        if self.with_vectors:
            self._load_vectors(since)
        return count

    def _load_bm25(self, newer_than: int) -> None:
        generation = _bm25_generation(self.revision, self.removed, newer_than)
        if generation is None:  # the file cannot be written here: the index in memory
            self.bm25, self.bm25_file = BM25Index(_terms_since(None)), None
            return
        self.map_bm25(generation)

    def map_bm25(self, generation) -> None:
        """Serve this generation of the BM25 file, with the profiles changed since and
        without those deleted since."""
        bm25 = generation.index()
        bm25.update(_terms_since(generation.revision))
        if generation.removed != self.removed:
            live = np.fromiter(OrganisationProfile.objects.values_list(
                "organisation_id", flat=True).iterator(chunk_size=10_000), dtype=np.int64)
            bm25.remove(generation.ids[~np.isin(generation.ids, live)].tolist())
        self.bm25, self.bm25_file = bm25, generation

    def _load_vectors(self, since: int | None) -> None:
        if since is not None:
            self.vectors.update(_vectors_since(since))
            return
        generation = _generation(self.revision, self.removed)
        if generation is None:  # the file cannot be written here: every vector in memory
            self.vectors = embeddings.VectorIndex(_vectors_since(None))
            self.generation = None
            return
        self.map(generation)

    def map(self, generation) -> None:
        """Serve this generation of the vector file, with the vectors changed since."""
        vectors = embeddings.VectorIndex.mapped(generation.ids, generation.matrix,
                                                 generation.signs, generation.centre)
        if generation.removed != self.removed:  # rows of deleted organisations: none
            gone = generation.ids[~np.isin(generation.ids, self.bm25.live_keys())]
            vectors.remove(gone.tolist())
        vectors.update(_vectors_since(generation.revision))
        self.vectors, self.generation = vectors, generation.token


def _terms_since(revision: int | None):
    rows = OrganisationProfile.objects.all()
    if revision is not None:
        rows = rows.filter(revision__gt=revision)
    # Streamed into the index: 100,000 decoded profiles held at once cost ~1 GB.
    return rows.values_list("organisation_id", "terms").iterator(chunk_size=2000)


def _bm25_generation(revision: int, removed: int, newer_than: int):
    """The machine's BM25 file when it can serve this state: written now when there is
    none, when it is from a later state (a database rolled back or replaced) or not past
    `newer_than` (this process's overlay grew too large)."""
    generation = bm25file.current()
    if generation is not None and newer_than < generation.revision <= revision:
        return generation
    try:
        return bm25file.write(revision, removed, newer_than)
    except OSError:
        log.exception("the discovery BM25 file could not be written in %s",
                      bm25file.directory())
        return None


def _vectors_since(revision: int | None):
    rows = OrganisationProfile.objects.filter(vector__isnull=False)
    if revision is not None:
        rows = rows.filter(revision__gt=revision)
    for pk, vector in rows.values_list("organisation_id", "vector").iterator(chunk_size=2000):
        yield pk, embeddings.from_bytes(vector)


def _generation(revision: int, removed: int):
    """The machine's vector file when it can serve this state, written now when there is
    none (the first process on a machine; the others wait for it and map it): a file
    written for a later revision is from a database rolled back (tests) or replaced."""
    generation = vectorfile.current()
    if generation is not None and generation.revision <= revision:
        return generation
    try:
        return vectorfile.write(revision, removed)
    except OSError:
        log.exception("the discovery vector file could not be written in %s",
                      vectorfile.directory())
        return None


def refresh_vector_file(force: bool = False) -> bool:
    """Write a new vector file when the current one misses more than OVERLAY_MIN changed
    profiles (each process reads those from the database), or with `force` any change: run
    by the job worker after indexing and every hour. True when it wrote one."""
    if not embeddings.available():
        return False
    return _refresh(vectorfile, OrganisationProfile.objects.filter(vector__isnull=False),
                    force)


def refresh_bm25_file(force: bool = False) -> bool:
    """The same for the BM25 file (bm25file.py), with or without the embedding model."""
    return _refresh(bm25file, OrganisationProfile.objects.all(), force)


def _refresh(module, profiles, force: bool) -> bool:
    _, revision, removed = _state()
    generation = module.current()
    if generation is not None and generation.revision <= revision:
        if (generation.revision, generation.removed) == (revision, removed):
            return False
        changed = profiles.filter(revision__gt=generation.revision)
        if not force and changed[:OVERLAY_MIN + 1].count() <= OVERLAY_MIN:
            return False
    module.write(revision, removed)
    return True


def _state() -> tuple[int, int, int]:
    """(newest organisation id, revision, removed) in one query."""
    newest = Subquery(Organisation.objects.order_by("-pk").values("pk")[:1])
    row = (ProfileIndexState.objects.filter(pk=1).annotate(newest=newest)
           .values_list("newest", "revision", "removed").first())
    if row is None:
        ProfileIndexState.objects.get_or_create(pk=1)
        return Organisation.objects.aggregate(newest=Max("pk"))["newest"] or 0, 0, 0
    return row[0] or 0, row[1], row[2]
