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


@background_task(label=_("Recompute the platform's portfolio"), attempts=3, backoff=30)
def refresh_platform_portfolio() -> int:
    """The number of partnerships counted."""
    from partnering.monitoring.portfolio.data import compute_portfolio
    from partnering.monitoring.rollup.platform import refresh
    from partnering.partnerships.models import Partnership

    return refresh(lambda: compute_portfolio(Partnership.objects.all())).data["partnerships"]
