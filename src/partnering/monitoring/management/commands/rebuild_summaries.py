"""Recompute every partnership's summary (health index, power balance, progress) and the
whole platform's portfolio: after a bulk load that went around the services, or at once
instead of waiting for the job worker."""

from django.core.management.base import BaseCommand

from partnering.monitoring.portfolio.data import compute_portfolio
from partnering.monitoring.rollup.compute import rebuild_all
from partnering.monitoring.rollup.platform import refresh
from partnering.partnerships.models import Partnership


class Command(BaseCommand):
    help = "Recompute the summary of every partnership and the platform's portfolio."

    def handle(self, *args, **options):
        count = rebuild_all(Partnership.objects.all())
        refresh(lambda: compute_portfolio(Partnership.objects.all()))
        self.stdout.write(f"Recomputed the summaries of {count} partnerships and the "
                          "platform's portfolio.")
