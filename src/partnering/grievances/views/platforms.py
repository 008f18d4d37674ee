"""The grievance pages of a platform: its grievance page (how to file, the published
service levels; its handlers and cases for the handlers and secretariat), the filing form
and the public register (its setup page is the partnership's, `views.setup`). A private
platform's pages answer 404 to whoever may not see it (`grievances.access.platform_or_404`)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from partnering.grievances import access
from partnering.grievances.forms import EntryForm
from partnering.grievances.models import GrievanceSettings
from partnering.grievances.register import min_group, register
from partnering.grievances.services import file_grievance
from partnering.grievances.views.public import LIST_SIZE, _file, published_levels
from partnering.grievances.views.shared import FILED_KEY, private, with_clocks
from partnering.viewhelpers import handle_form


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
