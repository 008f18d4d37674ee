"""The page where a partnership's managers (brokers, lead, admins) or a platform's
secretariat and admins set up its grievance mechanism: time zone, closing rule, filing
form, how complainants reach it (the filing link and the e-mail address), published service
levels, holidays and named handlers.

One set of views serves both owners: the URL's `partnership_id` or `platform_id` says
whose mechanism it is (`Mechanism`); a platform's URL names carry the `platform_` prefix."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnering.grievances import access
from partnering.grievances.forms import HandlerForm, HolidayForm, LevelForm, SettingsForm
from partnering.grievances.intake_mail import mail_address
from partnering.grievances.models import GrievanceHandler, Holiday
from partnering.grievances.services import setup
from partnering.grievances.views.public import published_levels
from partnering.partnerships.access import partnership_or_404
from partnering.viewhelpers import act, handle_form


@dataclass(frozen=True)
class Mechanism:
    """A partnership's or a platform's grievance mechanism, as its setup pages see it."""

    owner: object
    prefix: str  # of the URL names: "" for a partnership's, "platform_" for a platform's

    @property
    def kind(self) -> str:
        return "platform" if self.prefix else "partnership"

    @property
    def rows(self) -> dict:
        """The filter (and new-row field) of the owner's rows."""
        return {self.kind: self.owner}

    def url(self, name: str, *args) -> str:
        return reverse(f"{self.prefix}{name}", args=[self.owner.pk, *args])


def _managed(request, ids: dict) -> Mechanism:
    """The mechanism of the URL, for whoever manages its owner (else 403 or 404)."""
    if "platform_id" in ids:
        return Mechanism(access.platform_or_404(request, ids["platform_id"], "manage"),
                         "platform_")
    return Mechanism(partnership_or_404(request, ids["partnership_id"], "manage"), "")


def _page(request, mechanism: Mechanism, **forms):
    saved = setup.settings_of(mechanism.owner)
    context = {
        "settings_form": SettingsForm(instance=saved),
        "level_form": LevelForm(), "holiday_form": HolidayForm(), "handler_form": HandlerForm(),
        **forms}
    return render(request, "grievances/setup.html", {
        mechanism.kind: mechanism.owner, "owner": mechanism.owner, "prefix": mechanism.prefix,
        "levels": published_levels(**mechanism.rows),
        "intake_key": saved.intake_key if saved.pk else "",
        "mail_address": mail_address(saved.intake_key) if saved.pk else "",
        "holidays": Holiday.objects.filter(**mechanism.rows),
        "handlers": GrievanceHandler.objects.filter(**mechanism.rows).select_related("user"),
        **context})


@login_required
def page(request, **ids):
    return _page(request, _managed(request, ids))


def _save(request, ids: dict, form_class, service, name: str, extra=None):
    mechanism = _managed(request, ids)
    form = form_class(request.POST, **(extra(mechanism.owner) if extra else {}))
    return handle_form(request, form, service, request.user, mechanism.owner,
                       message=_("Saved."), success=mechanism.url("grievance_setup"),
                       render_page=lambda form: _page(request, mechanism, **{name: form}))


@require_POST
def save_settings(request, **ids):
    return _save(request, ids, SettingsForm, setup.save_settings, "settings_form",
                 extra=lambda owner: {"instance": setup.settings_of(owner)})


@require_POST
def save_level(request, **ids):
    return _save(request, ids, LevelForm, setup.set_service_level, "level_form")


@require_POST
def add_holiday(request, **ids):
    return _save(request, ids, HolidayForm, setup.add_holiday, "holiday_form")


@require_POST
def name_handler(request, **ids):
    return _save(request, ids, HandlerForm, setup.name_handler, "handler_form")


@require_POST
def remove_holiday(request, holiday_id: int, **ids):
    mechanism = _managed(request, ids)
    holiday = get_object_or_404(Holiday.objects.filter(**mechanism.rows), pk=holiday_id)
    return act(request, setup.remove_holiday, request.user, holiday,
               message=_("Holiday removed."), back=mechanism.url("grievance_setup"))


@require_POST
def remove_handler(request, grievance_handler_id: int, **ids):
    mechanism = _managed(request, ids)
    handler = get_object_or_404(GrievanceHandler.objects.filter(**mechanism.rows),
                                pk=grievance_handler_id)
    return act(request, setup.remove_handler, request.user, handler,
               message=_("Handler removed."), back=mechanism.url("grievance_setup"))
