from django.urls import path

from partnering.jobs import views

urlpatterns = [
    path("jobs/", views.job_list, name="jobs"),
    path("jobs/<uuid:job_id>/rerun/", views.job_rerun, name="job_rerun"),
]
