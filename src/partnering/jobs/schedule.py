"""Scheduled work, declared here and run by the job workers: no cron entry.

Each entry names a job (a background_task) and its period. Every worker calls `tick()` every
few seconds; for each entry whose period has begun, it inserts ScheduledRun(name, period key)
and enqueues the job in the same transaction. The unique key lets exactly one insert win per
period, whichever worker and machine tries, so the job runs once per period; a platform
that was stopped catches up with the current period when it starts (not with every missed
one). Times are UTC.
"""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from partnering.jobs.models import ScheduledRun
from partnering.jobs.queue import enqueue

log = logging.getLogger(__name__)

HOURLY, DAILY = "hourly", "daily"


@dataclass(frozen=True)
class Scheduled:
    name: str
    period: str  # HOURLY or DAILY
    task: str  # dotted path to a background_task
    at: time | None = None  # DAILY: not before this time of day (UTC)
    description: str = ""

    def period_key(self, now: datetime) -> str | None:
        """The key of the period `now` falls in, or None before the day's `at`."""
        if self.period == HOURLY:
            return now.strftime("%Y-%m-%dT%H")
        if self.period == DAILY:
            if self.at is not None and now.time() < self.at:
                return None
            return now.date().isoformat()
        raise ValueError(f"unknown period {self.period!r}")


SCHEDULE = [
    Scheduled("record-health", DAILY, "partnering.monitoring.tasks.record_health_snapshots",
              at=time(3, 15), description="today's health index of every active partnership"),
    Scheduled("clean-up", DAILY, "partnering.jobs.tasks.clean_up", at=time(4, 0),
              description="uploads of failed imports past their keeping time, old job rows"),
    Scheduled("database-statistics", HOURLY, "partnering.jobs.tasks.refresh_statistics",
              description="the query planner's table statistics (SQLite)"),
    Scheduled("embed-missing-profiles", HOURLY,
              "partnering.discovery.tasks.embed_missing_profiles",
              description="profiles without a sentence vector, when the model is installed"),
    Scheduled("notifications-scan", HOURLY, "partnering.notifications.tasks.scan_due",
              description="proposals closing, actions, KPI values and reports falling due"),
    Scheduled("answer-deadlines", DAILY,
              "partnering.platforms.loops.tasks.remind_answer_deadlines", at=time(11, 0),
              description="secretariats: consultation items unanswered near or past the deadline"),
    Scheduled("notifications-digests", HOURLY, "partnering.notifications.tasks.send_digests",
              description="daily and weekly digests, at each person's hour"),
    Scheduled("grievance-clocks", HOURLY, "partnering.grievances.tasks.check_clocks",
              description="grievance deadlines: reminders, escalations, recurring categories"),
    Scheduled("rating-campaigns-close", HOURLY,
              "partnering.capabilities.ratings.notices.close_due_campaigns",
              description="360° rating campaigns past their closing date"),
]


def tick(now: datetime | None = None, schedule=None) -> list[str]:
    """Enqueue every scheduled job whose current period has no run yet; returns the names
    this call enqueued (the other workers' calls enqueue nothing for them)."""
    now = (now or timezone.now()).astimezone(UTC)
    started = []
    for entry in schedule if schedule is not None else SCHEDULE:
        key = entry.period_key(now)
        if key is None or ScheduledRun.objects.filter(name=entry.name,
                                                      period_key=key).exists():
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(name=entry.name, period_key=key)
                result = enqueue(import_string(entry.task))
                ScheduledRun.objects.filter(pk=run.pk).update(task_id=str(result.id))
        except IntegrityError:
            continue  # another worker won this period
        started.append(entry.name)
        log.info("scheduled job %s enqueued for %s", entry.name, key)
    return started


def prune_runs(now: datetime | None = None, keep: timedelta = timedelta(days=90)) -> int:
    now = now or timezone.now()
    return ScheduledRun.objects.filter(enqueued__lt=now - keep).delete()[0]
