"""Reading a partnership's summary in one query, fresh: computed on the spot, once, when
it is missing or outdated (see the package's doc), so a page never shows figures older than
the data; the job worker usually has it ready before anyone looks."""

from django.conf import settings
from django.db.models import Max, Subquery
from django.utils import timezone, translation

from partnering.audit.models import AuditEvent
from partnering.fragments import Memo
from partnering.monitoring.rollup.compute import refresh_summary
from partnering.monitoring.rollup.models import PartnershipSummary


def outdated(summary: PartnershipSummary, latest_event: int | None) -> bool:
    return (summary.stale or summary.fresh_until <= timezone.now()
            or (latest_event or 0) > summary.version)


def fresh_summary(partnership) -> PartnershipSummary:
    """The summary and, in the same query, the partnership's latest audit event."""
    latest = (AuditEvent.objects.filter(partnership_id=partnership.pk).order_by()
              .values("partnership_id").annotate(m=Max("id")).values("m"))
    summary = (PartnershipSummary.objects.filter(pk=partnership.pk)
               .annotate(latest_event=Subquery(latest)).first())
    if summary is None or outdated(summary, summary.latest_event):
        summary = refresh_summary(partnership)
    return summary


def summary_health(partnership):
    return fresh_summary(partnership).health_result()


def summary_power(partnership):
    return fresh_summary(partnership).power_result()


# What pages build from a summary (the power balance and its charts), kept in the process per
# summary state: a recompute (any change to the partnership, a member organisation renamed,
# midnight) writes a new `computed_at`, so a kept value is never behind the data.
_DERIVED = Memo(1024)


def from_summary(partnership, name: str, *parts, compute):
    """`compute(summary)` for the partnership's fresh summary, in the reader's language,
    kept until the summary is recomputed. `parts`: whatever else the value depends on; the
    value must be the same for every reader who may see the partnership, and read-only."""
    summary = fresh_summary(partnership)
    key = (name, partnership.pk, summary.version, summary.computed_at.isoformat(),
           translation.get_language() or settings.LANGUAGE_CODE, *parts)
    value = _DERIVED.get(key)
    if value is None:
        value = compute(summary)
        _DERIVED.set(key, value)
    return value
