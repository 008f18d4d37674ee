"""/api/v1/partnerships/{id}/deliverables and /api/v1/deliverables/{id}: what the
partnership commits to deliver, who is responsible, by when, and the indicators linked."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from ninja import Field, Schema, Status
from ninja.pagination import paginate

from partnering.agreements import services
from partnering.agreements.api.common import deliverables_router, router
from partnering.agreements.models import Deliverable
from partnering.agreements.queries import deliverables
from partnering.agreements.vocabulary import DeliverableStatus
from partnering.limits import MAX_TEXT
from partnering.partnerships.access import partnership_or_404, scoped_or_404
from partnering.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    LimitOffsetPagination,
    Payload,
    Row,
    require_user,
)


class DeliverableIndicatorOut(Row):
    id: int
    name: str
    unit: str
    progress: float | None = Field(description="0..1 towards the final target; null: unknown")
    latest_value: str | None
    latest_date: dt.date | None


class DeliverableOut(Row):
    id: int
    partnership_id: int
    title: str
    description: str
    responsible_organisation_id: int | None
    responsible_organisation_name: str | None
    due_date: dt.date | None
    status: str
    delivered_on: dt.date | None
    position: int
    days_overdue: int = Field(description="Days past the due date while neither delivered "
                                          "nor dropped; 0 otherwise")
    created: dt.datetime
    indicators: list[DeliverableIndicatorOut] = Field(
        description="Indicators linked to the deliverable, with their progress")


class DeliverableIn(Payload):
    title: str = Field(..., min_length=1, max_length=300)
    description: str = Field("", max_length=MAX_TEXT)
    responsible_organisation_id: int | None = Field(None, description="A member organisation")
    due_date: dt.date | None = None
    status: DeliverableStatus = DeliverableStatus.PLANNED
    delivered_on: dt.date | None = Field(
        None, description="Only with status `delivered`; today when not given")


class DeliverablePatch(Payload):
    title: str | None = Field(None, min_length=1, max_length=300)
    description: str | None = Field(None, max_length=MAX_TEXT)
    responsible_organisation_id: int | None = Field(None, description="null: nobody named")
    due_date: dt.date | None = None
    status: DeliverableStatus | None = None
    delivered_on: dt.date | None = None


def _number(value) -> str | None:
    return None if value is None else f"{Decimal(value).normalize():f}"


def _deliverable_row(d) -> dict:
    org = d.responsible_organisation
    return {
        "id": d.pk, "partnership_id": d.partnership_id, "title": d.title,
        "description": d.description, "responsible_organisation_id": d.responsible_organisation_id,
        "responsible_organisation_name": str(org) if org else None, "due_date": d.due_date,
        "status": d.status, "delivered_on": d.delivered_on, "position": d.position,
        "days_overdue": d.days_overdue, "created": d.created,
        "indicators": [{"id": i.pk, "name": i.name, "unit": i.unit, "progress": i.progress,
                        "latest_value": _number(i.latest_value), "latest_date": i.latest_date}
                       for i in d.indicators.all()],
    }


def _deliverable_data(payload: Schema, *, partial: bool) -> dict:
    data = payload.dict(exclude_unset=partial)
    if "responsible_organisation_id" in data:
        data["responsible_organisation"] = data.pop("responsible_organisation_id")
    for name in ("title", "status"):
        if name in data and data[name] is None:
            raise ValidationError({name: "This field cannot be empty."})
    if data.get("status") is not None:
        data["status"] = DeliverableStatus(data["status"]).value
    if "description" in data and data["description"] is None:
        data["description"] = ""
    return data


def _one_deliverable(deliverable_id: int) -> dict:
    return _deliverable_row(Deliverable.objects.select_related("responsible_organisation")
                            .prefetch_related("indicators").get(pk=deliverable_id))


def _visible_deliverable(request, deliverable_id: int) -> Deliverable:
    return scoped_or_404(request.user, Deliverable.objects.select_related(
        "partnership", "responsible_organisation"), deliverable_id)


@router.get("/{int:partnership_id}/deliverables",
            response={200: list[DeliverableOut], **READ_ERRORS},
            summary="What the partnership commits to deliver: who is responsible, by when, "
                    "the status and the indicators linked")
@paginate(LimitOffsetPagination)
def list_deliverables(request, partnership_id: int):
    return [_deliverable_row(d) for d in deliverables(partnership_or_404(request, partnership_id))]


@router.post("/{int:partnership_id}/deliverables",
             response={201: DeliverableOut, **WRITE_ERRORS},
             summary="Record a deliverable (stewards)",
             description="The responsible organisation must be a member; a due date before "
                         "the partnership started or decades ahead, and a delivery date in "
                         "the future, answer 422.")
def create_deliverable(request, partnership_id: int, payload: DeliverableIn):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    deliverable = services.create_deliverable(request.user, partnership,
                                              **_deliverable_data(payload, partial=False))
    return Status(201, _one_deliverable(deliverable.pk))


@deliverables_router.get("/{int:deliverable_id}",
                         response={200: DeliverableOut, **READ_ERRORS},
                         summary="One deliverable")
def get_deliverable(request, deliverable_id: int):
    return _one_deliverable(_visible_deliverable(request, deliverable_id).pk)


@deliverables_router.patch("/{int:deliverable_id}",
                           response={200: DeliverableOut, **WRITE_ERRORS},
                           summary="Change a deliverable or its status (stewards)",
                           description="Give only the fields to change. Status `delivered` "
                                       "records `delivered_on` (today when not given); any "
                                       "other status clears it.")
def update_deliverable(request, deliverable_id: int, payload: DeliverablePatch):
    require_user(request)
    deliverable = _visible_deliverable(request, deliverable_id)
    services.update_deliverable(request.user, deliverable,
                                **_deliverable_data(payload, partial=True))
    return _one_deliverable(deliverable.pk)


@deliverables_router.delete("/{int:deliverable_id}", response={204: None, **WRITE_ERRORS},
                            summary="Remove a deliverable (stewards); linked indicators stay, "
                                    "unlinked")
def delete_deliverable(request, deliverable_id: int):
    require_user(request)
    services.delete_deliverable(request.user, _visible_deliverable(request, deliverable_id))
    return Status(204, None)
