"""The monitoring pages, by resource; every page's view lives with its resource."""

from django.urls import path

from partnering.monitoring.health import views as health
from partnering.monitoring.indicators import views as indicators
from partnering.monitoring.measurements import views as measurements
from partnering.monitoring.portfolio import views as portfolio
from partnering.monitoring.reports import views as reports
from partnering.monitoring.results import views as results
from partnering.monitoring.risks import views as risks

P = "partnerships/<int:partnership_id>/"
INDICATOR = P + "indicators/<int:indicator_id>/"
MEASUREMENT = P + "measurements/<int:measurement_id>/"

urlpatterns = [
    path(P + "results/", results.results, name="results"),
    path(P + "results/new/", results.result_create, name="result_create"),
    path(P + "results/<int:result_id>/edit/", results.result_edit, name="result_edit"),
    path(P + "results/<int:result_id>/delete/", results.result_delete, name="result_delete"),
    path(P + "indicators/new/", indicators.indicator_create, name="indicator_create"),
    path(INDICATOR, indicators.indicator_detail, name="indicator"),
    path(INDICATOR + "edit/", indicators.indicator_edit, name="indicator_edit"),
    path(INDICATOR + "delete/", indicators.indicator_delete, name="indicator_delete"),
    path(INDICATOR + "targets/new/", indicators.target_create, name="target_create"),
    path(INDICATOR + "targets/<int:target_id>/edit/", indicators.target_edit,
         name="target_edit"),
    path(INDICATOR + "targets/<int:target_id>/delete/", indicators.target_delete,
         name="target_delete"),
    path(INDICATOR + "measurements/new/", measurements.measurement_create,
         name="measurement_create"),
    path(MEASUREMENT + "validate/", measurements.measurement_validate,
         name="measurement_validate"),
    path(MEASUREMENT + "notes/new/", measurements.measurement_note, name="measurement_note"),
    path(MEASUREMENT + "edit/", measurements.measurement_edit, name="measurement_edit"),
    path(MEASUREMENT + "delete/", measurements.measurement_delete, name="measurement_delete"),
    path(MEASUREMENT + "evidence/", measurements.measurement_evidence,
         name="measurement_evidence"),
    path(P + "reports/", reports.reports, name="reports"),
    path(P + "reports/new/", reports.report_create, name="report_create"),
    path(P + "reports/<int:report_id>/", reports.report_detail, name="report"),
    path(P + "reports/<int:report_id>/edit/", reports.report_edit, name="report_edit"),
    path(P + "reports/<int:report_id>/delete/", reports.report_delete, name="report_delete"),
    path(P + "risks/", risks.risks, name="risks"),
    path(P + "risks/new/", risks.risk_create, name="risk_create"),
    path(P + "risks/<int:risk_id>/", risks.risk_edit, name="risk_edit"),
    path(P + "risks/<int:risk_id>/delete/", risks.risk_delete, name="risk_delete"),
    path(P + "health/", health.health, name="health"),
    path("portfolio/", portfolio.portfolio_page, name="portfolio"),
]
