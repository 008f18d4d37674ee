"""Compute every active partnership's health index and keep today's snapshot, so the
portfolio dashboard shows fresh figures and the health page its trend (it refreshes each
partnership's summary on the way). Pages read the index from the summary and never write a
snapshot; the job worker runs this daily (jobs/schedule.py), or run it by hand."""

from django.core.management.base import BaseCommand

from partnering.monitoring.health.scoring import record_all_health


class Command(BaseCommand):
    help = "Record today's health index of every active partnership."

    def handle(self, *args, **options):
        count = record_all_health()
        self.stdout.write(f"Recorded the health index of {count} partnerships.")
