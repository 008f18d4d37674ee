"""Computing a partnership's summary: the power balance counts once (they also give the
health index its power part), the health figures, indicator progress, and until when it
holds."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Avg, Count, Max, Min, Sum
from django.utils import timezone

from partnering.audit.models import AuditEvent
from partnering.monitoring.rollup.models import PartnershipSummary


def latest_event(partnership_id: int) -> int:
    """The id of the partnership's latest audit event (0: none)."""
    return AuditEvent.objects.filter(partnership_id=partnership_id).aggregate(
        m=Max("id"))["m"] or 0


def fresh_until(partnership, now: datetime) -> datetime:
    """The next local midnight (overdue actions, milestones and the reporting status count
    from the day), or sooner when one of its assessment rounds closes (its answers then
    count)."""
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    until = timezone.make_aware(datetime.combine(tomorrow, time.min))
    try:
        from partnering.assessments.models import Round
    except ImportError:  # pragma: no cover - the app is optional
        return until
    closes = Round.objects.filter(partnership=partnership, closes_at__gt=now).aggregate(
        first=Min("closes_at"))["first"]
    return min(until, closes) if closes else until


def progress(partnership) -> dict:
    """Indicators, those with progress, their mean progress and the queried values."""
    from partnering.monitoring.models import Indicator

    figures = Indicator.objects.filter(partnership=partnership).aggregate(
        indicators=Count("pk"), with_progress=Count("progress"), average=Avg("progress"),
        queried=Sum("queried_values"))
    return {"indicators": figures["indicators"],
            "indicators_with_progress": figures["with_progress"],
            "average_progress": figures["average"],
            "queried_values": figures["queried"] or 0}


def refresh_summary(partnership, today=None) -> PartnershipSummary:
    """Compute the partnership's summary from the database and keep it."""
    from partnering.governance.power.balance import balance
    from partnering.governance.power.data import gather
    from partnering.governance.power.stored import to_json
    from partnering.monitoring.health.figures import health_figures, health_from_figures

    now = timezone.now()
    today = today or timezone.localdate()
    version = latest_event(partnership.pk)  # read first: a write meanwhile outdates it
    data = gather(partnership)
    power = balance(data, threshold=getattr(settings, "POWER_DOMINANCE_THRESHOLD", None))
    figures = health_figures(partnership, today, power.index)
    health = health_from_figures(figures, today)
    summary = PartnershipSummary(
        partnership=partnership, computed_at=now, fresh_until=fresh_until(partnership, now),
        stale=False, version=version, health_index=health.index,
        health_coverage=health.coverage, health=figures, power_index=power.index,
        power=to_json(data), **progress(partnership))
    upsert(summary)
    return summary


def upsert(row) -> None:
    """Insert the row, or replace the one with its primary key: one query either way."""
    fields = [f.name for f in row._meta.concrete_fields if not f.primary_key]
    type(row).objects.bulk_create([row], update_conflicts=True, update_fields=fields,
                                  unique_fields=[row._meta.pk.name])


def rebuild_all(partnerships) -> int:
    """Recompute the summary of each of these partnerships (a queryset)."""
    count = 0
    for partnership in partnerships.order_by("pk").iterator(chunk_size=500):
        refresh_summary(partnership)
        count += 1
    return count
