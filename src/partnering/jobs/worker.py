"""The job worker (`partnering worker`): django_tasks_db's worker loop, plus
- a heartbeat row, refreshed by a thread every few seconds while a job runs (recovery.py);
- on start and every CHORES seconds: recovering the jobs of workers that are gone, and
  enqueueing scheduled work whose period has come (schedule.py);
- retries: a job that raises is queued again after its back-off while its policy allows
  (queue.py); JobFailed, and the last attempt, fail it with the reason;
- SIGTERM or Ctrl+C: the running job finishes, then the worker stops (a second signal stops
  it at once, and the job goes back to the queue).
"""

import logging
import os
import socket
import threading
import time
from datetime import timedelta

from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import TaskContext, TaskResultStatus
from django_tasks.signals import task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker
from django_tasks_db.models import DBTaskResult

from partnering.jobs import recovery, schedule
from partnering.jobs.models import WorkerHeartbeat
from partnering.jobs.queue import POSTPONE, JobFailed, Postpone, policy_for

log = logging.getLogger(__name__)

CHORES = 15  # seconds between recovery and schedule checks


def new_worker_id() -> str:
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(6)}"


class Worker(DatabaseWorker):
    def __init__(self, *, chores: float = CHORES, scheduling: bool = True, **options):
        super().__init__(**options)
        self.chores_every = chores
        self.scheduling = scheduling
        self._stop = threading.Event()

    def run(self) -> None:
        self.register()
        self.chores()
        keeper = threading.Thread(target=self._keep_alive, daemon=True,
                                  name="partnering-worker-heartbeat")
        keeper.start()
        try:
            super().run()
        finally:
            self._stop.set()
            keeper.join(timeout=2)
            WorkerHeartbeat.objects.filter(pk=self.worker_id).delete()

    def register(self) -> None:
        now = timezone.now()
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={"hostname": socket.gethostname(), "pid": os.getpid(), "started": now,
                      "beat": now})

    def chores(self) -> None:
        recovery.recover(self.worker_id)
        if self.scheduling:
            schedule.tick()

    def _keep_alive(self) -> None:
        last = time.monotonic()
        try:
            while not self._stop.wait(recovery.HEARTBEAT):
                try:
                    close_old_connections()
                    WorkerHeartbeat.objects.filter(pk=self.worker_id).update(
                        beat=timezone.now())
                    if time.monotonic() - last >= self.chores_every:
                        last = time.monotonic()
                        self.chores()
                except DatabaseError as error:
                    log.warning("worker %s: heartbeat or chores failed: %s",
                                self.worker_id, error)
        finally:
            connection.close()

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """Run one claimed job: successful, failed with its reason, or queued again."""
        self.running_task = True
        try:
            task = db_task_result.task
            result = db_task_result.task_result
            backend = type(task.get_backend())
            task_started.send(sender=backend, task_result=result)
            if task.takes_context:
                value = task.call(TaskContext(task_result=result), *result.args,
                                  **result.kwargs)
            else:
                value = task.call(*result.args, **result.kwargs)
            db_task_result.set_successful(value)
            task_finished.send(sender=backend, task_result=db_task_result.task_result)
        except Postpone as why:
            requeue(db_task_result, str(why), POSTPONE, count=False)
        except (KeyboardInterrupt, SystemExit):
            # Stopped by a second signal: the job is not at fault; another worker takes it.
            requeue(db_task_result, "the worker was stopped while running it", delay=0)
            raise
        except BaseException as error:  # noqa: BLE001 - every failure is recorded
            self.failed(db_task_result, error)
        finally:
            self.running_task = False
            self._run_tasks += 1

    def failed(self, row: DBTaskResult, error: BaseException) -> None:
        policy = policy_for(row.task_path)
        attempts = len(row.worker_ids)
        if not isinstance(error, JobFailed) and attempts < policy.attempts:
            log.warning("job %s (%s) failed on attempt %s of %s, retried: %r", row.pk,
                        row.task_path, attempts, policy.attempts, error)
            requeue(row, f"attempt {attempts} failed: {error!r}", policy.delay(attempts))
            return
        if not isinstance(error, JobFailed):
            log.error("job %s (%s) failed", row.pk, row.task_path, exc_info=error)
        row.set_failed(error)
        if policy.on_failure and not isinstance(error, JobFailed):
            policy.on_failure(*row.args_kwargs.get("args", []), reason=str(error))
        try:
            task_finished.send(sender=type(row.task.get_backend()), task_result=row.task_result)
        except ImportError:
            pass


def requeue(row: DBTaskResult, why: str, delay: float, *, count: bool = True) -> None:
    """Back to the queue after `delay` seconds; `count=False`: this run was no attempt."""
    DBTaskResult.objects.filter(pk=row.pk).update(
        status=TaskResultStatus.READY, run_after=timezone.now() + timedelta(seconds=delay),
        traceback=why, **({} if count else {"worker_ids": row.worker_ids[:-1]}))
    policy = policy_for(row.task_path)
    if policy.on_requeue:
        policy.on_requeue(*row.args_kwargs.get("args", []))
