"""Who decides in a partnership: the voting members, those able to decide, their weights,
and the organisations a user speaks for."""

from decimal import Decimal

from partnering.governance.models import Proposal
from partnering.governance.vocabulary import DecisionRule
from partnering.partnerships.models import Partnership, Representative
from partnering.partnerships.vocabulary import MemberRole


def voting_memberships(partnership: Partnership):
    """Every member organisation except observers takes a position."""
    return partnership.memberships.exclude(role=MemberRole.OBSERVER)


def able_to_decide(partnership: Partnership) -> set[int]:
    """Member organisations with at least one representative holding a mandate to decide."""
    return set(Representative.objects.filter(
        membership__partnership=partnership, has_mandate=True,
    ).values_list("membership__organisation_id", flat=True))


def voters_of(proposal: Proposal, organisation_ids) -> dict[int, Decimal]:
    """Each voting member's weight: its stake under the weighted rule, 1 otherwise. Under the
    weighted rule a member without an agreed stake weighs nothing."""
    if proposal.rule != DecisionRule.WEIGHTED:
        return {org: Decimal(1) for org in organisation_ids}
    weights = proposal.weights or {}
    return {org: Decimal(str(weights.get(str(org), "0"))) for org in organisation_ids}


def own_organisations(user, partnership: Partnership) -> set[int]:
    """Member organisations the user speaks for here: those they represent, and their own
    organisation if they administer it (its partnerships office)."""
    if not user.is_authenticated:
        return set()
    member_ids = set(partnership.memberships.values_list("organisation_id", flat=True))
    own = set(Representative.objects.filter(
        membership__partnership=partnership, person__user=user,
    ).values_list("membership__organisation_id", flat=True))
    person = getattr(user, "person", None)
    if person and person.is_organisation_admin and person.organisation_id in member_ids:
        own.add(person.organisation_id)
    return own


def mandated_organisations(user, partnership: Partnership) -> list[int]:
    """Voting member organisations this user may take a position for (a mandate to decide)."""
    if not user.is_authenticated:
        return []
    return list(Representative.objects.filter(
        membership__partnership=partnership, person__user=user, has_mandate=True,
    ).exclude(membership__role=MemberRole.OBSERVER).order_by(
        "membership__organisation__name").values_list("membership__organisation_id", flat=True))
