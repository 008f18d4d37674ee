from django.urls import path

from partnering.monitoring import notes_views, views

P = "partnerships/<int:partnership_id>/"

urlpatterns = [
    path(P + "results/", views.results, name="results"),
    path(P + "results/new/", views.result_create, name="result_create"),
    path(P + "results/<int:result_id>/edit/", views.result_edit, name="result_edit"),
    path(P + "results/<int:result_id>/delete/", views.result_delete, name="result_delete"),
    path(P + "indicators/new/", views.indicator_create, name="indicator_create"),
    path(P + "indicators/<int:indicator_id>/", views.indicator_detail, name="indicator"),
    path(P + "indicators/<int:indicator_id>/edit/", views.indicator_edit,
         name="indicator_edit"),
    path(P + "indicators/<int:indicator_id>/delete/", views.indicator_delete,
         name="indicator_delete"),
    path(P + "indicators/<int:indicator_id>/targets/new/", views.target_create,
         name="target_create"),
    path(P + "indicators/<int:indicator_id>/targets/<int:target_id>/edit/", views.target_edit,
         name="target_edit"),
    path(P + "indicators/<int:indicator_id>/targets/<int:target_id>/delete/",
         views.target_delete, name="target_delete"),
    path(P + "indicators/<int:indicator_id>/measurements/new/", views.measurement_create,
         name="measurement_create"),
    path(P + "measurements/<int:measurement_id>/validate/", views.measurement_validate,
         name="measurement_validate"),
    path(P + "measurements/<int:measurement_id>/notes/new/", notes_views.measurement_note,
         name="measurement_note"),
    path(P + "measurements/<int:measurement_id>/edit/", views.measurement_edit,
         name="measurement_edit"),
    path(P + "measurements/<int:measurement_id>/delete/", views.measurement_delete,
         name="measurement_delete"),
    path(P + "measurements/<int:measurement_id>/evidence/", views.measurement_evidence,
         name="measurement_evidence"),
    path(P + "reports/", views.reports, name="reports"),
    path(P + "reports/new/", views.report_create, name="report_create"),
    path(P + "reports/<int:report_id>/", views.report_detail, name="report"),
    path(P + "reports/<int:report_id>/edit/", views.report_edit, name="report_edit"),
    path(P + "reports/<int:report_id>/delete/", views.report_delete, name="report_delete"),
    path(P + "risks/", views.risks, name="risks"),
    path(P + "risks/new/", views.risk_create, name="risk_create"),
    path(P + "risks/<int:risk_id>/", views.risk_edit, name="risk_edit"),
    path(P + "risks/<int:risk_id>/delete/", views.risk_delete, name="risk_delete"),
    path(P + "health/", views.health, name="health"),
]

urlpatterns += [
    path("portfolio/", views.portfolio_page, name="portfolio"),
]
