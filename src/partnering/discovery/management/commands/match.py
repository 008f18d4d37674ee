import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from partnering.discovery import ranking
from partnering.partnerships.models import Partnership


class Command(BaseCommand):
    help = "Recommend organisations for a partnership, best first, with the reasons."

    def add_arguments(self, parser):
        parser.add_argument("partnership_id", type=int)
        parser.add_argument("--limit", type=int, default=10,
                            help=f"How many (1 to {ranking.MAX_LIMIT}, default 10).")
        parser.add_argument("--weights", default="",
                            help="name:number pairs, e.g. text:2,gaps:1,network:0")
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args, partnership_id, limit, weights, json: bool, **options):
        partnership = Partnership.objects.filter(pk=partnership_id).first()
        if partnership is None:
            raise CommandError(f"no partnership with id {partnership_id}", returncode=2)
        if not 1 <= limit <= ranking.MAX_LIMIT:
            raise CommandError(f"--limit must be from 1 to {ranking.MAX_LIMIT}", returncode=2)
        try:
            result = ranking.for_partnership(partnership, limit=limit,
                                             weights=ranking.parse_weights(weights))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages), returncode=2) from None
        if json:
            self.stdout.write(_dumps(result))
            return
        self.stdout.write(f"Partners for {partnership.title} (method: {result['method']})")
        for rank, c in enumerate(result["candidates"], start=1):
            self.stdout.write(f"{rank:>3}. {c['score']:.3f}  {c['name']} "
                              f"[{c['sector_label']}{', ' + c['country'] if c['country'] else ''}]")
            for reason in c["reasons"]:
                self.stdout.write(f"       - {reason}")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
