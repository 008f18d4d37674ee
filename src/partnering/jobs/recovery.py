"""Jobs whose worker is gone: found and settled by the workers themselves, at once.

A worker writes a heartbeat row when it starts and every HEARTBEAT seconds (models.py). A job
marked running belongs to the last worker that claimed it; that worker is gone when its
heartbeat is older than LEASE, when it is missing (it stopped and cleaned up), or when it ran
on this host and its process no longer exists (a `kill -9`, then a restart: the new worker
sees it at once, without waiting for the lease). Such a job goes back to the queue while its
policy allows another attempt (queue.py; the work is safe to repeat), else it fails with the
reason, and the job's own hooks update what its user sees.
"""

import logging
import os
import socket
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from partnering.jobs.models import WorkerHeartbeat
from partnering.jobs.queue import policy_for

log = logging.getLogger(__name__)

HEARTBEAT = 5  # seconds between a worker's heartbeats
LEASE = timedelta(seconds=60)  # a worker silent for this long is gone
LOST = "partnering.jobs.recovery.WorkerLost"


class WorkerLost(Exception):  # noqa: N818 - what happened, recorded as the failure's class
    pass


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def live_workers(now=None) -> set[str]:
    now = now or timezone.now()
    host, me = socket.gethostname(), os.getpid()
    alive = set()
    for worker_id, hostname, pid, beat in WorkerHeartbeat.objects.values_list(
            "worker_id", "hostname", "pid", "beat"):
        if beat < now - LEASE:
            continue
        if hostname == host and (pid == me or not _process_exists(pid)):
            # pid == me: this process is a new worker; the row is its predecessor's (the
            # same pid after a container restart). Our own row is added by the caller.
            continue
        alive.add(worker_id)
    return alive


def recover(worker_id: str = "", now=None) -> int:
    """Settle every running job whose worker is gone; returns how many."""
    now = now or timezone.now()
    alive = live_workers(now) | ({worker_id} if worker_id else set())
    settled = 0
    for row in DBTaskResult.objects.running().only(
            "id", "task_path", "worker_ids", "started_at", "args_kwargs"):
        owner = row.worker_ids[-1] if row.worker_ids else ""
        if owner in alive:
            continue
        settled += settle(row, f"the worker running it ({owner or 'unknown'}) stopped", now)
    WorkerHeartbeat.objects.filter(beat__lt=now - timedelta(days=1)).delete()
    return settled


def settle(row: DBTaskResult, why: str, now) -> int:
    """Requeue or fail one interrupted job, unless another worker settled it first."""
    policy = policy_for(row.task_path)
    attempts = len(row.worker_ids)
    args = row.args_kwargs.get("args", [])
    with transaction.atomic():
        current = DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING,
                                              started_at=row.started_at)
        if attempts < policy.attempts:
            reason = f"Attempt {attempts} of {policy.attempts} was interrupted: {why}."
            # At once: the job did not fail, its worker vanished (the attempts still count,
            # so a job that kills its worker every time is given up).
            if not current.update(status=TaskResultStatus.READY, run_after=now,
                                  exception_class_path=LOST, traceback=reason):
                return 0
            if policy.on_requeue:
                policy.on_requeue(*args)
        else:
            reason = (f"It was interrupted {attempts} time{'s' if attempts > 1 else ''} "
                      f"and is not tried again: {why}.")
            if not current.update(status=TaskResultStatus.FAILED, finished_at=now,
                                  exception_class_path=LOST, traceback=reason):
                return 0
            if policy.on_failure:
                policy.on_failure(*args, reason=reason)
    log.warning("job %s (%s): %s", row.pk, row.task_path, reason)
    return 1
