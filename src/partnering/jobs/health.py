"""What /healthz says of the job queue: whether the workers drain it."""

from django.conf import settings
from django.db.models import Case, Count, F, Min, Q, When
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from partnering.jobs.models import WorkerHeartbeat
from partnering.jobs.recovery import LEASE


def queue_state(now=None) -> dict:
    """{"queued", "running", "oldest_queued_seconds", "workers", "stalled"}: jobs that may run
    now, jobs running, how long the oldest of the first has waited (0 with none), workers
    with a fresh heartbeat, and whether the wait passed JOBS_STALLED_SECONDS."""
    now = now or timezone.now()
    ready = Q(status=TaskResultStatus.READY) & (Q(run_after=get_date_max())
                                                | Q(run_after__lte=now))
    # Waiting since it was queued, or since its back-off ended for a job queued again.
    since = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
    row = DBTaskResult.objects.aggregate(
        queued=Count("pk", filter=ready), oldest=Min(since, filter=ready),
        running=Count("pk", filter=Q(status=TaskResultStatus.RUNNING)))
    waited = max(0, int((now - row["oldest"]).total_seconds())) if row["oldest"] else 0
    return {"queued": row["queued"], "running": row["running"],
            "oldest_queued_seconds": waited,
            "workers": WorkerHeartbeat.objects.filter(beat__gte=now - LEASE).count(),
            "stalled": waited >= settings.JOBS_STALLED_SECONDS}
