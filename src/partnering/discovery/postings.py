"""The arrays a BM25 index is made of, the same in memory and in the machine's BM25 file.

Built once from (key, term counts) documents (`build`), then only read:

- `lengths` (per row: the profile's number of terms, the smallest unsigned type that holds
  them);
- the vocabulary: terms ordered by a stable 64-bit hash (`hashes`, ascending), their UTF-8
  names one after another in `names` with `name_ends`: a term's id is a bisection of its
  hash, not a dict of every term in each process;
- postings, term by term (`offsets`: where each term's start, `offsets[-1]` their number):
  the rows that use the term (`rows`, uint32), how often (`tfs`), and each posting's BM25
  term-frequency weight for the mean length `weighed_for` (`weights`, float32; the terms
  in more than `cap` profiles heaviest first, the others by row);
- each row's term ids (`forward`, `forward_ends`), for explaining a match.

A term's document frequency is the length of its postings: no table of them either.
"""

import hashlib
from array import array
from dataclasses import dataclass, fields

import numpy as np

FIELDS = ("lengths", "hashes", "names", "name_ends", "offsets", "rows", "tfs", "weights",
          "forward", "forward_ends")


def term_hash(term: str) -> int:
    """The same 64-bit number for a term in every process (Python's hash() is salted)."""
    return int.from_bytes(hashlib.blake2b(term.encode(), digest_size=8).digest(), "little")


def compact(values) -> np.ndarray:
    """As the smallest unsigned integer type that holds them."""
    values = np.asarray(values)
    top = int(values.max()) if len(values) else 0
    for dtype in (np.uint8, np.uint16, np.uint32, np.uint64):
        if top <= np.iinfo(dtype).max:
            return values.astype(dtype)
    raise ValueError("too large")


def norms(lengths: np.ndarray, average: float, k1: float, b: float) -> np.ndarray:
    return (k1 * (1 - b + b * lengths.astype(np.float32) / average)).astype(np.float32)


def weigh(tfs: np.ndarray, norm: np.ndarray, k1: float) -> np.ndarray:
    """tf (k1 + 1) / (tf + norm): a posting's BM25 weight before the idf."""
    tfs = tfs.astype(np.float32)
    return tfs * (k1 + 1) / (tfs + norm)


@dataclass
class Arrays:
    lengths: np.ndarray
    hashes: np.ndarray
    names: np.ndarray
    name_ends: np.ndarray
    offsets: np.ndarray
    rows: np.ndarray
    tfs: np.ndarray
    weights: np.ndarray
    forward: np.ndarray
    forward_ends: np.ndarray
    weighed_for: float

    def items(self):
        return [(f.name, getattr(self, f.name)) for f in fields(self) if f.name in FIELDS]

    def find(self, term: str) -> int | None:
        """The term's id, or None."""
        code = term_hash(term)
        tid = int(np.searchsorted(self.hashes, np.uint64(code)))
        while tid < len(self.hashes) and int(self.hashes[tid]) == code:
            if self.name(tid) == term:  # two terms of one hash: look at the next
                return tid
            tid += 1
        return None

    def name(self, tid: int) -> str:
        start = int(self.name_ends[tid - 1]) if tid else 0
        return bytes(self.names[start:int(self.name_ends[tid])]).decode()

    def df(self, tid: int) -> int:
        return int(self.offsets[tid + 1]) - int(self.offsets[tid])

    def posting(self, tid: int) -> slice:
        return slice(int(self.offsets[tid]), int(self.offsets[tid + 1]))

    def terms_of(self, row: int) -> list[int]:
        start = int(self.forward_ends[row - 1]) if row else 0
        return self.forward[start:int(self.forward_ends[row])].tolist()


def build(documents, k1: float, b: float, cap: int) -> tuple[list, Arrays]:
    """The keys of the documents, in their order, and their arrays."""
    keys, lengths, vocabulary = [], array("q"), {}
    tids, counts, ends = array("I"), array("I"), array("q")  # 4 bytes a posting
    for key, terms in documents:
        keys.append(key)
        lengths.append(sum(terms.values()))
        for term, count in terms.items():
            tid = vocabulary.get(term)
            if tid is None:
                tid = vocabulary[term] = len(vocabulary)
            tids.append(tid)
            counts.append(count)
        ends.append(len(tids))
    terms = list(vocabulary)
    del vocabulary
    hashes = [term_hash(t) for t in terms]
    order = sorted(range(len(terms)), key=lambda t: (hashes[t], terms[t]))
    renumber = np.empty(len(terms), dtype=np.uint32)
    renumber[order] = np.arange(len(terms), dtype=np.uint32)
    encoded = [terms[t].encode() for t in order]
    forward = renumber[np.frombuffer(tids, dtype=np.uint32)] if tids else \
        np.zeros(0, dtype=np.uint32)
    del tids
    arrays = _invert(forward, np.frombuffer(ends, dtype=np.int64),
                     compact(np.frombuffer(counts, dtype=np.uint32)), len(terms))
    arrays.update(
        lengths=compact(np.frombuffer(lengths, dtype=np.int64)),
        hashes=np.asarray([hashes[t] for t in order], dtype=np.uint64),
        names=np.frombuffer(b"".join(encoded), dtype=np.uint8),
        name_ends=np.cumsum([len(e) for e in encoded], dtype=np.int64),
        forward=forward, forward_ends=np.asarray(ends, dtype=np.int64))
    built = Arrays(weights=np.zeros(0, dtype=np.float32), weighed_for=1.0, **arrays)
    reweigh(built, k1, b, cap)
    return keys, built


def _invert(forward: np.ndarray, ends: np.ndarray, counts: np.ndarray, size: int) -> dict:
    """Postings from the rows' terms: each term's rows in row order."""
    doc_rows = np.repeat(np.arange(len(ends), dtype=np.uint32), np.diff(ends, prepend=0))
    order = np.argsort(forward, kind="stable")
    offsets = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(np.bincount(forward, minlength=size), out=offsets[1:])
    return {"rows": doc_rows[order], "tfs": counts[order], "offsets": offsets}


def reweigh(arrays: Arrays, k1: float, b: float, cap: int) -> None:
    """Every posting's weight for the mean length of the rows; terms in more than `cap`
    rows ordered heaviest first (ties by row)."""
    lengths = arrays.lengths
    average = float(lengths.sum()) / len(lengths) if len(lengths) else 0.0
    arrays.weighed_for = average or 1.0
    norm = norms(lengths, arrays.weighed_for, k1, b)
    arrays.weights = weigh(arrays.tfs, norm[arrays.rows], k1) if len(arrays.rows) else \
        np.zeros(0, dtype=np.float32)
    sizes = np.diff(arrays.offsets)
    for tid in np.flatnonzero(sizes > cap).tolist():
        span = arrays.posting(tid)
        order = np.argsort(-arrays.weights[span], kind="stable")
        for name in ("rows", "tfs", "weights"):
            values = getattr(arrays, name)
            values[span] = values[span][order]
