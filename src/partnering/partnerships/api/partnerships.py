"""/api/v1/partnerships: the list, starting one, reading and editing one."""

import datetime as dt
from typing import Literal

from ninja import Field, Query, Status

from partnering.limits import MAX_TEXT
from partnering.partnerships import services
from partnering.partnerships.access import partnership_or_404
from partnering.partnerships.api.base import (
    Text,
    organisation_or_404,
    router,
    values,
)
from partnering.partnerships.models import Partnership
from partnering.partnerships.queries import (
    listed_partnerships,
    partnership_rows,
)
from partnering.partnerships.vocabulary import (
    Duration,
    Formality,
    Funding,
    Level,
    StakeholderMix,
    Visibility,
)
from partnering.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    Filters,
    Payload,
    Row,
    paginate_rows,
    require_user,
)


class PartnershipOut(Row):
    id: int
    title: str
    problem_statement: str
    scope: str
    language: str = Field(description="ISO 639-1 code of the language the text is written in")
    countries: list[str]
    geography: str
    sdg_goals: list[int]
    sdg_targets: list[str]
    formality: str
    funding: str
    duration: str
    stakeholder_mix: str
    level: str
    visibility: str
    path: str
    phase: str
    phase_name: str
    status: str
    status_reason: str
    start_date: dt.date | None
    end_date: dt.date | None
    member_count: int
    created: dt.datetime
    updated: dt.datetime


def _row(partnership: Partnership) -> dict:
    return partnership_rows(Partnership.objects.filter(pk=partnership.pk))[0:1][0]


class PartnershipIn(Payload):
    title: str = Field(..., min_length=1, max_length=200)
    problem_statement: str = Field(..., min_length=1, max_length=MAX_TEXT)
    lead_organisation_id: int
    path: Literal["generic", "innovation"] = "generic"
    scope: str = Text
    countries: list[str] = Field(default_factory=list, max_length=60)
    geography: str = Field("", max_length=300)
    sdg_goals: list[int] = Field(default_factory=list, max_length=17,
                                 description="Goal numbers, e.g. 4")
    sdg_targets: list[str] = Field(default_factory=list, max_length=60,
                                   description="Target codes, e.g. \"4.1\" (a target "
                                               "implies its goal)")
    sdg_codes: list[str] = Field(default_factory=list, max_length=60,
                                 description="Older form: goals (\"4\") and targets (\"4.1\") "
                                             "in one list, added to the two above")
    formality: Formality = Formality.INFORMAL
    funding: Funding = Funding.UNFUNDED
    duration: Duration = Duration.LONG
    stakeholder_mix: StakeholderMix = StakeholderMix.MULTI
    level: Level = Level.COMMUNICATION
    visibility: Visibility = Visibility.PRIVATE
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class PartnershipPatch(Payload):
    title: str | None = Field(None, min_length=1, max_length=200)
    problem_statement: str | None = Field(None, min_length=1, max_length=MAX_TEXT)
    scope: str | None = Field(None, max_length=MAX_TEXT)
    countries: list[str] | None = Field(None, max_length=60)
    geography: str | None = Field(None, max_length=300)
    sdg_goals: list[int] | None = Field(None, max_length=17,
                                        description="Replaces the goals; targets are kept")
    sdg_targets: list[str] | None = Field(None, max_length=60,
                                          description="Replaces the targets; goals are kept")
    sdg_codes: list[str] | None = Field(None, max_length=60,
                                        description="Older form: replaces goals and targets")
    formality: Formality | None = None
    funding: Funding | None = None
    duration: Duration | None = None
    stakeholder_mix: StakeholderMix | None = None
    level: Level | None = None
    visibility: Visibility | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class PartnershipFilters(Filters):
    q: str = Field("", max_length=200)
    phase: str = Field("", max_length=20)
    sdg: int | None = Field(None, ge=1, le=17)
    status: str = Field("", max_length=10)
    mine: bool = False


@router.get("", response=list[PartnershipOut], summary="Partnerships you may see")
@paginate_rows(PartnershipOut)
def list_partnerships(request, filters: Query[PartnershipFilters]):
    return listed_partnerships(
        request.user, q=filters.q, phase=filters.phase, sdg=filters.sdg, status=filters.status,
        mine=filters.mine)


@router.post("", response={201: PartnershipOut, **WRITE_ERRORS},
             summary="Start a partnership")
def create_partnership(request, payload: PartnershipIn):
    require_user(request)
    data = values(payload, False)
    lead = organisation_or_404(data.pop("lead_organisation_id"))
    partnership = services.create_partnership(request.user, lead_organisation=lead, **data)
    return Status(201, _row(partnership))


@router.get("/{partnership_id}", response={200: PartnershipOut, **READ_ERRORS})
def get_partnership(request, partnership_id: int):
    return _row(partnership_or_404(request, partnership_id))


@router.patch("/{partnership_id}", response={200: PartnershipOut, **WRITE_ERRORS})
def update_partnership(request, partnership_id: int, payload: PartnershipPatch):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    services.update_partnership(request.user, partnership,
                                **values(payload, True, partnership))
    return _row(partnership)
