"""/api/v1/ endpoints of the monitoring app, one router per resource: the results chain,
indicators and their milestones, measurements (validation, notes, evidence), progress
reports, risks, the health index, the portfolio and open data."""

from ninja import Router

from partnering.monitoring.health.api import router as health_router
from partnering.monitoring.indicators.api import router as indicators_router
from partnering.monitoring.measurements.api import router as measurements_router
from partnering.monitoring.portfolio.api import router as portfolio_router
from partnering.monitoring.reports.api import router as reports_router
from partnering.monitoring.results.api import router as results_router
from partnering.monitoring.risks.api import router as risks_router

router = Router(tags=["monitoring"])
for resource_router in (indicators_router, results_router, measurements_router,
                        reports_router, risks_router, health_router, portfolio_router):
    router.add_router("/", resource_router)
