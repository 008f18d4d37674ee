from django.urls import include, path

from partnering.governance import views

urlpatterns: list = [
    path("partnerships/<int:partnership_id>/power/", views.power_balance,
         name="power_balance"),
]

# Decisions and shared accountability (governance/decisions_urls.py).
urlpatterns += [path("", include("partnering.governance.decisions_urls"))]
