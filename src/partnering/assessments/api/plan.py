"""/api/v1/rounds/{id}/actions: the summit's action plan."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Field, Status
from ninja.pagination import paginate

from partnering.assessments import services
from partnering.assessments.api.base import router
from partnering.assessments.models import (
    Dimension,
)
from partnering.partnerships.access import round_or_404
from partnering.registry.models import Organisation, Person
from partnering.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    LimitOffsetPagination,
    Payload,
    Row,
)


class PlanItemOut(Row):
    id: int
    title: str
    owner: str = Field(description="The same as owner_name (kept for older clients)")
    owner_name: str
    due_date: dt.date
    status: str
    dimension: str | None
    action_id: int | None


def _plan_row(item) -> dict:
    return {"id": item.pk, "title": item.title, "owner": item.owner_name,
            "owner_name": item.owner_name,
            "due_date": item.due_date,
            "status": item.action.status if item.action_id else item.status,
            "dimension": item.dimension.code if item.dimension_id else None,
            "action_id": item.action_id}


@router.get("/rounds/{round_id}/actions", response={200: list[PlanItemOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_plan(request, round_id: int):
    round_ = round_or_404(request, round_id)
    return [_plan_row(i) for i in round_.plan_items.select_related("action", "dimension")]


class PlanItemIn(Payload):
    title: str = Field(..., min_length=1, max_length=300)
    due_date: dt.date
    dimension: str | None = Field(None, max_length=60)
    owner_organisation_id: int | None = None
    owner_person_id: int | None = None
    owner_name: str = Field("", max_length=200)


@router.post("/rounds/{round_id}/actions", response={201: PlanItemOut, **WRITE_ERRORS})
def add_plan_item(request, round_id: int, payload: PlanItemIn):
    round_ = round_or_404(request, round_id, need="manage")
    dimension = None
    if payload.dimension:
        dimension = get_object_or_404(Dimension, instrument_id=round_.instrument_id,
                                      code=payload.dimension)
    owner_org = (get_object_or_404(Organisation, pk=payload.owner_organisation_id)
                 if payload.owner_organisation_id else None)
    owner_person = (get_object_or_404(Person.objects.visible_to(request.user),
                                      pk=payload.owner_person_id)
                    if payload.owner_person_id else None)
    item = services.add_plan_item(
        request.user, round_, title=payload.title, due_date=payload.due_date,
        dimension=dimension, owner_organisation=owner_org, owner_person=owner_person,
        owner_name=payload.owner_name)
    return Status(201, _plan_row(item))
