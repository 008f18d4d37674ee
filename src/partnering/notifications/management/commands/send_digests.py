"""`partnering send-digests [--dry-run] [--at WHEN]`: send the digests due now (the scheduled
job does this every hour); --dry-run prints each digest that would go out, and sends
nothing; --at takes another moment (e.g. 2026-12-07T18:00, UTC unless it names its offset)
as "now", to see what the digests of that hour would hold."""

from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandError

from partnering.notifications import digests


class Command(BaseCommand):
    help = "Send the daily and weekly notification digests due now."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="print what would go out, send nothing")
        parser.add_argument("--at", default="",
                            help="the moment to take as now (ISO 8601, UTC by default)")

    def handle(self, *args, dry_run=False, at="", **options):
        result = digests.run(now=moment(at), dry_run=dry_run)
        if not dry_run:
            self.stdout.write(f"{result['sent']} digest(s) sent of {result['digests']} due.")
            return
        for due, text in zip(result["due"], result["previews"], strict=True):
            self.stdout.write(f"=== {due.user.email or due.user.get_username()}: {due.period} "
                              f"digest {due.key}, {due.count} item(s)")
            self.stdout.write(text)
        self.stdout.write(f"{len(result['due'])} digest(s) would go out.")


def moment(text: str) -> datetime | None:
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--at: {text!r} is not a date and time such as "
                           "2026-12-07T18:00") from error
    return when if when.tzinfo else when.replace(tzinfo=UTC)
