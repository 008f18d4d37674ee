"""/api/v1/jobs: every background job, for platform admins (403 for anyone else)."""

import datetime as dt

from django.conf import settings
from ninja import Field, Query, Router, Schema, Status

from partnering.jobs import services
from partnering.schemas import MAX_OFFSET, READ_ERRORS, WRITE_ERRORS, Error, Filters, require_user

router = Router(tags=["jobs"])


class JobOut(Schema):
    id: str
    task: str = Field(..., description="the job's function, e.g. run_iati_import")
    label: str
    status: str = Field(..., description="queued, running, failed or finished")
    args: list
    attempts: int = Field(..., description="times a worker started it")
    max_attempts: int
    enqueued: dt.datetime
    started: dt.datetime | None
    finished: dt.datetime | None
    error: str = Field(..., description="why it failed (the last line of the error)")
    note: str = Field(..., description="for a job queued again: why")


class JobPage(Schema):
    items: list[JobOut]
    count: int


class JobFilters(Filters):
    status: str = Field("", description="queued, running, failed or finished; empty: all")
    limit: int = Field(50, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


ADMIN_READ = {403: Error, **READ_ERRORS}


@router.get("", response={200: JobPage, **ADMIN_READ},
            summary="Background jobs, newest first (platform admins)")
def list_jobs(request, filters: Query[JobFilters]):
    require_user(request)
    rows = services.jobs(request.user, filters.status)
    page = rows[filters.offset:filters.offset + filters.limit]
    return {"items": [services.describe(row) for row in page], "count": rows.count()}


@router.get("/{job_id}", response={200: JobOut, **ADMIN_READ},
            summary="A background job (platform admins)")
def get_job(request, job_id: str):
    require_user(request)
    return services.describe(services.get_job(request.user, job_id))


@router.post("/{job_id}/rerun", response={202: JobOut, **WRITE_ERRORS},
             summary="Run a failed job again, as a new job with the same arguments")
def rerun_job(request, job_id: str):
    require_user(request)
    return Status(202, services.describe(services.rerun(request.user, job_id)))
