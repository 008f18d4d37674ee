"""/api/v1: stakeholder maps, needs and gaps, and partner recommendations."""

import datetime as dt
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from partnering.discovery import network, ranking, services
from partnering.discovery.calls_access import call_or_404, responses_for
from partnering.discovery.models import Engagement, StakeholderStance
from partnering.limits import MAX_TEXT
from partnering.partnerships.access import partnership_or_404
from partnering.partnerships.models import Partnership
from partnering.reference.countries import is_country
from partnering.registry.models import Organisation, Person
from partnering.registry.vocabulary import Sector
from partnering.schemas import READ_ERRORS, WRITE_ERRORS, Filters, Payload, require_user

partnerships_router = Router(tags=["discovery"])
router = Router(tags=["discovery"])

Scale = Annotated[int, Field(ge=1, le=5)]
Tag = Annotated[str, Field(max_length=80)]
Goal = Annotated[int, Field(ge=1, le=17)]
Country = Annotated[str, Field(max_length=2)]


# Stakeholders --------------------------------------------------------------------------

class StakeholderOut(Schema):
    id: int
    name: str
    display_name: str
    kind: str
    organisation_id: int | None
    person_id: int | None
    influence: int
    interest: int
    impact: int
    stance: str
    engagement: str
    strategy: str
    notes: str


class StakeholderIn(Payload):
    organisation_id: int | None = None
    person_id: int | None = None
    name: str = Field("", max_length=200)
    influence: Scale = 3
    interest: Scale = 3
    impact: Scale = 3
    stance: StakeholderStance = StakeholderStance.UNKNOWN
    engagement: Engagement = Engagement.NONE
    notes: str = Field("", max_length=MAX_TEXT)


class StakeholderPatch(Payload):
    organisation_id: int | None = None
    person_id: int | None = None
    name: str | None = Field(None, max_length=200)
    influence: Scale | None = None
    interest: Scale | None = None
    impact: Scale | None = None
    stance: StakeholderStance | None = None
    engagement: Engagement | None = None
    notes: str | None = Field(None, max_length=MAX_TEXT)


def _stakeholder_data(request, payload: Schema, partial: bool) -> dict:
    data = payload.dict(exclude_unset=partial)
    if "organisation_id" in data:
        org_id = data.pop("organisation_id")
        data["organisation"] = get_object_or_404(Organisation, pk=org_id) if org_id else None
    if "person_id" in data:
        person_id = data.pop("person_id")
        data["person"] = (get_object_or_404(Person.objects.visible_to(request.user),
                                            pk=person_id) if person_id else None)
    return {k: v for k, v in data.items() if v is not None or k in ("organisation", "person")}


@partnerships_router.get("/{partnership_id}/stakeholders",
                         response={200: list[StakeholderOut], **READ_ERRORS})
def list_stakeholders(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id, need="contribute")
    return list(partnership.stakeholders.select_related("organisation", "person"))


@partnerships_router.post("/{partnership_id}/stakeholders",
                          response={201: StakeholderOut, **WRITE_ERRORS})
def add_stakeholder(request, partnership_id: int, payload: StakeholderIn):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    return Status(201, services.add_stakeholder(request.user, partnership,
                                                **_stakeholder_data(request, payload, False)))


@partnerships_router.get("/{partnership_id}/stakeholders/{stakeholder_id}",
                         response={200: StakeholderOut, **READ_ERRORS})
def get_stakeholder(request, partnership_id: int, stakeholder_id: int):
    partnership = partnership_or_404(request, partnership_id, need="contribute")
    return get_object_or_404(partnership.stakeholders, pk=stakeholder_id)


@partnerships_router.patch("/{partnership_id}/stakeholders/{stakeholder_id}",
                           response={200: StakeholderOut, **WRITE_ERRORS})
def update_stakeholder(request, partnership_id: int, stakeholder_id: int,
                       payload: StakeholderPatch):
    require_user(request)
    stakeholder = get_object_or_404(partnership_or_404(request, partnership_id).stakeholders,
                                    pk=stakeholder_id)
    return services.update_stakeholder(request.user, stakeholder,
                                       **_stakeholder_data(request, payload, True))


@partnerships_router.delete("/{partnership_id}/stakeholders/{stakeholder_id}",
                            response={204: None, **WRITE_ERRORS})
def delete_stakeholder(request, partnership_id: int, stakeholder_id: int):
    require_user(request)
    stakeholder = get_object_or_404(partnership_or_404(request, partnership_id).stakeholders,
                                    pk=stakeholder_id)
    services.remove_stakeholder(request.user, stakeholder)
    return Status(204, None)


# Needs and gaps ------------------------------------------------------------------------

class NeedsIn(Payload):
    sectors: list[str] = Field(default_factory=list, max_length=8)
    competencies: list[Tag] = Field(default_factory=list, max_length=50)
    resources: list[Tag] = Field(default_factory=list, max_length=50)
    countries: list[Country] = Field(default_factory=list, max_length=250)
    sdg_goals: list[Goal] = Field(default_factory=list, max_length=17)


class GapRow(Schema):
    kind: str
    item: str | int
    covered_by: list[str]


class GapsOut(Schema):
    needs: NeedsIn
    coverage: list[GapRow]
    missing: NeedsIn
    sector_diversity: float
    sectors: dict[str, int]


def _gaps(partnership) -> dict:
    members = [m.organisation for m in partnership.memberships.select_related("organisation")
               .prefetch_related("organisation__sdg_goals")]
    needs = ranking.needs_of(partnership)
    analysis = ranking.gap_analysis(needs, members)
    return {"needs": vars(needs), "coverage": analysis["rows"],
            "missing": vars(analysis["missing"]),
            "sector_diversity": round(analysis["diversity"], 4),
            "sectors": dict(analysis["sectors"])}


@partnerships_router.get("/{partnership_id}/gaps", response={200: GapsOut, **READ_ERRORS})
def get_gaps(request, partnership_id: int):
    return _gaps(partnership_or_404(request, partnership_id))


@partnerships_router.put("/{partnership_id}/needs", response={200: GapsOut, **WRITE_ERRORS})
def set_needs(request, partnership_id: int, payload: NeedsIn):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    services.set_needs(request.user, partnership, **payload.dict())
    partnership = Partnership.objects.get(pk=partnership.pk)
    return _gaps(partnership)


# Recommendations -----------------------------------------------------------------------

class CandidateOut(Schema):
    organisation_id: int
    name: str
    sector: str
    country: str
    country_name: str
    score: float
    signals: dict[str, float]
    coverage: float = Field(description="Share of the problem statement's words (weighted by "
                                        "rarity and emphasis) its profile uses, 0 to 1")
    strength: Literal["good", "fair", "weak"] = Field(
        description="weak: little of the problem in its profile, not based in the "
                    "partnership's countries or region, and fills none of its needs")
    reasons: list[str]


class RecommendationsOut(Schema):
    method: str
    method_note: str
    weights: dict[str, float]
    diversity: float
    candidates: list[CandidateOut]


class RecommendationQuery(Filters):
    limit: int = Field(10, ge=1, le=ranking.MAX_LIMIT)
    weights: str = Field("", max_length=300,
                         description="name:number pairs, e.g. text:2,gaps:1,network:0")


@partnerships_router.get("/{partnership_id}/recommendations",
                         response={200: RecommendationsOut, **READ_ERRORS})
def partnership_recommendations(request, partnership_id: int,
                                query: Query[RecommendationQuery]):
    partnership = partnership_or_404(request, partnership_id)
    return ranking.for_partnership(partnership, weights=ranking.parse_weights(query.weights),
                                   limit=query.limit)


class ProblemIn(Payload):
    problem_statement: str = Field(..., max_length=MAX_TEXT)
    needs: NeedsIn = Field(default_factory=NeedsIn)
    weights: dict[str, float] = Field(default_factory=dict)
    limit: int = Field(10, ge=1, le=ranking.MAX_LIMIT)


@router.post("/recommendations", response={200: RecommendationsOut, **WRITE_ERRORS})
def recommend(request, payload: ProblemIn):
    needs = payload.needs
    bad = [s for s in needs.sectors if s not in Sector.values]
    if bad:
        raise ValidationError({"sectors": _("Unknown sector: %(bad)s") % {"bad": ", ".join(bad)}})
    return ranking.recommend(
        payload.problem_statement,
        ranking.Needs(sectors=needs.sectors, competencies=needs.competencies,
                      resources=needs.resources,
                      countries=[c.upper() for c in needs.countries],
                      sdg_goals=needs.sdg_goals),
        weights=ranking.parse_weights(payload.weights), limit=payload.limit)


# Calls for expressions of interest -----------------------------------------------------

class CallOut(Schema):
    id: int
    title: str
    needs: str
    deadline: dt.date
    status: str
    is_open: bool


class CallIn(Payload):
    title: str = Field(..., min_length=1, max_length=200)
    needs: str = Field(..., min_length=1, max_length=MAX_TEXT)
    deadline: dt.date


class ResponseOut(Schema):
    id: int
    organisation_id: int
    organisation_name: str = Field(..., alias="organisation.name")
    statement: str
    status: str


class ResponseIn(Payload):
    organisation_id: int
    statement: str = Field(..., max_length=MAX_TEXT)


class InviteIn(Payload):
    organisation_id: int


class DecisionIn(Payload):
    decision: Literal["shortlist", "accept", "decline"]


def _call(request, partnership_id: int, call_id: int):
    return call_or_404(request.user, partnership_id, call_id)


@partnerships_router.get("/{partnership_id}/calls", response={200: list[CallOut], **READ_ERRORS})
def list_calls(request, partnership_id: int):
    return list(partnership_or_404(request, partnership_id).calls.all())


@partnerships_router.post("/{partnership_id}/calls", response={201: CallOut, **WRITE_ERRORS})
def publish_call(request, partnership_id: int, payload: CallIn):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    return Status(201, services.publish_call(request.user, partnership, **payload.dict()))


@partnerships_router.get("/{partnership_id}/calls/{call_id}",
                         response={200: CallOut, **READ_ERRORS})
def get_call(request, partnership_id: int, call_id: int):
    return _call(request, partnership_id, call_id)[1]


@partnerships_router.post("/{partnership_id}/calls/{call_id}/close",
                          response={200: CallOut, **WRITE_ERRORS})
def close_call(request, partnership_id: int, call_id: int):
    require_user(request)
    return services.close_call(request.user, _call(request, partnership_id, call_id)[1])


@partnerships_router.get("/{partnership_id}/calls/{call_id}/responses",
                         response={200: list[ResponseOut], **READ_ERRORS})
def list_responses(request, partnership_id: int, call_id: int):
    partnership, call = _call(request, partnership_id, call_id)
    return list(responses_for(request.user, partnership, call))


@partnerships_router.post("/{partnership_id}/calls/{call_id}/responses",
                          response={201: ResponseOut, **WRITE_ERRORS})
def respond(request, partnership_id: int, call_id: int, payload: ResponseIn):
    require_user(request)
    _partnership, call = _call(request, partnership_id, call_id)
    organisation = get_object_or_404(Organisation, pk=payload.organisation_id)
    return Status(201, services.respond(request.user, call, organisation=organisation,
                                        statement=payload.statement))


@partnerships_router.post("/{partnership_id}/calls/{call_id}/invitations",
                          response={201: ResponseOut, **WRITE_ERRORS})
def invite(request, partnership_id: int, call_id: int, payload: InviteIn):
    require_user(request)
    _partnership, call = _call(request, partnership_id, call_id)
    organisation = get_object_or_404(Organisation, pk=payload.organisation_id)
    return Status(201, services.invite(request.user, call, organisation))


@partnerships_router.post("/{partnership_id}/calls/{call_id}/responses/{response_id}/decision",
                          response={200: ResponseOut, **WRITE_ERRORS})
def decide(request, partnership_id: int, call_id: int, response_id: int, payload: DecisionIn):
    require_user(request)
    partnership, call = _call(request, partnership_id, call_id)
    response = get_object_or_404(responses_for(request.user, partnership, call),
                                 pk=response_id)
    return services.decide(request.user, response, payload.decision)


# Network -------------------------------------------------------------------------------

class NodeOut(Schema):
    organisation_id: int
    name: str
    sector: str
    country: str
    degree: int
    betweenness: float
    community: int
    member: bool
    x: float
    y: float


class EdgeOut(Schema):
    source: int
    target: int
    partnerships: int
    flows: int


class NetworkOut(Schema):
    nodes: list[NodeOut]
    edges: list[EdgeOut]
    total: int
    communities: int


class NetworkQuery(Filters):
    sector: Sector | None = None
    country: str = Field("", max_length=2)
    sdg: int | None = Field(None, ge=1, le=17)
    limit: int = Field(network.MAX_NODES, ge=2, le=network.MAX_NODES)


@partnerships_router.get("/{partnership_id}/network", response={200: NetworkOut, **READ_ERRORS})
def partnership_network(request, partnership_id: int):
    return network.build(request.user, partnership=partnership_or_404(request, partnership_id))


@router.get("/network", response={200: NetworkOut, **READ_ERRORS})
def registry_network(request, query: Query[NetworkQuery]):
    country = query.country.strip().upper()
    if country and not is_country(country):
        raise ValidationError({"country": _("Use an ISO 3166 country code, e.g. KE.")})
    return network.build(request.user, sector=query.sector or "", country=country,
                         sdg=query.sdg, limit=query.limit)
