"""Partner recommendations: rank registry organisations for a problem, with their reasons.

Signals, each from 0 to 1, combined as a weighted mean the user can change:
- text: BM25 relevance of the organisation's profile and past partnerships to the problem;
- gaps: share of the still-missing needs (sectors, competencies, resources, geographies,
  SDGs) the organisation would fill;
- diversity: whether it brings a sector the table does not have (seed 004);
- network: current members it has worked with (shared partnerships, resource flows);
- geography and sdg: overlap with where and on what the partnership works.
"""

import math
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q

from partnering.discovery import embeddings
from partnering.discovery.bm25 import tokenize
from partnering.discovery.profiles import current_index, current_vectors
from partnering.finance.models import ResourceFlow
from partnering.limits import MAX_TEXT
from partnering.partnerships.models import Membership
from partnering.registry.models import Organisation
from partnering.registry.vocabulary import Sector

SIGNALS = ("text", "gaps", "diversity", "network", "geography", "sdg")
DEFAULT_WEIGHTS = {"text": 2.0, "gaps": 1.5, "diversity": 0.5, "network": 1.0,
                   "geography": 1.0, "sdg": 0.5}
MAX_WEIGHT = 100
MAX_LIMIT = 50
POOL = 300  # candidates considered from each source before the reasons are computed
METHOD = "bm25"
METHOD_NOTE = ("Text relevance by BM25 over indexed profiles (lexical). Sentence embeddings "
               "are not installed on this server.")
METHOD_EMBEDDINGS = "bm25+embeddings"
NOTE_EMBEDDINGS = ("Text relevance by BM25 over indexed profiles and all-MiniLM-L6-v2 sentence "
                   "embeddings, averaged.")


def parse_weights(raw: str | dict | None) -> dict[str, float]:
    """`text:2,gaps:1` (or a dict) → weights; unknown names, negatives, all-zero → error."""
    weights = dict(DEFAULT_WEIGHTS)
    if raw in (None, "", {}):
        return weights
    if isinstance(raw, str):
        pairs = {}
        for part in raw.split(","):
            name, sep, value = part.partition(":")
            if not sep:
                raise ValidationError({"weights": "Write weights as name:number pairs, e.g. "
                                                  "text:2,gaps:1."})
            pairs[name.strip()] = value.strip()
        raw = pairs
    for name, value in raw.items():
        if name not in SIGNALS:
            raise ValidationError({"weights": f"Unknown reason “{name}”; use "
                                              f"{', '.join(SIGNALS)}."})
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValidationError({"weights": f"The weight of {name} is not a number."}) \
                from None
        if not math.isfinite(number) or number < 0 or number > MAX_WEIGHT:
            raise ValidationError({"weights": f"Weights are numbers from 0 to {MAX_WEIGHT}."})
        weights[name] = number
    if not any(weights.values()):
        raise ValidationError({"weights": "At least one weight must be above zero."})
    return weights


def check_problem(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"problem_statement": "Describe the problem to find partners "
                                                    "for."})
    if len(text) > MAX_TEXT:
        raise ValidationError({"problem_statement": f"At most {MAX_TEXT} characters."})
    if not tokenize(text):
        raise ValidationError({"problem_statement": "Use words that describe the problem."})
    return text


@dataclass
class Needs:
    sectors: list = field(default_factory=list)
    competencies: list = field(default_factory=list)
    resources: list = field(default_factory=list)
    countries: list = field(default_factory=list)
    sdg_goals: list = field(default_factory=list)


def sector_diversity(sectors) -> float:
    """Normalised Shannon entropy of the sectors at the table: 0 = one sector, 1 = all eight
    equally."""
    counts = Counter(s for s in sectors if s)
    total = sum(counts.values())
    if total == 0:
        return 0.0
    entropy = -sum(c / total * math.log(c / total) for c in counts.values())
    return entropy / math.log(len(Sector.values))


def _matches(tag: str, offered) -> bool:
    wanted = set(tokenize(tag))
    return bool(wanted) and any(wanted <= set(tokenize(o)) or tag.lower() == o.lower()
                                for o in offered)


def _org_facts(organisations) -> dict:
    return {
        o.pk: {"sector": o.sector, "country": o.country,
               "competencies": o.competencies or [], "resources": o.resources or [],
               "sdg_goals": {g.number for g in o.sdg_goals.all()}}
        for o in organisations
    }


def gap_analysis(needs: Needs, member_orgs) -> dict:
    """Per need, which members cover it, and what is missing."""
    facts = _org_facts(member_orgs)
    names = {o.pk: o.name for o in member_orgs}
    rows, missing = [], Needs()
    for kind, wanted in (("sectors", needs.sectors), ("competencies", needs.competencies),
                         ("resources", needs.resources), ("countries", needs.countries),
                         ("sdg_goals", needs.sdg_goals)):
        for item in wanted:
            covering = [names[pk] for pk, f in facts.items() if _covers(kind, item, f)]
            rows.append({"kind": kind, "item": item, "covered_by": covering})
            if not covering:
                getattr(missing, kind).append(item)
    sectors = [f["sector"] for f in facts.values()]
    return {"rows": rows, "missing": missing, "diversity": sector_diversity(sectors),
            "sectors": Counter(sectors)}


def _covers(kind: str, item, facts: dict) -> bool:
    if kind == "sectors":
        return facts["sector"] == item
    if kind in ("competencies", "resources"):
        return _matches(item, facts[kind])
    if kind == "countries":
        return facts["country"] == item
    return item in facts["sdg_goals"]


def _neighbours(member_ids: set[int]) -> Counter:
    """Organisations that worked with current members: shared partnerships and flows."""
    if not member_ids:
        return Counter()
    partnerships = Membership.objects.filter(organisation_id__in=member_ids).values(
        "partnership_id")
    pairs = set()
    rows = Membership.objects.filter(partnership_id__in=partnerships).exclude(
        organisation_id__in=member_ids).values_list("organisation_id", "partnership_id")
    members_in = {}
    for org_id, p_id in Membership.objects.filter(
            partnership_id__in=partnerships, organisation_id__in=member_ids).values_list(
            "organisation_id", "partnership_id"):
        members_in.setdefault(p_id, set()).add(org_id)
    for org_id, p_id in rows:
        for member in members_in.get(p_id, ()):
            pairs.add((org_id, member))
    for provider, receiver in ResourceFlow.objects.filter(
            Q(provider_id__in=member_ids) | Q(receiver_id__in=member_ids)).values_list(
            "provider_id", "receiver_id"):
        if provider in member_ids and receiver and receiver not in member_ids:
            pairs.add((receiver, provider))
        if receiver in member_ids and provider and provider not in member_ids:
            pairs.add((provider, receiver))
    return Counter(org for org, _ in pairs)


def recommend(text: str, needs: Needs, *, member_ids=(), countries=(), sdg_goals=(),
              weights=None, limit: int = 10) -> dict:
    text = check_problem(text)
    weights = weights or dict(DEFAULT_WEIGHTS)
    limit = max(1, min(int(limit), MAX_LIMIT))
    member_ids = set(member_ids)
    members = list(Organisation.objects.filter(pk__in=member_ids).prefetch_related("sdg_goals"))
    gaps = gap_analysis(needs, members)
    missing = gaps["missing"]
    member_sectors = [o.sector for o in members]
    present_sectors = set(member_sectors)
    places = set(countries) | set(needs.countries)
    goals = set(sdg_goals) | set(needs.sdg_goals)

    bm25 = current_index().scores(text)
    similar = {}
    if embeddings.available():
        similar = embeddings.similarities(embeddings.embed([text])[0], current_vectors())
    for pk in member_ids:
        bm25.pop(pk, None)
        similar.pop(pk, None)
    top_text = sorted(bm25, key=bm25.get, reverse=True)[:POOL]
    top_text += sorted(similar, key=similar.get, reverse=True)[:POOL]
    network = _neighbours(member_ids)
    pool = set(top_text) | set(network)
    wanted = Q()
    if missing.sectors:
        wanted |= Q(sector__in=missing.sectors)
    if places:
        wanted |= Q(country__in=places)
    if goals:
        wanted |= Q(sdg_goals__number__in=goals)
    if wanted:
        pool |= set(Organisation.objects.filter(wanted).exclude(pk__in=member_ids)
                    .values_list("pk", flat=True).distinct()[:POOL])
    pool -= member_ids
    best_text = max(bm25.values(), default=0.0) or 1.0
    best_similar = max(similar.values(), default=0.0) or 1.0
    unmet = sum(len(getattr(missing, k)) for k in
                ("sectors", "competencies", "resources", "countries", "sdg_goals"))
    before = gaps["diversity"]
    total_weight = sum(weights.values())
    candidates = []
    for org in Organisation.objects.filter(pk__in=pool).prefetch_related("sdg_goals"):
        facts = _org_facts([org])[org.pk]
        filled = [(kind, item) for kind in ("sectors", "competencies", "resources",
                                            "countries", "sdg_goals")
                  for item in getattr(missing, kind) if _covers(kind, item, facts)]
        after = sector_diversity(member_sectors + [org.sector])
        worked = network.get(org.pk, 0)
        org_goals = facts["sdg_goals"]
        signals = {
            "text": (bm25.get(org.pk, 0.0) / best_text if not similar else
                     (bm25.get(org.pk, 0.0) / best_text
                      + similar.get(org.pk, 0.0) / best_similar) / 2),
            "gaps": len(filled) / unmet if unmet else 0.0,
            "diversity": 1.0 if org.sector not in present_sectors else 0.0,
            "network": min(1.0, worked / 2),
            "geography": 1.0 if org.country and org.country in places else 0.0,
            "sdg": len(org_goals & goals) / len(goals) if goals else 0.0,
        }
        score = sum(weights[k] * signals[k] for k in SIGNALS) / total_weight
        reasons = []
        if signals["text"] > 0:
            reasons.append(f"Profile and past partnerships match the problem "
                           f"({signals['text']:.0%} of the best match)")
        if filled:
            reasons.append("Fills gaps: " + ", ".join(_label(k, i) for k, i in filled))
        if signals["diversity"]:
            reasons.append(f"Brings a sector not at the table: {org.get_sector_display()} "
                           f"(diversity {before:.2f} → {after:.2f})")
        if worked:
            reasons.append(f"Has worked with {worked} current member(s) before")
        if signals["geography"]:
            reasons.append(f"Based in {org.country_name}")
        if org_goals & goals:
            reasons.append("Works on " + ", ".join(f"SDG {g}" for g in sorted(org_goals & goals)))
        candidates.append({
            "organisation_id": org.pk, "name": org.name, "sector": org.sector,
            "sector_label": org.get_sector_display(), "country": org.country,
            "score": round(score, 4), "signals": {k: round(v, 4) for k, v in signals.items()},
            "reasons": reasons,
        })
    candidates.sort(key=lambda c: (-c["score"], c["name"], c["organisation_id"]))
    method, note = (METHOD_EMBEDDINGS, NOTE_EMBEDDINGS) if similar else (METHOD, METHOD_NOTE)
    return {"method": method, "method_note": note, "weights": weights,
            "diversity": round(before, 4), "candidates": candidates[:limit]}


def _label(kind: str, item) -> str:
    if kind == "sectors":
        return dict(Sector.choices).get(item, item)
    if kind == "sdg_goals":
        return f"SDG {item}"
    return str(item)


def needs_of(partnership) -> Needs:
    needs = getattr(partnership, "needs", None) if _has_needs(partnership) else None
    if needs is None:
        return Needs()
    return Needs(sectors=list(needs.sectors), competencies=list(needs.competencies),
                 resources=list(needs.resources), countries=list(needs.countries),
                 sdg_goals=list(needs.sdg_goals))


def _has_needs(partnership) -> bool:
    from partnering.discovery.models import PartnershipNeeds
    try:
        partnership.needs  # noqa: B018
    except PartnershipNeeds.DoesNotExist:
        return False
    return True


def for_partnership(partnership, *, weights=None, limit: int = 10) -> dict:
    text = "\n".join(p for p in (partnership.title, partnership.problem_statement,
                                 partnership.scope) if p)
    members = set(partnership.memberships.values_list("organisation_id", flat=True))
    return recommend(text, needs_of(partnership), member_ids=members,
                     countries=partnership.countries,
                     sdg_goals=list(partnership.sdg_goals.values_list("number", flat=True)),
                     weights=weights, limit=limit)
