"""Find a broker for a partnership: every broker on the roster ranked by what they offer
against what the partnership needs, with reasons in plain words ("speaks Bosnian", "works in
Bosnia and Herzegovina", "child protection", "resolving conflicts", "4 days a month free"),
and a flag on an external broker who works for one of the members (a conflict of interest).

The ranking is one indexed GROUP BY over BrokerTag (what each broker offers, with its
weight, kept by roster.services.retag) joined to the profile for the free days; only the
top candidates are read whole. bench/find_broker.py measures it among 10,000 brokers."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnering.brokers.roster.models import BrokerProfile, BrokerTag
from partnering.brokers.roster.services import WEIGHTS
from partnering.brokers.vocabulary import (
    FIELDS_OF_GOALS,
    FIELDS_OF_TARGETS,
    BrokerKind,
    FieldOfWork,
    Specialty,
)
from partnering.reference.countries import country_name
from partnering.reference.regions import region_of
from partnering.translations.languages import language_name

LIMIT = 20
AVAILABLE_WEIGHT = 2


@dataclass
class Criteria:
    languages: list = field(default_factory=list)
    countries: list = field(default_factory=list)
    sectors: list = field(default_factory=list)
    specialties: list = field(default_factory=list)
    days: Decimal = Decimal("2")
    kind: str = ""

    @property
    def regions(self) -> list[str]:
        return sorted({region_of(c) for c in self.countries} - {""})

    def keys(self) -> list[str]:
        return ([f"l:{v}" for v in self.languages] + [f"c:{v}" for v in self.countries]
                + [f"r:{v}" for v in self.regions] + [f"s:{v}" for v in self.sectors]
                + [f"p:{v}" for v in self.specialties])


def criteria_for(partnership, **given) -> Criteria:
    """What the partnership needs: its language, countries and the fields of work of its
    SDGs, unless the steward says otherwise (`given`, None meaning "the default")."""
    goals = {g.number for g in partnership.sdg_goals.all()}
    targets = [t.code for t in partnership.sdg_targets.all()]
    sectors = sorted({s for code in targets for s in FIELDS_OF_TARGETS.get(code, [])}
                     | {s for g in goals for s in FIELDS_OF_GOALS.get(g, [])})
    defaults = {"languages": [partnership.language] if partnership.language else [],
                "countries": list(partnership.countries or []), "sectors": sectors}
    values = {**defaults, **{k: v for k, v in given.items() if v is not None}}
    if values.get("days") in (None, ""):
        values.pop("days", None)
    return Criteria(**values)


@dataclass
class Candidate:
    profile: BrokerProfile
    score: int
    reasons: list[str]
    conflict: str = ""


def rank(criteria: Criteria, member_organisation_ids=(), limit: int = LIMIT) -> list[Candidate]:
    """The best `limit` brokers for the criteria, best first (two queries: the roster's
    version, which rebuilds the index when it changed, then the winners' profiles)."""
    from partnering.brokers.roster import index

    keys = criteria.keys()
    scored = index.current().top(keys, float(criteria.days), criteria.kind, AVAILABLE_WEIGHT,
                                 limit) if keys else []
    profiles = BrokerProfile.objects.select_related("person__organisation", "organisation") \
        .in_bulk([pk for pk, _score in scored])
    return [Candidate(profiles[pk], score, reasons(profiles[pk], criteria),
                      conflict_of_interest(profiles[pk], member_organisation_ids))
            for pk, score in scored if pk in profiles]


def top_scores(criteria: Criteria, limit: int = LIMIT) -> list[tuple[int, int]]:
    """The ranking of `rank` in SQL, for a check of the index (roster/index.py) and for
    whoever needs it without the index. (profile id, score) of the best brokers: the weights
    of the tags they match, summed over the tag index alone (a covering index: no profile
    row is read to score), plus AVAILABLE_WEIGHT for enough free days; only the matching
    brokers' profiles are joined, by primary key, to read their free days. One query, the
    same SQL on SQLite and PostgreSQL."""
    keys = criteria.keys()
    if not keys:
        return []
    tags, profiles = BrokerTag._meta.db_table, BrokerProfile._meta.db_table
    kind = "AND p.kind = %s" if criteria.kind else ""
    # Only table names and placeholders are written into the SQL; every value is a param.
    sql = f"""
        SELECT p.id, t.matched + CASE WHEN p.days_per_month - p.committed_days >= %s
               THEN {AVAILABLE_WEIGHT} ELSE 0 END AS score
        FROM (SELECT profile_id, SUM(weight) AS matched FROM {tags}
              WHERE key IN ({", ".join(["%s"] * len(keys))}) GROUP BY profile_id) t
        JOIN {profiles} p ON p.id = t.profile_id WHERE 1 = 1 {kind}
        ORDER BY score DESC, p.days_per_month - p.committed_days DESC, p.id
        LIMIT %s"""  # noqa: S608
    params = [float(criteria.days), *keys, *([criteria.kind] if criteria.kind else []), limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(pk, int(score)) for pk, score in cursor.fetchall()]


def reasons(profile: BrokerProfile, criteria: Criteria) -> list[str]:
    said = [_("speaks %(language)s") % {"language": language_name(code)}
            for code in criteria.languages if code in profile.languages]
    countries = [c for c in criteria.countries if c in profile.countries]
    said += [_("works in %(country)s") % {"country": country_name(c)} for c in countries]
    if not countries:
        profile_regions = set(profile.regions) | {region_of(c) for c in profile.countries}
        said += [_("works in %(region)s") % {"region": _(region)}
                 for region in criteria.regions if region in profile_regions]
    said += [_("%(sector)s sector") % {"sector": str(FieldOfWork(s).label).lower()}
             for s in criteria.sectors if s in profile.sectors]
    said += [str(Specialty(s).label).lower() for s in criteria.specialties
             if s in profile.specialties]
    free = profile.free_days
    if free > 0:
        said.append(ngettext("%(days)s day a month free", "%(days)s days a month free",
                             1 if free == 1 else 2) % {"days": _days(free)})
    if profile.is_accredited:
        said.append(_("accredited"))
    return said


def _days(value: Decimal) -> str:
    return str(value.normalize()) if value == value.to_integral() else str(value)


def conflict_of_interest(profile: BrokerProfile, member_organisation_ids) -> str:
    """Why an external broker is not independent of the partnership: they work for one of
    its members (their profile's organisation or their own in the registry)."""
    if profile.kind != BrokerKind.EXTERNAL:
        return ""
    members = set(member_organisation_ids)
    for organisation in (profile.organisation, profile.person.organisation):
        if organisation is not None and organisation.pk in members:
            return _("Works for %(organisation)s, a member of the partnership: not "
                     "independent.") % {"organisation": organisation.name}
    return ""


__all__ = ["WEIGHTS", "Candidate", "Criteria", "criteria_for", "rank"]
