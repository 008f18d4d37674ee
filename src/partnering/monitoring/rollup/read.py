"""Reading a partnership's summary in one query, fresh: computed on the spot, once, when
it is missing or outdated (see the package's doc), so a page never shows figures older than
the data; the job worker usually has it ready before anyone looks."""

from django.conf import settings
from django.db.models import Max, Subquery
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone, translation
from markupsafe import Markup

from partnering.audit.models import AuditEvent
from partnering.fragments import Memo
from partnering.monitoring.rollup.compute import refresh_summary
from partnering.monitoring.rollup.models import PartnershipSummary
from partnering.prepared import Prepared


def outdated(summary: PartnershipSummary, latest_event: int | None) -> bool:
    return (summary.stale or summary.fresh_until <= timezone.now()
            or (latest_event or 0) > summary.version)


def _summary_query(key, partnership_id: int):
    latest = (AuditEvent.objects.filter(partnership_id=partnership_id).order_by()
              .values("partnership_id").annotate(m=Max("id")).values("m"))
    summaries = PartnershipSummary.objects.filter(pk=partnership_id)
    if key[1]:
        summaries = summaries.select_related(*key[1])
    return summaries.annotate(latest_event=Subquery(latest))


# Asked by every page about a partnership: SQL written once (partnering.prepared).
_SUMMARY = Prepared(_summary_query, int)


def fresh_summary(partnership, related: tuple[str, ...] = ()) -> PartnershipSummary:
    """The summary and, in the same query, the partnership's latest audit event (and the
    `related` rows, as `select_related` reads them, when the summary is up to date)."""
    summary = next(iter(_SUMMARY(("summary", related), partnership.pk)), None)
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
# Sections of pages rendered from a summary's state (larger: fewer of them are kept).
_SECTIONS = Memo(256)


def from_summary(partnership, name: str, *parts, compute, summary=None, html: bool = False):
    """`compute(summary)` for the partnership's fresh summary (or `summary`, read by the
    caller with `fresh_summary` in this request), in the reader's language, kept until the
    summary is recomputed. `parts`: whatever else the value depends on; the value must be
    the same for every reader who may see the partnership, and read-only. `html`: a
    rendered section, kept among fewer."""
    summary = summary or fresh_summary(partnership)
    key = (name, partnership.pk, summary.version, summary.computed_at.isoformat(),
           translation.get_language() or settings.LANGUAGE_CODE, *parts)
    memo = _SECTIONS if html else _DERIVED
    value = memo.get(key)
    if value is None:
        value = compute(summary)
        memo.set(key, value)
    return value


def section_from_summary(partnership, template: str, context, *parts, summary=None) -> Markup:
    """`template` rendered with `context(summary)` (plain data the same for every reader
    who may see the partnership: nothing of the reader's, no form), kept as
    `from_summary` keeps values, per day and URL prefix too (links, "days overdue")."""
    def render(summary):
        return Markup(render_to_string(template, context(summary)))  # noqa: S704 - escaped

    return from_summary(partnership, template, timezone.localdate(), get_script_prefix(),
                        *parts, compute=render, summary=summary, html=True)
