"""/api/v1/partnerships/{partnership_id}/grievance-register: the anonymised register (see
`grievances.register` for the suppression rule); 404 for whoever may not see the
partnership."""

from ninja import Router, Schema

from partnering.grievances.register import min_group, register
from partnering.partnerships import access as partnerships
from partnering.schemas import READ_ERRORS

router = Router(tags=["grievances"])


class CellOut(Schema):
    key: str
    label: str
    count: int | None
    suppressed: bool


class PeriodOut(Schema):
    period: str
    start: str
    end: str
    total: int | None
    total_suppressed: bool
    by_category: list[CellOut]
    by_severity: list[CellOut]
    resolved_on_time_share: float | None
    median_days_to_resolve: float | None


class RegisterOut(Schema):
    partnership_id: int
    minimum_count: int
    periods: list[PeriodOut]


@router.get("/{partnership_id}/grievance-register", response={200: RegisterOut, **READ_ERRORS},
            summary="The anonymised grievance register of a partnership")
def grievance_register(request, partnership_id: int):
    """Closed quarters only, latest first; a count, share or median resting on fewer than
    `minimum_count` cases is null with `suppressed`; restricted cases count only in a total
    of at least `minimum_count`."""
    partnership = partnerships.partnership_or_404(request, partnership_id)
    return {"partnership_id": partnership.pk, "minimum_count": min_group(),
            "periods": [p.as_dict() for p in register(partnership)]}
