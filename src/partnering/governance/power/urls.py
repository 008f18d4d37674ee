"""The power balance page, included by the root URLconf."""

from django.urls import path

from partnering.governance.power import views

urlpatterns = [
    path("partnerships/<int:partnership_id>/power/", views.power_balance,
         name="power_balance"),
]
