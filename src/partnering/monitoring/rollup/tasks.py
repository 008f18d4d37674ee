"""Jobs of the summaries: recompute one partnership's summary, the whole platform's
portfolio, or every summary (`partnering rebuild-summaries` does the last by hand)."""

from django.utils.translation import gettext_lazy as _

from partnering.jobs.queue import background_task


@background_task(label=_("Recompute a partnership's summary"), attempts=3, backoff=30)
def refresh_partnership_summary(partnership_id: int) -> bool:
    """False when the partnership is gone."""
    from partnering.monitoring.rollup.compute import refresh_summary
    from partnering.partnerships.models import Partnership

    partnership = Partnership.objects.filter(pk=partnership_id).first()
    if partnership is None:
        return False
    refresh_summary(partnership)
    return True


@background_task(label=_("Recompute the summaries of partnerships"), attempts=3, backoff=30)
def refresh_partnership_summaries(partnership_ids: list[int]) -> int:
    """After a bulk write (an import): the number of partnerships still there."""
    from partnering.monitoring.rollup.compute import refresh_summary
    from partnering.partnerships.models import Partnership

    count = 0
    for partnership in Partnership.objects.filter(pk__in=partnership_ids).iterator():
        refresh_summary(partnership)
        count += 1
    return count


@background_task(label=_("Recompute the platform's portfolio"), attempts=3, backoff=30)
def refresh_platform_portfolio() -> int:
    """The number of partnerships counted."""
    from partnering.monitoring.portfolio.data import compute_portfolio
    from partnering.monitoring.rollup.platform import refresh
    from partnering.partnerships.models import Partnership

    return refresh(lambda: compute_portfolio(Partnership.objects.all())).data["partnerships"]
