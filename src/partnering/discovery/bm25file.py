"""The BM25 index of every organisation profile in one set of memory-mapped files per machine.

Every web worker used to build its own BM25 index from the profiles' term counts: ~190 MB
of numpy arrays and dicts at 100,000 organisations, ~2 GB at a million, times workers
(bench/discovery_scale.py). The databases' full-text engines rank 23-300x slower
(bench/discovery_fts.py), so the index stays in-process, but the job worker writes it once
into DISCOVERY_VECTORS_DIR/bm25 as the arrays of postings.py (uint32 rows, the smallest
integer types for counts and lengths, float32 weights) and every process maps them
read-only: the page cache keeps one copy for the machine.

A generation is one `.npy` file per array plus `ids-<token>.npy` (the organisation id of each
row, ascending: id → row is a bisection), named by `current.json` with the profile state it
reflects (revision, removed) and the mean length its weights are for; written, replaced and
cleaned up as the vector file is (vectorfile.py: atomic rename, a file lock, the previous
generation kept). Profiles changed since are each process's small in-memory overlay
(BM25Index.update), read from the database (served.Loaded).
"""

import json
import secrets
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from partnering.discovery import postings, vectorfile
from partnering.discovery.bm25 import POSTINGS_CAP, BM25Index
from partnering.discovery.embeddings import SortedKeys

PREFIXES = ("ids", *postings.FIELDS)
CHUNK = 2000  # profiles read from the database per fetch while writing


def directory() -> Path:
    return vectorfile.directory() / "bm25"


@dataclass(frozen=True)
class Generation:
    token: str
    revision: int
    removed: int
    ids: np.ndarray
    arrays: postings.Arrays

    def index(self) -> BM25Index:
        """A BM25 index over these files (its overlay empty)."""
        return BM25Index.mapped(SortedKeys(self.ids), self.arrays)


def current() -> Generation | None:
    return vectorfile.current_in(directory(), _open)


def _open(path: Path) -> Generation | None:
    try:
        meta = json.loads(path.read_text())
        token = meta["token"]
        files = {name: np.load(path.parent / f"{name}-{token}.npy", mmap_mode="r")
                 for name in PREFIXES}
    except (OSError, ValueError, KeyError):
        return None
    # Plain views of the maps (no copy): numpy's memmap objects cost microseconds a slice.
    files = {name: np.asarray(values) for name, values in files.items()}
    ids = files.pop("ids")
    arrays = postings.Arrays(weighed_for=float(meta["weighed_for"]), **files)
    if len(arrays.lengths) != len(ids) or len(arrays.offsets) != len(arrays.hashes) + 1:
        return None
    return Generation(token, int(meta["revision"]), int(meta["removed"]), ids, arrays)


def write(revision: int, removed: int, newer_than: int | None = None) -> Generation:
    """Write the BM25 arrays of every profile as a new generation stamped with this state
    (profiles stamped later may be in it too: processes read them again as changed ones)
    and make it current. Run by the job worker (profiles.refresh_bm25_file), or by the first
    process of a machine that has none; with `newer_than`, a process that waited for
    another's write serves that one when it is past this revision."""
    from partnering.discovery.models import OrganisationProfile

    folder = directory()
    with vectorfile.locked(folder):
        written = current() if newer_than is not None else None
        if written is not None and newer_than < written.revision <= revision:
            return written
        rows = OrganisationProfile.objects.order_by("organisation_id").values_list(
            "organisation_id", "terms").iterator(chunk_size=CHUNK)
        keys, arrays = postings.build(rows, 1.2, 0.75, POSTINGS_CAP)
        token = secrets.token_hex(8)
        np.save(folder / f"ids-{token}.npy", np.asarray(keys, dtype=np.int64))
        for name, values in arrays.items():
            np.save(folder / f"{name}-{token}.npy", values)
        vectorfile.publish(folder, token, {
            "revision": revision, "removed": removed, "rows": len(keys),
            "weighed_for": arrays.weighed_for}, PREFIXES)
        del arrays
    vectorfile.forget()
    return current()

