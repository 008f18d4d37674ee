"""What the job workers keep beside the tasks backend's own rows (django_tasks_db's
DBTaskResult): their heartbeats, so that a job whose worker is gone is recovered, and the runs
of scheduled work, one row per period, so that it runs once however many workers there are."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """A running `partnering worker`: written when it starts, every few seconds while it
    lives, deleted when it stops. A job claimed by a worker with no fresh heartbeat (or whose
    process is gone from this host) was interrupted."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started = models.DateTimeField()
    beat = models.DateTimeField()

    class Meta:
        ordering = ["hostname", "started"]

    def __str__(self) -> str:
        return self.worker_id


class ScheduledRun(models.Model):
    """One run of a scheduled job (jobs/schedule.py) for one period ("2025-06-01" for a daily
    one): the worker that inserts it enqueues the job; the others hit the unique key."""

    name = models.CharField(max_length=100)
    period_key = models.CharField(max_length=40)
    enqueued = models.DateTimeField(auto_now_add=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-enqueued"]
        constraints = [models.UniqueConstraint(fields=["name", "period_key"],
                                               name="scheduled_run_once_per_period")]

    def __str__(self) -> str:
        return f"{self.name} {self.period_key}"
