"""`partnering platforms loop-metrics <consultation>`: the feedback-loop closure of a
consultation (its id or its exact title) as a table, in the terminal; `--json` prints the
same data as the API answers."""

import json

from django.core.management.base import CommandError

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


def rebuild_loop_facts(stdout, reference: str | None) -> None:
    written = facts.rebuild(_consultation(reference) if reference else None)
    stdout.write(f"{written} loop facts written.")


def print_loop_metrics(stdout, reference: str, as_json: bool) -> None:
    consultation = _consultation(reference)
    data = as_data(loop_metrics(consultation), None)
    if as_json:
        stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
        return
    stdout.write(f"{consultation.title} — answer deadline "
                 f"{data['answer_deadline']} ({data['time_zone']})")
    stdout.write(f"Answers delivered to every origin: "
                 f"{data['answers_delivered_to_every_origin']} / {data['answers']}; "
                 f"equity index (sector, level): {data['equity_index']['sector']}, "
                 f"{data['equity_index']['level']}")
    _table(stdout, "Total", [data["total"] | {"label": "all"}])
    for name, rows in data["by"].items():
        _table(stdout, f"By {name}", rows)


def _table(stdout, title: str, rows: list[dict]) -> None:
    width = max([len(r["label"]) for r in rows] + [len(title)])
    stdout.write("")
    stdout.write(title.ljust(width) + "".join(f"{h:>11}" for _k, h, _p in COLUMNS))
    for row in rows:
        stdout.write(row["label"][:60].ljust(width) + "".join(
            f"{_cell(row[key], pattern):>11}" for key, _h, pattern in COLUMNS))
