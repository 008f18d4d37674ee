"""What platform admins see of the jobs and may do with them: every job, queued, running,
failed or finished, and running a failed one again."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from partnering.audit.services import record
from partnering.guards import require_platform_admin
from partnering.jobs.queue import enqueue, label_for, policy_for

STATUSES = {"queued": TaskResultStatus.READY, "running": TaskResultStatus.RUNNING,
            "failed": TaskResultStatus.FAILED, "finished": TaskResultStatus.SUCCESSFUL}
NAMES = {value: key for key, value in STATUSES.items()}


def jobs(user, status: str = ""):
    require_platform_admin(user)
    rows = DBTaskResult.objects.order_by("-enqueued_at")
    if status:
        if status not in STATUSES:
            raise ValidationError({"status": _("One of %(statuses)s.")
                                   % {"statuses": ", ".join(STATUSES)}})
        rows = rows.filter(status=STATUSES[status])
    return rows


def get_job(user, job_id: str) -> DBTaskResult:
    require_platform_admin(user)
    try:
        return DBTaskResult.objects.get(pk=job_id)
    except (DBTaskResult.DoesNotExist, ValidationError) as error:
        raise Http404 from error


def describe(row: DBTaskResult) -> dict:
    """A job as the page and the API show it."""
    failed = row.status == TaskResultStatus.FAILED
    return {"id": str(row.pk), "task": row.task_path.rsplit(".", 1)[-1],
            "label": str(label_for(row.task_path)), "status": NAMES.get(row.status, ""),
            "args": row.args_kwargs.get("args", []), "attempts": len(row.worker_ids),
            "max_attempts": policy_for(row.task_path).attempts,
            "enqueued": row.enqueued_at, "started": row.started_at,
            "finished": row.finished_at, "error": last_line(row.traceback) if failed else "",
            "note": last_line(row.traceback) if not failed else ""}


def last_line(text: str) -> str:
    lines = [line for line in (text or "").strip().splitlines() if line.strip()]
    return lines[-1].strip()[:500] if lines else ""


@transaction.atomic(durable=True)
def rerun(user, job_id: str) -> DBTaskResult:
    """Queue a failed job again, with the same arguments, as a new job."""
    row = get_job(user, job_id)
    if row.status != TaskResultStatus.FAILED:
        raise ValidationError(_("Only a failed job can be run again."), code="not_failed")
    try:
        declared = import_string(row.task_path)
    except ImportError as error:
        raise ValidationError(_("This kind of job no longer exists.")) from error
    args = row.args_kwargs.get("args", [])
    policy = policy_for(row.task_path)
    if policy.on_requeue:
        policy.on_requeue(*args)
    result = enqueue(declared, *args, **row.args_kwargs.get("kwargs", {}))
    record(user, "job.rerun", row, summary=f"Ran the job {label_for(row.task_path)} again")
    if result.backend != "default":  # ran at once (TASKS_IMMEDIATE): no new row
        row.refresh_from_db()
        return row
    return DBTaskResult.objects.get(pk=result.id)
