"""/api/v1/portfolio and /api/v1/open-data.zip: the partnerships one may see, counted, and
all public data as CSV files."""

from ninja import Field, Query, Router, Schema

from partnering.monitoring.portfolio.data import portfolio
from partnering.monitoring.portfolio.exports import open_data_zip
from partnering.schemas import READ_ERRORS, Filters, download

router = Router(tags=["monitoring"])


class PortfolioFilters(Filters):
    organisation: int | None = Field(None, ge=1, le=2**62,
                                     description="Only partnerships this organisation is in")
    sdg: int | None = Field(None, ge=1, le=17, description="SDG goal number")
    phase: str | None = Field(None, max_length=20, description="Lifecycle phase code")


class CountOut(Schema):
    label: str
    count: int


class PortfolioOut(Schema):
    partnerships: int
    by_phase: list[CountOut]
    by_sdg: list[CountOut]
    by_country: list[CountOut]
    by_sector: list[CountOut]
    reporting: list[CountOut]
    health: list[CountOut]
    health_average: float | None = Field(description="Mean over the partnerships with an "
                                                     "index (enough data)")
    health_not_covered: int = Field(description="Partnerships left out of the mean: not "
                                                "enough data for an index")
    kpi: dict


@router.get("/portfolio", response={200: PortfolioOut, **READ_ERRORS},
            summary="Portfolio of the partnerships you can see: by phase, SDG, country, "
                    "sector, reporting status, health, KPI progress")
def get_portfolio(request, filters: Query[PortfolioFilters]):
    data = portfolio(request.user, **filters.dict(exclude_none=True))

    def counts(name):
        return [{"label": str(label), "count": count} for label, count in data.tables[name][2]]
    return {"partnerships": data.partnerships, "by_phase": counts("phase"),
            "by_sdg": counts("sdg"), "by_country": counts("country"),
            "by_sector": counts("sector"), "reporting": counts("reporting"),
            "health": counts("health"), "health_average": data.health_average,
            "health_not_covered": data.health_not_covered,
            "kpi": data.kpi}


@router.get("/open-data.zip", response={200: None, **READ_ERRORS}, auth=None,
            openapi_extra=download("application/zip", "A zip of CSV files"),
            summary="All public data (public partnerships, partners, SDGs, results, "
                    "indicators, targets, measurements, progress reports) as a zip of CSVs")
def get_open_data(request):
    return open_data_zip()
