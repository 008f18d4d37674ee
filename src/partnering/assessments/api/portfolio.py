"""/api/v1/organisations/{id}/assessments: an organisation's scores over time."""

from typing import Any

from django.db.models import Q
from django.shortcuts import get_object_or_404

from partnering.assessments.api.base import router
from partnering.assessments.results import overall_scores
from partnering.partnerships.access import visible_rounds
from partnering.registry.models import Organisation
from partnering.schemas import (
    READ_ERRORS,
)


@router.get("/organisations/{organisation_id}/assessments",
            response={200: list[dict[str, Any]], **READ_ERRORS})
def portfolio(request, organisation_id: int):
    """Scores over time across an organisation's own rounds and its partnerships' rounds
    that the user may see (overall mean of scored answers; hidden under the threshold)."""
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    return portfolio_rows(request.user, organisation)


def portfolio_rows(user, organisation) -> list[dict]:
    rounds = list(visible_rounds(user).filter(
        Q(organisation=organisation) | Q(partnership__memberships__organisation=organisation))
        .distinct().select_related("instrument", "partnership").order_by("opens_at", "id"))
    scores = overall_scores(rounds)
    return [{"round_id": r.pk, "round": r.title, "instrument": str(r.instrument),
             "partnership": r.partnership.title if r.partnership_id else None,
             "opens_at": r.opens_at, "score": scores.get(r.pk, (0, None))[1]}
            for r in rounds]
