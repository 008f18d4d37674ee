"""/api/v1 endpoints of the registry's CSV / XLSX import and export."""

import datetime as dt

from django.core.exceptions import ValidationError
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from partnering.interop.registry import jobs as registry_jobs
from partnering.interop.registry.columns import XLSX_TYPE
from partnering.interop.registry.export import organisations_download, people_download
from partnering.interop.registry.uploads import preview_upload
from partnering.registry.api import OrganisationFilters
from partnering.schemas import READ_ERRORS, WRITE_ERRORS, Filters, download, require_user

router = Router(tags=["open data"])


class RegistryChange(Schema):
    field: str
    old: str
    new: str


class RegistryReason(Schema):
    field: str = Field(..., description="the column concerned; empty for the whole row")
    message: str


class RegistryRow(Schema):
    row: int = Field(..., description="the row number as a spreadsheet shows it (header = 1)")
    action: str = Field(..., description="create, update, unchanged or rejected")
    name: str
    object_id: int | None = Field(None, description="the organisation or person written or "
                                  "matched")
    changes: list[RegistryChange]
    reasons: list[RegistryReason]


class RegistryCounts(Schema):
    create: int
    update: int
    unchanged: int
    rejected: int


class RegistryPlan(Schema):
    upload: str | None = Field(None, description="send it back to POST /registry/imports to "
                               "import this file (kept for a day)")
    kind: str
    file_name: str
    format: str
    columns: list[str]
    unknown_columns: list[str]
    counts: RegistryCounts
    rows: list[RegistryRow]


class RegistryJob(Schema):
    id: int
    status: str = Field(..., description="queued, running, done or failed")
    progress: int = Field(..., description="percent of the rows to write")
    file_name: str
    error: str = Field(..., description="why it failed, when it did")
    created: dt.datetime
    finished: dt.datetime | None
    result: RegistryPlan | None = Field(None, description="every row and what became of "
                                        "it, once done (kept for a day)")


def _job_out(job) -> dict:
    return {"id": job.pk, "status": job.status, "progress": job.progress,
            "file_name": job.file_name, "error": job.error, "created": job.created,
            "finished": job.finished, "result": registry_jobs.result_of(job)}


def _download(media_type: str) -> dict:
    return download(media_type, "The file, with the columns the import reads")


def _organisations(request, filters: OrganisationFilters, fmt: str):
    return organisations_download(request.user, fmt, q=filters.q, sector=filters.sector or "",
                                  iati_type=filters.iati_type,
                                  country=filters.country.upper(), sdg=filters.sdg)


def _people(request, filters, fmt: str):
    require_user(request)
    return people_download(request.user, fmt, q=filters.q,
                           organisation_id=filters.organisation)


@router.post("/registry/imports/preview", response={200: RegistryPlan, **WRITE_ERRORS},
             summary="Preview a registry import (writes nothing)")
def registry_import_preview(request, kind: Form[str], file: File[UploadedFile] = None):
    """Multipart: `kind` (organisations or people) and `file` (CSV UTF-8 or XLSX). Answers
    what each row would do: create, update (with the fields that change, old → new),
    unchanged, or rejected (with the reasons). The answer's `upload` confirms this file
    later."""
    require_user(request)
    token, plan = preview_upload(request.user, kind, file)
    return {**plan.as_dict(), "upload": token}


@router.post("/registry/imports", response={202: RegistryJob, **WRITE_ERRORS},
             summary="Import organisations or people from CSV or XLSX")
def registry_import(request, confirm: Form[bool] = False, kind: Form[str] = "",
                    upload: Form[str] = "", file: File[UploadedFile] = None):
    """Multipart with `confirm=true`, and either `upload` (from the preview) or `kind` and
    `file`. Answers 202 with the import job: poll `GET /registry/imports/{job_id}`. The file
    is checked again against the registry as it is when the job runs; valid rows are
    written, rejected rows are skipped and listed with their reasons in `result`."""
    require_user(request)
    if not confirm:
        raise ValidationError({"confirm": "Send confirm=true to write; "
                               "POST /registry/imports/preview shows what would change."})
    if upload:
        job = registry_jobs.start_confirmation(request.user, upload)
    else:
        job = registry_jobs.import_now(request.user, kind, file)
    return Status(202, _job_out(job))


@router.get("/registry/imports/{job_id}", response={200: RegistryJob, **READ_ERRORS},
            summary="A registry import job: status, progress and, once done, the result")
def registry_import_job(request, job_id: int):
    require_user(request)
    return _job_out(registry_jobs.get_job(request.user, job_id))


@router.get("/registry/organisations.csv", response={200: None, **READ_ERRORS},
            summary="Organisations as CSV", openapi_extra=_download("text/csv"))
def registry_organisations_csv(request, filters: Query[OrganisationFilters]):
    return _organisations(request, filters, "csv")


@router.get("/registry/organisations.xlsx", response={200: None, **READ_ERRORS},
            summary="Organisations as XLSX", openapi_extra=_download(XLSX_TYPE))
def registry_organisations_xlsx(request, filters: Query[OrganisationFilters]):
    return _organisations(request, filters, "xlsx")


class PeopleFilters(Filters):
    q: str = Field("", max_length=200, description="Words of the name")
    organisation: int | None = None


@router.get("/registry/people.csv", response={200: None, **READ_ERRORS},
            summary="People as CSV", openapi_extra=_download("text/csv"))
def registry_people_csv(request, filters: Query[PeopleFilters]):
    return _people(request, filters, "csv")


@router.get("/registry/people.xlsx", response={200: None, **READ_ERRORS},
            summary="People as XLSX", openapi_extra=_download(XLSX_TYPE))
def registry_people_xlsx(request, filters: Query[PeopleFilters]):
    return _people(request, filters, "xlsx")
