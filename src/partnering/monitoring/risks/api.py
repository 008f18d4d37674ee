"""/api/v1/partnerships/{id}/risks: the risk register."""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from partnering.monitoring.models import RiskCategory, RiskStatus
from partnering.monitoring.risks import services
from partnering.partnerships.access import partnership_or_404
from partnering.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    LimitOffsetPagination,
    Payload,
    also,
    require_user,
)

router = Router(tags=["monitoring"])


class RiskIn(Payload):
    title: str = Field(..., min_length=1, max_length=300)
    description: str = Field("", max_length=20000)
    category: RiskCategory
    likelihood: int = Field(..., ge=1, le=5)
    impact: int = Field(..., ge=1, le=5)
    owner_organisation: int | None = Field(
        None, validation_alias=also("owner_organisation_id", "owner_organisation"),
        description="A member organisation's id (also accepted as owner_organisation)")
    mitigation: str = Field("", max_length=20000)
    status: RiskStatus = RiskStatus.OPEN
    review_date: date | None = None


class RiskPatch(Payload):
    title: str | None = Field(None, min_length=1, max_length=300)
    description: str | None = Field(None, max_length=20000)
    category: RiskCategory | None = None
    likelihood: int | None = Field(None, ge=1, le=5)
    impact: int | None = Field(None, ge=1, le=5)
    owner_organisation: int | None = Field(
        None, validation_alias=also("owner_organisation_id", "owner_organisation"))
    mitigation: str | None = Field(None, max_length=20000)
    status: RiskStatus | None = None
    review_date: date | None = None


class RiskOut(Schema):
    id: int
    title: str
    description: str
    category: str
    likelihood: int
    impact: int
    score: int
    high: bool
    owner_organisation_id: int | None
    mitigation: str
    status: str
    review_date: date | None


def _risk_row(r) -> dict:
    return {"id": r.pk, "title": r.title, "description": r.description,
            "category": r.category, "likelihood": r.likelihood, "impact": r.impact,
            "score": r.score, "high": r.is_high,
            "owner_organisation_id": r.owner_organisation_id, "mitigation": r.mitigation,
            "status": r.status, "review_date": r.review_date}


@router.get("/partnerships/{partnership_id}/risks",
            response={200: list[RiskOut], **READ_ERRORS}, summary="The risk register")
@paginate(LimitOffsetPagination)
def list_risks(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id)
    return [_risk_row(r) for r in partnership.risks.all()]


@router.post("/partnerships/{partnership_id}/risks",
             response={201: RiskOut, **WRITE_ERRORS}, summary="Register a risk (members)")
def create_risk(request, partnership_id: int, payload: RiskIn):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    return Status(201, _risk_row(services.create_risk(request.user, partnership, **payload.dict())))


@router.patch("/partnerships/{partnership_id}/risks/{risk_id}",
              response={200: RiskOut, **WRITE_ERRORS}, summary="Review a risk (members)")
def update_risk(request, partnership_id: int, risk_id: int, payload: RiskPatch):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    risk = get_object_or_404(partnership.risks, pk=risk_id)
    data = payload.dict(exclude_unset=True)
    return _risk_row(services.update_risk(request.user, risk, **data))


@router.delete("/partnerships/{partnership_id}/risks/{risk_id}",
               response={204: None, **WRITE_ERRORS},
               summary="Delete a risk (stewards; members close it instead)")
def delete_risk(request, partnership_id: int, risk_id: int):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    services.delete_risk(request.user, get_object_or_404(partnership.risks, pk=risk_id))
    return Status(204, None)
