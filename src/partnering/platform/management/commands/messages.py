"""`partnering messages`: keep the interface's translation catalogues up to date.

    partnering messages                 # update every area's catalogues, list what is missing
    partnering messages governance      # one area
    partnering messages --missing fr    # print the untranslated messages of one language
    partnering messages --compile       # compile every .po into its .mo
"""

from django.core.management.base import BaseCommand, CommandError

from partnering.i18n import catalogues


class Command(BaseCommand):
    help = "Update the translation catalogues from the code, or compile them."

    def add_arguments(self, parser):
        parser.add_argument("areas", nargs="*", help="areas (apps) to update; all by default")
        parser.add_argument("--compile", action="store_true", help="compile .po into .mo")
        parser.add_argument("--missing", metavar="LANG",
                            help="print the messages LANG has no translation of")

    def handle(self, *args, **options):
        if options["compile"]:
            written = catalogues.compile_all(force=True)
            self.stdout.write(f"Compiled {len(written)} catalogues.")
            return
        try:
            chosen = [catalogues.area(name) for name in options["areas"]] or catalogues.areas()
        except ValueError as error:
            raise CommandError(str(error)) from error
        language = options["missing"]
        if language and language not in catalogues.TRANSLATED:
            raise CommandError(f"{language!r} is not a shipped language: "
                               f"{', '.join(catalogues.TRANSLATED)}")
        for where in chosen:
            if language:
                self._print_missing(where, language)
                continue
            untranslated = catalogues.update(where)
            counts = ", ".join(f"{lang} {count}" for lang, count in untranslated.items())
            self.stdout.write(f"{where.name}: untranslated {counts}")

    def _print_missing(self, where, language):
        template = catalogues.extract(where)
        catalog = catalogues.read(where.po_path(language), language)
        for message in catalogues.missing_in(template, catalog):
            self.stdout.write(f"{where.name}: {message.id!r}")
