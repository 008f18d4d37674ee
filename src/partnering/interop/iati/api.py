"""/api/v1/imports (IATI import jobs) and /api/v1/partnerships/{id}/iati.xml."""

import datetime as dt

from django.http import HttpResponse
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from partnering.interop.iati import jobs as iati_jobs
from partnering.interop.iati.export import export_bytes
from partnering.partnerships.access import partnership_or_404
from partnering.schemas import READ_ERRORS, WRITE_ERRORS, LimitOffsetPagination, require_user

imports_router = Router(tags=["open data"])
partnership_router = Router(tags=["open data"])


class ImportJobOut(Schema):
    id: int
    kind: str
    status: str = Field(..., description="queued, running, done or failed")
    progress: int = Field(..., description="percent")
    file_name: str
    strict: bool
    public: bool
    error: str = Field(..., description="why the file was refused, when it failed")
    summary: dict = Field(..., description="activities created / updated / unchanged / "
                          "skipped, organisations created / matched, problems with their "
                          "line numbers")
    created: dt.datetime
    finished: dt.datetime | None


@imports_router.post(
    "/iati", response={202: ImportJobOut, **WRITE_ERRORS},
    summary="Import an IATI activity file",
    description="Multipart upload (`file`, optional `strict` and `public`). Platform admins "
                "may import any file, organisation admins their own organisation's "
                "activities; others get 403. The import runs in the background: poll "
                "`GET /imports/{job_id}`. A file that is not IATI activity XML makes the job "
                "fail with the reason in `error`.")
def import_iati(request, file: File[UploadedFile] = None, strict: Form[bool] = False,
                public: Form[bool] = False):
    require_user(request)
    iati_jobs.import_organisation(request.user)
    return Status(202, iati_jobs.start_import(request.user, file, strict=strict, public=public))


@imports_router.get("", response={200: list[ImportJobOut], **READ_ERRORS},
                    summary="Your import jobs (all of them for platform admins)")
@paginate(LimitOffsetPagination)
def list_imports(request):
    return iati_jobs.jobs_for(request.user)


@imports_router.get("/{job_id}", response={200: ImportJobOut, **READ_ERRORS},
                    summary="An import job: status, progress and report")
def get_import(request, job_id: int):
    return iati_jobs.get_job(request.user, job_id)


@partnership_router.get(
    "/{partnership_id}/iati.xml", response={200: None, **READ_ERRORS},
    summary="The partnership as an IATI 2.03 activity file",
    openapi_extra={"responses": {200: {"description": "IATI activity XML",
                                       "content": {"application/xml": {}}}}})
def partnership_iati(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id)
    response = HttpResponse(export_bytes([partnership]),
                            content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = \
        f'inline; filename="partnership-{partnership.pk}-iati.xml"'
    return response
