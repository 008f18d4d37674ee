"""What a proposal or a position must satisfy before it is saved: its options, the rule it
copies from the rule in force, a quorum that can be reached, a closing time with the agreed
notice, who may take a position and what that position may say. Each raises
ValidationError (or PermissionDenied through `require`) with the reason."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnering.formats import local_datetime
from partnering.governance.decisions import in_force, rules
from partnering.governance.decisions.members import (
    able_to_decide,
    mandated_organisations,
    own_organisations,
    voters_of,
    voting_memberships,
)
from partnering.governance.models import Proposal
from partnering.governance.vocabulary import (
    DecisionRule,
    ProposalKind,
    ProposalStatus,
    Stance,
)
from partnering.guards import require
from partnering.partnerships.models import Membership, Partnership, Representative
from partnering.partnerships.vocabulary import MemberRole

MAX_OPTIONS = 20
MAX_OPEN_DAYS = 366
RULE_LABELS = dict(DecisionRule.choices)
MOTION_STANCES = (Stance.AGREE, Stance.ABSTAIN, Stance.DISAGREE)
NOT_A_MEMBER = gettext_lazy("%(organisation)s is not a member of this partnership.")


def rule_name(rule: str) -> str:
    """The short name of a decision rule ("Consensus" of "Consensus: ...")."""
    return RULE_LABELS[rule].split(":")[0]


# --- Proposals ----------------------------------------------------------------------------

def _distinct(options) -> list[str]:
    cleaned = []
    for option in options or []:
        text = str(option).strip()
        if text and text not in cleaned:
            cleaned.append(text)
    return cleaned


def clean_options(kind: str, options) -> list[str]:
    cleaned = _distinct(options)
    if kind == ProposalKind.MOTION:
        if cleaned:
            raise ValidationError({"options": _("A motion has no options: members agree, abstain "
                                     "or disagree. Choose “a choice among options” instead.")})
        return []
    if len(cleaned) < 2:
        raise ValidationError({"options": _("Offer at least two different options.")})
    if len(cleaned) > MAX_OPTIONS:
        raise ValidationError({"options": _("Offer at most %(n)s options.") % {
            "n": MAX_OPTIONS}})
    if any(len(option) > 200 for option in cleaned):
        raise ValidationError({"options": _("Keep each option under 200 characters.")})
    return cleaned


def _weights(raw) -> dict[str, str]:
    weights = {}
    for org, weight in (raw or {}).items():
        try:
            value = Decimal(str(weight))
        except InvalidOperation:
            continue
        if value.is_finite() and value >= 0:
            weights[str(int(org))] = str(value)
    return weights


def resolve_rule(current: in_force.RuleInForce) -> dict:
    """The rule the proposal is decided by, copied from the rule in force so that a later
    amendment does not change how an open proposal is decided."""
    weights = {}
    if current.rule == DecisionRule.WEIGHTED:
        weights = _weights(current.weights)
        if not any(Decimal(w) > 0 for w in weights.values()):
            raise ValidationError({"rule": _(
                "The agreed weighted rule gives no member a stake: agree the stakes in a new "
                "version of the partnering agreement first.")})
    return {"rule": current.rule, "quorum_percent": current.quorum_percent,
            "majority_percent": current.majority_percent or 67, "weights": weights,
            "rule_source": current.source[:200]}


def require_quorum_reachable(partnership: Partnership, settings: dict) -> None:
    voting = list(voting_memberships(partnership).values_list("organisation_id", flat=True))
    probe = Proposal(rule=settings["rule"], weights=settings["weights"])
    voters = voters_of(probe, voting)
    able = able_to_decide(partnership) & set(voting)
    if rules.can_reach_quorum(voters, able, settings["quorum_percent"]):
        return
    raise ValidationError({"quorum_percent": _(
        "This proposal could never be decided: under %(rule)s with a quorum of %(quorum)s%%, "
        "only %(able)s of %(voting)s voting members have a representative with a mandate to "
        "decide, which is not enough to reach quorum. Ask the members to give their "
        "representatives a mandate to decide (Members and brokers), or agree a lower quorum "
        "in a new version of the partnering agreement.") % {
            "rule": rule_name(settings["rule"]), "quorum": settings["quorum_percent"],
            "able": len(able), "voting": len(voting)}})


def check_proposal_terms(actor, partnership: Partnership, access, *, kind: str, meeting,
                         organisation) -> None:
    """A known kind, a member proposing for an organisation the actor speaks for (brokers
    and admins for any), and a meeting of this partnership."""
    if kind not in ProposalKind.values:
        raise ValidationError({"kind": _("Choose a motion or a choice among options.")})
    _check_proposer(actor, partnership, access, organisation)
    if meeting is not None and meeting.partnership_id != partnership.pk:
        raise ValidationError({"meeting": _("That meeting belongs to another partnership.")})


def _check_proposer(actor, partnership: Partnership, access, organisation) -> None:
    if not partnership.memberships.filter(organisation=organisation).exists():
        raise ValidationError({"proposed_by_organisation": NOT_A_MEMBER % {
            "organisation": organisation}})
    if access.is_admin or access.is_broker:
        return
    if organisation.pk not in own_organisations(actor, partnership):
        raise ValidationError({"proposed_by_organisation": _("You can make a proposal for an "
                                 "organisation you represent here; brokers and platform admins "
                                 "can make one for any member.")})


def _too_soon(closes_at: dt.datetime, notice_days: int, now: dt.datetime) -> None:
    earliest = now + dt.timedelta(days=notice_days)
    if notice_days and closes_at < earliest - in_force.NOTICE_SLACK:
        raise ValidationError({"closes_at": _(
            "The decision rule gives members at least %(days)s days' notice to consult their "
            "organisations: close on or after %(earliest)s (UTC).") % {
                "days": notice_days,
                "earliest": local_datetime(earliest)}})


def closing_time(closes_at, notice_days: int) -> dt.datetime:
    now = timezone.now()
    if closes_at is None:
        raise ValidationError({"closes_at": _("Say when the proposal closes.")})
    if timezone.is_naive(closes_at):
        closes_at = timezone.make_aware(closes_at)
    if closes_at <= now:
        raise ValidationError({"closes_at": _("The closing time must be in the future.")})
    _too_soon(closes_at, notice_days, now)
    if closes_at > now + dt.timedelta(days=MAX_OPEN_DAYS):
        raise ValidationError({"closes_at": _("A proposal closes within a year.")})
    return closes_at


def require_still_open(proposal: Proposal) -> None:
    """For closing or withdrawing: the proposal has not been decided or withdrawn."""
    if proposal.status != ProposalStatus.OPEN:
        raise ValidationError(_("This proposal is already %(status)s.") % {
            "status": proposal.get_status_display().lower()})


# --- Positions ----------------------------------------------------------------------------

def require_open(proposal: Proposal) -> None:
    """For positions: the proposal is open and its closing time has not passed."""
    if proposal.status != ProposalStatus.OPEN:
        raise ValidationError(_("This proposal is %(status)s; positions can no longer be "
                                "taken or changed.") % {
            "status": proposal.get_status_display().lower()})
    if proposal.closes_at <= timezone.now():
        raise ValidationError(_("This proposal closed for positions on %(when)s.") % {
            "when": local_datetime(proposal.closes_at)})


def mandated_representative(actor, proposal: Proposal, organisation) -> Representative:
    """The actor's representation of `organisation`, which must carry a mandate to decide.
    Admins and brokers cannot take positions for members; nobody for another organisation."""
    require(actor.is_authenticated)
    membership = Membership.objects.filter(partnership_id=proposal.partnership_id,
                                           organisation=organisation).first()
    if membership is None:
        raise ValidationError({"organisation": NOT_A_MEMBER % {"organisation": organisation}})
    rep = Representative.objects.filter(membership=membership, person__user=actor,
                                        has_mandate=True).select_related("person").first()
    require(rep is not None)
    if membership.role == MemberRole.OBSERVER:
        raise ValidationError({"organisation": _("Observers follow decisions but do not take "
                                 "positions.")})
    return rep


def default_organisation(actor, proposal: Proposal):
    orgs = mandated_organisations(actor, proposal.partnership)
    require(bool(orgs))
    if len(orgs) > 1:
        raise ValidationError({"organisation": _("You have a mandate for several members here: "
                                 "say for which organisation you take this position.")})
    return Membership.objects.get(partnership_id=proposal.partnership_id,
                                  organisation_id=orgs[0]).organisation


def _block(proposal: Proposal, reason: str) -> dict:
    if proposal.rule != DecisionRule.CONSENT:
        raise ValidationError({"stance": _(
            "A block is a reasoned objection under the consent rule; this proposal is decided "
            "by %(rule)s. Disagree instead, and say why.") % {
                "rule": rule_name(proposal.rule).lower()}})
    if not reason:
        raise ValidationError({"reason": _("A block needs a reasoned objection: say what "
                                 "harm the proposal would do.")})
    return {"stance": Stance.BLOCK.value, "option": "", "reason": reason}


def _choice(proposal: Proposal, stance: str, option: str, reason: str) -> dict:
    if not option:
        if stance != Stance.ABSTAIN:
            raise ValidationError({"option": _("Choose one of the options, or abstain.")})
        return {"stance": stance, "option": "", "reason": reason}
    if stance:
        raise ValidationError({"stance": _("Choose an option or abstain, not both.")})
    if option not in proposal.options:
        raise ValidationError({"option": _("“%(option)s” is not one of the options offered.")
                               % {"option": option[:200]}})
    return {"stance": "", "option": option, "reason": reason}


def _motion(stance: str, option: str, reason: str) -> dict:
    if option:
        raise ValidationError({"option": _("This is a motion: agree, abstain or disagree.")})
    if stance not in MOTION_STANCES:
        raise ValidationError({"stance": _("Agree, abstain or disagree.")})
    return {"stance": stance, "option": "", "reason": reason}


def position_data(proposal: Proposal, stance: str, option: str, reason: str) -> dict:
    """What a position says, checked against the proposal's kind and rule."""
    stance, option, reason = ((value or "").strip() for value in (stance, option, reason))
    if stance == Stance.BLOCK:
        return _block(proposal, reason)
    if proposal.kind == ProposalKind.OPTIONS:
        return _choice(proposal, stance, option, reason)
    return _motion(stance, option, reason)
