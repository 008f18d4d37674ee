"""/api/v1/partnerships/{id}/proposals, /decisions and /actions: decisions by the
partnership's own rule and shared accountability. Mounted by the root API (partnering/api.py);
the schemas are in decisions/schemas.py."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from partnering.governance.decisions import queries, services
from partnering.governance.decisions.members import own_organisations
from partnering.governance.decisions.schemas import (
    ActionFilters,
    ActionIn,
    ActionOut,
    ActionPatch,
    CommentIn,
    CommentOut,
    DecisionOut,
    PositionIn,
    PositionOut,
    ProposalCloseIn,
    ProposalDetailOut,
    ProposalFilters,
    ProposalIn,
    ProposalOut,
    ProposalWithdrawIn,
)
from partnering.governance.models import Action, Proposal
from partnering.partnerships.access import visible_partnership
from partnering.partnerships.models import Partnership
from partnering.registry.models import Organisation, Person
from partnering.schemas import READ_ERRORS, WRITE_ERRORS, LimitOffsetPagination, require_user

# Listed under governance too, as when this router was mounted inside the power balance one.
router = Router(tags=["governance", "decisions and actions"])
NO_SUCH = {"decision": gettext_lazy("No such decision in this partnership."),
           "meeting": gettext_lazy("No such meeting in this partnership.")}
EMPTY = gettext_lazy("This field cannot be empty.")
# A field left out of a PATCH stays as it is; sent as null, it is refused with this reason.
NOT_EMPTY = {"title": EMPTY, "description": EMPTY, "due_date": EMPTY,
             "status": gettext_lazy("Choose a status."),
             "owner_organisation_id": gettext_lazy("An action needs an owner.")}


def _proposal(request, partnership_id: int, proposal_id: int) -> Proposal:
    partnership = visible_partnership(request, partnership_id)
    proposal = get_object_or_404(partnership.proposals, pk=proposal_id)
    proposal.partnership = partnership
    return proposal


def _action(request, partnership_id: int, action_id: int) -> Action:
    partnership = visible_partnership(request, partnership_id)
    action = get_object_or_404(partnership.actions, pk=action_id)
    action.partnership = partnership
    return action


# --- Proposals ----------------------------------------------------------------------------

def _detail(proposal: Proposal) -> dict:
    partnership = proposal.partnership
    row = queries.first(queries.proposal_rows(partnership,
                                              partnership.proposals.filter(pk=proposal.pk)))
    decision = queries.first(queries.decision_rows(
        partnership, partnership.decisions.filter(proposal=proposal)))
    return {**row, "positions": queries.position_rows(proposal),
            "comments": list(queries.comment_rows(proposal)), "decision": decision}


def _own_single(request, partnership: Partnership) -> Organisation:
    own = own_organisations(request.user, partnership)
    if len(own) != 1:
        raise ValidationError({"proposed_by_organisation_id": _("Say which member organisation "
                                 "makes the proposal.")})
    return Organisation.objects.get(pk=own.pop())


def _member_organisation(organisation_id: int, field: str) -> Organisation:
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise ValidationError({field: _("Unknown organisation.")})
    return organisation


@router.get("/{partnership_id}/proposals", response={200: list[ProposalOut], **READ_ERRORS},
            summary="Proposals, with who has not yet taken a position",
            description="`?closing_within_hours=48` lists open proposals about to close: the "
                        "reminders.")
@paginate(LimitOffsetPagination)
def list_proposals(request, partnership_id: int, filters: Query[ProposalFilters]):
    partnership = visible_partnership(request, partnership_id)
    return queries.proposal_rows(partnership, queries.proposal_list(
        partnership, status=filters.status or "", kind=filters.kind or "",
        closing_within_hours=filters.closing_within_hours))


@router.post("/{partnership_id}/proposals", response={201: ProposalDetailOut, **WRITE_ERRORS},
             summary="Make a proposal",
             description="The rule, quorum, majority, weights and minimum notice are copied "
                         "from the agreed partnering agreement (the platform's default while "
                         "none is agreed); a body naming `rule`, `quorum_percent`, "
                         "`majority_percent`, `weights` or `notice_days` is refused (422), and "
                         "so is a closing time sooner than the notice. A rule that cannot reach "
                         "quorum with the members whose "
                         "representatives have a mandate to decide is refused (422).")
def create_proposal(request, partnership_id: int, payload: ProposalIn):
    require_user(request)
    partnership = visible_partnership(request, partnership_id)
    if payload.proposed_by_organisation_id is None:
        organisation = _own_single(request, partnership)
    else:
        organisation = _member_organisation(payload.proposed_by_organisation_id,
                                            "proposed_by_organisation_id")
    meeting = None
    if payload.meeting_id is not None:
        meeting = partnership.meetings.filter(pk=payload.meeting_id).first()
        if meeting is None:
            raise ValidationError({"meeting_id": _("No such meeting in this partnership.")})
    proposal = services.create_proposal(
        request.user, partnership, title=payload.title, text=payload.text,
        kind=payload.kind.value, options=payload.options,
        proposed_by_organisation=organisation, closes_at=payload.closes_at, meeting=meeting)
    proposal.partnership = partnership
    return Status(201, _detail(proposal))


@router.get("/{partnership_id}/proposals/{proposal_id}",
            response={200: ProposalDetailOut, **READ_ERRORS},
            summary="A proposal with its positions, comments and decision")
def get_proposal(request, partnership_id: int, proposal_id: int):
    return _detail(_proposal(request, partnership_id, proposal_id))


@router.get("/{partnership_id}/proposals/{proposal_id}/positions",
            response={200: list[PositionOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_positions(request, partnership_id: int, proposal_id: int):
    return queries.position_rows(_proposal(request, partnership_id, proposal_id))


@router.post("/{partnership_id}/proposals/{proposal_id}/positions",
             response={200: PositionOut, 201: PositionOut, **WRITE_ERRORS},
             summary="Take or change a member organisation's position",
             description="Only a representative of that organisation with a mandate to "
                         "decide; never for another organisation (admins and brokers "
                         "neither). Until the proposal closes. 201 when taken, 200 when "
                         "changed. `block` only under the consent rule, with a reason; for "
                         "a choice among options give `option`, or `stance: abstain`.")
def take_position(request, partnership_id: int, proposal_id: int, payload: PositionIn):
    require_user(request)
    proposal = _proposal(request, partnership_id, proposal_id)
    organisation = None
    if payload.organisation_id is not None:
        organisation = _member_organisation(payload.organisation_id, "organisation_id")
    position, created = services.take_position(
        request.user, proposal, organisation=organisation,
        stance=payload.stance.value if payload.stance else "", option=payload.option,
        reason=payload.reason)
    row = next(r for r in queries.position_rows(proposal) if r["id"] == position.pk)
    return Status(201 if created else 200, row)


@router.get("/{partnership_id}/proposals/{proposal_id}/comments",
            response={200: list[CommentOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_comments(request, partnership_id: int, proposal_id: int):
    return queries.comment_rows(_proposal(request, partnership_id, proposal_id))


@router.post("/{partnership_id}/proposals/{proposal_id}/comments",
             response={201: CommentOut, **WRITE_ERRORS},
             summary="Comment on a proposal (representatives with or without a mandate, "
                     "brokers)")
def add_comment(request, partnership_id: int, proposal_id: int, payload: CommentIn):
    require_user(request)
    proposal = _proposal(request, partnership_id, proposal_id)
    comment = services.add_comment(request.user, proposal, text=payload.text)
    return Status(201, queries.first(queries.comment_rows(proposal,
                                                          proposal.comments.filter(pk=comment.pk))))


@router.post("/{partnership_id}/proposals/{proposal_id}/close",
             response={201: DecisionOut, **WRITE_ERRORS},
             summary="Decide the proposal by its rule and record the decision",
             description="Stewards (lead partner, brokers, admins), once the closing time has "
                         "passed or every voting member has taken a position.")
def close_proposal(request, partnership_id: int, proposal_id: int, payload: ProposalCloseIn):
    require_user(request)
    proposal = _proposal(request, partnership_id, proposal_id)
    decision = services.close_proposal(request.user, proposal, review_date=payload.review_date,
                                       note=payload.note)
    return Status(201, queries.first(queries.decision_rows(
        proposal.partnership, proposal.partnership.decisions.filter(pk=decision.pk))))


@router.post("/{partnership_id}/proposals/{proposal_id}/withdraw",
             response={200: ProposalDetailOut, **WRITE_ERRORS},
             summary="Withdraw an open proposal (stewards), saying why")
def withdraw_proposal(request, partnership_id: int, proposal_id: int, payload: ProposalWithdrawIn):
    require_user(request)
    proposal = _proposal(request, partnership_id, proposal_id)
    services.withdraw_proposal(request.user, proposal, reason=payload.reason)
    return _detail(proposal)


@router.get("/{partnership_id}/decisions", response={200: list[DecisionOut], **READ_ERRORS},
            summary="The decision log, newest first")
@paginate(LimitOffsetPagination)
def list_decisions(request, partnership_id: int):
    return queries.decision_rows(visible_partnership(request, partnership_id))


# --- Actions ------------------------------------------------------------------------------

def _refuse_empty(raw: dict) -> None:
    for name, message in NOT_EMPTY.items():
        if name in raw and raw[name] is None:
            raise ValidationError({name: message})


def _person(request, person_id: int | None) -> Person | None:
    if person_id is None:
        return None
    person = Person.objects.visible_to(request.user).filter(pk=person_id).first()
    if person is None:
        raise ValidationError({"owner_person_id": _("Unknown person.")})
    return person


def _links(partnership: Partnership, raw: dict) -> dict:
    """The decision and meeting an action follows from, of this partnership."""
    data = {}
    for name, related in (("decision", partnership.decisions),
                          ("meeting", partnership.meetings)):
        key = f"{name}_id"
        if key not in raw:
            continue
        data[name] = None if raw[key] is None else related.filter(pk=raw[key]).first()
        if raw[key] is not None and data[name] is None:
            raise ValidationError({key: NO_SUCH[name]})
    return data


def _action_data(request, partnership: Partnership, payload: Schema, partial: bool) -> dict:
    raw = payload.dict(exclude_unset=partial)
    _refuse_empty(raw)
    data = {name: raw[name] for name in ("title", "description", "due_date") if name in raw}
    if "status" in raw:
        data["status"] = getattr(raw["status"], "value", raw["status"])
    if "owner_organisation_id" in raw:
        data["owner_organisation"] = _member_organisation(raw["owner_organisation_id"],
                                                          "owner_organisation_id")
    if "owner_person_id" in raw:
        data["owner_person"] = _person(request, raw["owner_person_id"])
    data.update(_links(partnership, raw))
    return data


def _action_row(action: Action) -> dict:
    return queries.first(queries.action_rows(Action.objects.filter(pk=action.pk)))


@router.get("/{partnership_id}/actions", response={200: list[ActionOut], **READ_ERRORS},
            summary="Actions and who owes them",
            description="`?overdue=true` lists overdue actions (past due, neither done nor "
                        "dropped); `?owner=` an organisation's.")
@paginate(LimitOffsetPagination)
def list_actions(request, partnership_id: int, filters: Query[ActionFilters]):
    partnership = visible_partnership(request, partnership_id)
    return queries.action_rows(queries.action_list(
        partnership, overdue=filters.overdue, owner=filters.owner,
        status=filters.status.value if filters.status else ""))


@router.post("/{partnership_id}/actions", response={201: ActionOut, **WRITE_ERRORS},
             summary="Record an action: what, who owes it, by when")
def create_action(request, partnership_id: int, payload: ActionIn):
    require_user(request)
    partnership = visible_partnership(request, partnership_id)
    action = services.create_action(request.user, partnership,
                                    **_action_data(request, partnership, payload, False))
    return Status(201, _action_row(action))


@router.get("/{partnership_id}/actions/{action_id}", response={200: ActionOut, **READ_ERRORS})
def get_action(request, partnership_id: int, action_id: int):
    return _action_row(_action(request, partnership_id, action_id))


@router.patch("/{partnership_id}/actions/{action_id}", response={200: ActionOut, **WRITE_ERRORS},
              summary="Update an action",
              description="The owner organisation's representatives and the owner person "
                          "update the status; stewards change anything.")
def update_action(request, partnership_id: int, action_id: int, payload: ActionPatch):
    require_user(request)
    action = _action(request, partnership_id, action_id)
    services.update_action(request.user, action,
                           **_action_data(request, action.partnership, payload, True))
    return _action_row(action)


@router.delete("/{partnership_id}/actions/{action_id}", response={204: None, **WRITE_ERRORS},
               summary="Delete an action (stewards)")
def delete_action(request, partnership_id: int, action_id: int):
    require_user(request)
    services.delete_action(request.user, _action(request, partnership_id, action_id))
    return Status(204, None)
