"""Background jobs of monitoring: the daily health snapshot (declared in jobs/schedule.py)."""

from django.utils.translation import gettext_lazy as _

from partnering.jobs.queue import background_task
from partnering.monitoring.health.scoring import record_all_health


@background_task(label=_("Daily health snapshot"), attempts=3, backoff=60)
def record_health_snapshots() -> int:
    """Today's health index of every active partnership (`partnering record-health` does the
    same by hand); re-running it the same day rewrites the same snapshots."""
    return record_all_health()
