"""Pages of the registry's CSV / XLSX import and export."""

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partnering.interop.registry import jobs as registry_jobs
from partnering.interop.registry.columns import (
    KINDS,
    MAX_BYTES,
    MAX_ROWS,
    column_help,
)
from partnering.interop.registry.export import organisations_download, people_download
from partnering.interop.registry.forms import RegistryImportForm
from partnering.interop.registry.uploads import load_result, preview_upload
from partnering.registry.forms import OrganisationSearchForm
from partnering.viewhelpers import show_errors

REGISTRY_SAMPLE = (Path(__file__).resolve().parent.parent.parent / "platform" / "demo_data"
                   / "organisations_sample.csv")


def _registry_page_context() -> dict:
    return {"kinds": KINDS, "columns": column_help(), "max_rows": MAX_ROWS,
            "max_mb": MAX_BYTES // (1024 * 1024)}


@login_required
@require_http_methods(["GET", "POST"])
def registry_import(request):
    form = RegistryImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, plan = preview_upload(
                request.user, form.cleaned_data["kind"], form.cleaned_data["file"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            return render(request, "interop/registry_preview.html",
                          {"plan": plan.as_dict(), "upload": token, "writable": plan.writable,
                           **_registry_page_context()})
    return render(request, "interop/registry_import.html",
                  {"form": form, **_registry_page_context()})


@login_required
@require_POST
def registry_import_confirm(request):
    token = request.POST.get("upload", "")
    try:
        job = registry_jobs.start_confirmation(request.user, token)
    except ValidationError as error:
        show_errors(request, error)
        return redirect("registry_import")
    return redirect("registry_import_job", job.pk)


@login_required
@require_GET
def registry_import_job(request, job_id: int):
    """The confirmation's progress; once done, its result."""
    job = registry_jobs.get_job(request.user, job_id)  # Http404 for anyone else's job
    if job.status == job.Status.DONE:
        return redirect(f"{reverse('registry_import_result')}?upload={job.stored_file}")
    return render(request, "interop/registry_job.html",
                  {"job": job, "running": job.status in (job.Status.QUEUED,
                                                         job.Status.RUNNING),
                   **_registry_page_context()})


@login_required
@require_GET
def registry_import_result(request):
    try:
        result = load_result(request.user, request.GET.get("upload", ""))
    except ValidationError as error:
        raise Http404 from error
    return render(request, "interop/registry_result.html",
                  {"plan": result, **_registry_page_context()})


@require_GET
def registry_import_sample(request):
    return FileResponse(REGISTRY_SAMPLE.open("rb"), as_attachment=True,
                        filename=REGISTRY_SAMPLE.name, content_type="text/csv; charset=utf-8")


@require_GET
def registry_export_organisations(request, fmt: str):
    form = OrganisationSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return organisations_download(
        request.user, fmt, q=filters.get("q", ""), sector=filters.get("sector", ""),
        iati_type=filters.get("iati_type", ""), country=filters.get("country", ""),
        sdg=filters.get("sdg"))


@login_required
@require_GET
def registry_export_people(request, fmt: str):
    return people_download(request.user, fmt, q=request.GET.get("q", "")[:200])
