"""The indicator page (its values, milestones, chart and SMART check) and the pages that
add, change and delete an indicator and its milestones."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from partnering.monitoring import charts
from partnering.monitoring.cleaning import number_text
from partnering.monitoring.forms import IndicatorForm, TargetForm
from partnering.monitoring.indicators import services
from partnering.monitoring.measurements.checks import can_report, who_reports
from partnering.monitoring.measurements.services import can_edit_measurement
from partnering.monitoring.measurements.validation import can_validate
from partnering.monitoring.models import Indicator, MeasurementNote
from partnering.monitoring.pages import confirm_page, form_page, indicator_url
from partnering.monitoring.progress import percent
from partnering.monitoring.queries import SMART_LABELS, smart_check, view_of
from partnering.partnerships.access import partnership_or_404
from partnering.sources import cite
from partnering.viewhelpers import handle_form


def _notes_by_measurement(indicator) -> dict:
    notes = {}
    for note in MeasurementNote.objects.filter(measurement__indicator=indicator).select_related(
            "organisation"):
        notes.setdefault(note.measurement_id, []).append(note)
    return notes


def _what_user_may_do(request, access, indicator, measurements) -> dict:
    user = request.user
    return {
        "can_comment": access.can_contribute and user.is_authenticated,
        "can_report": can_report(access, indicator),
        "validatable": {m.pk for m in measurements
                        if user.is_authenticated and can_validate(user, access, m)},
        "editable": {m.pk for m in measurements if can_edit_measurement(user, access, m)},
    }


def indicator_detail(request, partnership_id: int, indicator_id: int):
    partnership = partnership_or_404(request, partnership_id)
    indicator = get_object_or_404(
        Indicator.objects.select_related("responsible_organisation", "sdg_indicator",
                                         "result", "deliverable"),
        partnership=partnership, pk=indicator_id)
    measurements = list(indicator.measurements.select_related(
        "reported_by", "reported_by_organisation", "validated_by_organisation"))
    view = view_of(indicator, timezone.localdate())
    return render(request, "monitoring/indicator_detail.html", {
        "who_reports": who_reports(indicator), "notes": _notes_by_measurement(indicator),
        "partnership": partnership, "access": partnership.access, "view": view,
        "indicator": indicator, "measurements": measurements, "check": smart_check(view),
        "smart_labels": SMART_LABELS,
        "percent": percent, "bar": charts.progress_bar,
        **_what_user_may_do(request, partnership.access, indicator, measurements),
        "chart": charts.indicator_chart(view, measurements, f"indicator-{indicator.pk}")})


def _to_indicator(partnership):
    return lambda indicator: indicator_url(partnership, indicator.pk)


def _create_with_milestone(user, partnership, *, target_value, target_date, **data):
    """The form's one milestone (value by date), if a date is given."""
    targets = [{"value": target_value, "date": target_date}] if target_date else []
    return services.create_indicator(user, partnership, targets=targets, **data)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id, need="manage")
    form = IndicatorForm(request.POST or None, partnership=partnership)
    return handle_form(
        request, form, _create_with_milestone, request.user, partnership,
        message=_("Indicator added."), success=_to_indicator(partnership),
        render_page=form_page(
            request, partnership, title=_("Add an indicator"),
            back=f"/partnerships/{partnership.pk}/results/",
            intro=_("Set KPIs upfront (%(source)s): a definition, a unit, a baseline, a "
                    "target and who is responsible make it SMART.") % {
                        "source": cite("building-msp")}))


def _indicator_initial(indicator) -> dict:
    initial = {name: getattr(indicator, name) for name in (
        "name", "definition", "unit", "measure", "direction", "baseline_value",
        "baseline_date", "frequency", "data_source")}
    initial.update(disaggregation=", ".join(indicator.disaggregation),
                   responsible_organisation=indicator.responsible_organisation_id,
                   result=indicator.result_id, deliverable=indicator.deliverable_id,
                   sdg_code=indicator.sdg_indicator.code if indicator.sdg_indicator else "")
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, partnership_id: int, indicator_id: int):
    partnership = partnership_or_404(request, partnership_id, need="manage")
    indicator = get_object_or_404(partnership.indicators.select_related("sdg_indicator"),
                                  pk=indicator_id)
    form = IndicatorForm(request.POST or None, partnership=partnership, editing=True,
                         initial=_indicator_initial(indicator))
    return handle_form(
        request, form, services.update_indicator, request.user, indicator,
        message=_("Indicator saved."), success=_to_indicator(partnership),
        render_page=form_page(request, partnership,
                              title=_("Edit the indicator: %(name)s") % {
                                  "name": indicator.name},
                              back=indicator_url(partnership, indicator.pk)))


def _deletion_consequences(indicator) -> list[str]:
    values = indicator.measurements.count()
    files = indicator.measurements.exclude(evidence_file="").count()
    milestones = indicator.targets.count()
    consequences = [_("Its %(milestones)s and its %(values)s are deleted with it.") % {
        "milestones": ngettext("%(count)s milestone", "%(count)s milestones",
                               milestones) % {"count": milestones},
        "values": ngettext("%(count)s reported value", "%(count)s reported values",
                           values) % {"count": values}}]
    if files:
        consequences.append(ngettext(
            "%(count)s evidence file attached to those values is deleted too.",
            "%(count)s evidence files attached to those values are deleted too.",
            files) % {"count": files})
    consequences.append(_("This cannot be undone; the history keeps a record of the "
                          "deletion."))
    return consequences


@login_required
@require_http_methods(["GET", "POST"])
def indicator_delete(request, partnership_id: int, indicator_id: int):
    partnership = partnership_or_404(request, partnership_id, need="manage")
    indicator = get_object_or_404(partnership.indicators, pk=indicator_id)
    if request.method == "POST":
        services.delete_indicator(request.user, indicator)
        messages.success(request, _("Indicator “%(name)s” deleted.") % {"name": indicator.name})
        return redirect("results", partnership.pk)
    return confirm_page(request, partnership,
                        title=_("Delete the indicator “%(name)s”?") % {"name": indicator.name},
                        back=indicator_url(partnership, indicator.pk),
                        consequences=_deletion_consequences(indicator))


# --- Milestones -------------------------------------------------------------------------

def _visible_indicator(request, partnership_id: int, indicator_id: int):
    partnership = partnership_or_404(request, partnership_id)
    indicator = get_object_or_404(partnership.indicators, pk=indicator_id)
    return partnership, indicator


@login_required
@require_http_methods(["GET", "POST"])
def target_create(request, partnership_id: int, indicator_id: int):
    partnership, indicator = _visible_indicator(request, partnership_id, indicator_id)
    if not partnership.access.can_manage:
        raise PermissionDenied
    form = TargetForm(request.POST or None)
    return handle_form(
        request, form, services.add_target, request.user, indicator,
        message=_("Milestone added."), success=indicator_url(partnership, indicator.pk),
        render_page=form_page(request, partnership,
                              title=_("Add a milestone: %(name)s") % {"name": indicator.name},
                              back=indicator_url(partnership, indicator.pk)))


def _managed_target(request, partnership_id: int, indicator_id: int, target_id: int):
    partnership, indicator = _visible_indicator(request, partnership_id, indicator_id)
    target = get_object_or_404(indicator.targets, pk=target_id)
    target.indicator = indicator
    if not partnership.access.can_manage:
        raise PermissionDenied
    return partnership, indicator, target


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request, partnership_id: int, indicator_id: int, target_id: int):
    partnership, indicator, target = _managed_target(request, partnership_id, indicator_id,
                                                     target_id)
    form = TargetForm(request.POST or None, initial={
        "value": number_text(target.value), "date": target.date, "comment": target.comment})
    return handle_form(
        request, form, services.update_target, request.user, target,
        message=_("Milestone saved."), success=indicator_url(partnership, indicator.pk),
        render_page=form_page(request, partnership,
                              title=_("Edit a milestone: %(name)s") % {
                                  "name": indicator.name},
                              back=indicator_url(partnership, indicator.pk)))


@login_required
@require_http_methods(["GET", "POST"])
def target_delete(request, partnership_id: int, indicator_id: int, target_id: int):
    partnership, indicator, target = _managed_target(request, partnership_id, indicator_id,
                                                     target_id)
    if request.method == "POST":
        services.delete_target(request.user, target)
        messages.success(request, _("Milestone deleted."))
        return redirect("indicator", partnership.pk, indicator.pk)
    return confirm_page(
        request, partnership,
        title=_("Delete the milestone %(value)s by %(date)s?") % {
            "value": number_text(target.value), "date": target.date.isoformat()},
        back=indicator_url(partnership, indicator.pk),
        consequences=[_("“%(name)s” will no longer be judged against it; progress is "
                        "measured towards the last milestone that remains.") % {
                            "name": indicator.name}])
