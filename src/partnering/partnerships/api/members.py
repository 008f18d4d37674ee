"""A partnership's member organisations, their representatives and its brokers."""

import datetime as dt
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Schema, Status
from ninja.pagination import paginate

from partnering.partnerships import services
from partnering.partnerships.access import partnership_or_404
from partnering.partnerships.api.base import (
    organisation_or_404,
    person_or_404,
    router,
    values,
)
from partnering.partnerships.queries import (
    members_of,
)
from partnering.partnerships.vocabulary import (
    BrokerKind,
    IatiRole,
    MemberRole,
)
from partnering.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    LimitOffsetPagination,
    Payload,
    require_user,
)


class RepresentativeOut(Schema):
    id: int
    person_id: int
    name: str
    has_mandate: bool

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.person.name


class MemberOut(Schema):
    id: int
    organisation_id: int
    organisation_name: str
    sector: str
    role: str
    iati_role: str
    joined: dt.date | None
    representatives: list[RepresentativeOut]

    @staticmethod
    def resolve_organisation_name(obj) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_sector(obj) -> str:
        return obj.organisation.sector

    @staticmethod
    def resolve_representatives(obj):
        return list(obj.representatives.all())


class MemberIn(Payload):
    organisation_id: int
    role: MemberRole = MemberRole.CORE
    iati_role: IatiRole | Literal[""] = ""
    joined: dt.date | None = None


class MemberPatch(Payload):
    role: MemberRole | None = None
    iati_role: IatiRole | Literal[""] | None = None
    joined: dt.date | None = None


class RepresentativeIn(Payload):
    person_id: int
    has_mandate: bool = False


class MandateIn(Payload):
    has_mandate: bool


@router.get("/{partnership_id}/members", response={200: list[MemberOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_members(request, partnership_id: int):
    return members_of(partnership_or_404(request, partnership_id))


@router.post("/{partnership_id}/members", response={201: MemberOut, **WRITE_ERRORS})
def add_member(request, partnership_id: int, payload: MemberIn):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    data = values(payload, False)
    organisation = organisation_or_404(data.pop("organisation_id"))
    return Status(201, services.add_member(request.user, partnership, organisation=organisation,
                                           **data))


def _membership(request, partnership_id, member_id):
    return get_object_or_404(partnership_or_404(request, partnership_id).memberships, pk=member_id)


@router.get("/{partnership_id}/members/{member_id}", response={200: MemberOut, **READ_ERRORS})
def get_member(request, partnership_id: int, member_id: int):
    return _membership(request, partnership_id, member_id)


@router.patch("/{partnership_id}/members/{member_id}",
              response={200: MemberOut, **WRITE_ERRORS})
def update_member(request, partnership_id: int, member_id: int, payload: MemberPatch):
    require_user(request)
    membership = _membership(request, partnership_id, member_id)
    return services.update_member(request.user, membership, **values(payload, True))


@router.delete("/{partnership_id}/members/{member_id}", response={204: None, **WRITE_ERRORS})
def remove_member(request, partnership_id: int, member_id: int):
    require_user(request)
    services.remove_member(request.user, _membership(request, partnership_id, member_id))
    return Status(204, None)


@router.post("/{partnership_id}/members/{member_id}/representatives",
             response={201: RepresentativeOut, **WRITE_ERRORS})
def add_representative(request, partnership_id: int, member_id: int,
                       payload: RepresentativeIn):
    require_user(request)
    membership = _membership(request, partnership_id, member_id)
    return Status(201, services.add_representative(request.user, membership,
                                                   person=person_or_404(request, payload.person_id),
                                                   has_mandate=payload.has_mandate))


def _representative(request, partnership_id, member_id, representative_id):
    membership = _membership(request, partnership_id, member_id)
    return get_object_or_404(membership.representatives.select_related("person"),
                             pk=representative_id)


@router.patch("/{partnership_id}/members/{member_id}/representatives/{representative_id}",
              response={200: RepresentativeOut, **WRITE_ERRORS})
def set_mandate(request, partnership_id: int, member_id: int, representative_id: int,
                payload: MandateIn):
    require_user(request)
    rep = _representative(request, partnership_id, member_id, representative_id)
    return services.set_mandate(request.user, rep, payload.has_mandate)


@router.delete("/{partnership_id}/members/{member_id}/representatives/{representative_id}",
               response={204: None, **WRITE_ERRORS})
def remove_representative(request, partnership_id: int, member_id: int,
                          representative_id: int):
    require_user(request)
    services.remove_representative(
        request.user, _representative(request, partnership_id, member_id, representative_id))
    return Status(204, None)


class BrokerOut(Schema):
    id: int
    person_id: int
    name: str
    kind: str
    note: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.person.name


class BrokerIn(Payload):
    person_id: int
    kind: BrokerKind = BrokerKind.EXTERNAL
    note: str = Field("", max_length=300)


@router.get("/{partnership_id}/brokers", response={200: list[BrokerOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_brokers(request, partnership_id: int):
    return partnership_or_404(request, partnership_id).brokers.select_related("person")


@router.post("/{partnership_id}/brokers", response={201: BrokerOut, **WRITE_ERRORS})
def add_broker(request, partnership_id: int, payload: BrokerIn):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    return Status(201, services.add_broker(request.user, partnership,
                                           person=person_or_404(request, payload.person_id),
                                           kind=payload.kind.value, note=payload.note))


@router.delete("/{partnership_id}/brokers/{broker_id}", response={204: None, **WRITE_ERRORS})
def remove_broker(request, partnership_id: int, broker_id: int):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    services.remove_broker(request.user, get_object_or_404(partnership.brokers, pk=broker_id))
    return Status(204, None)
