"""/api/v1/rounds: starting a round, its groups, invitations, reminders, results and the
anonymised responses."""

import datetime as dt
from typing import Any, Literal

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from partnering.assessments import services
from partnering.assessments.api.base import LANG_PATTERN, router
from partnering.assessments.models import (
    Instrument,
    Perspective,
    RespondentGroup,
    Round,
)
from partnering.assessments.results import round_results, trend
from partnering.assessments.xlsform import responses_csv
from partnering.partnerships.access import round_or_404, visible_partnership, visible_rounds
from partnering.registry.models import Organisation
from partnering.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    LimitOffsetPagination,
    Payload,
    Row,
    download,
)


class RoundOut(Row):
    id: int
    title: str
    instrument_id: int
    instrument: str
    partnership_id: int | None
    organisation_id: int | None
    opens_at: dt.datetime
    closes_at: dt.datetime
    is_open: bool
    groups: list[dict]


def _round_row(r: Round) -> dict:
    return {"id": r.pk, "title": r.title, "instrument_id": r.instrument_id,
            "instrument": str(r.instrument), "partnership_id": r.partnership_id,
            "organisation_id": r.organisation_id, "opens_at": r.opens_at,
            "closes_at": r.closes_at, "is_open": r.is_open,
            "groups": [{"id": g.pk, "name": g.name, "perspective": g.perspective}
                       for g in r.groups.all()]}


@router.get("/rounds", response={200: list[RoundOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_rounds(request, partnership_id: int | None = None,
                organisation_id: int | None = None):
    qs = visible_rounds(request.user).select_related("instrument").prefetch_related(
        "groups")
    if partnership_id is not None:
        qs = qs.filter(partnership_id=partnership_id)
    if organisation_id is not None:
        qs = qs.filter(organisation_id=organisation_id)
    return [_round_row(r) for r in qs]


class RoundIn(Payload):
    instrument_id: int
    title: str = Field(..., min_length=1, max_length=200)
    opens_at: dt.datetime
    closes_at: dt.datetime
    partnership_id: int | None = None
    organisation_id: int | None = None
    grouping: Literal["organisation", "sector"] = "organisation"


@router.post("/rounds", response={201: RoundOut, **WRITE_ERRORS})
def create_round(request, payload: RoundIn):
    if not request.user.is_authenticated:
        raise HttpError(401, "Sign in, or send Authorization: Bearer <token>.")
    if (payload.partnership_id is None) == (payload.organisation_id is None):
        raise HttpError(422, "Give either partnership_id or organisation_id.")
    instrument = get_object_or_404(Instrument, pk=payload.instrument_id)
    partnership = organisation = None
    if payload.partnership_id is not None:
        partnership = visible_partnership(request, payload.partnership_id)
    else:
        organisation = get_object_or_404(Organisation, pk=payload.organisation_id)
    round_ = services.create_round(
        request.user, instrument, title=payload.title, opens_at=payload.opens_at,
        closes_at=payload.closes_at, partnership=partnership, organisation=organisation,
        grouping=payload.grouping)
    return Status(201, _round_row(round_))


@router.get("/rounds/{round_id}", response={200: RoundOut, **READ_ERRORS})
def get_round(request, round_id: int):
    return _round_row(round_or_404(request, round_id))


class GroupIn(Payload):
    name: str = Field(..., min_length=1, max_length=200)
    perspective: Perspective = Perspective.MEMBER


@router.post("/rounds/{round_id}/groups", response={201: dict[str, Any], **WRITE_ERRORS})
def add_group(request, round_id: int, payload: GroupIn):
    round_ = round_or_404(request, round_id, need="manage")
    group = services.add_group(request.user, round_, name=payload.name,
                               perspective=payload.perspective)
    return Status(201, {"id": group.pk, "name": group.name, "perspective": group.perspective})


class InvitationOut(Row):
    """Who was invited; never whether they answered (see the results' response_rate)."""

    id: int
    group_id: int
    group: str
    name: str
    email: str
    sent_at: dt.datetime | None


def _invitation_row(i) -> dict:
    return {"id": i.pk, "group_id": i.group_id, "group": i.group.name, "name": i.name,
            "email": i.email, "sent_at": i.sent_at}


@router.get("/rounds/{round_id}/invitations", response={200: list[InvitationOut],
                                                        **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_invitations(request, round_id: int):
    """Who was invited. Whether one person answered is never shown: reminders go to those
    who have not, and the results give the response rate."""
    round_ = round_or_404(request, round_id, need="manage")
    return [_invitation_row(i) for i in round_.invitations.select_related("group")]


class InvitationIn(Payload):
    group_id: int
    email: str = Field(..., max_length=254)
    name: str = Field("", max_length=200)
    send: bool = True


class NewInvitationOut(InvitationOut):
    token: str
    link: str


@router.post("/rounds/{round_id}/invitations", response={201: NewInvitationOut,
                                                         **WRITE_ERRORS})
def create_invitation(request, round_id: int, payload: InvitationIn):
    """The personal token is in this answer only: it is stored hashed."""
    round_ = round_or_404(request, round_id, need="manage")
    group = get_object_or_404(RespondentGroup, round=round_, pk=payload.group_id)
    invitation, token = services.invite(request.user, round_, group=group, email=payload.email,
                                        name=payload.name, send=payload.send)
    return Status(201, {**_invitation_row(invitation), "token": token,
                        "link": services.response_link(token)})


@router.post("/rounds/{round_id}/reminders", response={200: dict[str, int], **WRITE_ERRORS})
def send_reminders(request, round_id: int):
    round_ = round_or_404(request, round_id, need="manage")
    return {"reminded": services.send_reminders(request.user, round_)}


@router.post("/rounds/{round_id}/close", response={200: RoundOut, **WRITE_ERRORS},
             summary="Close an open round now, before its planned end")
def close_round(request, round_id: int):
    round_ = round_or_404(request, round_id, need="manage")
    return _round_row(services.close_round(request.user, round_))


@router.get("/rounds/{round_id}/results", response={200: dict[str, Any], **READ_ERRORS})
def results(request, round_id: int, group_id: int | None = None,
            perspective: Perspective | None = None, lang: str = Query("en", pattern=LANG_PATTERN)):
    """Scores per dimension and group, perception gaps, change since the previous round and
    free text, under the anonymity rules: nothing about fewer than `min_group` people, and
    nothing at all until the round closes (`visible`); `response_rate` counts who answered."""
    round_ = round_or_404(request, round_id)
    data = round_results(round_, group_id=group_id, perspective=perspective, lang=lang)
    data["trend"] = trend(round_, lang)
    return data


@router.get("/rounds/{round_id}/responses.csv", response={200: None, **READ_ERRORS},
            openapi_extra=download("text/csv", "One row per submitted response"))
def export_responses(request, round_id: int):
    """The anonymised responses, once the round has closed (422 before)."""
    round_ = round_or_404(request, round_id, need="manage")
    response = HttpResponse(responses_csv(round_), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="round-{round_.pk}.csv"'
    return response
