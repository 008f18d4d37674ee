from django.core.management.base import BaseCommand, CommandError

from partnering.interop.iati.importer import IatiImporter
from partnering.interop.iati.report import summary_lines
from partnering.interop.iati.xml import IatiFileError


class Command(BaseCommand):
    help = ("Import IATI 2.03 activity files: each activity becomes or updates a partnership "
            "(also: partnering import-iati FILE...). Exit status 2 when a file is not "
            "well-formed IATI activity XML; then nothing is written.")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--strict", action="store_true",
                            help="Refuse a file in which any activity breaks the IATI 2.03 "
                                 "schema (default: skip those activities, import the rest).")
        parser.add_argument("--public", action="store_true",
                            help="Make the partnerships it creates public (default: private).")

    def handle(self, *args, files, strict, public, **options):
        importer = IatiImporter(None, strict=strict, public=public)
        try:
            report = importer.run(files)
        except IatiFileError as error:
            raise CommandError(str(error), returncode=2) from None
        for line in summary_lines(report.as_dict(limit=None)):
            self.stdout.write(line)
