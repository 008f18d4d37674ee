"""Compute every active partnership's health index and keep today's snapshot, so the
portfolio dashboard shows fresh figures (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from partnering.monitoring.health import record_health
from partnering.partnerships.models import Partnership
from partnering.partnerships.vocabulary import Status


class Command(BaseCommand):
    help = "Record today's health index of every active partnership."

    def handle(self, *args, **options):
        count = 0
        for partnership in Partnership.objects.filter(status=Status.ACTIVE).iterator():
            record_health(partnership)
            count += 1
        self.stdout.write(f"Recorded the health index of {count} partnerships.")
