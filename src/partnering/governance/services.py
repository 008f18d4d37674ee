"""Decisions and shared accountability: one function per thing a user does, each in a
transaction with its audit record. Views, the API, the demo and tests call these.

Proposals, positions, comments and decisions live here; who carries which action too. The
rules themselves are plain functions in rules.py."""

import calendar
import copy
import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.audit.services import record, save_audited
from partnering.governance import in_force, rules
from partnering.governance.models import Action, Comment, Decision, Position, Proposal
from partnering.governance.vocabulary import (
    ActionStatus,
    DecisionRule,
    Outcome,
    ProposalKind,
    ProposalStatus,
    Stance,
)
from partnering.partnerships.access import access_for
from partnering.partnerships.models import Membership, Partnership, Representative
from partnering.partnerships.vocabulary import MemberRole

PROPOSAL_FIELDS = ["title", "text", "kind", "options", "proposed_by_organisation",
                   "proposed_by_person", "closes_at", "rule", "quorum_percent",
                   "majority_percent", "weights", "rule_source", "status", "meeting"]
POSITION_FIELDS = ["stance", "option", "reason", "person"]
DECISION_FIELDS = ["outcome", "chosen_option", "reasoning", "review_date"]
ACTION_FIELDS = ["title", "description", "owner_organisation", "owner_person", "due_date",
                 "status", "decision", "meeting"]
FINISHED = (ActionStatus.DONE, ActionStatus.DROPPED)
MAX_OPTIONS = 20
MAX_OPEN_DAYS = 366
REVIEW_MONTHS = 6
RULE_LABELS = dict(DecisionRule.choices)


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def _require_active(partnership: Partnership) -> None:
    if not partnership.is_active:
        raise ValidationError("This partnership is closed; nothing more can change in it.")


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def default_review_date(today: dt.date | None = None) -> dt.date:
    return add_months(today or timezone.localdate(), REVIEW_MONTHS)


# --- Who decides --------------------------------------------------------------------------

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


def rule_in_force(partnership: Partnership) -> in_force.RuleInForce:
    """The rule, quorum, majority, weights and minimum notice every proposal here follows: the
    agreed partnering agreement's, or the platform's default while nothing is agreed."""
    return in_force.rule_in_force(partnership)


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


# --- Proposals ----------------------------------------------------------------------------

def _clean_options(kind: str, options) -> list[str]:
    cleaned = []
    for option in options or []:
        text = str(option).strip()
        if text and text not in cleaned:
            cleaned.append(text)
    if kind == ProposalKind.MOTION:
        if cleaned:
            raise ValidationError({"options": "A motion has no options: members agree, abstain "
                                   "or disagree. Choose “a choice among options” instead."})
        return []
    if len(cleaned) < 2:
        raise ValidationError({"options": "Offer at least two different options."})
    if len(cleaned) > MAX_OPTIONS:
        raise ValidationError({"options": f"Offer at most {MAX_OPTIONS} options."})
    if any(len(option) > 200 for option in cleaned):
        raise ValidationError({"options": "Keep each option under 200 characters."})
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


def _resolve_rule(partnership: Partnership, current: in_force.RuleInForce) -> dict:
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


def _require_quorum_reachable(partnership: Partnership, settings: dict) -> None:
    voting = list(voting_memberships(partnership).values_list("organisation_id", flat=True))
    probe = Proposal(rule=settings["rule"], weights=settings["weights"])
    voters = voters_of(probe, voting)
    able = able_to_decide(partnership) & set(voting)
    if rules.can_reach_quorum(voters, able, settings["quorum_percent"]):
        return
    rule = RULE_LABELS[settings["rule"]].split(":")[0]
    raise ValidationError({"quorum_percent": (
        f"This proposal could never be decided: under {rule} with a quorum of "
        f"{settings['quorum_percent']}%, only {len(able)} of {len(voting)} voting members have "
        "a representative with a mandate to decide, which is not enough to reach quorum. Ask "
        "the members to give their representatives a mandate to decide (Members and brokers), "
        "or agree a lower quorum in a new version of the partnering agreement.")})


def _proposer_organisation(actor, partnership: Partnership, access, organisation):
    if not partnership.memberships.filter(organisation=organisation).exists():
        raise ValidationError({"proposed_by_organisation": f"{organisation} is not a member "
                               "of this partnership."})
    if access.is_admin or access.is_broker:
        return
    if organisation.pk not in own_organisations(actor, partnership):
        raise ValidationError({"proposed_by_organisation": "You can make a proposal for an "
                               "organisation you represent here; brokers and platform admins "
                               "can make one for any member."})


def _closing_time(closes_at, notice_days: int) -> dt.datetime:
    now = timezone.now()
    if closes_at is None:
        raise ValidationError({"closes_at": _("Say when the proposal closes.")})
    if timezone.is_naive(closes_at):
        closes_at = timezone.make_aware(closes_at)
    if closes_at <= now:
        raise ValidationError({"closes_at": _("The closing time must be in the future.")})
    earliest = now + dt.timedelta(days=notice_days)
    if notice_days and closes_at < earliest - in_force.NOTICE_SLACK:
        raise ValidationError({"closes_at": _(
            "The decision rule gives members at least %(days)s days' notice to consult their "
            "organisations: close on or after %(earliest)s (UTC).") % {
                "days": notice_days,
                "earliest": f"{timezone.localtime(earliest):%d %b %Y %H:%M}"}})
    if closes_at > now + dt.timedelta(days=MAX_OPEN_DAYS):
        raise ValidationError({"closes_at": _("A proposal closes within a year.")})
    return closes_at


@transaction.atomic
def create_proposal(actor, partnership: Partnership, *, title: str, text: str,
                    proposed_by_organisation, closes_at, kind: str = ProposalKind.MOTION,
                    options=(), meeting=None) -> Proposal:
    """Make a proposal. Its rule, quorum, majority, weights and minimum notice come from the
    agreed partnering agreement (the platform's default while nothing is agreed): the
    proposer does not choose them."""
    access = access_for(actor, partnership)
    _require(access.can_contribute)
    _require_active(partnership)
    if kind not in ProposalKind.values:
        raise ValidationError({"kind": "Choose a motion or a choice among options."})
    _proposer_organisation(actor, partnership, access, proposed_by_organisation)
    if meeting is not None and meeting.partnership_id != partnership.pk:
        raise ValidationError({"meeting": "That meeting belongs to another partnership."})
    current = rule_in_force(partnership)
    closes_at = _closing_time(closes_at, current.notice_days)
    data = {"title": (title or "").strip(), "text": (text or "").strip(), "kind": kind,
            "options": _clean_options(kind, options),
            "proposed_by_organisation": proposed_by_organisation,
            "closes_at": closes_at, "meeting": meeting, "status": ProposalStatus.OPEN}
    person = getattr(actor, "person", None)
    if person and person.organisation_id == proposed_by_organisation.pk:
        data["proposed_by_person"] = person
    settings = _resolve_rule(partnership, current)
    data.update(settings)
    proposal = Proposal(partnership=partnership, created_by=actor)
    _require_quorum_reachable(partnership, settings)
    return save_audited(actor, proposal, data, fields=PROPOSAL_FIELDS,
                        partnership_id=partnership.pk, action="proposal.opened",
                        summary=f"{proposed_by_organisation} proposed “{data['title'][:200]}”")


def _require_open(proposal: Proposal) -> None:
    if proposal.status != ProposalStatus.OPEN:
        raise ValidationError(f"This proposal is {proposal.get_status_display().lower()}; "
                              "positions can no longer be taken or changed.")
    if proposal.closes_at <= timezone.now():
        raise ValidationError("This proposal closed for positions on "
                              f"{timezone.localtime(proposal.closes_at):%d %b %Y at %H:%M}.")


def _mandated_representative(actor, proposal: Proposal, organisation) -> Representative:
    """The actor's representation of `organisation`, which must carry a mandate to decide.
    Admins and brokers cannot take positions for members; nobody for another organisation."""
    _require(actor.is_authenticated)
    membership = Membership.objects.filter(partnership_id=proposal.partnership_id,
                                           organisation=organisation).first()
    if membership is None:
        raise ValidationError({"organisation": f"{organisation} is not a member of this "
                               "partnership."})
    rep = Representative.objects.filter(membership=membership, person__user=actor,
                                        has_mandate=True).select_related("person").first()
    _require(rep is not None)
    if membership.role == MemberRole.OBSERVER:
        raise ValidationError({"organisation": "Observers follow decisions but do not take "
                               "positions."})
    return rep


def _default_organisation(actor, proposal: Proposal):
    orgs = mandated_organisations(actor, proposal.partnership)
    _require(bool(orgs))
    if len(orgs) > 1:
        raise ValidationError({"organisation": "You have a mandate for several members here: "
                               "say for which organisation you take this position."})
    return Membership.objects.get(partnership_id=proposal.partnership_id,
                                  organisation_id=orgs[0]).organisation


def _position_data(proposal: Proposal, stance: str, option: str, reason: str) -> dict:
    stance, option, reason = (stance or "").strip(), (option or "").strip(), \
        (reason or "").strip()
    if stance == Stance.BLOCK:
        if proposal.rule != DecisionRule.CONSENT:
            raise ValidationError({"stance": "A block is a reasoned objection under the consent "
                                   "rule; this proposal is decided by "
                                   f"{RULE_LABELS[proposal.rule].split(':')[0].lower()}. "
                                   "Disagree instead, and say why."})
        if not reason:
            raise ValidationError({"reason": "A block needs a reasoned objection: say what "
                                   "harm the proposal would do."})
        return {"stance": stance, "option": "", "reason": reason}
    if proposal.kind == ProposalKind.OPTIONS:
        if option:
            if stance:
                raise ValidationError({"stance": "Choose an option or abstain, not both."})
            if option not in proposal.options:
                raise ValidationError({"option": f"“{option[:200]}” is not one of the options "
                                       "offered."})
            return {"stance": "", "option": option, "reason": reason}
        if stance != Stance.ABSTAIN:
            raise ValidationError({"option": "Choose one of the options, or abstain."})
        return {"stance": stance, "option": "", "reason": reason}
    if option:
        raise ValidationError({"option": "This is a motion: agree, abstain or disagree."})
    if stance not in (Stance.AGREE, Stance.ABSTAIN, Stance.DISAGREE):
        raise ValidationError({"stance": "Agree, abstain or disagree."})
    return {"stance": stance, "option": "", "reason": reason}


@transaction.atomic
def take_position(actor, proposal: Proposal, *, organisation=None, stance: str = "",
                  option: str = "", reason: str = "") -> tuple[Position, bool]:
    """Take or change a member organisation's position. Only a representative of that
    organisation with a mandate to decide may; until the proposal closes."""
    if organisation is None:
        organisation = _default_organisation(actor, proposal)
    rep = _mandated_representative(actor, proposal, organisation)
    _require_active(proposal.partnership)
    _require_open(proposal)
    data = _position_data(proposal, stance, option, reason)
    data["person"] = rep.person
    position = Position.objects.filter(proposal=proposal, organisation=organisation).first()
    created = position is None
    if created:
        position = Position(proposal=proposal, organisation=organisation)
    position.taken_by = actor
    said = data["option"] or Stance(data["stance"]).label.split(" (")[0].lower()
    save_audited(actor, position, data, fields=POSITION_FIELDS,
                 partnership_id=proposal.partnership_id,
                 summary=f"{organisation}: {said} on “{proposal.title[:200]}”")
    return position, created


@transaction.atomic
def add_comment(actor, proposal: Proposal, *, text: str) -> Comment:
    """Anyone taking part may comment, including representatives without a mandate and
    brokers."""
    partnership = proposal.partnership
    _require(access_for(actor, partnership).can_contribute)
    _require_active(partnership)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write the comment."})
    person = getattr(actor, "person", None)
    organisation = None
    if person and person.organisation_id and partnership.memberships.filter(
            organisation_id=person.organisation_id).exists():
        organisation = person.organisation
    comment = Comment(proposal=proposal, person=person, organisation=organisation,
                      author=actor,
                      author_name=(actor.get_full_name() or actor.get_username())[:200])
    return save_audited(actor, comment, {"text": text}, fields=["text"],
                        partnership_id=partnership.pk,
                        summary=f"Comment on “{proposal.title[:200]}”")


def ballots_of(proposal: Proposal) -> list[rules.Ballot]:
    return [rules.Ballot(org, stance, option) for org, stance, option in
            proposal.positions.values_list("organisation_id", "stance", "option")]


def _tally(proposal: Proposal, result: rules.Result, voting: list[int]) -> dict:
    by_member = {
        str(org): {"organisation": name, "stance": stance, "option": option}
        for org, name, stance, option in proposal.positions.filter(
            organisation_id__in=voting).values_list("organisation_id", "organisation__name",
                                                    "stance", "option")
    }
    return {**result.tally, "rule": proposal.rule, "quorum_percent": proposal.quorum_percent,
            "by_member": by_member}


@transaction.atomic
def close_proposal(actor, proposal: Proposal, *, review_date: dt.date | None = None,
                   note: str = "") -> Decision:
    """Decide the proposal by its rule, once its closing time has passed or every voting
    member has taken a position, and record the decision."""
    partnership = proposal.partnership
    _require(access_for(actor, partnership).can_manage)
    _require_active(partnership)
    if proposal.status != ProposalStatus.OPEN:
        raise ValidationError(f"This proposal is already {proposal.get_status_display().lower()}.")
    voting = list(voting_memberships(partnership).values_list("organisation_id", flat=True))
    taken = set(proposal.positions.values_list("organisation_id", flat=True))
    waiting = [org for org in voting if org not in taken]
    now = timezone.now()
    if proposal.closes_at > now and waiting:
        raise ValidationError(
            f"Positions are open until {timezone.localtime(proposal.closes_at):%d %b %Y at %H:%M}"
            f" and {len(waiting)} of {len(voting)} members have not taken one yet. Close it "
            "then, or once every member has taken a position.")
    today = timezone.localdate()
    if review_date is not None and review_date < today:
        raise ValidationError({"review_date": "The review date cannot be in the past."})
    result = rules.decide(proposal.rule, voters_of(proposal, voting), ballots_of(proposal),
                          quorum_percent=proposal.quorum_percent,
                          majority_percent=proposal.majority_percent, kind=proposal.kind,
                          options=proposal.options)
    note = (note or "").strip()
    reasoning = f"{result.reasoning}\n\n{note}" if note else result.reasoning
    decision = Decision(proposal=proposal, partnership=partnership, tally=_tally(
        proposal, result, voting), decided_at=now, recorded_by=actor)
    save_audited(actor, decision, {
        "outcome": result.outcome, "chosen_option": result.chosen_option,
        "reasoning": reasoning, "review_date": review_date or default_review_date(today),
    }, fields=DECISION_FIELDS, partnership_id=partnership.pk,
        summary=f"“{proposal.title[:200]}”: {decision_label(result)}")
    save_audited(actor, proposal, {"status": ProposalStatus.DECIDED}, fields=["status"],
                 partnership_id=partnership.pk, action="proposal.decided")
    return decision


def decision_label(result: rules.Result) -> str:
    label = Outcome(result.outcome).label
    return f"{label}: {result.chosen_option}" if result.chosen_option else label


@transaction.atomic
def withdraw_proposal(actor, proposal: Proposal, *, reason: str) -> Proposal:
    partnership = proposal.partnership
    _require(access_for(actor, partnership).can_manage)
    _require_active(partnership)
    if proposal.status != ProposalStatus.OPEN:
        raise ValidationError(f"This proposal is already {proposal.get_status_display().lower()}.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the proposal is withdrawn."})
    return save_audited(actor, proposal, {"status": ProposalStatus.WITHDRAWN},
                        fields=["status"], partnership_id=partnership.pk,
                        summary=f"Withdrawn: {reason}")


# --- Actions ------------------------------------------------------------------------------

def _validate_action(partnership: Partnership, action: Action) -> None:
    errors = {}
    owner = action.owner_organisation
    if owner is not None and not partnership.memberships.filter(organisation=owner).exists():
        errors["owner_organisation"] = f"{owner} is not a member of this partnership."
    person = action.owner_person
    if person is not None and owner is not None and person.organisation_id != owner.pk:
        errors["owner_person"] = f"{person} is not registered with {owner}."
    if action.decision is not None and action.decision.partnership_id != partnership.pk:
        errors["decision"] = "That decision belongs to another partnership."
    if action.meeting is not None and action.meeting.partnership_id != partnership.pk:
        errors["meeting"] = "That meeting belongs to another partnership."
    if action.status not in ActionStatus.values:
        errors["status"] = "Use open, in_progress, done or dropped."
    if errors:
        raise ValidationError(errors)


def _save_action(actor, action: Action, data: dict, summary: str = "") -> Action:
    data = dict(data)
    for name in ("title", "description"):
        if name in data:
            data[name] = (data[name] or "").strip()
    candidate = copy.copy(action)  # validate first; save_audited compares with the original
    for name, value in data.items():
        setattr(candidate, name, value)
    _validate_action(action.partnership, candidate)
    if candidate.status in FINISHED:
        data["completed_at"] = action.completed_at or timezone.now()
    else:
        data["completed_at"] = None
    return save_audited(actor, action, data, fields=ACTION_FIELDS,
                        partnership_id=action.partnership_id, summary=summary,
                        action="action.assigned" if action.pk is None else "")


def is_owner(user, action: Action) -> bool:
    """The owner person, or anyone speaking for the owner organisation here."""
    if not user.is_authenticated:
        return False
    if action.owner_person_id and action.owner_person.user_id == user.pk:
        return True
    return action.owner_organisation_id in own_organisations(user, action.partnership)


@transaction.atomic
def create_action(actor, partnership: Partnership, **data) -> Action:
    """Any member (and the brokers) may record an action and who owes it."""
    _require(access_for(actor, partnership).can_contribute)
    _require_active(partnership)
    data.setdefault("status", ActionStatus.OPEN)
    action = Action(partnership=partnership, created_by=actor)
    owner = data.get("owner_organisation")
    return _save_action(actor, action, data,
                        summary=f"{owner} owes “{(data.get('title') or '').strip()[:200]}”")


@transaction.atomic
def update_action(actor, action: Action, **data) -> Action:
    """Stewards change anything; the owner organisation and person update the status."""
    access = access_for(actor, action.partnership)
    if not access.can_manage:
        _require(is_owner(actor, action) and set(data) <= {"status"})
    _require_active(action.partnership)
    return _save_action(actor, action, data)


@transaction.atomic
def delete_action(actor, action: Action) -> None:
    _require(access_for(actor, action.partnership).can_manage)
    _require_active(action.partnership)
    record(actor, "delete", action, partnership_id=action.partnership_id,
           summary=f"Action “{action.title[:200]}” deleted")
    action.delete()
