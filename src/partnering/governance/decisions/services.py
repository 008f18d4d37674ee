"""Decisions and shared accountability: one function per thing a user does, each in a
transaction with its audit record. Views, the API, the demo and tests call these.

Proposals, positions, comments and decisions live here; who carries which action too. Who
decides is in members.py, what a proposal or position must satisfy in checks.py, and the
rules themselves are plain functions in rules.py."""

import calendar
import copy
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnering.audit.services import record, save_audited
from partnering.formats import local_datetime
from partnering.governance.decisions import checks, in_force, rules
from partnering.governance.decisions.members import (
    own_organisations,
    voters_of,
    voting_memberships,
)
from partnering.governance.models import Action, Comment, Decision, Position, Proposal
from partnering.governance.vocabulary import (
    ActionStatus,
    Outcome,
    ProposalKind,
    ProposalStatus,
    Stance,
)
from partnering.guards import require, require_active
from partnering.partnerships.access import access_for
from partnering.partnerships.models import Partnership

PROPOSAL_FIELDS = ["title", "text", "kind", "options", "proposed_by_organisation",
                   "proposed_by_person", "closes_at", "rule", "quorum_percent",
                   "majority_percent", "weights", "rule_source", "status", "meeting"]
POSITION_FIELDS = ["stance", "option", "reason", "person"]
DECISION_FIELDS = ["outcome", "chosen_option", "reasoning", "review_date"]
ACTION_FIELDS = ["title", "description", "owner_organisation", "owner_person", "due_date",
                 "status", "decision", "meeting"]
FINISHED = (ActionStatus.DONE, ActionStatus.DROPPED)
REVIEW_MONTHS = 6
CLOSED = gettext_lazy("This partnership is closed; nothing more can change in it.")


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def default_review_date(today: dt.date | None = None) -> dt.date:
    return add_months(today or timezone.localdate(), REVIEW_MONTHS)


def rule_in_force(partnership: Partnership) -> in_force.RuleInForce:
    """The rule, quorum, majority, weights and minimum notice every proposal here follows: the
    agreed partnering agreement's, or the platform's default while nothing is agreed."""
    return in_force.rule_in_force(partnership)


def _may(actor, partnership: Partnership, need: str) -> None:
    """The actor may `need` ("can_contribute", "can_manage") here, and it is still running."""
    require(getattr(access_for(actor, partnership), need))
    require_active(partnership, CLOSED)


def _set_status(actor, proposal: Proposal, status: str, action: str, *, summary: str = "",
                **details) -> Proposal:
    """Move the proposal to `status`, recording the named `action` with what came of it."""
    before = proposal.status
    proposal.status = status
    proposal.full_clean()
    proposal.save()
    changes = {"status": [before, status]}
    changes.update({name: [None, value] for name, value in details.items()})
    record(actor, action, proposal, changes=changes, partnership_id=proposal.partnership_id,
           summary=summary)
    return proposal


# --- Proposals ----------------------------------------------------------------------------

@transaction.atomic
def create_proposal(actor, partnership: Partnership, *, title: str, text: str,
                    proposed_by_organisation, closes_at, kind: str = ProposalKind.MOTION,
                    options=(), meeting=None) -> Proposal:
    """Make a proposal. Its rule, quorum, majority, weights and minimum notice come from the
    agreed partnering agreement (the platform's default while nothing is agreed): the
    proposer does not choose them."""
    access = access_for(actor, partnership)
    require(access.can_contribute)
    require_active(partnership, CLOSED)
    checks.check_proposal_terms(actor, partnership, access, kind=kind, meeting=meeting,
                                organisation=proposed_by_organisation)
    current = rule_in_force(partnership)
    closes_at = checks.closing_time(closes_at, current.notice_days)
    data = {"title": (title or "").strip(), "text": (text or "").strip(), "kind": kind,
            "options": checks.clean_options(kind, options),
            "proposed_by_organisation": proposed_by_organisation,
            "closes_at": closes_at, "meeting": meeting, "status": ProposalStatus.OPEN}
    person = getattr(actor, "person", None)
    if person and person.organisation_id == proposed_by_organisation.pk:
        data["proposed_by_person"] = person
    settings = checks.resolve_rule(current)
    data.update(settings)
    checks.require_quorum_reachable(partnership, settings)
    return save_audited(actor, Proposal(partnership=partnership, created_by=actor), data,
                        fields=PROPOSAL_FIELDS, partnership_id=partnership.pk,
                        action="proposal.opened",
                        summary=f"{proposed_by_organisation} proposed “{data['title'][:200]}”")


@transaction.atomic
def take_position(actor, proposal: Proposal, *, organisation=None, stance: str = "",
                  option: str = "", reason: str = "") -> tuple[Position, bool]:
    """Take or change a member organisation's position. Only a representative of that
    organisation with a mandate to decide may; until the proposal closes."""
    if organisation is None:
        organisation = checks.default_organisation(actor, proposal)
    rep = checks.mandated_representative(actor, proposal, organisation)
    require_active(proposal.partnership, CLOSED)
    checks.require_open(proposal)
    data = checks.position_data(proposal, stance, option, reason)
    data["person"] = rep.person
    position = Position.objects.filter(proposal=proposal, organisation=organisation).first()
    created = position is None
    if created:
        position = Position(proposal=proposal, organisation=organisation)
    position.taken_by = actor
    said = data["option"] or Stance(data["stance"]).label.split(" (")[0].lower()
    save_audited(actor, position, data, fields=POSITION_FIELDS,
                 partnership_id=proposal.partnership_id, action="proposal.position_taken",
                 summary=f"{organisation}: {said} on “{proposal.title[:200]}”")
    return position, created


@transaction.atomic
def add_comment(actor, proposal: Proposal, *, text: str) -> Comment:
    """Anyone taking part may comment, including representatives without a mandate and
    brokers."""
    partnership = proposal.partnership
    _may(actor, partnership, "can_contribute")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the comment.")})
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


def _require_closable(proposal: Proposal, voting: list[int], review_date,
                      now: dt.datetime) -> None:
    """Closing time passed, or every voting member has taken a position; a review ahead."""
    checks.require_still_open(proposal)
    taken = set(proposal.positions.values_list("organisation_id", flat=True))
    waiting = [org for org in voting if org not in taken]
    if proposal.closes_at > now and waiting:
        raise ValidationError(_(
            "Positions are open until %(when)s and %(waiting)s of %(voting)s members have not "
            "taken one yet. Close it then, or once every member has taken a position.") % {
                "when": local_datetime(proposal.closes_at),
                "waiting": len(waiting), "voting": len(voting)})
    if review_date is not None and review_date < timezone.localdate():
        raise ValidationError({"review_date": _("The review date cannot be in the past.")})


@transaction.atomic
def close_proposal(actor, proposal: Proposal, *, review_date: dt.date | None = None,
                   note: str = "") -> Decision:
    """Decide the proposal by its rule, once its closing time has passed or every voting
    member has taken a position, and record the decision."""
    partnership = proposal.partnership
    _may(actor, partnership, "can_manage")
    voting = list(voting_memberships(partnership).values_list("organisation_id", flat=True))
    now = timezone.now()
    _require_closable(proposal, voting, review_date, now)
    result = rules.decide(proposal.rule, voters_of(proposal, voting), ballots_of(proposal),
                          quorum_percent=proposal.quorum_percent,
                          majority_percent=proposal.majority_percent, kind=proposal.kind,
                          options=proposal.options)
    note = (note or "").strip()
    decision = Decision(proposal=proposal, partnership=partnership, tally=_tally(
        proposal, result, voting), decided_at=now, recorded_by=actor)
    save_audited(actor, decision, {
        "outcome": result.outcome, "chosen_option": result.chosen_option,
        "reasoning": f"{result.reasoning}\n\n{note}" if note else result.reasoning,
        "review_date": review_date or default_review_date(),
    }, fields=DECISION_FIELDS, partnership_id=partnership.pk,
        summary=f"“{proposal.title[:200]}”: {decision_label(result)}")
    _set_status(actor, proposal, ProposalStatus.DECIDED, "proposal.decided",
                summary=f"Decided: {decision_label(result)}", decision=decision.pk,
                outcome=result.outcome, chosen_option=result.chosen_option,
                review_date=decision.review_date.isoformat())
    return decision


def decision_label(result: rules.Result) -> str:
    label = Outcome(result.outcome).label
    return f"{label}: {result.chosen_option}" if result.chosen_option else label


@transaction.atomic(durable=True)
def withdraw_proposal(actor, proposal: Proposal, *, reason: str) -> Proposal:
    _may(actor, proposal.partnership, "can_manage")
    checks.require_still_open(proposal)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the proposal is withdrawn.")})
    return _set_status(actor, proposal, ProposalStatus.WITHDRAWN, "proposal.withdrawn",
                       summary=f"Withdrawn: {reason}", reason=reason)


# --- Actions ------------------------------------------------------------------------------

def _validate_action(partnership: Partnership, action: Action) -> None:
    errors = {}
    owner = action.owner_organisation
    if owner is not None and not partnership.memberships.filter(organisation=owner).exists():
        errors["owner_organisation"] = _("%(organisation)s is not a member of this "
                                         "partnership.") % {"organisation": owner}
    person = action.owner_person
    if person is not None and owner is not None and person.organisation_id != owner.pk:
        errors["owner_person"] = _("%(person)s is not registered with %(organisation)s.") % {
            "person": person, "organisation": owner}
    if action.decision is not None and action.decision.partnership_id != partnership.pk:
        errors["decision"] = _("That decision belongs to another partnership.")
    if action.meeting is not None and action.meeting.partnership_id != partnership.pk:
        errors["meeting"] = _("That meeting belongs to another partnership.")
    if action.status not in ActionStatus.values:
        errors["status"] = _("Use open, in_progress, done or dropped.")
    if errors:
        raise ValidationError(errors)


def _moment(before: Action, after: Action) -> str:
    """The named audit action of a change: an action created or given another owner is
    assigned, one marked done completed; anything else is a plain update."""
    if before.pk is None:
        return "action.assigned"
    if after.status == ActionStatus.DONE and before.status != ActionStatus.DONE:
        return "action.completed"
    if (before.owner_organisation_id, before.owner_person_id) != (
            after.owner_organisation_id, after.owner_person_id):
        return "action.assigned"
    return ""


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
                        action=_moment(action, candidate))


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
    _may(actor, partnership, "can_contribute")
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
        require(is_owner(actor, action) and set(data) <= {"status"})
    require_active(action.partnership, CLOSED)
    return _save_action(actor, action, data)


@transaction.atomic(durable=True)
def delete_action(actor, action: Action) -> None:
    _may(actor, action.partnership, "can_manage")
    record(actor, "delete", action, partnership_id=action.partnership_id,
           summary=f"Action “{action.title[:200]}” deleted")
    action.delete()
