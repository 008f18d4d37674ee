"""Compute every active partnership's health index and keep today's snapshot, so the
portfolio dashboard shows fresh figures and the health page its trend. Pages compute the
index on the fly and never write; run this daily, e.g. from cron."""

from django.core.management.base import BaseCommand

from partnering.monitoring.health.scoring import record_all_health


class Command(BaseCommand):
    help = "Record today's health index of every active partnership."

    def handle(self, *args, **options):
        count = record_all_health()
        self.stdout.write(f"Recorded the health index of {count} partnerships.")
