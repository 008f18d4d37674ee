"""Okapi BM25 over stored term counts, scored with numpy.

Each organisation's profile is tokenised once, when the organisation (or a partnership it
belongs to) is saved, and stored as a term → count table (`OrganisationProfile.terms`). This
module scores with an inverted index of those counts: for each term the rows of the profiles
that use it and how often, as numpy arrays (postings.py), built in memory or mapped from the
machine's BM25 file (bm25file.py, shared by every process). A query adds up, term by term, the
BM25 weight of the matching rows into one array, so one recommendation over 100,000 profiles
touches only the postings of its terms, in C. Profiles that change after the index was built
are kept in a small overlay (`update`) until the next rebuild, and the document frequencies
and lengths are corrected at once. rank_bm25 re-tokenises every
document on construction and has no updates; scikit-learn's TF-IDF would add scipy.

The bench (bench/matching.py) scores with this class, so what it measures is what the
platform serves.
"""

import math
import re
from collections import Counter
from collections.abc import Iterable

import numpy as np

from partnering.discovery import postings

WORD = re.compile(r"[^\W\d_]{2,}|\d{2,}", re.UNICODE)

# Function words of English, French and Spanish, the languages of most IATI text.
STOPWORDS = frozenset("""
a an and are as at be been but by for from has have in into is it its of on or our over so
that the their them these they this to was were will with within without we you your not no
all any can more most other such than then there which who whom whose what when where how
also may per via des les la le et du de en pour par dans une un sur au aux est y el los las
por para con del al se que
""".split()) | frozenset(
    # Words every partnership text uses: they say nothing about who fits this problem.
    "partner partnership problem statement solution agree agreed one two first before "
    "any table help work working together shared shape identify form key lead".split())

# A query keeps at most this many distinct terms, the most selective first: a whole
# problem statement has a few hundred, and the time grows with each. With 64, BM25 stays
# within one query of no limit on each IATI split of bench/matching.py (32 cost it 8 points
# of recall@10).
MAX_QUERY_TERMS = 64
# A term in more profiles than this is scored on the profiles where it weighs most only
# (postings are kept in descending BM25 weight): "water" in 40,000 profiles adds little
# to a ranking and would cost more than all rarer terms together.
POSTINGS_CAP = 5_000
# The term-frequency weights of the profiles loaded at the last build use the mean profile
# length of then, until it drifts by more than this share (profiles added, replaced or
# removed since): 1% of the length normalisation, for not recomputing every posting on each
# change. Overlay profiles, document frequencies and sizes are always exact.
DRIFT = 0.01


def stem(word: str) -> str:
    """A light English suffix stripper: 'communities' and 'community' meet, 'water' stays."""
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("es", "e"),
                                ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + replacement
    return word


def tokenize(text: str) -> list[str]:
    return [stem(w) for w in WORD.findall(text.lower()) if w not in STOPWORDS]


def term_counts(text: str) -> dict[str, int]:
    return dict(Counter(tokenize(text)))


class Scores:
    """One query's scores over an index: the best keys, a key's score, and ranks.

    `values` holds a score per row of the index's main arrays (zero where the row does not
    match or was replaced); `extra` the scores of the overlay documents by key."""

    def __init__(self, keys: list, row_of: dict, values: np.ndarray, extra: dict):
        self.keys, self.row_of, self.values, self.extra = keys, row_of, values, extra

    def get(self, key) -> float:
        if key in self.extra:
            return self.extra[key]
        row = self.row_of.get(key)
        return float(self.values[row]) if row is not None else 0.0

    def exclude(self, keys) -> None:
        for key in keys:
            self.extra.pop(key, None)
            row = self.row_of.get(key)
            if row is not None:
                self.values[row] = 0.0

    def _best_rows(self, n: int) -> np.ndarray:
        """Rows of the n best positive main scores, best first."""
        values = self.values
        rows = np.flatnonzero(values > 0)
        if len(rows) > n:
            rows = rows[np.argpartition(values[rows], len(rows) - n)[len(rows) - n:]]
        return rows[np.argsort(-values[rows], kind="stable")]

    def top(self, n: int) -> list[tuple]:
        """The n best (key, score) pairs with a score above zero, best first (among keys
        tied at the cut, which are kept is arbitrary but the same on every call)."""
        rows = self._best_rows(n)
        pairs = list(zip(_take(self.keys, rows), self.values[rows].tolist(), strict=True))
        if self.extra:
            pairs += [(k, v) for k, v in self.extra.items() if v > 0]
        pairs.sort(key=lambda p: (-p[1], p[0]))
        return pairs[:n]

    def ranks(self, depth: int) -> dict:
        """Rank (1 = best) of each of the `depth` best keys, and of every key tied with the
        last of them; tied keys share the mean of their positions."""
        pairs = self.top(depth)
        if not pairs:
            return {}
        values = np.asarray([v for _, v in pairs], dtype=np.float64)
        starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
        sizes = np.diff(np.r_[starts, len(values)])
        if len(pairs) == depth:  # the last group may go on past the cut
            last = values[-1]
            sizes[-1] = (int(np.count_nonzero(self.values == np.float32(last)))
                         + sum(1 for v in self.extra.values() if v == last))
        ranks = np.repeat(starts + (sizes + 1) / 2, np.diff(np.r_[starts, len(values)]))
        result = dict(zip([k for k, _ in pairs], ranks.tolist(), strict=True))
        if len(pairs) == depth:  # the rest of the tied group at the cut shares its rank
            last, rank = values[-1], float(ranks[-1])
            tied = [self.keys[r] for r in np.flatnonzero(self.values == np.float32(last))]
            tied += [k for k, v in self.extra.items() if v == last]
            result.update((key, rank) for key in tied if key not in result)
        return result

    def ranking(self, depth: int) -> "Ranks":
        """The same ranks as `ranks(depth)`, computed only for the keys asked for."""
        return Ranks(self, depth)

    def as_dict(self) -> dict:
        rows = np.flatnonzero(self.values > 0).tolist()
        result = {self.keys[r]: float(self.values[r]) for r in rows}
        result.update((k, v) for k, v in self.extra.items() if v > 0)
        return result


def _take(keys, rows: np.ndarray) -> list:
    """The keys of these rows (one numpy call for keys that are a mapped array)."""
    if hasattr(keys, "take"):
        return keys.take(rows)
    return [keys[r] for r in rows.tolist()]


class Ranks:
    """Ranks in one query's scores of the keys asked for, equal to `Scores.ranks(depth)`:
    1 = best, tied keys share the mean of their positions, keys past the `depth` best have
    none. A recommendation asks for a few hundred keys of 100,000, so the ranks are found
    by bisecting the `depth` best scores rather than written out for all of them."""

    def __init__(self, scores: Scores, depth: int):
        self.scores, self.depth, self.known = scores, depth, {}
        self.rows = scores._best_rows(depth)
        best = scores.values[self.rows]
        extra = [v for v in scores.extra.values() if v > 0]
        if extra:
            best = np.sort(np.concatenate([best, np.asarray(extra, dtype=np.float32)]))[::-1]
        self.ascending = np.ascontiguousarray(best[:depth][::-1])
        self.full = len(self.ascending) == depth

    def find(self, keys) -> None:
        """Find the ranks of these keys at once (a bisection each, in one numpy call)."""
        keys = [key for key in keys if key not in self.known]
        if not keys:
            return
        ascending, scores = self.ascending, self.scores
        values = np.asarray([scores.get(key) for key in keys], dtype=np.float32)
        above = len(ascending) - np.searchsorted(ascending, values, side="right")
        tied = len(ascending) - above - np.searchsorted(ascending, values, side="left")
        ranks = above + (tied + 1) / 2
        lowest = ascending[0] if len(ascending) else None
        for key, value, rank, higher in zip(keys, values.tolist(), ranks.tolist(),
                                            above.tolist(), strict=True):
            if value <= 0 or lowest is None or (self.full and value < lowest):
                rank = None
            elif self.full and value == lowest:  # the tied group may go on past the cut
                group = (int(np.count_nonzero(scores.values == np.float32(value)))
                         + sum(1 for v in scores.extra.values() if v == value))
                rank = higher + (group + 1) / 2
            self.known[key] = rank

    def get(self, key, default=None):
        self.find([key])
        rank = self.known[key]
        return default if rank is None else rank

    def __getitem__(self, key) -> float:
        rank = self.get(key)
        if rank is None:
            raise KeyError(key)
        return rank

    def __contains__(self, key) -> bool:
        return self.get(key) is not None

    def best(self, n: int) -> list:
        """The keys of the n best scores, best first."""
        if self.scores.extra:
            return [key for key, _ in self.scores.top(min(n, self.depth))]
        return _take(self.scores.keys, self.rows[:n])


class BM25Index:
    """Documents are (key, term counts); `scores(query)` ranks them (k1=1.2, b=0.75).

    Its arrays (postings.py) are built in memory from documents, or are the machine's BM25
    file mapped read-only (`BM25Index.mapped`, bm25file.py), shared by every process.
    `update` replaces or adds documents and `remove` drops them, in a small overlay: both
    keep document frequencies, lengths and sizes exact, so scores equal those of an index
    built anew but for the mean length the loaded profiles are normalised with (see DRIFT)."""

    def __init__(self, documents: Iterable[tuple] = (), k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        keys, arrays = postings.build(documents, k1, b, POSTINGS_CAP)
        self._start(keys, {key: row for row, key in enumerate(keys)}, arrays)

    @classmethod
    def mapped(cls, keys, arrays: postings.Arrays, k1: float = 1.2,
               b: float = 0.75) -> "BM25Index":
        """An index over arrays read from a file; `keys` map rows to keys and back."""
        index = cls.__new__(cls)
        index.k1, index.b = k1, b
        index._start(keys, keys, arrays)
        return index

    def _start(self, keys, row_of, arrays: postings.Arrays) -> None:
        self.keys, self.row_of, self.arrays = keys, row_of, arrays
        self.size = len(keys)
        self.total_length = float(arrays.lengths.sum(dtype=np.float64)) if self.size else 0.0
        self.df_change: dict[str, int] = {}  # overlay and removals against the arrays
        self.stale = np.zeros(self.size, dtype=bool)
        self.stale_rows: list[int] = []
        self.extra: dict = {}  # key → counts of documents added or replaced since the build
        self.extra_lengths: dict = {}
        self.extra_postings: dict[str, dict] = {}
        self._tids: dict[str, int | None] = {}

    @property
    def average(self) -> float:
        return self.total_length / self.size if self.size else 0.0

    def __len__(self) -> int:
        return self.size

    def __contains__(self, key) -> bool:
        if key in self.extra:
            return True
        row = self.row_of.get(key)
        return row is not None and not self.stale[row]

    def live_keys(self) -> np.ndarray:
        """The keys of every document the index holds (integer keys)."""
        rows = np.flatnonzero(~self.stale)
        keys = self.keys.ids[rows] if hasattr(self.keys, "ids") else \
            np.asarray([self.keys[r] for r in rows.tolist()], dtype=np.int64)
        return np.concatenate([keys.astype(np.int64), np.asarray(list(self.extra),
                                                                  dtype=np.int64)])

    def tid(self, term: str) -> int | None:
        """The term's id in the arrays (looked up once per process)."""
        if term not in self._tids:
            if len(self._tids) > 100_000:
                self._tids.clear()
            self._tids[term] = self.arrays.find(term)
        return self._tids[term]

    def df(self, term: str) -> int:
        tid = self.tid(term)
        base = self.arrays.df(tid) if tid is not None else 0
        return base + self.df_change.get(term, 0)

    def terms_of(self, key) -> set[str]:
        """The terms of one document (empty for a key the index does not hold)."""
        if key in self.extra:
            return set(self.extra[key])
        row = self.row_of.get(key)
        if row is None or self.stale[row]:
            return set()
        return {self.arrays.name(tid) for tid in self.arrays.terms_of(row)}

    def idf(self, term: str) -> float:
        df = self.df(term)
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def update(self, documents: Iterable[tuple]) -> None:
        for key, counts in documents:
            self._drop(key)
            self.extra[key] = dict(counts)
            self.extra_lengths[key] = sum(counts.values())
            self.size += 1
            self.total_length += self.extra_lengths[key]
            for term, count in counts.items():
                self.df_change[term] = self.df_change.get(term, 0) + 1
                self.extra_postings.setdefault(term, {})[key] = count

    def remove(self, keys: Iterable) -> None:
        for key in keys:
            self._drop(key)

    def _drop(self, key) -> None:
        old = self.extra.pop(key, None)
        if old is not None:
            self.size -= 1
            self.total_length -= self.extra_lengths.pop(key)
            for term in old:
                self.df_change[term] -= 1
                del self.extra_postings[term][key]
            return
        row = self.row_of.get(key)
        if row is None or self.stale[row]:
            return
        self.stale[row] = True
        self.stale_rows.append(row)
        self.size -= 1
        self.total_length -= float(self.arrays.lengths[row])
        for tid in self.arrays.terms_of(row):
            term = self.arrays.name(tid)
            self.df_change[term] = self.df_change.get(term, 0) - 1

    def query_terms(self, query: str | list[str], max_terms: int = MAX_QUERY_TERMS) -> Counter:
        """The query's terms that occur in the index, the `max_terms` rarest, with their
        counts in the query."""
        terms = tokenize(query) if isinstance(query, str) else query
        df = {t: self.df(t) for t in set(terms)}
        weights = Counter(t for t in terms if df[t])
        kept = sorted(weights, key=lambda t: (df[t], t))[:max_terms]
        return Counter({t: weights[t] for t in kept})

    def drifted(self) -> bool:
        """Whether the mean length moved by more than DRIFT since the weights were made."""
        weighed_for = self.arrays.weighed_for
        return abs((self.average or 1.0) - weighed_for) > DRIFT * weighed_for

    def _posting(self, tid: int, norm) -> tuple[np.ndarray, np.ndarray]:
        """A term's rows and weights, at most POSTINGS_CAP, heaviest first past it; with
        `norm` (the mean length drifted) weighed again for today's."""
        arrays = self.arrays
        span = arrays.posting(tid)
        rows, weights = arrays.rows[span], arrays.weights[span]
        if norm is not None:
            rows, tfs = rows, arrays.tfs[span]
            if len(rows) > POSTINGS_CAP:  # by row again, as built
                order = np.argsort(rows, kind="stable")
                rows, tfs = rows[order], tfs[order]
            weights = postings.weigh(tfs, norm(rows), self.k1)
            if len(rows) > POSTINGS_CAP:
                order = np.argsort(-weights, kind="stable")[:POSTINGS_CAP]
                rows, weights = rows[order], weights[order]
        return rows[:POSTINGS_CAP], weights[:POSTINGS_CAP]

    def scores(self, query: str | list[str], max_terms: int = MAX_QUERY_TERMS) -> Scores:
        values = np.zeros(len(self.keys), dtype=np.float32)
        extra: dict = {}
        if not self.size:
            return Scores(self.keys, self.row_of, values, extra)
        average = self.average or 1.0
        norm = None
        if self.drifted():
            lengths, k1, b = self.arrays.lengths, self.k1, self.b
            norm = lambda rows: postings.norms(lengths[rows], average, k1, b)  # noqa: E731
        for term, weight in self.query_terms(query, max_terms).items():
            idf = weight * self.idf(term)
            tid = self.tid(term)
            if tid is not None:
                rows, weights = self._posting(tid, norm)
                values[rows] += np.float32(idf) * weights
            self._score_extra(term, idf, average, extra)
        if self.stale_rows:
            values[self.stale_rows] = 0.0
        # The same precision as the main rows: equal documents tie wherever they are kept.
        extra = {key: float(np.float32(value)) for key, value in extra.items()}
        return Scores(self.keys, self.row_of, values, extra)

    def _score_extra(self, term: str, idf: float, average: float, extra: dict) -> None:
        k1, b = self.k1, self.b
        for key, tf in self.extra_postings.get(term, {}).items():
            extra[key] = extra.get(key, 0.0) + idf * tf * (k1 + 1) / (
                tf + k1 * (1 - b + b * self.extra_lengths[key] / average))
