"""The grievance pages of a platform: its grievance page (how to file, the published
service levels; its handlers and cases for the handlers and secretariat), the filing form,
the public register, and the setup page for its secretariat. A private platform's pages
answer 404 to whoever may not see it (`grievances.access.platform_or_404`)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from partnering.grievances import access
from partnering.grievances.forms import EntryForm, HandlerForm, HolidayForm, LevelForm, SettingsForm
from partnering.grievances.models import GrievanceHandler, GrievanceSettings, Holiday
from partnering.grievances.register import min_group, register
from partnering.grievances.services import file_grievance, setup
from partnering.grievances.views.public import LIST_SIZE, _file, published_levels
from partnering.grievances.views.shared import FILED_KEY, private, with_clocks
from partnering.viewhelpers import act, handle_form


def overview(request, platform_id: int):
    platform = access.platform_or_404(request, platform_id)
    cases = handlers = None
    if access.may_see_platform_cases(request.user, platform):
        rows = access.visible_grievances(request.user).filter(platform=platform)
        cases = with_clocks(rows.select_related("assigned_to")[:LIST_SIZE])
        handlers = list(access.handlers_of_platform(platform).distinct())
    settings = GrievanceSettings.objects.filter(platform=platform).first()
    return render(request, "grievances/platform_overview.html", {
        "platform": platform, "levels": published_levels(platform=platform),
        "cases": cases, "handlers": handlers,
        "intake_open": settings is None or settings.intake_open})


@require_http_methods(["GET", "POST"])
def file(request, platform_id: int):
    return _file(request, platform=access.platform_or_404(request, platform_id))


@require_http_methods(["GET", "POST"])
def enter(request, platform_id: int):
    """Staff entry: a grievance about the platform received in person, by phone, SMS or
    e-mail, entered by its handlers (or admins) with the channel recorded."""
    platform = access.platform_or_404(request, platform_id)
    if not access.may_enter(request.user, platform):
        raise PermissionDenied
    form = EntryForm(request.POST or None, request.FILES or None, platform=platform)

    def service(**data):
        filed = file_grievance(platform=platform, actor=request.user,
                               files=data.pop("files"), **data)
        request.session[FILED_KEY] = {"code": filed.grievance.code, "secret": filed.secret,
                                      "case_id": filed.grievance.pk}
        return filed

    return handle_form(request, form, service, message=_("Grievance entered."),
                       success="grievance_filed",
                       render_page=lambda form: private(render(
                           request, "grievances/platform_enter.html",
                           {"platform": platform, "form": form})))


def register_page(request, platform_id: int):
    platform = access.platform_or_404(request, platform_id)
    return render(request, "grievances/platform_register.html", {
        "platform": platform, "periods": register(platform=platform),
        "threshold": min_group()})


# --- Setup, for the secretariat and admins ---------------------------------------------

def _managed(request, platform_id: int):
    return access.platform_or_404(request, platform_id, "manage")


def _page(request, platform, **forms):
    context = {
        "settings_form": SettingsForm(instance=setup.settings_of(platform)),
        "level_form": LevelForm(), "holiday_form": HolidayForm(), "handler_form": HandlerForm(),
        **forms}
    return render(request, "grievances/platform_setup.html", {
        "platform": platform, "levels": published_levels(platform=platform),
        "holidays": Holiday.objects.filter(platform=platform),
        "handlers": GrievanceHandler.objects.filter(platform=platform).select_related("user"),
        **context})


@login_required
def setup_page(request, platform_id: int):
    return _page(request, _managed(request, platform_id))


def _save(request, platform_id: int, form_class, service, name: str, **form_kwargs):
    platform = _managed(request, platform_id)
    form = form_class(request.POST, **form_kwargs)
    if form_class is SettingsForm:
        form = SettingsForm(request.POST, instance=setup.settings_of(platform))
    return handle_form(request, form, service, request.user, platform, message=_("Saved."),
                       success=reverse("platform_grievance_setup", args=[platform.pk]),
                       render_page=lambda form: _page(request, platform, **{name: form}))


@require_POST
def save_settings(request, platform_id: int):
    return _save(request, platform_id, SettingsForm, setup.save_settings, "settings_form")


@require_POST
def save_level(request, platform_id: int):
    return _save(request, platform_id, LevelForm, setup.set_service_level, "level_form")


@require_POST
def add_holiday(request, platform_id: int):
    return _save(request, platform_id, HolidayForm, setup.add_holiday, "holiday_form")


@require_POST
def name_handler(request, platform_id: int):
    return _save(request, platform_id, HandlerForm, setup.name_handler, "handler_form")


@require_POST
def remove_holiday(request, platform_id: int, holiday_id: int):
    platform = _managed(request, platform_id)
    holiday = get_object_or_404(Holiday.objects.filter(platform=platform), pk=holiday_id)
    return act(request, setup.remove_holiday, request.user, holiday,
               message=_("Holiday removed."),
               back=reverse("platform_grievance_setup", args=[platform.pk]))


@require_POST
def remove_handler(request, platform_id: int, grievance_handler_id: int):
    platform = _managed(request, platform_id)
    handler = get_object_or_404(GrievanceHandler.objects.filter(platform=platform),
                                pk=grievance_handler_id)
    return act(request, setup.remove_handler, request.user, handler,
               message=_("Handler removed."),
               back=reverse("platform_grievance_setup", args=[platform.pk]))
