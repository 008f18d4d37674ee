"""Partner recommendations: rank registry organisations for a problem, with their reasons.

Signals, each from 0 to 1, combined as a weighted mean the user can change:
- text: how well the organisation's profile and past partnerships match the problem, by
  BM25 and, with the [embeddings] extra, by sentence embeddings;
- network: how often it has worked with the current members (shared partnerships, flows);
- gaps: share of the still-missing needs (sectors, competencies, resources, geographies,
  SDGs) the organisation would fill;
- diversity: whether it brings a sector the table does not have (8 Actions);
- geography: where it is based against the partnership's countries (and the countries its
  needs name): 1 in one of them, GEO_REGION in another country of their region (UN M49
  sub-regions, reference/regions.py), else 0;
- sdg: overlap with the SDGs the partnership works on.

Text and network are open-ended scores whose scales differ from query to query (a BM25
score of 40 may be the best match for one problem and a weak one for another), so they
enter by rank, as in reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): an
organisation ranked r-th by a method gets K / (K + r), with K = 60 as published, not fitted
to our data; each text method counts half of "text" when both serve. The other signals are
already shares from 0 to 1. bench/matching.py evaluates exactly this combination, with
DEFAULT_WEIGHTS, against each signal alone on IATI data.
"""

import functools
from dataclasses import dataclass

from django.db.models import Count, Q

from partnering.discovery import embeddings, profiles, reasons
from partnering.discovery.bm25 import Ranks, tokenize
from partnering.discovery.gaps import (  # noqa: F401  (the recommendations' vocabulary)
    NEED_KINDS,
    Needs,
    covers,
    gap_analysis,
    needs_of,
    sector_diversity,
)
from partnering.discovery.weights import (  # noqa: F401  (asked for as ranking.*)
    DEFAULT_WEIGHTS,
    MAX_WEIGHT,
    SIGNALS,
    check_problem,
    parse_weights,
)
from partnering.finance.models import ResourceFlow
from partnering.partnerships.models import Membership
from partnering.reference.countries import country_name
from partnering.reference.regions import REGIONS, region_of
from partnering.registry.models import Organisation
from partnering.registry.vocabulary import Sector

MAX_LIMIT = 50
RANK_K = 60
# An organisation in the partnership's region but not in one of its countries counts half
# as much as one in its countries (bench/matching.py measures the geography signal).
GEO_REGION = 0.5
# Ranks past this count as no match: beyond it, K / (K + r) is below 0.06.
DEPTH = 1000
# Candidates taken from each source (BM25, embeddings, network, needs) before their signals
# are computed: at most 50 are shown, and the reads grow with the pool.
POOL = 100
METHOD = "bm25"
METHOD_NOTE = ("Text relevance by BM25 over indexed profiles (lexical). Sentence embeddings "
               "are not installed on this server.")
METHOD_EMBEDDINGS = "bm25+embeddings"
NOTE_EMBEDDINGS = ("Text relevance by BM25 over indexed profiles and all-MiniLM-L6-v2 sentence "
                   "embeddings, fused by rank.")
NOTE_PENDING = ("Text relevance by BM25 over indexed profiles (lexical). Sentence embeddings "
                "are installed; the profiles are being embedded in the background.")


def rank_value(rank: float) -> float:
    return RANK_K / (RANK_K + rank)


def average_ranks(values: dict, depth: int = DEPTH) -> dict:
    """Rank (1 = best) of each key with a value above zero, the `depth` best; tied keys
    share the mean of their positions."""
    ordered = sorted(((v, k) for k, v in values.items() if v > 0), key=lambda p: -p[0])
    result, position = {}, 0
    while position < len(ordered) and position < depth:
        end = position
        while end < len(ordered) and ordered[end][0] == ordered[position][0]:
            end += 1
        rank = position + (end - position + 1) / 2
        for _, key in ordered[position:end]:
            result[key] = rank
        position = end
    return result


def text_value(key, lexical: dict, semantic: dict | None) -> float:
    """The mean over the text methods that serve of K / (K + rank); `lexical` and
    `semantic` map keys to their BM25 and embedding ranks (None: embeddings do not serve)."""
    methods = (lexical,) if semantic is None else (lexical, semantic)
    return sum(rank_value(m[key]) for m in methods if key in m) / len(methods)


def text_signal(lexical: dict, semantic: dict | None) -> dict:
    """text_value of every key either method ranks."""
    return {key: text_value(key, lexical, semantic)
            for key in set(lexical).union(semantic or ())}


def network_signal(strength: dict) -> dict:
    """K / (K + rank) of how often each organisation worked with the current members."""
    return {key: rank_value(rank) for key, rank in average_ranks(strength).items()}


def regions_of(places) -> set[str]:
    return {region_of(c) for c in places} - {""}


def geography_value(country: str, places, regions) -> float:
    """1 for an organisation based in one of `places`, GEO_REGION in one of `regions`."""
    if not country:
        return 0.0
    if country in places:
        return 1.0
    return GEO_REGION if region_of(country) in regions else 0.0


def combine(signals: dict, weights: dict) -> float:
    """The weighted mean of one candidate's signals (missing signals count as 0)."""
    total = sum(weights.values())
    return sum(weights[name] * signals.get(name, 0.0) for name in weights) / total


def _neighbours(member_ids: set[int]) -> tuple[dict[int, int], dict[int, set]]:
    """Organisations that worked with current members, the DEPTH closest: how many times
    each shared a partnership or a resource flow with a member; and, for flows, with which
    members. One query for shared partnerships, one for flows."""
    if not member_ids:
        return {}, {}
    times = dict(
        Membership.objects.filter(partnership__memberships__organisation_id__in=member_ids)
        .exclude(organisation_id__in=member_ids).values("organisation_id")
        .annotate(times=Count("id")).order_by("-times", "organisation_id")
        .values_list("organisation_id", "times")[:DEPTH])
    flowed: dict[int, set] = {}
    for provider, receiver, n in (
            ResourceFlow.objects.filter(Q(provider_id__in=member_ids)
                                        | Q(receiver_id__in=member_ids))
            .values("provider_id", "receiver_id").annotate(n=Count("id"))
            .order_by("-n", "provider_id", "receiver_id")
            .values_list("provider_id", "receiver_id", "n")[:DEPTH]):
        for org, member in ((receiver, provider), (provider, receiver)):
            if member in member_ids and org and org not in member_ids:
                times[org] = times.get(org, 0) + n
                flowed.setdefault(org, set()).add(member)
    return times, flowed


def _partners(ids: list[int], member_ids: set[int], flowed: dict[int, set]) -> dict[int, int]:
    """How many current members each of these organisations has worked with."""
    pairs = Membership.objects.filter(
        organisation_id__in=ids, partnership__memberships__organisation_id__in=member_ids
    ).values_list("organisation_id", "partnership__memberships__organisation_id").distinct()
    partners = {org: set(members) for org, members in flowed.items() if org in ids}
    for org, member in pairs:
        partners.setdefault(org, set()).add(member)
    return {org: len(members) for org, members in partners.items()}


@functools.lru_cache(maxsize=256)
def _query_vector(text: str) -> bytes:
    return embeddings.query_vector_bytes(text)


def _text_ranks(text: str, member_ids: set[int]) -> tuple[Ranks, Ranks | None, str, str]:
    """BM25 and embedding ranks of the DEPTH best non-members, and the method that served."""
    # Embedded before the index is taken: the lock is not held through ~20 ms of the model.
    query = embeddings.from_bytes(_query_vector(text)) if embeddings.available() else None
    with profiles.reading() as index:
        lexical = index.bm25.scores(text)
        lexical.exclude(member_ids)
        lexical_ranks = lexical.ranking(DEPTH)
        semantic_ranks = None
        if query is not None and len(index.vectors):
            # Past a few hundred thousand profiles the vectors score a shortlist (coarse.py):
            # BM25's best are scored too, so that the fusion has both ranks for them.
            semantic = index.vectors.scores(query, also=lexical_ranks.best(DEPTH))
            semantic.exclude(member_ids)
            semantic_ranks = semantic.ranking(DEPTH)
            embedded, total = len(index.vectors), len(index.bm25)
    if semantic_ranks is not None:
        note = NOTE_EMBEDDINGS
        if embedded < total:
            note += (f" {embedded:,} of {total:,} profiles are embedded so far; the others "
                     f"are being embedded in the background and rank by BM25 alone.")
        return lexical_ranks, semantic_ranks, METHOD_EMBEDDINGS, note
    return lexical_ranks, None, METHOD, NOTE_PENDING if query is not None else METHOD_NOTE


@dataclass
class _Problem:
    """What a recommendation is for: the problem, the members at the table and what they
    still miss, the places and the SDGs."""

    text: str
    member_ids: set
    members: list
    gaps: dict
    places: set
    regions: set
    goals: set

    @property
    def missing(self) -> Needs:
        return self.gaps["missing"]

    @property
    def unmet(self) -> int:
        return sum(len(getattr(self.missing, kind)) for kind in NEED_KINDS)


def _problem(text, needs: Needs, member_ids, countries, sdg_goals) -> _Problem:
    member_ids = set(member_ids)
    members = Organisation.objects.filter(pk__in=member_ids)
    members = list(members.prefetch_related("sdg_goals") if needs.sdg_goals else members)
    places = set(countries) | set(needs.countries)
    return _Problem(text=text, member_ids=member_ids, members=members,
                    gaps=gap_analysis(needs, members), places=places,
                    regions=regions_of(places), goals=set(sdg_goals) | set(needs.sdg_goals))


def _wanted(problem: _Problem) -> Q:
    """Organisations that would fill a missing sector, work in the places or on the SDGs."""
    wanted = Q()
    if problem.missing.sectors:
        wanted |= Q(sector__in=problem.missing.sectors)
    if problem.places:
        wanted |= Q(country__in=problem.places | {
            c for r in problem.regions for c in REGIONS[r].split()})
    if problem.goals:
        wanted |= Q(sdg_goals__number__in=problem.goals)
    return wanted


def _pool(problem: _Problem, lexical: Ranks, semantic: Ranks | None, network: dict) -> set:
    """The candidates worth scoring: the best by text, by network and by what they fill."""
    pool = set(lexical.best(POOL))
    if semantic is not None:
        pool |= set(semantic.best(POOL))
    pool |= {key for key, _ in sorted(network.items(), key=lambda p: -p[1])[:POOL]}
    wanted = _wanted(problem)
    if wanted:
        pool |= set(Organisation.objects.filter(wanted).exclude(pk__in=problem.member_ids)
                    .order_by("pk").values_list("pk", flat=True).distinct()[:POOL])
    pool -= problem.member_ids
    lexical.find(pool)
    if semantic is not None:
        semantic.find(pool)
    return pool


def _facts(problem: _Problem, pool: set):
    """(pk, name, facts) of each candidate: plain rows, not model instances, and the tag
    lists only when a need asks for them (hundreds of candidates are read per request)."""
    missing = problem.missing
    tags = ("competencies", "resources") if missing.competencies or missing.resources else ()
    rows = Organisation.objects.filter(pk__in=pool).values_list(
        "pk", "name", "sector", "country", *tags)
    org_goals: dict[int, set] = {}
    if problem.goals or missing.sdg_goals:
        for org, number in Organisation.sdg_goals.through.objects.filter(
                organisation_id__in=pool).values_list("organisation_id", "sdggoal__number"):
            org_goals.setdefault(org, set()).add(number)
    for pk, name, sector, country, *listed in rows:
        competencies, resources = listed or ([], [])
        yield pk, name, {"sector": sector, "country": country,
                         "competencies": competencies or [], "resources": resources or [],
                         "sdg_goals": org_goals.get(pk, set())}


def _signals(problem: _Problem, pk, facts: dict, filled: list, text_ranks, network) -> dict:
    present_sectors = {o.sector for o in problem.members}
    goals = problem.goals
    return {
        "text": text_value(pk, *text_ranks),
        "gaps": len(filled) / problem.unmet if problem.unmet else 0.0,
        "diversity": 1.0 if facts["sector"] not in present_sectors else 0.0,
        "network": network.get(pk, 0.0),
        "geography": geography_value(facts["country"], problem.places, problem.regions),
        "sdg": len(facts["sdg_goals"] & goals) / len(goals) if goals else 0.0,
    }


def _score(problem: _Problem, pool: set, text_ranks, network: dict, weights: dict,
           limit: int) -> list:
    """The best `limit` candidates: (score, name, pk, signals, filled needs, facts)."""
    scored = []
    for pk, name, facts in _facts(problem, pool):
        filled = [(kind, item) for kind in NEED_KINDS
                  for item in getattr(problem.missing, kind) if covers(kind, item, facts)]
        signals = _signals(problem, pk, facts, filled, text_ranks, network)
        scored.append((combine(signals, weights), name, pk, signals, filled, facts))
    scored.sort(key=lambda c: (-c[0], c[1], c[2]))
    return scored[:limit]


def _terms(problem: _Problem, statement, scored: list):
    """Under the index lock: each problem word's rarity, the subject's weighted terms,
    and the terms each candidate's profile holds."""
    with profiles.held() as index:
        term_idf = {t: index.bm25.idf(t) for t in set(tokenize(problem.text))}
        query_terms = {t: term_idf[t] * n
                       for t, n in index.bm25.query_terms(problem.text).items()
                       if t in statement.subject_terms}
        found = {c[2]: index.bm25.terms_of(c[2]) for c in scored}
    return term_idf, query_terms, found


def _explained(problem: _Problem, scored: list, semantic, times, flowed) -> list[dict]:
    """The candidates as answered, each with its strength and plain reasons."""
    partners = _partners([c[2] for c in scored if c[2] in times], problem.member_ids, flowed)
    sector_labels = dict(Sector.choices)
    # The members' names say who is at the table, and the countries where: neither is
    # what a candidate works on.
    left_out = frozenset(t for o in problem.members for t in tokenize(f"{o.name} {o.acronym}"))
    statement = reasons.Statement(problem.text, left_out, reasons.place_terms(problem.places))
    term_idf, query_terms, found = _terms(problem, statement, scored)
    candidates = []
    for score, name, pk, signals, filled, facts in scored:
        share = reasons.coverage(query_terms, found[pk])
        strength = reasons.strength(share, signals["geography"], filled)
        candidates.append({
            "organisation_id": pk, "name": name, "sector": facts["sector"],
            "sector_label": str(sector_labels.get(facts["sector"], facts["sector"])),
            "country": facts["country"], "country_name": country_name(facts["country"]),
            "score": round(score, 4), "signals": {k: round(v, 4) for k, v in signals.items()},
            "coverage": round(share, 4), "strength": strength,
            "strength_label": str(reasons.STRENGTH_LABELS[strength]),
            "reasons": reasons.explain(
                statement, found[pk], term_idf.get, facts, signals, filled,
                places=problem.places, goals=problem.goals,
                semantic=bool(semantic and pk in semantic),
                worked=(partners.get(pk, 0), times[pk]) if pk in times else None),
        })
    return candidates


def recommend(text: str, needs: Needs, *, member_ids=(), countries=(), sdg_goals=(),
              weights=None, limit: int = 10) -> dict:
    problem = _problem(check_problem(text), needs, member_ids, countries, sdg_goals)
    weights = weights or dict(DEFAULT_WEIGHTS)
    limit = max(1, min(int(limit), MAX_LIMIT))
    times, flowed = _neighbours(problem.member_ids)
    network = network_signal(times)
    lexical, semantic, method, note = _text_ranks(problem.text, problem.member_ids)
    pool = _pool(problem, lexical, semantic, network)
    scored = _score(problem, pool, (lexical, semantic), network, weights, limit)
    return {"method": method, "method_note": note, "weights": weights,
            "diversity": round(problem.gaps["diversity"], 4),
            "candidates": _explained(problem, scored, semantic, times, flowed)}


def for_partnership(partnership, *, weights=None, limit: int = 10) -> dict:
    text = "\n".join(p for p in (partnership.title, partnership.problem_statement,
                                 partnership.scope) if p)
    members = set(partnership.memberships.values_list("organisation_id", flat=True))
    return recommend(text, needs_of(partnership), member_ids=members,
                     countries=partnership.countries,
                     sdg_goals=list(partnership.sdg_goals.values_list("number", flat=True)),
                     weights=weights, limit=limit)
