"""The pages that report, correct and delete a value, serve its evidence file, and let
another member confirm, query or comment on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from partnering.monitoring.cleaning import number_text
from partnering.monitoring.forms import MeasurementForm, NoteForm, ValidationForm
from partnering.monitoring.measurements import evidence, services, validation
from partnering.monitoring.measurements.checks import can_report
from partnering.monitoring.models import Measurement, MeasurementStatus
from partnering.monitoring.pages import confirm_page, form_page, indicator_url
from partnering.partnerships.access import partnership_or_404
from partnering.viewhelpers import handle_form


def _figures(form) -> dict:
    """The form's fields for the service: the by_<dimension> texts as one disaggregation."""
    data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("by_")}
    return {**data, "disaggregated": form.disaggregated()}


@login_required
@require_http_methods(["GET", "POST"])
def measurement_create(request, partnership_id: int, indicator_id: int):
    partnership = partnership_or_404(request, partnership_id)
    indicator = get_object_or_404(partnership.indicators, pk=indicator_id)
    if not can_report(partnership.access, indicator):
        raise PermissionDenied
    form = MeasurementForm(request.POST or None, request.FILES or None, indicator=indicator)

    def report(**_fields):
        return services.report_measurement(request.user, indicator, **_figures(form))
    return handle_form(
        request, form, report, message=_("Value reported. Another member can now confirm it."),
        success=indicator_url(partnership, indicator.pk),
        render_page=form_page(request, partnership,
                              title=_("Report a value: %(name)s") % {"name": indicator.name},
                              back=indicator_url(partnership, indicator.pk)))


def _measurement_of(request, partnership_id: int, measurement_id: int):
    partnership = partnership_or_404(request, partnership_id)
    measurement = get_object_or_404(Measurement.objects.select_related("indicator"),
                                    indicator__partnership=partnership, pk=measurement_id)
    measurement.indicator.partnership = partnership
    return partnership, measurement


def _editable_measurement(request, partnership_id: int, measurement_id: int):
    partnership, measurement = _measurement_of(request, partnership_id, measurement_id)
    if not services.can_edit_measurement(request.user, partnership.access, measurement):
        raise PermissionDenied
    return partnership, measurement


def _measurement_initial(measurement) -> dict:
    initial = {name: getattr(measurement, name) for name in (
        "period_start", "period_end", "evidence_url", "comment")}
    initial["value"] = number_text(measurement.value)
    initial.update({f"by_{dimension}": ", ".join(f"{category}={value}"
                                                 for category, value in parts.items())
                    for dimension, parts in measurement.disaggregated.items()})
    return initial


def _saved_message(before: str):
    """What to say once the value is saved: whether its validation was cleared."""
    def message(measurement) -> str:
        text = _("Value saved.")
        if before != MeasurementStatus.REPORTED \
                and measurement.status == MeasurementStatus.REPORTED:
            text += " " + _("It had been %(status)s: it is back to “reported” and its "
                            "validation was cleared, for another member to check again.") % {
                                "status": before}
        return text
    return message


@login_required
@require_http_methods(["GET", "POST"])
def measurement_edit(request, partnership_id: int, measurement_id: int):
    partnership, measurement = _editable_measurement(request, partnership_id, measurement_id)
    indicator = measurement.indicator
    form = MeasurementForm(request.POST or None, request.FILES or None, indicator=indicator,
                           measurement=measurement, initial=_measurement_initial(measurement))
    intro = ""
    if measurement.status != MeasurementStatus.REPORTED:
        intro = _("This value was %(status)s by another member. Changing it sends it back "
                  "to “reported” and clears that validation.") % {"status": measurement.status}

    def correct(**_fields):
        return services.update_measurement(request.user, measurement, **_figures(form))
    return handle_form(
        request, form, correct, message=_saved_message(measurement.status),
        success=indicator_url(partnership, indicator.pk),
        render_page=form_page(request, partnership,
                              title=_("Edit a value: %(name)s") % {"name": indicator.name},
                              intro=intro, back=indicator_url(partnership, indicator.pk)))


def _deletion_consequences(measurement) -> list[str]:
    consequences = [_("The indicator's latest value and progress are worked out again from "
                      "the values that remain.")]
    if measurement.evidence_file:
        consequences.append(_("Its evidence file “%(name)s” is deleted too.") % {
            "name": measurement.evidence_name})
    if measurement.status != MeasurementStatus.REPORTED:
        consequences.append(_("Its validation (%(status)s) goes with it.") % {
            "status": measurement.get_status_display().lower()})
    return consequences


@login_required
@require_http_methods(["GET", "POST"])
def measurement_delete(request, partnership_id: int, measurement_id: int):
    partnership, measurement = _editable_measurement(request, partnership_id, measurement_id)
    indicator = measurement.indicator
    if request.method == "POST":
        services.delete_measurement(request.user, measurement)
        messages.success(request, _("Value deleted."))
        return redirect("indicator", partnership.pk, indicator.pk)
    return confirm_page(
        request, partnership,
        title=_("Delete the value %(value)s for %(start)s – %(end)s?") % {
            "value": number_text(measurement.value),
            "start": measurement.period_start.isoformat(),
            "end": measurement.period_end.isoformat()},
        back=indicator_url(partnership, indicator.pk),
        consequences=_deletion_consequences(measurement))


@require_http_methods(["GET", "HEAD"])
def measurement_evidence(request, partnership_id: int, measurement_id: int):
    """The evidence file, for whoever may see the partnership (404 for everyone else)."""
    _partnership, measurement = _measurement_of(request, partnership_id, measurement_id)
    return evidence.evidence_response(measurement)


# --- Confirming, querying and commenting ------------------------------------------------

def _validated_message(measurement) -> str:
    if measurement.status == MeasurementStatus.CONFIRMED:
        return _("Value confirmed.")
    return _("Value queried.")


@login_required
@require_http_methods(["GET", "POST"])
def measurement_validate(request, partnership_id: int, measurement_id: int):
    partnership, measurement = _measurement_of(request, partnership_id, measurement_id)
    if not validation.can_validate(request.user, partnership.access, measurement):
        raise PermissionDenied
    form = ValidationForm(request.POST or None)
    return handle_form(
        request, form, validation.validate_measurement, request.user, measurement,
        message=_validated_message,
        success=indicator_url(partnership, measurement.indicator_id),
        render_page=form_page(
            request, partnership,
            title=_("Confirm or query %(value)s for %(name)s") % {
                "value": number_text(measurement.value), "name": measurement.indicator.name},
            back=indicator_url(partnership, measurement.indicator_id),
            intro=_("Participatory monitoring: a member other than the one who reported "
                    "the value checks it. Say what you query.")))


def _note_intro(measurement, may_query: bool) -> str:
    intro = _("%(value)s for %(start)s to %(end)s, reported by %(who)s.") % {
        "value": number_text(measurement.value),
        "start": measurement.period_start.isoformat(),
        "end": measurement.period_end.isoformat(),
        "who": measurement.reported_by_organisation or _("the partnership")}
    if not may_query:
        intro += " " + _("Your organisation reported this value: comment on it, or correct it "
                         "if you reported it.")
    return intro


def _noted_message(form):
    def message(_note) -> str:
        if form.cleaned_data.get("query"):
            return _("Value queried: it does not count until it is corrected or confirmed.")
        return _("Comment added.")
    return message


@login_required
@require_http_methods(["GET", "POST"])
def measurement_note(request, partnership_id: int, measurement_id: int):
    """A member comments on a reported value or queries it: members who may not report a
    value say what they know this way (validation.comment_on_measurement)."""
    partnership = partnership_or_404(request, partnership_id)
    measurement = get_object_or_404(
        Measurement.objects.select_related("indicator", "reported_by_organisation"),
        indicator__partnership=partnership, pk=measurement_id)
    access = partnership.access
    if not validation.can_comment(request.user, access, measurement):
        raise PermissionDenied
    may_query = validation.can_validate(request.user, access, measurement)
    form = NoteForm(request.POST or None, may_query=may_query)
    indicator = measurement.indicator
    return handle_form(
        request, form, validation.comment_on_measurement, request.user, measurement,
        message=_noted_message(form), success=indicator_url(partnership, indicator.pk),
        render_page=form_page(
            request, partnership, access=access,
            title=_("Query or comment: %(name)s") % {"name": indicator.name},
            back=indicator_url(partnership, indicator.pk),
            intro=_note_intro(measurement, may_query)))
