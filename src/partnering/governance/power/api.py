"""GET /api/v1/partnerships/{id}/power-balance: who proposes, decides, carries the actions
and the costs."""

from datetime import date
from typing import Annotated

from ninja import Field, Query, Router
from pydantic import BeforeValidator

from partnering.governance.power.data import power_balance
from partnering.governance.power.schemas import PowerBalanceOut
from partnering.partnerships.access import visible_partnership
from partnering.schemas import READ_ERRORS, Filters

router = Router(tags=["governance"])

# An empty value (?since=&until=) means no bound, as in a submitted period form.
OptionalDay = Annotated[date | None, BeforeValidator(lambda value: value or None)]


class PowerPeriod(Filters):
    since: Annotated[OptionalDay, Field(description="First day counted (ISO date); empty "
                                                    "or missing: from the start")] = None
    until: Annotated[OptionalDay, Field(description="Last day counted (ISO date); empty or "
                                                    "missing: to today")] = None


@router.get("/{partnership_id}/power-balance",
            response={200: PowerBalanceOut, **READ_ERRORS},
            summary="Who proposes, decides, carries the actions and the costs")
def get_power_balance(request, partnership_id: int, period: Query[PowerPeriod]):
    """Each member's and sector's share of every measure over the period (shares sum to 1
    per measure, or the measure has no data), the equity index with its formula, and flags
    with plain-language explanations. An end before the start answers 422."""
    partnership = visible_partnership(request, partnership_id)
    report = power_balance(partnership, period.since, period.until)
    return {"partnership_id": partnership.pk, **report.as_dict()}
