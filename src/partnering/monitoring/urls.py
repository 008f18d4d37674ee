from django.urls import path

from partnering.monitoring import views

P = "partnerships/<int:partnership_id>/"

urlpatterns = [
    path(P + "results/", views.results, name="results"),
    path(P + "results/new/", views.result_create, name="result_create"),
    path(P + "indicators/new/", views.indicator_create, name="indicator_create"),
    path(P + "indicators/<int:indicator_id>/", views.indicator_detail, name="indicator"),
    path(P + "indicators/<int:indicator_id>/edit/", views.indicator_edit,
         name="indicator_edit"),
    path(P + "indicators/<int:indicator_id>/targets/new/", views.target_create,
         name="target_create"),
    path(P + "indicators/<int:indicator_id>/measurements/new/", views.measurement_create,
         name="measurement_create"),
    path(P + "measurements/<int:measurement_id>/validate/", views.measurement_validate,
         name="measurement_validate"),
    path(P + "reports/", views.reports, name="reports"),
    path(P + "reports/new/", views.report_create, name="report_create"),
    path(P + "reports/<int:report_id>/", views.report_detail, name="report"),
    path(P + "risks/", views.risks, name="risks"),
    path(P + "risks/new/", views.risk_create, name="risk_create"),
    path(P + "risks/<int:risk_id>/", views.risk_edit, name="risk_edit"),
    path(P + "health/", views.health, name="health"),
]

urlpatterns += [
    path("portfolio/", views.portfolio_page, name="portfolio"),
]
