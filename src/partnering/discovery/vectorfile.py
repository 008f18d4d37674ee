"""The organisations' sentence vectors in one memory-mapped file per machine.

Every web worker used to read every vector from the database into its own memory: 150 MB
at 100,000 organisations, 1.5 GB at a million, times workers. Now the job worker writes them
once into DISCOVERY_VECTORS_DIR (under the data directory), as 16-bit integers (half the
bytes of float32, as fine as float16 for unit vectors and widened by numpy without torch:
embeddings.FixedMatrix; bench/matching.py measures recall@10 with them against float32), and
every process maps
the same file read-only (`np.load(mmap_mode="r")`): the operating system keeps one copy in
its page cache, shared by all of them.

A generation is three files, `vectors-<token>.npy` (rows × 384, int16: embeddings.to_fixed),
`ids-<token>.npy` (the organisation id of each row, ascending: the id → row index is a
binary search, not a dict of a million entries) and `signs-<token>.npy` (each row's sign
bits, 48 bytes: coarse.py's first pass past a few hundred thousand rows), and
`current.json` names the generation, the profile state it reflects (revision, removed) and
the centre the signs are taken against. A writer writes a new generation under
new names, then replaces `current.json` with an atomic rename: a reader sees the old
generation or the new one, never a half-written file. The previous generation is kept for
readers that read `current.json` just before; older ones are deleted (a process that still
maps one keeps it readable: the inode lives until it is unmapped).

Profiles that changed after the generation's revision are read from the database by each
process (served.Loaded), a few hundred at most: past OVERLAY_MIN, or every hour
(tasks.embed_missing_profiles), the job worker writes a new generation. A machine without a
job worker (or a fresh install) gets its file from the first process that needs it, under
a file lock so that only one writes.
"""

import contextlib
import fcntl
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings

from partnering.discovery import coarse
from partnering.discovery.embeddings import DIMENSIONS, SCALE, to_fixed

DTYPE = np.int16
CURRENT = "current.json"
CHUNK = 5000  # vectors read from the database per fetch while writing


def directory() -> Path:
    return Path(settings.DISCOVERY_VECTORS_DIR)


@dataclass(frozen=True)
class Generation:
    """One written file: its vectors (mapped), their organisation ids, and the state of
    the profiles it reflects."""

    token: str
    revision: int
    removed: int
    ids: np.ndarray
    matrix: np.ndarray
    signs: np.ndarray | None = None  # (words, rows) of uint64: coarse.py
    centre: np.ndarray | None = None


_mapped: dict = {}  # folder → (its current.json's stamp, what it opened)
PREFIXES = ("ids", "vectors", "signs")


def _stamp(path: Path):
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_ino, info.st_mtime_ns, info.st_size


def current():
    """The machine's current generation, mapped once per process (a stat() a call to see
    whether a writer replaced it)."""
    return current_in(directory(), _open)


def current_in(folder: Path, opener):
    """What `opener` makes of the generation `current.json` names in this folder, once per
    process while the file is the same (bm25file.py keeps its files the same way)."""
    path = folder / CURRENT
    stamp = _stamp(path)
    if stamp is None:
        return None
    key = str(folder)
    if _mapped.get(key, (None,))[0] != stamp:
        _mapped[key] = (stamp, opener(path))
    return _mapped[key][1]


def _open(path: Path) -> Generation | None:
    try:
        meta = json.loads(path.read_text())
        folder = path.parent
        ids = np.load(folder / f"ids-{meta['token']}.npy", mmap_mode="r")
        matrix = np.load(folder / f"vectors-{meta['token']}.npy", mmap_mode="r")
    except (OSError, ValueError, KeyError):
        return None
    if matrix.shape != (len(ids), DIMENSIONS) or matrix.dtype != DTYPE:
        return None  # an older format (float16): written again by the first process
    signs, centre = _signs(folder, meta, len(ids))
    return Generation(meta["token"], int(meta["revision"]), int(meta["removed"]), ids, matrix,
                      signs, centre)


def _signs(folder: Path, meta: dict, rows: int):
    """The generation's sign bits and their centre; (None, None) for a generation written
    without them (it is scanned exactly until the job worker writes the next)."""
    try:
        signs = np.load(folder / f"signs-{meta['token']}.npy", mmap_mode="r")
        centre = np.asarray(meta["centre"], dtype=np.float32)
    except (OSError, ValueError, KeyError):
        return None, None
    if signs.shape != (coarse.words(DIMENSIONS), rows) or centre.shape != (DIMENSIONS,):
        return None, None
    return signs, centre


def forget() -> None:
    _mapped.clear()


@contextlib.contextmanager
def locked(folder: Path):
    """One writer per machine at a time (the others wait, then find the file written)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "write.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write(revision: int, removed: int) -> Generation:
    """Write every profile vector stamped up to `revision` as a new generation and make it
    current; returns it. Run by the job worker (tasks.write_vector_file)."""
    from partnering.discovery.models import OrganisationProfile

    folder = directory()
    with locked(folder):
        rows = (OrganisationProfile.objects.filter(vector__isnull=False, revision__lte=revision)
                .order_by("organisation_id"))
        count = rows.count()
        token = secrets.token_hex(8)
        ids_path, vectors_path = folder / f"ids-{token}.npy", folder / f"vectors-{token}.npy"
        filled = _fill(rows, count, ids_path, vectors_path)
        if filled < count:  # profiles re-stamped meanwhile: they are read as changed ones
            _truncate(ids_path, filled)
            _truncate(vectors_path, filled)
        centre = coarse.write_signs(np.load(vectors_path, mmap_mode="r"),
                                    folder / f"signs-{token}.npy", SCALE)
        publish(folder, token, {"revision": revision, "removed": removed, "rows": filled,
                                "dtype": np.dtype(DTYPE).name, "centre": centre.tolist()},
                PREFIXES)
    forget()
    return current()


def _fill(rows, count: int, ids_path: Path, vectors_path: Path) -> int:
    ids = np.lib.format.open_memmap(ids_path, mode="w+", dtype=np.int64, shape=(count,))
    matrix = np.lib.format.open_memmap(vectors_path, mode="w+", dtype=DTYPE,
                                       shape=(count, DIMENSIONS))
    filled = 0
    for pk, vector in rows.values_list("organisation_id", "vector").iterator(chunk_size=CHUNK):
        if filled == count:
            break
        ids[filled] = pk
        matrix[filled] = to_fixed(np.frombuffer(bytes(vector), dtype="<f4"))
        filled += 1
    ids.flush()
    matrix.flush()
    del ids, matrix
    return filled


def _truncate(path: Path, rows: int) -> None:
    data = np.load(path, mmap_mode="r")
    kept = np.array(data[:rows])
    del data
    np.save(path, kept)


def publish(folder: Path, token: str, meta: dict, prefixes: tuple) -> None:
    """Make the generation `token` (files `<prefix>-<token>.npy`) current: `current.json`
    replaced by an atomic rename; the previous generation kept, older ones deleted."""
    temporary = folder / f"{CURRENT}.{token}"
    temporary.write_text(json.dumps({"token": token, **meta}))
    os.replace(temporary, folder / CURRENT)
    _clean(folder, {token, _previous_token(folder, token, prefixes[0])}, prefixes)


def _previous_token(folder: Path, token: str, prefix: str) -> str:
    """The generation this write replaces (kept for readers that just read its name)."""
    previous = sorted((p for p in folder.glob(f"{prefix}-*.npy") if token not in p.name),
                      key=lambda p: p.stat().st_mtime_ns)
    return previous[-1].stem.removeprefix(f"{prefix}-") if previous else ""


def _clean(folder: Path, keep: set, prefixes: tuple) -> None:
    for path in [p for prefix in prefixes for p in folder.glob(f"{prefix}-*.npy")]:
        if path.stem.split("-", 1)[1] not in keep:
            path.unlink(missing_ok=True)
    for path in folder.glob(f"{CURRENT}.*"):
        path.unlink(missing_ok=True)
