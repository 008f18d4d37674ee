from django.urls import path

from partnering.pagecache import cache_for_visitors
from partnering.registry import views

urlpatterns = [
    path("organisations/", cache_for_visitors(views.organisation_list), name="organisations"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:organisation_id>/", cache_for_visitors(views.organisation_detail),
         name="organisation"),
    path("organisations/<int:organisation_id>/edit/", views.organisation_edit,
         name="organisation_edit"),
    path("people/", views.person_list, name="people"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:person_id>/", views.person_detail, name="person"),
    path("people/<int:person_id>/edit/", views.person_edit, name="person_edit"),
]
