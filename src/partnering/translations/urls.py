"""/translations/<kind>/<id>/: one translate page per kind of record, each named by the
record's own id parameter (`partnership_id`, `version_id`, ...)."""

from django.urls import path

from partnering.translations import views
from partnering.translations.registry import KINDS


def _patterns():
    return [path(f"translations/{kind.name}/<int:{kind.param}>/", views.translate,
                 {"kind_name": kind.name}, name=f"translate_{kind.name}")
            for kind in KINDS.values()]


urlpatterns = _patterns()
