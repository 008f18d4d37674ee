"""Background jobs of partner discovery: indexing (and embedding) organisation profiles.
Indexing is safe to repeat: a profile is rewritten from what is in the registry then."""

import logging

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from partnering.discovery import embeddings, onnxmodel, profiles
from partnering.discovery.models import OrganisationProfile
from partnering.jobs.queue import background_task

log = logging.getLogger(__name__)


@background_task(label=_("Index organisation profiles"), attempts=3, backoff=10)
def index_profiles(ids: list[int]) -> int:
    export_query_model()
    profiles.index_organisations(ids, embed=True)
    profiles.refresh_vector_file()
    profiles.refresh_bm25_file()
    return len(ids)


@background_task(label=_("Embed profiles without a vector"), attempts=3, backoff=60)
def embed_missing_profiles() -> int:
    """Profiles that have no sentence vector (after an upgrade, or organisations imported
    while the extra was off), at most WARM_EMBED_LIMIT an hour; nothing without the model."""
    export_query_model()
    limit = profiles.WARM_EMBED_LIMIT
    missing = list(OrganisationProfile.objects.filter(vector__isnull=True)
                   .values_list("organisation_id", flat=True)[:limit + 1])
    if not missing or not embeddings.available():
        profiles.refresh_vector_file(force=True)
        profiles.refresh_bm25_file(force=True)
        return 0
    if len(missing) > limit:
        log.warning("More than %s organisation profiles have no sentence vector; this job "
                    "embeds %s an hour. Run `partnering index-profiles` to embed them all "
                    "now.", limit, limit)
    profiles.index_organisations(missing[:limit], embed=True)
    profiles.refresh_vector_file(force=True)
    profiles.refresh_bm25_file(force=True)
    return len(missing[:limit])


def export_query_model() -> bool:
    """The machine's ONNX export of the embedding model, for web workers to embed queries
    without torch (onnxmodel.py): written once, by the job worker (here) or `partnering
    export-query-model`; True when it is there. A failed export leaves torch serving."""
    if not settings.DISCOVERY_EMBEDDINGS:
        return False
    try:
        return onnxmodel.ensure(embeddings.model)
    except Exception:
        log.exception("the query model could not be exported; torch embeds queries")
        return False
