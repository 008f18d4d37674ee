"""The page where a partnership's managers set up its grievance mechanism: time zone,
closing rule, filing form, published service levels, holidays and named handlers."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnering.grievances.forms import HandlerForm, HolidayForm, LevelForm, SettingsForm
from partnering.grievances.models import GrievanceHandler, Holiday
from partnering.grievances.services import setup
from partnering.grievances.views.public import published_levels
from partnering.partnerships.access import partnership_or_404
from partnering.viewhelpers import act, handle_form


def _managed(request, partnership_id: int):
    return partnership_or_404(request, partnership_id, "manage")


def _page(request, partnership, **forms):
    context = {
        "settings_form": SettingsForm(instance=setup.settings_of(partnership)),
        "level_form": LevelForm(), "holiday_form": HolidayForm(), "handler_form": HandlerForm(),
        **forms}
    return render(request, "grievances/setup.html", {
        "partnership": partnership, "levels": published_levels(partnership),
        "holidays": Holiday.objects.filter(partnership=partnership),
        "handlers": GrievanceHandler.objects.filter(partnership=partnership)
        .select_related("user"), **context})


@login_required
def page(request, partnership_id: int):
    return _page(request, _managed(request, partnership_id))


def _save(request, partnership_id: int, form_class, service, name: str, **form_kwargs):
    partnership = _managed(request, partnership_id)
    form = form_class(request.POST, **form_kwargs.get("extra", lambda p: {})(partnership))
    return handle_form(request, form, service, request.user, partnership,
                       message=_("Saved."), success=reverse("grievance_setup",
                                                            args=[partnership.pk]),
                       render_page=lambda form: _page(request, partnership, **{name: form}))


@require_POST
def save_settings(request, partnership_id: int):
    return _save(request, partnership_id, SettingsForm, setup.save_settings, "settings_form",
                 extra=lambda p: {"instance": setup.settings_of(p)})


@require_POST
def save_level(request, partnership_id: int):
    return _save(request, partnership_id, LevelForm, setup.set_service_level, "level_form")


@require_POST
def add_holiday(request, partnership_id: int):
    return _save(request, partnership_id, HolidayForm, setup.add_holiday, "holiday_form")


@require_POST
def name_handler(request, partnership_id: int):
    return _save(request, partnership_id, HandlerForm, setup.name_handler, "handler_form")


@require_POST
def remove_holiday(request, partnership_id: int, holiday_id: int):
    partnership = _managed(request, partnership_id)
    holiday = get_object_or_404(Holiday.objects.filter(partnership=partnership), pk=holiday_id)
    return act(request, setup.remove_holiday, request.user, holiday,
               message=_("Holiday removed."),
               back=reverse("grievance_setup", args=[partnership.pk]))


@require_POST
def remove_handler(request, partnership_id: int, grievance_handler_id: int):
    partnership = _managed(request, partnership_id)
    handler = get_object_or_404(GrievanceHandler.objects.filter(partnership=partnership),
                                pk=grievance_handler_id)
    return act(request, setup.remove_handler, request.user, handler,
               message=_("Handler removed."),
               back=reverse("grievance_setup", args=[partnership.pk]))

