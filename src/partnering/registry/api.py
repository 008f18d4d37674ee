"""/api/v1/organisations and /api/v1/people."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from partnering.api import SIGNED_IN
from partnering.limits import MAX_TEXT
from partnering.registry import services
from partnering.registry.models import Organisation, Person
from partnering.registry.queries import listed_organisations, organisation_row
from partnering.registry.vocabulary import Sector
from partnering.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    Filters,
    LimitOffsetPagination,
    Payload,
    Row,
    paginate_rows,
    require_user,
)

router = Router(tags=["registry"])


class OrganisationOut(Row):
    id: int
    name: str
    acronym: str
    identifier: str
    iati_type: str
    sector: str
    country: str
    website: str
    mission: str
    motivations: list[str]
    interests: list[str]
    interests_note: str
    competencies: list[str]
    resources: list[str]
    sdg_goals: list[int]
    created: datetime
    updated: datetime


class OrganisationIn(Payload):
    name: str = Field(..., min_length=1, max_length=200)
    acronym: str = Field("", max_length=30)
    identifier: str = Field("", max_length=100, description="org-id, e.g. GB-CHC-202918")
    iati_type: str = Field("", max_length=4, description="IATI OrganisationType code")
    sector: Sector | None = Field(None, description="Broad sector; derived from iati_type "
                                  "when left out")
    country: str = Field("", max_length=2, description="ISO 3166-1 alpha-2")
    website: str = Field("", max_length=300)
    mission: str = Field("", max_length=MAX_TEXT)
    motivations: list[str] = Field(default_factory=list, max_length=10)
    interests: list[str] = Field(default_factory=list, max_length=20)
    interests_note: str = Field("", max_length=MAX_TEXT)
    competencies: list[str] = Field(default_factory=list, max_length=50)
    resources: list[str] = Field(default_factory=list, max_length=50)
    sdg_goals: list[int] = Field(default_factory=list, max_length=17)


class OrganisationPatch(Payload):
    name: str | None = Field(None, min_length=1, max_length=200)
    acronym: str | None = Field(None, max_length=30)
    identifier: str | None = Field(None, max_length=100)
    iati_type: str | None = Field(None, max_length=4)
    sector: Sector | None = None
    country: str | None = Field(None, max_length=2)
    website: str | None = Field(None, max_length=300)
    mission: str | None = Field(None, max_length=MAX_TEXT)
    motivations: list[str] | None = Field(None, max_length=10)
    interests: list[str] | None = Field(None, max_length=20)
    interests_note: str | None = Field(None, max_length=MAX_TEXT)
    competencies: list[str] | None = Field(None, max_length=50)
    resources: list[str] | None = Field(None, max_length=50)
    sdg_goals: list[int] | None = Field(None, max_length=17)


class OrganisationFilters(Filters):
    q: str = Field("", max_length=200, description="Words in the name, acronym or mission")
    sector: Sector | None = None
    iati_type: str = Field("", max_length=4)
    country: str = Field("", max_length=2)
    sdg: int | None = Field(None, ge=1, le=17)


def _organisation_data(payload: Schema, partial: bool) -> dict:
    data = payload.dict(exclude_unset=partial)
    if partial:
        data = {k: v for k, v in data.items() if v is not None}
    if data.get("sector") is not None:
        data["sector"] = str(data["sector"].value if hasattr(data["sector"], "value")
                             else data["sector"])
    elif "sector" in data:
        data["sector"] = ""
    return data


@router.get("/organisations", response=list[OrganisationOut], summary="List organisations")
@paginate_rows(OrganisationOut)
def list_organisations(request, filters: Query[OrganisationFilters]):
    return listed_organisations(
        request.user, text=filters.q, sector=filters.sector or "",
        iati_type=filters.iati_type, country=filters.country.upper(), sdg=filters.sdg)


@router.post("/organisations", response={201: OrganisationOut, **WRITE_ERRORS},
             summary="Add an organisation to the registry")
def create_organisation(request, payload: OrganisationIn):
    require_user(request)
    organisation = services.create_organisation(request.user,
                                                **_organisation_data(payload, False))
    return Status(201, organisation_row(organisation))


@router.get("/organisations/{organisation_id}", response={200: OrganisationOut, **READ_ERRORS})
def get_organisation(request, organisation_id: int):
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user),
                                     pk=organisation_id)
    return organisation_row(organisation)


@router.patch("/organisations/{organisation_id}",
              response={200: OrganisationOut, **WRITE_ERRORS})
def update_organisation(request, organisation_id: int, payload: OrganisationPatch):
    require_user(request)
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user),
                                     pk=organisation_id)
    services.update_organisation(request.user, organisation, **_organisation_data(payload, True))
    return organisation_row(organisation)


@router.delete("/organisations/{organisation_id}", response={204: None, **WRITE_ERRORS})
def delete_organisation(request, organisation_id: int):
    require_user(request)
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user),
                                     pk=organisation_id)
    services.delete_organisation(request.user, organisation)
    return Status(204, None)


class PersonOut(Schema):
    id: int
    name: str
    email: str
    organisation_id: int | None
    job_title: str
    partnering_role: str
    skills: list[str]
    is_organisation_admin: bool
    has_account: bool

    @staticmethod
    def resolve_has_account(obj) -> bool:
        return obj.user_id is not None


class PersonIn(Payload):
    name: str = Field(..., min_length=1, max_length=200)
    email: str = Field("", max_length=254)
    organisation_id: int | None = None
    job_title: str = Field("", max_length=200)
    partnering_role: str = Field("representative", max_length=30)
    skills: list[str] = Field(default_factory=list, max_length=50)
    is_organisation_admin: bool = False


class PersonPatch(Payload):
    name: str | None = Field(None, min_length=1, max_length=200)
    email: str | None = Field(None, max_length=254)
    organisation_id: int | None = None
    job_title: str | None = Field(None, max_length=200)
    partnering_role: str | None = Field(None, max_length=30)
    skills: list[str] | None = Field(None, max_length=50)
    is_organisation_admin: bool | None = None


class PersonFilters(Filters):
    q: str = Field("", max_length=200)
    organisation: int | None = None


def _person_data(request, payload: Schema, partial: bool) -> dict:
    data = payload.dict(exclude_unset=partial)
    if partial:
        data = {k: v for k, v in data.items() if v is not None or k == "organisation_id"}
    if "organisation_id" in data:
        org_id = data.pop("organisation_id")
        data["organisation"] = (
            get_object_or_404(Organisation.objects.visible_to(request.user), pk=org_id)
            if org_id is not None else None
        )
    return data


@router.get("/people", auth=SIGNED_IN, response={200: list[PersonOut], **READ_ERRORS},
            summary="List people")
@paginate(LimitOffsetPagination)
def list_people(request, filters: Query[PersonFilters]):
    require_user(request)
    people = Person.objects.visible_to(request.user)
    for word in filters.q.split()[:8]:
        people = people.filter(name__icontains=word)
    if filters.organisation:
        people = people.filter(organisation_id=filters.organisation)
    return people


@router.post("/people", response={201: PersonOut, **WRITE_ERRORS})
def create_person(request, payload: PersonIn):
    require_user(request)
    data = _person_data(request, payload, False)
    return Status(201, services.create_person(request.user, **data))


@router.get("/people/{person_id}", auth=SIGNED_IN, response={200: PersonOut, **READ_ERRORS})
def get_person(request, person_id: int):
    require_user(request)
    return get_object_or_404(Person.objects.visible_to(request.user), pk=person_id)


@router.patch("/people/{person_id}", response={200: PersonOut, **WRITE_ERRORS})
def update_person(request, person_id: int, payload: PersonPatch):
    require_user(request)
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=person_id)
    return services.update_person(request.user, person, **_person_data(request, payload, True))


@router.delete("/people/{person_id}", response={204: None, **WRITE_ERRORS})
def delete_person(request, person_id: int):
    require_user(request)
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=person_id)
    services.delete_person(request.user, person)
    return Status(204, None)
