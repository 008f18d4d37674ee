"""`partnering platforms loop-metrics <consultation>`: the feedback-loop closure of a
consultation (its id or its exact title) as a table, in the terminal; `--json` prints the
same data as the API answers. `partnering platforms rebuild-loop-facts [consultation]`
rewrites the loop facts the metrics read (of one consultation, or of all) from the records."""

import json

from django.core.management.base import BaseCommand, CommandError

from partnering.platforms.loops import facts
from partnering.platforms.loops.metrics import loop_metrics
from partnering.platforms.loops.tables import as_data
from partnering.platforms.models import Consultation

COLUMNS = [("submissions", "subm.", "{}"), ("answered_share", "answered", "{:.0%}"),
           ("median_days", "median d", "{:.1f}"), ("p90_days", "p90 d", "{:.1f}"),
           ("overdue_share", "overdue", "{:.0%}"), ("delivered_share", "delivered", "{:.0%}"),
           ("heard_share", "heard", "{:.0%}"), ("accepted", "accepted", "{}")]


def _cell(value, pattern: str) -> str:
    return "–" if value is None else pattern.format(value)


def _consultation(reference: str) -> Consultation:
    found = Consultation.objects.select_related("platform")
    found = (found.filter(pk=int(reference)) if reference.isdigit()
             else found.filter(title=reference))
    consultation = found.first()
    if consultation is None:
        raise CommandError(f"No consultation {reference!r} (give its id or exact title).")
    return consultation


class Command(BaseCommand):
    help = ("Platforms: `loop-metrics <consultation>` prints a consultation's loop metrics; "
            "`rebuild-loop-facts [consultation]` rewrites the facts they read.")

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="subcommand", required=True)
        metrics = commands.add_parser("loop-metrics", help="A consultation's loop metrics")
        metrics.add_argument("consultation", help="The consultation's id or exact title")
        metrics.add_argument("--json", action="store_true", help="Print JSON")
        rebuild = commands.add_parser("rebuild-loop-facts",
                                      help="Rewrite the loop facts from the records")
        rebuild.add_argument("consultation", nargs="?",
                             help="The consultation's id or exact title (default: all)")

    def handle(self, *args, **options):
        if options["subcommand"] == "rebuild-loop-facts":
            reference = options["consultation"]
            written = facts.rebuild(_consultation(reference) if reference else None)
            self.stdout.write(f"{written} loop facts written.")
            return
        consultation = _consultation(options["consultation"])
        data = as_data(loop_metrics(consultation), None)
        if options["json"]:
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
            return
        self.stdout.write(f"{consultation.title} — answer deadline "
                          f"{data['answer_deadline']} ({data['time_zone']})")
        self.stdout.write(f"Answers delivered to every origin: "
                          f"{data['answers_delivered_to_every_origin']} / {data['answers']}; "
                          f"equity index (sector, level): {data['equity_index']['sector']}, "
                          f"{data['equity_index']['level']}")
        self._table("Total", [data["total"] | {"label": "all"}])
        for name, rows in data["by"].items():
            self._table(f"By {name}", rows)

    def _table(self, title: str, rows: list[dict]) -> None:
        width = max([len(r["label"]) for r in rows] + [len(title)])
        self.stdout.write("")
        self.stdout.write(title.ljust(width) + "".join(f"{h:>11}" for _k, h, _p in COLUMNS))
        for row in rows:
            self.stdout.write(row["label"][:60].ljust(width) + "".join(
                f"{_cell(row[key], pattern):>11}" for key, _h, pattern in COLUMNS))
