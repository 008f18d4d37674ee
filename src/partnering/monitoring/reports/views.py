"""The progress reports pages: the list with the reporting status, one report with the
values reported for its period, and the pages that write, change and delete a report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from partnering.monitoring.forms import ReportForm
from partnering.monitoring.pages import confirm_page, form_page
from partnering.monitoring.queries import measurements_in, partnership_reporting_status
from partnering.monitoring.reports import services
from partnering.partnerships.access import partnership_or_404
from partnering.sources import cite
from partnering.viewhelpers import handle_form


def reports(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id)
    rows = list(partnership.progress_reports.select_related("submitted_by"))
    return render(request, "monitoring/reports.html", {
        "partnership": partnership, "access": partnership.access, "reports": rows,
        "editable": {r.pk for r in rows
                     if services.can_edit_report(request.user, partnership.access, r)},
        "status": partnership_reporting_status(partnership)})


def report_detail(request, partnership_id: int, report_id: int):
    partnership = partnership_or_404(request, partnership_id)
    report = get_object_or_404(partnership.progress_reports.select_related("submitted_by"),
                               pk=report_id)
    return render(request, "monitoring/report_detail.html", {
        "partnership": partnership, "report": report,
        "can_edit": services.can_edit_report(request.user, partnership.access, report),
        "measurements": measurements_in(partnership, report.period_start, report.period_end)})


def _report_url(report) -> str:
    return f"/partnerships/{report.partnership_id}/reports/{report.pk}/"


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id, need="contribute")
    form = ReportForm(request.POST or None)
    return handle_form(
        request, form, services.submit_report, request.user, partnership,
        message=_("Progress report submitted."), success=_report_url,
        render_page=form_page(
            request, partnership, title=_("Write a progress report"), tab="reports",
            back=f"/partnerships/{partnership.pk}/reports/",
            intro=_("Report progress against the objectives, share the lessons and "
                    "celebrate the successes (%(source)s). The values reported for the "
                    "period are attached.") % {"source": cite("building-msp")}))


def _editable_report(request, partnership_id: int, report_id: int):
    partnership = partnership_or_404(request, partnership_id)
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
    return handle_form(
        request, form, services.update_report, request.user, report,
        message=_("Progress report saved."), success=_report_url(report),
        render_page=form_page(request, partnership,
                              title=_("Edit the %(report)s") % {"report": str(report).lower()},
                              back=_report_url(report), tab="reports"))


@login_required
@require_http_methods(["GET", "POST"])
def report_delete(request, partnership_id: int, report_id: int):
    partnership, report = _editable_report(request, partnership_id, report_id)
    if request.method == "POST":
        services.delete_report(request.user, report)
        messages.success(request, _("Progress report deleted."))
        return redirect("reports", partnership.pk)
    return confirm_page(
        request, partnership, tab="reports",
        title=_("Delete the %(report)s?") % {"report": str(report).lower()},
        back=_report_url(report),
        consequences=[_("Its narrative, lessons learned and successes are deleted; the "
                        "values reported for the period stay with their indicators."),
                      _("The reporting status is worked out again from the reports that "
                        "remain.")])
