from django.urls import path

from partnering.reference import views

urlpatterns = [
    path("reference/sdg/", views.sdg_goals, name="sdg_goals"),
    path("reference/sdg/<int:number>/", views.sdg_goal, name="sdg_goal"),
    path("reference/codelists/", views.codelist_index, name="codelists"),
    path("reference/codelists/<str:name>/", views.codelist_detail, name="codelist"),
]
