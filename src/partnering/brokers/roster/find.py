"""Find a broker for a partnership: every broker on the roster ranked by what they offer
against what the partnership needs, with reasons in plain words ("speaks Bosnian", "works in
Bosnia and Herzegovina", "child protection", "resolving conflicts", "4 days a month free"),
and a flag on an external broker who works for one of the members (a conflict of interest).

The ranking is one indexed GROUP BY over BrokerTag (what each broker offers, with its
weight, kept by roster.services.retag) joined to the profile for the free days; only the
top candidates are read whole. bench/find_broker.py measures it among 10,000 brokers."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    Sum,
    Value,
    When,
)
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnering.brokers.roster.models import BrokerProfile
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


def rank(criteria: Criteria, member_organisation_ids=(), limit: int = LIMIT,
         queryset=None) -> list[Candidate]:
    """The best `limit` brokers for the criteria, best first (two queries)."""
    ranked = _ranked(criteria, queryset)[:limit]
    return [Candidate(p, p.score, reasons(p, criteria),
                      conflict_of_interest(p, member_organisation_ids)) for p in ranked]


def _ranked(criteria: Criteria, queryset=None):
    keys = criteria.keys()
    free = ExpressionWrapper(F("days_per_month") - F("committed_days"),
                             output_field=DecimalField(max_digits=5, decimal_places=1))
    profiles = queryset if queryset is not None else BrokerProfile.objects.all()
    if criteria.kind:
        profiles = profiles.filter(kind=criteria.kind)
    if keys:
        profiles = profiles.filter(tags__key__in=keys).annotate(matched=Sum("tags__weight"))
    else:
        profiles = profiles.annotate(matched=Value(0, output_field=IntegerField()))
    return (profiles.annotate(free=free)
            .annotate(score=F("matched") + Case(
                When(free__gte=criteria.days, then=Value(AVAILABLE_WEIGHT)),
                default=Value(0), output_field=IntegerField()))
            .order_by("-score", "-free", "pk")
            .select_related("person__organisation", "organisation"))


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
