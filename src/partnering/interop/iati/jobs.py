"""IATI import jobs started from the web UI and the API.

Who may import: platform admins (any file), and organisation admins (a partnerships office),
who import the activities their own organisation reports; activities reported by others are
skipped with a problem, so an organisation cannot rewrite another's partnerships. Everybody
else gets 403. A job is visible to the person who started it and to platform admins (404 for
anyone else).

The uploaded file is kept in the default storage (STORAGES) under imports/ and imported by a job
worker (interop/tasks.py; IATI_IMPORT_INLINE or TASKS_IMMEDIATE run it in the request instead); the
job's progress is saved as the file is read. A worker killed in the middle is noticed by the
next worker at once: the import runs again from the start (it is idempotent: what was written
is found and updated in place), up to three times, then the job fails with the reason. The
file is deleted when the job finishes; a failed job's file is kept FAILED_UPLOAD_KEEP_DAYS so
that an admin may run it again, then removed by the daily clean-up.
"""

import logging
import re
import unicodedata
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.guards import require
from partnering.interop.iati.importer import IatiImporter
from partnering.interop.iati.xml import IatiFileError, StoredFile
from partnering.interop.models import ImportJob
from partnering.jobs.queue import JobFailed, Postpone, enqueue
from partnering.registry.permissions import person_of

log = logging.getLogger(__name__)
KIND = "iati"


def import_organisation(user):
    """None for a platform admin (no restriction); the organisation an organisation admin
    imports for. Raises PermissionDenied for anyone else."""
    require(user.is_authenticated)
    if user.is_superuser:
        return None
    person = person_of(user)
    require(person is not None and person.is_organisation_admin
            and bool(person.organisation_id))
    return person.organisation


def may_import(user) -> bool:
    try:
        import_organisation(user)
    except PermissionDenied:
        return False
    return True


def jobs_for(user):
    """The IATI jobs a user may see: their own; a platform admin sees all."""
    jobs = ImportJob.objects.filter(kind=KIND).select_related("created_by")
    if not user.is_authenticated:
        return jobs.none()
    if user.is_superuser:
        return jobs
    return jobs.filter(Q(created_by=user))


def get_job(user, job_id: int) -> ImportJob:
    job = jobs_for(user).filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job


def display_name(raw) -> str:
    """The uploaded file's own name, as reports show it: its last part after either slash,
    without control or invisible formatting characters (a right-to-left override makes
    "report\\u202egpj.xml" read as "reportlmx.jpg"), spaces collapsed, at most 200
    characters; "upload.xml" when nothing is left."""
    name = re.split(r"[\\/]", str(raw or ""))[-1]
    name = "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in name
                   if unicodedata.category(ch)[0] not in "C" and ch not in "\u2028\u2029")
    name = " ".join(name.split())[:200].strip()
    return name if name.strip(".") else "upload.xml"


def start_import(user, file, *, strict: bool = False, public: bool = False) -> ImportJob:
    """Store the upload, create the job and start it. `file` is a Django UploadedFile."""
    import_organisation(user)
    limit = settings.IATI_UPLOAD_MAX_MB * 1024 * 1024
    if file is None:
        raise ValidationError({"file": _("Choose an IATI activity file (XML).")})
    if file.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    if file.size > limit:
        raise ValidationError({"file": _("The file is larger than %(mb)s MB.")
                               % {"mb": settings.IATI_UPLOAD_MAX_MB}})
    stored = default_storage.save(f"imports/{uuid.uuid4().hex}.xml", file)
    name = display_name(file.name)
    job = ImportJob.objects.create(kind=KIND, file_name=name, stored_file=stored,
                                   strict=strict, public=public, created_by=user)
    from partnering.interop.tasks import run_iati_import
    enqueue(run_iati_import, job.pk, inline=settings.IATI_IMPORT_INLINE)
    job.refresh_from_db()
    return job


def run_job(job_id: int) -> None:
    """Import the job's file (the body of the interop.tasks.run_iati_import job)."""
    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None:
        return  # deleted meanwhile
    if not _claim(job):
        raise Postpone("another IATI import is running")
    keep_file = False
    try:
        report = _import(job)
    except IatiFileError as error:
        job.status, job.error = ImportJob.Status.FAILED, f"{error}. Nothing was written."
        job.summary = {}
    except PermissionDenied:
        job.status, job.error = ImportJob.Status.FAILED, \
            "You may no longer import IATI files. Nothing was written."
    except Exception:
        log.exception("IATI import job %s failed", job.pk)
        keep_file = True
        job.status, job.error = ImportJob.Status.FAILED, UNEXPECTED
    else:
        job.status, job.summary, job.progress = ImportJob.Status.DONE, report.as_dict(), 100
    finally:
        _finish(job, keep_file)
    if job.status == ImportJob.Status.FAILED:
        raise JobFailed(job.error)


def _import(job: ImportJob):
    user = job.created_by
    if user is None:
        raise PermissionDenied
    if not job.stored_file or not default_storage.exists(job.stored_file):
        raise IatiFileError("The uploaded file is no longer kept; upload it again")
    importer = IatiImporter(user, strict=job.strict, public=job.public,
                            organisation=import_organisation(user),
                            progress=_progress_of(job))
    return importer.run([StoredFile(default_storage, job.stored_file, job.file_name)])


def _progress_of(job: ImportJob):
    """Saves the job's progress in whole percents, at most every percent or 5 seconds."""
    last = {"percent": -1, "at": timezone.now()}

    def progress(fraction: float) -> None:
        percent = int(fraction * 100)
        now = timezone.now()
        if percent != last["percent"] and (percent == 100 or percent - last["percent"] >= 1
                                           or now - last["at"] > timedelta(seconds=5)):
            last.update(percent=percent, at=now)
            ImportJob.objects.filter(pk=job.pk).update(progress=min(percent, 100),
                                                       updated=now)
    return progress


def _finish(job: ImportJob, keep_file: bool) -> None:
    if not keep_file:
        default_storage.delete(job.stored_file)
        job.stored_file = ""
    job.finished = timezone.now()
    job.save()


UNEXPECTED = ("The import failed unexpectedly (the error is in the server log). The activities "
              "read before it stay imported; an admin may run the job again from the jobs "
              "page, or import the file again: what is there is updated in place.")


def _claim(job: ImportJob) -> bool:
    """Mark the job running unless another import runs: imports match and create
    organisations by name, which two imports at once could each create."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])
        if ImportJob.objects.filter(kind=KIND, status=ImportJob.Status.RUNNING).exclude(
                pk=job.pk).exists():
            return False
        job.status, job.error, job.progress = ImportJob.Status.RUNNING, "", 0
        ImportJob.objects.filter(pk=job.pk).update(status=job.status, error="", progress=0,
                                                   finished=None, updated=timezone.now())
    return True


IMPORT_LOCK = 0x1A71  # PostgreSQL advisory lock key of _claim


def job_requeued(job_id: int) -> None:
    """Its worker stopped (or it waits for another import): the job waits to run again."""
    ImportJob.objects.filter(pk=job_id).exclude(status=ImportJob.Status.DONE).update(
        status=ImportJob.Status.QUEUED, finished=None, updated=timezone.now())


def job_lost(job_id: int, reason: str) -> None:
    """Its worker stopped too many times: the job fails with the reason; its file is kept
    for a re-run until the daily clean-up."""
    ImportJob.objects.filter(pk=job_id).exclude(status=ImportJob.Status.DONE).update(
        status=ImportJob.Status.FAILED, finished=timezone.now(), updated=timezone.now(),
        error=f"The import stopped without finishing: {reason} What was imported stays; an "
              f"admin may run the job again from the jobs page, or import the file again: "
              f"what is there is updated in place.")
