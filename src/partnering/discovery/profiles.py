"""Keeping organisation profiles indexed: tokenised (and embedded) once, in the background,
never on each request; and the in-memory index each server process ranks with.

Writes: `index_later(ids)` queues a background job (discovery/tasks.py) that indexes and
embeds them, run by a job worker (signals.py gathers one transaction's organisations into one
job); `index_organisations(ids)` stores their term counts at once and queues their vectors. Every
write of profiles raises ProfileIndexState.revision in its transaction and stamps the
profiles with it.

Reads: `reading()` gives the process's BM25 index (and vector index), brought up to date by
one primary-key read when nothing changed, by loading the profiles stamped after the last
read when a few did, and by a rebuild after deletions or when most of the registry changed.
Neither the postings nor the sentence vectors are read into each process: they are the
machine's memory-mapped BM25 and vector files (bm25file.py, vectorfile.py, written by the job
worker), plus the few profiles changed since (served.py).
"""

import contextlib
import ctypes
import logging
import threading

from django.db import IntegrityError, transaction
from django.db.models import F

from partnering.discovery import bm25file, embeddings, vectorfile
from partnering.discovery.bm25 import term_counts
from partnering.discovery.models import OrganisationProfile, PartnershipVector, ProfileIndexState
from partnering.discovery.served import (  # noqa: F401  (asked for as profiles.*)
    OVERLAY_MIN,
    Loaded,
    _state,
    refresh_bm25_file,
    refresh_vector_file,
)
from partnering.partnerships.models import Membership
from partnering.registry.models import Organisation

log = logging.getLogger(__name__)

# Organisations created without signals (bulk imports) are indexed lazily, a batch at a time.
MISSING_BATCH = 500
# A profile reads an organisation's latest partnerships only: a development bank is in tens of
# thousands, whose text would cost hundreds of MB to build and drown its own mission.
PROFILE_PARTNERSHIPS = 200
# Organisations indexed per transaction by the background thread.
BATCH = 200
# Profiles changed since the last build are scored from an overlay, in Python: past this
# share of the registry (and this many), the index is built anew.
REBUILD_SHARE = 0.05


def own_text(organisation: Organisation) -> str:
    parts = [organisation.name, organisation.acronym, organisation.mission,
             organisation.interests_note, " ".join(organisation.competencies or []),
             " ".join(organisation.resources or [])]
    return "\n".join(p for p in parts if p)


def partnership_text(title: str, problem: str, scope: str) -> str:
    return "\n".join(p for p in (title, problem, scope) if p)


def _past(organisation_id: int) -> list[tuple[int, str]]:
    rows = Membership.objects.filter(organisation_id=organisation_id).order_by(
        "-partnership_id").values_list(
        "partnership_id", "partnership__title", "partnership__problem_statement",
        "partnership__scope")[:PROFILE_PARTNERSHIPS]
    return [(pk, partnership_text(title, problem, scope)) for pk, title, problem, scope in rows]


def profile_text(organisation: Organisation) -> str:
    """What an organisation is and has done: its profile and its partnerships' problems."""
    return "\n".join([own_text(organisation)] + [t for _, t in _past(organisation.pk)])


def _bump(field: str = "revision") -> int:
    """Raise the counter and return it. The row stays locked until the transaction commits,
    so revisions commit in order: a reader that saw N has seen every profile stamped ≤ N."""
    for _ in range(2):
        if ProfileIndexState.objects.filter(pk=1).update(**{field: F(field) + 1}):
            return ProfileIndexState.objects.values_list(field, flat=True).get(pk=1)
        try:
            with transaction.atomic():
                ProfileIndexState.objects.create(pk=1, **{field: 1})
            return 1
        except IntegrityError:
            continue  # created meanwhile by another writer: raise it
    raise RuntimeError("profile index state row could not be written")


def index_organisations(ids, *, embed: bool = False) -> None:
    """Store the term counts of these organisations' profiles now; with `embed` (the
    background thread) their vectors too, else their vectors are queued for it."""
    ids = sorted(set(ids))
    for start in range(0, len(ids), BATCH):
        _index_batch(ids[start:start + BATCH], embed=embed and embeddings.available())
    if ids and not embed and embeddings.available():
        index_later(ids)


def _index_batch(ids: list[int], *, embed: bool) -> None:
    organisations = list(Organisation.objects.filter(pk__in=ids))
    past = {o.pk: _past(o.pk) for o in organisations}
    own = {o.pk: own_text(o) for o in organisations}
    vectors = _vectors(own, past) if embed else {}
    with transaction.atomic():
        revision = _bump()
        for organisation in organisations:
            counts = term_counts("\n".join([own[organisation.pk]]
                                           + [t for _, t in past[organisation.pk]]))
            defaults = {"terms": counts, "length": sum(counts.values()), "revision": revision}
            if organisation.pk in vectors:
                defaults["vector"] = embeddings.to_bytes(vectors[organisation.pk])
            OrganisationProfile.objects.update_or_create(organisation=organisation,
                                                         defaults=defaults)


def _vectors(own: dict, past: dict) -> dict:
    """Each organisation's vector: the mean of its own and its partnerships' vectors. Each
    partnership is embedded once (PartnershipVector), whoever asks first."""
    wanted = {pk: text for rows in past.values() for pk, text in rows}
    stored = {pk: embeddings.from_bytes(v) for pk, v in PartnershipVector.objects.filter(
        partnership_id__in=list(wanted)).values_list("partnership_id", "vector")}
    missing = [pk for pk in wanted if pk not in stored]
    if missing:
        for pk, vector in zip(missing, embeddings.embed([wanted[pk] for pk in missing]),
                              strict=True):
            PartnershipVector.objects.update_or_create(
                partnership_id=pk, defaults={"vector": embeddings.to_bytes(vector)})
            stored[pk] = vector
    keys = list(own)
    mine = dict(zip(keys, embeddings.embed([own[k] for k in keys]), strict=True))
    result = {}
    for key in keys:
        vector = embeddings.mean_vector([mine[key]] + [stored[pk] for pk, _ in past[key]])
        if vector is not None:
            result[key] = vector
    return result


def forget_partnership_vector(partnership_id: int) -> None:
    """The partnership's text changed: embed it again when its members are re-indexed."""
    PartnershipVector.objects.filter(partnership_id=partnership_id).delete()


# -- the background indexing jobs ------------------------------------------------------------

JOB_SIZE = 1000  # organisations per indexing job


def index_later(ids) -> None:
    """Queue jobs that index (and embed) these organisations (at once with TASKS_IMMEDIATE)."""
    from partnering.discovery.tasks import index_profiles
    from partnering.jobs.queue import enqueue

    ids = sorted(set(ids))
    for start in range(0, len(ids), JOB_SIZE):
        enqueue(index_profiles, ids[start:start + JOB_SIZE])


def index_missing(batch: int = MISSING_BATCH, after: int = 0) -> int:
    """Organisations never indexed (created without signals), a batch at a time, for the
    lexical method only: this runs on a request. Their vectors are queued."""
    missing = list(Organisation.objects.filter(pk__gt=after, discovery_profile__isnull=True)
                   .order_by("pk").values_list("pk", flat=True)[:batch])
    index_organisations(missing)
    return len(missing)


def embed_missing() -> int:
    """Embed, now, every indexed profile that has no vector yet."""
    ids = list(OrganisationProfile.objects.filter(vector__isnull=True)
               .values_list("organisation_id", flat=True))
    index_organisations(ids, embed=True)
    return len(ids)


def profile_removed() -> None:
    _bump("removed")


_loaded: dict = {"index": None}
_read_lock = threading.RLock()


# The hourly job embed-missing-profiles (jobs/schedule.py) embeds up to this many profiles
# that have no vector (after an upgrade, or organisations imported while the extra was off);
# `partnering index-profiles` embeds every one at once.
WARM_EMBED_LIMIT = 2000


def warm() -> None:
    """Load the embedding model (when installed) and build this process's index now: run on
    a thread when a web worker starts (wsgi.py), so that the first recommendation does not
    wait for them (8-10 s at 100,000 organisations). Process memory, not persistent work,
    so not a job."""
    try:
        with reading():
            pass
        embeddings.available()  # loads the model when it is installed
    except Exception:
        log.exception("warming the discovery index failed; it is built on first use")


def forget() -> None:
    """Drop the process's index (tests: the database under it was rolled back)."""
    with _read_lock:
        _loaded["index"] = None
        vectorfile.forget()


@contextlib.contextmanager
def reading():
    """The up-to-date index of this process, held while the caller scores with it."""
    with _read_lock:
        yield _current()


@contextlib.contextmanager
def held():
    """The index of this process as last loaded (None before the first load), held without
    looking for changes: for explaining a ranking just made with reading()."""
    with _read_lock:
        yield _loaded["index"]


def _current() -> Loaded:
    newest, revision, removed = _state()
    loaded = _loaded["index"]
    covered = loaded.newest if loaded is not None else 0
    if newest > covered:
        if index_missing(after=covered) < MISSING_BATCH:
            covered = newest
        newest, revision, removed = _state()
    with_vectors = embeddings.available()
    if loaded is None or (loaded.removed, loaded.with_vectors) != (removed, with_vectors):
        loaded = _rebuild(revision, removed, with_vectors)
    elif loaded.revision != revision:
        since, loaded.revision = loaded.revision, revision
        loaded.load(since=since)
        bm25 = loaded.bm25
        if len(bm25.extra) > max(OVERLAY_MIN, REBUILD_SHARE * len(bm25)):
            served = loaded.bm25_file
            loaded = _rebuild(revision, removed, with_vectors,
                              served.revision if served is not None else -1)
    loaded.newest = covered
    _remap(loaded)
    return loaded


def _remap(loaded: Loaded) -> None:
    """Map the files the job worker wrote since (a stat() each when it did not)."""
    served = loaded.bm25_file
    if served is not None:
        generation = bm25file.current()
        if generation is not None and generation.token != served.token \
                and generation.revision <= loaded.revision:
            loaded.map_bm25(generation)
    if loaded.generation is None:
        return
    generation = vectorfile.current()
    if generation is not None and generation.token != loaded.generation \
            and generation.revision <= loaded.revision:
        loaded.map(generation)


def _rebuild(revision: int, removed: int, with_vectors: bool,
             newer_than: int = -1) -> Loaded:
    fresh = Loaded(revision, removed, with_vectors)
    fresh.load(newer_than=newer_than)
    _loaded["index"] = fresh
    _give_back_memory()
    return fresh


def _give_back_memory() -> None:
    """Return to the system what the build freed (the decoded profiles, the index it
    replaced): glibc keeps freed pages in the process otherwise, hundreds of MB a worker at
    100,000 organisations (bench/discovery_scale.py)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


def vector_coverage() -> tuple[int, int]:
    """(profiles with a vector, profiles) as last loaded by this process."""
    loaded = _loaded["index"]
    if loaded is None:
        return 0, 0
    return len(loaded.vectors), len(loaded.bm25)
