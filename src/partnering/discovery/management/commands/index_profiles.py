from django.core.management.base import BaseCommand

from partnering.discovery import embeddings, profiles
from partnering.discovery.models import OrganisationProfile
from partnering.registry.models import Organisation


class Command(BaseCommand):
    help = ("Index organisation profiles for partner discovery: every organisation never "
            "indexed, and with the [embeddings] extra, every profile without a vector "
            "(also: partnering index-profiles). --all re-indexes everything.")

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="re-index every organisation")

    def handle(self, *args, all=False, **options):
        if all:
            ids = list(Organisation.objects.values_list("pk", flat=True))
            profiles.index_organisations(ids)
            self.stdout.write(f"Indexed {len(ids)} organisations.")
            return
        missing = list(Organisation.objects.filter(discovery_profile__isnull=True)
                       .values_list("pk", flat=True))
        profiles.index_organisations(missing)
        embedded = profiles.embed_missing() if embeddings.available() else 0
        indexed = len(missing) + embedded
        vectors = OrganisationProfile.objects.filter(embedding__isnull=False).count()
        self.stdout.write(f"Indexed {indexed} profiles; {vectors} have embeddings "
                          f"({'available' if embeddings.available() else 'extra not installed'}).")
