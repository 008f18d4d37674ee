from django.contrib import admin
from django.urls import include, path

from partnering import errors, views
from partnering.api import api

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("sources/", views.sources, name="sources"),
    path("accounts/", include("partnering.accounts.urls")),
    path("api/v1/", api.urls),
    path("api/v1/<path:unknown>", errors.api_not_found),
    path("admin/", admin.site.urls),
    path("", include("partnering.registry.urls")),
    path("", include("partnering.partnerships.urls")),
    path("", include("partnering.agreements.urls")),
    path("", include("partnering.governance.power.urls")),
    path("", include("partnering.governance.decisions.urls")),
    path("", include("partnering.reference.urls")),
    path("", include("partnering.interop.urls")),
    path("", include("partnering.assessments.urls")),
    path("", include("partnering.monitoring.urls")),
    path("", include("partnering.discovery.urls")),
    path("", include("partnering.jobs.urls")),
    path("", include("partnering.notifications.urls")),
    path("", include("partnering.translations.urls")),
    path("", include("partnering.grievances.urls")),
    path("", include("partnering.platforms.urls")),
]

# JSON `{"detail": ...}` under /api/, Django's pages elsewhere (partnering/errors.py).
handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
