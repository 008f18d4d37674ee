"""Keeping organisation profiles indexed: tokenised once on save, never on each request."""

from django.db.models import Max

from partnering.background import run_in_background
from partnering.discovery import embeddings
from partnering.discovery.bm25 import BM25Index, term_counts
from partnering.discovery.models import OrganisationProfile
from partnering.partnerships.models import Membership
from partnering.registry.models import Organisation

# Organisations created without signals (bulk imports) are indexed lazily, a batch at a time.
MISSING_BATCH = 500
# A profile reads an organisation's latest partnerships only: a development bank is in tens of
# thousands, whose text would cost hundreds of MB to build and drown its own mission.
PROFILE_PARTNERSHIPS = 200


def profile_text(organisation: Organisation) -> str:
    """What an organisation is and has done: its profile and its partnerships' problems."""
    past = Membership.objects.filter(organisation=organisation).order_by(
        "-partnership_id").values_list(
        "partnership__title", "partnership__problem_statement", "partnership__scope",
    )[:PROFILE_PARTNERSHIPS]
    parts = [organisation.name, organisation.acronym, organisation.mission,
             organisation.interests_note, " ".join(organisation.competencies or []),
             " ".join(organisation.resources or [])]
    for title, problem, scope in past:
        parts += [title, problem, scope]
    return "\n".join(p for p in parts if p)


def index_organisation(organisation: Organisation, *, embed: bool = True
                       ) -> OrganisationProfile:
    text = profile_text(organisation)
    counts = term_counts(text)
    defaults = {"terms": counts, "length": sum(counts.values())}
    if embed and embeddings.available():
        defaults["embedding"] = embeddings.embed([text])[0]
    profile, _ = OrganisationProfile.objects.update_or_create(
        organisation=organisation, defaults=defaults)
    return profile


def index_organisations(ids, *, embed: bool = True) -> None:
    for organisation in Organisation.objects.filter(pk__in=list(ids)):
        index_organisation(organisation, embed=embed)


def index_missing(batch: int = MISSING_BATCH) -> int:
    """Organisations never indexed (bulk imports), a batch at a time, for the lexical method
    only: this runs on a request. Their embeddings, and those of profiles indexed before the
    [embeddings] extra was installed, are computed in the background."""
    missing = list(Organisation.objects.filter(discovery_profile__isnull=True)
                   .values_list("pk", flat=True)[:batch])
    index_organisations(missing, embed=False)
    if missing and embeddings.available():
        run_in_background("embed-profiles", embed_missing)
    return len(missing)


def embed_missing() -> int:
    """Embed every indexed profile that has no vector yet."""
    ids = list(OrganisationProfile.objects.filter(embedding__isnull=True)
               .values_list("organisation_id", flat=True))
    index_organisations(ids)
    return len(ids)


_CACHE: dict = {"key": None, "index": None}


def current_index() -> BM25Index:
    """The BM25 index over stored profiles, rebuilt only when a profile changed."""
    index_missing()
    state = OrganisationProfile.objects.aggregate(n=Max("id"), changed=Max("updated"))
    key = (OrganisationProfile.objects.count(), state["n"], state["changed"])
    if _CACHE["key"] != key:
        _CACHE["index"] = BM25Index(OrganisationProfile.objects.values_list(
            "organisation_id", "terms").iterator(chunk_size=2000))
        _CACHE["vectors"] = dict(OrganisationProfile.objects.filter(
            embedding__isnull=False).values_list("organisation_id", "embedding")) \
            if embeddings.available() else {}
        _CACHE["key"] = key
    return _CACHE["index"]


def current_vectors() -> dict[int, list[float]]:
    """Stored profile vectors, cached with the BM25 index (call current_index() first)."""
    return _CACHE.get("vectors") or {}
