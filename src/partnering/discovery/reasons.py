"""Why an organisation is recommended, in words a broker uses, and how strong the match is.

The ranking (ranking.py) says *that* an organisation fits; this module says *what* in its
profile fits: the phrases of the problem statement whose words its profile and past
partnerships use ("describes work on child protection and Roma families in Bosnia and
Herzegovina"), where it is based against where the partnership works, which needs it fills.
How the ranking was computed (BM25, sentence embeddings) stays in the answer's `method`
field and is never a reason.

A match is "weak" when little of the problem statement is in its profile (its coverage, the
share of the statement's words found there, each weighted by how rare it is in the registry
and how often the statement uses it, is under WEAK_COVERAGE), it is based neither in the
partnership's countries nor in their region, and it fills none of its open needs: such a
candidate tops a list only when nothing better is in the registry, and the broker should
know it."""

import re
from collections import Counter

from partnering.discovery.bm25 import STOPWORDS, WORD, stem, tokenize
from partnering.reference.countries import country_name
from partnering.reference.regions import region_of

# Set by reading the demo's recommendations for a Bosnian child-protection partnership:
# the organisations that describe child protection for Roma and migrant children cover
# 0.22-0.30 of its statement, the Malawian ministry of social welfare 0.20, the Malawian
# savings federation that shares only "child" and "community organisation" 0.19, those
# that share "protection" and "monitoring" 0.05-0.07. bench/matching.py does not use them:
# they label, they do not rank.
WEAK_COVERAGE = 0.2
GOOD_COVERAGE = 0.22
MAX_PHRASES = 3
SENTENCE_START = re.compile(r"(^|[.!?:;\n]\s*)$")
JOINING = {"of", "and", "for", "on", "in"}
JOINS = re.compile(r"^[\s\-–/]*$")  # only spaces, hyphens or slashes between two words


def coverage(query_terms: dict[str, float], found: set[str]) -> float:
    """The weighted share of the query's terms (term → weight: its idf times how often the
    query uses it) that the profile uses."""
    total = sum(query_terms.values())
    return sum(w for t, w in query_terms.items() if t in found) / total if total else 0.0


def _words(text: str, left_out: set[str], always_out: set[str]) -> list[dict]:
    """The words of `text`: their term (None for a function word, "" for one left out:
    capitalised inside a sentence and in `left_out`, or in `always_out`), whether only a
    space or a hyphen separates them from the word before, and whether they start a
    sentence."""
    words, previous_end = [], 0
    for match in WORD.finditer(text):
        low = match.group().lower()
        term = None if low in STOPWORDS else stem(low)
        start = bool(SENTENCE_START.search(text[:match.start()]))
        # A capitalised word of a name left out ("World Vision's programmes") names who,
        # not what; the same word in lower case ("water") is what the problem is about.
        if term in left_out and (match.group()[:1].isupper() and not start
                                 or term in always_out):
            term = ""
        words.append({"text": match.group(), "term": term, "span": match.span(),
                      "joined": bool(words) and bool(JOINS.match(text[previous_end:
                                                                       match.start()])),
                      "sentence_start": start})
        previous_end = match.end()
    return words


def _runs(words: list[dict], found: set[str]) -> list[list[dict]]:
    """Maximal runs of adjacent words that the profile uses; one joining word ("of",
    "and") may link two of them."""
    runs, current = [], []
    for word in words:
        if word["term"] is None:
            fits = word["text"].lower() in JOINING and bool(current) \
                and current[-1]["term"] is not None
        else:
            fits = bool(word["term"]) and word["term"] in found
        if fits and (word["joined"] or not current):
            current.append(word)
            continue
        runs.append(current)
        current = [word] if fits and word["term"] else []
    runs.append(current)
    trimmed = []
    for run in runs:
        while run and run[-1]["term"] is None:
            run = run[:-1]
        if run:
            trimmed.append(run)
    return trimmed


def _phrase_text(text: str, run: list[dict], capitalised_inside: set[str],
                 lower_words: set[str]) -> str:
    """The run as the problem statement writes it (hyphens kept), its first word in lower
    case at the start of a sentence when the statement writes it so elsewhere (and never
    capitalises it inside a sentence): "Roma" stays, "Children" becomes "children"."""
    phrase = text[run[0]["span"][0]:run[-1]["span"][1]]
    first = run[0]["text"]
    if (run[0]["sentence_start"] and first[:1].isupper() and first[1:].islower()
            and first.lower() in lower_words and first not in capitalised_inside):
        phrase = first[0].lower() + phrase[1:]
    return " ".join(phrase.split())


def phrases(text: str, found: set[str], idf, left_out=frozenset(),
            always_out=frozenset()) -> list[str]:
    """Up to MAX_PHRASES phrases of `text` made of words the profile uses, the most telling
    first: a word tells more the rarer it is in the registry (idf) and the more often the
    problem statement uses it. Names are not what an organisation works on: words of
    `left_out` (the members' names) written as names, and every word of `always_out` (the
    partnership's countries, said apart). Each set of words once, and none that tells less
    than a third of the best."""
    words = _words(text, set(left_out), set(always_out))
    emphasis = Counter(w["term"] for w in words if w["term"])
    capitalised_inside = {w["text"] for w in words
                          if not w["sentence_start"] and w["text"][:1].isupper()}
    lower_words = {w["text"] for w in words if w["text"].islower()}
    best: dict[frozenset, tuple[float, int, str]] = {}
    for order, run in enumerate(_runs(words, found)):
        terms = frozenset(w["term"] for w in run if w["term"])
        weight = sum((idf(t) or 0.0) * emphasis[t] for t in terms)
        if terms not in best or best[terms][0] < weight:
            best[terms] = (weight, order, _phrase_text(text, run, capitalised_inside, lower_words))
    # A phrase whose words another kept phrase holds adds nothing ("protection" beside
    # "child protection").
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[1][1]))
    kept: list[tuple[frozenset, str]] = []
    for terms, (weight, _, phrase) in ranked:
        if weight < ranked[0][1][0] / 3 or len(kept) == MAX_PHRASES:
            break
        if not any(terms <= other for other, _ in kept):
            kept.append((terms, phrase))
    return [phrase for _, phrase in kept]


def subject_terms(text: str, left_out=frozenset(), always_out=frozenset()) -> set[str]:
    """The terms of `text` that say what it is about: not only in names of members (as
    phrases() reads them) and not the partnership's countries."""
    return {w["term"] for w in _words(text, set(left_out), set(always_out)) if w["term"]}


def listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def place_terms(places) -> frozenset:
    return frozenset(t for code in places for t in tokenize(country_name(code)))


def mentioned_places(found: set[str], places) -> list[str]:
    """Names of the partnership's countries that the profile names."""
    names = []
    for code in sorted(places):
        terms = tokenize(country_name(code))
        if terms and all(t in found for t in terms):
            names.append(country_name(code))
    return names


def text_reason(text: str, found: set[str], idf, places, semantic: bool,
                left_out=frozenset()) -> str | None:
    said = phrases(text, found, idf, left_out, place_terms(places))
    if said:
        where = mentioned_places(found, places)
        return ("Describes work on " + listing([f"“{p}”" for p in said])
                + (" in " + listing(where) if where else ""))
    if semantic:
        return "Its profile and past partnerships are close in meaning to the problem"
    return None


def place_reason(country: str, places, value: float) -> str | None:
    if not country or not value:
        return None
    if country in places:
        return f"Based in {country_name(country)}, where the partnership works"
    return (f"Based in {country_name(country)}, in the same region as the partnership "
            f"({region_of(country)})")


def strength(share: float, geography: float, filled: list) -> str:
    """"good", "fair" or "weak" (see the module's docstring)."""
    if share >= GOOD_COVERAGE and (geography or filled):
        return "good"
    if share < WEAK_COVERAGE and not geography and not filled:
        return "weak"
    return "fair"


STRENGTH_LABELS = {"good": "Good match", "fair": "Partial match",
                   "weak": "Weak match: little in its profile matches the problem"}
