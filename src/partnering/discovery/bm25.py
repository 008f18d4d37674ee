"""Okapi BM25 over stored term counts, with no dependency beyond the standard library.

Why not rank_bm25 or scikit-learn: each organisation's profile is tokenised once, when the
organisation (or a partnership it belongs to) is saved, and stored as a term → count table
(`OrganisationProfile.terms`). Scoring then needs only document frequencies and lengths, which
this module keeps in an in-memory index built from those stored counts; rank_bm25 wants the
token lists again and rebuilds its statistics on construction, and TF-IDF with scikit-learn
would add numpy/scipy to serve a few thousand short profiles. The bench (bench/matching.py)
uses the same code, so what it measures is what the platform serves.
"""

import math
import re
from collections import Counter
from collections.abc import Iterable

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


MAX_QUERY_TERMS = 32


class BM25Index:
    """Documents are stored term counts; `scores(query)` ranks them (k1=1.2, b=0.75)."""

    def __init__(self, documents: Iterable[tuple[int, dict[str, int]]], k1: float = 1.2,
                 b: float = 0.75):
        self.k1, self.b = k1, b
        self.postings: dict[str, list[tuple[int, int]]] = {}
        self.lengths: dict[int, int] = {}
        for key, counts in documents:
            self.lengths[key] = sum(counts.values())
            for term, count in counts.items():
                self.postings.setdefault(term, []).append((key, count))
        self.size = len(self.lengths)
        self.average = (sum(self.lengths.values()) / self.size) if self.size else 0.0

    def idf(self, term: str) -> float:
        df = len(self.postings.get(term, ()))
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def scores(self, query: str | list[str], max_terms: int = MAX_QUERY_TERMS) -> dict:
        """Score of every document that shares at least one term with the query. A long
        query (a whole problem statement) keeps its `max_terms` most selective terms: the
        common ones cost the most postings and add the least."""
        terms = tokenize(query) if isinstance(query, str) else query
        result: dict = {}
        if not self.size:
            return result
        k1, b, average = self.k1, self.b, self.average or 1.0
        weights = Counter(t for t in terms if t in self.postings)
        kept = sorted(weights, key=lambda t: (len(self.postings[t]), t))[:max_terms]
        for term in kept:
            weight = weights[term]
            idf = self.idf(term)
            for key, tf in self.postings.get(term, ()):
                norm = k1 * (1 - b + b * self.lengths[key] / average)
                result[key] = result.get(key, 0.0) + weight * idf * tf * (k1 + 1) / (tf + norm)
        return result
