"""Pages for IATI import: the upload form and a job's progress and report."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from partnering.interop.iati import jobs
from partnering.interop.iati.forms import IatiImportForm
from partnering.interop.iati.report import summary_lines
from partnering.viewhelpers import handle_form


@login_required
@require_http_methods(["GET", "POST"])
def iati_import(request):
    organisation = jobs.import_organisation(request.user)  # PermissionDenied → 403
    form = IatiImportForm(request.POST or None, request.FILES or None)
    return handle_form(
        request, form, jobs.start_import, request.user,
        message=_("The import has started."),
        success=lambda job: reverse("iati_job", args=[job.pk]),
        render_page=lambda form: render(request, "interop/iati_import.html", {
            "form": form, "organisation": organisation,
            "jobs": jobs.jobs_for(request.user)[:20]}))


@login_required
@require_GET
def iati_job(request, job_id: int):
    job = jobs.get_job(request.user, job_id)  # Http404 for anyone else's job
    running = job.status in (job.Status.QUEUED, job.Status.RUNNING)
    return render(request, "interop/iati_job.html", {
        "job": job, "running": running,
        "lines": summary_lines(job.summary) if job.summary else [],
        "may_import": jobs.may_import(request.user),
    })
