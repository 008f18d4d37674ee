import time

from django.core.management.base import BaseCommand

from partnering.discovery import embeddings, profiles, tasks
from partnering.discovery.models import OrganisationProfile
from partnering.registry.models import Organisation


class Command(BaseCommand):
    help = ("Index organisation profiles for partner discovery, now: every organisation never "
            "indexed, and with the [embeddings] extra, every profile without a vector "
            "(also: partnering index-profiles). --all re-indexes everything.")

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="re-index every organisation")

    def handle(self, *args, all=False, **options):
        started = time.perf_counter()
        embed = embeddings.available()
        if all:
            ids = list(Organisation.objects.values_list("pk", flat=True))
        else:
            ids = list(Organisation.objects.filter(discovery_profile__isnull=True)
                       .values_list("pk", flat=True))
            if embed:
                ids += list(OrganisationProfile.objects.filter(vector__isnull=True)
                            .values_list("organisation_id", flat=True))
        for start in range(0, len(ids), profiles.BATCH):
            profiles.index_organisations(ids[start:start + profiles.BATCH], embed=embed)
            if len(ids) > profiles.BATCH:
                self.stdout.write(f"  {min(start + profiles.BATCH, len(ids))} of {len(ids)}")
        profiles.refresh_vector_file(force=True)
        profiles.refresh_bm25_file(force=True)
        if embed:
            tasks.export_query_model()
        vectors = OrganisationProfile.objects.filter(vector__isnull=False).count()
        state = "in use" if embed else "not in use: no [embeddings] extra, or turned off"
        self.stdout.write(f"Indexed {len(set(ids))} profiles in "
                          f"{time.perf_counter() - started:.1f} s; {vectors} have embeddings "
                          f"({state}).")
