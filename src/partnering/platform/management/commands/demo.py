from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from partnering.platform import demo


class Command(BaseCommand):
    help = ("Load the demo data (idempotent) and print the demo accounts and their "
            "password.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true",
            help="Load only into a database with no partnerships and no users "
                 "(what `make run` does).")

    def handle(self, *args, if_empty, **options):
        if demo.is_loaded():
            self.stdout.write("The demo data is already loaded; nothing changed.")
        elif if_empty and not demo.database_is_empty():
            self.stdout.write("The database already has users or partnerships; the demo "
                              "data was not loaded. Run `partnering demo` to add it.")
            return
        else:
            before = demo.counts()
            try:
                demo.load_demo()
            except (ValueError, ValidationError, DatabaseError) as error:
                message = " ".join(getattr(error, "messages", [str(error)]))
                raise CommandError(f"the demo data was not loaded: {message}",
                                   returncode=2) from None
            loaded = {key: count - before[key] for key, count in demo.counts().items()}
            self.stdout.write(self.style.SUCCESS(
                f"Loaded the demo data: {loaded['organisations']} organisations, "
                f"{loaded['people']} people, {loaded['partnerships']} partnerships."))
        self._print_accounts(demo.accounts())

    def _print_accounts(self, accounts) -> None:
        rows = [("username", "password", "who", "sees")]
        rows += [(a.username, a.password, a.role, f"{a.visible_partnerships} partnerships: "
                  f"{a.sees}") for a in accounts]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        self.stdout.write("")
        self.stdout.write("Demo accounts (sign in at /accounts/login/):")
        for number, row in enumerate(rows):
            cells = [cell.ljust(width) for cell, width in zip(row[:3], widths[:3], strict=True)]
            self.stdout.write("  " + "  ".join([*cells, row[3]]))
            if number == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in widths))
        self.stdout.write("")
