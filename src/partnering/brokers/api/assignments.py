"""/api/v1/broker-assignments: brokers' assignments to partnerships. Read by whoever may see
the partnership; assigned, changed and ended by its stewards (ending opens the partners'
"Broker fairness and support" round)."""

from datetime import date
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from partnering.brokers import access
from partnering.brokers.api.common import assignment_row, router
from partnering.brokers.assignments import services
from partnering.brokers.assignments.models import Assignment
from partnering.partnerships.access import partnership_or_404, restrict, scoped_or_404
from partnering.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    Filters,
    LimitOffsetPagination,
    Payload,
    require_user,
)


class AssignmentOut(Schema):
    id: int
    partnership_id: int
    broker_id: int
    terms_of_reference: str
    start: date
    end: date | None
    days_per_month: float
    ended_on: date | None
    end_note: str
    current: bool
    rating_round_id: int | None


class AssignmentIn(Payload):
    partnership_id: int
    broker_id: int
    terms_of_reference: str = Field(..., min_length=1, max_length=20000)
    start: date
    end: date | None = None
    days_per_month: Decimal = Field(..., gt=0, le=31, decimal_places=1)


class AssignmentPatch(Payload):
    terms_of_reference: str | None = Field(None, min_length=1, max_length=20000)
    start: date | None = None
    end: date | None = None
    days_per_month: Decimal | None = Field(None, gt=0, le=31, decimal_places=1)


class AssignmentEndIn(Payload):
    ended_on: date | None = None
    note: str = Field("", max_length=500)
    rate: bool = Field(True, description="Ask the partners to rate the broker's fairness "
                                         "and support")


class AssignmentFilters(Filters):
    partnership_id: int | None = None
    broker_id: int | None = None
    current: bool | None = None


def _visible(request):
    return restrict(Assignment.objects.all(), request.user)


@router.get("/broker-assignments", response={200: list[AssignmentOut], **READ_ERRORS},
            summary="Assignments in the partnerships you may see")
@paginate(LimitOffsetPagination)
def list_assignments(request, filters: Query[AssignmentFilters]):
    rows = _visible(request).order_by("-start", "-id")
    if filters.partnership_id is not None:
        rows = rows.filter(partnership_id=filters.partnership_id)
    if filters.broker_id is not None:
        rows = rows.filter(broker_id=filters.broker_id)
    if filters.current is not None:
        rows = rows.filter(ended_on__isnull=filters.current)
    return [assignment_row(a) for a in rows]


@router.post("/broker-assignments", response={201: AssignmentOut, **WRITE_ERRORS},
             summary="Assign a broker (the partnership's stewards)")
def create_assignment(request, payload: AssignmentIn):
    require_user(request)
    partnership = partnership_or_404(request, payload.partnership_id)
    broker = access.profile_or_404(request.user, payload.broker_id)
    data = payload.dict(exclude={"partnership_id", "broker_id"})
    return Status(201, assignment_row(services.assign(request.user, partnership, broker,
                                                      **data)))


@router.get("/broker-assignments/{assignment_id}",
            response={200: AssignmentOut, **READ_ERRORS}, summary="One assignment")
def get_assignment(request, assignment_id: int):
    return assignment_row(scoped_or_404(request.user, Assignment.objects.all(), assignment_id))


@router.patch("/broker-assignments/{assignment_id}",
              response={200: AssignmentOut, **WRITE_ERRORS},
              summary="Change the terms of a current assignment (stewards)")
def update_assignment(request, assignment_id: int, payload: AssignmentPatch):
    require_user(request)
    assignment = scoped_or_404(request.user, Assignment.objects.select_related(
        "partnership", "broker"), assignment_id)
    data = {k: v for k, v in payload.dict(exclude_unset=True).items()
            if v is not None or k == "end"}
    return assignment_row(services.update_terms(request.user, assignment, **data))


@router.post("/broker-assignments/{assignment_id}/end",
             response={200: AssignmentOut, **WRITE_ERRORS},
             summary="End an assignment (stewards); the partners are asked to rate the broker")
def end_assignment(request, assignment_id: int, payload: AssignmentEndIn):
    require_user(request)
    assignment = scoped_or_404(request.user, Assignment.objects.select_related(
        "partnership", "broker__person", "seat"), assignment_id)
    return assignment_row(services.end(request.user, assignment, ended_on=payload.ended_on,
                                       note=payload.note, rate=payload.rate))


__all__ = ["get_object_or_404"]
