"""The daily clean-up (jobs/schedule.py): files and rows the jobs leave behind."""

from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from partnering.jobs import schedule
from partnering.jobs.queue import background_task

# Finished and failed job rows are kept this long for the jobs page, then deleted.
KEEP_JOB_ROWS = timedelta(days=30)
# A file in the imports folder that no waiting job names is a leftover after this long
# (the process stopped between storing an upload and creating its job).
ORPHAN_AFTER = timedelta(days=1)


@background_task(label=_("Daily clean-up"), attempts=3, backoff=60)
def clean_up() -> dict:
    from partnering.interop.registry.uploads import sweep

    sweep()
    now = timezone.now()
    return {"uploads": remove_failed_uploads(now), "orphans": remove_orphan_uploads(now),
            "job_rows": DBTaskResult.objects.filter(
                status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
                finished_at__lt=now - KEEP_JOB_ROWS).delete()[0],
            "scheduled_runs": schedule.prune_runs(now)}


def remove_failed_uploads(now=None) -> int:
    """Files of import jobs that failed more than FAILED_UPLOAD_KEEP_DAYS ago."""
    from partnering.interop.models import ImportJob

    now = now or timezone.now()
    limit = now - timedelta(days=settings.FAILED_UPLOAD_KEEP_DAYS)
    removed = 0
    for job in ImportJob.objects.filter(kind="iati", finished__lt=limit).exclude(
            stored_file="").exclude(status__in=[ImportJob.Status.QUEUED,
                                                ImportJob.Status.RUNNING]):
        default_storage.delete(job.stored_file)
        ImportJob.objects.filter(pk=job.pk).update(stored_file="")
        removed += 1
    return removed


def remove_orphan_uploads(now=None) -> int:
    from partnering.interop.models import ImportJob

    now = now or timezone.now()

    try:
        names = default_storage.listdir("imports")[1]
    except (FileNotFoundError, NotImplementedError):
        return 0
    named = set(ImportJob.objects.filter(kind="iati").exclude(stored_file="").filter(
        Q(status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING])
        | Q(status=ImportJob.Status.FAILED)).values_list("stored_file", flat=True))
    limit = now - ORPHAN_AFTER
    removed = 0
    for name in names:
        stored = f"imports/{name}"
        try:
            if stored not in named and default_storage.get_modified_time(stored) < limit:
                default_storage.delete(stored)
                removed += 1
        except OSError:
            continue
    return removed


@background_task(label=_("Database statistics"), attempts=2, backoff=60)
def refresh_statistics() -> dict:
    return {"analyzed": database_statistics()}


def database_statistics() -> bool:
    """Let SQLite's query planner know the tables' sizes (ANALYZE): without them it reads
    every public partnership and sorts them to show the first 50 in title order, instead of
    walking the title index. PostgreSQL's autovacuum keeps its own statistics."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return True
