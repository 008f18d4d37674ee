"""/api/v1/partnerships/{id}/health: the early-warning health index."""

import orjson
from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema

from partnering.monitoring.rollup.read import from_summary
from partnering.partnerships.access import partnership_or_404
from partnering.schemas import READ_ERRORS

router = Router(tags=["monitoring"])


class HealthPartOut(Schema):
    key: str
    label: str
    weight: int
    reads: str = Field(description="What the part is computed from")
    score: float | None = Field(description="0..100; null: not measured (left out of the "
                                            "index, never zero or full marks)")
    status: str = Field(description="ok, concern or missing")
    detail: str
    advice: str


class HealthOut(Schema):
    partnership_id: int
    index: float | None = Field(description="0..100; null when the measured parts hold less "
                                            "than half of the weight")
    coverage: float = Field(description="Share of the weight measured, 0..1")
    measured_parts: int
    total_parts: int
    not_enough_data: str = Field(description="Why there is no index; empty when there is")
    method: str = Field(description="How the index is computed")
    weights: dict[str, int]
    parts: list[HealthPartOut]
    causes: list[str] = Field(description="For an index below 90: the parts that cost it "
                                          "points, the costliest first")
    explanations: list[str]


@router.get("/partnerships/{partnership_id}/health",
            response={200: HealthOut, **READ_ERRORS},
            summary="The early-warning health index, its parts and what pulls it down")
def get_health(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id)
    # The same for whoever may see the partnership: the answer, checked against HealthOut
    # and encoded, kept until the summary is recomputed.
    body = from_summary(partnership, "health-api", timezone.localdate(),
                        compute=lambda summary: _encoded(partnership.pk, summary))
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def _encoded(partnership_id: int, summary) -> bytes:
    answer = {"partnership_id": partnership_id, **summary.health_result().as_dict()}
    return orjson.dumps(HealthOut.model_validate(answer).model_dump())
