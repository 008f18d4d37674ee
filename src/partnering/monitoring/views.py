"""Monitoring pages: results and indicators, measurements, progress reports, risks, health."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from partnering.monitoring import charts, evidence, exports, services
from partnering.monitoring import health as health_method
from partnering.monitoring.forms import (
    IndicatorForm,
    MeasurementForm,
    PortfolioFilterForm,
    ReportForm,
    ResultForm,
    RiskForm,
    TargetForm,
    ValidationForm,
)
from partnering.monitoring.health import open_high_risks, partnership_health
from partnering.monitoring.models import (
    Indicator,
    Measurement,
    MeasurementNote,
    MeasurementStatus,
    RiskStatus,
)
from partnering.monitoring.portfolio import (
    PARTNERSHIP_HEADER,
    TABLES,
    partnership_rows,
    partnership_table_row,
)
from partnering.monitoring.portfolio import portfolio as portfolio_data
from partnering.monitoring.progress import percent
from partnering.monitoring.queries import (
    indicator_views,
    is_smart,
    measurements_in,
    partnership_reporting_status,
    results_chain,
    smart_check,
    view_of,
)
from partnering.partnerships.access import (
    contributable_partnership,
    manageable_partnership,
    visible_partnership,
)
from partnering.sources import cite
from partnering.viewhelpers import NOT_SAVED, apply_errors, save_form


def _form_page(request, partnership, form, *, title: str, back: str, tab: str = "results",
               intro: str = ""):
    return render(request, "monitoring/form.html", {
        "partnership": partnership, "form": form, "title": title, "back": back, "tab": tab,
        "intro": intro}, status=422 if form.is_bound else 200)


def _confirm_page(request, partnership, *, title: str, consequences: list[str], back: str,
                  tab: str = "results"):
    return render(request, "monitoring/confirm_delete.html", {
        "partnership": partnership, "title": title, "consequences": consequences,
        "back": back, "tab": tab})


def _plain_number(value) -> str:
    """200.0000 as 200, for a form field."""
    return f"{value.normalize():f}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _resources_by_organisation(partnership) -> dict | None:
    """Member organisations with resources committed in the latest agreement version, or
    None when the partnership has no agreement (agreements app, imported lazily)."""
    try:
        from partnering.agreements.models import AgreementVersion, ResourceCommitment
    except ImportError:  # pragma: no cover - the app is optional
        return None
    if not AgreementVersion.objects.filter(partnership=partnership).exists():
        return None
    return set(ResourceCommitment.objects.filter(version__partnership=partnership)
               .values_list("organisation_id", flat=True))


# --- Results and indicators -------------------------------------------------------------

def results(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    views = indicator_views(partnership)
    resourced = _resources_by_organisation(partnership)
    checks = {}
    for view in views:
        org = view.indicator.responsible_organisation_id
        check = smart_check(view, has_resources=None if resourced is None or org is None
                            else org in resourced)
        checks[view.indicator.pk] = check
    return render(request, "monitoring/results.html", {
        "partnership": partnership, "access": partnership.access, "views": views,
        "chain": results_chain(partnership, views), "checks": checks, "is_smart": is_smart,
        "status": partnership_reporting_status(partnership), "percent": percent,
        "bar": charts.progress_bar})


@login_required
@require_http_methods(["GET", "POST"])
def result_create(request, partnership_id: int):
    partnership = manageable_partnership(request, partnership_id)
    form = ResultForm(request.POST or None, partnership=partnership)
    if save_form(request, form, services.create_result, request.user, partnership,
                 message="Result added to the chain.") is not NOT_SAVED:
        return redirect("results", partnership.pk)
    return _form_page(request, partnership, form, title="Add a result",
                      back=f"/partnerships/{partnership.pk}/results/",
                      intro="Outputs contribute to outcomes, outcomes to impact; the weight "
                            "says how much this result counts in the one above.")


def _managed_result(request, partnership_id: int, result_id: int):
    partnership = manageable_partnership(request, partnership_id)
    result = get_object_or_404(partnership.results.select_related("parent"), pk=result_id)
    return partnership, result


@login_required
@require_http_methods(["GET", "POST"])
def result_edit(request, partnership_id: int, result_id: int):
    partnership, result = _managed_result(request, partnership_id, result_id)
    initial = {name: getattr(result, name) for name in ("title", "level", "description")}
    initial.update(parent=result.parent_id, weight=_plain_number(result.weight))
    form = ResultForm(request.POST or None, partnership=partnership, editing=result,
                      initial=initial)
    if save_form(request, form, services.update_result, request.user, result,
                 message="Result saved.") is not NOT_SAVED:
        return redirect("results", partnership.pk)
    return _form_page(request, partnership, form, title=f"Edit the result: {result.title}",
                      back=f"/partnerships/{partnership.pk}/results/")


@login_required
@require_http_methods(["GET", "POST"])
def result_delete(request, partnership_id: int, result_id: int):
    partnership, result = _managed_result(request, partnership_id, result_id)
    if request.method == "POST":
        services.delete_result(request.user, result)
        messages.success(request, f"Result “{result.title}” deleted.")
        return redirect("results", partnership.pk)
    children, indicators = result.children.count(), result.indicators.count()
    above = f"“{result.parent.title}”" if result.parent else "the top of the chain"
    return _confirm_page(request, partnership, title=f"Delete the result “{result.title}”?",
                         back=f"/partnerships/{partnership.pk}/results/", consequences=[
                             f"{_plural(children, 'result')} contributing to it "
                             f"{'moves' if children == 1 else 'move'} up to {above}.",
                             f"{_plural(indicators, 'indicator')} measuring it "
                             f"{'stays' if indicators == 1 else 'stay'}, no longer attached "
                             "to a result; reported values are kept."])


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request, partnership_id: int):
    partnership = manageable_partnership(request, partnership_id)
    form = IndicatorForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        value, day = data.pop("target_value"), data.pop("target_date")
        targets = [{"value": value, "date": day}] if day else []
        try:
            indicator = services.create_indicator(request.user, partnership, targets=targets,
                                                  **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Indicator added.")
            return redirect("indicator", partnership.pk, indicator.pk)
    return _form_page(request, partnership, form, title="Add an indicator",
                      back=f"/partnerships/{partnership.pk}/results/",
                      intro=f"Set KPIs upfront ({cite('building-msp')}): a definition, a unit, a "
                            "baseline, "
                            "a target and who is responsible make it SMART.")


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, partnership_id: int, indicator_id: int):
    partnership = manageable_partnership(request, partnership_id)
    indicator = get_object_or_404(partnership.indicators.select_related("sdg_indicator"),
                                  pk=indicator_id)
    initial = {name: getattr(indicator, name) for name in (
        "name", "definition", "unit", "measure", "direction", "baseline_value",
        "baseline_date", "frequency", "data_source")}
    initial.update(disaggregation=", ".join(indicator.disaggregation),
                   responsible_organisation=indicator.responsible_organisation_id,
                   result=indicator.result_id, deliverable=indicator.deliverable_id,
                   sdg_code=indicator.sdg_indicator.code if indicator.sdg_indicator else "")
    form = IndicatorForm(request.POST or None, partnership=partnership, editing=True,
                         initial=initial)
    if save_form(request, form, services.update_indicator, request.user, indicator,
                 message="Indicator saved.") is not NOT_SAVED:
        return redirect("indicator", partnership.pk, indicator.pk)
    return _form_page(request, partnership, form, title=f"Edit the indicator: {indicator.name}",
                      back=f"/partnerships/{partnership.pk}/indicators/{indicator.pk}/")


@login_required
@require_http_methods(["GET", "POST"])
def indicator_delete(request, partnership_id: int, indicator_id: int):
    partnership = manageable_partnership(request, partnership_id)
    indicator = get_object_or_404(partnership.indicators, pk=indicator_id)
    if request.method == "POST":
        services.delete_indicator(request.user, indicator)
        messages.success(request, f"Indicator “{indicator.name}” deleted.")
        return redirect("results", partnership.pk)
    values = indicator.measurements.count()
    files = indicator.measurements.exclude(evidence_file="").count()
    consequences = [f"Its {_plural(indicator.targets.count(), 'milestone')} and its "
                    f"{_plural(values, 'reported value')} are deleted with it."]
    if files:
        consequences.append(f"{_plural(files, 'evidence file')} attached to those values "
                            f"{'is' if files == 1 else 'are'} deleted too.")
    consequences.append("This cannot be undone; the history keeps a record of the deletion.")
    return _confirm_page(request, partnership, title=f"Delete the indicator “{indicator.name}”?",
                         back=f"/partnerships/{partnership.pk}/indicators/{indicator.pk}/",
                         consequences=consequences)


def indicator_detail(request, partnership_id: int, indicator_id: int):
    partnership = visible_partnership(request, partnership_id)
    indicator = get_object_or_404(
        Indicator.objects.select_related("responsible_organisation", "sdg_indicator",
                                         "result", "deliverable"),
        partnership=partnership, pk=indicator_id)
    today = timezone.localdate()
    measurements = list(indicator.measurements.select_related(
        "reported_by", "reported_by_organisation", "validated_by_organisation"))
    view = view_of(indicator, today)
    access = partnership.access
    validatable = {m.pk for m in measurements
                   if request.user.is_authenticated
                   and services.can_validate(request.user, access, m)}
    editable = {m.pk for m in measurements
                if services.can_edit_measurement(request.user, access, m)}
    notes = {}
    for note in MeasurementNote.objects.filter(measurement__indicator=indicator).select_related(
            "organisation"):
        notes.setdefault(note.measurement_id, []).append(note)
    return render(request, "monitoring/indicator_detail.html", {
        "who_reports": services.who_reports(indicator), "notes": notes,
        "can_comment": access.can_contribute and request.user.is_authenticated,
        "partnership": partnership, "access": access, "view": view, "indicator": indicator,
        "measurements": measurements, "check": smart_check(view), "percent": percent,
        "bar": charts.progress_bar, "can_report": services.can_report(access, indicator),
        "validatable": validatable, "editable": editable,
        "chart": charts.indicator_chart(view, measurements, f"indicator-{indicator.pk}")})


def _indicator_of(request, partnership_id, indicator_id):
    partnership = visible_partnership(request, partnership_id)
    indicator = get_object_or_404(partnership.indicators, pk=indicator_id)
    return partnership, indicator


@login_required
@require_http_methods(["GET", "POST"])
def target_create(request, partnership_id: int, indicator_id: int):
    partnership, indicator = _indicator_of(request, partnership_id, indicator_id)
    if not partnership.access.can_manage:
        raise PermissionDenied
    form = TargetForm(request.POST or None)
    if save_form(request, form, services.add_target, request.user, indicator,
                 message="Milestone added.") is not NOT_SAVED:
        return redirect("indicator", partnership.pk, indicator.pk)
    return _form_page(request, partnership, form, title=f"Add a milestone: {indicator.name}",
                      back=f"/partnerships/{partnership.pk}/indicators/{indicator.pk}/")


def _managed_target(request, partnership_id: int, indicator_id: int, target_id: int):
    partnership, indicator = _indicator_of(request, partnership_id, indicator_id)
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
        "value": _plain_number(target.value), "date": target.date, "comment": target.comment})
    if save_form(request, form, services.update_target, request.user, target,
                 message="Milestone saved.") is not NOT_SAVED:
        return redirect("indicator", partnership.pk, indicator.pk)
    return _form_page(request, partnership, form, title=f"Edit a milestone: {indicator.name}",
                      back=f"/partnerships/{partnership.pk}/indicators/{indicator.pk}/")


@login_required
@require_http_methods(["GET", "POST"])
def target_delete(request, partnership_id: int, indicator_id: int, target_id: int):
    partnership, indicator, target = _managed_target(request, partnership_id, indicator_id,
                                                     target_id)
    if request.method == "POST":
        services.delete_target(request.user, target)
        messages.success(request, "Milestone deleted.")
        return redirect("indicator", partnership.pk, indicator.pk)
    return _confirm_page(
        request, partnership,
        title=f"Delete the milestone {target.value.normalize():f} by "
              f"{target.date.isoformat()}?",
        back=f"/partnerships/{partnership.pk}/indicators/{indicator.pk}/",
        consequences=[f"“{indicator.name}” will no longer be judged against it; progress is "
                      "measured towards the last milestone that remains."])


@login_required
@require_http_methods(["GET", "POST"])
def measurement_create(request, partnership_id: int, indicator_id: int):
    partnership, indicator = _indicator_of(request, partnership_id, indicator_id)
    if not services.can_report(partnership.access, indicator):
        raise PermissionDenied
    form = MeasurementForm(request.POST or None, request.FILES or None, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_measurement(request.user, indicator,
                                        disaggregated=form.disaggregated(),
                                        **{k: v for k, v in form.cleaned_data.items()
                                           if not k.startswith("by_")})
        except ValidationError as error:
            apply_errors(form, error)
            if "disaggregated" in getattr(error, "error_dict", {}):
                for message in error.error_dict["disaggregated"]:
                    form.add_error(None, message)
        else:
            messages.success(request, "Value reported. Another member can now confirm it.")
            return redirect("indicator", partnership.pk, indicator.pk)
    return _form_page(request, partnership, form, title=f"Report a value: {indicator.name}",
                      back=f"/partnerships/{partnership.pk}/indicators/{indicator.pk}/")


def _measurement_of(request, partnership_id: int, measurement_id: int):
    partnership = visible_partnership(request, partnership_id)
    measurement = get_object_or_404(Measurement.objects.select_related("indicator"),
                                    indicator__partnership=partnership, pk=measurement_id)
    measurement.indicator.partnership = partnership
    return partnership, measurement


def _editable_measurement(request, partnership_id: int, measurement_id: int):
    partnership, measurement = _measurement_of(request, partnership_id, measurement_id)
    if not services.can_edit_measurement(request.user, partnership.access, measurement):
        raise PermissionDenied
    return partnership, measurement


def _split_text(parts: dict) -> str:
    return ", ".join(f"{category}={value}" for category, value in parts.items())


@login_required
@require_http_methods(["GET", "POST"])
def measurement_edit(request, partnership_id: int, measurement_id: int):
    partnership, measurement = _editable_measurement(request, partnership_id, measurement_id)
    indicator = measurement.indicator
    initial = {name: getattr(measurement, name) for name in (
        "period_start", "period_end", "evidence_url", "comment")}
    initial["value"] = _plain_number(measurement.value)
    initial.update({f"by_{dimension}": _split_text(parts)
                    for dimension, parts in measurement.disaggregated.items()})
    form = MeasurementForm(request.POST or None, request.FILES or None, indicator=indicator,
                           measurement=measurement, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("by_")}
        before = measurement.status
        try:
            services.update_measurement(request.user, measurement,
                                        disaggregated=form.disaggregated(), **data)
        except ValidationError as error:
            apply_errors(form, error)
            if "disaggregated" in getattr(error, "error_dict", {}):
                for message in error.error_dict["disaggregated"]:
                    form.add_error(None, message)
        else:
            message = "Value saved."
            if before != MeasurementStatus.REPORTED \
                    and measurement.status == MeasurementStatus.REPORTED:
                message += (f" It had been {before}: it is back to “reported” and its "
                            "validation was cleared, for another member to check again.")
            messages.success(request, message)
            return redirect("indicator", partnership.pk, indicator.pk)
    intro = ""
    if measurement.status != MeasurementStatus.REPORTED:
        intro = (f"This value was {measurement.status} by another member. Changing it sends "
                 "it back to “reported” and clears that validation.")
    return _form_page(request, partnership, form,
                      title=f"Edit a value: {indicator.name}", intro=intro,
                      back=f"/partnerships/{partnership.pk}/indicators/{indicator.pk}/")


@login_required
@require_http_methods(["GET", "POST"])
def measurement_delete(request, partnership_id: int, measurement_id: int):
    partnership, measurement = _editable_measurement(request, partnership_id, measurement_id)
    indicator = measurement.indicator
    if request.method == "POST":
        services.delete_measurement(request.user, measurement)
        messages.success(request, "Value deleted.")
        return redirect("indicator", partnership.pk, indicator.pk)
    consequences = ["The indicator's latest value and progress are worked out again from the "
                    "values that remain."]
    if measurement.evidence_file:
        consequences.append(f"Its evidence file “{measurement.evidence_name}” is deleted too.")
    if measurement.status != MeasurementStatus.REPORTED:
        consequences.append(f"Its validation ({measurement.get_status_display().lower()}) "
                            "goes with it.")
    return _confirm_page(
        request, partnership,
        title=f"Delete the value {measurement.value.normalize():f} for "
              f"{measurement.period_start.isoformat()} – {measurement.period_end.isoformat()}?",
        back=f"/partnerships/{partnership.pk}/indicators/{indicator.pk}/",
        consequences=consequences)


@require_http_methods(["GET", "HEAD"])
def measurement_evidence(request, partnership_id: int, measurement_id: int):
    """The evidence file, for whoever may see the partnership (404 for everyone else)."""
    _, measurement = _measurement_of(request, partnership_id, measurement_id)
    return evidence.evidence_response(measurement)


@login_required
@require_http_methods(["GET", "POST"])
def measurement_validate(request, partnership_id: int, measurement_id: int):
    partnership = visible_partnership(request, partnership_id)
    measurement = get_object_or_404(
        Measurement.objects.select_related("indicator"),
        indicator__partnership=partnership, pk=measurement_id)
    if not services.can_validate(request.user, partnership.access, measurement):
        raise PermissionDenied
    form = ValidationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.validate_measurement(request.user, measurement, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            done = form.cleaned_data["status"] == MeasurementStatus.CONFIRMED
            messages.success(request, "Value confirmed." if done else "Value queried.")
            return redirect("indicator", partnership.pk, measurement.indicator_id)
    return _form_page(
        request, partnership, form,
        title=f"Confirm or query {measurement.value.normalize():f} for "
              f"{measurement.indicator.name}",
        back=f"/partnerships/{partnership.pk}/indicators/{measurement.indicator_id}/",
        intro="Participatory monitoring: a member other than the one who reported the value "
              "checks it. Say what you query.")


# --- Progress reports -------------------------------------------------------------------

def reports(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    rows = list(partnership.progress_reports.select_related("submitted_by"))
    return render(request, "monitoring/reports.html", {
        "partnership": partnership, "access": partnership.access, "reports": rows,
        "editable": {r.pk for r in rows
                     if services.can_edit_report(request.user, partnership.access, r)},
        "status": partnership_reporting_status(partnership)})


def report_detail(request, partnership_id: int, report_id: int):
    partnership = visible_partnership(request, partnership_id)
    report = get_object_or_404(partnership.progress_reports.select_related("submitted_by"),
                               pk=report_id)
    return render(request, "monitoring/report_detail.html", {
        "partnership": partnership, "report": report,
        "can_edit": services.can_edit_report(request.user, partnership.access, report),
        "measurements": measurements_in(partnership, report.period_start, report.period_end)})


def _editable_report(request, partnership_id: int, report_id: int):
    partnership = visible_partnership(request, partnership_id)
    report = get_object_or_404(partnership.progress_reports, pk=report_id)
    if not services.can_edit_report(request.user, partnership.access, report):
        raise PermissionDenied
    return partnership, report


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, partnership_id: int, report_id: int):
    partnership, report = _editable_report(request, partnership_id, report_id)
    form = ReportForm(request.POST or None, initial={
        name: getattr(report, name) for name in services.REPORT_FIELDS})
    if save_form(request, form, services.update_report, request.user, report,
                 message="Progress report saved.") is not NOT_SAVED:
        return redirect("report", partnership.pk, report.pk)
    return _form_page(request, partnership, form, title=f"Edit the {str(report).lower()}",
                      back=f"/partnerships/{partnership.pk}/reports/{report.pk}/",
                      tab="reports")


@login_required
@require_http_methods(["GET", "POST"])
def report_delete(request, partnership_id: int, report_id: int):
    partnership, report = _editable_report(request, partnership_id, report_id)
    if request.method == "POST":
        services.delete_report(request.user, report)
        messages.success(request, "Progress report deleted.")
        return redirect("reports", partnership.pk)
    return _confirm_page(
        request, partnership, title=f"Delete the {str(report).lower()}?", tab="reports",
        back=f"/partnerships/{partnership.pk}/reports/{report.pk}/",
        consequences=["Its narrative, lessons learned and successes are deleted; the values "
                      "reported for the period stay with their indicators.",
                      "The reporting status is worked out again from the reports that "
                      "remain."])


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request, partnership_id: int):
    partnership = contributable_partnership(request, partnership_id)
    form = ReportForm(request.POST or None)
    report = save_form(request, form, services.submit_report, request.user, partnership,
                     message="Progress report submitted.")
    if report is not NOT_SAVED:
        return redirect("report", partnership.pk, report.pk)
    return _form_page(request, partnership, form, title="Write a progress report",
                      back=f"/partnerships/{partnership.pk}/reports/", tab="reports",
                      intro="Report progress against the objectives, share the lessons and "
                            f"celebrate the successes ({cite('building-msp')}). The values "
                            "reported for "
                            "the period are attached.")


# --- Risks ------------------------------------------------------------------------------

def risks(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    rows = list(partnership.risks.select_related("owner_organisation"))
    open_rows = [r for r in rows if r.status != RiskStatus.CLOSED]
    return render(request, "monitoring/risks.html", {
        "partnership": partnership, "access": partnership.access, "risks": rows,
        "high": open_high_risks(partnership.risks.all()).count(),
        "heat_map": charts.risk_heat_map(open_rows), "today": timezone.localdate()})


@login_required
@require_http_methods(["GET", "POST"])
def risk_create(request, partnership_id: int):
    partnership = contributable_partnership(request, partnership_id)
    form = RiskForm(request.POST or None, partnership=partnership)
    if save_form(request, form, services.create_risk, request.user, partnership,
                 message="Risk registered.") is not NOT_SAVED:
        return redirect("risks", partnership.pk)
    return _form_page(request, partnership, form, title="Register a risk", tab="risks",
                      back=f"/partnerships/{partnership.pk}/risks/",
                      intro=f"Why partnerships fail ({cite('strategic-partnering')}): "
                            "underinvestment, "
                            "over-appropriation and misalignment, and the markers of failure "
                            "such as competing agendas or a lack of trust.")


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request, partnership_id: int, risk_id: int):
    partnership = contributable_partnership(request, partnership_id)
    risk = get_object_or_404(partnership.risks, pk=risk_id)
    initial = {name: getattr(risk, name) for name in services.RISK_FIELDS}
    initial["owner_organisation"] = risk.owner_organisation_id
    form = RiskForm(request.POST or None, partnership=partnership, initial=initial)
    if save_form(request, form, services.update_risk, request.user, risk,
                 message="Risk updated.") is not NOT_SAVED:
        return redirect("risks", partnership.pk)
    return _form_page(request, partnership, form, title=f"Review the risk: {risk.title}",
                      back=f"/partnerships/{partnership.pk}/risks/", tab="risks")


@login_required
@require_http_methods(["GET", "POST"])
def risk_delete(request, partnership_id: int, risk_id: int):
    partnership = manageable_partnership(request, partnership_id)
    risk = get_object_or_404(partnership.risks, pk=risk_id)
    if request.method == "POST":
        services.delete_risk(request.user, risk)
        messages.success(request, f"Risk “{risk.title}” deleted.")
        return redirect("risks", partnership.pk)
    return _confirm_page(
        request, partnership, title=f"Delete the risk “{risk.title}”?", tab="risks",
        back=f"/partnerships/{partnership.pk}/risks/",
        consequences=["It leaves the register and the heat map. To keep a record of a risk "
                      "that no longer applies, close it instead."])


# --- Health -----------------------------------------------------------------------------

def health(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    return render(request, "monitoring/health.html", {
        "partnership": partnership, "health": partnership_health(partnership),
        "method": health_method.METHOD, "reads": health_method.READS,
        "bar": charts.progress_bar})


# --- Portfolio --------------------------------------------------------------------------

def _organisation_choices(request, selected: str) -> list:
    """The user's own organisations, and the one asked for (a portfolio of any organisation
    covers only the partnerships the user may see)."""
    from partnering.registry.models import Organisation

    wanted = Q(pk__in=[])
    if request.user.is_authenticated:
        wanted |= Q(people__user=request.user)
    if selected.isdigit() and len(selected) < 12:
        wanted |= Q(pk=int(selected))
    return [(o.pk, o.name) for o in Organisation.objects.filter(wanted).distinct()
            .order_by("name")]


def portfolio_page(request):
    form = PortfolioFilterForm(request.GET or None, organisations=_organisation_choices(
        request, request.GET.get("organisation", "")))
    if form.is_bound and not form.is_valid():
        return render(request, "monitoring/portfolio.html", {"form": form, "data": None},
                      status=422)
    filters = {k: v for k, v in (form.cleaned_data if form.is_bound else {}).items() if v}
    export, fmt = request.GET.get("export", ""), request.GET.get("format", "csv")
    if export:
        return _export(request, filters, export, fmt)
    data = portfolio_data(request.user, **filters)
    rows = Paginator(partnership_rows(request.user, **filters), 25).get_page(
        request.GET.get("page"))
    query = urlencode({k: v for k, v in filters.items()})
    return render(request, "monitoring/portfolio.html", {
        "form": form, "data": data, "page": rows, "query": query,
        "row_of": partnership_table_row, "header": PARTNERSHIP_HEADER,
        "charts": {**{name: charts.bar_chart(rows_, title, f"chart-{name}")
                      for name, (title, _, rows_) in data.tables.items()
                      if name not in ("kpi",) and rows_ and isinstance(rows_[0][1], int)},
                   "phase": charts.grouped_bar_chart(data.phase_groups, data.tables["phase"][0],
                                                     "chart-phase")}})


def _export(request, filters: dict, table: str, fmt: str):
    if table not in TABLES or fmt not in ("csv", "xlsx"):
        raise Http404
    if table == "partnerships":
        title, header = "Partnerships", PARTNERSHIP_HEADER
        rows = (partnership_table_row(r) for r in
                partnership_rows(request.user, **filters).iterator(chunk_size=2000))
    else:
        title, header, rows = portfolio_data(request.user, **filters).tables[table]
    name = f"portfolio-{table}"
    if fmt == "csv":
        return exports.csv_response(name, header, rows)
    return exports.xlsx_response(name, title, header, rows)
