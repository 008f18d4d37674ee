"""/api/v1/partnerships/{id}/results: the results chain with weighted, rolled-up progress."""

from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from partnering.monitoring.cleaning import number_text
from partnering.monitoring.models import ResultLevel
from partnering.monitoring.queries import indicator_views, results_chain
from partnering.monitoring.results import services
from partnering.partnerships.access import partnership_or_404
from partnering.schemas import READ_ERRORS, WRITE_ERRORS, Payload, also, require_user

router = Router(tags=["monitoring"])


class ResultIn(Payload):
    title: str = Field(..., min_length=1, max_length=500)
    level: ResultLevel = ResultLevel.OUTPUT
    parent: int | None = Field(None, validation_alias=also("parent_id", "parent"),
                               description="The result it contributes to (also accepted as "
                                           "parent)")
    weight: Decimal = Field(Decimal(1), ge=0, le=1000)
    description: str = Field("", max_length=20000)


class ResultPatch(Payload):
    title: str | None = Field(None, min_length=1, max_length=500)
    level: ResultLevel | None = None
    parent: int | None = Field(None, validation_alias=also("parent_id", "parent"),
                               description="The result it contributes to; null: top (also "
                                           "accepted as parent)")
    weight: Decimal | None = Field(None, ge=0, le=1000)
    description: str | None = Field(None, max_length=20000)


class ResultOut(Schema):
    id: int
    title: str
    level: str
    parent_id: int | None
    weight: str
    description: str
    progress: float | None
    indicator_ids: list[int]


def _result_row(result, node=None) -> dict:
    """A result with its node in the chain (its progress and indicators), if known."""
    progress = None if node is None or node.progress is None else float(node.progress)
    return {"id": result.pk, "title": result.title, "level": result.level,
            "parent_id": result.parent_id, "weight": number_text(result.weight),
            "description": result.description, "progress": progress,
            "indicator_ids": [v.indicator.pk for v in node.indicators] if node else []}


@router.get("/partnerships/{partnership_id}/results",
            response={200: list[ResultOut], **READ_ERRORS},
            summary="The results chain with weighted, rolled-up progress")
def list_results(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id)
    chain = results_chain(partnership, indicator_views(partnership))
    return [_result_row(n.result, n) for n in chain.flat()]


@router.post("/partnerships/{partnership_id}/results",
             response={201: ResultOut, **WRITE_ERRORS}, summary="Add a result to the chain")
def create_result(request, partnership_id: int, payload: ResultIn):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    result = services.create_result(request.user, partnership, **payload.dict())
    return Status(201, _result_row(result))


@router.patch("/partnerships/{partnership_id}/results/{result_id}",
              response={200: ResultOut, **WRITE_ERRORS},
              summary="Change a result (stewards); a result cannot contribute to itself or "
                      "to a result below it")
def update_result(request, partnership_id: int, result_id: int, payload: ResultPatch):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    result = get_object_or_404(partnership.results, pk=result_id)
    data = payload.dict(exclude_unset=True)
    for name in ("title", "level", "weight"):
        if name in data and data[name] is None:
            data.pop(name)
    services.update_result(request.user, result, **data)
    chain = results_chain(partnership, indicator_views(partnership))
    return _result_row(result, next(n for n in chain.flat() if n.result.pk == result.pk))


@router.delete("/partnerships/{partnership_id}/results/{result_id}",
               response={204: None, **WRITE_ERRORS},
               summary="Delete a result (stewards): the results below it move up to its "
                       "parent, its indicators stay, no longer attached to a result")
def delete_result(request, partnership_id: int, result_id: int):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    services.delete_result(request.user, get_object_or_404(partnership.results, pk=result_id))
    return Status(204, None)
