"""Reading agreements: a fixed number of queries per page or endpoint, whatever the size."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Sum
from django.shortcuts import get_object_or_404

from partnering.agreements.models import (
    AgreementVersion,
    Deliverable,
    MemberTerms,
    ResourceCommitment,
    Signature,
)
from partnering.agreements.vocabulary import DeliverableStatus, VersionStatus
from partnering.monitoring.models import Indicator
from partnering.partnerships.models import Representative
from partnering.prepared import Prepared
from partnering.rows import FirstPageRows, Rows

VERSION_ROW_FIELDS = ["id", "number", "status", "title", "language", "decision_rule",
                      "quorum_percent", "majority_percent", "notice_days", "valuation_currency",
                      "change_note", "created", "proposed_at", "agreed_at", "based_on_number",
                      "created_by_name", "party_count", "signature_count"]


_VERSION_COLUMNS = [*VERSION_ROW_FIELDS[:-3], "created_by_first", "created_by_last",
                    "created_by_username", "party_count", "signature_count"]


def _versions(partnership_id: int):
    return (AgreementVersion.objects.filter(partnership_id=partnership_id).order_by("-number")
            .annotate(based_on_number=F("based_on__number"),
                      created_by_first=F("created_by__first_name"),
                      created_by_last=F("created_by__last_name"),
                      created_by_username=F("created_by__username"),
                      party_count=Count("member_terms", distinct=True),
                      signature_count=Count("signatures", distinct=True)))


# The first page of the agreement page and of the API's list: SQL written once per size.
_FIRST_VERSIONS = Prepared(lambda limit, pid: _versions(pid).values(*_VERSION_COLUMNS)[:limit],
                           int)


def version_rows(partnership) -> Rows:
    """The versions of a partnership's agreement, newest first, as plain rows; the first page
    from prepared SQL and the count remembered until the data changes."""
    pid = partnership.pk
    return FirstPageRows(lambda: _versions(pid), _VERSION_COLUMNS, (_creator_names,),
                         first_page=lambda limit: _FIRST_VERSIONS(limit, pid),
                         count_key=("agreement versions", pid))


def _creator_names(rows: list[dict]) -> None:
    for row in rows:
        first, last = row.pop("created_by_first"), row.pop("created_by_last")
        username = row.pop("created_by_username")
        row["created_by_name"] = " ".join(p for p in (first, last) if p) or username or ""


def detailed(queryset):
    """Versions with their terms, commitments and signatures, one query each."""
    return queryset.select_related("partnership", "based_on", "created_by").prefetch_related(
        Prefetch("member_terms", MemberTerms.objects.select_related("organisation")),
        Prefetch("commitments", ResourceCommitment.objects.select_related("organisation")),
        Prefetch("signatures", Signature.objects.select_related("organisation", "person")),
    )


def get_version(partnership, number: int) -> AgreementVersion:
    """One version of this partnership's agreement, found from the partnership."""
    version = get_object_or_404(detailed(partnership.agreement_versions.all()), number=number)
    version.partnership = partnership
    return version


_VERSION = Prepared(lambda _key, pid, number: AgreementVersion.objects.filter(
    partnership_id=pid, number=number).select_related("based_on", "created_by"), int, int)
_VERSION_PARTS = {
    "member_terms": Prepared(lambda _key, vid: MemberTerms.objects.filter(
        version_id=vid).select_related("organisation"), int),
    "commitments": Prepared(lambda _key, vid: ResourceCommitment.objects.filter(
        version_id=vid).select_related("organisation"), int),
    "signatures": Prepared(lambda _key, vid: Signature.objects.filter(
        version_id=vid).select_related("organisation", "person"), int),
}


def current_version(partnership, number: int) -> AgreementVersion:
    """`get_version`, each of its four queries from SQL written once per process (the
    agreement page shows the version in progress on every visit)."""
    from django.http import Http404

    found = _VERSION("version", partnership.pk, number)
    if not found:
        raise Http404
    version = found[0]
    version.partnership = partnership
    for name, prepared in _VERSION_PARTS.items():
        _prefetched(version, name, prepared(name, version.pk))
    return version


def _prefetched(instance, name: str, items: list) -> None:
    """Leave `items` as Django's prefetch_related leaves them: the related manager's
    queryset, already read."""
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    related = getattr(instance, name).get_queryset()
    related._result_cache = items
    related._prefetch_done = True
    instance._prefetched_objects_cache[name] = related


@dataclass
class PartyStatus:
    organisation: object
    terms: MemberTerms
    signature: Signature | None
    mandated: list  # names of the representatives who may sign for it
    committed: Decimal

    @property
    def signed(self) -> bool:
        return self.signature is not None


_MANDATED = Prepared(lambda _key, pid: Representative.objects.filter(
    membership__partnership_id=pid, has_mandate=True).order_by("person__name")
    .values_list("membership__organisation_id", "person__name"), int)


def party_status(version: AgreementVersion) -> list[PartyStatus]:
    """Every party to the version: signed (who, when) or not, and who could sign for it.
    Needs `detailed()` prefetches; one more query for the mandated representatives."""
    mandated = {}
    for org_id, name in _MANDATED("mandated", version.partnership_id):
        mandated.setdefault(org_id, []).append(name)
    signatures = {s.organisation_id: s for s in version.signatures.all()}
    committed = {}
    for c in version.commitments.all():
        committed[c.organisation_id] = committed.get(c.organisation_id, Decimal(0)) + (
            c.estimated_value or Decimal(0))
    return [PartyStatus(t.organisation, t, signatures.get(t.organisation_id),
                        mandated.get(t.organisation_id, []),
                        committed.get(t.organisation_id, Decimal(0)))
            for t in version.member_terms.all()]


def commitments_by_member(version: AgreementVersion) -> list[tuple]:
    """(organisation, [commitments], total estimated value) per party, in party order."""
    by_org = {}
    for c in version.commitments.all():
        by_org.setdefault(c.organisation_id, []).append(c)
    rows = []
    for t in version.member_terms.all():
        items = by_org.get(t.organisation_id, [])
        total = sum((c.estimated_value or Decimal(0) for c in items), Decimal(0))
        rows.append((t.organisation, items, total))
    return rows


def total_committed(version: AgreementVersion) -> Decimal:
    return sum((c.estimated_value or Decimal(0) for c in version.commitments.all()), Decimal(0))


_SUMMARY = Prepared(lambda _key, pid: AgreementVersion.objects.filter(
    partnership_id=pid,
    status__in=(VersionStatus.AGREED, VersionStatus.DRAFT, VersionStatus.PROPOSED))
    .annotate(value=Sum("commitments__estimated_value")), int)


def agreement_summary(partnership) -> dict:
    """The agreed version and the one in progress, for the overview (two queries)."""
    versions = _SUMMARY("summary", partnership.pk)
    agreed = next((v for v in versions if v.status == VersionStatus.AGREED), None)
    current = next((v for v in versions if v.status != VersionStatus.AGREED), None)
    return {"agreed": agreed, "in_progress": current}


def deliverables(partnership):
    """The partnership's deliverables with the responsible member and the indicators linked
    to them (their stored progress and latest value): two queries, whatever the number."""
    return (Deliverable.objects.filter(partnership=partnership)
            .select_related("responsible_organisation").prefetch_related("indicators"))


_DELIVERABLES = Prepared(lambda _key, pid: Deliverable.objects.filter(partnership_id=pid)
                         .select_related("responsible_organisation"), int)
_LINKED = Prepared(lambda _key, pid: Indicator.objects.filter(
    deliverable__partnership_id=pid), int)


def deliverable_list(partnership) -> list[Deliverable]:
    """`deliverables(partnership)` as a list, its two queries from SQL written once."""
    items = _DELIVERABLES("deliverables", partnership.pk)
    linked = {}
    for indicator in _LINKED("indicators", partnership.pk) if items else ():
        linked.setdefault(indicator.deliverable_id, []).append(indicator)
    for item in items:
        _prefetched(item, "indicators", linked.get(item.pk, []))
    return items


def deliverable_summary(items) -> dict:
    """How many deliverables there are, how many are delivered and how many overdue."""
    items = list(items)
    return {"total": len(items),
            "delivered": sum(1 for d in items if d.status == DeliverableStatus.DELIVERED),
            "overdue": sum(1 for d in items if d.days_overdue)}
