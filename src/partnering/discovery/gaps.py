"""What a partnership's problem needs (sectors, competencies, resources, countries, SDGs),
which members cover each need, and what is still missing."""

import functools
import math
from collections import Counter
from dataclasses import dataclass, field

from partnering.discovery.bm25 import tokenize
from partnering.registry.vocabulary import Sector

NEED_KINDS = ("sectors", "competencies", "resources", "countries", "sdg_goals")


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


@functools.lru_cache(maxsize=4096)
def _words(tag: str) -> frozenset:
    return frozenset(tokenize(tag))


def _matches(tag: str, offered) -> bool:
    wanted = _words(tag)
    return bool(wanted) and any(wanted <= _words(o) or tag.lower() == o.lower()
                                for o in offered)


def _org_facts(organisations, *, with_goals: bool = True) -> dict:
    return {
        o.pk: {"sector": o.sector, "country": o.country,
               "competencies": o.competencies or [], "resources": o.resources or [],
               "sdg_goals": {g.number for g in o.sdg_goals.all()} if with_goals else set()}
        for o in organisations
    }


def gap_analysis(needs: Needs, member_orgs) -> dict:
    """Per need, which members cover it, and what is missing."""
    facts = _org_facts(member_orgs, with_goals=bool(needs.sdg_goals))
    names = {o.pk: o.name for o in member_orgs}
    rows, missing = [], Needs()
    for kind, wanted in (("sectors", needs.sectors), ("competencies", needs.competencies),
                         ("resources", needs.resources), ("countries", needs.countries),
                         ("sdg_goals", needs.sdg_goals)):
        for item in wanted:
            covering = [names[pk] for pk, f in facts.items() if covers(kind, item, f)]
            rows.append({"kind": kind, "item": item, "covered_by": covering})
            if not covering:
                getattr(missing, kind).append(item)
    sectors = [f["sector"] for f in facts.values()]
    return {"rows": rows, "missing": missing, "diversity": sector_diversity(sectors),
            "sectors": Counter(sectors)}


def covers(kind: str, item, facts: dict) -> bool:
    if kind == "sectors":
        return facts["sector"] == item
    if kind in ("competencies", "resources"):
        return _matches(item, facts[kind])
    if kind == "countries":
        return facts["country"] == item
    return item in facts["sdg_goals"]


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
