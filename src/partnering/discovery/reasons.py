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

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from partnering.discovery.bm25 import STOPWORDS, WORD, stem, tokenize
from partnering.reference.countries import country_name
from partnering.reference.regions import region_of
from partnering.registry.vocabulary import Sector

# Set by reading the demo's recommendations for a Bosnian child-protection partnership:
# the organisations that describe child protection for Roma and migrant children cover
# 0.22-0.30 of its statement, the Malawian ministry of social welfare 0.20, the Malawian
# savings federation that shares only "child" and "community organisation" 0.19, those
# that share "protection" and "monitoring" 0.05-0.07. bench/matching.py does not use them:
# they label, they do not rank.
WEAK_COVERAGE = 0.2
GOOD_COVERAGE = 0.22
MAX_PHRASES = 3
SENTENCE_END = re.compile(r"[.!?:;\n]")
JOINING = {"of", "and", "for", "on", "in"}
JOINS = re.compile(r"^[\s\-–/]*$")  # only spaces, hyphens or slashes between two words


def coverage(query_terms: dict[str, float], found: set[str]) -> float:
    """The weighted share of the query's terms (term → weight: its idf times how often the
    query uses it) that the profile uses."""
    total = sum(query_terms.values())
    return sum(w for t, w in query_terms.items() if t in found) / total if total else 0.0


class Statement:
    """A problem statement read once for the reasons of all its candidates: its words, each
    with its term (None for a function word, "" for one left out: a word of `left_out`, the
    members' names, written as a name, capitalised inside a sentence; every word of
    `always_out`, the partnership's countries, said apart), whether only a space or a hyphen
    separates it from the word before, and whether it starts a sentence."""

    def __init__(self, text: str, left_out=frozenset(), always_out=frozenset()):
        self.text = text
        self.words, previous_end = [], 0
        for match in WORD.finditer(text):
            low = match.group().lower()
            term = None if low in STOPWORDS else stem(low)
            gap = text[previous_end:match.start()]
            start = not self.words or bool(SENTENCE_END.search(gap))
            # A capitalised word of a name left out ("World Vision's programmes") names
            # who, not what; the same word in lower case ("water") is what it is about.
            if term in always_out or (term in left_out and match.group()[:1].isupper()
                                      and not start):
                term = ""
            self.words.append({"text": match.group(), "term": term, "span": match.span(),
                               "joined": bool(self.words) and bool(JOINS.match(gap)),
                               "sentence_start": start})
            previous_end = match.end()
        self.emphasis = Counter(w["term"] for w in self.words if w["term"])
        self.capitalised_inside = {w["text"] for w in self.words
                                   if not w["sentence_start"] and w["text"][:1].isupper()}
        self.lower_words = {w["text"] for w in self.words if w["text"].islower()}
        # What runs() reads of each word, read once for every candidate.
        self._plain = [(w, w["term"], w["joined"], w["text"].lower() in JOINING)
                       for w in self.words]

    @property
    def subject_terms(self) -> set[str]:
        """The terms that say what the statement is about (names and places left out)."""
        return set(self.emphasis)

    def runs(self, found: set[str]) -> list[list[dict]]:
        """Maximal runs of adjacent words that the profile uses; one joining word ("of",
        "and") may link two of them."""
        runs, current = [], []
        for word, term, joined, joining in self._plain:
            if term is None:
                fits = joining and bool(current) and current[-1]["term"] is not None
            else:
                fits = bool(term) and term in found
            if fits and (joined or not current):
                current.append(word)
                continue
            if current:
                runs.append(current)
            current = [word] if fits and term else []
        if current:
            runs.append(current)
        trimmed = []
        for run in runs:
            while run and run[-1]["term"] is None:
                run = run[:-1]
            if run:
                trimmed.append(run)
        return trimmed

    def phrase_text(self, run: list[dict]) -> str:
        """The run as the statement writes it (hyphens kept), its first word in lower case
        at the start of a sentence when the statement writes it so elsewhere (and never
        capitalises it inside a sentence): "Roma" stays, "Children" becomes "children"."""
        phrase = self.text[run[0]["span"][0]:run[-1]["span"][1]]
        first = run[0]["text"]
        if (run[0]["sentence_start"] and first[:1].isupper() and first[1:].islower()
                and first.lower() in self.lower_words
                and first not in self.capitalised_inside):
            phrase = first[0].lower() + phrase[1:]
        return " ".join(phrase.split())

    def phrases(self, found: set[str], idf) -> list[str]:
        """Up to MAX_PHRASES phrases made of words the profile uses, the most telling
        first: a word tells more the rarer it is in the registry (idf) and the more often
        the statement uses it. Each set of words once, and none that tells less than a
        third of the best."""
        best: dict[frozenset, tuple[float, int, list]] = {}
        for order, run in enumerate(self.runs(found)):
            terms = frozenset(w["term"] for w in run if w["term"])
            weight = sum((idf(t) or 0.0) * self.emphasis[t] for t in terms)
            if terms not in best or best[terms][0] < weight:
                best[terms] = (weight, order, run)
        # A phrase whose words another kept phrase holds adds nothing ("protection" beside
        # "child protection").
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[1][1]))
        kept: list[tuple[frozenset, list]] = []
        for terms, (weight, _order, run) in ranked:
            if weight < ranked[0][1][0] / 3 or len(kept) == MAX_PHRASES:
                break
            if not any(terms <= other for other, _run in kept):
                kept.append((terms, run))
        return [self.phrase_text(run) for _terms, run in kept]


def phrases(text: str, found: set[str], idf, left_out=frozenset(),
            always_out=frozenset()) -> list[str]:
    """Statement(text, left_out, always_out).phrases(found, idf)."""
    return Statement(text, left_out, always_out).phrases(found, idf)


def listing(items: list[str]) -> str:
    """"a, b and c", in the reader's language."""
    if len(items) == 1:
        return items[0]
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


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


def text_reason(statement: Statement, found: set[str], idf, places,
                semantic: bool) -> str | None:
    said = statement.phrases(found, idf)
    if said:
        where = mentioned_places(found, places)
        phrases = listing([f"“{p}”" for p in said])
        if where:
            return _("Describes work on %(phrases)s in %(places)s") % {
                "phrases": phrases, "places": listing(where)}
        return _("Describes work on %(phrases)s") % {"phrases": phrases}
    if semantic:
        return _("Its profile and past partnerships are close in meaning to the problem")
    return None


def place_reason(country: str, places, value: float) -> str | None:
    if not country or not value:
        return None
    if country in places:
        return _("Based in %(country)s, where the partnership works") % {
            "country": country_name(country)}
    return _("Based in %(country)s, in the same region as the partnership (%(region)s)") % {
        "country": country_name(country), "region": region_of(country)}


def strength(share: float, geography: float, filled: list) -> str:
    """"good", "fair" or "weak" (see the module's docstring)."""
    if share >= GOOD_COVERAGE and (geography or filled):
        return "good"
    if share < WEAK_COVERAGE and not geography and not filled:
        return "weak"
    return "fair"


STRENGTH_LABELS = {"good": gettext_lazy("Good match"), "fair": gettext_lazy("Partial match"),
                   "weak": gettext_lazy("Weak match: little in its profile matches the "
                                        "problem")}


def explain(statement, found, idf, facts, signals, filled, *, places, goals, semantic,
            worked) -> list[str]:
    """Why, in a broker's words: what in its profile matches, where it is based, what it
    brings; never how the ranking was computed (that is the answer's `method`)."""
    said = [text_reason(statement, found, idf, places, semantic),
            place_reason(facts["country"], places, signals["geography"])]
    if filled:
        said.append(_("Brings what the partnership still needs: %(needs)s") % {
            "needs": listing([need_label(k, i) for k, i in filled])})
    if signals["diversity"]:
        said.append(_("Brings a sector not yet at the table: %(sector)s") % {
            "sector": need_label("sectors", facts["sector"])})
    if worked:
        said.append(_worked_reason(*worked))
    shared_goals = facts["sdg_goals"] & goals
    if shared_goals:
        said.append(_("Works on %(goals)s") % {
            "goals": listing([need_label("sdg_goals", g) for g in sorted(shared_goals)])})
    return [r for r in said if r]


def _worked_reason(members: int, times: int) -> str:
    return ngettext("Has worked with %(members)s of the current members before (%(num)s "
                    "shared partnership or resource flow)",
                    "Has worked with %(members)s of the current members before (%(num)s "
                    "shared partnerships or resource flows)", times) % {
        "members": members, "num": times}


def need_label(kind: str, item) -> str:
    """A need as the gaps page names it."""
    if kind == "sectors":
        return str(dict(Sector.choices).get(item, item))
    if kind == "sdg_goals":
        return _("SDG %(number)s") % {"number": item}
    return str(item)
