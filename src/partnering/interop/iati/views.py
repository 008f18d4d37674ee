"""Pages for IATI import: the upload form and a job's progress and report."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from partnering.interop.iati import jobs as iati_jobs
from partnering.interop.iati.forms import IatiImportForm
from partnering.interop.iati.report import summary_lines
from partnering.viewhelpers import apply_errors


@login_required
@require_http_methods(["GET", "POST"])
def iati_import(request):
    organisation = iati_jobs.import_organisation(request.user)  # PermissionDenied → 403
    form = IatiImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = iati_jobs.start_import(request.user, form.cleaned_data["file"],
                                         strict=form.cleaned_data["strict"],
                                         public=form.cleaned_data["public"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("iati_job", job.pk)
    return render(request, "interop/iati_import.html", {
        "form": form, "organisation": organisation,
        "jobs": iati_jobs.jobs_for(request.user)[:20],
    })


@login_required
@require_GET
def iati_job(request, job_id: int):
    job = iati_jobs.get_job(request.user, job_id)  # Http404 for anyone else's job
    running = job.status in (job.Status.QUEUED, job.Status.RUNNING)
    return render(request, "interop/iati_job.html", {
        "job": job, "running": running,
        "lines": summary_lines(job.summary) if job.summary else [],
        "may_import": iati_jobs.may_import(request.user),
    })
