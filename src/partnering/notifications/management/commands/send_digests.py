"""`partnering send-digests [--dry-run]`: send the digests due now (the scheduled job does
this every hour); --dry-run prints who would get which digest, and sends nothing."""

from django.core.management.base import BaseCommand

from partnering.notifications import digests


class Command(BaseCommand):
    help = "Send the daily and weekly notification digests due now."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="print what would go out, send nothing")

    def handle(self, *args, dry_run=False, **options):
        result = digests.run(dry_run=dry_run)
        if not dry_run:
            self.stdout.write(f"{result['sent']} digest(s) sent of {result['digests']} due.")
            return
        for due in result["due"]:
            self.stdout.write(f"{due.user.email or due.user.get_username()}: {due.period} "
                              f"digest {due.key}, {due.count} item(s)")
        self.stdout.write(f"{len(result['due'])} digest(s) would go out.")
