from django.urls import path

from partnering.interop.iati import views as iati_views
from partnering.interop.registry import views

urlpatterns = [
    path("interop/iati/", iati_views.iati_import, name="iati_import"),
    path("interop/iati/jobs/<int:job_id>/", iati_views.iati_job, name="iati_job"),
    path("interop/registry/", views.registry_import, name="registry_import"),
    path("interop/registry/confirm/", views.registry_import_confirm,
         name="registry_import_confirm"),
    path("interop/registry/jobs/<int:job_id>/", views.registry_import_job,
         name="registry_import_job"),
    path("interop/registry/result/", views.registry_import_result,
         name="registry_import_result"),
    path("interop/registry/organisations_sample.csv", views.registry_import_sample,
         name="registry_import_sample"),
    path("organisations/export.csv", views.registry_export_organisations, {"fmt": "csv"},
         name="registry_export_organisations_csv"),
    path("organisations/export.xlsx", views.registry_export_organisations, {"fmt": "xlsx"},
         name="registry_export_organisations_xlsx"),
    path("people/export.csv", views.registry_export_people, {"fmt": "csv"},
         name="registry_export_people_csv"),
    path("people/export.xlsx", views.registry_export_people, {"fmt": "xlsx"},
         name="registry_export_people_xlsx"),
]
