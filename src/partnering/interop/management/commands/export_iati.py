from django.core.management.base import BaseCommand, CommandError

from partnering.interop.iati.export import write_file
from partnering.partnerships.models import Partnership
from partnering.partnerships.vocabulary import Visibility


class Command(BaseCommand):
    help = ("Write partnerships as IATI 2.03 activities (also: partnering export-iati --out "
            "FILE). Every partnership, or those named with --partnership; --public-only "
            "leaves private ones out.")

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, metavar="FILE",
                            help="The XML file to write ('-' for standard output).")
        parser.add_argument("--partnership", type=int, action="append", default=[],
                            metavar="ID", help="A partnership id; repeat for several.")
        parser.add_argument("--public-only", action="store_true",
                            help="Only public partnerships.")

    def handle(self, *args, out, partnership, public_only, **options):
        partnerships = Partnership.objects.order_by("pk")
        if partnership:
            partnerships = partnerships.filter(pk__in=partnership)
            missing = sorted(set(partnership) - set(partnerships.values_list("pk", flat=True)))
            if missing:
                raise CommandError(f"no partnership with id {', '.join(map(str, missing))}",
                                   returncode=2)
        if public_only:
            partnerships = partnerships.filter(visibility=Visibility.PUBLIC)
        try:
            if out == "-":
                count = write_file(partnerships.iterator(chunk_size=200), self.stdout.buffer
                                   if hasattr(self.stdout, "buffer") else self.stdout._out.buffer)
            else:
                with open(out, "wb") as handle:
                    count = write_file(partnerships.iterator(chunk_size=200), handle)
        except OSError as error:
            raise CommandError(f"cannot write {out}: {error.strerror or error}",
                               returncode=2) from None
        if out != "-":
            self.stdout.write(f"Wrote {count} activit{'y' if count == 1 else 'ies'} to {out}.")
