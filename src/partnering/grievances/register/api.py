"""/api/v1/partnerships/{partnership_id}/grievance-register and
/api/v1/platforms/{platform_id}/grievance-register: the anonymised register (see
`grievances.register` for the suppression rule); 404 for whoever may not see the
partnership or platform."""

from ninja import Router, Schema

from partnering.grievances import access
from partnering.grievances.register import min_group, register
from partnering.partnerships import access as partnerships
from partnering.schemas import READ_ERRORS

router = Router(tags=["grievances"])
platform_router = Router(tags=["grievances"])


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


class PlatformRegisterOut(Schema):
    platform_id: int
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


@platform_router.get("/{platform_id}/grievance-register",
                     response={200: PlatformRegisterOut, **READ_ERRORS},
                     summary="The anonymised grievance register of a platform")
def platform_grievance_register(request, platform_id: int):
    """As a partnership's register, for the cases about the platform; 404 for whoever may
    not see the platform."""
    platform = access.platform_or_404(request, platform_id)
    return {"platform_id": platform.pk, "minimum_count": min_group(),
            "periods": [p.as_dict() for p in register(platform=platform)]}
