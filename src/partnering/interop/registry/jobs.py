"""Confirming a registry import runs as a background job (10,000 new organisations take
minutes): the confirmation stores the job and answers at once; the job's page and
`GET /registry/imports/{id}` show its progress, then the result. A job belongs to whoever
confirmed it (platform admins see all); anyone else gets 404.

The upload stays in its owner's folder until the job has written it (uploads.py); a job
interrupted by a stopped worker runs again (the file is planned again against the registry,
so the rows already written show as unchanged), up to three times.
"""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from partnering.interop.models import ImportJob
from partnering.interop.registry.services import confirm_upload
from partnering.interop.registry.uploads import UploadGone, load_result, load_upload, store_file
from partnering.jobs.queue import JobFailed, enqueue

log = logging.getLogger(__name__)
KIND = "registry"
UNEXPECTED = ("The import failed unexpectedly (the error is in the server log). The rows "
              "written before it stay; import the file again: they will show as unchanged.")


def jobs_for(user):
    jobs = ImportJob.objects.filter(kind=KIND).select_related("created_by")
    if not user.is_authenticated:
        return jobs.none()
    return jobs if user.is_superuser else jobs.filter(created_by=user)


def get_job(user, job_id: int) -> ImportJob:
    job = jobs_for(user).filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job


def start_confirmation(user, token: str) -> ImportJob:
    """Queue the import of a previewed upload; confirmed again while it waits or runs, the
    same job (once done, the upload is gone)."""
    existing = jobs_for(user).filter(stored_file=token, status__in=[
        ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]).first() if token else None
    if existing is not None:
        return existing
    kind, file_name, _ = load_upload(user, token)  # UploadGone when not there
    job = ImportJob.objects.create(kind=KIND, file_name=file_name, stored_file=token,
                                   summary={"kind": kind}, created_by=user)
    from partnering.interop.tasks import confirm_registry_import
    enqueue(confirm_registry_import, job.pk)
    job.refresh_from_db()
    return job


def import_now(user, kind: str, uploaded) -> ImportJob:
    """The API's one step: check and keep the file, then queue its import."""
    return start_confirmation(user, store_file(user, kind, uploaded))


def result_of(job: ImportJob) -> dict | None:
    """The finished job's plan (every row and what became of it), while it is kept."""
    if job.status != ImportJob.Status.DONE or job.created_by is None:
        return None
    try:
        return load_result(job.created_by, job.stored_file)
    except ValidationError:
        return None


def run_job(job_id: int) -> None:
    """Write the upload (the body of interop.tasks.confirm_registry_import)."""
    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None or job.status == ImportJob.Status.DONE:
        return
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, progress=0,
                                               updated=timezone.now())
    last = {"percent": 0, "at": timezone.now()}

    def progress(fraction: float) -> None:
        percent, now = int(fraction * 100), timezone.now()
        if percent > last["percent"] or now - last["at"] > timedelta(seconds=5):
            last.update(percent=percent, at=now)
            ImportJob.objects.filter(pk=job.pk).update(progress=percent, updated=now)
    try:
        if job.created_by is None:
            raise UploadGone
        plan = confirm_upload(job.created_by, job.stored_file, progress)
    except ValidationError as error:
        job.status, job.error = ImportJob.Status.FAILED, " ".join(error.messages)
    except Exception:
        log.exception("registry import job %s failed", job.pk)
        job.status, job.error = ImportJob.Status.FAILED, UNEXPECTED
    else:
        job.status, job.progress = ImportJob.Status.DONE, 100
        job.summary = {"kind": job.summary.get("kind", ""), "counts": plan.counts}
    job.finished = timezone.now()
    job.save()
    if job.status == ImportJob.Status.FAILED:
        raise JobFailed(job.error)


def job_requeued(job_id: int) -> None:
    ImportJob.objects.filter(pk=job_id, kind=KIND).exclude(
        status=ImportJob.Status.DONE).update(status=ImportJob.Status.QUEUED,
                                             updated=timezone.now())


def job_lost(job_id: int, reason: str) -> None:
    ImportJob.objects.filter(pk=job_id, kind=KIND).exclude(
        status=ImportJob.Status.DONE).update(
        status=ImportJob.Status.FAILED, finished=timezone.now(), updated=timezone.now(),
        error=f"The import stopped without finishing: {reason} The rows written stay; import "
              f"the file again: they will show as unchanged.")
