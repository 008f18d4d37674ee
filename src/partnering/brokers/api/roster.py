"""/api/v1/brokers: the roster (anyone reads the public roster; platform admins every
broker), a broker's own profile, accreditations (platform admins), and
/api/v1/partnerships/{id}/broker-candidates (the partnership's stewards)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from partnering.brokers import access
from partnering.brokers.api.common import accreditation_row, broker_row, router
from partnering.brokers.roster import find, services
from partnering.brokers.roster.queries import roster, with_accreditations
from partnering.brokers.vocabulary import BrokerKind, FieldOfWork, Specialty
from partnering.partnerships.access import partnership_or_404
from partnering.registry.models import Organisation, Person
from partnering.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    Filters,
    LimitOffsetPagination,
    Payload,
    require_user,
)

CODES = Field(default_factory=list, max_length=50)


class AccreditationOut(Schema):
    id: int
    body: str
    level: str
    awarded: date
    expires: date | None
    status: str


class BrokerProfileOut(Schema):
    id: int
    person_id: int
    name: str
    kind: str
    organisation_id: int | None
    organisation: str
    bio: str
    languages: list[str]
    regions: list[str]
    countries: list[str]
    sectors: list[str]
    specialties: list[str]
    days_per_month: float
    committed_days: float
    free_days: float
    listed: bool
    accredited: bool
    accredited_until: date | None
    mentor_id: int | None
    accreditations: list[AccreditationOut]


class BrokerProfileIn(Payload):
    person_id: int | None = Field(None, description="Platform admins: whom to put on the "
                                  "roster (default: yourself)")
    kind: BrokerKind = BrokerKind.EXTERNAL
    organisation_id: int | None = None
    bio: str = Field("", max_length=20000)
    languages: list[str] = CODES
    regions: list[str] = CODES
    countries: list[str] = CODES
    sectors: list[FieldOfWork] = CODES
    specialties: list[Specialty] = CODES
    days_per_month: Decimal = Field(Decimal("0"), ge=0, le=31, decimal_places=1)
    listed: bool = False
    mentor_id: int | None = None


class BrokerProfilePatch(Payload):
    kind: BrokerKind | None = None
    organisation_id: int | None = None
    bio: str | None = Field(None, max_length=20000)
    languages: list[str] | None = Field(None, max_length=50)
    regions: list[str] | None = Field(None, max_length=50)
    countries: list[str] | None = Field(None, max_length=50)
    sectors: list[FieldOfWork] | None = Field(None, max_length=50)
    specialties: list[Specialty] | None = Field(None, max_length=50)
    days_per_month: Decimal | None = Field(None, ge=0, le=31, decimal_places=1)
    listed: bool | None = None
    mentor_id: int | None = None


class RosterFilters(Filters):
    language: str = Field("", max_length=8)
    country: str = Field("", max_length=2)
    sector: FieldOfWork | None = None
    specialty: Specialty | None = None
    available: bool = False
    kind: BrokerKind | None = None


class AccreditationIn(Payload):
    body: str = Field("Partnership Brokers Association", min_length=1, max_length=200)
    level: str = Field(..., min_length=1, max_length=200)
    awarded: date
    expires: date | None = None


def _profile_data(payload, partial: bool) -> dict:
    data = payload.dict(exclude_unset=partial)
    data.pop("person_id", None)
    for name in ("kind", "sectors", "specialties"):
        if data.get(name) is not None:
            value = data[name]
            data[name] = [str(v.value) for v in value] if isinstance(value, list) \
                else str(value.value)
    if partial:
        data = {k: v for k, v in data.items()
                if v is not None or k in ("organisation_id", "mentor_id")}
    if "organisation_id" in data:
        org = data.pop("organisation_id")
        data["organisation"] = get_object_or_404(Organisation, pk=org) if org else None
    if "mentor_id" in data:
        mentor = data.pop("mentor_id")
        data["mentor"] = get_object_or_404(Person, pk=mentor) if mentor else None
    return data


@router.get("/brokers", response={200: list[BrokerProfileOut], **READ_ERRORS},
            summary="The broker roster (accredited external brokers who opted in; every "
                    "broker for platform admins), filtered")
@paginate(LimitOffsetPagination)
def list_roster(request, filters: Query[RosterFilters]):
    profiles = roster(request.user, language=filters.language, country=filters.country,
                      sector=filters.sector or "", specialty=filters.specialty or "",
                      available=filters.available, kind=filters.kind or "")
    return [broker_row(p) for p in with_accreditations(profiles)]


@router.post("/brokers", response={201: BrokerProfileOut, **WRITE_ERRORS},
             summary="Join the roster (or, platform admins, put a person on it)")
def create_broker(request, payload: BrokerProfileIn):
    require_user(request)
    if payload.person_id is not None:
        person = get_object_or_404(Person, pk=payload.person_id)
    else:
        person = getattr(request.user, "person", None)
        if person is None:
            raise PermissionDenied("Add yourself to the registry first.")
    profile = services.create_profile(request.user, person=person,
                                      **_profile_data(payload, False))
    return Status(201, broker_row(profile))


@router.get("/brokers/{broker_profile_id}", response={200: BrokerProfileOut, **READ_ERRORS},
            summary="One broker (anyone: brokers on the public roster)")
def get_broker(request, broker_profile_id: int):
    return broker_row(access.profile_or_404(request.user, broker_profile_id))


@router.patch("/brokers/{broker_profile_id}", response={200: BrokerProfileOut, **WRITE_ERRORS},
              summary="Change a profile (the broker, platform admins)")
def update_broker(request, broker_profile_id: int, payload: BrokerProfilePatch):
    require_user(request)
    profile = access.profile_or_404(request.user, broker_profile_id)
    return broker_row(services.update_profile(request.user, profile,
                                              **_profile_data(payload, True)))


@router.delete("/brokers/{broker_profile_id}", response={204: None, **WRITE_ERRORS},
               summary="Leave the roster (the broker, platform admins)")
def delete_broker(request, broker_profile_id: int):
    require_user(request)
    services.delete_profile(request.user, access.profile_or_404(request.user, broker_profile_id))
    return Status(204, None)


@router.post("/brokers/{broker_profile_id}/accreditations",
             response={201: AccreditationOut, **WRITE_ERRORS},
             summary="Record an accreditation (platform admins)")
def add_accreditation(request, broker_profile_id: int, payload: AccreditationIn):
    require_user(request)
    profile = access.profile_or_404(request.user, broker_profile_id)
    return Status(201, accreditation_row(services.add_accreditation(
        request.user, profile, **payload.dict())))


@router.delete("/brokers/{broker_profile_id}/accreditations/{accreditation_id}",
               response={204: None, **WRITE_ERRORS},
               summary="Remove an accreditation (platform admins)")
def remove_accreditation(request, broker_profile_id: int, accreditation_id: int):
    require_user(request)
    profile = access.profile_or_404(request.user, broker_profile_id)
    services.remove_accreditation(request.user, get_object_or_404(profile.accreditations,
                                                                  pk=accreditation_id))
    return Status(204, None)


class BrokerCandidateFilters(Filters):
    languages: list[str] | None = Field(None, max_length=20)
    countries: list[str] | None = Field(None, max_length=20)
    sectors: list[FieldOfWork] | None = Field(None, max_length=20)
    specialties: list[Specialty] | None = Field(None, max_length=20)
    days: Decimal | None = Field(None, ge=0, le=31)
    kind: BrokerKind | None = None


class BrokerCandidateOut(Schema):
    broker: BrokerProfileOut
    score: int
    reasons: list[str]
    conflict_of_interest: bool
    conflict: str


@router.get("/partnerships/{partnership_id}/broker-candidates",
            response={200: list[BrokerCandidateOut], 403: READ_ERRORS[404], **READ_ERRORS},
            summary="Find a broker (the partnership's stewards): ranked, with reasons and "
                    "conflicts of interest")
def broker_candidates(request, partnership_id: int, filters: Query[BrokerCandidateFilters]):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id, "manage")
    given = filters.dict()
    for name in ("sectors", "specialties"):
        if given[name] is not None:
            given[name] = [str(getattr(v, "value", v)) for v in given[name]]
    given["kind"] = str(getattr(given["kind"], "value", given["kind"]) or "")
    criteria = find.criteria_for(partnership, **given)
    members = partnership.memberships.values_list("organisation_id", flat=True)
    return [{"broker": broker_row(c.profile, accreditations=False), "score": c.score,
             "reasons": c.reasons, "conflict_of_interest": bool(c.conflict),
             "conflict": c.conflict} for c in find.rank(criteria, list(members))]
