"""What other apps read of the agreement: the decision rule agreed (governance), each
party's weight and the value each party committed (the power balance, finance)."""

from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.utils import timezone

from partnering.agreements.models import AgreementVersion
from partnering.agreements.services.common import latest_agreed, party_ids
from partnering.agreements.vocabulary import VersionStatus
from partnering.jinja2 import local_date
from partnering.partnerships.models import Partnership


class AgreedRule(NamedTuple):
    rule: str
    quorum_percent: int
    majority_percent: int
    weights: dict  # organisation id -> Decimal
    source: str
    notice_days: int = 7


SHARE = Decimal("0.0001")


def weights_of(version: AgreementVersion) -> dict:
    """Each party's weight for the weighted rule: its vote weight where set, otherwise its
    share of the estimated value committed; equal weights (1) when neither is given."""
    terms = list(version.member_terms.all())
    values = _values_by_member(version)
    total = sum(values.values(), Decimal(0))
    weights = {}
    for t in terms:
        if t.vote_weight is not None:
            weights[t.organisation_id] = Decimal(t.vote_weight)
        elif total > 0:
            weights[t.organisation_id] = (values.get(t.organisation_id, Decimal(0))
                                          / total).quantize(SHARE, ROUND_HALF_UP)
        else:
            weights[t.organisation_id] = Decimal(1)
    return weights


def _values_by_member(version: AgreementVersion) -> dict:
    values = {}
    for org_id, value in version.commitments.values_list("organisation_id", "estimated_value"):
        values[org_id] = values.get(org_id, Decimal(0)) + (value or Decimal(0))
    return values


def agreed_rule(partnership: Partnership) -> AgreedRule | None:
    """The decision rule of the latest agreed version, or None when nothing is agreed."""
    version = latest_agreed(partnership)
    if version is None:
        return None
    source = f"Partnering agreement, version {version.number}" + (
        f", agreed {local_date(version.agreed_at)}" if version.agreed_at else "")
    return AgreedRule(version.decision_rule, version.quorum_percent, version.majority_percent,
                      weights_of(version), source, version.notice_days)


def _end_of(moment) -> datetime:
    if isinstance(moment, datetime):
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
    if isinstance(moment, date):
        return timezone.make_aware(datetime.combine(moment, time.max))
    raise TypeError("until must be a date or a datetime")


def version_in_force(partnership: Partnership, until=None) -> AgreementVersion | None:
    """The agreed version in force at `until` (now when not given): the one agreed last on
    or before it, whether or not a later one has superseded it since."""
    versions = partnership.agreement_versions.filter(
        status__in=(VersionStatus.AGREED, VersionStatus.SUPERSEDED), agreed_at__isnull=False)
    if until is not None:
        versions = versions.filter(agreed_at__lte=_end_of(until))
    return versions.order_by("-agreed_at", "-number").first()


def committed_value_by_member(partnership: Partnership, since=None, until=None) -> dict:
    """Estimated value committed by each party, in the agreement's valuation currency, from
    the agreed version in force at the end of the period (`until`, default now). A version
    in force at the end was in force during the period, so `since` never changes which
    version counts; parties without commitments count 0. {} when nothing was agreed."""
    version = version_in_force(partnership, until)
    if version is None:
        return {}
    values = _values_by_member(version)
    return {org_id: values.get(org_id, Decimal(0)) for org_id in party_ids(version)}
