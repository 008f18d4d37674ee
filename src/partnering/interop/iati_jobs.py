"""IATI import jobs started from the web UI and the API.

Who may import: platform admins (any file), and organisation admins (a partnerships office),
who import the activities their own organisation reports; activities reported by others are
skipped with a problem, so an organisation cannot rewrite another's partnerships. Everybody
else gets 403. A job is visible to the person who started it and to platform admins (404 for
anyone else).

The uploaded file is kept in the default storage (STORAGES) under imports/ and imported in a
background thread (one import at a time per process); the job's progress is saved as the
file is read, and the file is deleted when the job ends. IATI_IMPORT_INLINE runs the job in
the request instead (tests). A job that shows no sign of life for STALE_AFTER is reported as
failed (the server stopped while it ran).
"""

import logging
import re
import threading
import unicodedata
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import close_old_connections, connection
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from partnering.interop.iati_import import IatiImporter
from partnering.interop.iati_xml import IatiFileError, StoredFile
from partnering.interop.models import ImportJob
from partnering.registry.permissions import person_of

log = logging.getLogger(__name__)
KIND = "iati"
STALE_AFTER = timedelta(minutes=15)
_one_at_a_time = threading.Lock()


def import_organisation(user):
    """None for a platform admin (no restriction); the organisation an organisation admin
    imports for. Raises PermissionDenied for anyone else."""
    if not user.is_authenticated:
        raise PermissionDenied
    if user.is_superuser:
        return None
    person = person_of(user)
    if person is not None and person.is_organisation_admin and person.organisation_id:
        return person.organisation
    raise PermissionDenied


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
    return _expire(job)


def _expire(job: ImportJob) -> ImportJob:
    if job.status in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING) and \
            job.updated < timezone.now() - STALE_AFTER:
        job.status = ImportJob.Status.FAILED
        job.error = "The import stopped without finishing (the server restarted?). Upload " \
                    "the file again: what was imported is updated in place."
        job.finished = timezone.now()
        job.save(update_fields=["status", "error", "finished", "updated"])
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


def start_import(user, upload, *, strict: bool = False, public: bool = False) -> ImportJob:
    """Store the upload, create the job and start it. `upload` is a Django UploadedFile."""
    import_organisation(user)
    limit = settings.IATI_UPLOAD_MAX_MB * 1024 * 1024
    if upload is None:
        raise ValidationError({"file": "Choose an IATI activity file (XML)."})
    if upload.size == 0:
        raise ValidationError({"file": "The file is empty."})
    if upload.size > limit:
        raise ValidationError({"file": f"The file is larger than "
                                       f"{settings.IATI_UPLOAD_MAX_MB} MB."})
    stored = default_storage.save(f"imports/{uuid.uuid4().hex}.xml", upload)
    name = display_name(upload.name)
    job = ImportJob.objects.create(kind=KIND, file_name=name, stored_file=stored,
                                   strict=strict, public=public, created_by=user)
    if settings.IATI_IMPORT_INLINE:
        run_job(job.pk)
        job.refresh_from_db()
    else:
        threading.Thread(target=_run_in_thread, args=(job.pk,), daemon=True,
                         name=f"iati-import-{job.pk}").start()
    return job


def _run_in_thread(job_id: int) -> None:
    close_old_connections()
    try:
        run_job(job_id)
    finally:
        connection.close()


def run_job(job_id: int) -> None:
    with _one_at_a_time:
        job = ImportJob.objects.select_related("created_by").get(pk=job_id)
        user = job.created_by
        job.status = ImportJob.Status.RUNNING
        job.save(update_fields=["status", "updated"])
        last = {"percent": -1, "at": timezone.now()}

        def progress(fraction: float) -> None:
            percent = int(fraction * 100)
            now = timezone.now()
            if percent != last["percent"] and (percent == 100 or percent - last["percent"] >= 1
                                               or now - last["at"] > timedelta(seconds=5)):
                last.update(percent=percent, at=now)
                ImportJob.objects.filter(pk=job.pk).update(progress=min(percent, 100),
                                                           updated=now)
        try:
            if user is None:
                raise PermissionDenied
            organisation = import_organisation(user)
            importer = IatiImporter(user, strict=job.strict, public=job.public,
                                    organisation=organisation, progress=progress)
            report = importer.run([StoredFile(default_storage, job.stored_file,
                                              job.file_name)])
        except IatiFileError as error:
            job.status, job.error = ImportJob.Status.FAILED, f"{error}. Nothing was written."
            job.summary = {}
        except PermissionDenied:
            job.status, job.error = ImportJob.Status.FAILED, \
                "You may no longer import IATI files. Nothing was written."
        except Exception:
            log.exception("IATI import job %s failed", job.pk)
            job.status, job.error = ImportJob.Status.FAILED, \
                "The import failed unexpectedly (the error is in the server log). The " \
                "activities read before it stay imported; import the file again to finish: " \
                "what is there is updated in place."
        else:
            job.status, job.summary, job.progress = ImportJob.Status.DONE, report.as_dict(), 100
        finally:
            default_storage.delete(job.stored_file)
            job.stored_file = ""
            job.finished = timezone.now()
            job.save()
